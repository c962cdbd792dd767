//! `aikatalog-bench import`: how long importing another register's file takes on a fresh
//! catalogue, with this server's search index caught up from the outbox in the same time, on
//! SQLite and on PostgreSQL: the US OMB 2025 inventory (3,611 records) and a generated file of
//! 100,000 records in the same format, made from the real texts of `../shared/datasets` as the
//! search benchmark's corpus is. Targets: the US file under 10 s, 100,000 records under 60 s.
//!
//! Each run gets a new database (a temporary SQLite file, or a scratch PostgreSQL database that
//! is dropped afterwards) holding the bundled reference data, and a new index; only the import
//! and the indexer's catch-up are timed.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use aikatalog_interop::{Format, Input};
use aikatalog_search::{Indexer, Synonyms, rebuild};
use aikatalog_storage::{Database, DatabaseUrl};
use anyhow::Context;
use diesel::{Connection, PgConnection, RunQueryDsl};

use crate::corpus::{self, Rng};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// How many records the generated file holds.
    #[arg(long, default_value_t = 100_000)]
    entries: usize,
    /// The folder of other registers' data [default: ../shared/datasets beside the repository].
    #[arg(long, env = "AIKATALOG_DATASETS")]
    datasets: Option<PathBuf>,
    /// A PostgreSQL server where the user may create databases; each run gets a scratch
    /// database, dropped afterwards. Without it only SQLite is measured.
    #[arg(long = "postgres", env = "AIKATALOG_BENCH_POSTGRES_URL")]
    postgres: Option<String>,
    /// Runs of the US file per backend; the median is reported.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Runs of the generated file per backend; the median is reported.
    #[arg(long, default_value_t = 1)]
    generated_runs: usize,
}

/// One timed run.
#[derive(Debug, Clone, Copy)]
struct Run {
    import: Duration,
    total: Duration,
    entries: usize,
}

pub(crate) const US_FILE: &str =
    "us_federal_ai_inventory_2025/2025_individually_reported_AI_use_cases.csv";

pub fn run(args: ImportArgs) -> anyhow::Result<bool> {
    let datasets = crate::datasets_folder(args.datasets)?;
    let us_path = datasets.join(US_FILE);
    let us = Input {
        name: us_path.display().to_string(),
        bytes: std::fs::read(&us_path)
            .with_context(|| format!("cannot read {}", us_path.display()))?,
    };
    eprintln!(
        "generating {} records from the datasets' texts",
        args.entries
    );
    let generated = Input {
        name: format!("generated-{}.csv", args.entries),
        bytes: generate(&datasets, &us.bytes, args.entries)?,
    };
    let mut backends = vec![Backend::Sqlite];
    match &args.postgres {
        Some(url) => backends.push(Backend::Postgres(url.clone())),
        None => {
            eprintln!("PostgreSQL skipped: pass --postgres URL or set AIKATALOG_BENCH_POSTGRES_URL")
        }
    }
    let files = [
        (
            "US OMB 2025 inventory",
            &us,
            args.runs,
            Duration::from_secs(10),
        ),
        (
            "generated",
            &generated,
            args.generated_runs,
            Duration::from_secs(60),
        ),
    ];
    let mut lines = Vec::new();
    let mut all_met = true;
    for backend in &backends {
        for (name, input, runs, target) in &files {
            let mut measured = Vec::new();
            for i in 0..(*runs).max(1) {
                eprintln!("{}: {name}, run {}", backend.name(), i + 1);
                measured.push(once(backend, input)?);
            }
            let median = median(&mut measured);
            let met = median.total < *target;
            all_met &= met;
            lines.push(format!(
                "| {} | {name} | {} | {:.1} s | {:.1} s | {:.1} s | under {} s: {} | {} |",
                backend.name(),
                median.entries,
                median.import.as_secs_f64(),
                (median.total - median.import).as_secs_f64(),
                median.total.as_secs_f64(),
                target.as_secs(),
                if met { "met" } else { "MISSED" },
                measured.len(),
            ));
        }
    }
    println!(
        "Import with `--format us-omb` on a fresh catalogue, the search index caught up from the \
         outbox in the same time (median of the runs):"
    );
    println!();
    println!("| backend | file | entries | import | index catch-up | total | target | runs |");
    println!("|---|---|---|---|---|---|---|---|");
    for line in lines {
        println!("{line}");
    }
    Ok(all_met)
}

fn median(runs: &mut [Run]) -> Run {
    runs.sort_by_key(|r| r.total);
    runs[runs.len() / 2]
}

enum Backend {
    Sqlite,
    Postgres(String),
}

impl Backend {
    fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres(_) => "PostgreSQL",
        }
    }
}

/// A new database with the bundled reference data, and what removes it afterwards.
struct Scratch {
    db: Database,
    _dir: tempfile::TempDir,
    drop_pg: Option<(String, String)>,
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.drop_pg.take()
            && let Ok(mut conn) = PgConnection::establish(&admin)
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .execute(&mut conn);
        }
    }
}

