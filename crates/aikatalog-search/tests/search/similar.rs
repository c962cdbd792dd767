//! Similar entries: precision@5 over the judged set in `tests/relevance/similar.toml`, and the
//! promises the page makes — the mail-sorting entry is offered other mail and case-handling
//! entries, not a chatbot; an entry by the same owner ranks below an equally similar one by
//! someone else.

use std::collections::BTreeMap;

use aikatalog_domain::{EntryKind, UseCase};
use aikatalog_search::SearchIndex;
use aikatalog_search::evaluation::{Grade, RELEVANT, precision_at};
use aikatalog_storage::Backend;
use aikatalog_storage::models::entries;
use aikatalog_storage::testing::edit_entry;
use serde::Deserialize;

use crate::util;

const JUDGED: &str = include_str!("../relevance/similar.toml");

/// The judged set needs at least this many entries to say anything.
const MIN_ENTRIES: usize = 30;
const K: usize = 5;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Judged {
    /// Mean precision@5 the engine must reach.
    floor: f64,
    entry: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    slug: String,
    #[serde(default)]
    kind: Option<String>,
    similar: Vec<String>,
    /// Exact titles of records that count as similar whoever owns them.
    #[serde(default)]
    similar_titles: Vec<String>,
}

impl Entry {
    fn kind(&self) -> EntryKind {
        match self.kind.as_deref() {
            None | Some("use_case") => EntryKind::UseCase,
            Some("algorithm") => EntryKind::Algorithm,
            Some(other) => panic!("{}: unknown kind `{other}`", self.slug),
        }
    }
}

/// The share of the first `k` of `ranked` that are relevant.
fn similar_slugs(index: &SearchIndex, kind: EntryKind, slug: &str, limit: usize) -> Vec<String> {
    index
        .similar(kind, slug, limit)
        .expect("similar runs")
        .unwrap_or_else(|| panic!("`{slug}` is a public {kind:?}"))
        .into_iter()
        .map(|h| h.slug)
        .collect()
}

#[test]
fn the_judged_entries_have_their_similar_entries_first() {
    let judged: Judged = toml::from_str(JUDGED).expect("similar.toml parses");
    assert!(
        judged.entry.len() >= MIN_ENTRIES,
        "the judged set has {} entries, at least {MIN_ENTRIES} are needed",
        judged.entry.len()
    );
    assert!(
        judged.floor > 0.0,
        "a floor of 0 lets similar entries get worse unnoticed"
    );
    let corpus = util::mixed();
    let index = &corpus.index;
    let mut total = 0.0;
    let mut slowest = std::time::Duration::ZERO;
    let mut lines = Vec::new();
    for e in &judged.entry {
        let kind = e.kind();
        let missing: Vec<&String> = corpus
            .db
            .db
            .read(|c| {
                let mut missing = Vec::new();
                for s in std::iter::once(&e.slug).chain(&e.similar) {
                    if entries::find(c, kind, s)?.is_none() {
                        missing.push(s);
                    }
                }
                Ok(missing)
            })
            .expect("reads the corpus");
        assert!(missing.is_empty(), "{}: no {kind:?} {missing:?}", e.slug);
        let started = std::time::Instant::now();
        let hits = index
            .similar(kind, &e.slug, K)
            .expect("similar runs")
            .unwrap_or_else(|| panic!("`{}` is a public {kind:?}", e.slug));
        slowest = slowest.max(started.elapsed());
        let relevant: Vec<bool> = hits
            .iter()
            .map(|h| e.similar.contains(&h.slug) || e.similar_titles.contains(&h.title))
            .collect();
        // A hit judged similar by its title (one record per agency) counts as judged by slug.
        let judged_here: BTreeMap<String, Grade> = hits
            .iter()
            .zip(&relevant)
            .filter(|(_, r)| **r)
            .map(|(h, _)| (h.slug.clone(), RELEVANT))
            .collect();
        let ranked: Vec<&str> = hits.iter().map(|h| h.slug.as_str()).collect();
        let p = precision_at(&ranked, &judged_here, K, RELEVANT);
        total += p;
        let shown: Vec<String> = hits
            .iter()
            .zip(&relevant)
            .map(|(h, r)| format!("{}{} {:.1}", if *r { "+" } else { "-" }, h.slug, h.score))
            .collect();
        lines.push(format!("{p:.2}  {:<46} {}", e.slug, shown.join(", ")));
    }
    let mean = total / judged.entry.len() as f64;
    println!("precision@{K} per entry:\n{}", lines.join("\n"));
    println!("mean precision@{K}: {mean:.3} (floor {:.3})", judged.floor);
    // A figure to read, not a limit: debug builds and a shared machine vary too much.
    println!(
        "slowest similar call: {} ms over {} entries",
        slowest.as_millis(),
        index.num_docs()
    );
    assert!(
        mean >= judged.floor,
        "mean precision@{K} {mean:.3} is below the floor {:.3}",
        judged.floor
    );
}

