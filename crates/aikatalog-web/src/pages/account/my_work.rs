//! "Mit arbejde" (`/mit-arbejde`, `/en/my-work`): the signed-in editor's organisation's entries
//! by where they stand — drafts, rejected (with the curator's reason), submitted, published with
//! a pending change, published, archived. A curator sees the review queue: every organisation's
//! submitted entries. The lists come from the same storage query as the API's `GET /me/entries`.
//! Below them, for editors (their organisation's) and curators (everyone's) alike, the published
//! entries whose review date has passed and those due within the notice period, from the same
//! query as `GET /api/v1/reviews/due`.

use actix_web::HttpResponse;
use aikatalog_domain::ReviewState;
use aikatalog_domain::{EntryKind, PublicationState};
use aikatalog_storage::models::entries::{self, EntryRow, WorkFilter};
use aikatalog_storage::models::reviews::{self, DueFilter};
use aikatalog_storage::models::revisions::RevisionRow;
use askama::Template;
use chrono::NaiveDate;

use crate::account::session::{SignedIn, Viewer};
use crate::error::WebError;
use crate::format;
use crate::lang::{Label, Lang};
use crate::site::{Layout, Site, blocking, page, respond};
use crate::urls::{Page, Urls};

/// More entries than any organisation has; the page is a list, not a search.
const MAX_ITEMS: i64 = 1000;

pub struct WorkItem {
    pub title: String,
    pub kind: &'static str,
    pub owner: String,
    pub updated: String,
    /// The public page, when the public sees the entry.
    pub href: Option<String>,
    /// The curator's reason, for a rejected entry.
    pub reason: Option<String>,
    pub review_on: Option<String>,
    /// The entry's edit form.
    pub edit_href: String,
}

pub struct Group {
    pub id: &'static str,
    pub heading: &'static str,
    pub items: Vec<WorkItem>,
}

#[derive(Template)]
#[template(path = "account/my_work.html")]
struct MyWorkPage {
    l: Layout,
    groups: Vec<Group>,
    intro: String,
    /// Suggested corrections the viewer answers for (`super::corrections`).
    corrections: super::corrections::CorrectionLists,
    /// "Ny anvendelse", "Ny algoritme": the new-entry forms.
    new_links: Vec<(String, &'static str)>,
}

pub async fn show(lang: Lang, site: Site, SignedIn(viewer): SignedIn) -> HttpResponse {
    respond(lang, render(lang, site, &viewer).await)
}

/// Which group an entry belongs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    Draft,
    Rejected,
    Submitted,
    PendingChange,
    Published,
    Archived,
}

fn standing(row: &EntryRow, newest: &RevisionRow) -> Standing {
    match row.state() {
        PublicationState::Draft if newest.transition == "reject" => Standing::Rejected,
        // An edit of a published entry is a draft revision beside the public one (the
        // workflow's pending change), not a new draft.
        PublicationState::Draft if row.is_public() && row.has_pending_change() => {
            Standing::PendingChange
        }
        PublicationState::Draft => Standing::Draft,
        PublicationState::Submitted => Standing::Submitted,
        PublicationState::Published if row.has_pending_change() => Standing::PendingChange,
        PublicationState::Published => Standing::Published,
        PublicationState::Archived => Standing::Archived,
    }
}

/// The review date the entry's newest document states, if any.
fn review_on(row: &EntryRow, kind: EntryKind) -> Option<NaiveDate> {
    let doc = entries::stored_value_of(kind, &row.document).ok()?;
    doc.get("review_on")?.as_str()?.parse().ok()
}

