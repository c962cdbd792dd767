//! Other registers' formats in and out (`aikatalog-interop`): `POST /imports?format=…` takes a
//! register's file as the body (curators only) and answers with the import's report;
//! `GET /exports/{format}` writes the public catalogue, or one public use case, in a format.
//!
//! An export says which of the standard's required fields the entries could not fill in the
//! `Aikatalog-Missing-Required` header: for one entry (`?entry=`) the field names, comma
//! separated; for the whole catalogue the number of entries with gaps (ask for one entry, or run
//! `aikatalog export --format`, for each one's list).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use aikatalog_interop::{ExportError, Format, ImportError, Input, Report};
use serde::Deserialize;

use super::blocking;
use crate::AppState;
use crate::auth::Curator;
use crate::error::{ApiError, bad_parameter};

/// The largest register file accepted (the US inventory, the largest known, is about 10 MiB).
pub const MAX_IMPORT_BYTES: usize = 32 * 1024 * 1024;

/// The header that lists the required fields an export could not fill.
pub const MISSING_REQUIRED: &str = "Aikatalog-Missing-Required";

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// The register's format.
    #[param(inline)]
    format: String,
    /// Check and report without writing anything.
    #[serde(default)]
    dry_run: bool,
}

fn format_param(name: &str, raw: &str) -> Result<Format, ApiError> {
    raw.parse().map_err(|message| bad_parameter(name, message))
}

/// The body's kind, from its `Content-Type`: the format reads JSON, CSV and YAML by a file
/// name's extension; without a telling type, the format's first.
fn input_name(req: &HttpRequest) -> &'static str {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.contains("csv") {
        "request body.csv"
    } else if content_type.contains("yaml") {
        "request body.yaml"
    } else if content_type.contains("json") {
        "request body.json"
    } else {
        "request body"
    }
}

/// Import a register's file
///
/// The body is the file as the register publishes it (JSON, CSV or YAML; UTF-8 with or without
/// a BOM, or Windows-1252). Every record becomes a published use case owned by the foreign
/// body, all or nothing; the same file again changes nothing. Values that could not be mapped
/// are listed in the report and their entries marked for review.
#[utoipa::path(
    tag = "interop",
    params(ImportParams),
    request_body(description = "The register's file, as published.", content((String = "application/json"), (String = "text/csv"), (String = "application/yaml"))),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Imported (or, on a dry run, checked): what was created, changed and left, and what could not be mapped.", body = Report),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 413, response = crate::openapi::ImportTooLarge),
        (status = 422, description = "The file has problems (`problems` lists each with file, record and field); nothing was written.", body = Report),
    )
)]
#[post("/imports")]
pub async fn import(
    state: web::Data<AppState>,
    req: HttpRequest,
    _curator: Curator,
    params: web::Query<ImportParams>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let format = format_param("format", &params.format)?;
    let body = payload
        .to_bytes_limited(MAX_IMPORT_BYTES)
        .await
        .map_err(|_| ApiError::TooLarge(MAX_IMPORT_BYTES))?
        .map_err(|_| ApiError::TooLarge(MAX_IMPORT_BYTES))?;
    let input = Input {
        name: input_name(&req).to_owned(),
        bytes: body.to_vec(),
    };
    let dry_run = params.dry_run;
    let outcome = blocking(move || {
        Ok(aikatalog_interop::import(
            &state.db,
            format,
            &[input],
            dry_run,
            &mut (),
        ))
    })
    .await?;
    match outcome {
        Ok(report) => Ok(HttpResponse::Ok().json(report)),
        Err(ImportError::Invalid(report)) => Ok(HttpResponse::UnprocessableEntity().json(report)),
        Err(ImportError::Unsupported(format)) => Err(bad_parameter(
            "format",
            format!("the format {format} cannot be imported yet"),
        )),
        Err(ImportError::Storage(e)) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// Only this public use case (slug or id).
    entry: Option<String>,
}

/// Export in a register's format
///
/// The public catalogue's use cases (or one, with `entry`) in the format: an entry that came
/// from that register with every field it brought; one written here with the fields the
/// standard can hold. The `Aikatalog-Missing-Required` header says which of the standard's
/// required fields could not be filled: for one entry their names, comma separated; for the
/// catalogue the number of entries with gaps.
#[utoipa::path(
    tag = "interop",
    params(("format" = Format, Path, description = "The register's format"), ExportParams),
    responses(
        (status = 200, description = "The file: JSON for nl-algoritmeregister, uk-atrs and cz-dia, YAML for eurocities, CSV for us-omb and jrc-ai-watch.", content((serde_json::Value = "application/json"), (serde_json::Value = "application/yaml"), (String = "text/csv")), headers(("Aikatalog-Missing-Required" = String, description = "For one entry: the standard's required fields it leaves empty, comma separated (empty when none). For the catalogue: how many entries leave some empty."))),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/exports/{format}")]
pub async fn export(
    state: web::Data<AppState>,
    format: web::Path<String>,
    params: web::Query<ExportParams>,
) -> Result<HttpResponse, ApiError> {
    let format = format_param("format", &format)?;
    let entry = params.into_inner().entry;
    let key = entry.clone();
    let exported = blocking(move || {
        aikatalog_interop::export(&state.db, format, key.as_deref()).map_err(|e| match e {
            ExportError::NotFound(key) => ApiError::NotFound {
                what: "use case",
                key,
            },
            ExportError::Unsupported(format) => bad_parameter(
                "format",
                format!("the format {format} cannot be exported yet"),
            ),
            ExportError::Storage(e) => e.into(),
            ExportError::Write(e) => ApiError::Internal(anyhow::anyhow!(e)),
        })
    })
    .await?;
    let missing = match entry {
        Some(_) => exported
            .missing_required
            .first()
            .map(|m| m.fields.join(", "))
            .unwrap_or_default(),
        None => exported.missing_required.len().to_string(),
    };
    Ok(HttpResponse::Ok()
        .content_type(exported.content_type)
        .insert_header((MISSING_REQUIRED, missing))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "inline; filename=\"aikatalog-{format}.{}\"",
                exported.extension
            ),
        ))
        .body(exported.body))
}
