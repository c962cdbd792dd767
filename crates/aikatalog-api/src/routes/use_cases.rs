//! The routes under `/use-cases/{id}`: create, read, change, move through the workflow, history,
//! adoption, similar use cases, and the algorithms a use case links to. Each route is a thin, concretely typed
//! function (so utoipa can document it) over the generic implementation for every entry kind;
//! `algorithms.rs` has the same set for algorithms. To add a route: write its function here
//! (and there, if algorithms have it too) and list it in `register`.
//!
//! The public list (`GET /use-cases`, in `entries`, with search parameters) is registered in
//! `routes::configure`.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
use aikatalog_domain::EntryKind;
use aikatalog_domain::UseCase;
use serde::Deserialize;
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

/// Registers the use case routes.
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
        .service(similar)
        .service(link_algorithm)
        .service(unlink_algorithm);
}

#[utoipa::path(
    tag = "use-cases", operation_id = "create_use_case",
    summary = "Create a use case (as a draft)",
    description = "Editors create entries owned by their own organisation; curators for any. The entry starts as a draft, invisible to the public.",
    request_body = UseCase,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created; `Location` names it and `ETag` is its first revision.", body = UseCase,
         headers(("ETag" = String), ("Location" = String))),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        (status = 422, response = crate::openapi::Unprocessable),
    )
)]
#[post("/use-cases")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Principal,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    editing::create::<UseCase>(state.db.clone(), caller, body.into_inner(), "use-cases").await
}

#[utoipa::path(
    tag = "use-cases", operation_id = "get_use_case",
    summary = "Read a use case",
    description = "The public sees the published revision. The owner's editors and curators see the newest revision (perhaps a draft or a pending change); its `ETag` is what `If-Match` needs.",
    params(("id" = String, Path, description = "The entry's slug or id")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The entry, with read-only `meta`.", body = UseCase, headers(("ETag" = String))),
        crate::openapi::EntryReadErrors,
    )
)]
#[get("/use-cases/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    caller: MaybePrincipal,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    entries::get_one::<UseCase>(state.db.clone(), caller.0, id.into_inner()).await
}

#[utoipa::path(
    tag = "use-cases", operation_id = "replace_use_case",
    summary = "Replace a use case",
    description = "Full replace with a new revision. A document read with GET can be sent back unchanged (`meta` is ignored). Editing a published entry creates a pending revision; the public keeps the published one until a curator publishes.",
    params(("id" = String, Path, description = "The entry's slug or id"), ("If-Match" = String, Header, description = "The ETag of the revision the change is based on")),
    request_body = UseCase,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The new revision.", body = UseCase, headers(("ETag" = String))),
        (status = 413, response = crate::openapi::PayloadTooLarge),
        crate::openapi::EntryChangeErrors,
    )
)]
#[put("/use-cases/{id}")]
pub async fn replace(
    state: web::Data<AppState>,
    caller: Principal,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let (db, id, body) = (state.db.clone(), id.into_inner(), body.into_inner());
    editing::replace::<UseCase>(db, caller, req, id, body).await
}

#[utoipa::path(
    tag = "use-cases", operation_id = "patch_use_case",
    summary = "Change part of a use case (JSON merge patch)",
    description = "RFC 7396 merge patch on the newest revision: fields present replace, `null` removes. The result is validated as a whole.",
    params(("id" = String, Path, description = "The entry's slug or id"), ("If-Match" = String, Header, description = "The ETag of the revision the change is based on")),
    request_body(content = Object, content_type = "application/merge-patch+json"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The new revision.", body = UseCase, headers(("ETag" = String))),
        crate::openapi::EntryChangeErrors,
    )
)]
#[patch("/use-cases/{id}")]
pub async fn merge_patch(
    state: web::Data<AppState>,
    caller: Principal,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    let (db, id, body) = (state.db.clone(), id.into_inner(), body.into_inner());
    editing::patch::<UseCase>(db, caller, req, id, body).await
}

// The `action` pattern keeps any other last segment from matching (a 404, as for any unknown
// path); it lists the variants of `TransitionAction`.
#[utoipa::path(
    tag = "use-cases", operation_id = "transition_use_case",
    summary = "Submit, publish, reject, archive or restore a use case",
    description = transitions::DESCRIPTION,
    params(TransitionPath, ("If-Match" = String, Header, description = "The ETag of the current revision")),
    request_body(content = Option<TransitionBody>, description = transitions::BODY_DESCRIPTION),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The entry after the transition.", body = UseCase, headers(("ETag" = String))),
        crate::openapi::EntryChangeErrors,
    )
)]
#[post("/use-cases/{id}/{action:submit|publish|reject|archive|restore}")]
pub async fn transition(
    state: web::Data<AppState>,
    caller: Principal,
    req: HttpRequest,
    path: web::Path<TransitionPath>,
    body: crate::body::OptionalJson<TransitionBody>,
) -> Result<HttpResponse, ApiError> {
    let (db, path) = (state.db.clone(), path.into_inner());
    transitions::transition::<UseCase>(db, caller, req, path, body.0).await
}

#[utoipa::path(
    tag = "use-cases", operation_id = "list_use_case_revisions",
    summary = "The history of a use case",
    description = "Every revision, oldest first, a page at a time (`limit`, `offset`; `next` links the next page). The public sees the published revisions only and no actors.",
    params(("id" = String, Path, description = "The entry's slug or id"), crate::paging::PageQuery),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The revisions.", body = RevisionList),
        crate::openapi::EntryReadErrors,
    )
)]
#[get("/use-cases/{id}/revisions")]
pub async fn revisions(
    state: web::Data<AppState>,
    caller: MaybePrincipal,
    id: web::Path<String>,
    page: web::Query<crate::paging::PageQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    history::list::<UseCase>(
        state.db.clone(),
        caller.0,
        id.into_inner(),
        page.into_inner(),
        req.path().to_owned(),
    )
    .await
}