#[test]
fn mail_sorting_is_offered_other_mail_handling_not_chatbots_or_illness_detection() {
    let corpus = util::mixed();
    let similar = corpus
        .index
        .similar(EntryKind::UseCase, "smartmail-norddjurs", K)
        .expect("similar runs")
        .expect("the entry exists");
    let shown: Vec<(&str, &str)> = similar
        .iter()
        .map(|h| (h.slug.as_str(), h.title.as_str()))
        .collect();
    let about_mail = shown
        .iter()
        .filter(|(_, title)| {
            let title = title.to_lowercase();
            title.contains("mail") || title.contains("correspondence")
        })
        .count();
    assert!(about_mail >= 3, "{shown:?}");
    for unrelated in ["kommunegpt", "tidlig-opsporing-hjemmepleje-koege"] {
        assert!(
            shown.iter().all(|(slug, _)| *slug != unrelated),
            "{shown:?}"
        );
    }
}

#[test]
fn an_entry_by_the_same_owner_ranks_below_an_equally_similar_one_by_another() {
    let db = aikatalog_testing::seeded(Backend::Sqlite);
    let row = db
        .db
        .read(|c| entries::find(c, EntryKind::UseCase, "gladgpt-gladsaxe"))
        .expect("reads GladGPT")
        .expect("GladGPT is seeded");
    let glad: UseCase = row.current_document().expect("GladGPT's document");
    // BerthaGPT becomes GladGPT's twin in everything but its owner, Vejle (630).
    edit_entry(
        &db.db,
        "berthagpt-vejle",
        aikatalog_domain::PublicationState::Published,
        |uc: &mut UseCase| {
            let (slug, owner) = (uc.slug.clone(), uc.owner.clone());
            *uc = glad.clone();
            uc.slug = slug;
            uc.owner = owner;
        },
    );
    // Two entries like both twins: one owned by Gladsaxe (159), the other by Vejle.
    let own = |slug: &str, code: &'static str| {
        edit_entry(
            &db.db,
            slug,
            aikatalog_domain::PublicationState::Published,
            |uc: &mut UseCase| uc.owner = code.try_into().expect("an organisation code"),
        );
    };
    own("kk-gpt-koebenhavn", "159");
    own("kommunegpt", "630");
    let index = aikatalog_testing::index(&db.db);
    let position = |of: &str, among: &[String]| {
        among
            .iter()
            .position(|s| s == of)
            .unwrap_or_else(|| panic!("`{of}` is similar: {among:?}"))
    };
    let of_gladsaxes = similar_slugs(&index, EntryKind::UseCase, "kk-gpt-koebenhavn", 10);
    assert!(
        position("berthagpt-vejle", &of_gladsaxes) < position("gladgpt-gladsaxe", &of_gladsaxes),
        "{of_gladsaxes:?}"
    );
    let of_vejles = similar_slugs(&index, EntryKind::UseCase, "kommunegpt", 10);
    assert!(
        position("gladgpt-gladsaxe", &of_vejles) < position("berthagpt-vejle", &of_vejles),
        "{of_vejles:?}"
    );
}
