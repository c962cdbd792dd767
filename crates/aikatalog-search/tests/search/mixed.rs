//! The mixed corpus: the other registers' records are searchable beside the Danish ones, each
//! marked with the register it came from.

use aikatalog_search::{Facet, SearchRequest};

use crate::util;

#[test]
fn every_register_s_records_are_searchable_with_their_source() {
    let corpus = util::mixed();
    let all = corpus
        .index
        .search(&SearchRequest {
            limit: 1,
            ..SearchRequest::default()
        })
        .expect("search runs");
    let sources = &all.facets[&Facet::Source];
    let count = |scheme: &str| {
        sources
            .iter()
            .find(|c| c.value == scheme)
            .map_or(0, |c| c.count)
    };
    for scheme in [
        "nl_algoritmeregister",
        "uk_atrs",
        "us_omb",
        "jrc_ai_watch",
        "cz_dia",
    ] {
        assert!(count(scheme) > 0, "no entries from {scheme}: {sources:?}");
    }
    assert!(count("ai_kataloget") >= 26, "{sources:?}");
    let total: u64 = sources.iter().map(|c| u64::from(c.count)).sum();
    assert_eq!(total, all.total, "every entry has one source: {sources:?}");
    assert!(all.total > 4_000, "{} entries", all.total);
}
