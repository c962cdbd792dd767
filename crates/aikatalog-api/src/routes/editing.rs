//! Creating and changing entries: POST, PUT (full replace) and PATCH (JSON merge patch). Every
//! change is validated in full, needs the caller's right to the owning organisation, and (for
//! existing entries) an `If-Match` with the current ETag, and writes a new revision.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use aikatalog_domain::readiness;
use aikatalog_domain::workflow::{self, Action, Situation};
use aikatalog_domain::{Entry, FieldError, FieldErrors, PublicationState};
use aikatalog_storage::Database;
use aikatalog_storage::models::entries::{self, Change, EntryRow, Save};
use aikatalog_storage::models::references::ReferenceSet;
use serde_json::Value;

use super::access::{EntryReply, check_if_match, entry_response, if_match, load_for_change, what};
use super::blocking;
use crate::auth::Principal;
use crate::body::parse_document;
use crate::error::ApiError;

fn forbid_owner<E: Entry>(caller: &Principal, doc: &E) -> Result<(), ApiError> {
    if caller.may_edit(doc.owner()) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(format!(
            "you act for organisation {}; you cannot make an entry owned by {}",
            caller.org.as_ref().map_or("(none)", |o| o.as_str()),
            doc.owner()
        )))
    }
}

fn situation(row: &EntryRow) -> Situation {
    Situation {
        state: row.state(),
        has_published: row.published_document.is_some(),
        // A never-published draft counts as pending: it is all change.
        pending: row.published_document.is_none() || row.has_pending_change(),
    }
}

/// `POST /{kind}`: a new entry, as a draft.
pub async fn create<E: Entry>(
    db: Database,
    caller: Principal,
    body: Value,
    base: &'static str,
) -> Result<HttpResponse, ApiError> {
    blocking(move || {
        db.write_with(|conn| {
            let refs = ReferenceSet::load(conn)?;
            let doc: E = parse_document(body, &refs)?;
            forbid_owner(&caller, &doc)?;
            if entries::find(conn, E::KIND, doc.slug().as_str())?.is_some() {
                return Err(ApiError::Invalid(FieldErrors(vec![FieldError::new(
                    "slug",
                    "slug_taken",
                    format!(
                        "another {} already has the slug `{}`",
                        what(E::KIND),
                        doc.slug()
                    ),
                )])));
            }
            let actor = caller.actor();
            let save = Save {
                state: PublicationState::Draft,
                publish: false,
            };
            let change = Change {
                actor: &actor,
                transition: "create",
                message: None,
            };
            let row = entries::save(conn, None, &doc, save, change)?;
            let stored = row.current_document::<E>()?;
            let location = format!("/api/v1/{base}/{}", row.slug);
            Ok(entry_response(
                StatusCode::CREATED,
                &row,
                row.revision,
                &stored,
                Some(location),
            ))
        })
    })
    .await
    .map(EntryReply::into_response)
}

/// A save refused by the storage's revision guard means another writer committed first, after
/// this request read the entry: the same answer as a stale `If-Match`.
fn lost_race(e: diesel::result::Error, row: &EntryRow) -> ApiError {
    match e {
        diesel::result::Error::NotFound => ApiError::PreconditionFailed {
            what: "entry",
            current: row.revision + 1,
        },
        other => other.into(),
    }
}

/// Stores `doc` as the entry's new revision, unless it is what the entry already says.
fn store_edit<E: Entry>(
    conn: &mut aikatalog_storage::DbConnection,
    row: &EntryRow,
    doc: E,
    caller: &Principal,
) -> Result<EntryReply<E>, ApiError> {
    forbid_owner(caller, &doc)?;
    if doc.slug().as_str() != row.slug {
        return Err(ApiError::Invalid(FieldErrors(vec![FieldError::new(
            "slug",
            "immutable",
            format!("the slug is a stable identifier and stays `{}`", row.slug),
        )])));
    }
    if entries::stored_json(&doc)? == row.document {
        let current = row.current_document::<E>()?;
        return Ok(entry_response(
            StatusCode::OK,
            row,
            row.revision,
            &current,
            None,
        ));
    }
    let outcome = workflow::apply(situation(row), Action::Edit).map_err(ApiError::Conflict)?;
    let actor = caller.actor();
    let change = Change {
        actor: &actor,
        transition: Action::Edit.as_str(),
        message: None,
    };
    let save = Save {
        state: outcome.state,
        publish: outcome.publish,
    };
    let saved =
        entries::save(conn, Some(row), &doc, save, change).map_err(|e| lost_race(e, row))?;
    let stored = saved.current_document::<E>()?;
    Ok(entry_response(
        StatusCode::OK,
        &saved,
        saved.revision,
        &stored,
        None,
    ))
}

/// `PUT /{kind}/{id}`: replaces the whole document.
pub async fn replace<E: Entry>(
    db: Database,
    caller: Principal,
    req: HttpRequest,
    key: String,
    body: Value,
) -> Result<HttpResponse, ApiError> {
    edit_with::<E>(db, caller, req, key, move |doc| {
        *doc = body;
        Ok(())
    })
    .await
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
        Ok(())
    })
    .await
}

/// Changes the newest revision with `edit` (a whole replacement, a merge patch, a link), then
/// validates and stores the result as the next revision.
pub async fn edit_with<E: Entry>(
    db: Database,
    caller: Principal,
    req: HttpRequest,
    key: String,
    edit: impl FnOnce(&mut Value) -> Result<(), ApiError> + Send + 'static,
) -> Result<HttpResponse, ApiError> {
    let if_match = if_match(&req);
    blocking(move || {
        db.write_with(|conn| {
            let row = load_for_change(conn, E::KIND, &key, &caller)?;
            check_if_match(if_match.as_deref(), &row)?;
            let mut doc: Value = entries::stored_value::<E>(&row.document)?;
            edit(&mut doc)?;
            let refs = ReferenceSet::load(conn)?;
            let doc: E = parse_document(doc, &refs)?;
            store_edit(conn, &row, doc, &caller)
        })
    })
    .await
    .map(EntryReply::into_response)
}

/// `POST /{kind}/{id}/{action}`: a workflow transition.
pub async fn transition<E: Entry>(
    db: Database,
    caller: Principal,
    req: HttpRequest,
    key: String,
    action: Action,
    message: Option<String>,
) -> Result<HttpResponse, ApiError> {
    let if_match = if_match(&req);
    blocking(move || {
        db.write_with(|conn| {
            let row = load_for_change(conn, E::KIND, &key, &caller)?;
            if action.curator_only() && !caller.is_curator() {
                return Err(ApiError::Forbidden(format!(
                    "only curators may {} entries",
                    action.as_str()
                )));
            }
            check_if_match(if_match.as_deref(), &row)?;
            let outcome = workflow::apply(situation(&row), action).map_err(ApiError::Conflict)?;
            let doc = row.current_document::<E>()?;
            if matches!(action, Action::Submit | Action::Publish) {
                readiness::check_ready(&doc).map_err(ApiError::Invalid)?;
            }
            let actor = caller.actor();
            let change = Change {
                actor: &actor,
                transition: action.as_str(),
                message: message.as_deref(),
            };
            let save = Save {
                state: outcome.state,
                publish: outcome.publish,
            };
            let saved = entries::save(conn, Some(&row), &doc, save, change)
                .map_err(|e| lost_race(e, &row))?;
            let stored = saved.current_document::<E>()?;
            Ok(entry_response(
                StatusCode::OK,
                &saved,
                saved.revision,
                &stored,
                None,
            ))
        })
    })
    .await
    .map(EntryReply::into_response)
}
