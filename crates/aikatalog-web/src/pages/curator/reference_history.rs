//! A reference record's history (`…/{key}/historik`, `…/{key}/history`): every version, newest
//! first, who wrote it and when, and what it changed against the version before, read from the
//! same `reference_revisions` rows the API's `GET …/revisions` serves.

use actix_web::{HttpResponse, web};
use aikatalog_storage::StorageError;
use aikatalog_storage::models::reference_history;
use askama::Template;
use serde_json::Value;

use super::actor;
use super::changes::{self, ChangeRow};
use crate::account::curator::SignedInCurator;
use crate::error::WebError;
use crate::format;
use crate::lang::Lang;
use crate::site::{Layout, Site, blocking, page, respond};
use crate::urls::{Page, Urls, ref_of_word};

pub struct Version {
    pub revision: i64,
    pub actor: String,
    pub date: String,
    pub rows: Vec<ChangeRow>,
}

#[derive(Template)]
#[template(path = "curator/reference_history.html")]
struct HistoryPage {
    l: Layout,
    versions: Vec<Version>,
    form_href: String,
}

pub async fn show(
    lang: Lang,
    site: Site,
    _curator: SignedInCurator,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    let (word, key) = path.into_inner();
    let result = async {
        let kind = ref_of_word(lang, &word).ok_or(WebError::NotFound)?;
        let db = site.db().clone();
        let k = key.clone();
        let rows = blocking(move || Ok(db.read(|c| reference_history::list(c, kind, &k))?)).await?;
        if rows.is_empty() {
            return Err(WebError::NotFound);
        }
        let cat = site.catalogue().await?;
        let docs = rows
            .iter()
            .map(|r| serde_json::from_str::<Value>(&r.document).map_err(StorageError::from))
            .collect::<Result<Vec<_>, _>>()?;
        let mut versions: Vec<Version> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| Version {
                revision: r.revision,
                actor: actor::readable(&r.actor, &cat, lang),
                date: format::date(r.created_at.date(), lang),
                rows: changes::rows(i.checked_sub(1).map(|p| &docs[p]), &docs[i], &cat, lang),
            })
            .collect();
        versions.reverse();
        let name = docs
            .last()
            .and_then(|d| {
                d.get("name")
                    .or_else(|| d.get(lang.pick("name_da", "name_en")))
            })
            .and_then(Value::as_str)
            .unwrap_or(&key)
            .to_owned();
        let template = HistoryPage {
            l: Layout::new(
                lang,
                &Page::ReferenceHistory(kind, key.clone()),
                "",
                lang.pick(format!("Historik: {name}"), format!("History: {name}")),
            ),
            versions,
            form_href: Urls { lang }.reference_record(kind, &key),
        };
        page(lang, &template)
    };
    respond(lang, result.await)
}
