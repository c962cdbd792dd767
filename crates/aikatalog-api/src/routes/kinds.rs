//! The per-kind handlers for use cases and algorithms. Each is a thin, concretely typed route
//! (so it can carry its own route attribute and documentation) over the generic
//! implementations in `editing`, `history`, `adoptions` and `access`; the macro writes the same
//! set for both kinds so they cannot drift apart.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use aikatalog_domain::workflow::Action;
use aikatalog_domain::{Entry, EntryKind, Relation};
use aikatalog_storage::Database;
use aikatalog_storage::models::{adoptions as adoption_model, entries};
use serde::Deserialize;
use serde_json::Value;

use super::access::{entry_response, load_for_read};
use super::blocking;
use crate::auth::{MaybePrincipal, Principal};
use crate::error::ApiError;

/// A curator's reason when rejecting, or an optional note with other transitions.
#[derive(Debug, Default, Deserialize)]
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
    .map(super::access::EntryReply::into_response)
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkBody {
    pub algorithm: String,
}

macro_rules! entry_handlers {
    ($module:ident, $ty:ty, $base:tt, $collection:tt, $item:tt, $submit:tt, $publish:tt,
     $reject:tt, $archive:tt, $restore:tt, $revisions:tt, $revision:tt, $diff:tt, $adoptions:tt) => {
        pub mod $module {
            use super::*;
            use crate::AppState;
            use crate::routes::{adoptions, editing, history};

            /// Registers this kind's routes.
            pub fn register(cfg: &mut web::ServiceConfig) {
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

            #[actix_web::post($collection)]
            pub async fn create(
                state: web::Data<AppState>,
                caller: Principal,
                body: web::Json<Value>,
            ) -> Result<HttpResponse, ApiError> {
                editing::create::<$ty>(state.db.clone(), caller, body.into_inner(), $base).await
            }

            #[actix_web::get($item)]
            pub async fn get(
                state: web::Data<AppState>,
                caller: MaybePrincipal,
                id: web::Path<String>,
            ) -> Result<HttpResponse, ApiError> {
                get_one::<$ty>(state.db.clone(), caller.0, id.into_inner()).await
            }

            #[actix_web::put($item)]
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

            #[actix_web::patch($item)]
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

            #[actix_web::post($submit)]
            pub async fn submit(
                state: web::Data<AppState>,
                caller: Principal,
                req: HttpRequest,
                id: web::Path<String>,
                body: Option<web::Json<TransitionBody>>,
            ) -> Result<HttpResponse, ApiError> {
                transition(state, caller, req, id.into_inner(), body, Action::Submit).await
            }

            #[actix_web::post($publish)]
            pub async fn publish(
                state: web::Data<AppState>,
                caller: Principal,
                req: HttpRequest,
                id: web::Path<String>,
                body: Option<web::Json<TransitionBody>>,
            ) -> Result<HttpResponse, ApiError> {
                transition(state, caller, req, id.into_inner(), body, Action::Publish).await
            }

            #[actix_web::post($reject)]
            pub async fn reject(
                state: web::Data<AppState>,
                caller: Principal,
                req: HttpRequest,
                id: web::Path<String>,
                body: Option<web::Json<TransitionBody>>,
            ) -> Result<HttpResponse, ApiError> {
                transition(state, caller, req, id.into_inner(), body, Action::Reject).await
            }

            #[actix_web::post($archive)]
            pub async fn archive(
                state: web::Data<AppState>,
                caller: Principal,
                req: HttpRequest,
                id: web::Path<String>,
                body: Option<web::Json<TransitionBody>>,
            ) -> Result<HttpResponse, ApiError> {
                transition(state, caller, req, id.into_inner(), body, Action::Archive).await
            }

            #[actix_web::post($restore)]
            pub async fn restore(
                state: web::Data<AppState>,
                caller: Principal,
                req: HttpRequest,
                id: web::Path<String>,
                body: Option<web::Json<TransitionBody>>,
            ) -> Result<HttpResponse, ApiError> {
                transition(state, caller, req, id.into_inner(), body, Action::Restore).await
            }

            #[actix_web::get($revisions)]
            pub async fn revisions(
                state: web::Data<AppState>,
                caller: MaybePrincipal,
                id: web::Path<String>,
            ) -> Result<HttpResponse, ApiError> {
                history::list::<$ty>(state.db.clone(), caller.0, id.into_inner()).await
            }

            #[actix_web::get($revision)]
            pub async fn revision(
                state: web::Data<AppState>,
                caller: MaybePrincipal,
                path: web::Path<(String, i64)>,
            ) -> Result<HttpResponse, ApiError> {
                let (id, n) = path.into_inner();
                history::get::<$ty>(state.db.clone(), caller.0, id, n).await
            }

            #[actix_web::get($diff)]
            pub async fn diff(
                state: web::Data<AppState>,
                caller: MaybePrincipal,
                path: web::Path<(String, i64)>,
                query: web::Query<history::DiffQuery>,
            ) -> Result<HttpResponse, ApiError> {
                let (id, n) = path.into_inner();
                history::compare::<$ty>(state.db.clone(), caller.0, id, n, query.into_inner()).await
            }

            #[actix_web::post($adoptions)]
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
    aikatalog_domain::UseCase,
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
    aikatalog_domain::Algorithm,
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
#[actix_web::post("/use-cases/{id}/algorithms")]
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
#[actix_web::delete("/use-cases/{id}/algorithms/{algorithm}")]
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
