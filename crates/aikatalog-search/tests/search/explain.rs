//! Search that says what it did: a corrected word is named (and can be searched exactly as
//! typed instead), the corrected word is marked in the hits, an empty result offers the
//! catalogue's near words, and a query that names an organisation offers it.

use aikatalog_domain::{CountryCode, Organisation};
use aikatalog_search::{SearchIndex, SearchRequest, SearchResults};
use aikatalog_storage::models::reference_records::{list_organisations, parse_all};
use aikatalog_testing::each_seeded_blocking;

fn run(index: &SearchIndex, q: &str, exact: bool) -> SearchResults {
    index
        .search(&SearchRequest {
            q: q.into(),
            limit: 10,
            exact,
            ..SearchRequest::default()
        })
        .expect("search runs")
}

/// The hit's shown text with the marks, lower-cased.
fn marked(results: &SearchResults) -> String {
    results
        .items
        .iter()
        .map(|h| {
            format!(
                "{} {} {}",
                h.highlights.title,
                h.highlights.summary,
                h.highlights.body.as_deref().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase()
}

#[test]
fn a_corrected_word_is_named_marked_and_can_be_searched_as_typed() {
    each_seeded_blocking(|db| {
        let index = aikatalog_testing::index(&db.db);
        let results = run(&index, "aktindsit", false);
        let corrected = results.corrected.as_ref().expect("the typo is named");
        assert_eq!(corrected.query, "aktindsigt");
        assert_eq!(corrected.words.len(), 1);
        assert_eq!(corrected.words[0].typed, "aktindsit");
        assert_eq!(corrected.words[0].read_as, "aktindsigt");
        // The results are those of the corrected word, and show it marked.
        let right = run(&index, "aktindsigt", false);
        assert!(right.corrected.is_none(), "a known word is not corrected");
        assert_eq!(results.total, right.total);
        assert!(
            marked(&results).contains("<mark>aktindsigt"),
            "the corrected word is marked: {}",
            marked(&results)
        );

        // Exactly as typed: no entry holds the word, and the near word is offered instead.
        let exact = run(&index, "aktindsit", true);
        assert_eq!(exact.total, 0);
        assert!(exact.corrected.is_none());
        assert!(
            exact.near_terms.contains(&"aktindsigt".to_owned()),
            "{:?}",
            exact.near_terms
        );
        // A search with results offers no near words.
        assert!(results.near_terms.is_empty());
    });
}

#[test]
fn the_rest_of_the_query_is_kept_and_danish_letters_come_back() {
    each_seeded_blocking(|db| {
        let index = aikatalog_testing::index(&db.db);
        // A letter missing, typed without æ: the catalogue's word (`ældreplejen`, its only
        // form there) is named as the catalogue spells it.
        let results = run(&index, "aeldreplejn", false);
        let corrected = results.corrected.as_ref().expect("the typo is named");
        assert_eq!(corrected.words[0].typed, "aeldreplejn");
        assert_eq!(corrected.words[0].read_as, "ældreplejen");
        assert!(results.total > 0);
        // Two words, one misspelt: only that one is replaced.
        let two = run(&index, "aktindsit sønderborg", false);
        let corrected = two.corrected.as_ref().expect("the typo is named");
        assert_eq!(corrected.query, "aktindsigt sønderborg");
        assert_eq!(corrected.words.len(), 1);
    });
}

#[test]
fn nothing_found_offers_near_words_only_where_there_are_some() {
    each_seeded_blocking(|db| {
        let index = aikatalog_testing::index(&db.db);
        let none = run(&index, "qzxwvy", false);
        assert_eq!(none.total, 0);
        assert!(none.near_terms.is_empty(), "{:?}", none.near_terms);
        assert!(none.organisations.is_empty());
    });
}

#[test]
fn a_query_that_names_an_organisation_offers_it() {
    each_seeded_blocking(|db| {
        let index = aikatalog_testing::index(&db.db);
        let codes = |q: &str| -> Vec<String> {
            run(&index, q, false)
                .organisations
                .into_iter()
                .map(|o| o.code)
                .collect()
        };
        assert_eq!(codes("Sønderborg"), ["540"]);
        assert_eq!(codes("soenderborg kommune"), ["540"]);
        assert_eq!(codes("Norddjurs Kommune"), ["707"]);
        assert_eq!(codes("KOMBIT"), ["kombit"]);
        assert!(codes("mailsortering").is_empty());
        assert!(codes("").is_empty());
        let named = run(&index, "Norddjurs Kommune", false).organisations;
        assert_eq!(named[0].name, "Norddjurs Kommune");
        assert_eq!(named[0].country, "DK");
    });
}

#[test]
fn on_the_mixed_corpus_foreign_organisations_are_named_and_typos_still_read_right() {
    let mixed = crate::util::mixed();
    let index = &mixed.index;
    // Every imported foreign body (not the registers' stand-in owners) is offered when its
    // name is searched.
    let organisations: Vec<Organisation> = mixed
        .db
        .db
        .read_with(|c| parse_all(list_organisations(c, None)?))
        .expect("organisations load");
    let foreign: Vec<&Organisation> = organisations
        .iter()
        .filter(|o| o.country != CountryCode::DENMARK && !o.code.as_str().ends_with("-unknown"))
        .collect();
    assert!(!foreign.is_empty(), "the mixed corpus has foreign bodies");
    for org in foreign.iter().take(40) {
        let named = run(index, &org.name, false).organisations;
        assert!(
            named.iter().any(|n| n.code == org.code.as_str()),
            "{}: {named:?}",
            org.name
        );
    }
    let named = run(index, "Norddjurs Kommune", false).organisations;
    assert_eq!(named.first().map(|o| o.code.as_str()), Some("707"));
    let corrected = run(index, "aktindsit", false).corrected;
    assert_eq!(
        corrected.map(|c| c.query),
        Some("aktindsigt".to_owned()),
        "the Danish word is still what the typo is read as among thousands of foreign entries"
    );
}
