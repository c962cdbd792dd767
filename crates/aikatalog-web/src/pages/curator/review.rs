//! One entry's review (`/kurator/gennemgang/{kind}/{slug}`): what it is, where it stands, its
//! changes field by field against what the public sees (or against nothing, for an entry never
//! published), and the workflow's steps a curator may take from here as forms. Each form
//! carries the revision shown; the step is taken on that revision or not at all (`act.rs`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use aikatalog_domain::EntryKind;
use aikatalog_domain::workflow::{self, Action, Situation};
use aikatalog_storage::models::entries::{self, EntryRow};
use aikatalog_storage::models::revisions::{self, RevisionRow};
use askama::Template;

use super::actor;
use super::changes::{self, ChangeRow};
use crate::account::curator::SignedInCurator;
use crate::error::WebError;
use crate::format;
use crate::lang::{Label, Lang};
use crate::site::{Layout, Site, blocking, html, respond};
use crate::urls::{Page, Urls, kind_of_word};

/// A sentence at the top of the page: what just happened, or why nothing did.
pub struct Notice {
    /// `done` (a step was taken) or `problem` (it was not).
    pub class: &'static str,
    pub text: String,
}

/// What a refused form asks the page to show besides the entry.
#[derive(Default)]
pub struct FormState {
    pub notice: Option<Notice>,
    /// The reason typed for a rejection, kept when the form is shown again.
    pub reason: String,
    pub reason_error: Option<String>,
    /// Why the entry cannot be published yet (fields it must state), as "field: message".
    pub problems: Vec<String>,
}

#[derive(Template)]
#[template(path = "curator/review.html")]
struct ReviewPage {
    l: Layout,
    title: String,
    kind: &'static str,
    owner: String,
    state: &'static str,
    revision: i64,
    /// What this review is about, in a sentence.
    summary: String,
    last_change: String,
    last_message: Option<String>,
    rows: Vec<ChangeRow>,
    public_href: Option<String>,
    json_href: Option<String>,
    queue_href: String,
    action_href: String,
    csrf: String,
    can_publish: bool,
    can_reject: bool,
    can_archive: bool,
    can_restore: bool,
    form: FormState,
}

/// The facts about the entry the workflow needs, as the publishing service reads them.
fn situation(row: &EntryRow) -> Situation {
    Situation {
        state: row.state(),
        has_published: row.published_document.is_some(),
        pending: row.published_document.is_none() || row.has_pending_change(),
    }
}

/// Whether the workflow allows `action` on the entry as it stands.
pub fn allows(row: &EntryRow, action: Action) -> bool {
    workflow::apply(situation(row), action).is_ok()
}

/// The entry a review page names, with its newest revision; `NotFound` for an unknown kind
/// word or entry.
pub async fn load(
    site: &Site,
    lang: Lang,
    kind_word: &str,
    slug: String,
) -> Result<(EntryKind, EntryRow, RevisionRow), WebError> {
    let kind = kind_of_word(lang, kind_word).ok_or(WebError::NotFound)?;
    let db = site.db().clone();
    let found = blocking(move || {
        Ok(db.read(|c| {
            let Some(row) = entries::find(c, kind, &slug)? else {
                return Ok(None);
            };
            let newest = revisions::find(c, &row.id, row.revision)?;
            Ok(newest.map(|n| (row, n)))
        })?)
    })
    .await?;
    let (row, newest) = found.ok_or(WebError::NotFound)?;
    Ok((kind, row, newest))
}

pub async fn show(
    lang: Lang,
    site: Site,
    SignedInCurator(viewer): SignedInCurator,
    path: web::Path<(String, String)>,
    req: HttpRequest,
) -> HttpResponse {
    let (kind_word, slug) = path.into_inner();
    let done = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.iter().find(|(k, _)| k == "done").map(|(_, v)| v.clone()));
    let result = async {
        let (kind, row, newest) = load(&site, lang, &kind_word, slug).await?;
        let form = FormState {
            notice: done.as_deref().and_then(|d| done_notice(d, lang)),
            ..FormState::default()
        };
        render(
            lang,
            &site,
            &viewer.csrf_token,
            kind,
            &row,
            &newest,
            form,
            StatusCode::OK,
        )
        .await
    };
    respond(lang, result.await)
}

