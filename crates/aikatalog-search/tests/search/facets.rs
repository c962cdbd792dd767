//! Filters, facet counts, sorting, paging, hits, similar entries and suggestions, checked
//! against the seed documents themselves rather than against numbers copied from a run.

use std::collections::BTreeMap;

use aikatalog_domain::{EntryKind, UseCase};
use aikatalog_search::{
    Facet, Filters, SearchIndex, SearchRequest, SearchResults, Sort, SuggestionKind,
};
use aikatalog_storage::Backend;
use aikatalog_storage::models::entries;

use crate::util;

fn use_cases(seeded: &util::Seeded) -> Vec<UseCase> {
    seeded
        .db
        .db
        .read_with(|c| -> Result<_, aikatalog_storage::StorageError> {
            let rows = entries::all_public(c, EntryKind::UseCase)?;
            let mut out = Vec::new();
            for row in rows {
                out.extend(row.public_document::<UseCase>()?);
            }
            Ok(out)
        })
        .expect("use cases load")
}

fn categories(uc: &UseCase) -> Vec<String> {
    std::iter::once(&uc.primary_category)
        .chain(&uc.secondary_categories)
        .map(ToString::to_string)
        .collect()
}

fn counts(results: &SearchResults, facet: Facet) -> BTreeMap<String, u32> {
    results.facets[&facet]
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| (c.value.clone(), c.count))
        .collect()
}

fn run(index: &SearchIndex, request: SearchRequest) -> SearchResults {
    index.search(&request).expect("search runs")
}

#[test]
fn filters_combine_and_each_facet_counts_without_its_own_filter() {
    let seeded = util::seeded(Backend::Sqlite);
    let all = use_cases(&seeded);
    let wanted_categories = ["conversational-interfaces", "content-generation"];
    let in_categories = |uc: &UseCase| {
        categories(uc)
            .iter()
            .any(|c| wanted_categories.contains(&c.as_str()))
    };
    // `not_stated` is a lifecycle value of its own, filtered and counted like any other.
    let is_not_stated = |uc: &UseCase| uc.lifecycle.as_str() == "not_stated";

    let filters = Filters::default()
        .with(Facet::Category, wanted_categories[0])
        .with(Facet::Category, wanted_categories[1])
        .with(Facet::Lifecycle, "not_stated");
    let results = run(
        &seeded.index,
        SearchRequest {
            filters,
            kind: Some(EntryKind::UseCase),
            limit: 100,
            ..SearchRequest::default()
        },
    );

    let hits: Vec<&UseCase> = all
        .iter()
        .filter(|uc| in_categories(uc) && is_not_stated(uc))
        .collect();
    assert!(hits.len() > 2, "the seed data must exercise the filter");
    assert_eq!(results.total, hits.len() as u64);
    let mut expected_slugs: Vec<String> = hits.iter().map(|uc| uc.slug.to_string()).collect();
    let mut got = util::slugs(&results);
    expected_slugs.sort();
    got.sort();
    assert_eq!(got, expected_slugs);

    // The category facet ignores the category filter but honours the lifecycle filter.
    let mut expected: BTreeMap<String, u32> = BTreeMap::new();
    for uc in all.iter().filter(|uc| is_not_stated(uc)) {
        for c in categories(uc) {
            *expected.entry(c).or_default() += 1;
        }
    }
    assert_eq!(counts(&results, Facet::Category), expected);

    // The lifecycle facet ignores the lifecycle filter.
    let mut expected: BTreeMap<String, u32> = BTreeMap::new();
    for uc in all.iter().filter(|uc| in_categories(uc)) {
        *expected
            .entry(uc.lifecycle.as_str().to_owned())
            .or_default() += 1;
    }
    assert_eq!(counts(&results, Facet::Lifecycle), expected);

    // Other facets count the hits.
    let mut expected: BTreeMap<String, u32> = BTreeMap::new();
    for uc in &hits {
        for d in &uc.domains {
            *expected.entry(d.to_string()).or_default() += 1;
        }
    }
    assert_eq!(counts(&results, Facet::Domain), expected);
    let selected: Vec<&str> = results.facets[&Facet::Category]
        .iter()
        .filter(|c| c.selected)
        .map(|c| c.value.as_str())
        .collect();
    assert_eq!(selected.len(), 2);
    assert!(
        results.facets[&Facet::Category]
            .iter()
            .all(|c| !c.label.is_empty())
    );
}

