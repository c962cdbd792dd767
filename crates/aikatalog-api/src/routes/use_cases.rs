//! The per-kind handlers for use cases and algorithms. Each is a thin, concretely typed route
//! (so it can carry its own route attribute and documentation) over the generic
//! implementations in `editing`, `history`, `adoptions` and `entry_access`; the macro writes the same
//! set for both kinds so they cannot drift apart.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
use aikatalog_domain::workflow::Action;
use aikatalog_domain::{Entry, EntryKind, Relation};
use aikatalog_storage::Database;
use aikatalog_storage::models::{adoptions as adoption_model, entries};
use serde::Deserialize;
use serde_json::Value;

use super::blocking;
use super::entry_access::{entry_response, load_for_read};
use crate::auth::{MaybePrincipal, Principal};
use crate::error::ApiError;

/// A curator's reason when rejecting, or an optional note with other transitions.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionBody {
    #[serde(default)]
    pub message: Option<String>,
}

const MAX_MESSAGE: usize = 2000;

/// Reads an optional transition body; a rejection must give a reason.
fn transition_message(
    body: Option<web::Json<TransitionBody>>,
    action: Action,
) -> Result<Option<String>, ApiError> {
    let message = body
        .and_then(|b| b.into_inner().message)
        .map(|m| m.trim().to_owned())
        .filter(|m| !m.is_empty());
    let invalid = |code: &str, text: String| {
        ApiError::Invalid(aikatalog_domain::FieldErrors(vec![
            aikatalog_domain::FieldError::new("message", code, text),
        ]))
    };
    match &message {
        None if action == Action::Reject => Err(invalid(
            "missing_field",
            "a rejection needs a reason the editor can act on".into(),
        )),
        Some(m) if m.chars().count() > MAX_MESSAGE => Err(invalid(
            "length",
            format!("must have a length of at most {MAX_MESSAGE}"),
        )),
        _ => Ok(message),
    }
}

/// `GET /{kind}/{id}`: the published entry, or for its editors and curators the newest
/// revision.
pub async fn get_one<E: Entry>(
    db: Database,
    caller: Option<Principal>,
    key: String,
) -> Result<HttpResponse, ApiError> {
    blocking(move || {
        db.read_with(|conn| {
            let (row, mut doc, revision) = load_for_read::<E>(conn, &key, caller.as_ref())?;
            let meta = doc.meta_mut().get_or_insert_with(Default::default);
            meta.adopted_by = adoption_model::for_entry(conn, &row.id)?;
            if E::KIND == EntryKind::Algorithm {
                meta.used_by = entries::public_slugs_related(
                    conn,
                    EntryKind::UseCase,
                    Relation::UsesAlgorithm,
                    &row.slug,
                )?;
            }
            Ok(entry_response(StatusCode::OK, &row, revision, &doc, None))
        })
    })
    .await
    .map(super::entry_access::EntryReply::into_response)
}

