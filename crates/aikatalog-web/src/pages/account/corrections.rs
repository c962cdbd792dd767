//! Suggested corrections on the work list: the open ones (an editor's organisation's, or every
//! one for a curator) with the entry, the text, the date and the suggester's e-mail if given,
//! each with a form that closes it with a reply; and the latest closed ones with their replies.
//! `/mit-arbejde/rettelser/{id}` (`/en/my-work/corrections/{id}`) shows one suggestion with its
//! form, and is where that form posts; a reply with a problem comes back there, kept.
//!
//! Who may close one is the API's rule: the owner's editors and the curators (others get 403).

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use aikatalog_domain::EntryKind;
use aikatalog_domain::correction::{self, CorrectionStatus, MAX_REPLY_CHARS};
use aikatalog_storage::Database;
use aikatalog_storage::models::corrections::{
    self as stored, AboutEntry, CorrectionFilter, CorrectionRow,
};
use askama::Template;

use crate::account::csrf::CsrfForm;
use crate::account::refusal;
use crate::account::session::{SignedIn, Viewer};
use crate::catalogue::Catalogue;
use crate::error::WebError;
use crate::format;
use crate::lang::Lang;
use crate::site::{Layout, Site, blocking, html, respond};
use crate::urls::{Page, Urls};

/// More open suggestions than anyone answers in a sitting; the list is not paged.
const MAX_OPEN: i64 = 200;
/// The closed suggestions the list still shows, newest first.
const RECENT_CLOSED: i64 = 20;

/// One suggestion as the work list shows it.
pub struct CorrectionView {
    pub id: String,
    pub entry_title: String,
    /// The entry's public page; empty when the public no longer sees it.
    pub entry_href: String,
    pub owner: String,
    pub text: String,
    pub email: Option<String>,
    pub date: String,
    /// Where the closing form posts.
    pub close_href: String,
    pub reply: Option<String>,
    pub closed_on: Option<String>,
}

/// The open and the recently closed suggestions the viewer answers for.
pub struct CorrectionLists {
    pub open: Vec<CorrectionView>,
    pub closed: Vec<CorrectionView>,
    pub csrf: String,
}

/// The organisation whose suggestions `viewer` answers for; `None` for a curator (all).
fn owner_filter(viewer: &Viewer) -> Option<String> {
    (!viewer.is_curator())
        .then(|| viewer.org.as_ref().map(ToString::to_string))
        .flatten()
}

/// `public`: whether the public sees the entry (its page is linked).
fn view(
    row: CorrectionRow,
    entry: AboutEntry,
    public: bool,
    cat: &Catalogue,
    lang: Lang,
) -> CorrectionView {
    let u = Urls { lang };
    let kind = EntryKind::parse(&entry.kind);
    CorrectionView {
        entry_href: match kind {
            Some(EntryKind::UseCase) if public => u.use_case(&entry.slug),
            Some(EntryKind::Algorithm) if public => u.algorithm(&entry.slug),
            _ => String::new(),
        },
        owner: cat
            .organisation(&entry.owner_code)
            .map_or_else(|| entry.owner_code.clone(), |o| o.name.clone()),
        entry_title: entry.title,
        text: row.text,
        email: row.email,
        date: format::date(row.created_at.date(), lang),
        close_href: Page::Correction(row.id.clone()).path(lang),
        reply: row.reply,
        closed_on: row.closed_at.map(|t| format::date(t.date(), lang)),
        id: row.id,
    }
}

/// Each suggestion with whether the public sees its entry.
fn with_public(
    c: &mut aikatalog_storage::DbConnection,
    rows: Vec<(CorrectionRow, AboutEntry)>,
) -> diesel::QueryResult<Vec<(CorrectionRow, AboutEntry, bool)>> {
    rows.into_iter()
        .map(|(row, entry)| {
            let public = match EntryKind::parse(&entry.kind) {
                Some(kind) => {
                    !aikatalog_storage::models::entries::public_by_slugs(c, kind, &[&entry.slug])?
                        .is_empty()
                }
                None => false,
            };
            Ok((row, entry, public))
        })
        .collect()
}

/// The lists for "Mit arbejde" (call off the async workers).
pub fn lists(
    db: &Database,
    cat: &Catalogue,
    viewer: &Viewer,
    lang: Lang,
) -> Result<CorrectionLists, WebError> {
    let owner = owner_filter(viewer);
    let (open, closed) = db.read(|c| {
        let filter = |status| CorrectionFilter {
            owner: owner.clone(),
            status: Some(status),
        };
        let (open, _) = stored::list(c, &filter(CorrectionStatus::Open), MAX_OPEN, 0)?;
        let (closed, _) = stored::list(c, &filter(CorrectionStatus::Closed), RECENT_CLOSED, 0)?;
        Ok((with_public(c, open)?, with_public(c, closed)?))
    })?;
    let to_views = |rows: Vec<(CorrectionRow, AboutEntry, bool)>| {
        rows.into_iter()
            .map(|(row, entry, public)| view(row, entry, public, cat, lang))
            .collect()
    };
    Ok(CorrectionLists {
        open: to_views(open),
        closed: to_views(closed),
        csrf: viewer.csrf_token.clone(),
    })
}

#[derive(Template)]
#[template(path = "account/correction.html")]
struct CorrectionPage {
    l: Layout,
    c: CorrectionView,
    open: bool,
    csrf: String,
    reply: String,
    reply_error: Option<String>,
    max_chars: usize,
}

