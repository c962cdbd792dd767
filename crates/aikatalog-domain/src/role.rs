//! Who acts on the catalogue: the two roles a token or a signed-in session can carry.

use serde::Serialize;

/// The two roles a token (or a signed-in session) can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Publishes and maintains its own organisation's entries.
    Editor,
    /// KL/KOMBIT: reviews, publishes and curates everything.
    Curator,
}

impl Role {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "editor" => Some(Role::Editor),
            "curator" => Some(Role::Curator),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Curator => "curator",
        }
    }
}
