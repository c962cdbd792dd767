//! Creating and changing entries: POST, PUT (full replace) and PATCH (JSON merge patch). Every
//! change is validated in full, needs the caller's right to the owning organisation, and (for
//! existing entries) an `If-Match` with the current ETag, and writes a new revision.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use aikatalog_domain::readiness;
use aikatalog_domain::workflow::{self, Action, Situation};
use aikatalog_domain::{Entry, FieldError, FieldErrors, PublicationState};
use aikatalog_storage::models::entries::{self, Change, EntryRow, Save};
use aikatalog_storage::models::reference_set::ReferenceSet;
use aikatalog_storage::{Database, DbConnection};
use serde_json::Value;

use super::blocking;
use super::entry_access::{EntryReply, check_if_match, entry_response, load_for_change, what};
use super::preconditions::if_match;
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

/// Applies `action` to the entry the caller read as `row` and stores `doc` as its next revision,
/// with an optional message for the history. Answers with what was stored.
pub(super) fn save_revision<E: Entry>(
    conn: &mut DbConnection,
    row: &EntryRow,
    doc: &E,
    caller: &Principal,
    action: Action,
    message: Option<&str>,
) -> Result<EntryReply<E>, ApiError> {
    let outcome = workflow::apply(situation(row), action).map_err(ApiError::Conflict)?;
    // A draft may be incomplete; what goes to review or to the public must say whom to ask.
    if matches!(action, Action::Submit | Action::Publish) {
        readiness::check_ready(doc).map_err(ApiError::Invalid)?;
    }
    let actor = caller.actor();
    let change = Change {
        actor: &actor,
        transition: action.as_str(),
        message,
    };
    let save = Save {
        state: outcome.state,
        publish: outcome.publish,
    };
    // A lost race (another writer saved since `row` was read) is a `StorageError::LostRace`,
    // which the error policy answers like a stale `If-Match`.
    let saved = entries::save(conn, Some(row), doc, save, change)?;
    let stored = saved.current_document::<E>()?;
    Ok(entry_response(
        StatusCode::OK,
        &saved,
        saved.revision,
        &stored,
        None,
    ))
}

/// Stores `doc` as the entry's new revision, unless it is what the entry already says.
fn store_edit<E: Entry>(
    conn: &mut DbConnection,
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
    save_revision(conn, row, &doc, caller, Action::Edit, None)
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
