//! The relevance suite: every query in `tests/relevance/queries.toml` must rank its expected
//! entries in the top three, over the bundled seed data. All failures are reported together.

use std::collections::BTreeMap;

use aikatalog_domain::EntryKind;
use aikatalog_search::{SearchIndex, SearchRequest};
use aikatalog_storage::Backend;
use serde::Deserialize;

use crate::util;

const QUERIES: &str = include_str!("../relevance/queries.toml");

/// What the suite must cover, as the issue lists it.
const ASPECTS: [&str; 8] = [
    "folding",
    "stems",
    "compounds",
    "synonyms",
    "typos",
    "phrases",
    "exclusions",
    "english",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Suite {
    query: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    q: String,
    aspect: String,
    /// `use_case` (default), `algorithm` or `any`.
    #[serde(default)]
    kind: Option<String>,
    /// Slugs that must all be among the first three hits.
    #[serde(default)]
    top3: Vec<String>,
    /// Slugs that must not be hits at all.
    #[serde(default)]
    absent: Vec<String>,
}

fn run(index: &SearchIndex, case: &Case) -> Result<(), String> {
    let kind = match case.kind.as_deref() {
        None | Some("use_case") => Some(EntryKind::UseCase),
        Some("algorithm") => Some(EntryKind::Algorithm),
        Some("any") => None,
        Some(other) => return Err(format!("unknown kind `{other}`")),
    };
    let results = index
        .search(&SearchRequest {
            q: case.q.clone(),
            kind,
            limit: 100,
            ..SearchRequest::default()
        })
        .map_err(|e| e.to_string())?;
    let slugs = util::slugs(&results);
    let top3 = &slugs[..slugs.len().min(3)];
    let missing: Vec<&String> = case.top3.iter().filter(|s| !top3.contains(s)).collect();
    let present: Vec<&String> = case.absent.iter().filter(|s| slugs.contains(s)).collect();
    if missing.is_empty() && present.is_empty() && !slugs.is_empty() {
        return Ok(());
    }
    Err(format!(
        "top 3 {top3:?} lacks {missing:?}; should not find {present:?} (matched {:?}, {} hits)",
        results.matched, results.total
    ))
}

#[test]
fn every_query_ranks_its_entries_in_the_top_three() {
    let suite: Suite = toml::from_str(QUERIES).expect("queries.toml parses");
    assert!(
        suite.query.len() >= 40,
        "the suite has {} queries; it needs at least 40",
        suite.query.len()
    );
    let mut per_aspect: BTreeMap<&str, usize> = BTreeMap::new();
    for case in &suite.query {
        assert!(
            ASPECTS.contains(&case.aspect.as_str()),
            "`{}` has unknown aspect `{}`",
            case.q,
            case.aspect
        );
        assert!(
            !case.top3.is_empty() || !case.absent.is_empty(),
            "`{}` expects nothing",
            case.q
        );
        *per_aspect.entry(case.aspect.as_str()).or_default() += 1;
    }
    for aspect in ASPECTS {
        assert!(
            per_aspect.get(aspect).copied().unwrap_or(0) >= 3,
            "aspect {aspect} has fewer than three queries"
        );
    }

    let seeded = util::seeded(Backend::Sqlite);
    let mut failures = Vec::new();
    for case in &suite.query {
        if let Err(why) = run(&seeded.index, case) {
            failures.push(format!("[{}] {:?}: {why}", case.aspect, case.q));
        }
    }
    let passed = suite.query.len() - failures.len();
    println!("relevance: {passed} passed, {} failed", failures.len());
    for (aspect, n) in &per_aspect {
        println!("  {aspect}: {n} queries");
    }
    assert!(
        failures.is_empty(),
        "relevance failures:\n{}",
        failures.join("\n")
    );
}
