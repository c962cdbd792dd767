//! `aikatalog-bench relevance`: the graded relevance suite (aikatalog-search's
//! `tests/relevance/graded.toml`) on the mixed corpus, scored for the index and for PostgreSQL
//! full-text search on the same entries and queries: mean nDCG@10 and top-3 hit rate per query
//! class, one table.
//!
//! The corpus is what the relevance test searches: a scratch SQLite catalogue with the seed data
//! and every register file of `aikatalog_interop::datasets::REGISTER_FILES` imported, indexed in
//! memory. PostgreSQL gets the same words per entry as the index (`bulk::indexed_texts`: title
//! weight A, summary B, the rest C) in a `tsvector` built with the `danish` configuration, then
//! again with `simple` (lower-cased words, no stemming, no stop words); a query is
//! `websearch_to_tsquery(config, q)` (every word required, as our own first pass; no fallback to
//! any word when that finds nothing) ranked by `ts_rank`, use cases only, the first ten.

use std::collections::HashSet;
use std::path::PathBuf;

use aikatalog_domain::{EntryKind, UseCase};
use aikatalog_search::bulk::{self, IndexedText};
use aikatalog_search::evaluation::{self, NDCG_K, Scores, Suite};
use aikatalog_search::{EntryContext, ReferenceData};
use aikatalog_storage::models::{adoptions, entries};
use aikatalog_storage::{Database, DatabaseUrl, StorageError};
use anyhow::Context;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use crate::sql::lit;

const GRADED: &str = include_str!("../../aikatalog-search/tests/relevance/graded.toml");

#[derive(Debug, clap::Args)]
pub struct RelevanceArgs {
    /// The folder of other registers' data [default: ../shared/datasets beside the repository].
    #[arg(long, env = "AIKATALOG_DATASETS")]
    datasets: Option<PathBuf>,
    /// A PostgreSQL server to score too (a scratch schema `aikatalog_relevance` is created and
    /// dropped); without it only the index is scored.
    #[arg(long, env = "AIKATALOG_BENCH_POSTGRES_URL")]
    postgres_url: Option<String>,
}

/// The text search configurations PostgreSQL is scored with.
const CONFIGS: [&str; 2] = ["danish", "simple"];

pub fn run(args: RelevanceArgs) -> anyhow::Result<()> {
    let suite = Suite::parse(GRADED).context("graded.toml")?;
    let scratch = tempfile::tempdir().context("a scratch folder")?;
    let datasets = crate::datasets_folder(args.datasets)?;
    eprintln!(
        "building the mixed corpus: the seed data and the register files of {}",
        datasets.display()
    );
    let db = mixed_corpus(scratch.path(), &datasets)?;
    let (refs, docs) = db.read_with(public_use_cases)?;
    let slugs: Vec<String> = docs.iter().map(|(uc, _)| uc.slug.to_string()).collect();
    let known: HashSet<&str> = slugs.iter().map(String::as_str).collect();
    let unknown = suite.unknown_keys(|key| known.contains(key));
    anyhow::ensure!(
        unknown.is_empty(),
        "graded.toml judges entries the corpus does not hold:\n{}",
        unknown.join("\n")
    );

    eprintln!("indexing {} use cases and running the suite", docs.len());
    let index = aikatalog_search::in_memory_from(&db)?;
    let mut engines: Vec<(String, Scores)> = vec![(
        "tantivy".to_owned(),
        suite.evaluate(|case| evaluation::ranked(&index, &case.q))?,
    )];
    let mut notes = Vec::new();
    match &args.postgres_url {
        Some(url) => {
            let texts: Vec<_> = bulk::indexed_texts(&refs, docs.iter()).collect();
            let mut conn = PgConnection::establish(url).context("cannot connect to PostgreSQL")?;
            for config in CONFIGS {
                eprintln!("loading PostgreSQL ({config}) and running the suite");
                load(&mut conn, config, &texts)?;
                let scores =
                    suite.evaluate(|case| pg_ranked(&mut conn, config, &case.q, &slugs))?;
                engines.push((format!("PG {config}"), scores));
            }
            conn.batch_execute("DROP SCHEMA aikatalog_relevance CASCADE;")?;
        }
        None => notes
            .push("PostgreSQL skipped: pass --postgres-url or set AIKATALOG_BENCH_POSTGRES_URL"),
    }

    println!(
        "Corpus: {} use cases (the seed data and {} register files). Suite: {} queries in {} classes, judged 1 to 3; nDCG@{NDCG_K} (gain 2^grade - 1) and the share of queries with an entry judged 2 or more in the top {}.",
        docs.len(),
        aikatalog_interop::datasets::REGISTER_FILES.len(),
        suite.query.len(),
        suite.class.len(),
        evaluation::HIT_K,
    );
    println!();
    let named: Vec<(&str, &Scores)> = engines.iter().map(|(n, s)| (n.as_str(), s)).collect();
    print!("{}", evaluation::table(&named));
    println!();
    println!("Floors of the relevance test (tantivy): {}", floors(&suite));
    for note in notes {
        println!("{note}");
    }
    Ok(())
}

