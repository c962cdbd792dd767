//! Vocabulary crosswalks: curated data in `seed-data/crosswalks/{format}.toml` that maps a
//! register's themes, domains and classifications to this catalogue's domains and its twelve
//! AI categories. Code never guesses: a value with no entry, or a record whose values give no
//! domain or no category, gets the file's stand-ins (`[unmapped]`) and is marked for review.

use std::collections::BTreeMap;

use aikatalog_domain::Slug;
use serde::Deserialize;

use crate::Format;

/// One crosswalk file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Crosswalk {
    /// What a record gets where nothing maps; always marked for review.
    pub unmapped: Fallback,
    /// By the register's field name, then by its value.
    #[serde(default)]
    pub fields: BTreeMap<String, BTreeMap<String, Target>>,
    /// For export of entries written here: by the register\'s field name, our slug and the
    /// register\'s value for it.
    #[serde(default)]
    pub export: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fallback {
    pub domain: Slug,
    pub category: Slug,
    /// For standards that name no country: the owner's country until a curator decides.
    #[serde(default)]
    pub country: Option<String>,
}

impl Default for Fallback {
    fn default() -> Self {
        // Only for a format without a crosswalk file; every shipped file names its own.
        Fallback {
            domain: Slug::try_from("administration").unwrap_or_else(|_| unreachable()),
            category: Slug::try_from("decision-intelligence").unwrap_or_else(|_| unreachable()),
            country: None,
        }
    }
}

fn unreachable() -> Slug {
    panic!("the fallback slugs are valid")
}

/// What one value means here. Both lists may be empty: the value is known but says nothing
/// about that side (a theme tells a domain, not an AI category).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    #[serde(default)]
    pub domains: Vec<Slug>,
    #[serde(default)]
    pub categories: Vec<Slug>,
}

const NL: &str = include_str!("../../../seed-data/crosswalks/nl-algoritmeregister.toml");
const UK: &str = include_str!("../../../seed-data/crosswalks/uk-atrs.toml");
const EUROCITIES: &str = include_str!("../../../seed-data/crosswalks/eurocities.toml");
const US_OMB: &str = include_str!("../../../seed-data/crosswalks/us-omb.toml");
const JRC_AI_WATCH: &str = include_str!("../../../seed-data/crosswalks/jrc-ai-watch.toml");
const CZ_DIA: &str = include_str!("../../../seed-data/crosswalks/cz-dia.toml");

impl Crosswalk {
    /// The crosswalk compiled into the binary for `format` (a test checks every file parses).
    pub fn bundled(format: Format) -> Crosswalk {
        Self::text(format)
            .and_then(|t| toml::from_str(t).ok())
            .unwrap_or_default()
    }

    /// The crosswalk file's text, when the format has one.
    pub fn text(format: Format) -> Option<&'static str> {
        match format {
            Format::NlAlgoritmeregister => Some(NL),
            Format::UkAtrs => Some(UK),
            Format::Eurocities => Some(EUROCITIES),
            Format::UsOmb => Some(US_OMB),
            Format::JrcAiWatch => Some(JRC_AI_WATCH),
            Format::CzDia => Some(CZ_DIA),
        }
    }

    /// Looks a value up, ignoring case and surrounding space.
    pub fn lookup(&self, field: &str, value: &str) -> Option<&Target> {
        let values = self.fields.get(field)?;
        let wanted = value.trim().to_lowercase();
        values
            .iter()
            .find(|(k, _)| k.trim().to_lowercase() == wanted)
            .map(|(_, t)| t)
    }
}

/// The domains and categories a record's values gave, and what could not be mapped.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub domains: Vec<Slug>,
    pub categories: Vec<Slug>,
    /// `(field, value)` pairs the crosswalk does not know.
    pub unknown: Vec<(String, String)>,
}

impl Resolved {
    pub fn add(&mut self, crosswalk: &Crosswalk, field: &str, value: &str) {
        match crosswalk.lookup(field, value) {
            Some(t) => {
                for d in &t.domains {
                    if !self.domains.contains(d) {
                        self.domains.push(d.clone());
                    }
                }
                for c in &t.categories {
                    if !self.categories.contains(c) {
                        self.categories.push(c.clone());
                    }
                }
            }
            None => self.unknown.push((field.to_owned(), value.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_crosswalk_parses() {
        for format in Format::ALL {
            if let Some(text) = Crosswalk::text(format) {
                let parsed: Result<Crosswalk, _> = toml::from_str(text);
                assert!(parsed.is_ok(), "{format}: {parsed:?}");
            }
        }
    }
}
