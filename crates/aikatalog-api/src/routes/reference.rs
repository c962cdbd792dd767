//! Reference data: categories, domains, organisations.

use actix_web::{HttpResponse, get, web};
use aikatalog_domain::{Category, Domain, OrgKind, Organisation};
use aikatalog_storage::models::reference as model;
use aikatalog_storage::models::reference::parse_all;
use serde::Deserialize;

use super::blocking;
use crate::AppState;
use crate::error::ApiError;
use crate::paging::List;

fn parse_one<T: serde::de::DeserializeOwned>(
    doc: Option<String>,
    what: &'static str,
    key: String,
) -> Result<T, ApiError> {
    let doc = doc.ok_or(ApiError::NotFound { what, key })?;
    serde_json::from_str(&doc).map_err(|e| ApiError::Internal(e.into()))
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
    responses((status = 200, description = "The category.", body = Category), (status = 404, response = crate::openapi::NotFound))
)]
#[get("/categories/{slug}")]
pub async fn get_category(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let db = state.db.clone();
    let slug = slug.into_inner();
    let category: Category = blocking(move || {
        let doc = db.read(|c| model::find_category(c, &slug))?;
        parse_one(doc, "category", slug)
    })
    .await?;
    Ok(HttpResponse::Ok().json(category))
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
    responses((status = 200, description = "The organisation.", body = Organisation), (status = 404, response = crate::openapi::NotFound))
)]
#[get("/organisations/{code}")]
pub async fn get_organisation(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let db = state.db.clone();
    let code = code.into_inner();
    let organisation: Organisation = blocking(move || {
        let doc = db.read(|c| model::find_organisation(c, &code))?;
        parse_one(doc, "organisation", code)
    })
    .await?;
    Ok(HttpResponse::Ok().json(organisation))
}
