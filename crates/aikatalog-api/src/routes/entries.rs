//! Use cases and algorithms: public lists and single entries. Both kinds share one generic
//! implementation; the route functions only name the kind.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use aikatalog_domain::{Algorithm, Entry, EntryKind, Relation, UseCase};
use aikatalog_storage::Database;
use aikatalog_storage::models::{adoptions, entries};

use super::entry_access::{EntryReply, entry_response, load_for_read};
use super::{blocking, search};
use crate::AppState;
use crate::auth::Principal;
use crate::error::ApiError;
use crate::paging::{Page, PageQuery};

async fn list<E: Entry>(db: Database, query: PageQuery) -> Result<HttpResponse, ApiError> {
    let (limit, offset) = query.bounds()?;
    let page = blocking(move || {
        let (rows, total) = db.read(|c| entries::list_public(c, E::KIND, limit, offset))?;
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            if let Some(doc) = row.public_document::<E>()? {
                items.push(doc);
            }
        }
        Ok(Page {
            items,
            total,
            limit,
            offset,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// `GET /{kind}/{id}`: the published entry, or for its editors and curators the newest
/// revision, with who adopted it and (for an algorithm) which use cases use it.
pub async fn get_one<E: Entry>(
    db: Database,
    caller: Option<Principal>,
    key: String,
) -> Result<HttpResponse, ApiError> {
    blocking(move || {
        db.read_with(|conn| {
            let (row, mut doc, revision) = load_for_read::<E>(conn, &key, caller.as_ref())?;
            let meta = doc.meta_mut().get_or_insert_with(Default::default);
            meta.adopted_by = adoptions::for_entry(conn, &row.id)?;
            if E::KIND == EntryKind::Algorithm {
                meta.used_by = entries::public_slugs_related(
                    conn,
                    EntryKind::UseCase,
                    Relation::UsesAlgorithm,
                    &row.slug,
                )?;
            }
            Ok(entry_response(StatusCode::OK, &row, revision, &doc, None))
        })
    })
    .await
    .map(EntryReply::into_response)
}

/// Published use cases, newest first; with `q` or a filter, a search of them.
#[utoipa::path(
    tag = "use-cases",
    params(search::SearchParams),
    responses(
        (status = 200, description = "A page of published use cases; `total` counts them all. With `q` or a filter the body is a `SearchResults` of use cases instead.", body = inline(crate::paging::UseCasesOrHits)),
        (status = 400, response = crate::openapi::SearchBadRequest),
        (status = 503, response = crate::openapi::SearchTimedOut),
    )
)]
#[get("/use-cases")]
pub async fn list_use_cases(
    state: web::Data<AppState>,
    pairs: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, ApiError> {
    // With a query or a filter the list is a search (see routes/search.rs).
    if search::is_search(&pairs) {
        return search::list_kind(&state, EntryKind::UseCase, &pairs).await;
    }
    list::<UseCase>(state.db.clone(), search::page_query(&pairs)?).await
}

/// Published algorithm register entries, newest first; with `q` or a filter, a search of them.
#[utoipa::path(
    tag = "algorithms",
    params(search::SearchParams),
    responses(
        (status = 200, description = "A page of published algorithms; `total` counts them all. With `q` or a filter the body is a `SearchResults` of algorithms instead.", body = inline(crate::paging::AlgorithmsOrHits)),
        (status = 400, response = crate::openapi::SearchBadRequest),
        (status = 503, response = crate::openapi::SearchTimedOut),
    )
)]
#[get("/algorithms")]
pub async fn list_algorithms(
    state: web::Data<AppState>,
    pairs: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, ApiError> {
    if search::is_search(&pairs) {
        return search::list_kind(&state, EntryKind::Algorithm, &pairs).await;
    }
    list::<Algorithm>(state.db.clone(), search::page_query(&pairs)?).await
}
