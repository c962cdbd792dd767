//! What the public may see, read from the database into memory: the reference data and every
//! published entry with its adoptions. Pages render from this snapshot, so each needs no query
//! of its own besides the freshness check, and drafts cannot leak: only
//! `EntryRow::public_document` ever fills it.
//!
//! The snapshot is rebuilt when the database changed: every entry or adoption change writes an
//! outbox row (so the outbox head moves), and reference data, which has no outbox, is compared
//! by a hash of its stored documents. Each check is one short read transaction.
//!
//! Sized for the catalogue as it is meant to be (the 98 municipalities' entries, some thousands);
//! a catalogue far larger would want these pages to read from the search index instead.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, RwLock};

use aikatalog_domain::{
    Algorithm, Category, CountryCode, Domain, EntryKind, Lifecycle, OrgKind, Organisation,
    Provenance, UseCase,
};
use aikatalog_storage::models::reference_records::{self as model, parse_all};
use aikatalog_storage::models::{adoptions, entries, outbox, revisions};
use aikatalog_storage::{Database, DbConnection, StorageError};
use chrono::{DateTime, Utc};

use crate::source;

/// One organisation's part in the catalogue.
#[derive(Debug, Default)]
pub struct Involvement<'a> {
    pub owns: Vec<&'a UseCase>,
    pub partner_in: Vec<&'a UseCase>,
    pub reuses: Vec<&'a UseCase>,
    pub algorithms: Vec<&'a Algorithm>,
}

impl Involvement<'_> {
    pub fn is_empty(&self) -> bool {
        self.owns.is_empty()
            && self.partner_in.is_empty()
            && self.reuses.is_empty()
            && self.algorithms.is_empty()
    }
}

/// Counts per organisation, for the municipality overview.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub owns: usize,
    pub partner_in: usize,
    pub reuses: usize,
}

impl Counts {
    pub fn any(&self) -> bool {
        self.owns + self.partner_in + self.reuses > 0
    }
}

#[derive(Debug, Default)]
pub struct Catalogue {
    /// In KL/KOMBIT's order.
    pub categories: Vec<Category>,
    /// In the seed file's order.
    pub domains: Vec<Domain>,
    pub organisations: BTreeMap<String, Organisation>,
    /// Published use cases, most recently published first; `meta` holds their adoptions.
    pub use_cases: Vec<UseCase>,
    /// Published algorithms, most recently published first; `meta.used_by` lists public users.
    pub algorithms: Vec<Algorithm>,
    use_case_at: HashMap<String, usize>,
    algorithm_at: HashMap<String, usize>,
    counts: HashMap<String, Counts>,
    /// Organisation codes per kind, by name: sorted once per snapshot, not per page.
    by_kind: HashMap<OrgKind, Vec<String>>,
    /// When a person last changed what the public reads, by kind and slug; entries whose
    /// published revision came from the seed import are not here (see [`edited_at`]).
    edited: HashMap<(EntryKind, String), DateTime<Utc>>,
}

/// The transition the seed importer records (`aikatalog_seed::apply`). A revision it published
/// says when the catalogue read the sources, not when the owner changed anything: the whole
/// seed is imported in one instant.
const IMPORT_TRANSITION: &str = "import";

/// When the entry's public version was last changed by a person (an editor's change a curator
/// published), or `None` when it is as the import left it.
fn edited_at(
    conn: &mut DbConnection,
    row: &entries::EntryRow,
) -> Result<Option<DateTime<Utc>>, StorageError> {
    let (Some(at), Some(revision)) = (row.published_at, row.published_revision) else {
        return Ok(None);
    };
    let imported = revisions::find(conn, &row.id, revision)?
        .is_some_and(|r| r.transition == IMPORT_TRANSITION);
    Ok((!imported).then(|| at.and_utc()))
}

impl Catalogue {
    /// Reads the snapshot in one transaction.
    pub fn load(conn: &mut DbConnection) -> Result<Catalogue, StorageError> {
        let categories: Vec<Category> = parse_all(model::list_categories(conn)?)?;
        let domains: Vec<Domain> = parse_all(model::list_domains(conn)?)?;
        let organisations: Vec<Organisation> = parse_all(model::list_organisations(conn, None)?)?;
        let mut edited = HashMap::new();
        let mut use_cases = Vec::new();
        for row in newest_first(entries::all_public(conn, EntryKind::UseCase)?) {
            if let Some(at) = edited_at(conn, &row)? {
                edited.insert((EntryKind::UseCase, row.slug.clone()), at);
            }
            if let Some(mut uc) = row.public_document::<UseCase>()? {
                let adopted = adoptions::for_entry(conn, &row.id)?;
                if let Some(meta) = uc.meta.as_mut() {
                    meta.adopted_by = adopted;
                }
                use_cases.push(uc);
            }
        }
        let mut algorithms = Vec::new();
        for row in newest_first(entries::all_public(conn, EntryKind::Algorithm)?) {
            if let Some(at) = edited_at(conn, &row)? {
                edited.insert((EntryKind::Algorithm, row.slug.clone()), at);
            }
            if let Some(mut alg) = row.public_document::<Algorithm>()? {
                let adopted = adoptions::for_entry(conn, &row.id)?;
                if let Some(meta) = alg.meta.as_mut() {
                    meta.adopted_by = adopted;
                }
                algorithms.push(alg);
            }
        }
        Ok(Catalogue {
            edited,
            ..Catalogue::from_parts(categories, domains, organisations, use_cases, algorithms)
        })
    }