/// Registers the page of one suggestion and its closing form, in both languages.
pub fn routes(cfg: &mut web::ServiceConfig) {
    for lang in [Lang::Da, Lang::En] {
        let pattern = crate::urls::ReusePatterns::of(lang).correction;
        cfg.route(&pattern, crate::get().to(show))
            .route(&pattern, web::post().to(close));
    }
}

fn forbidden(lang: Lang) -> HttpResponse {
    refusal::page(
        lang,
        StatusCode::FORBIDDEN,
        lang.pick("Ikke jeres forslag", "Not your suggestion"),
        lang.pick(
            "Forslaget handler om en anden organisations use case eller algoritme. Kun dens redaktører og kuratorerne kan se og lukke det.",
            "The suggestion is about another organisation's use case or algorithm. Only its editors and the curators can see and close it.",
        ),
    )
}

/// The suggestion `id` if the viewer answers for it: `Ok(None)` when they may not.
async fn load(
    site: &Site,
    viewer: &Viewer,
    id: String,
    lang: Lang,
) -> Result<Option<(CorrectionView, bool)>, WebError> {
    let db = site.db().clone();
    let found = blocking(move || Ok(db.read(|c| stored::find(c, &id))?)).await?;
    let (row, entry) = found.ok_or(WebError::NotFound)?;
    if !viewer.may_edit(&entry.owner_code) {
        return Ok(None);
    }
    let open = row.status() == CorrectionStatus::Open;
    let (db, about) = (site.db().clone(), entry);
    let (entry, public) = blocking(move || {
        let public = match EntryKind::parse(&about.kind) {
            Some(kind) => db.read_with(|c| crate::public::is_public(c, kind, &about.slug))?,
            None => false,
        };
        Ok((about, public))
    })
    .await?;
    let cat = site.catalogue().await?;
    Ok(Some((view(row, entry, public, &cat, lang), open)))
}

fn render(lang: Lang, status: StatusCode, page: CorrectionPage) -> Result<HttpResponse, WebError> {
    Ok(html(lang, status, page.render()?))
}

fn page(lang: Lang, c: CorrectionView, open: bool, viewer: &Viewer) -> CorrectionPage {
    CorrectionPage {
        l: Layout::new(
            lang,
            &Page::Correction(c.id.clone()),
            "",
            format!(
                "{}: {}",
                lang.pick("Forslag til rettelse", "Suggested correction"),
                c.entry_title
            ),
        ),
        c,
        open,
        csrf: viewer.csrf_token.clone(),
        reply: String::new(),
        reply_error: None,
        max_chars: MAX_REPLY_CHARS,
    }
}

async fn show(
    lang: Lang,
    site: Site,
    SignedIn(viewer): SignedIn,
    id: web::Path<String>,
) -> HttpResponse {
    let result = async {
        match load(&site, &viewer, id.into_inner(), lang).await? {
            None => Ok(forbidden(lang)),
            Some((c, open)) => render(lang, StatusCode::OK, page(lang, c, open, &viewer)),
        }
    };
    respond(lang, result.await)
}

async fn close(
    lang: Lang,
    site: Site,
    SignedIn(viewer): SignedIn,
    id: web::Path<String>,
    form: CsrfForm,
) -> HttpResponse {
    let result = async {
        let id = id.into_inner();
        let Some((c, open)) = load(&site, &viewer, id.clone(), lang).await? else {
            return Ok(forbidden(lang));
        };
        let typed = form.get("reply").unwrap_or_default().to_owned();
        let mut again = page(lang, c, open, &viewer);
        if !open {
            return render(lang, StatusCode::CONFLICT, again);
        }
        let reply = match correction::check_reply(&typed) {
            Ok(reply) => reply,
            Err(errors) => {
                again.reply_error = errors.0.first().map(|e| match e.code.as_str() {
                    "missing_field" => lang
                        .pick(
                            "Skriv et svar: hvad der er rettet, eller hvorfor intet er.",
                            "Write a reply: what was corrected, or why nothing was.",
                        )
                        .to_owned(),
                    "length" => lang.pick(
                        format!("Svaret må højst have {MAX_REPLY_CHARS} tegn."),
                        format!("The reply may have at most {MAX_REPLY_CHARS} characters."),
                    ),
                    _ => lang
                        .pick(
                            "Svaret indeholder tegn, der ikke kan gemmes (kontroltegn eller tegn, der vender skriftretningen).",
                            "The reply contains characters that cannot be stored (control characters or characters that reverse the writing direction).",
                        )
                        .to_owned(),
                });
                again.reply = typed;
                return render(lang, StatusCode::UNPROCESSABLE_ENTITY, again);
            }
        };
        let db = site.db().clone();
        let actor = viewer.caller().actor();
        let closed = {
            let id = id.clone();
            blocking(move || Ok(db.write(|c| stored::close(c, &id, &reply, &actor))?)).await?
        };
        if !closed {
            // Closed by someone else meanwhile: show their reply.
            let Some((c, open)) = load(&site, &viewer, id, lang).await? else {
                return Ok(forbidden(lang));
            };
            return render(lang, StatusCode::CONFLICT, page(lang, c, open, &viewer));
        }
        Ok(HttpResponse::SeeOther()
            .insert_header((
                header::LOCATION,
                format!("{}#corrections", Page::MyWork.path(lang)),
            ))
            .finish())
    };
    respond(lang, result.await)
}
