//! Where a record comes from and what it is called elsewhere, so an entry can come from another
//! register (the Dutch Algoritmeregister, the UK ATRS, the Eurocities standard) and go back to it
//! without losing the fields this catalogue has no typed slot for.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use url::Url;
use validator::Validate;

fn danish() -> String {
    "da".to_owned()
}

/// The record's language, keywords and identities in other registers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The language the record is written in (ISO 639-1, lower case); Danish unless stated.
    #[serde(default = "danish")]
    #[validate(length(equal = 2))]
    pub language: String,
    /// Search words that are not in the text (synonyms, the other registers' terms).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(length(max = 30))]
    pub keywords: Vec<String>,
    /// The same record in other registers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(length(max = 20), nested)]
    pub references: Vec<ExternalReference>,
}

impl Default for Provenance {
    fn default() -> Self {
        Self {
            language: danish(),
            keywords: Vec::new(),
            references: Vec::new(),
        }
    }
}

impl Provenance {
    /// Whether it says no more than the defaults.
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// The record's identity in another register, and that register's fields kept verbatim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExternalReference {
    /// The register or standard, as a short snake_case name (`nl_algoritmeregister`, `uk_atrs`).
    #[validate(length(min = 2, max = 60))]
    pub scheme: String,
    /// The record's id there.
    #[validate(length(min = 1, max = 200))]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// The version of the register's standard the fields follow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 40))]
    pub standard_version: Option<String>,
    /// Fields of that register with no typed slot here, by their names there, kept as given.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schema(value_type = Object)]
    pub fields: BTreeMap<String, serde_json::Value>,
    /// What an import could not map honestly (`field: value` notes: a vocabulary value with no
    /// crosswalk entry, a value outside the standard's list, a blank required field). An entry
    /// with any is marked for a curator's review; empty when everything mapped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(length(max = 50))]
    pub needs_review: Vec<String>,
}
