//! The reference data search needs beside the entries: the names of categories, domains and
//! organisations, to index them as searchable text and to label facet values.

use std::collections::HashMap;

use aikatalog_domain::{Category, Domain, OrgKind, Organisation};
use aikatalog_storage::models::reference_records::{self as model, parse_all};
use aikatalog_storage::{DbConnection, StorageError};

#[derive(Debug, Default, Clone)]
pub struct ReferenceData {
    pub categories: HashMap<String, Category>,
    pub domains: HashMap<String, Domain>,
    pub organisations: HashMap<String, Organisation>,
}

impl ReferenceData {
    pub fn load(conn: &mut DbConnection) -> Result<Self, StorageError> {
        let categories: Vec<Category> = parse_all(model::list_categories(conn)?)?;
        let domains: Vec<Domain> = parse_all(model::list_domains(conn)?)?;
        let organisations: Vec<Organisation> = parse_all(model::list_organisations(conn, None)?)?;
        Ok(Self::from_parts(categories, domains, organisations))
    }

    pub fn from_parts(
        categories: Vec<Category>,
        domains: Vec<Domain>,
        organisations: Vec<Organisation>,
    ) -> Self {
        Self {
            categories: categories
                .into_iter()
                .map(|c| (c.slug.to_string(), c))
                .collect(),
            domains: domains
                .into_iter()
                .map(|d| (d.slug.to_string(), d))
                .collect(),
            organisations: organisations
                .into_iter()
                .map(|o| (o.code.to_string(), o))
                .collect(),
        }
    }

    /// An organisation's name, or its code when it is unknown.
    pub fn organisation_name(&self, code: &str) -> String {
        self.organisations
            .get(code)
            .map_or_else(|| code.to_owned(), |o| o.name.clone())
    }

    pub fn category_name(&self, slug: &str) -> String {
        self.categories
            .get(slug)
            .map_or_else(|| slug.to_owned(), |c| c.name_da.clone())
    }

    pub fn domain_name(&self, slug: &str) -> String {
        self.domains
            .get(slug)
            .map_or_else(|| slug.to_owned(), |d| d.name_da.clone())
    }

    /// The region an organisation lies in: its own code for a region, its region's for a
    /// municipality, none for others.
    pub fn region_of(&self, code: &str) -> Option<String> {
        let org = self.organisations.get(code)?;
        match org.kind {
            OrgKind::Region => Some(org.code.to_string()),
            _ => org.region.as_ref().map(ToString::to_string),
        }
    }
}
