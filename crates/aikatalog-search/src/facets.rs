//! Facets: the facts a search filters and counts by. Each is stored in the one `facet` field as
//! `name:value`, so filters are term lookups and counting reads one column.

use std::collections::BTreeMap;
use std::fmt;

use aikatalog_domain::algorithm::ModelType;
use aikatalog_domain::registers::{HOME_SOURCE, Registers};
use aikatalog_domain::{
    AiActClass, DataLevel, EntryKind, InfrastructureLevel, IntegrationLevel, Lifecycle, ModelLevel,
};
use serde::Serialize;

use crate::reference::ReferenceData;

/// A facet; its wire name is also the query parameter that filters by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Facet {
    Kind,
    Category,
    Domain,
    Organisation,
    Region,
    Lifecycle,
    AiAct,
    Model,
    DataLevel,
    IntegrationLevel,
    InfrastructureLevel,
    Vendor,
    Technology,
    HasSourceCode,
    Year,
    /// The register an entry comes from (`aikatalog_domain::registers`), or `ai_kataloget`.
    Source,
    /// The owner's country (ISO 3166-1 alpha-2).
    Country,
    /// The language the entry is written in (ISO 639-1).
    Lang,
}

impl Facet {
    pub const ALL: [Facet; 18] = [
        Facet::Kind,
        Facet::Category,
        Facet::Domain,
        Facet::Organisation,
        Facet::Region,
        Facet::Lifecycle,
        Facet::AiAct,
        Facet::Model,
        Facet::DataLevel,
        Facet::IntegrationLevel,
        Facet::InfrastructureLevel,
        Facet::Vendor,
        Facet::Technology,
        Facet::HasSourceCode,
        Facet::Year,
        Facet::Source,
        Facet::Country,
        Facet::Lang,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Facet::Kind => "kind",
            Facet::Category => "category",
            Facet::Domain => "domain",
            Facet::Organisation => "organisation",
            Facet::Region => "region",
            Facet::Lifecycle => "lifecycle",
            Facet::AiAct => "ai_act",
            Facet::Model => "model",
            Facet::DataLevel => "data_level",
            Facet::IntegrationLevel => "integration_level",
            Facet::InfrastructureLevel => "infrastructure_level",
            Facet::Vendor => "vendor",
            Facet::Technology => "technology",
            Facet::HasSourceCode => "has_source_code",
            Facet::Year => "year",
            Facet::Source => "source",
            Facet::Country => "country",
            Facet::Lang => "lang",
        }
    }

    pub fn parse(name: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// Position in [`Facet::ALL`], for dense per-facet tables.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The indexed term for `value`.
    pub fn term(self, value: &str) -> String {
        format!("{}:{value}", self.as_str())
    }

    /// Splits an indexed term back into facet and value.
    pub fn split(term: &str) -> Option<(Facet, &str)> {
        let (name, value) = term.split_once(':')?;
        Some((Facet::parse(name)?, value))
    }

    /// The label people read for `value`, in Danish.
    pub fn label(self, value: &str, refs: &ReferenceData) -> String {
        let enum_label = match self {
            Facet::Kind => EntryKind::parse(value).map(|v| v.label_da()),
            Facet::Lifecycle => Lifecycle::parse(value).map(|v| v.label_da()),
            Facet::AiAct => AiActClass::parse(value).map(|v| v.label_da()),
            Facet::Model => ModelLevel::parse(value)
                .map(|v| v.label_da())
                .or_else(|| ModelType::parse(value).map(|v| v.label_da())),
            Facet::DataLevel => DataLevel::parse(value).map(|v| v.label_da()),
            Facet::IntegrationLevel => IntegrationLevel::parse(value).map(|v| v.label_da()),
            Facet::InfrastructureLevel => InfrastructureLevel::parse(value).map(|v| v.label_da()),
            Facet::HasSourceCode => Some(if value == "true" { "Ja" } else { "Nej" }),
            _ => None,
        };
        if let Some(label) = enum_label {
            return label.to_owned();
        }
        let registers = Registers::bundled();
        match self {
            Facet::Source if value == HOME_SOURCE => "AI-kataloget".to_owned(),
            Facet::Source => registers
                .get(value)
                .map_or_else(|| value.to_owned(), |r| r.name_da.clone()),
            Facet::Country => registers
                .country(value)
                .map_or_else(|| value.to_owned(), |c| c.name_da.clone()),
            Facet::Lang => crate::language::name_da(value).to_owned(),
            Facet::Category => refs.category_name(value),
            Facet::Domain => refs.domain_name(value),
            Facet::Organisation | Facet::Region | Facet::Vendor => refs.organisation_name(value),
            _ => value.to_owned(),
        }
    }
}

impl fmt::Display for Facet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The filters of one search: for each facet, the values any of which a hit must have.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters(BTreeMap<Facet, Vec<String>>);

impl Filters {
    pub fn add(&mut self, facet: Facet, value: impl Into<String>) {
        let values = self.0.entry(facet).or_default();
        let value = value.into();
        if !values.contains(&value) {
            values.push(value);
        }
    }

    pub fn with(mut self, facet: Facet, value: impl Into<String>) -> Self {
        self.add(facet, value);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (Facet, &[String])> {
        self.0.iter().map(|(f, v)| (*f, v.as_slice()))
    }

    pub fn get(&self, facet: Facet) -> &[String] {
        self.0.get(&facet).map_or(&[], Vec::as_slice)
    }
}

/// One value of a facet with its count for the current query.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct FacetCount {
    pub value: String,
    pub label: String,
    pub count: u32,
    /// Whether the current filters select this value.
    pub selected: bool,
}