#[test]
fn every_filter_the_issue_names_has_a_facet() {
    let seeded = util::seeded(Backend::Sqlite);
    let results = util::search(&seeded.index, "");
    for facet in Facet::ALL {
        assert!(results.facets.contains_key(&facet), "no {facet} facet");
    }
    // Organisations count owners and partners: ITU partners with Copenhagen.
    let orgs = counts(&results, Facet::Organisation);
    assert!(
        orgs.contains_key("itu") && orgs.contains_key("101"),
        "{orgs:?}"
    );
    // Region comes from the municipalities: Copenhagen lies in Region Hovedstaden (1084).
    assert!(counts(&results, Facet::Region).contains_key("1084"));
    assert!(counts(&results, Facet::Year).contains_key("2024"));
    assert!(counts(&results, Facet::HasSourceCode).contains_key("false"));
    // Every seeded entry is this catalogue's own, owned in Denmark (entries imported from other
    // registers are counted apart: the web tests import one).
    let total = u32::try_from(results.total).expect("a small count");
    assert_eq!(
        counts(&results, Facet::Source),
        BTreeMap::from([("ai_kataloget".to_owned(), total)])
    );
    assert_eq!(counts(&results, Facet::Country).get("DK"), Some(&total));
    let by_region = run(
        &seeded.index,
        SearchRequest {
            filters: Filters::default().with(Facet::Region, "1084"),
            kind: Some(EntryKind::UseCase),
            limit: 100,
            ..SearchRequest::default()
        },
    );
    assert!(util::slugs(&by_region).contains(&"kk-gpt-koebenhavn".to_owned()));
    assert!(!util::slugs(&by_region).contains(&"smartmail-norddjurs".to_owned()));
}

#[test]
fn sorting_and_paging_walk_one_consistent_order() {
    let seeded = util::seeded(Backend::Sqlite);
    let request = |sort, offset| SearchRequest {
        sort: Some(sort),
        kind: Some(EntryKind::UseCase),
        limit: 7,
        offset,
        ..SearchRequest::default()
    };
    let mut paged = Vec::new();
    for offset in (0..40).step_by(7) {
        paged.extend(run(&seeded.index, request(Sort::Title, offset)).items);
    }
    let titles: Vec<String> = paged.iter().map(|h| h.title.to_lowercase()).collect();
    assert_eq!(
        titles.len(),
        use_cases(&seeded).len(),
        "pages cover every entry once"
    );
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted);

    let newest = run(&seeded.index, request(Sort::Newest, 0));
    let times: Vec<_> = newest.items.iter().map(|h| h.published_at).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
    assert_eq!(util::search(&seeded.index, "").sort, Sort::Newest);
    assert_eq!(util::search(&seeded.index, "chatbot").sort, Sort::Relevance);
}

#[test]
fn hits_carry_what_a_result_list_shows() {
    let seeded = util::seeded(Backend::Sqlite);
    let results = util::search(&seeded.index, "mailsortering Norddjurs");
    let hit = &results.items[0];
    assert_eq!(hit.slug, "smartmail-norddjurs");
    assert_eq!(hit.kind, EntryKind::UseCase);
    assert_eq!(hit.owner.code, "707");
    assert_eq!(hit.owner.name, "Norddjurs Kommune");
    assert!(
        hit.categories
            .iter()
            .any(|c| c.slug == "intelligent-automation" && !c.name.is_empty())
    );
    assert!(hit.score > 0.0);
    assert!(!hit.id.is_empty());
    assert!(
        hit.highlights.title.contains("<mark>mailsortering</mark>"),
        "{}",
        hit.highlights.title
    );
    assert!(
        hit.highlights.summary.contains("<mark>Norddjurs</mark>"),
        "{}",
        hit.highlights.summary
    );
    // Markup in stored text is escaped.
    assert!(!hit.highlights.summary.contains("<b>"));
}

