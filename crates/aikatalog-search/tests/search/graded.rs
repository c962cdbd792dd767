//! The graded relevance suite (`tests/relevance/graded.toml`) over the mixed corpus: every
//! judged entry exists, and each query class keeps its mean nDCG@10 and top-3 hit rate at or
//! above the floors the file sets. The table it prints is the one the README quotes for tantivy
//! (`aikatalog-bench relevance` prints it beside PostgreSQL's).

use std::collections::BTreeSet;

use aikatalog_domain::EntryKind;
use aikatalog_search::evaluation::{self, Suite};
use aikatalog_storage::models::entries;

use crate::util;

const GRADED: &str = include_str!("../relevance/graded.toml");

#[test]
fn every_query_class_keeps_its_ndcg_and_top_three_hit_rate() {
    let suite = Suite::parse(GRADED).unwrap_or_else(|e| panic!("graded.toml: {e}"));
    let corpus = util::mixed();
    let slugs: BTreeSet<String> = corpus
        .db
        .db
        .read(|c| entries::all_slugs(c, EntryKind::UseCase))
        .expect("the corpus's slugs")
        .into_iter()
        .collect();
    let unknown = suite.unknown_keys(|key| slugs.contains(key));
    assert!(
        unknown.is_empty(),
        "graded.toml judges entries the mixed corpus does not hold:\n{}",
        unknown.join("\n")
    );

    let scores = suite
        .evaluate(|case| evaluation::ranked(&corpus.index, &case.q))
        .expect("every query runs");
    println!("{scores}");
    for miss in scores.queries.iter().filter(|q| !q.hit) {
        println!(
            "no hit in the top 3 [{}] {:?}: nDCG {:.2}, top {:?}",
            miss.class, miss.q, miss.ndcg, miss.top
        );
    }
    let below = suite.below_floors(&scores);
    assert!(
        below.is_empty(),
        "relevance dropped:\n{}\n(the table above has every class)",
        below.join("\n")
    );
}
