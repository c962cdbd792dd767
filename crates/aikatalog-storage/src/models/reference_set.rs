//! The set of known keys that validation checks references against, loaded from the database
//! and extendable with what an import run is about to add.

use std::collections::{HashMap, HashSet};

use aikatalog_domain::validation::References;
use aikatalog_domain::{EntryKind, OrgCode, OrgKind, Slug};
use diesel::prelude::*;

use super::entries;
use crate::DbConnection;
use crate::schema::{categories, domains, organisations};

#[derive(Debug, Clone, Default)]
pub struct ReferenceSet {
    pub categories: HashSet<String>,
    pub domains: HashSet<String>,
    pub organisations: HashMap<String, OrgKind>,
    pub algorithms: HashSet<String>,
}

impl ReferenceSet {
    pub fn load(conn: &mut DbConnection) -> QueryResult<Self> {
        let categories = categories::table
            .select(categories::slug)
            .load::<String>(conn)?;
        let domains = domains::table.select(domains::slug).load::<String>(conn)?;
        let organisations = organisations::table
            .select((organisations::code, organisations::kind))
            .load::<(String, String)>(conn)?;
        let algorithms = entries::all_slugs(conn, EntryKind::Algorithm)?;
        Ok(Self {
            categories: categories.into_iter().collect(),
            domains: domains.into_iter().collect(),
            organisations: organisations
                .into_iter()
                .map(|(code, kind)| (code, OrgKind::parse(&kind).unwrap_or(OrgKind::Other)))
                .collect(),
            algorithms: algorithms.into_iter().collect(),
        })
    }
}

impl References for ReferenceSet {
    fn has_category(&self, slug: &Slug) -> bool {
        self.categories.contains(slug.as_str())
    }
    fn has_domain(&self, slug: &Slug) -> bool {
        self.domains.contains(slug.as_str())
    }
    fn organisation_kind(&self, code: &OrgCode) -> Option<OrgKind> {
        self.organisations.get(code.as_str()).copied()
    }
    fn has_algorithm(&self, slug: &Slug) -> bool {
        self.algorithms.contains(slug.as_str())
    }
}
