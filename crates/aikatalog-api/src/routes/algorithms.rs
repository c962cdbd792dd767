//! The routes under `/algorithms/{id}`: create, read, change, move through the workflow,
//! history, adoption and similar algorithms, each a thin, concretely typed function over the
//! generic implementation for every entry kind. `use_cases.rs` has the same set (and explains how
//! to add a route).
//!
//! The public list (`GET /algorithms`, in `entries`, with search parameters) is registered in
//! `routes::configure`.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, put, web};
use aikatalog_domain::Algorithm;
use aikatalog_domain::EntryKind;
use serde_json::Value;
use utoipa_actix_web::service_config::ServiceConfig;

use super::adoptions::{self, AdoptionList, AdoptionRequest};
use super::history::{self, DiffQuery, RevisionDetail, RevisionDiff, RevisionList};
use super::search::{self, Similar, SimilarQuery};
use super::transitions::{self, TransitionBody, TransitionPath};
use super::{editing, entries};
use crate::AppState;
use crate::auth::{MaybePrincipal, Principal};
use crate::error::ApiError;

/// Registers the algorithm routes.
pub fn register(cfg: &mut ServiceConfig<'_>) {
    cfg.service(create)
        .service(read)
        .service(replace)
        .service(merge_patch)
        .service(transition)
        .service(revisions)
        .service(revision)
        .service(diff)
        .service(adopt)
        .service(similar);
}

#[utoipa::path(
    tag = "algorithms", operation_id = "create_algorithm",
    summary = "Create an algorithm (as a draft)",
    description = "Editors create entries owned by their own organisation; curators for any. The entry starts as a draft, invisible to the public.",
    request_body = Algorithm,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created; `Location` names it and `ETag` is its first revision.", body = Algorithm,
         headers(("ETag" = String), ("Location" = String))),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[post("/algorithms")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Principal,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    editing::create::<Algorithm>(state.db.clone(), caller, body.into_inner(), "algorithms").await
}

#[utoipa::path(
    tag = "algorithms", operation_id = "get_algorithm",
    summary = "Read an algorithm",
    description = "The public sees the published revision. The owner's editors and curators see the newest revision (perhaps a draft or a pending change); its `ETag` is what `If-Match` needs.",
    params(("id" = String, Path, description = "The entry's slug or id")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The entry, with read-only `meta`.", body = Algorithm, headers(("ETag" = String))),
        crate::openapi::EntryReadErrors,
    )
)]
#[get("/algorithms/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    caller: MaybePrincipal,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    entries::get_one::<Algorithm>(state.db.clone(), caller.0, id.into_inner()).await
}

#[utoipa::path(
    tag = "algorithms", operation_id = "replace_algorithm",
    summary = "Replace an algorithm",
    description = "Full replace with a new revision. A document read with GET can be sent back unchanged (`meta` is ignored). Editing a published entry creates a pending revision; the public keeps the published one until a curator publishes.",
    params(("id" = String, Path, description = "The entry's slug or id"), ("If-Match" = String, Header, description = "The ETag of the revision the change is based on")),
    request_body = Algorithm,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The new revision.", body = Algorithm, headers(("ETag" = String))),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        crate::openapi::EntryChangeErrors,
    )
)]
#[put("/algorithms/{id}")]
pub async fn replace(
    state: web::Data<AppState>,
    caller: Principal,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let (db, id, body) = (state.db.clone(), id.into_inner(), body.into_inner());
    editing::replace::<Algorithm>(db, caller, req, id, body).await
}

#[utoipa::path(
    tag = "algorithms", operation_id = "patch_algorithm",
    summary = "Change part of an algorithm (JSON merge patch)",
    description = "RFC 7396 merge patch on the newest revision: fields present replace, `null` removes. The result is validated as a whole.",
    params(("id" = String, Path, description = "The entry's slug or id"), ("If-Match" = String, Header, description = "The ETag of the revision the change is based on")),
    request_body(content = Object, content_type = "application/merge-patch+json"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The new revision.", body = Algorithm, headers(("ETag" = String))),
        crate::openapi::EntryChangeErrors,
    )
)]
#[patch("/algorithms/{id}")]
pub async fn merge_patch(
    state: web::Data<AppState>,
    caller: Principal,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let (db, id, body) = (state.db.clone(), id.into_inner(), body.into_inner());
    editing::patch::<Algorithm>(db, caller, req, id, body).await
}