/// Adds or removes an algorithm slug in a use case's `algorithms` list.
fn relink(add: bool, algorithm: String) -> impl FnOnce(&mut Value) -> Result<(), ApiError> + Send {
    move |doc| {
        let list = doc
            .as_object_mut()
            .map(|o| {
                o.entry("algorithms")
                    .or_insert_with(|| Value::Array(vec![]))
            })
            .and_then(Value::as_array_mut)
            .ok_or_else(|| {
                ApiError::Internal(anyhow::anyhow!("stored use case is not an object"))
            })?;
        list.retain(|v| v.as_str() != Some(algorithm.as_str()));
        if add {
            list.push(Value::String(algorithm));
        }
        Ok(())
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkBody {
    pub algorithm: String,
}

macro_rules! entry_handlers {
    ($module:ident, $one:ident, $ty:ty, $what:tt, $tag:tt, $base:tt, $collection:tt, $item:tt, $submit:tt, $publish:tt,
     $reject:tt, $archive:tt, $restore:tt, $revisions:tt, $revision:tt, $diff:tt, $adoptions:tt) => {
        pub mod $module {
            use super::*;
            use crate::AppState;
            use crate::routes::{adoptions, editing, history};

            /// Registers this kind's routes.
            pub fn register(cfg: &mut utoipa_actix_web::service_config::ServiceConfig<'_>) {
                cfg.service(create)
                    .service(get)
                    .service(replace)
                    .service(patch)
                    .service(submit)
                    .service(publish)
                    .service(reject)
                    .service(archive)
                    .service(restore)
                    .service(revisions)
                    .service(revision)
                    .service(diff)
                    .service(adopt);
            }

            #[utoipa::path(
                tag = $tag, operation_id = concat!("create_", stringify!($one)),
                summary = concat!("Create a ", $what, " (as a draft)"),
                description = "Editors create entries owned by their own organisation; curators for any. The entry starts as a draft, invisible to the public.",
                request_body = $ty,
                security(("bearer" = [])),
                responses(
                    (status = 201, description = "Created; `Location` names it and `ETag` is its first revision.", body = $ty,
                     headers(("ETag" = String), ("Location" = String))),
                    (status = 400, response = crate::openapi::BadRequest),
                    (status = 401, response = crate::openapi::Unauthorized),
                    (status = 403, response = crate::openapi::Forbidden),
                    (status = 413, response = crate::openapi::PayloadTooLarge),
                    (status = 422, response = crate::openapi::Unprocessable),
                )
            )]
            #[post($collection)]
            pub async fn create(
                state: web::Data<AppState>,
                caller: Principal,
                body: web::Json<Value>,
            ) -> Result<HttpResponse, ApiError> {
                editing::create::<$ty>(state.db.clone(), caller, body.into_inner(), $base).await
            }

            #[utoipa::path(
                tag = $tag, operation_id = concat!("get_", stringify!($one)),
                summary = concat!("Read a ", $what),
                description = "The public sees the published revision. The owner's editors and curators see the newest revision (perhaps a draft or a pending change); its `ETag` is what `If-Match` needs.",
                params(("id" = String, Path, description = "The entry's slug or id")),
                security((), ("bearer" = [])),
                responses(
                    (status = 200, description = "The entry, with read-only `meta`.", body = $ty, headers(("ETag" = String))),
                    (status = 401, response = crate::openapi::Unauthorized),
                    (status = 404, response = crate::openapi::NotFound),
                )
            )]
            #[get($item)]
            pub async fn get(
                state: web::Data<AppState>,
                caller: MaybePrincipal,
                id: web::Path<String>,
            ) -> Result<HttpResponse, ApiError> {
                get_one::<$ty>(state.db.clone(), caller.0, id.into_inner()).await
            }

            #[utoipa::path(
                tag = $tag, operation_id = concat!("replace_", stringify!($one)),
                summary = concat!("Replace a ", $what),
                description = "Full replace with a new revision. A document read with GET can be sent back unchanged (`meta` is ignored). Editing a published entry creates a pending revision; the public keeps the published one until a curator publishes.",
                params(("id" = String, Path, description = "The entry's slug or id"), ("If-Match" = String, Header, description = "The ETag of the revision the change is based on")),
                request_body = $ty,
                security(("bearer" = [])),
                responses(
                    (status = 200, description = "The new revision.", body = $ty, headers(("ETag" = String))),
                    (status = 401, response = crate::openapi::Unauthorized),
                    (status = 403, response = crate::openapi::Forbidden),
                    (status = 404, response = crate::openapi::NotFound),
                    (status = 409, response = crate::openapi::Conflict),
                    (status = 412, response = crate::openapi::PreconditionFailed),
                    (status = 413, response = crate::openapi::PayloadTooLarge),
                    (status = 422, response = crate::openapi::Unprocessable),
                    (status = 428, response = crate::openapi::PreconditionRequired),
                )
            )]
            #[put($item)]
            pub async fn replace(
                state: web::Data<AppState>,
                caller: Principal,
                req: HttpRequest,
                id: web::Path<String>,
                body: web::Json<Value>,
            ) -> Result<HttpResponse, ApiError> {
                editing::replace::<$ty>(
                    state.db.clone(),
                    caller,
                    req,
                    id.into_inner(),
                    body.into_inner(),
                )
                .await
            }

            #[utoipa::path(
                tag = $tag, operation_id = concat!("patch_", stringify!($one)),
                summary = concat!("Change part of a ", $what, " (JSON merge patch)"),
                description = "RFC 7396 merge patch on the newest revision: fields present replace, `null` removes. The result is validated as a whole.",
                params(("id" = String, Path, description = "The entry's slug or id"), ("If-Match" = String, Header, description = "The ETag of the revision the change is based on")),
                request_body(content = Object, content_type = "application/merge-patch+json"),
                security(("bearer" = [])),
                responses(
                    (status = 200, description = "The new revision.", body = $ty, headers(("ETag" = String))),
                    (status = 401, response = crate::openapi::Unauthorized),
                    (status = 403, response = crate::openapi::Forbidden),
                    (status = 404, response = crate::openapi::NotFound),
                    (status = 409, response = crate::openapi::Conflict),
                    (status = 412, response = crate::openapi::PreconditionFailed),
                    (status = 422, response = crate::openapi::Unprocessable),
                    (status = 428, response = crate::openapi::PreconditionRequired),
                )
            )]
            #[patch($item)]
            pub async fn patch(
                state: web::Data<AppState>,
                caller: Principal,
                req: HttpRequest,
                id: web::Path<String>,
                body: web::Json<Value>,
            ) -> Result<HttpResponse, ApiError> {
                editing::patch::<$ty>(
                    state.db.clone(),
                    caller,
                    req,
                    id.into_inner(),
                    body.into_inner(),
                )
                .await
            }

            async fn transition(
                state: web::Data<AppState>,
                caller: Principal,
                req: HttpRequest,
                id: String,
                body: Option<web::Json<TransitionBody>>,
                action: Action,
            ) -> Result<HttpResponse, ApiError> {
                let message = transition_message(body, action)?;
                editing::transition::<$ty>(state.db.clone(), caller, req, id, action, message).await
            }

            #[utoipa::path(
                tag = $tag, operation_id = concat!("submit_", stringify!($one)),
                summary = "Submit for review",
                description = "Editors of the owner (and curators) submit a draft for a curator's review. Needs `If-Match`; writes a revision.",
                params(("id" = String, Path, description = "The entry's slug or id"), ("If-Match" = String, Header, description = "The ETag of the current revision")),
                request_body(content = Option<TransitionBody>, description = "An optional message (required to reject)."),
                security(("bearer" = [])),
                responses(
                    (status = 200, description = "The entry after the transition.", body = $ty, headers(("ETag" = String))),
                    (status = 401, response = crate::openapi::Unauthorized),
                    (status = 403, response = crate::openapi::Forbidden),
                    (status = 404, response = crate::openapi::NotFound),
                    (status = 409, response = crate::openapi::Conflict),
                    (status = 412, response = crate::openapi::PreconditionFailed),
                    (status = 422, response = crate::openapi::Unprocessable),
                    (status = 428, response = crate::openapi::PreconditionRequired),
                )
            )]
            #[post($submit)]
            pub async fn submit(
                state: web::Data<AppState>,
                caller: Principal,
                req: HttpRequest,
                id: web::Path<String>,
                body: Option<web::Json<TransitionBody>>,
            ) -> Result<HttpResponse, ApiError> {
                transition(state, caller, req, id.into_inner(), body, Action::Submit).await
            }

            #[utoipa::path(
                tag = $tag, operation_id = concat!("publish_", stringify!($one)),
                summary = "Publish",
                description = "Curators only. The newest revision becomes the public one. Needs `If-Match`; writes a revision.",
                params(("id" = String, Path, description = "The entry's slug or id"), ("If-Match" = String, Header, description = "The ETag of the current revision")),
                request_body(content = Option<TransitionBody>, description = "An optional message (required to reject)."),
                security(("bearer" = [])),
                responses(
                    (status = 200, description = "The entry after the transition.", body = $ty, headers(("ETag" = String))),
                    (status = 401, response = crate::openapi::Unauthorized),
                    (status = 403, response = crate::openapi::Forbidden),
                    (status = 404, response = crate::openapi::NotFound),
                    (status = 409, response = crate::openapi::Conflict),
                    (status = 412, response = crate::openapi::PreconditionFailed),
                    (status = 422, response = crate::openapi::Unprocessable),
                    (status = 428, response = crate::openapi::PreconditionRequired),
                )
            )]
            #[post($publish)]
            pub async fn publish(
                state: web::Data<AppState>,
                caller: Principal,
                req: HttpRequest,
                id: web::Path<String>,
                body: Option<web::Json<TransitionBody>>,
            ) -> Result<HttpResponse, ApiError> {
                transition(state, caller, req, id.into_inner(), body, Action::Publish).await
            }

            #[utoipa::path(
                tag = $tag, operation_id = concat!("reject_", stringify!($one)),
                summary = "Reject a submission",
                description = "Curators only; `message` must say why, and the editor sees it in the revisions. The entry returns to draft. Needs `If-Match`; writes a revision.",
                params(("id" = String, Path, description = "The entry's slug or id"), ("If-Match" = String, Header, description = "The ETag of the current revision")),
                request_body(content = Option<TransitionBody>, description = "An optional message (required to reject)."),
                security(("bearer" = [])),
                responses(
                    (status = 200, description = "The entry after the transition.", body = $ty, headers(("ETag" = String))),
                    (status = 401, response = crate::openapi::Unauthorized),
                    (status = 403, response = crate::openapi::Forbidden),
                    (status = 404, response = crate::openapi::NotFound),
                    (status = 409, response = crate::openapi::Conflict),
                    (status = 412, response = crate::openapi::PreconditionFailed),
                    (status = 422, response = crate::openapi::Unprocessable),
                    (status = 428, response = crate::openapi::PreconditionRequired),
                )
            )]
            #[post($reject)]
            pub async fn reject(
                state: web::Data<AppState>,
                caller: Principal,
                req: HttpRequest,
                id: web::Path<String>,
                body: Option<web::Json<TransitionBody>>,
            ) -> Result<HttpResponse, ApiError> {
                transition(state, caller, req, id.into_inner(), body, Action::Reject).await
            }

            #[utoipa::path(
                tag = $tag, operation_id = concat!("archive_", stringify!($one)),
                summary = "Archive",
                description = "Curators only. The entry leaves the public catalogue; nothing is deleted. Needs `If-Match`; writes a revision.",
                params(("id" = String, Path, description = "The entry's slug or id"), ("If-Match" = String, Header, description = "The ETag of the current revision")),
                request_body(content = Option<TransitionBody>, description = "An optional message (required to reject)."),
                security(("bearer" = [])),
                responses(
                    (status = 200, description = "The entry after the transition.", body = $ty, headers(("ETag" = String))),
                    (status = 401, response = crate::openapi::Unauthorized),
                    (status = 403, response = crate::openapi::Forbidden),
                    (status = 404, response = crate::openapi::NotFound),
                    (status = 409, response = crate::openapi::Conflict),
                    (status = 412, response = crate::openapi::PreconditionFailed),
                    (status = 422, response = crate::openapi::Unprocessable),
                    (status = 428, response = crate::openapi::PreconditionRequired),
                )
            )]
            #[post($archive)]
            pub async fn archive(
                state: web::Data<AppState>,
                caller: Principal,
                req: HttpRequest,
                id: web::Path<String>,
                body: Option<web::Json<TransitionBody>>,
            ) -> Result<HttpResponse, ApiError> {
                transition(state, caller, req, id.into_inner(), body, Action::Archive).await
            }

            #[utoipa::path(
                tag = $tag, operation_id = concat!("restore_", stringify!($one)),
                summary = "Restore from the archive",
                description = "Curators only. The entry returns to its published revision, or to draft if it never was published. Needs `If-Match`; writes a revision.",
                params(("id" = String, Path, description = "The entry's slug or id"), ("If-Match" = String, Header, description = "The ETag of the current revision")),
                request_body(content = Option<TransitionBody>, description = "An optional message (required to reject)."),
                security(("bearer" = [])),
                responses(
                    (status = 200, description = "The entry after the transition.", body = $ty, headers(("ETag" = String))),
                    (status = 401, response = crate::openapi::Unauthorized),
                    (status = 403, response = crate::openapi::Forbidden),
                    (status = 404, response = crate::openapi::NotFound),
                    (status = 409, response = crate::openapi::Conflict),
                    (status = 412, response = crate::openapi::PreconditionFailed),
                    (status = 422, response = crate::openapi::Unprocessable),
                    (status = 428, response = crate::openapi::PreconditionRequired),
                )
            )]
            #[post($restore)]
            pub async fn restore(
                state: web::Data<AppState>,
                caller: Principal,
                req: HttpRequest,
                id: web::Path<String>,
                body: Option<web::Json<TransitionBody>>,
            ) -> Result<HttpResponse, ApiError> {
                transition(state, caller, req, id.into_inner(), body, Action::Restore).await
            }

            #[utoipa::path(
                tag = $tag, operation_id = concat!("list_", stringify!($one), "_revisions"),
                summary = concat!("The history of a ", $what),
                description = "Every revision, oldest first. The public sees the published revisions only and no actors.",
                params(("id" = String, Path, description = "The entry's slug or id")),
                security((), ("bearer" = [])),
                responses(
                    (status = 200, description = "The revisions.", body = crate::routes::history::RevisionList),
                    (status = 401, response = crate::openapi::Unauthorized),
                    (status = 404, response = crate::openapi::NotFound),
                )
            )]
            #[get($revisions)]
            pub async fn revisions(
                state: web::Data<AppState>,
                caller: MaybePrincipal,
                id: web::Path<String>,
            ) -> Result<HttpResponse, ApiError> {
                history::list::<$ty>(state.db.clone(), caller.0, id.into_inner()).await
            }

            #[utoipa::path(
                tag = $tag, operation_id = concat!("get_", stringify!($one), "_revision"),
                summary = concat!("One revision of a ", $what),
                params(("id" = String, Path, description = "The entry's slug or id"), ("n" = i64, Path, description = "A revision number")),
                security((), ("bearer" = [])),
                responses(
                    (status = 200, description = "The revision with its full document.", body = crate::routes::history::RevisionDetail),
                    (status = 401, response = crate::openapi::Unauthorized),
                    (status = 404, response = crate::openapi::NotFound),
                )
            )]
            #[get($revision)]
            pub async fn revision(
                state: web::Data<AppState>,
                caller: MaybePrincipal,
                path: web::Path<(String, i64)>,
            ) -> Result<HttpResponse, ApiError> {
                let (id, n) = path.into_inner();
                history::get::<$ty>(state.db.clone(), caller.0, id, n).await
            }

            #[utoipa::path(
                tag = $tag, operation_id = concat!("diff_", stringify!($one), "_revision"),
                summary = "What changed between two revisions",
                description = "Field-level changes from `against` (by default the previous visible revision) to `n`.",
                params(("id" = String, Path, description = "The entry's slug or id"), ("n" = i64, Path, description = "A revision number"), crate::routes::history::DiffQuery),
                security((), ("bearer" = [])),
                responses(
                    (status = 200, description = "The changed fields.", body = crate::routes::history::RevisionDiff),
                    (status = 400, response = crate::openapi::BadRequest),
                    (status = 401, response = crate::openapi::Unauthorized),
                    (status = 404, response = crate::openapi::NotFound),
                )
            )]
            #[get($diff)]
            pub async fn diff(
                state: web::Data<AppState>,
                caller: MaybePrincipal,
                path: web::Path<(String, i64)>,
                query: web::Query<history::DiffQuery>,
            ) -> Result<HttpResponse, ApiError> {
                let (id, n) = path.into_inner();
                history::compare::<$ty>(state.db.clone(), caller.0, id, n, query.into_inner()).await
            }

            #[utoipa::path(
                tag = $tag, operation_id = concat!("adopt_", stringify!($one)),
                summary = concat!("Declare that an organisation reuses this ", $what),
                description = "The caller's organisation (or, for curators, the one named) reuses the published entry; it is shown under `meta.adopted_by`.",
                params(("id" = String, Path, description = "The entry's slug or id")),
                request_body = crate::routes::adoptions::AdoptionRequest,
                security(("bearer" = [])),
                responses(
                    (status = 201, description = "All adoptions of the entry.", body = crate::routes::adoptions::AdoptionList),
                    (status = 401, response = crate::openapi::Unauthorized),
                    (status = 403, response = crate::openapi::Forbidden),
                    (status = 404, response = crate::openapi::NotFound),
                    (status = 409, response = crate::openapi::Conflict),
                    (status = 422, response = crate::openapi::Unprocessable),
                )
            )]
            #[post($adoptions)]
            pub async fn adopt(
                state: web::Data<AppState>,
                caller: Principal,
                id: web::Path<String>,
                body: web::Json<adoptions::AdoptionRequest>,
            ) -> Result<HttpResponse, ApiError> {
                adoptions::adopt::<$ty>(
                    state.db.clone(),
                    caller,
                    id.into_inner(),
                    body.into_inner(),
                )
                .await
            }
        }
    };
}

