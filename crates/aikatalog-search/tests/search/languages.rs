//! Search across languages: each entry analysed in its own language, the cross-language
//! vocabulary ranking Danish entries above foreign ones on the same topic, the `lang` facet and
//! filter, `cross_language`, head words and word families.
//!
//! The fixture is the seed data with three entries rewritten in other languages, as imported
//! register records would be: a Dutch one, an English one, and a JRC AI Watch record that says
//! `en` but is written in Dutch.

use std::sync::{Arc, OnceLock};

use aikatalog_domain::provenance::ExternalReference;
use aikatalog_domain::{PublicationState, UseCase};
use aikatalog_search::{Crosslingual, Facet, Filters, SearchIndex, SearchRequest, SearchResults};
use aikatalog_storage::Backend;
use aikatalog_storage::testing::edit_entry;

use crate::util;

const DUTCH: &str = "klimavarsling-signaturprojekt";
const ENGLISH: &str = "energioptimering-signaturprojekt";
const JRC_DUTCH: &str = "graffitirenhold-billedgenkendelse-koebenhavn";

/// Rewrites a seed entry as a record in another language, keeping nothing of its Danish text
/// that search reads first.
fn rewrite(
    db: &aikatalog_storage::Database,
    slug: &str,
    language: &str,
    register: Option<&str>,
    text: [&str; 3],
) {
    edit_entry(db, slug, PublicationState::Published, |uc: &mut UseCase| {
        uc.title = text[0].into();
        uc.summary = text[1].into();
        uc.description = Some(text[2].into());
        uc.provenance.language = language.into();
        if let Some(scheme) = register {
            uc.provenance.references = vec![ExternalReference {
                scheme: scheme.into(),
                id: format!("{slug}-1"),
                url: None,
                standard_version: None,
                fields: Default::default(),
                needs_review: Vec::new(),
            }];
        }
    });
}

struct Fixture {
    _db: aikatalog_testing::TestDb,
    index: Arc<SearchIndex>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let db = aikatalog_testing::seeded(Backend::Sqlite);
        rewrite(
            &db.db,
            DUTCH,
            "nl",
            None,
            [
                "E-mailclassificatie voor lokale overheden",
                "Lokale overheden classificeren binnenkomende e-mails van inwoners automatisch en sturen ze door naar de juiste afdeling.",
                "Het algoritme leest elke e-mail en kiest een afdeling; een medewerker controleert de keuze.",
            ],
        );
        rewrite(
            &db.db,
            ENGLISH,
            "en",
            None,
            [
                "Routing home care requests to the right team",
                "The council uses a model for routing residents' requests about home care to the team that handles them.",
                "Requests arrive by phone and web form; the model suggests a team and a caseworker confirms it.",
            ],
        );
        rewrite(
            &db.db,
            JRC_DUTCH,
            "en",
            Some("jrc_ai_watch"),
            [
                "Afvalinzameling met slimme containers",
                "De gemeente meet met sensoren hoe vol de ondergrondse containers zijn en plant de routes van de vuilniswagens daarop.",
                "Zo rijden de wagens alleen naar volle containers.",
            ],
        );
        let index = aikatalog_testing::index(&db.db);
        Fixture { _db: db, index }
    })
}

fn search(q: &str, filters: Filters) -> SearchResults {
    fixture()
        .index
        .search(&SearchRequest {
            q: q.into(),
            filters,
            limit: 30,
            ..SearchRequest::default()
        })
        .expect("search runs")
}

fn position(results: &SearchResults, slug: &str) -> Option<usize> {
    results.items.iter().position(|h| h.slug == slug)
}

#[test]
fn each_entry_is_analysed_in_its_own_language() {
    // Dutch stems `overheden` and `overheid` alike; the Danish stemmer does not.
    let results = search("overheid", Filters::default());
    let hit = &results.items[position(&results, DUTCH).expect("the Dutch plural is found")];
    assert_eq!(hit.lang, "nl");
    assert!(
        hit.highlights.title.contains("<mark>overheden</mark>"),
        "{}",
        hit.highlights.title
    );
    // English stems `routing` and `route` alike.
    let results = search("route", Filters::default());
    let hit = &results.items[position(&results, ENGLISH).expect("the -ing form is found")];
    assert_eq!(hit.lang, "en");
    // A Danish entry keeps Danish analysis.
    let results = search("mailsorteringen", Filters::default());
    let hit = &results.items[position(&results, "smartmail-norddjurs").expect("found")];
    assert_eq!(hit.lang, "da");
}

#[test]
fn a_doubtful_registers_record_is_indexed_in_the_language_detected() {
    // The JRC record says `en`; its text is Dutch, and Dutch stemming finds `containers` by
    // `container` and the hit says `nl`.
    let results = search("container afvalinzameling", Filters::default());
    let hit = &results.items[position(&results, JRC_DUTCH).expect("found")];
    assert_eq!(hit.lang, "nl");
}

#[test]
fn a_danish_query_finds_foreign_entries_on_its_topic_after_the_danish_ones() {
    for (q, danish, foreign) in [
        ("mailsortering", "smartmail-norddjurs", DUTCH),
        ("hjemmepleje", "tidlig-opsporing-hjemmepleje-koege", ENGLISH),
        ("affald", JRC_DUTCH, JRC_DUTCH),
    ] {
        let results = search(q, Filters::default());
        let f = position(&results, foreign).unwrap_or_else(|| panic!("{q}: {foreign} found"));
        let d = position(&results, danish).unwrap_or_else(|| panic!("{q}: {danish} found"));
        assert!(d <= f, "{q}: the Danish entry ranks first");
        if danish != foreign {
            assert!(
                results.items[..f].iter().all(|h| h.lang == "da"),
                "{q}: every entry above the foreign one is Danish"
            );
            assert!(
                !results.cross_language,
                "{q}: Danish entries matched the words"
            );
        }
    }
}