// The `action` pattern keeps any other last segment from matching (a 404, as for any unknown
// path); it lists the variants of `TransitionAction`.
#[utoipa::path(
    tag = "algorithms", operation_id = "transition_algorithm",
    summary = "Submit, publish, reject, archive or restore an algorithm",
    description = transitions::DESCRIPTION,
    params(TransitionPath, ("If-Match" = String, Header, description = "The ETag of the current revision")),
    request_body(content = Option<TransitionBody>, description = transitions::BODY_DESCRIPTION),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The entry after the transition.", body = Algorithm, headers(("ETag" = String))),
        crate::openapi::EntryChangeErrors,
    )
)]
#[post("/algorithms/{id}/{action:submit|publish|reject|archive|restore}")]
pub async fn transition(
    state: web::Data<AppState>,
    caller: Principal,
    req: HttpRequest,
    path: web::Path<TransitionPath>,
    body: crate::body::OptionalJson<TransitionBody>,
) -> Result<HttpResponse, ApiError> {
    let (db, path) = (state.db.clone(), path.into_inner());
    transitions::transition::<Algorithm>(db, caller, req, path, body.0).await
}

#[utoipa::path(
    tag = "algorithms", operation_id = "list_algorithm_revisions",
    summary = "The history of an algorithm",
    description = "Every revision, oldest first, a page at a time (`limit`, `offset`; `next` links the next page). The public sees the published revisions only and no actors.",
    params(("id" = String, Path, description = "The entry's slug or id"), crate::paging::PageQuery),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The revisions.", body = RevisionList),
        crate::openapi::EntryReadErrors,
    )
)]
#[get("/algorithms/{id}/revisions")]
pub async fn revisions(
    state: web::Data<AppState>,
    caller: MaybePrincipal,
    id: web::Path<String>,
    page: web::Query<crate::paging::PageQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    history::list::<Algorithm>(
        state.db.clone(),
        caller.0,
        id.into_inner(),
        page.into_inner(),
        req.path().to_owned(),
    )
    .await
}

#[utoipa::path(
    tag = "algorithms", operation_id = "get_algorithm_revision",
    summary = "One revision of an algorithm",
    params(("id" = String, Path, description = "The entry's slug or id"), ("n" = i64, Path, description = "A revision number")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The revision with its full document.", body = RevisionDetail),
        crate::openapi::EntryReadErrors,
    )
)]
#[get("/algorithms/{id}/revisions/{n}")]
pub async fn revision(
    state: web::Data<AppState>,
    caller: MaybePrincipal,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, n) = path.into_inner();
    history::get::<Algorithm>(state.db.clone(), caller.0, id, n).await
}

#[utoipa::path(
    tag = "algorithms", operation_id = "diff_algorithm_revision",
    summary = "What changed between two revisions",
    description = "Field-level changes from `against` (by default the previous visible revision) to `n`.",
    params(("id" = String, Path, description = "The entry's slug or id"), ("n" = i64, Path, description = "A revision number"), DiffQuery),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The changed fields.", body = RevisionDiff),
        (status = 400, response = crate::openapi::BadRequest),
        crate::openapi::EntryReadErrors,
    )
)]
#[get("/algorithms/{id}/revisions/{n}/diff")]
pub async fn diff(
    state: web::Data<AppState>,
    caller: MaybePrincipal,
    path: web::Path<(String, i64)>,
    query: web::Query<DiffQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, n) = path.into_inner();
    history::compare::<Algorithm>(state.db.clone(), caller.0, id, n, query.into_inner()).await
}

#[utoipa::path(
    tag = "algorithms", operation_id = "adopt_algorithm",
    summary = "Declare that an organisation reuses this algorithm",
    description = "The caller's organisation (or, for curators, the one named) reuses the published entry; it is shown under `meta.adopted_by`.",
    params(("id" = String, Path, description = "The entry's slug or id")),
    request_body = AdoptionRequest,
    security(("bearer" = [])),
    responses(
        (status = 400, response = crate::openapi::BadRequest),
        (status = 201, description = "All adoptions of the entry.", body = AdoptionList),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[post("/algorithms/{id}/adoptions")]
pub async fn adopt(
    state: web::Data<AppState>,
    caller: Principal,
    id: web::Path<String>,
    body: web::Json<AdoptionRequest>,
) -> Result<HttpResponse, ApiError> {
    let (db, id, body) = (state.db.clone(), id.into_inner(), body.into_inner());
    adoptions::adopt::<Algorithm>(db, caller, id, body).await
}

/// Published algorithms most like this one.
#[utoipa::path(
    tag = "search", operation_id = "similar_algorithms",
    params(("id" = String, Path, description = "The algorithm's id or slug."), SimilarQuery),
    responses(
        (status = 200, description = "The most similar published algorithms, best first.", body = Similar),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/algorithms/{id}/similar")]
pub async fn similar(
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: web::Query<SimilarQuery>,
) -> Result<HttpResponse, ApiError> {
    search::similar(
        &state,
        EntryKind::Algorithm,
        id.into_inner(),
        query.into_inner(),
    )
    .await
}