#[test]
fn and_falls_back_to_any_word_when_nothing_has_them_all() {
    let seeded = util::seeded(Backend::Sqlite);
    let results = util::search(&seeded.index, "graffitirenhold xylofonorkester");
    assert_eq!(
        results.matched,
        Some(aikatalog_search::query::Strictness::AnyWord)
    );
    let top: Vec<&str> = results
        .items
        .iter()
        .take(2)
        .map(|h| h.slug.as_str())
        .collect();
    assert!(
        top.contains(&"graffitirenhold-billedgenkendelse-koebenhavn"),
        "{top:?}"
    );
    assert!(top.contains(&"graffiti-billedgenkendelse"), "{top:?}");
    let strict = util::search(&seeded.index, "graffitirenhold billedgenkendelse");
    assert_eq!(
        strict.matched,
        Some(aikatalog_search::query::Strictness::AllWords)
    );
}

#[test]
fn a_word_no_entry_holds_is_still_required_and_still_excluded() {
    let seeded = util::seeded(Backend::Sqlite);
    let slugs =
        |r: &SearchResults| -> Vec<String> { r.items.iter().map(|h| h.slug.clone()).collect() };
    let alone = util::search(&seeded.index, "graffitirenhold");
    assert!(alone.total > 0);
    // Its terms are in no entry, so the plan leaves them out; the word must still be met.
    let with_unknown = util::search(&seeded.index, "graffitirenhold qzxwvyq");
    assert_eq!(
        with_unknown.matched,
        Some(aikatalog_search::query::Strictness::AnyWord)
    );
    assert_eq!(slugs(&with_unknown), slugs(&alone));
    let phrase = util::search(&seeded.index, "graffitirenhold \"qzxwvyq graffiti\"");
    assert_eq!(
        phrase.matched,
        Some(aikatalog_search::query::Strictness::AnyWord)
    );
    let excluded = util::search(&seeded.index, "graffitirenhold -qzxwvyq");
    assert_eq!(excluded.total, alone.total);
    assert_eq!(slugs(&excluded), slugs(&alone));
}

#[test]
fn similar_entries_share_text_and_categories() {
    let seeded = util::seeded(Backend::Sqlite);
    let similar = seeded
        .index
        .similar(EntryKind::UseCase, "berthagpt-vejle", 3)
        .expect("similar runs")
        .expect("the entry exists");
    let slugs: Vec<&str> = similar.iter().map(|h| h.slug.as_str()).collect();
    assert!(!slugs.contains(&"berthagpt-vejle"), "not itself");
    assert!(slugs.contains(&"gladgpt-gladsaxe"), "{slugs:?}");
    assert!(similar.iter().all(|h| h.kind == EntryKind::UseCase));
    assert!(
        seeded
            .index
            .similar(EntryKind::UseCase, "no-such-entry", 3)
            .expect("runs")
            .is_none()
    );
    let algorithms = seeded
        .index
        .similar(EntryKind::Algorithm, "gladgpt-chatbot", 3)
        .expect("runs")
        .expect("exists");
    assert!(algorithms.iter().any(|h| h.slug == "berthagpt-chatbot"));
}

#[test]
fn suggestions_complete_titles_organisations_and_categories() {
    let seeded = util::seeded(Backend::Sqlite);
    let s = seeded.index.suggest("mailsor", 5).expect("suggest");
    assert!(
        s.iter()
            .any(|x| x.key == "smartmail-norddjurs" && x.kind == SuggestionKind::UseCase),
        "{s:?}"
    );
    let s = seeded.index.suggest("Kob", 5).expect("suggest");
    assert!(
        s.iter()
            .any(|x| x.kind == SuggestionKind::Organisation && x.key == "101"),
        "{s:?}"
    );
    // Letters typed with æ, ø or å prefer names spelt so: Køge and København before Kolding.
    let organisations: Vec<String> = seeded
        .index
        .suggest("kø", 5)
        .expect("suggest")
        .into_iter()
        .filter(|x| x.kind == SuggestionKind::Organisation)
        .map(|x| x.key)
        .collect();
    assert_eq!(organisations.len(), 3, "{organisations:?}");
    assert!(
        organisations[..2].contains(&"259".to_owned()),
        "{organisations:?}"
    );
    assert!(
        organisations[..2].contains(&"101".to_owned()),
        "{organisations:?}"
    );
    // Titles too: `sø` puts `søgemaskine` before words that only fold to `so…`.
    for typed in ["sø", "æ"] {
        let titles: Vec<String> = seeded
            .index
            .suggest(typed, 3)
            .expect("suggest")
            .into_iter()
            .filter(|x| matches!(x.kind, SuggestionKind::UseCase | SuggestionKind::Algorithm))
            .map(|x| x.text.to_lowercase())
            .collect();
        let spelt = |t: &String| {
            t.split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with(typed))
        };
        assert!(titles.first().is_some_and(spelt), "{typed}: {titles:?}");
    }
    let s = seeded.index.suggest("samtale", 5).expect("suggest");
    assert!(
        s.iter()
            .any(|x| x.kind == SuggestionKind::Category && x.key == "conversational-interfaces"),
        "{s:?}"
    );
    assert!(seeded.index.suggest("   ", 5).expect("suggest").is_empty());
}