entry_handlers!(
    use_cases,
    use_case,
    aikatalog_domain::UseCase,
    "use case",
    "use-cases",
    "use-cases",
    "/use-cases",
    "/use-cases/{id}",
    "/use-cases/{id}/submit",
    "/use-cases/{id}/publish",
    "/use-cases/{id}/reject",
    "/use-cases/{id}/archive",
    "/use-cases/{id}/restore",
    "/use-cases/{id}/revisions",
    "/use-cases/{id}/revisions/{n}",
    "/use-cases/{id}/revisions/{n}/diff",
    "/use-cases/{id}/adoptions"
);

entry_handlers!(
    algorithms,
    algorithm,
    aikatalog_domain::Algorithm,
    "algorithm",
    "algorithms",
    "algorithms",
    "/algorithms",
    "/algorithms/{id}",
    "/algorithms/{id}/submit",
    "/algorithms/{id}/publish",
    "/algorithms/{id}/reject",
    "/algorithms/{id}/archive",
    "/algorithms/{id}/restore",
    "/algorithms/{id}/revisions",
    "/algorithms/{id}/revisions/{n}",
    "/algorithms/{id}/revisions/{n}/diff",
    "/algorithms/{id}/adoptions"
);

/// `POST /use-cases/{id}/algorithms`: links an algorithm to a use case (a new revision).
#[utoipa::path(
    tag = "use-cases",
    summary = "Link an algorithm to a use case",
    description = "Adds the algorithm's slug to the use case's `algorithms`, as a new revision.",
    params(("id" = String, Path, description = "The entry's slug or id"), ("If-Match" = String, Header, description = "The ETag of the current revision")),
    request_body = LinkBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The use case's new revision.", body = aikatalog_domain::UseCase, headers(("ETag" = String))),
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
    state: web::Data<crate::AppState>,
    caller: Principal,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<LinkBody>,
) -> Result<HttpResponse, ApiError> {
    let edit = relink(true, body.into_inner().algorithm);
    super::editing::edit_with::<aikatalog_domain::UseCase>(
        state.db.clone(),
        caller,
        req,
        id.into_inner(),
        edit,
    )
    .await
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
        (status = 200, description = "The use case's new revision.", body = aikatalog_domain::UseCase, headers(("ETag" = String))),
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
    state: web::Data<crate::AppState>,
    caller: Principal,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, algorithm) = path.into_inner();
    let edit = relink(false, algorithm);
    super::editing::edit_with::<aikatalog_domain::UseCase>(state.db.clone(), caller, req, id, edit)
        .await
}