fn floors(suite: &Suite) -> String {
    suite
        .class
        .iter()
        .map(|c| format!("{} {:.2}/{:.2}", c.name, c.ndcg_floor, c.hit_floor))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A scratch SQLite catalogue with the seed data and every register file imported.
fn mixed_corpus(dir: &std::path::Path, datasets: &std::path::Path) -> anyhow::Result<Database> {
    let url = DatabaseUrl::parse(&format!("sqlite://{}", dir.join("mixed.db").display()))?;
    let db = Database::connect(&url)?;
    db.migrate()?;
    aikatalog_seed::import_sources(&db, &aikatalog_seed::seed_sources(), false)?;
    aikatalog_interop::datasets::import_all(&db, datasets)?;
    Ok(db)
}

type Entries = Vec<(UseCase, EntryContext)>;

/// The reference data and every public use case with what the index adds to it.
fn public_use_cases(
    conn: &mut aikatalog_storage::DbConnection,
) -> Result<(ReferenceData, Entries), StorageError> {
    let refs = ReferenceData::load(conn)?;
    let mut out = Vec::new();
    for row in entries::all_public(conn, EntryKind::UseCase)? {
        let Some(uc) = row.public_document::<UseCase>()? else {
            continue;
        };
        let adopters = adoptions::for_entry(conn, &row.id)?
            .into_iter()
            .map(|a| a.organisation.to_string())
            .collect();
        let ctx = EntryContext {
            id: row.id.clone(),
            published_at: row.published_at.map(|t| t.and_utc()),
            adopters,
            ..EntryContext::default()
        };
        out.push((uc, ctx));
    }
    Ok((refs, out))
}

const BATCH: usize = 500;

/// (Re)creates the scratch table with `config`'s `tsvector` of every entry, and its GIN index.
fn load(conn: &mut PgConnection, config: &str, texts: &[IndexedText]) -> anyhow::Result<()> {
    conn.batch_execute(&format!(
        "DROP SCHEMA IF EXISTS aikatalog_relevance CASCADE;
         CREATE SCHEMA aikatalog_relevance;
         CREATE TABLE aikatalog_relevance.docs (
             id bigint PRIMARY KEY, title text, summary text, rest text,
             doc tsvector GENERATED ALWAYS AS (
                 setweight(to_tsvector('{config}', coalesce(title, '')), 'A') ||
                 setweight(to_tsvector('{config}', coalesce(summary, '')), 'B') ||
                 setweight(to_tsvector('{config}', coalesce(rest, '')), 'C')) STORED);"
    ))?;
    for (n, chunk) in texts.chunks(BATCH).enumerate() {
        let values: Vec<String> = chunk
            .iter()
            .enumerate()
            .map(|(i, t)| {
                format!(
                    "({}, {}, {}, {})",
                    n * BATCH + i,
                    lit(&t.title),
                    lit(&t.summary),
                    lit(&t.rest)
                )
            })
            .collect();
        conn.batch_execute(&format!(
            "INSERT INTO aikatalog_relevance.docs (id, title, summary, rest) VALUES {}",
            values.join(",")
        ))?;
    }
    conn.batch_execute(
        "CREATE INDEX docs_fts ON aikatalog_relevance.docs USING GIN (doc);
         ANALYZE aikatalog_relevance.docs;",
    )?;
    Ok(())
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// The first ten entries PostgreSQL ranks for `q`, as slugs.
fn pg_ranked(
    conn: &mut PgConnection,
    config: &str,
    q: &str,
    slugs: &[String],
) -> anyhow::Result<Vec<String>> {
    let ids: Vec<Id> = diesel::sql_query(format!(
        "SELECT id FROM aikatalog_relevance.docs, websearch_to_tsquery('{config}', $1) query
         WHERE doc @@ query ORDER BY ts_rank(doc, query) DESC, id LIMIT {NDCG_K}"
    ))
    .bind::<Text, _>(q)
    .load(conn)?;
    ids.into_iter()
        .map(|Id { id }| {
            usize::try_from(id)
                .ok()
                .and_then(|i| slugs.get(i).cloned())
                .with_context(|| format!("PostgreSQL returned an unknown row {id}"))
        })
        .collect()
}
