//! Curators maintain the reference data: `PUT /categories/{slug}`, `/domains/{slug}` and
//! `/organisations/{code}` create or replace one record, validated like the seed files.

use actix_web::{HttpResponse, put, web};
use aikatalog_domain::validation::{validate_category, validate_domain, validate_organisation};
use aikatalog_domain::{Category, Domain, FieldError, FieldErrors, Organisation};
use aikatalog_storage::models::references::ReferenceSet;
use aikatalog_storage::models::{SyncOutcome, reference};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::blocking;
use crate::AppState;
use crate::auth::Curator;
use crate::error::ApiError;

/// Parses a reference document and checks its key against the URL.
fn parse<T: DeserializeOwned>(body: Value, key_field: &str, key: &str) -> Result<T, ApiError> {
    let given = body
        .get(key_field)
        .and_then(Value::as_str)
        .map(str::to_owned);
    if given.as_deref() != Some(key) {
        return Err(ApiError::Invalid(FieldErrors(vec![FieldError::new(
            key_field,
            "key_mismatch",
            format!("must equal `{key}` from the URL"),
        )])));
    }
    serde_path_to_error::deserialize(body).map_err(|e| {
        ApiError::Invalid(FieldErrors(vec![FieldError::new(
            e.path().to_string().trim_start_matches('.'),
            "invalid_value",
            e.inner().to_string(),
        )]))
    })
}

fn respond(outcome: SyncOutcome, doc: &impl Serialize) -> HttpResponse {
    match outcome {
        SyncOutcome::Created => HttpResponse::Created().json(doc),
        SyncOutcome::Updated | SyncOutcome::Unchanged => HttpResponse::Ok().json(doc),
    }
}

/// Create or replace one of the AI categories (curators only).
#[utoipa::path(
    tag = "reference",
    params(("slug" = String, Path, description = "The category's slug")),
    request_body = Category,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Replaced (or already so).", body = Category),
        (status = 201, description = "Created.", body = Category),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[put("/categories/{slug}")]
pub async fn put_category(
    state: web::Data<AppState>,
    _curator: Curator,
    slug: web::Path<String>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let doc: Category = parse(body.into_inner(), "slug", &slug)?;
    validate_category(&doc).map_err(ApiError::Invalid)?;
    let db = state.db.clone();
    blocking(move || {
        let outcome = db.write(|c| reference::sync_category(c, &doc))?;
        Ok((outcome, doc))
    })
    .await
    .map(|(outcome, doc)| respond(outcome, &doc))
}

/// Create or replace a domain (curators only). New domains are listed last.
#[utoipa::path(
    tag = "reference",
    params(("slug" = String, Path, description = "The domain's slug")),
    request_body = Domain,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Replaced (or already so).", body = Domain),
        (status = 201, description = "Created.", body = Domain),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[put("/domains/{slug}")]
pub async fn put_domain(
    state: web::Data<AppState>,
    _curator: Curator,
    slug: web::Path<String>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let doc: Domain = parse(body.into_inner(), "slug", &slug)?;
    validate_domain(&doc).map_err(ApiError::Invalid)?;
    let db = state.db.clone();
    blocking(move || {
        let outcome = db.write(|c| {
            // A new domain goes last; an existing one keeps its place.
            let all: Vec<Domain> = reference::list_domains(c)?
                .iter()
                .filter_map(|d| serde_json::from_str(d).ok())
                .collect();
            let position = all
                .iter()
                .position(|d| d.slug == doc.slug)
                .unwrap_or(all.len());
            reference::sync_domain(c, &doc, i32::try_from(position).unwrap_or(i32::MAX))
        })?;
        Ok((outcome, doc))
    })
    .await
    .map(|(outcome, doc)| respond(outcome, &doc))
}

/// Create or replace an organisation (curators only).
#[utoipa::path(
    tag = "reference",
    params(("code" = String, Path, description = "The organisation code")),
    request_body = Organisation,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Replaced (or already so).", body = Organisation),
        (status = 201, description = "Created.", body = Organisation),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[put("/organisations/{code}")]
pub async fn put_organisation(
    state: web::Data<AppState>,
    _curator: Curator,
    code: web::Path<String>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let doc: Organisation = parse(body.into_inner(), "code", &code)?;
    let db = state.db.clone();
    blocking(move || {
        db.write_with(|c| {
            let refs = ReferenceSet::load(c)?;
            validate_organisation(&doc, &refs).map_err(ApiError::Invalid)?;
            let outcome = reference::sync_organisation(c, &doc)?;
            Ok((outcome, doc))
        })
    })
    .await
    .map(|(outcome, doc)| respond(outcome, &doc))
}
