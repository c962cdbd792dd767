//! `aikatalog-bench search`: builds a deterministic corpus (100,000 use cases by default) from
//! real texts and the seed data, indexes it, and prints a table of build time, index size,
//! latency (p50/p99 over a fixed mix of 200 faceted queries), single-core throughput and peak
//! memory, beside the same queries on PostgreSQL full-text search and SQLite FTS5.
//!
//! `aikatalog-bench load --url http://127.0.0.1:8080`: load on a running server (see `load`).
//! `aikatalog-bench hostile`: the same corpus, queried with what an attacker would send, each
//! query timed and its heap growth counted, against "no query over 100 ms or 50 MB".
//! `aikatalog-bench import`: another register's file imported into a fresh catalogue with the
//! search index caught up, on SQLite and PostgreSQL (see `import`).
//! `aikatalog-bench relevance`: the graded relevance suite on the mixed corpus, nDCG@10 and top-3
//! hit rate per query class for the index and for PostgreSQL full-text search (see `relevance`).
//! `aikatalog-bench serve-memory`: the resident memory of `aikatalog serve` at 100,000 entries
//! (see `serve_memory`).
//!
//! Run it on a release build: `cargo run --release -p aikatalog-bench -- search`. It is a binary
//! of its own so the production binary carries none of it.

mod corpus;
mod hostile;
mod http;
mod import;
mod load;
mod queries;
mod relevance;
mod serve_memory;
mod sql;
mod stats;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use aikatalog_domain::{EntryKind, OrgKind, UseCase};
use aikatalog_search::bulk::{self, IndexedText};
use aikatalog_search::{Facet, QueryLimits, ReferenceData, SearchIndex, SearchRequest, Synonyms};
use aikatalog_storage::models::entries;
use aikatalog_storage::{Database, DatabaseUrl};
use anyhow::Context;
use clap::{Parser, Subcommand};

use stats::Latencies;

/// Measures AI-kataloget's performance.
#[derive(Debug, Parser)]
#[command(name = "aikatalog-bench", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    target: Target,
}

#[derive(Debug, Subcommand)]
enum Target {
    /// Search: index build time and size, latency, throughput and memory, beside PostgreSQL
    /// full-text search and SQLite FTS5 on the same corpus and queries.
    Search(SearchArgs),
    /// Load on a running server: requests/s and latency percentiles for a search, a use case's
    /// page and the front page over many connections (64 by default).
    Load(load::LoadArgs),
    /// Hostile queries: time and heap growth of each, against the target of no query over
    /// 100 ms or 50 MB; exits with failure when it is missed.
    Hostile(HostileArgs),
    /// Import: the US OMB 2025 inventory (3,611 records) and a generated file of 100,000
    /// records imported into a fresh catalogue, the search index caught up, on SQLite and on
    /// PostgreSQL (`--postgres URL`); exits with failure when a target is missed.
    Import(import::ImportArgs),
    /// Relevance: the graded suite (aikatalog-search's `tests/relevance/graded.toml`) on the seed
    /// data plus every register file, nDCG@10 and top-3 hit rate per query class for the index
    /// and for PostgreSQL full-text search (`danish` and `simple`, with `--postgres-url URL`).
    Relevance(relevance::RelevanceArgs),
    /// Serve memory: the resident memory of `aikatalog serve` on a catalogue of 100,000
    /// entries, after a mix of searches and page views; exits with failure above 300 MB.
    ServeMemory(serve_memory::ServeMemoryArgs),
}