/// The confirmation after a step, read from the `done` parameter of the redirect.
fn done_notice(action: &str, lang: Lang) -> Option<Notice> {
    let text = match action {
        "publish" => lang.pick(
            "Offentliggjort. Offentligheden ser nu denne version.",
            "Published. The public now sees this version.",
        ),
        "reject" => lang.pick(
            "Sendt tilbage til redaktøren med din begrundelse.",
            "Sent back to the editor with your reason.",
        ),
        "archive" => lang.pick(
            "Arkiveret. Offentligheden ser den ikke længere.",
            "Archived. The public no longer sees it.",
        ),
        "restore" => lang.pick("Genoprettet.", "Restored."),
        _ => return None,
    };
    Some(Notice {
        class: "done",
        text: text.to_owned(),
    })
}

/// Renders the review of `row` with `form`'s notice and errors, answering `status`.
#[expect(clippy::too_many_arguments, reason = "the page's parts, each needed")]
pub async fn render(
    lang: Lang,
    site: &Site,
    csrf: &str,
    kind: EntryKind,
    row: &EntryRow,
    newest: &RevisionRow,
    form: FormState,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let cat = site.catalogue().await?;
    let u = Urls { lang };
    let pending = entries::stored_value_of(kind, &row.document)?;
    let published = row
        .published_document
        .as_deref()
        .map(|d| entries::stored_value_of(kind, d))
        .transpose()?;
    let has_change = published.as_ref() != Some(&pending);
    let rows = if has_change {
        changes::rows(published.as_ref(), &pending, &cat, lang)
    } else {
        Vec::new()
    };
    let what = kind.label(lang).to_lowercase();
    let summary = match (&published, has_change) {
        (None, _) => lang.pick(
            format!("En ny {what}, aldrig offentliggjort: alt herunder er nyt."),
            format!("A new {what}, never published: everything below is new."),
        ),
        (Some(_), true) => lang.pick(
            format!(
                "En ændring af en offentliggjort {what}. Offentligheden ser revision {} indtil ændringen offentliggøres.",
                row.published_revision.unwrap_or_default()
            ),
            format!(
                "A change to a published {what}. The public sees revision {} until the change is published.",
                row.published_revision.unwrap_or_default()
            ),
        ),
        (Some(_), false) => lang.pick(
            "Ingen ændring venter: den nyeste version er den, offentligheden ser.".to_owned(),
            "No change is waiting: the newest version is the one the public sees.".to_owned(),
        ),
    };
    let last_change = lang.pick(
        format!(
            "Seneste ændring ({}): {}, {}.",
            transition_word(&newest.transition, lang),
            actor::readable(&newest.actor, &cat, lang),
            format::date(newest.created_at.date(), lang)
        ),
        format!(
            "Last change ({}): {}, {}.",
            transition_word(&newest.transition, lang),
            actor::readable(&newest.actor, &cat, lang),
            format::date(newest.created_at.date(), lang)
        ),
    );
    let public_href = row.is_public().then(|| match kind {
        EntryKind::UseCase => u.use_case(&row.slug),
        EntryKind::Algorithm => u.algorithm(&row.slug),
    });
    let json_href = row.is_public().then(|| match kind {
        EntryKind::UseCase => u.use_case_json(&row.slug),
        EntryKind::Algorithm => u.algorithm_json(&row.slug),
    });
    let state = row.state();
    let template = ReviewPage {
        l: Layout::new(
            lang,
            &Page::Review(kind, row.slug.clone()),
            "",
            lang.pick(
                format!("Gennemgang: {}", row.title),
                format!("Review: {}", row.title),
            ),
        ),
        title: row.title.clone(),
        kind: kind.label(lang),
        owner: cat
            .organisation(&row.owner_code)
            .map_or_else(|| row.owner_code.clone(), |o| o.name.clone()),
        state: lang.pick(state.label_da(), state.label_en()),
        revision: row.revision,
        summary,
        last_change,
        last_message: newest.message.clone(),
        rows,
        public_href,
        json_href,
        queue_href: u.review_queue(),
        action_href: u.review(kind, &row.slug),
        csrf: csrf.to_owned(),
        can_publish: allows(row, Action::Publish),
        can_reject: allows(row, Action::Reject),
        can_archive: allows(row, Action::Archive),
        can_restore: allows(row, Action::Restore),
        form,
    };
    Ok(html(lang, status, template.render()?))
}

fn transition_word(transition: &str, lang: Lang) -> &str {
    match transition {
        "create" => lang.pick("oprettet", "created"),
        "update" => lang.pick("redigeret", "edited"),
        "submit" => lang.pick("indsendt", "submitted"),
        "publish" => lang.pick("offentliggjort", "published"),
        "reject" => lang.pick("sendt tilbage", "sent back"),
        "archive" => lang.pick("arkiveret", "archived"),
        "restore" => lang.pick("genoprettet", "restored"),
        "import" => lang.pick("indlæst", "imported"),
        other => other,
    }
}