/// Every public entry's completeness percentage, by slug, as the domain computes it.
fn completeness_by_slug(seeded: &util::Seeded) -> BTreeMap<String, u8> {
    use aikatalog_domain::{Algorithm, Entry};
    seeded
        .db
        .db
        .read_with(|c| -> Result<_, aikatalog_storage::StorageError> {
            let mut out = BTreeMap::new();
            for row in entries::all_public(c, EntryKind::UseCase)? {
                if let Some(uc) = row.public_document::<UseCase>()? {
                    out.insert(uc.slug.to_string(), uc.completeness().percent);
                }
            }
            for row in entries::all_public(c, EntryKind::Algorithm)? {
                if let Some(alg) = row.public_document::<Algorithm>()? {
                    out.insert(alg.slug.to_string(), alg.completeness().percent);
                }
            }
            Ok(out)
        })
        .expect("entries load")
}

#[test]
fn a_minimum_completeness_keeps_exactly_the_entries_that_reach_it() {
    let seeded = util::seeded(Backend::Sqlite);
    let percent = completeness_by_slug(&seeded);
    // A minimum between the seed data's least and most complete entries, so the filter
    // both keeps and drops some.
    let levels: std::collections::BTreeSet<u8> = percent.values().copied().collect();
    let minimum = *levels
        .iter()
        .nth(levels.len() / 2)
        .expect("entries have a completeness");
    let results = run(
        &seeded.index,
        SearchRequest {
            complete_min: minimum,
            limit: 100,
            ..SearchRequest::default()
        },
    );
    let mut expected: Vec<&String> = percent
        .iter()
        .filter(|(_, p)| **p >= minimum)
        .map(|(s, _)| s)
        .collect();
    assert!(
        !expected.is_empty() && expected.len() < percent.len(),
        "the seed data must have entries on both sides of {minimum} %: {levels:?}"
    );
    let mut got: Vec<String> = util::slugs(&results);
    got.sort();
    expected.sort();
    assert_eq!(got.iter().collect::<Vec<_>>(), expected);
    assert_eq!(results.total, expected.len() as u64);
    for hit in &results.items {
        assert_eq!(hit.completeness, percent[&hit.slug], "{}", hit.slug);
    }
    // Facet counts honour the minimum too: the kinds add up to the hits.
    let kinds: u32 = counts(&results, Facet::Kind).values().sum();
    assert_eq!(u64::from(kinds), results.total);
}

#[test]
fn sorting_by_completeness_puts_the_most_complete_first() {
    let seeded = util::seeded(Backend::Sqlite);
    for q in ["", "chatbot"] {
        let results = run(
            &seeded.index,
            SearchRequest {
                q: q.into(),
                sort: Some(Sort::Completeness),
                limit: 100,
                ..SearchRequest::default()
            },
        );
        assert_eq!(results.sort, Sort::Completeness);
        let order: Vec<u8> = results.items.iter().map(|h| h.completeness).collect();
        assert!(order.len() > 1, "{q}: too few hits to order");
        assert!(order.windows(2).all(|w| w[0] >= w[1]), "{q}: {order:?}");
        assert!(order.first() > order.last(), "{q}: all alike: {order:?}");
    }
}
