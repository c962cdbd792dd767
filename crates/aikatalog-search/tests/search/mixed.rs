//! The mixed corpus: the other registers' records are searchable beside the Danish ones, each
//! marked with the register it came from.

use aikatalog_search::{Facet, Filters, SearchRequest};

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

/// A facet value's count is the number of hits that choosing it would leave: for a query
/// matching thousands of entries and for ones matching a handful (counted two different ways
/// inside, by value and by document), with and without a filter of another facet.
#[test]
fn each_facet_count_is_the_total_that_choosing_it_gives() {
    let corpus = util::mixed();
    let search = |q: &str, filters: &Filters| {
        corpus
            .index
            .search(&SearchRequest {
                q: q.into(),
                filters: filters.clone(),
                limit: 0,
                ..SearchRequest::default()
            })
            .expect("search runs")
    };
    let cases = [
        ("", Filters::default()),
        ("data", Filters::default()),
        ("chatbot", Filters::default()),
        ("chatbot", Filters::default().with(Facet::Lang, "en")),
        ("hjemmepleje", Filters::default()),
        ("mailsortering", Filters::default()),
    ];
    let mut checked = 0;
    for (q, filters) in &cases {
        let results = search(q, filters);
        assert!(results.total > 0, "{q:?} finds something");
        for facet in [
            Facet::Source,
            Facet::Lang,
            Facet::Lifecycle,
            Facet::Category,
        ] {
            if !filters.get(facet).is_empty() {
                continue;
            }
            for count in &results.facets[&facet] {
                let chosen = search(q, &filters.clone().with(facet, count.value.clone()));
                assert_eq!(
                    u64::from(count.count),
                    chosen.total,
                    "{q:?} {filters:?}: {facet:?}={} counts {} but choosing it gives {}",
                    count.value,
                    count.count,
                    chosen.total
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "only {checked} counts checked");
}

/// A word Danish writes as the other languages do (`GPT`, `chatbot`), searched on its own,
/// shows the catalogue's own entries first and the other registers' after them: on the mixed
/// corpus the foreign entries' many "GPT" and "chatbot" titles otherwise outrank BerthaGPT.
#[test]
fn a_word_danish_shares_with_other_languages_shows_danish_entries_first() {
    let corpus = util::mixed();
    let search = |q: &str| {
        corpus
            .index
            .search(&SearchRequest {
                q: q.into(),
                limit: 60,
                ..SearchRequest::default()
            })
            .expect("search runs")
    };
    let gpt = search("GPT");
    util::assert_in_top(&gpt, 10, &util::GPT_NAMED);
    for (q, results) in [("GPT", gpt), ("chatbot", search("chatbot"))] {
        let langs: Vec<&str> = results.items.iter().map(|h| h.lang.as_str()).collect();
        let first_foreign = langs
            .iter()
            .position(|l| *l != "da")
            .unwrap_or_else(|| panic!("{q}: other registers' entries follow: {langs:?}"));
        assert!(first_foreign > 0, "{q}: {langs:?}");
        assert!(
            langs[first_foreign..].iter().all(|l| *l != "da"),
            "{q}: Danish entries first: {langs:?}"
        );
    }
}
