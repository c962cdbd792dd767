//! The public registers besides this catalogue that an entry can come from, as data
//! (`seed-data/registers.toml`, compiled in): what the site calls each, where it lives, the
//! licence of its records, and the names of the countries the country facet shows.
//!
//! An entry came from another register when its first external reference names one of these
//! schemes (the importer puts the record's identity there); every other entry is this
//! catalogue's own, whose source is [`HOME_SOURCE`].

use std::sync::LazyLock;

use serde::Deserialize;
use url::Url;

use crate::provenance::Provenance;

/// The source facet's value for entries written in this catalogue.
pub const HOME_SOURCE: &str = "ai_kataloget";

/// The bundled list; a test checks that it parses.
const BUNDLED: &str = include_str!("../../../seed-data/registers.toml");

/// A licence as the register states it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    pub name: String,
    pub url: Option<Url>,
}

/// Another public register.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    /// As in `provenance.references[].scheme`.
    pub scheme: String,
    /// The format name of the export in this register's format.
    pub export_format: String,
    /// The media type of that export.
    pub media_type: String,
    pub name_da: String,
    pub name_en: String,
    /// The badge on an entry from the register ("Fra det hollandske algoritmeregister").
    pub from_da: String,
    pub from_en: String,
    /// ISO 3166-1 alpha-2, or `EU` for a register spanning the Union.
    pub country: String,
    pub home_page: Url,
    /// `None` where the source states no licence.
    pub licence: Option<Licence>,
}

/// A country's name in both languages.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub code: String,
    pub name_da: String,
    pub name_en: String,
}

/// Every register and the named countries.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registers {
    #[serde(rename = "register")]
    pub registers: Vec<Register>,
    #[serde(rename = "country")]
    pub countries: Vec<Country>,
}

impl Registers {
    pub fn parse(text: &str) -> Result<Registers, toml::de::Error> {
        toml::from_str(text)
    }

    /// The bundled list, read once.
    pub fn bundled() -> &'static Registers {
        static REGISTERS: LazyLock<Registers> = LazyLock::new(|| {
            Registers::parse(BUNDLED)
                .expect("the bundled seed-data/registers.toml parses (a unit test checks it)")
        });
        &REGISTERS
    }

    pub fn get(&self, scheme: &str) -> Option<&Register> {
        self.registers.iter().find(|r| r.scheme == scheme)
    }

    /// The register an entry came from, or `None` for this catalogue's own entries.
    pub fn source_of(&self, provenance: &Provenance) -> Option<&Register> {
        provenance
            .references
            .first()
            .and_then(|r| self.get(&r.scheme))
    }

    /// The source facet's value of an entry: its register's scheme, or [`HOME_SOURCE`].
    pub fn source_key(&self, provenance: &Provenance) -> &str {
        self.source_of(provenance)
            .map_or(HOME_SOURCE, |r| r.scheme.as_str())
    }

    /// A country's name, Danish or English; `None` for a code not listed.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provenance::ExternalReference;

    #[test]
    fn the_bundled_list_names_every_importable_register() {
        let registers = Registers::parse(BUNDLED).expect("parses");
        let schemes: Vec<&str> = registers
            .registers
            .iter()
            .map(|r| r.scheme.as_str())
            .collect();
        assert_eq!(
            schemes,
            [
                "nl_algoritmeregister",
                "uk_atrs",
                "eurocities",
                "us_omb",
                "jrc_ai_watch",
                "cz_dia"
            ]
        );
        assert_eq!(
            registers
                .get("nl_algoritmeregister")
                .map(|r| r.from_da.as_str()),
            Some("Fra det hollandske algoritmeregister")
        );
        assert!(registers.country("DK").is_some());
        // Codes are unique, so a lookup cannot depend on the order.
        let mut codes: Vec<&str> = registers
            .countries
            .iter()
            .map(|c| c.code.as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), registers.countries.len());
    }

    #[test]
    fn an_entry_comes_from_the_register_its_first_reference_names() {
        let registers = Registers::bundled();
        let mut p = Provenance::default();
        assert_eq!(registers.source_key(&p), HOME_SOURCE);
        let reference = |scheme: &str| ExternalReference {
            scheme: scheme.into(),
            id: "1".into(),
            url: None,
            standard_version: None,
            fields: Default::default(),
            needs_review: Vec::new(),
        };
        // A reference to a register the site does not know leaves it this catalogue's own.
        p.references.push(reference("somewhere_else"));
        assert_eq!(registers.source_key(&p), HOME_SOURCE);
        p.references.insert(0, reference("uk_atrs"));
        assert_eq!(registers.source_key(&p), "uk_atrs");
    }
}
