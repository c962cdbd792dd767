//! Creating and changing entries: POST, PUT (full replace) and PATCH (JSON merge patch). The
//! rules (validation in full, the caller's right to the owning organisation, the revision the
//! change is based on, a new revision per change) are the publishing service's; these
//! functions read the request, call it on the blocking pool and answer with the stored entry.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use aikatalog_domain::Entry;
use aikatalog_publishing as publishing;
use aikatalog_storage::Database;
use serde_json::Value;

use super::blocking;
use super::entry_access::{EntryReply, saved_response};
use super::preconditions::{based_on, if_match};
use crate::auth::Principal;
use crate::error::ApiError;

/// `POST /{kind}`: a new entry, as a draft.
pub async fn create<E: Entry>(
    db: Database,
    caller: Principal,
    body: Value,
    base: &'static str,
) -> Result<HttpResponse, ApiError> {
    blocking(move || {
        let saved = publishing::create::<E>(&db, &caller.caller(), body)?;
        let location = format!("/api/v1/{base}/{}", saved.row.slug);
        Ok(saved_response(StatusCode::CREATED, saved, Some(location)))
    })
    .await
    .map(EntryReply::into_response)
}

/// `PUT /{kind}/{id}`: replaces the whole document.
pub async fn replace<E: Entry>(
    db: Database,
    caller: Principal,
    req: HttpRequest,
    key: String,
    body: Value,
) -> Result<HttpResponse, ApiError> {
    edit_with::<E>(db, caller, req, key, move |doc| *doc = body).await
}

/// `PATCH /{kind}/{id}`: applies a JSON merge patch (RFC 7396) to the newest revision.
pub async fn patch<E: Entry>(
    db: Database,
    caller: Principal,
    req: HttpRequest,
    key: String,
    patch: Value,
) -> Result<HttpResponse, ApiError> {
    edit_with::<E>(db, caller, req, key, move |doc| {
        json_patch::merge(doc, &patch);
        if let Some(object) = doc.as_object_mut() {
            // Read-only metadata in a patch is ignored, as in a PUT.
            object.remove("meta");
        }
    })
    .await
}

/// Changes the newest revision with `edit` (a whole replacement, a merge patch, a link); the
/// service validates and stores the result as the next revision, guarded by `If-Match`.
pub async fn edit_with<E: Entry>(
    db: Database,
    caller: Principal,
    req: HttpRequest,
    key: String,
    edit: impl FnOnce(&mut Value) + Send + 'static,
) -> Result<HttpResponse, ApiError> {
    let based_on = based_on(if_match(&req).as_deref());
    blocking(move || {
        let saved = publishing::edit::<E>(&db, &caller.caller(), &key, based_on.as_ref(), |doc| {
            edit(doc);
            Ok(())
        })?;
        Ok(saved_response(StatusCode::OK, saved, None))
    })
    .await
    .map(EntryReply::into_response)
}
