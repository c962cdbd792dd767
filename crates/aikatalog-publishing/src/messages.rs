//! The short texts people attach to a change: a transition's message (a curator's reason for a
//! rejection) and an adoption's note. Both are kept and shown to others, so they follow the rule
//! for a document's texts.

use aikatalog_domain::workflow::Action;
use aikatalog_domain::{FieldError, FieldErrors};

use crate::PublishError;

/// The longest message or note, in characters.
pub const MAX_MESSAGE: usize = 2000;

/// Reads an optional transition message: trimmed, empty as none; a rejection must give a reason.
pub fn transition_message(
    message: Option<String>,
    action: Action,
) -> Result<Option<String>, PublishError> {
    let message = message
        .map(|m| m.trim().to_owned())
        .filter(|m| !m.is_empty());
    match &message {
        None if action == Action::Reject => Err(invalid(
            "message",
            "missing_field",
            "a rejection needs a reason the editor can act on".into(),
        )),
        Some(m) => check_text("message", m).map(|()| message),
        None => Ok(message),
    }
}

/// Checks a message or note: at most [`MAX_MESSAGE`] characters, and the same rule as for the
/// texts of a document (no NUL, which PostgreSQL cannot hold, no other controls, no bidi
/// overrides).
pub(crate) fn check_text(field: &str, text: &str) -> Result<(), PublishError> {
    if text.chars().count() > MAX_MESSAGE {
        return Err(invalid(
            field,
            "length",
            format!("must have a length of at most {MAX_MESSAGE}"),
        ));
    }
    match aikatalog_domain::document::forbidden(text, false) {
        Some(why) => Err(invalid(field, "invalid_value", format!("the text {why}"))),
        None => Ok(()),
    }
}

pub(crate) fn invalid(field: &str, code: &str, message: String) -> PublishError {
    PublishError::Invalid(FieldErrors(vec![FieldError::new(field, code, message)]))
}