    pub fn from_parts(
        mut categories: Vec<Category>,
        domains: Vec<Domain>,
        organisations: Vec<Organisation>,
        use_cases: Vec<UseCase>,
        mut algorithms: Vec<Algorithm>,
    ) -> Catalogue {
        categories.sort_by_key(|c| c.number);
        // An algorithm is "used by" the public use cases that name it, and no others.
        let mut users: HashMap<&str, Vec<String>> = HashMap::new();
        for uc in &use_cases {
            for alg in &uc.algorithms {
                users
                    .entry(alg.as_str())
                    .or_default()
                    .push(uc.slug.to_string());
            }
        }
        for alg in &mut algorithms {
            let used_by = users.remove(alg.slug.as_str()).unwrap_or_default();
            alg.meta.get_or_insert_with(Default::default).used_by = used_by;
        }
        let mut counts: HashMap<String, Counts> = HashMap::new();
        for uc in &use_cases {
            counts.entry(uc.owner.to_string()).or_default().owns += 1;
            for p in &uc.partners {
                counts.entry(p.to_string()).or_default().partner_in += 1;
            }
            for a in adopters(uc) {
                counts.entry(a.to_owned()).or_default().reuses += 1;
            }
        }
        let mut by_kind: HashMap<OrgKind, Vec<&Organisation>> = HashMap::new();
        for org in &organisations {
            by_kind.entry(org.kind).or_default().push(org);
        }
        let by_kind = by_kind
            .into_iter()
            .map(|(kind, mut orgs)| {
                orgs.sort_by(|a, b| danish_order(&a.name, &b.name));
                (kind, orgs.iter().map(|o| o.code.to_string()).collect())
            })
            .collect();
        Catalogue {
            by_kind,
            use_case_at: index_by(&use_cases, |u| u.slug.as_str()),
            algorithm_at: index_by(&algorithms, |a| a.slug.as_str()),
            categories,
            domains,
            organisations: organisations
                .into_iter()
                .map(|o| (o.code.to_string(), o))
                .collect(),
            use_cases,
            algorithms,
            counts,
            edited: HashMap::new(),
        }
    }

    /// When a person last changed the entry's public version; `None` while it is as imported.
    pub fn edited_at(&self, kind: EntryKind, slug: &str) -> Option<DateTime<Utc>> {
        self.edited.get(&(kind, slug.to_owned())).copied()
    }

    pub fn use_case(&self, slug: &str) -> Option<&UseCase> {
        self.use_case_at.get(slug).map(|&i| &self.use_cases[i])
    }

    pub fn algorithm(&self, slug: &str) -> Option<&Algorithm> {
        self.algorithm_at.get(slug).map(|&i| &self.algorithms[i])
    }