async fn render(lang: Lang, site: Site, viewer: &Viewer) -> Result<HttpResponse, WebError> {
    let filter = WorkFilter {
        // A curator's list is the review queue; an editor's is their organisation's entries.
        owner: (!viewer.is_curator())
            .then(|| viewer.org.as_ref().map(ToString::to_string))
            .flatten(),
        kind: None,
        states: if viewer.is_curator() {
            vec![PublicationState::Submitted]
        } else {
            Vec::new()
        },
    };
    if !viewer.is_curator() && filter.owner.is_none() {
        // An editor's session always names an organisation (checked when it is read).
        return Err(WebError::NotFound);
    }
    let db = site.db().clone();
    let policy = site.reviews();
    let today = chrono::Utc::now().date_naive();
    let due_filter = DueFilter {
        owner: filter.owner.clone(),
        state: None,
    };
    let (rows, due_reviews) = blocking(move || {
        Ok(db.read(|c| {
            let (rows, _) = entries::list_work(c, &filter, MAX_ITEMS, 0)?;
            Ok((rows, reviews::list_due(c, &policy, &due_filter, today)?))
        })?)
    })
    .await?;
    let cat = site.catalogue().await?;
    let corrections = {
        let (db, cat, viewer, lang) = (site.db().clone(), cat.clone(), viewer.clone(), lang);
        blocking(move || super::corrections::lists(&db, &cat, &viewer, lang)).await?
    };
    let u = Urls { lang };
    let heading = |s: Standing| match s {
        Standing::Draft => lang.pick("Kladder", "Drafts"),
        Standing::Rejected => lang.pick("Sendt tilbage af kurator", "Returned by a curator"),
        Standing::Submitted => lang.pick("Indsendt til gennemsyn", "Submitted for review"),
        Standing::PendingChange => lang.pick(
            "Offentliggjort, med en ændring der venter",
            "Published, with a change waiting",
        ),
        Standing::Published => lang.pick("Offentliggjort", "Published"),
        Standing::Archived => lang.pick("Arkiveret", "Archived"),
    };
    let order = [
        Standing::Rejected,
        Standing::Draft,
        Standing::Submitted,
        Standing::PendingChange,
        Standing::Published,
        Standing::Archived,
    ];
    let mut groups: Vec<Group> = order
        .iter()
        .map(|&s| Group {
            id: match s {
                Standing::Draft => "drafts",
                Standing::Rejected => "rejected",
                Standing::Submitted => "submitted",
                Standing::PendingChange => "pending",
                Standing::Published => "published",
                Standing::Archived => "archived",
            },
            heading: heading(s),
            items: Vec::new(),
        })
        .collect();
    for (row, newest) in rows {
        let Some(kind) = EntryKind::parse(&row.kind) else {
            continue;
        };
        let s = standing(&row, &newest);
        let review = review_on(&row, kind);
        let item = || WorkItem {
            title: row.title.clone(),
            kind: kind.label(lang),
            owner: cat
                .organisation(&row.owner_code)
                .map_or_else(|| row.owner_code.clone(), |o| o.name.clone()),
            updated: format::date(row.updated_at.date(), lang),
            href: row.is_public().then(|| match kind {
                EntryKind::UseCase => u.use_case(&row.slug),
                EntryKind::Algorithm => u.algorithm(&row.slug),
            }),
            reason: (s == Standing::Rejected)
                .then(|| newest.message.clone())
                .flatten(),
            review_on: review.map(|d| format::date(d, lang)),
            edit_href: u.edit_entry(kind, &row.slug),
        };
        if let Some(i) = order.iter().position(|&o| o == s) {
            groups[i].items.push(item());
        }
    }
    for (state, id, heading) in [
        (
            ReviewState::Overdue,
            "overdue",
            lang.pick("Gennemgangsdatoen er overskredet", "Past their review date"),
        ),
        (
            ReviewState::Due,
            "due",
            lang.pick("Skal snart gennemgås", "Due for review soon"),
        ),
    ] {
        let items = due_reviews
            .iter()
            .filter(|d| d.state == state)
            .filter_map(|d| {
                let kind = EntryKind::parse(&d.entry.kind)?;
                Some(WorkItem {
                    title: d.entry.title.clone(),
                    kind: kind.label(lang),
                    owner: cat
                        .organisation(&d.entry.owner_code)
                        .map_or_else(|| d.entry.owner_code.clone(), |o| o.name.clone()),
                    updated: format::date(d.entry.updated_at.date(), lang),
                    href: Some(u.entry(kind, &d.entry.slug)),
                    reason: None,
                    review_on: Some(format::date(d.review_on, lang)),
                    edit_href: u.edit_entry(kind, &d.entry.slug),
                })
            })
            .collect();
        groups.push(Group { id, heading, items });
    }
    let intro = if viewer.is_curator() {
        lang.pick(
            "Indsendte use cases og algoritmer fra alle organisationer, der venter på gennemsyn."
                .to_owned(),
            "Use cases and algorithms from every organisation waiting for review.".to_owned(),
        )
    } else {
        let org = viewer
            .org_name
            .clone()
            .or_else(|| viewer.org.as_ref().map(ToString::to_string))
            .unwrap_or_default();
        lang.pick(
            format!("Alle {org}s use cases og algoritmer, også dem offentligheden ikke ser."),
            format!(
                "All of {org}'s use cases and algorithms, including those the public does not see."
            ),
        )
    };
    let template = MyWorkPage {
        l: Layout::new(
            lang,
            &Page::MyWork,
            "",
            if viewer.is_curator() {
                lang.pick("Til gennemsyn", "Review queue")
            } else {
                lang.pick("Mit arbejde", "My work")
            },
        ),
        groups: groups
            .into_iter()
            .filter(|g| viewer.is_curator() || !g.items.is_empty() || g.id == "drafts")
            .collect(),
        intro,
        corrections,
        new_links: vec![
            (
                u.new_entry(EntryKind::UseCase),
                lang.pick("Ny anvendelse (use case)", "New use case"),
            ),
            (
                u.new_entry(EntryKind::Algorithm),
                lang.pick("Ny algoritme", "New algorithm"),
            ),
        ],
    };
    page(lang, &template)
}
