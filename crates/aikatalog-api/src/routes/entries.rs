//! Use cases and algorithms: public lists and single entries. Both kinds share one generic
//! implementation; the route functions only name the kind.

use actix_web::{HttpResponse, get, web};
use aikatalog_domain::{Algorithm, Entry, EntryKind, Relation, UseCase};
use aikatalog_storage::Database;
use aikatalog_storage::models::{adoptions, entries};

use super::blocking;
use crate::AppState;
use crate::error::ApiError;
use crate::paging::{Page, PageQuery};

fn what(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::UseCase => "use case",
        EntryKind::Algorithm => "algorithm",
    }
}

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

async fn get_one<E: Entry>(db: Database, key: String) -> Result<HttpResponse, ApiError> {
    let doc = blocking(move || {
        db.read_with(|c| {
            let row = entries::find(c, E::KIND, &key)?;
            // Drafts and archived entries do not exist for the public.
            let Some((row, mut doc)) = row
                .map(|r| r.public_document::<E>().map(|d| d.map(|d| (r, d))))
                .transpose()?
                .flatten()
            else {
                return Err(ApiError::NotFound {
                    what: what(E::KIND),
                    key,
                });
            };
            let meta = doc.meta_mut().get_or_insert_with(Default::default);
            meta.adopted_by = adoptions::for_entry(c, &row.id)?;
            if E::KIND == EntryKind::Algorithm {
                meta.used_by = entries::public_slugs_related(
                    c,
                    EntryKind::UseCase,
                    Relation::UsesAlgorithm,
                    &row.slug,
                )?;
            }
            Ok(doc)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(doc))
}

#[get("/use-cases")]
pub async fn list_use_cases(
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    list::<UseCase>(state.db.clone(), query.into_inner()).await
}

#[get("/use-cases/{id}")]
pub async fn get_use_case(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    get_one::<UseCase>(state.db.clone(), id.into_inner()).await
}

#[get("/algorithms")]
pub async fn list_algorithms(
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    list::<Algorithm>(state.db.clone(), query.into_inner()).await
}

#[get("/algorithms/{id}")]
pub async fn get_algorithm(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    get_one::<Algorithm>(state.db.clone(), id.into_inner()).await
}
