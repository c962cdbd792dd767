//! Use cases and algorithms: public lists and single entries. Both kinds share one generic
//! implementation; the route functions only name the kind.

use actix_web::{HttpResponse, get, web};
use aikatalog_domain::{Algorithm, Entry, EntryKind, UseCase};
use aikatalog_storage::Database;
use aikatalog_storage::models::entries;

use super::{blocking, search};
use crate::AppState;
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

/// Published use cases, newest first; with `q` or a filter, a search of them.
#[utoipa::path(
    tag = "use-cases",
    params(search::SearchParams),
    responses(
        (status = 200, description = "A page of published use cases; `total` counts them all. With `q` or a filter the body is a `SearchResults` of use cases instead.", body = Page<UseCase>),
        (status = 400, response = crate::openapi::BadRequest),
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
        (status = 200, description = "A page of published algorithms; `total` counts them all. With `q` or a filter the body is a `SearchResults` of algorithms instead.", body = Page<Algorithm>),
        (status = 400, response = crate::openapi::BadRequest),
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