    pub fn category(&self, slug: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.slug.as_str() == slug)
    }

    pub fn domain(&self, slug: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.slug.as_str() == slug)
    }

    pub fn organisation(&self, code: &str) -> Option<&Organisation> {
        self.organisations.get(code)
    }

    /// Organisations of one kind, by name.
    pub fn organisations_of(&self, kind: OrgKind) -> Vec<&Organisation> {
        self.by_kind
            .get(&kind)
            .map(|codes| {
                codes
                    .iter()
                    .filter_map(|c| self.organisations.get(c))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Use cases of a category, primary ones first.
    pub fn use_cases_in(&self, category: &str) -> (Vec<&UseCase>, Vec<&UseCase>) {
        let primary = self
            .use_cases
            .iter()
            .filter(|u| u.primary_category.as_str() == category)
            .collect();
        let secondary = self
            .use_cases
            .iter()
            .filter(|u| {
                u.secondary_categories
                    .iter()
                    .any(|c| c.as_str() == category)
            })
            .collect();
        (primary, secondary)
    }

    pub fn counts(&self, code: &str) -> Counts {
        self.counts.get(code).copied().unwrap_or_default()
    }

    pub fn involvement(&self, code: &str) -> Involvement<'_> {
        let mut out = Involvement::default();
        for uc in &self.use_cases {
            if uc.owner.as_str() == code {
                out.owns.push(uc);
            }
            if uc.partners.iter().any(|p| p.as_str() == code) {
                out.partner_in.push(uc);
            }
            if adopters(uc).any(|a| a == code) {
                out.reuses.push(uc);
            }
        }
        out.algorithms = self
            .algorithms
            .iter()
            .filter(|a| {
                a.owner.as_str() == code || a.vendor.as_ref().is_some_and(|v| v.as_str() == code)
            })
            .collect();
        out
    }

    /// Whether an entry is this catalogue's own: not imported from another register and owned
    /// by a Danish organisation (or one the reference data lacks).
    fn is_danish(&self, provenance: &Provenance, owner: &str) -> bool {
        source::is_home(provenance)
            && self
                .organisation(owner)
                .is_none_or(|o| o.country == CountryCode::DENMARK)
    }

    /// The front page's figures, which describe Danish public AI: entries from other
    /// registers and foreign bodies do not change them.
    pub fn danish_figures(&self) -> DanishFigures {
        let use_cases: Vec<&UseCase> = self
            .use_cases
            .iter()
            .filter(|u| self.is_danish(&u.provenance, u.owner.as_str()))
            .collect();
        let algorithms: Vec<&Algorithm> = self
            .algorithms
            .iter()
            .filter(|a| self.is_danish(&a.provenance, a.owner.as_str()))
            .collect();
        let mut taking_part: HashSet<&str> = HashSet::new();
        for uc in &use_cases {
            taking_part.insert(uc.owner.as_str());
            taking_part.extend(uc.partners.iter().map(|p| p.as_str()));
            taking_part.extend(adopters(uc));
        }
        let danish_municipalities = || {
            self.organisations
                .values()
                .filter(|o| o.kind == OrgKind::Municipality && o.country == CountryCode::DENMARK)
        };
        DanishFigures {
            use_cases: use_cases.len(),
            algorithms: algorithms.len(),
            municipalities: danish_municipalities()
                .filter(|o| taking_part.contains(o.code.as_str()))
                .count(),
            municipalities_total: danish_municipalities().count(),
            in_operation: use_cases
                .iter()
                .filter(|u| u.lifecycle == Lifecycle::InOperation)
                .count()
                + algorithms
                    .iter()
                    .filter(|a| a.lifecycle == Lifecycle::InOperation)
                    .count(),
        }
    }
}

/// The catalogue in four numbers, Danish entries only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DanishFigures {
    pub use_cases: usize,
    pub algorithms: usize,
    /// Danish municipalities that own, partner in or reuse at least one Danish use case.
    pub municipalities: usize,
    pub municipalities_total: usize,
    /// Danish use cases and algorithms in operation.
    pub in_operation: usize,
}

/// The organisations that declared they reuse a use case.
pub fn adopters(uc: &UseCase) -> impl Iterator<Item = &str> {
    uc.meta
        .iter()
        .flat_map(|m| m.adopted_by.iter())
        .map(|a| a.organisation.as_str())
}

fn newest_first(mut rows: Vec<entries::EntryRow>) -> Vec<entries::EntryRow> {
    rows.sort_by(|a, b| {
        b.published_at
            .cmp(&a.published_at)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    rows
}

fn index_by<T>(items: &[T], key: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| (key(item).to_owned(), i))
        .collect()
}

/// Orders names the way a Danish reader expects: æ, ø, å after z, case ignored.
pub fn danish_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn key(s: &str) -> impl Iterator<Item = u32> + '_ {
        s.chars().flat_map(char::to_lowercase).map(|c| match c {
            'æ' => 'z' as u32 + 1,
            'ø' => 'z' as u32 + 2,
            'å' => 'z' as u32 + 3,
            c => c as u32,
        })
    }
    key(a).cmp(key(b))
}

/// What the snapshot was read from: when this changes, the snapshot is stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    outbox_head: i64,
    reference: u64,
}

fn stamp(conn: &mut DbConnection) -> diesel::QueryResult<Stamp> {
    let outbox_head = outbox::head(conn)?;
    let mut hasher = DefaultHasher::new();
    model::list_categories(conn)?.hash(&mut hasher);
    model::list_domains(conn)?.hash(&mut hasher);
    model::list_organisations(conn, None)?.hash(&mut hasher);
    Ok(Stamp {
        outbox_head,
        reference: hasher.finish(),
    })
}

/// The current snapshot, shared by the requests of one worker.
#[derive(Debug, Default)]
pub struct CatalogueCache {
    current: RwLock<Option<(Stamp, Arc<Catalogue>)>>,
}

impl CatalogueCache {
    /// The snapshot, rebuilt first if the database changed since it was read. Blocking.
    pub fn get(&self, db: &Database) -> Result<Arc<Catalogue>, StorageError> {
        let now = db.read(stamp)?;
        if let Some((seen, catalogue)) = self
            .current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            && *seen == now
        {
            return Ok(catalogue.clone());
        }
        // The stamp is read before the snapshot: a change landing in between makes the next
        // request rebuild again rather than keep a stale snapshot.
        let catalogue = Arc::new(db.read_with(Catalogue::load)?);
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Some((now, catalogue.clone()));
        Ok(catalogue)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters_sort_last() {
        let mut names = vec!["Århus", "Odense", "Ærø", "Øster", "aalborg"];
        names.sort_by(|a, b| danish_order(a, b));
        assert_eq!(names, ["aalborg", "Odense", "Ærø", "Øster", "Århus"]);
    }
}
