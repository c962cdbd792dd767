//! Correction suggestions: what anyone may send about a public entry ("Foreslå en rettelse"),
//! and the reply that closes one. The page form and the API check them here, alike.

use serde::{Deserialize, Serialize};
use validator::ValidateEmail;

use crate::document::forbidden;
use crate::validation::{FieldError, FieldErrors};

/// A suggestion's text, in characters after trimming: long enough to say what is wrong, short
/// enough that nobody pastes a document.
pub const MIN_TEXT_CHARS: usize = 10;
pub const MAX_TEXT_CHARS: usize = 4000;
/// RFC 5321's limit on an address.
pub const MAX_EMAIL_CHARS: usize = 254;
pub const MAX_REPLY_CHARS: usize = 4000;

/// Where a suggestion stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionStatus {
    /// Waiting for the owner's editors or a curator.
    Open,
    /// Answered with a reply.
    Closed,
}

impl CorrectionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CorrectionStatus::Open => "open",
            CorrectionStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "open" => Some(CorrectionStatus::Open),
            "closed" => Some(CorrectionStatus::Closed),
            _ => None,
        }
    }
}

/// A checked suggestion: the text trimmed, the address trimmed or absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub text: String,
    pub email: Option<String>,
}

/// The errors of one multi-line text field `field` of at most `max` characters.
fn check_text(field: &str, text: &str, min: usize, max: usize, errors: &mut FieldErrors) {
    let chars = text.chars().count();
    if chars == 0 {
        errors.push(FieldError::new(field, "missing_field", "is required"));
    } else if !(min..=max).contains(&chars) {
        errors.push(FieldError::new(
            field,
            "length",
            format!("must have a length between {min} and {max}"),
        ));
    } else if let Some(why) = forbidden(text, false) {
        errors.push(FieldError::new(
            field,
            "invalid_value",
            format!("the text {why}"),
        ));
    }
}

/// Checks a suggestion as sent: `text` (required, [`MIN_TEXT_CHARS`] to [`MAX_TEXT_CHARS`]
/// characters, the document's text rule) and `email` (optional; empty is none). Every problem
/// is reported, each with its field.
pub fn check_suggestion(text: &str, email: Option<&str>) -> Result<Suggestion, FieldErrors> {
    let mut errors = FieldErrors(Vec::new());
    let text = text.trim();
    check_text("text", text, MIN_TEXT_CHARS, MAX_TEXT_CHARS, &mut errors);
    let email = email.map(str::trim).filter(|e| !e.is_empty());
    if let Some(e) = email
        && (e.chars().count() > MAX_EMAIL_CHARS || !e.validate_email())
    {
        errors.push(FieldError::new(
            "email",
            "email",
            "is not a valid e-mail address",
        ));
    }
    errors.into_result()?;
    Ok(Suggestion {
        text: text.to_owned(),
        email: email.map(str::to_owned),
    })
}

/// Checks the reply that closes a suggestion: required, at most [`MAX_REPLY_CHARS`]
/// characters, the document's text rule. Returns it trimmed.
pub fn check_reply(reply: &str) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors(Vec::new());
    let reply = reply.trim();
    check_text("reply", reply, 1, MAX_REPLY_CHARS, &mut errors);
    errors.into_result()?;
    Ok(reply.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(e: &FieldErrors) -> Vec<(&str, &str)> {
        e.0.iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect()
    }

    #[test]
    fn a_suggestion_is_trimmed_and_an_empty_email_is_none() {
        let s = check_suggestion("  Kontaktpersonen er stoppet.  ", Some("  ")).expect("valid");
        assert_eq!(s.text, "Kontaktpersonen er stoppet.");
        assert_eq!(s.email, None);
        let s = check_suggestion("Kontaktpersonen er stoppet.", Some(" a@b.dk ")).expect("valid");
        assert_eq!(s.email.as_deref(), Some("a@b.dk"));
    }

    #[test]
    fn every_problem_is_named_with_its_field() {
        let e = check_suggestion("kort", Some("ikke en adresse")).expect_err("invalid");
        // Reported in field order, as every document's errors are.
        assert_eq!(codes(&e), [("email", "email"), ("text", "length")]);
        let e = check_suggestion("   ", None).expect_err("invalid");
        assert_eq!(codes(&e), [("text", "missing_field")]);
        let e = check_suggestion(&"x".repeat(MAX_TEXT_CHARS + 1), None).expect_err("too long");
        assert_eq!(codes(&e), [("text", "length")]);
        assert!(check_suggestion(&"x".repeat(MAX_TEXT_CHARS), None).is_ok());
        let e = check_suggestion("Titlen er \u{202e}forkert vendt", None).expect_err("bidi");
        assert_eq!(codes(&e), [("text", "invalid_value")]);
    }

    #[test]
    fn a_reply_is_required() {
        assert_eq!(
            codes(&check_reply(" ").expect_err("empty")),
            [("reply", "missing_field")]
        );
        assert_eq!(check_reply(" Rettet. ").expect("valid"), "Rettet.");
    }
}
