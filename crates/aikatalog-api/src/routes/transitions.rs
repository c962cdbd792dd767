//! Workflow transitions: `POST /{kind}/{id}/{action}` moves an entry one step through its review
//! workflow. One route per kind serves every step; the path names the step, so its URL is the
//! same as if each step had its own route, and its documentation is written once, here.

use actix_web::{HttpRequest, HttpResponse};
use aikatalog_domain::workflow::Action;
use aikatalog_domain::{Entry, FieldError, FieldErrors};
use aikatalog_storage::Database;
use serde::Deserialize;

use super::blocking;
use super::editing::save_revision;
use super::entry_access::{EntryReply, check_if_match, load_for_change};
use super::preconditions::if_match;
use crate::auth::Principal;
use crate::error::ApiError;

/// The operation description both kinds' transition routes share.
pub const DESCRIPTION: &str = "Moves the entry one step through the review workflow; `action` names the step:\n\n\
- `submit`: editors of the owner (and curators) submit a draft for a curator's review.\n\
- `publish` (curators only): the newest revision becomes the public one.\n\
- `reject` (curators only): the entry returns to draft; `message` must say why, and the editor sees it in the revisions.\n\
- `archive` (curators only): the entry leaves the public catalogue; nothing is deleted.\n\
- `restore` (curators only): the entry returns to its published revision, or to draft if it never was published.\n\n\
Every step needs `If-Match` and writes a revision.";

/// The request body description both kinds' transition routes share.
pub const BODY_DESCRIPTION: &str =
    "An optional message kept with the revision; `reject` requires one (the reason).";

/// A step of the review workflow, as the last segment of a transition's path. Editing is not one:
/// it is a `PUT` or `PATCH` of the entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TransitionAction {
    Submit,
    Publish,
    Reject,
    Archive,
    Restore,
}

impl From<TransitionAction> for Action {
    fn from(action: TransitionAction) -> Self {
        match action {
            TransitionAction::Submit => Action::Submit,
            TransitionAction::Publish => Action::Publish,
            TransitionAction::Reject => Action::Reject,
            TransitionAction::Archive => Action::Archive,
            TransitionAction::Restore => Action::Restore,
        }
    }
}

/// The path of a transition. The routes restrict `action` to the five steps, so any other last
/// segment is no route (404) rather than a malformed one.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TransitionPath {
    /// The entry's slug or id
    pub id: String,
    /// The workflow step
    pub action: TransitionAction,
}

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
    body: Option<TransitionBody>,
    action: Action,
) -> Result<Option<String>, ApiError> {
    let message = body
        .and_then(|b| b.message)
        .map(|m| m.trim().to_owned())
        .filter(|m| !m.is_empty());
    let invalid = |code: &str, text: String| {
        ApiError::Invalid(FieldErrors(vec![FieldError::new("message", code, text)]))
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
        // Kept with the revision and shown to the editor: the same rule as for the texts of a
        // document (no NUL, which PostgreSQL cannot hold, no other controls, no bidi overrides).
        Some(m) => match aikatalog_domain::document::forbidden(m, false) {
            Some(why) => Err(invalid("invalid_value", format!("the text {why}"))),
            None => Ok(message),
        },
        None => Ok(message),
    }
}

/// `POST /{kind}/{id}/{action}`: applies the step to the entry's newest revision.
pub async fn transition<E: Entry>(
    db: Database,
    caller: Principal,
    req: HttpRequest,
    path: TransitionPath,
    body: Option<TransitionBody>,
) -> Result<HttpResponse, ApiError> {
    let TransitionPath { id: key, action } = path;
    let action = Action::from(action);
    let message = transition_message(body, action)?;
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
            let doc = row.current_document::<E>()?;
            save_revision(conn, &row, &doc, &caller, action, message.as_deref())
        })
    })
    .await
    .map(EntryReply::into_response)
}