#[test]
fn the_language_facet_counts_and_filters() {
    let results = search("", Filters::default());
    let counts: Vec<(String, String, u32)> = results.facets[&Facet::Lang]
        .iter()
        .map(|c| (c.value.clone(), c.label.clone(), c.count))
        .collect();
    let count = |code: &str| counts.iter().find(|c| c.0 == code).map(|c| c.2);
    assert_eq!(count("nl"), Some(2), "{counts:?}");
    assert_eq!(count("en"), Some(1), "{counts:?}");
    assert_eq!(count("da"), Some(results.total as u32 - 3), "{counts:?}");
    assert!(counts.iter().any(|c| c.1 == "nederlandsk"), "{counts:?}");

    let dutch = search("", Filters::default().with(Facet::Lang, "nl"));
    let mut slugs = util::slugs(&dutch);
    slugs.sort();
    assert_eq!(slugs, [JRC_DUTCH, DUTCH]);
    let either = search(
        "",
        Filters::default()
            .with(Facet::Lang, "nl")
            .with(Facet::Lang, "en"),
    );
    assert_eq!(either.total, 3, "values of one facet are ORed");
}

#[test]
fn cross_language_says_when_only_another_language_matched() {
    // Among the Dutch entries, the Danish word matches only through the Dutch term.
    let results = search("mailsortering", Filters::default().with(Facet::Lang, "nl"));
    assert_eq!(util::slugs(&results), [DUTCH]);
    assert!(results.cross_language);
    // A Dutch word with only Danish entries on its topic.
    let results = search("spraakherkenning", Filters::default());
    assert!(
        position(&results, "talt-talegenkendelse-koebenhavn").is_some(),
        "{:?}",
        util::slugs(&results)
    );
    assert!(results.cross_language);
    // Words that match themselves do not say so.
    assert!(!search("chatbot", Filters::default()).cross_language);
}

#[test]
fn a_head_word_finds_the_names_that_end_in_it() {
    // Use cases only: each also has an algorithm entry named alike.
    let results = search("GPT", Filters::default().with(Facet::Kind, "use_case"));
    util::assert_in_top(&results, 4, &util::GPT_NAMED);
}

#[test]
fn a_word_family_meets_where_the_stemmer_does_not() {
    // Sønderborg's entry says "journaliseres"; the Danish stemmer cuts "journalisering" to
    // itself and "journaliseres" to "journalis".
    let results = search("journalisering", Filters::default());
    assert!(
        position(&results, "ai-aktindsigt-soenderborg").is_some(),
        "{:?}",
        util::slugs(&results)
    );
}

#[test]
fn a_bad_vocabulary_file_is_refused_with_its_path_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("crosslingual.toml");
    std::fs::write(
        &path,
        "head_words = [\"gpt\"]\n\n[[concept]]\nda = [\"affald\"]\nen = [\"the\"]\n",
    )
    .expect("writes");
    let err = Crosslingual::load(Some(&path)).expect_err("refused");
    assert_eq!(
        err.to_string(),
        format!(
            "{}, line 5: `the` consists of stop words only and could never match",
            path.display()
        )
    );
    let missing = dir.path().join("missing.toml");
    assert!(
        Crosslingual::load(Some(&missing))
            .expect_err("no file")
            .to_string()
            .contains("missing.toml")
    );
}

#[test]
fn on_the_mixed_corpus_danish_entries_come_first_then_the_other_registers() {
    let mixed = util::mixed();
    for q in ["mailsortering", "aktindsigt", "hjemmepleje"] {
        let results = mixed
            .index
            .search(&SearchRequest {
                q: q.into(),
                limit: 20,
                ..SearchRequest::default()
            })
            .expect("search runs");
        let langs: Vec<&str> = results.items.iter().map(|h| h.lang.as_str()).collect();
        let first_foreign = langs
            .iter()
            .position(|l| *l != "da")
            .unwrap_or_else(|| panic!("{q}: entries in other languages too: {langs:?}"));
        assert!(first_foreign > 0, "{q}: a Danish entry first: {langs:?}");
        assert!(
            langs[first_foreign..].iter().all(|l| *l != "da"),
            "{q}: every Danish entry before the others: {langs:?}"
        );
        assert!(!results.cross_language, "{q}");
    }
}

#[test]
fn on_the_mixed_corpus_an_english_query_shows_the_danish_entries_on_its_topic_first() {
    let mixed = util::mixed();
    for (q, danish) in [
        ("home care", "tidlig-opsporing-hjemmepleje-koege"),
        ("speech recognition", "talt-talegenkendelse-koebenhavn"),
        ("freedom of information", "ai-aktindsigt-soenderborg"),
    ] {
        let results = mixed
            .index
            .search(&SearchRequest {
                q: q.into(),
                limit: 20,
                ..SearchRequest::default()
            })
            .expect("search runs");
        let langs: Vec<&str> = results.items.iter().map(|h| h.lang.as_str()).collect();
        let slugs: Vec<&str> = results.items.iter().map(|h| h.slug.as_str()).collect();
        assert!(slugs.contains(&danish), "{q}: {slugs:?}");
        let first_foreign = langs
            .iter()
            .position(|l| *l != "da")
            .unwrap_or_else(|| panic!("{q}: the other registers' entries too: {slugs:?}"));
        assert!(
            langs[first_foreign..].iter().all(|l| *l != "da"),
            "{q}: the Danish entries on the topic before the others: {slugs:?}"
        );
    }
}
