//! Reference data: categories, domains, organisations.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use aikatalog_domain::{Category, Domain, OrgKind, Organisation};
use aikatalog_storage::models::reference_records as model;
use aikatalog_storage::models::reference_records::{RefKind, parse_all};
use serde::Deserialize;

use super::blocking;
use super::curation::reference_etag;
use crate::AppState;
use crate::error::ApiError;
use crate::paging::List;

/// One reference record with its ETag (which a curator's `PUT` names in `If-Match`).
async fn get_one<T>(state: &AppState, kind: RefKind, key: String) -> Result<HttpResponse, ApiError>
where
    T: serde::de::DeserializeOwned + serde::Serialize + Send + 'static,
{
    let db = state.db.clone();
    let (doc, etag): (T, String) = blocking(move || {
        let stored =
            db.read(|c| model::current(c, kind, &key))?
                .ok_or_else(|| ApiError::NotFound {
                    what: kind.as_str(),
                    key: key.clone(),
                })?;
        let doc =
            serde_json::from_str(&stored.document).map_err(|e| ApiError::Internal(e.into()))?;
        Ok((doc, reference_etag(kind, &key, stored.revision)))
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag))
        .json(doc))
}

/// KL/KOMBIT's twelve AI categories, in their order.
#[utoipa::path(tag = "reference", responses((status = 200, description = "All categories.", body = List<Category>)))]
#[get("/categories")]
pub async fn list_categories(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let db = state.db.clone();
    let items: Vec<Category> = blocking(move || {
        let docs = db.read(model::list_categories)?;
        Ok(parse_all(docs)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(List::from(items)))
}

/// One category, with its definition, examples, prerequisites and needs profile.
#[utoipa::path(
    tag = "reference",
    params(("slug" = String, Path, description = "The category's slug, e.g. `perception`")),
    responses((status = 200, description = "The category.", body = Category, headers(("ETag" = String))), (status = 404, response = crate::openapi::NotFound))
)]
#[get("/categories/{slug}")]
pub async fn get_category(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    get_one::<Category>(&state, RefKind::Category, slug.into_inner()).await
}

/// The fields of municipal work (fagområder).
#[utoipa::path(tag = "reference", responses((status = 200, description = "All domains.", body = List<Domain>)))]
#[get("/domains")]
pub async fn list_domains(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let db = state.db.clone();
    let items: Vec<Domain> = blocking(move || {
        let docs = db.read(model::list_domains)?;
        Ok(parse_all(docs)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(List::from(items)))
}

/// One field of municipal work.
#[utoipa::path(
    tag = "reference",
    params(("slug" = String, Path, description = "The domain's slug, e.g. `administration`")),
    responses((status = 200, description = "The domain.", body = Domain, headers(("ETag" = String))), (status = 404, response = crate::openapi::NotFound))
)]
#[get("/domains/{slug}")]
pub async fn get_domain(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    get_one::<Domain>(&state, RefKind::Domain, slug.into_inner()).await
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct OrganisationQuery {
    /// Only this kind: municipality, region, national_body, vendor or other.
    kind: Option<String>,
}

/// Municipalities, regions, national bodies and vendors.
#[utoipa::path(
    tag = "reference",
    params(OrganisationQuery),
    responses((status = 200, description = "The organisations.", body = List<Organisation>), (status = 400, response = crate::openapi::BadRequest))
)]
#[get("/organisations")]
pub async fn list_organisations(
    state: web::Data<AppState>,
    query: web::Query<OrganisationQuery>,
) -> Result<HttpResponse, ApiError> {
    let kind = match query.into_inner().kind {
        None => None,
        Some(k) => Some(OrgKind::parse(&k).ok_or_else(|| ApiError::BadParameter {
            parameter: "kind".into(),
            message: format!(
                "unknown organisation kind `{k}`; expected one of {}",
                OrgKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
            ),
        })?),
    };
    let db = state.db.clone();
    let items: Vec<Organisation> = blocking(move || {
        let docs = db.read(|c| model::list_organisations(c, kind))?;
        Ok(parse_all(docs)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(List::from(items)))
}

/// One organisation.
#[utoipa::path(
    tag = "reference",
    params(("code" = String, Path, description = "The organisation code, e.g. `707` for Norddjurs")),
    responses((status = 200, description = "The organisation.", body = Organisation, headers(("ETag" = String))), (status = 404, response = crate::openapi::NotFound))
)]
#[get("/organisations/{code}")]
pub async fn get_organisation(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    get_one::<Organisation>(&state, RefKind::Organisation, code.into_inner()).await
}
