//! The review queue (`/kurator/gennemgang`, `/en/curator/review`): every submitted entry and
//! every published entry with a change the public does not see yet, oldest first, with its
//! owner, its kind, who submitted it and when.

use actix_web::HttpResponse;
use aikatalog_domain::EntryKind;
use aikatalog_storage::models::entries;
use askama::Template;

use super::actor;
use crate::account::curator::SignedInCurator;
use crate::error::WebError;
use crate::format;
use crate::lang::{Label, Lang};
use crate::site::{Layout, Site, blocking, page, respond};
use crate::urls::{Page, Urls};

/// More than a review queue ever holds; the page is a list, not a search.
const MAX_ITEMS: i64 = 1000;

pub struct QueueItem {
    pub title: String,
    pub href: String,
    pub kind: &'static str,
    pub owner: String,
    /// "Ny" for an entry never published, "Ændring" for a change to a published one.
    pub what: &'static str,
    pub submitted_by: String,
    pub submitted_on: String,
}

#[derive(Template)]
#[template(path = "curator/queue.html")]
struct QueuePage {
    l: Layout,
    items: Vec<QueueItem>,
}

pub async fn show(lang: Lang, site: Site, _curator: SignedInCurator) -> HttpResponse {
    respond(lang, render(lang, site).await)
}

async fn render(lang: Lang, site: Site) -> Result<HttpResponse, WebError> {
    let db = site.db().clone();
    let rows = blocking(move || Ok(db.read(|c| entries::review_queue(c, MAX_ITEMS))?)).await?;
    let cat = site.catalogue().await?;
    let u = Urls { lang };
    let items = rows
        .into_iter()
        .filter_map(|(row, newest)| {
            let kind = EntryKind::parse(&row.kind)?;
            Some(QueueItem {
                href: u.review(kind, &row.slug),
                kind: kind.label(lang),
                owner: cat
                    .organisation(&row.owner_code)
                    .map_or_else(|| row.owner_code.clone(), |o| o.name.clone()),
                what: if row.published_document.is_some() {
                    lang.pick("Ændring af offentliggjort", "Change to a published entry")
                } else {
                    lang.pick("Ny", "New")
                },
                submitted_by: actor::readable(&newest.actor, &cat, lang),
                submitted_on: format::date(newest.created_at.date(), lang),
                title: row.title,
            })
        })
        .collect();
    let template = QueuePage {
        l: Layout::new(
            lang,
            &Page::ReviewQueue,
            "",
            lang.pick("Til gennemgang", "Review queue"),
        ),
        items,
    };
    page(lang, &template)
}