#[derive(Debug, clap::Args)]
struct HostileArgs {
    /// How many use cases the corpus holds.
    #[arg(long, default_value_t = 100_000)]
    entries: usize,
    /// The folder of other registers' data [default: ../shared/datasets beside the repository].
    #[arg(long, env = "AIKATALOG_DATASETS")]
    datasets: Option<PathBuf>,
    /// Runs of each query; the worst is reported.
    #[arg(long, default_value_t = 3)]
    passes: usize,
    /// Keep only the queries whose name contains this text.
    #[arg(long)]
    only: Option<String>,
    /// Lift the limits on length, words, parts, near spellings and compound lookups, and the
    /// time budget, to see what a query costs without them (beware: `--only 400` takes
    /// gigabytes; the 2,000-compound query far more).
    #[arg(long)]
    without_limits: bool,
}

#[derive(Debug, clap::Args)]
struct SearchArgs {
    /// How many use cases the corpus holds.
    #[arg(long, default_value_t = 100_000, conflicts_with = "sizes")]
    entries: usize,
    /// Several corpus sizes measured one after the other in one run, e.g. `100000,1000000`
    /// (each corpus is made as it is indexed, so a million entries are never in memory at once).
    #[arg(long, value_delimiter = ',')]
    sizes: Option<Vec<usize>>,
    /// Above this many entries SQLite FTS5 is skipped (its load and queries take too long).
    #[arg(long, default_value_t = 100_000)]
    sqlite_max_entries: usize,
    /// The folder of other registers' data [default: ../shared/datasets beside the repository].
    #[arg(long, env = "AIKATALOG_DATASETS")]
    datasets: Option<PathBuf>,
    /// A PostgreSQL server to compare with (a scratch schema `aikatalog_bench` is created and
    /// dropped); without it the PostgreSQL column is skipped.
    #[arg(long, env = "AIKATALOG_BENCH_POSTGRES_URL")]
    postgres_url: Option<String>,
    /// Measured passes over the 200 queries (after one warm-up pass).
    #[arg(long, default_value_t = 3)]
    passes: usize,
    /// Measure only the index (in process and over HTTP), not the SQL engines.
    #[arg(long)]
    index_only: bool,
    /// Keep only the queries whose words contain this text (to profile a slow query; the
    /// targets are judged on the whole mix).
    #[arg(long)]
    only: Option<String>,
    /// Writes each query's median time in process, its total and its text and filters to this
    /// file (tab-separated, slowest first), to see which queries the p50 is made of.
    #[arg(long)]
    per_query: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let run = match cli.target {
        Target::Search(args) => search(args),
        Target::Load(args) => load::run(args).map(|()| ExitCode::SUCCESS),
        Target::Hostile(args) => hostile(args),
        Target::Relevance(args) => relevance::run(args).map(|()| ExitCode::SUCCESS),
        Target::ServeMemory(args) => serve_memory::run(args).map(|met| {
            if met {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }),
        Target::Import(args) => import::run(args).map(|met| {
            if met {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }),
    };
    match run {
        Ok(code) => code,
        Err(e) => {
            // The chain says what failed and why; `{:#}` keeps it on one line.
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

pub(crate) fn datasets_folder(given: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(path) = given {
        return Ok(path);
    }
    let candidates = [
        PathBuf::from("../shared/datasets"),
        PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/datasets"
        )),
    ];
    candidates
        .into_iter()
        .find(|p| p.is_dir())
        .context("no datasets folder: pass --datasets or set AIKATALOG_DATASETS")
}

/// A scratch SQLite database with the seed data: the reference data and the Danish texts.
fn seed_database(dir: &std::path::Path) -> anyhow::Result<(Database, ReferenceData, Vec<UseCase>)> {
    let url = DatabaseUrl::parse(&format!("sqlite://{}", dir.join("seed.db").display()))?;
    let db = Database::connect(&url)?;
    db.migrate()?;
    aikatalog_seed::import_sources(&db, &aikatalog_seed::seed_sources(), false)?;
    let refs = db.read_with(ReferenceData::load)?;
    let seed = db.read_with(
        |c| -> Result<Vec<UseCase>, aikatalog_storage::StorageError> {
            let mut out = Vec::new();
            for row in entries::all_public(c, EntryKind::UseCase)? {
                out.extend(row.public_document::<UseCase>()?);
            }
            Ok(out)
        },
    )?;
    Ok((db, refs, seed))
}

/// The SQL engines' form of a corpus entry: the same words and facets the index has.
fn sql_row(i: usize, text: IndexedText) -> sql::Row {
    sql::Row {
        id: i as i64,
        title: text.title,
        summary: text.summary,
        rest: text.rest,
        facets: text.facets,
        published: text.published,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

struct Line {
    engine: String,
    build: String,
    size: String,
    latencies: Latencies,
}

/// A target of one size's run and whether it was met.
struct Verdict {
    entries: usize,
    target: String,
    result: String,
    met: bool,
}

fn search(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let scratch = tempfile::tempdir().context("a scratch folder")?;
    let datasets = datasets_folder(args.datasets.clone())?;
    eprintln!(
        "reading texts from {} and the seed data",
        datasets.display()
    );
    let (seed_db, refs, seed) = seed_database(scratch.path())?;
    let texts = corpus::dataset_texts(&datasets)?;
    let sizes = args.sizes.clone().unwrap_or_else(|| vec![args.entries]);
    let mut verdicts = Vec::new();
    for (n, &entries) in sizes.iter().enumerate() {
        if n > 0 {
            println!();
        }
        let dir = scratch.path().join(format!("run-{entries}"));
        std::fs::create_dir_all(&dir)?;
        verdicts.extend(search_one(
            &args, entries, &dir, &seed_db, &refs, &texts, &seed,
        )?);
        // Each size's index and SQLite file go before the next is built: the disk is finite.
        std::fs::remove_dir_all(&dir)?;
    }
    if sizes.len() > 1 {
        println!();
        println!("All targets:");
        println!();
        println!("| entries | target | result |");
        println!("|---|---|---|");
        for v in &verdicts {
            println!(
                "| {} | {} | {}: {} |",
                thousands(v.entries),
                v.target,
                if v.met { "met" } else { "MISSED" },
                v.result
            );
        }
    }
    Ok(if verdicts.iter().all(|v| v.met) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// 1000000 as "1,000,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One size: the corpus streamed into the index, then into the SQL engines, each measured.
fn search_one(
    args: &SearchArgs,
    entries: usize,
    scratch: &std::path::Path,
    seed_db: &Database,
    refs: &ReferenceData,
    texts: &[corpus::Text],
    seed: &[UseCase],
) -> anyhow::Result<Vec<Verdict>> {
    eprintln!(
        "{} use cases from {} texts and {} Danish seed use cases",
        thousands(entries),
        texts.len(),
        seed.len()
    );
    let corpus = corpus::build(entries, texts, seed, refs)?;
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let categories = sorted(refs.categories.keys().cloned().collect());
    let domains = sorted(refs.domains.keys().cloned().collect());
    let regions = sorted(
        refs.organisations
            .values()
            .filter(|o| o.kind == OrgKind::Region)
            .map(|o| o.code.to_string())
            .collect(),
    );
    let mut mix = queries::mix(&categories, &domains, &regions);
    if let Some(only) = &args.only {
        mix.retain(|q| q.q.contains(only.as_str()));
        anyhow::ensure!(!mix.is_empty(), "no benchmark query contains {only:?}");
    }

    // Build the index the way a rebuild does, the entries made as they are indexed.
    eprintln!("generating and indexing");
    let synonyms = Arc::new(Synonyms::parse(
        aikatalog_search::synonyms::BUNDLED,
        "bundled",
    )?);
    let index_dir = scratch.join("index");
    let started = Instant::now();
    let index = bulk::build_index(&index_dir, synonyms, refs, corpus.entries())?;
    let build = started.elapsed();
    let size = stats::folder_mib(&index_dir);
    let index = Arc::new(index);

    let requests: Vec<SearchRequest> = mix
        .iter()
        .map(|q| SearchRequest {
            q: q.q.clone(),
            filters: q.filters.clone(),
            sort: q.sort,
            limit: 20,
            ..SearchRequest::default()
        })
        .collect();
    // Latency as the server runs (segments searched on every core), throughput on one core.
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let parallel =
        Arc::new(SearchIndex::open_with_threads(&index_dir, index.synonyms_arc(), cores)?.0);
    parallel.set_reference(refs.clone());
    eprintln!("querying in process");
    let mut hits = 0u64;
    for r in &requests {
        hits += parallel.search(r)?.total;
    }
    let mut in_process = Latencies::default();
    let mut per_query: Vec<Vec<Duration>> = vec![Vec::new(); requests.len()];
    let cpu_before = stats::cpu_time();
    let started = Instant::now();
    for _ in 0..args.passes {
        for (i, r) in requests.iter().enumerate() {
            let t = Instant::now();
            parallel.search(r)?;
            let took = t.elapsed();
            in_process.push(took);
            per_query[i].push(took);
        }
    }
    in_process.wall = started.elapsed();
    let cpu_per_search = match (cpu_before, stats::cpu_time()) {
        (Some(before), Some(after)) => Some((after - before) / in_process.len().max(1) as u32),
        _ => None,
    };
    if let Some(path) = &args.per_query {
        write_per_query(path, &parallel, &requests, &per_query)?;
    }
    let per_query: Vec<Duration> = per_query
        .iter()
        .map(|times| times.iter().copied().max().unwrap_or_default())
        .collect();
    let mut one_core = Latencies::default();
    let started = Instant::now();
    for r in &requests {
        let t = Instant::now();
        index.search(r)?;
        one_core.push(t.elapsed());
    }
    one_core.wall = started.elapsed();
    let mut slowest: Vec<(Duration, &SearchRequest)> =
        per_query.into_iter().zip(&requests).collect();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    eprintln!("querying over HTTP");
    let over_http = http::measure(parallel.clone(), seed_db.clone(), &mix, args.passes)?;
    let peak = stats::peak_memory_mib();
    let segments = parallel.segment_count();
    drop(parallel);
    drop(index);

    let mut lines = vec![
        Line {
            engine: format!("tantivy, in process ({cores} search threads)"),
            build: ms(build),
            size: format!("{size:.0} MiB"),
            latencies: in_process,
        },
        Line {
            engine: "tantivy, over HTTP".into(),
            build: "(same index)".into(),
            size: String::new(),
            latencies: over_http,
        },
    ];
    let rows = || {
        bulk::indexed_texts(refs, corpus.entries())
            .enumerate()
            .map(|(i, text)| sql_row(i, text))
    };
    let mut notes = Vec::new();
    match &args.postgres_url {
        Some(_) if args.index_only => {}
        Some(url) => {
            eprintln!("loading and querying PostgreSQL");
            let m = sql::postgres(url, rows(), &mix, args.passes.min(1))?;
            lines.push(Line {
                engine: "PostgreSQL FTS (danish, GIN, ts_rank)".into(),
                build: ms(m.load),
                size: format!("{:.0} MiB", m.size_mib),
                latencies: m.latencies,
            });
        }
        None if args.index_only => {}
        None => notes.push(
            "PostgreSQL skipped: pass --postgres-url or set AIKATALOG_BENCH_POSTGRES_URL"
                .to_owned(),
        ),
    }
    if args.index_only {
        // Neither SQL engine.
    } else if entries > args.sqlite_max_entries {
        notes.push(format!(
            "SQLite FTS5 skipped at {} entries: above --sqlite-max-entries ({}), its load and \
             queries take too long on this machine",
            thousands(entries),
            thousands(args.sqlite_max_entries)
        ));
    } else {
        eprintln!("loading and querying SQLite FTS5");
        let sqlite_dir = scratch.join("fts5");
        std::fs::create_dir_all(&sqlite_dir)?;
        let m = sql::sqlite(&sqlite_dir, rows(), &mix, args.passes.min(1))?;
        lines.push(Line {
            engine: "SQLite FTS5 (unicode61, bm25)".into(),
            build: ms(m.load),
            size: format!("{:.0} MiB", m.size_mib),
            latencies: m.latencies,
        });
    }

    let base = lines[0].latencies.percentile_ms(50.0);
    let browsing = mix.iter().filter(|q| q.q.is_empty()).count();
    let filtered = mix.iter().filter(|q| !q.filters.is_empty()).count();
    println!(
        "Corpus: {} use cases ({} dataset texts, {} Danish seed use cases; index of {segments} segments). Queries: {} ({} with filters, {} browsing without words), {} hits in all; each returns 20 hits, the total and counts for all {} facets.",
        thousands(entries),
        texts.len(),
        seed.len(),
        mix.len(),
        filtered,
        browsing,
        hits,
        Facet::ALL.len()
    );
    println!();
    println!(
        "| engine | build / load | size | p50 | p99 | queries/s, 1 core | p50 ÷ tantivy p50 |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (i, l) in lines.iter().enumerate() {
        let p50 = l.latencies.percentile_ms(50.0);
        // The index's throughput is measured with one search thread; the others use one anyway.
        let throughput = if i == 0 {
            one_core.throughput()
        } else {
            l.latencies.throughput()
        };
        println!(
            "| {} | {} | {} | {:.2} ms | {:.2} ms | {:.0} | {:.1}× |",
            l.engine,
            l.build,
            l.size,
            p50,
            l.latencies.percentile_ms(99.0),
            throughput,
            p50 / base
        );
    }
    println!(
        "One search thread in process: p50 {:.2} ms, p99 {:.2} ms.",
        one_core.percentile_ms(50.0),
        one_core.percentile_ms(99.0)
    );
    if let Some(cpu) = cpu_per_search {
        println!(
            "Processor time per search in process (all threads, mean): {:.2} ms.",
            cpu.as_secs_f64() * 1000.0
        );
    }
    println!();
    if let Some(peak) = peak {
        println!("Peak memory (whole process so far, after the tantivy runs): {peak:.0} MiB");
    }
    for note in &notes {
        println!("{note}");
    }
    println!();
    println!("Slowest queries in process (worst of the passes):");
    for (took, r) in slowest.iter().take(8) {
        println!(
            "- {:.2} ms  q={:?} {}",
            took.as_secs_f64() * 1000.0,
            r.q,
            filters_of(r)
        );
    }

    // The targets: the serving ones at 100,000, looser ones at a million.
    let large = entries > 100_000;
    let (p99_target, build_target) = if large {
        (50.0, Duration::from_secs(600))
    } else {
        (10.0, Duration::from_secs(60))
    };
    let p99 = lines[0].latencies.percentile_ms(99.0);
    let http_p99 = lines[1].latencies.percentile_ms(99.0);
    let mut verdicts = vec![
        Verdict {
            entries,
            target: format!("p99 in process below {p99_target:.0} ms"),
            result: format!("{p99:.2} ms"),
            met: p99 < p99_target,
        },
        Verdict {
            entries,
            target: format!(
                "indexed in under {}",
                if large { "10 minutes" } else { "60 s" }
            ),
            result: format!("{:.1} s", build.as_secs_f64()),
            met: build < build_target,
        },
    ];
    if !large {
        verdicts.push(Verdict {
            entries,
            target: "p99 over HTTP below 20 ms".into(),
            result: format!("{http_p99:.2} ms"),
            met: http_p99 < 20.0,
        });
    }
    if let Some(pg) = lines.iter().find(|l| l.engine.starts_with("PostgreSQL")) {
        let ratio = pg.latencies.percentile_ms(50.0) / base;
        verdicts.push(Verdict {
            entries,
            target: "p50 at least 10× faster than PostgreSQL FTS".into(),
            result: format!("{ratio:.1}×"),
            met: ratio >= 10.0,
        });
    }
    println!();
    println!("Targets at {} entries:", thousands(entries));
    for v in &verdicts {
        println!(
            "- {}: {} ({})",
            v.target,
            if v.met { "met" } else { "MISSED" },
            v.result
        );
    }
    println!(
        "({} measured samples per tantivy row, {} per SQL row)",
        lines[0].latencies.len(),
        // The rows after the two tantivy ones are the SQL engines'.
        lines.get(2).map_or(0, |l| l.latencies.len())
    );
    Ok(verdicts)
}

fn hostile(args: HostileArgs) -> anyhow::Result<ExitCode> {
    let scratch = tempfile::tempdir().context("a scratch folder")?;
    let datasets = datasets_folder(args.datasets)?;
    let (_seed_db, refs, seed) = seed_database(scratch.path())?;
    let texts = corpus::dataset_texts(&datasets)?;
    eprintln!("generating and indexing {} use cases", args.entries);
    let corpus = corpus::build(args.entries, &texts, &seed, &refs)?;
    let synonyms = Arc::new(Synonyms::parse(
        aikatalog_search::synonyms::BUNDLED,
        "bundled",
    )?);
    let index_dir = scratch.path().join("index");
    drop(bulk::build_index(
        &index_dir,
        synonyms.clone(),
        &refs,
        corpus.entries(),
    )?);
    // Searched as the server searches: segments on every core, the default limits.
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let mut index = SearchIndex::open_with_threads(&index_dir, synonyms, cores)?.0;
    index.set_reference(refs);
    if args.without_limits {
        index.set_limits(QueryLimits {
            max_chars: usize::MAX,
            max_terms: usize::MAX,
            max_clauses: usize::MAX,
            max_fuzzy_words: usize::MAX,
            max_compound_lookups: usize::MAX,
            time_budget: Duration::from_secs(3600),
        });
    }
    println!(
        "Corpus: {} use cases, {cores} search threads. Limits: {:?}.",
        args.entries,
        index.limits()
    );
    println!();
    Ok(
        if hostile::run(Arc::new(index), args.passes, args.only.as_deref()) {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        },
    )
}

#[test]
fn sizes_are_printed_with_thousands_separators() {
    assert_eq!(thousands(100), "100");
    assert_eq!(thousands(100_000), "100,000");
    assert_eq!(thousands(1_000_000), "1,000,000");
}

#[test]
fn the_command_line_is_well_formed() {
    <Cli as clap::CommandFactory>::command().debug_assert();
}

/// A request's filters as `facet=a|b` words.
fn filters_of(r: &SearchRequest) -> String {
    let filters: Vec<String> = r
        .filters
        .iter()
        .map(|(f, v)| format!("{f}={}", v.join("|")))
        .collect();
    filters.join(" ")
}

/// Each query's median time over the passes, its total, words and filters, slowest first.
fn write_per_query(
    path: &Path,
    index: &SearchIndex,
    requests: &[SearchRequest],
    times: &[Vec<Duration>],
) -> anyhow::Result<()> {
    let mut rows = Vec::with_capacity(requests.len());
    for (r, took) in requests.iter().zip(times) {
        let mut took = took.clone();
        took.sort();
        let median = took.get(took.len() / 2).copied().unwrap_or_default();
        rows.push((median, index.search(r)?.total, r));
    }
    rows.sort_by_key(|row| std::cmp::Reverse(row.0));
    let mut out = String::from("median_ms\ttotal\tq\tfilters\n");
    for (median, total, r) in rows {
        out.push_str(&format!(
            "{:.3}\t{total}\t{:?}\t{}\n",
            median.as_secs_f64() * 1000.0,
            r.q,
            filters_of(r)
        ));
    }
    std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))
}