#[utoipa::path(
    tag = "use-cases", operation_id = "get_use_case_revision",
    summary = "One revision of a use case",
    params(("id" = String, Path, description = "The entry's slug or id"), ("n" = i64, Path, description = "A revision number")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The revision with its full document.", body = RevisionDetail),
        crate::openapi::EntryReadErrors,
    )
)]
#[get("/use-cases/{id}/revisions/{n}")]
pub async fn revision(
    state: web::Data<AppState>,
    caller: MaybePrincipal,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, n) = path.into_inner();
    history::get::<UseCase>(state.db.clone(), caller.0, id, n).await
}

#[utoipa::path(
    tag = "use-cases", operation_id = "diff_use_case_revision",
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
#[get("/use-cases/{id}/revisions/{n}/diff")]
pub async fn diff(
    state: web::Data<AppState>,
    caller: MaybePrincipal,
    path: web::Path<(String, i64)>,
    query: web::Query<DiffQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, n) = path.into_inner();
    history::compare::<UseCase>(state.db.clone(), caller.0, id, n, query.into_inner()).await
}

#[utoipa::path(
    tag = "use-cases", operation_id = "adopt_use_case",
    summary = "Declare that an organisation reuses this use case",
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
#[post("/use-cases/{id}/adoptions")]
pub async fn adopt(
    state: web::Data<AppState>,
    caller: Principal,
    id: web::Path<String>,
    body: web::Json<AdoptionRequest>,
) -> Result<HttpResponse, ApiError> {
    let (db, id, body) = (state.db.clone(), id.into_inner(), body.into_inner());
    adoptions::adopt::<UseCase>(db, caller, id, body).await
}

/// Published use cases most like this one: shared words, categories and domains.
#[utoipa::path(
    tag = "search", operation_id = "similar_use_cases",
    params(("id" = String, Path, description = "The use case's id or slug."), SimilarQuery),
    responses(
        (status = 200, description = "The most similar published use cases, best first.", body = Similar),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
#[get("/use-cases/{id}/similar")]
pub async fn similar(
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: web::Query<SimilarQuery>,
) -> Result<HttpResponse, ApiError> {
    search::similar(
        &state,
        EntryKind::UseCase,
        id.into_inner(),
        query.into_inner(),
    )
    .await
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkBody {
    pub algorithm: String,
}

/// Adds or removes an algorithm slug in a use case's `algorithms` list. A stored use case is
/// always an object; were it not, the unchanged document would be refused by validation.
fn relink(add: bool, algorithm: String) -> impl FnOnce(&mut Value) + Send {
    move |doc| {
        let list = doc
            .as_object_mut()
            .map(|o| {
                o.entry("algorithms")
                    .or_insert_with(|| Value::Array(vec![]))
            })
            .and_then(Value::as_array_mut);
        if let Some(list) = list {
            list.retain(|v| v.as_str() != Some(algorithm.as_str()));
            if add {
                list.push(Value::String(algorithm));
            }
        }
    }
}

/// `POST /use-cases/{id}/algorithms`: links an algorithm to a use case (a new revision).
#[utoipa::path(
    tag = "use-cases",
    summary = "Link an algorithm to a use case",
    description = "Adds the algorithm's slug to the use case's `algorithms`, as a new revision.",
    params(("id" = String, Path, description = "The entry's slug or id"), ("If-Match" = String, Header, description = "The ETag of the current revision")),
    request_body = LinkBody,
    security(("bearer" = [])),
    responses(
        (status = 400, response = crate::openapi::BadRequest),
        (status = 200, description = "The use case's new revision.", body = UseCase, headers(("ETag" = String))),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 412, response = crate::openapi::PreconditionFailed),
        (status = 422, response = crate::openapi::Unprocessable),
        (status = 428, response = crate::openapi::PreconditionRequired),
    )
)]
#[post("/use-cases/{id}/algorithms")]
pub async fn link_algorithm(
    state: web::Data<AppState>,
    caller: Principal,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<LinkBody>,
) -> Result<HttpResponse, ApiError> {
    let edit = relink(true, body.into_inner().algorithm);
    editing::edit_with::<UseCase>(state.db.clone(), caller, req, id.into_inner(), edit).await
}

/// `DELETE /use-cases/{id}/algorithms/{algorithm}`: unlinks it (a new revision; nothing is
/// deleted but the link).
#[utoipa::path(
    tag = "use-cases",
    summary = "Unlink an algorithm from a use case",
    description = "Removes the algorithm's slug from the use case's `algorithms`, as a new revision.",
    params(("id" = String, Path, description = "The entry's slug or id"), ("algorithm" = String, Path, description = "The algorithm's slug"),
           ("If-Match" = String, Header, description = "The ETag of the current revision")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The use case's new revision.", body = UseCase, headers(("ETag" = String))),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 412, response = crate::openapi::PreconditionFailed),
        (status = 422, response = crate::openapi::Unprocessable),
        (status = 428, response = crate::openapi::PreconditionRequired),
    )
)]
#[delete("/use-cases/{id}/algorithms/{algorithm}")]
pub async fn unlink_algorithm(
    state: web::Data<AppState>,
    caller: Principal,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, algorithm) = path.into_inner();
    let edit = relink(false, algorithm);
    editing::edit_with::<UseCase>(state.db.clone(), caller, req, id, edit).await
}
