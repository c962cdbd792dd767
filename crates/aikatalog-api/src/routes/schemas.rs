//! The JSON Schemas of the catalogue's own records, for anyone who writes or checks a document
//! outside the API: generated from the same types as the OpenAPI document (and the validation
//! every write goes through), so they cannot drift from what the API accepts and returns.

use actix_web::{HttpRequest, HttpResponse, get, web};
use aikatalog_domain::{Algorithm, UseCase, standalone_schema};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::error::ApiError;
use crate::paging::List;

/// The media type of a JSON Schema document.
const SCHEMA_JSON: &str = "application/schema+json";

/// One published schema.
#[derive(Debug, Serialize, ToSchema)]
pub struct SchemaLink {
    /// `use-case` or `algorithm`.
    pub name: &'static str,
    pub title: &'static str,
    /// Where the schema is, absolute when the server knows its public address.
    pub href: String,
}

const SCHEMAS: [(&str, &str); 2] = [
    ("use-case", "AI-kataloget use case"),
    ("algorithm", "AI-kataloget algorithm register entry"),
];

fn href(state: &AppState, req: &HttpRequest, name: &str) -> String {
    format!("{}/api/v1/schemas/{name}.json", state.origin.of(req))
}

/// The JSON Schemas of the catalogue's own records.
#[utoipa::path(
    tag = "schemas",
    responses((status = 200, description = "Every published schema.", body = List<SchemaLink>))
)]
#[get("/schemas")]
pub async fn list_schemas(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    let items: Vec<SchemaLink> = SCHEMAS
        .iter()
        .map(|(name, title)| SchemaLink {
            name,
            title,
            href: href(&state, &req, name),
        })
        .collect();
    HttpResponse::Ok().json(List::from(items))
}

fn schema_response<T: ToSchema>(
    state: &AppState,
    req: &HttpRequest,
    name: &str,
) -> Result<HttpResponse, ApiError> {
    let title = SCHEMAS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(name, |(_, t)| t);
    let schema = standalone_schema::<T>(&href(state, req, name), title)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("the {name} schema: {e}")))?;
    Ok(HttpResponse::Ok().content_type(SCHEMA_JSON).json(schema))
}

/// The JSON Schema (draft 2020-12) of a use case document, as `PUT /use-cases/{slug}` takes it
/// and `GET` returns it.
#[utoipa::path(
    tag = "schemas",
    responses((status = 200, description = "The schema.", content_type = "application/schema+json", body = Object))
)]
#[get("/schemas/use-case.json")]
pub async fn use_case_schema(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    schema_response::<UseCase>(&state, &req, "use-case")
}

/// The JSON Schema (draft 2020-12) of an algorithm register entry, as
/// `PUT /algorithms/{slug}` takes it and `GET` returns it.
#[utoipa::path(
    tag = "schemas",
    responses((status = 200, description = "The schema.", content_type = "application/schema+json", body = Object))
)]
#[get("/schemas/algorithm.json")]
pub async fn algorithm_schema(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    schema_response::<Algorithm>(&state, &req, "algorithm")
}
