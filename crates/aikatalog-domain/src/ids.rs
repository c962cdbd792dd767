//! Identifier newtypes, so a slug, an organisation code and free text cannot be mixed up.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why an identifier was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidId(String);

fn check_key(kind: &str, value: &str, max: usize) -> Result<(), InvalidId> {
    let ok_chars = value
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if value.is_empty() || value.len() > max {
        return Err(InvalidId(format!(
            "{kind} must be 1 to {max} characters long, got {}",
            value.len()
        )));
    }
    if !ok_chars || value.starts_with('-') || value.ends_with('-') || value.contains("--") {
        return Err(InvalidId(format!(
            "{kind} `{value}` may only hold a-z, 0-9 and single hyphens inside"
        )));
    }
    Ok(())
}

macro_rules! key_newtype {
    ($(#[$doc:meta])* $name:ident, $what:literal, $max:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        #[schema(value_type = String, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$")]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidId;
            fn try_from(value: String) -> Result<Self, InvalidId> {
                check_key($what, &value, $max)?;
                Ok(Self(value))
            }
        }

        impl TryFrom<&str> for $name {
            type Error = InvalidId;
            fn try_from(value: &str) -> Result<Self, InvalidId> {
                Self::try_from(value.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

key_newtype!(
    /// A stable, URL-safe key of an entry or a piece of reference data (`smartmail-norddjurs`).
    Slug,
    "a slug",
    80
);
key_newtype!(
    /// An organisation's key: the official municipality code (`707`), region code (`1084`), or a
    /// short lowercase name for national bodies and vendors (`kl`, `kombit`).
    OrgCode,
    "an organisation code",
    64
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_lowercase_keys_and_codes() {
        assert!(Slug::try_from("ai-aktindsigt-sonderborg").is_ok());
        assert!(OrgCode::try_from("707").is_ok());
    }

    #[test]
    fn refuses_keys_people_would_mistype() {
        for bad in ["", "Ai", "a b", "-a", "a-", "a--b", "æble", &"x".repeat(81)] {
            assert!(Slug::try_from(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
