//! Counts of the public catalogue for the transparency statistics: published entries by AI Act
//! class, stage, primary category and region, reviews due and overdue, and entries with a FRIA
//! or another impact assessment. Categories come from `entry_relations`, regions from the owners'
//! `organisations` rows, the rest from the published documents.

use std::collections::HashMap;

use aikatalog_domain::{
    AiActClass, Algorithm, Entry, EntryKind, Lifecycle, Relation, ReviewPolicy, ReviewState,
    StatisticsFacts, UseCase,
};
use chrono::NaiveDate;
use diesel::prelude::*;

use super::entries::parse_stored;
use super::reviews;
use crate::DbConnection;
use crate::error::StorageError;
use crate::schema::{categories, entries, entry_relations, organisations};

/// The counts, each list complete (values no entry has are there with 0) and in its scale's or
/// reference data's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Statistics {
    pub use_cases: i64,
    pub algorithms: i64,
    pub by_ai_act_class: Vec<(AiActClass, i64)>,
    pub by_stage: Vec<(Lifecycle, i64)>,
    /// Public use cases by primary category (slug), in KL/KOMBIT's order.
    pub by_category: Vec<(String, i64)>,
    /// Public entries by the owner's region (code, in code order; `None`: an owner in no
    /// region, such as a national body or a vendor).
    pub by_region: Vec<(Option<String>, i64)>,
    pub reviews_due: i64,
    pub reviews_overdue: i64,
    pub with_fria: i64,
    pub with_impact_assessment: i64,
}

/// Counts the public catalogue as it is on `today`.
pub fn count(
    conn: &mut DbConnection,
    policy: &ReviewPolicy,
    today: NaiveDate,
) -> Result<Statistics, StorageError> {
    let public = reviews::public_with_dates(conn, policy, None, None)?;
    let mut stats = Statistics {
        use_cases: 0,
        algorithms: 0,
        by_ai_act_class: AiActClass::ALL.iter().map(|c| (*c, 0)).collect(),
        by_stage: Lifecycle::ALL.iter().map(|l| (*l, 0)).collect(),
        by_category: Vec::new(),
        by_region: Vec::new(),
        reviews_due: 0,
        reviews_overdue: 0,
        with_fria: 0,
        with_impact_assessment: 0,
    };
    let mut owners: HashMap<String, i64> = HashMap::new();
    for reviewed in &public {
        let entry = &reviewed.entry;
        let Some(document) = entry.published_document.as_deref() else {
            continue;
        };
        let facts: StatisticsFacts = match EntryKind::parse(&entry.kind) {
            Some(EntryKind::UseCase) => {
                stats.use_cases += 1;
                parse_stored::<UseCase>(document)?.statistics_facts()
            }
            Some(EntryKind::Algorithm) => {
                stats.algorithms += 1;
                parse_stored::<Algorithm>(document)?.statistics_facts()
            }
            None => continue,
        };
        bump(&mut stats.by_ai_act_class, &facts.ai_act_class);
        bump(&mut stats.by_stage, &facts.lifecycle);
        stats.with_fria += i64::from(facts.fria_done);
        stats.with_impact_assessment += i64::from(facts.impact_assessment_done);
        match policy.state(reviewed.review_on, today) {
            Some(ReviewState::Due) => stats.reviews_due += 1,
            Some(ReviewState::Overdue) => stats.reviews_overdue += 1,
            None => {}
        }
        *owners.entry(entry.owner_code.clone()).or_default() += 1;
    }
    stats.by_category = by_primary_category(conn)?;
    stats.by_region = by_region(conn, &owners)?;
    Ok(stats)
}

fn bump<T: PartialEq>(counts: &mut [(T, i64)], value: &T) {
    if let Some((_, n)) = counts.iter_mut().find(|(v, _)| v == value) {
        *n += 1;
    }
}

/// Public use cases per primary category, every category listed.
fn by_primary_category(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64)>> {
    let counted: HashMap<String, i64> = entries::table
        .inner_join(entry_relations::table)
        .filter(entries::kind.eq(EntryKind::UseCase.as_str()))
        .filter(entries::published_document.is_not_null())
        .filter(entries::state.ne(aikatalog_domain::PublicationState::Archived.as_str()))
        .filter(entry_relations::relation.eq(Relation::PrimaryCategory.as_str()))
        .group_by(entry_relations::target)
        .select((entry_relations::target, diesel::dsl::count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    let slugs: Vec<String> = categories::table
        .order(categories::number)
        .select(categories::slug)
        .load(conn)?;
    Ok(slugs
        .into_iter()
        .map(|slug| {
            let n = counted.get(&slug).copied().unwrap_or(0);
            (slug, n)
        })
        .collect())
}

/// Public entries per region of their owner: a municipality's region, or the region itself.
fn by_region(
    conn: &mut DbConnection,
    owners: &HashMap<String, i64>,
) -> QueryResult<Vec<(Option<String>, i64)>> {
    let orgs: Vec<(String, String, Option<String>)> = organisations::table
        .select((
            organisations::code,
            organisations::kind,
            organisations::region_code,
        ))
        .load(conn)?;
    let mut regions: Vec<String> = orgs
        .iter()
        .filter(|(_, kind, _)| kind == "region")
        .map(|(code, _, _)| code.clone())
        .collect();
    regions.sort();
    let region_of: HashMap<&str, Option<&str>> = orgs
        .iter()
        .map(|(code, kind, region)| {
            let region = if kind == "region" {
                Some(code.as_str())
            } else {
                region.as_deref()
            };
            (code.as_str(), region)
        })
        .collect();
    let mut counts: Vec<(Option<String>, i64)> =
        regions.into_iter().map(|r| (Some(r), 0)).collect();
    counts.push((None, 0));
    for (owner, n) in owners {
        let region = region_of.get(owner.as_str()).copied().flatten();
        match counts.iter_mut().find(|(r, _)| r.as_deref() == region) {
            Some((_, count)) => *count += n,
            // A region code no region row names: counted with the owners in no region.
            None => {
                if let Some((_, count)) = counts.last_mut() {
                    *count += n;
                }
            }
        }
    }
    Ok(counts)
}
