//! Workflow transitions: `POST /{kind}/{id}/{action}` moves an entry one step through its review
//! workflow. One route per kind serves every step; the path names the step, so its URL is the
//! same as if each step had its own route, and its documentation is written once, here.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use aikatalog_domain::Entry;
use aikatalog_domain::workflow::Action;
use aikatalog_publishing as publishing;
use aikatalog_storage::Database;
use serde::Deserialize;

use super::blocking;
use super::entry_access::{EntryReply, saved_response};
use super::preconditions::{based_on, if_match};
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

/// `POST /{kind}/{id}/{action}`: applies the step to the entry's newest revision, guarded by
/// `If-Match`; the publishing service checks the message and the workflow.
pub async fn transition<E: Entry>(
    db: Database,
    caller: Principal,
    req: HttpRequest,
    path: TransitionPath,
    body: Option<TransitionBody>,
) -> Result<HttpResponse, ApiError> {
    let TransitionPath { id: key, action } = path;
    let message = body.and_then(|b| b.message);
    let based_on = based_on(if_match(&req).as_deref());
    blocking(move || {
        let saved = publishing::transition::<E>(
            &db,
            &caller.caller(),
            &key,
            based_on.as_ref(),
            action.into(),
            message,
        )?;
        Ok(saved_response(StatusCode::OK, saved, None))
    })
    .await
    .map(EntryReply::into_response)
}
