//! Curators maintain the reference data: `PUT /categories/{slug}`, `/domains/{slug}` and
//! `/organisations/{code}` create or replace one record, validated like the seed files.
//!
//! Replacing an existing record needs `If-Match` with the ETag its `GET` returned, as entries
//! do, so two curators never silently overwrite each other; every version is kept
//! (`GET …/revisions`).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, put, web};
use aikatalog_domain::validation::{validate_category, validate_domain, validate_organisation};
use aikatalog_domain::{Category, Domain, FieldError, FieldErrors, Organisation, document};
use aikatalog_storage::DbConnection;
use aikatalog_storage::models::SyncOutcome;
use aikatalog_storage::models::reference_records::{self, Base, RefKind, Stored, Synced};
use aikatalog_storage::models::reference_set::ReferenceSet;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::blocking;
use super::preconditions::{check_etag, if_match};
use crate::AppState;
use crate::auth::Curator;
use crate::error::ApiError;

/// Parses a reference document and checks its key against the URL.
fn parse<T: DeserializeOwned + utoipa::ToSchema + 'static>(
    body: Value,
    key_field: &str,
    key: &str,
) -> Result<T, ApiError> {
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
    document::read(body)
        .into_result()
        .map_err(ApiError::Invalid)
}

/// The ETag of one revision of a reference record.
pub fn reference_etag(kind: RefKind, key: &str, revision: i64) -> String {
    format!("\"{}-{key}-{revision}\"", kind.as_str())
}

/// A new record needs no `If-Match` (and matches none); an existing one needs its current ETag.
fn check_if_match(
    kind: RefKind,
    key: &str,
    stored: Option<&Stored>,
    if_match: Option<&str>,
) -> Result<(), ApiError> {
    match (stored, if_match) {
        (None, None) => Ok(()),
        (None, Some(_)) => Err(ApiError::NothingToMatch {
            what: kind.as_str(),
            key: key.to_owned(),
        }),
        (Some(s), _) => check_etag(
            if_match,
            &reference_etag(kind, key, s.revision),
            kind.as_str(),
            s.revision,
        ),
    }
}

/// The write every `PUT` shares: check `If-Match` against the stored record, then let `write`
/// validate and store `doc` based on the revision that check accepted (or on no record), all in
/// one transaction. A curator who lost a race with another gets the storage's `LostRace`,
/// answered like a stale `If-Match`.
async fn put_reference<T>(
    state: &AppState,
    req: &HttpRequest,
    curator: Curator,
    kind: RefKind,
    key: String,
    doc: T,
    write: impl FnOnce(&mut DbConnection, &T, &str, Base) -> Result<Synced, ApiError> + Send + 'static,
) -> Result<HttpResponse, ApiError>
where
    T: Serialize + Send + 'static,
{
    let if_match = if_match(req);
    let actor = curator.0.actor();
    let db = state.db.clone();
    let (synced, doc, key) = blocking(move || {
        db.write_with(|c| {
            let stored = reference_records::current(c, kind, &key)?;
            check_if_match(kind, &key, stored.as_ref(), if_match.as_deref())?;
            let synced = write(c, &doc, &actor, Base::of(stored.as_ref()))?;
            Ok((synced, doc, key))
        })
    })
    .await?;
    let mut response = match synced.outcome {
        SyncOutcome::Created => HttpResponse::Created(),
        SyncOutcome::Updated | SyncOutcome::Unchanged => HttpResponse::Ok(),
    };
    Ok(response
        .insert_header((header::ETAG, reference_etag(kind, &key, synced.revision)))
        .json(doc))
}

/// Create or replace one of the AI categories (curators only).
#[utoipa::path(
    tag = "reference",
    params(("slug" = String, Path, description = "The category's slug"), ("If-Match" = Option<String>, Header, description = "Required to replace an existing record: the ETag its GET returned. Omit it to create one.")),
    request_body = Category,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Replaced (or already so); the previous version is kept.", body = Category, headers(("ETag" = String))),
        (status = 201, description = "Created.", body = Category, headers(("ETag" = String))),
        crate::openapi::ReferenceWriteErrors,
    )
)]
#[put("/categories/{slug}")]
pub async fn put_category(
    state: web::Data<AppState>,
    req: HttpRequest,
    curator: Curator,
    slug: web::Path<String>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let doc: Category = parse(body.into_inner(), "slug", &slug)?;
    validate_category(&doc).map_err(ApiError::Invalid)?;
    put_reference(
        &state,
        &req,
        curator,
        RefKind::Category,
        slug.into_inner(),
        doc,
        |c, doc, actor, base| {
            Ok(reference_records::sync_category_based_on(
                c, doc, actor, base,
            )?)
        },
    )
    .await
}

/// Create or replace a domain (curators only). New domains are listed last.
#[utoipa::path(
    tag = "reference",
    params(("slug" = String, Path, description = "The domain's slug"), ("If-Match" = Option<String>, Header, description = "Required to replace an existing record: the ETag its GET returned. Omit it to create one.")),
    request_body = Domain,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Replaced (or already so); the previous version is kept.", body = Domain, headers(("ETag" = String))),
        (status = 201, description = "Created.", body = Domain, headers(("ETag" = String))),
        crate::openapi::ReferenceWriteErrors,
    )
)]
#[put("/domains/{slug}")]
pub async fn put_domain(
    state: web::Data<AppState>,
    req: HttpRequest,
    curator: Curator,
    slug: web::Path<String>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let doc: Domain = parse(body.into_inner(), "slug", &slug)?;
    validate_domain(&doc).map_err(ApiError::Invalid)?;
    put_reference(
        &state,
        &req,
        curator,
        RefKind::Domain,
        slug.into_inner(),
        doc,
        |c, doc, actor, base| {
            // A new domain goes last; an existing one keeps its place.
            let position = reference_records::domain_position(c, doc.slug.as_str())?;
            Ok(reference_records::sync_domain_based_on(
                c, doc, position, actor, base,
            )?)
        },
    )
    .await
}

/// Create or replace an organisation (curators only).
#[utoipa::path(
    tag = "reference",
    params(("code" = String, Path, description = "The organisation code"), ("If-Match" = Option<String>, Header, description = "Required to replace an existing record: the ETag its GET returned. Omit it to create one.")),
    request_body = Organisation,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Replaced (or already so); the previous version is kept.", body = Organisation, headers(("ETag" = String))),
        (status = 201, description = "Created.", body = Organisation, headers(("ETag" = String))),
        crate::openapi::ReferenceWriteErrors,
    )
)]
#[put("/organisations/{code}")]
pub async fn put_organisation(
    state: web::Data<AppState>,
    req: HttpRequest,
    curator: Curator,
    code: web::Path<String>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let doc: Organisation = parse(body.into_inner(), "code", &code)?;
    put_reference(
        &state,
        &req,
        curator,
        RefKind::Organisation,
        code.into_inner(),
        doc,
        |c, doc, actor, base| {
            let refs = ReferenceSet::load(c)?;
            validate_organisation(doc, &refs).map_err(ApiError::Invalid)?;
            Ok(reference_records::sync_organisation_based_on(
                c, doc, actor, base,
            )?)
        },
    )
    .await
}