fn scratch(target: &Backend) -> anyhow::Result<Scratch> {
    let dir = tempfile::tempdir().context("a scratch folder")?;
    let (url, drop_pg) = match target {
        Backend::Sqlite => (
            format!("sqlite://{}", dir.path().join("bench.db").display()),
            None,
        ),
        Backend::Postgres(admin) => {
            static RUNS: AtomicUsize = AtomicUsize::new(0);
            let name = format!(
                "aikatalog_bench_import_{}_{}",
                std::process::id(),
                RUNS.fetch_add(1, Ordering::Relaxed)
            );
            let mut conn = PgConnection::establish(admin)
                .with_context(|| "cannot reach the PostgreSQL server given by --postgres")?;
            diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
                .execute(&mut conn)
                .context("create a scratch database")?;
            let mut url = url::Url::parse(admin).context("--postgres is not a URL")?;
            url.set_path(&format!("/{name}"));
            (url.to_string(), Some((admin.clone(), name)))
        }
    };
    let db = Database::connect(&DatabaseUrl::parse(&url)?)?;
    let scratch = Scratch {
        db,
        _dir: dir,
        drop_pg,
    };
    scratch.db.migrate()?;
    let reference: Vec<_> = aikatalog_seed::seed_sources()
        .into_iter()
        .filter(|(_, path, _)| path.parent() == Some(Path::new("seed-data")))
        .collect();
    aikatalog_seed::import_sources(&scratch.db, &reference, false)?;
    Ok(scratch)
}

/// Imports `input` into a fresh catalogue and catches a fresh index up with it.
fn once(target: &Backend, input: &Input) -> anyhow::Result<Run> {
    let scratch = scratch(target)?;
    let index_dir = tempfile::tempdir().context("an index folder")?;
    let synonyms = Arc::new(Synonyms::parse(
        aikatalog_search::synonyms::BUNDLED,
        "bundled",
    )?);
    let (index, checkpoint) = rebuild::open_or_rebuild(index_dir.path(), &scratch.db, synonyms)?;
    let index = Arc::new(index);
    let mut indexer = Indexer::new(index.clone(), scratch.db.clone(), &checkpoint)?;

    let started = Instant::now();
    let report = aikatalog_interop::import(
        &scratch.db,
        Format::UsOmb,
        std::slice::from_ref(input),
        false,
        &mut (),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let import = started.elapsed();
    indexer.catch_up()?;
    let total = started.elapsed();
    anyhow::ensure!(
        index.num_docs() as usize == report.created,
        "the index holds {} documents after importing {} entries",
        index.num_docs(),
        report.created
    );
    Ok(Run {
        import,
        total,
        entries: report.created,
    })
}

/// A file in the 2025 inventory's format with `n` records: the US file's agencies, the texts of
/// all the datasets (as the search benchmark's corpus), and the dictionary's values, mixed
/// reproducibly.
pub(crate) fn generate(datasets: &Path, us: &[u8], n: usize) -> anyhow::Result<Vec<u8>> {
    let texts = corpus::dataset_texts(datasets)?;
    let mut agencies: Vec<(String, String)> = Vec::new();
    let mut reader = csv::Reader::from_reader(us.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(us));
    let header = reader.headers()?.clone();
    let col = |name: &str| header.iter().position(|h| h == name);
    let (short, long) = (col("agency"), col("agency_name"));
    for row in reader.records() {
        let row = row?;
        let pair = (
            short.and_then(|i| row.get(i)).unwrap_or("").to_owned(),
            long.and_then(|i| row.get(i)).unwrap_or("").to_owned(),
        );
        if !pair.1.is_empty() && !agencies.contains(&pair) {
            agencies.push(pair);
        }
    }
    anyhow::ensure!(!agencies.is_empty(), "no agencies in the US file");
    const STAGES: [&str; 4] = ["Pre-deployment", "Pilot", "Deployed", "Retired"];
    const TOPICS: [&str; 8] = [
        "Admin Functions",
        "IT",
        "Health and Medical",
        "Service Delivery",
        "Transportation",
        "HR",
        "Science",
        "Energy and Environment",
    ];
    const CLASSES: [&str; 5] = [
        "Generative AI",
        "Computer Vision",
        "Agentic AI",
        "Classical ML",
        "NLP",
    ];
    let mut rng = Rng::new(0x0005_0A1B);
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "agency",
        "agency_name",
        "id",
        "use_case_name",
        "agency_bureau",
        "development_stage",
        "is_high_impact",
        "topic_area",
        "classification",
        "problem_solved",
        "benefits",
        "operational_date",
    ])?;
    for i in 0..n {
        let text = &texts[i.wrapping_mul(7919) % texts.len()];
        let (short, long) = rng.pick(&agencies);
        let (stage, topic, class) = (*rng.pick(&STAGES), *rng.pick(&TOPICS), *rng.pick(&CLASSES));
        writer.write_record([
            short.as_str(),
            long.as_str(),
            &format!("GEN-{i}"),
            &text.title,
            "Office of the Chief AI Officer",
            stage,
            "Not High-impact",
            topic,
            class,
            &text.summary,
            &text.description,
            &format!("{}-{:02}-01", 2018 + rng.below(8), 1 + rng.below(12)),
        ])?;
    }
    writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}
