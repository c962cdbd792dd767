//! What one query may cost: queries over the limits are refused before they run, saying which
//! limit; queries under them run as before; a search past its time budget stops.

use std::sync::Arc;
use std::time::Duration;

use aikatalog_search::{QueryLimits, QueryRejected, SearchError, SearchRequest};
use aikatalog_storage::Backend;

use crate::util;

/// The hostile query of issue 16: misspelt compounds `OR`ed together, each of which the
/// planner used to widen to near spellings in every text field.
fn misspelt_compounds(n: usize) -> String {
    let words = [
        "borgerbetjenning",
        "mailsorterring",
        "rehabillitering",
        "talegenkendlese",
        "hjemmeplje",
    ];
    (0..n)
        .map(|i| format!("{}{}", words[i % words.len()], i / words.len()))
        .collect::<Vec<_>>()
        .join(" OR ")
}

fn run(index: &aikatalog_search::SearchIndex, q: &str) -> Result<usize, SearchError> {
    index
        .search(&SearchRequest {
            q: q.into(),
            limit: 10,
            ..SearchRequest::default()
        })
        .map(|r| r.items.len())
}

#[test]
fn the_hostile_query_of_the_issue_is_refused_with_its_limit() {
    let seeded = util::seeded(Backend::Sqlite);
    let hostile = misspelt_compounds(400);
    // Before the limits this ran (for seconds, with gigabytes) and answered with hits.
    match run(&seeded.index, &hostile) {
        Err(SearchError::Rejected(QueryRejected::TooLong { chars, max })) => {
            assert_eq!((chars, max), (hostile.chars().count(), 500));
        }
        other => panic!("expected the query to be refused as too long, got {other:?}"),
    }
    // The same words with the length allowed are refused for their number.
    let mut index = util::seeded(Backend::Sqlite).index;
    Arc::get_mut(&mut index)
        .expect("a fresh index has one owner")
        .set_limits(QueryLimits {
            max_chars: 100_000,
            ..QueryLimits::default()
        });
    let err = run(&index, &hostile).expect_err("400 words are too many");
    assert_eq!(
        err.to_string(),
        "the query has 400 words; at most 32 are allowed"
    );
    // Suggestions read the same words: the same limit.
    assert!(matches!(
        index.suggest(&hostile, 8),
        Err(SearchError::Rejected(QueryRejected::TooManyTerms {
            terms: 400,
            max: 32
        }))
    ));
}

#[test]
fn a_query_just_under_the_limits_still_finds_what_it_should() {
    let seeded = util::seeded(Backend::Sqlite);
    // 24 parts, 32 words, under 500 characters: the first part is a misspelt compound that is
    // found by near spellings, the rest are common words.
    let mut words = vec!["borgerbetjenning".to_owned()];
    words.extend(
        [
            "borger", "kommune", "data", "service", "sag", "digital", "løsning",
        ]
        .iter()
        .cycle()
        .take(22)
        .map(|w| w.to_string()),
    );
    words.push(["AI"; 9].join(" OR "));
    let q = words.join(" ");
    assert!(q.chars().count() <= 500, "{} characters", q.chars().count());
    let results = seeded
        .index
        .search(&SearchRequest {
            q: q.clone(),
            limit: 10,
            ..SearchRequest::default()
        })
        .expect("a query under every limit runs");
    assert!(results.total > 0, "{q}");
    // Alone, the misspelt compound is still found as the relevance suite expects.
    let alone = util::search(&seeded.index, "borgerbetjenning");
    assert_eq!(
        util::slugs(&alone).first().map(String::as_str),
        Some("soegemaskine-borgerbetjening-koebenhavn")
    );
}

#[test]
fn a_search_past_its_time_budget_stops_with_an_error() {
    let mut index = util::seeded(Backend::Sqlite).index;
    Arc::get_mut(&mut index)
        .expect("a fresh index has one owner")
        .set_limits(QueryLimits {
            time_budget: Duration::ZERO,
            ..QueryLimits::default()
        });
    match run(&index, "borger") {
        Err(SearchError::TimedOut(budget)) => assert_eq!(budget, Duration::ZERO),
        other => panic!("expected a timeout, got {other:?}"),
    }
}
