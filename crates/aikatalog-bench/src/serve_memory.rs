//! `aikatalog-bench serve-memory`: the resident memory of the real server, `aikatalog serve`,
//! on a catalogue of 100,000 entries. A scratch SQLite catalogue gets the seed data and the
//! import benchmark's generated records (imported by the real importer, so they are published
//! entries like any other), and its search index is caught up from the outbox as a running
//! server's indexer does, so the server starts as after a restart: with its index. (An index
//! rebuilt at start reads the entries a page at a time with `OFFSET`, which at this size takes
//! far longer than the measurement; see the README.) The built `aikatalog` binary serves it,
//! and a mix of searches and page views is sent over several connections. The server's
//! `VmRSS` and `VmHWM` (from `/proc/PID/status`) are read when it is ready and after the mix.
//! Target: under 300 MB resident.

use std::io::BufReader;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use aikatalog_domain::OrgKind;
use aikatalog_interop::{Format, Input};
use aikatalog_search::{Indexer, ReferenceData, Synonyms, rebuild};
use aikatalog_storage::{Database, DatabaseUrl};
use anyhow::{Context, bail};

use crate::http;
use crate::queries;
use crate::stats::Latencies;

/// The target, in MB (10^6 bytes) of resident memory.
const TARGET_MB: f64 = 300.0;

#[derive(Debug, clap::Args)]
pub struct ServeMemoryArgs {
    /// How many generated records the catalogue holds beside the seed data.
    #[arg(long, default_value_t = 100_000)]
    entries: usize,
    /// The folder of other registers' data [default: ../shared/datasets beside the repository].
    #[arg(long, env = "AIKATALOG_DATASETS")]
    datasets: Option<PathBuf>,
    /// The server binary [default: `aikatalog` beside this benchmark's binary].
    #[arg(long)]
    binary: Option<PathBuf>,
    /// Passes over the request mix (each pass: 200 API searches, 200 search pages, 200 entry
    /// pages and 200 entries in the API, lists and facet pages).
    #[arg(long, default_value_t = 3)]
    passes: usize,
    /// Concurrent keep-alive connections sending the mix.
    #[arg(long, default_value_t = 4)]
    connections: usize,
    /// Extra `NAME=VALUE` environment variables for the server (repeat), to try a setting.
    #[arg(long = "env", value_parser = parse_env)]
    env: Vec<(String, String)>,
}

fn parse_env(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .ok_or_else(|| format!("{s:?} is not NAME=VALUE"))
}

/// The server process, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `VmRSS` and `VmHWM` of a process, and the resident memory's parts: the heap and other
/// anonymous memory, and pages of mapped files (the index's, read through mmap, which the
/// kernel may drop under pressure), in MB (10^6 bytes).
#[derive(Debug, Clone, Copy)]
struct Memory {
    rss: f64,
    hwm: f64,
    anon: f64,
    file: f64,
}

fn memory(pid: u32) -> anyhow::Result<Memory> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .with_context(|| format!("cannot read /proc/{pid}/status (Linux only)"))?;
    let field = |name: &str| -> anyhow::Result<f64> {
        let line = status
            .lines()
            .find(|l| l.starts_with(name))
            .with_context(|| format!("no {name} in /proc/{pid}/status"))?;
        let kib: f64 = line
            .split_whitespace()
            .nth(1)
            .and_then(|v| v.parse().ok())
            .with_context(|| format!("{line:?} has no number"))?;
        Ok(kib * 1024.0 / 1e6)
    };
    Ok(Memory {
        rss: field("VmRSS:")?,
        hwm: field("VmHWM:")?,
        anon: field("RssAnon:")?,
        file: field("RssFile:")?,
    })
}

fn default_binary() -> anyhow::Result<PathBuf> {
    let me = std::env::current_exe().context("this binary's path")?;
    let candidate = me.with_file_name("aikatalog");
    anyhow::ensure!(
        candidate.is_file(),
        "no server binary at {}: build it (`cargo build --release -p aikatalog`) or pass --binary",
        candidate.display()
    );
    Ok(candidate)
}

/// The catalogue: the seed data and `n` generated records imported with `--format us-omb`, and
/// its search index in `index_dir`, caught up.
fn catalogue(
    path: &Path,
    index_dir: &Path,
    datasets: &Path,
    n: usize,
) -> anyhow::Result<ReferenceData> {
    let db = Database::connect(&DatabaseUrl::parse(&format!(
        "sqlite://{}",
        path.display()
    ))?)?;
    db.migrate()?;
    aikatalog_seed::import_sources(&db, &aikatalog_seed::seed_sources(), false)?;
    let synonyms = Arc::new(Synonyms::parse(
        aikatalog_search::synonyms::BUNDLED,
        "bundled",
    )?);
    let (index, checkpoint) = rebuild::open_or_rebuild(index_dir, &db, synonyms)?;
    let mut indexer = Indexer::new(Arc::new(index), db.clone(), &checkpoint)?;
    let us = std::fs::read(datasets.join(crate::import::US_FILE))
        .context("cannot read the US inventory")?;
    let input = Input {
        name: format!("generated-{n}.csv"),
        bytes: crate::import::generate(datasets, &us, n)?,
    };
    let report = aikatalog_interop::import(
        &db,
        Format::UsOmb,
        std::slice::from_ref(&input),
        false,
        &mut (),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    eprintln!("imported {} generated entries", report.created);
    indexer.catch_up()?;
    Ok(db.read_with(ReferenceData::load)?)
}

fn free_port() -> anyhow::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?)
}

fn connect(address: SocketAddr) -> anyhow::Result<BufReader<TcpStream>> {
    let stream = TcpStream::connect(address)?;
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    Ok(BufReader::new(stream))
}

/// Waits until `/readyz` answers 200 with at least `documents` in the index.
fn wait_ready(server: &mut Server, address: SocketAddr, documents: u64) -> anyhow::Result<()> {
    let until = Instant::now() + Duration::from_secs(900);
    while Instant::now() < until {
        if let Some(status) = server.0.try_wait()? {
            bail!("the server stopped before it was ready ({status})");
        }
        let ready = connect(address)
            .and_then(|mut s| http::get_body(&mut s, "/readyz"))
            .ok()
            .and_then(|body| serde_json::from_slice::<serde_json::Value>(&body).ok())
            .and_then(|v| v["documents"].as_u64());
        if ready.is_some_and(|d| d >= documents) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    bail!("the server was not ready within 15 minutes")
}

/// The request mix: the benchmark's 200 searches through the API and the search page, entry
/// pages and their API documents, lists with facets, the front page and category pages.
fn mix(address: SocketAddr, refs: &ReferenceData) -> anyhow::Result<Vec<String>> {
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
    let searches = queries::mix(&categories, &domains, &regions);
    // Entries spread over the catalogue, as visitors arriving from search engines would open.
    let mut stream = connect(address)?;
    let mut slugs = Vec::new();
    for page in 0..10 {
        let body = http::get_body(
            &mut stream,
            &format!("/api/v1/use-cases?limit=20&offset={}", page * 5_000),
        )?;
        let listed: serde_json::Value = serde_json::from_slice(&body)?;
        for item in listed["items"].as_array().into_iter().flatten() {
            if let Some(slug) = item["slug"].as_str() {
                slugs.push(slug.to_owned());
            }
        }
    }
    anyhow::ensure!(!slugs.is_empty(), "the server lists no use case");
    let mut paths = Vec::new();
    for (i, q) in searches.iter().enumerate() {
        let api = http::path(q);
        paths.push(api.replacen("/api/v1/search?", "/soeg?", 1));
        paths.push(api);
        let slug = &slugs[i % slugs.len()];
        paths.push(format!("/use-cases/{slug}"));
        paths.push(format!("/api/v1/use-cases/{slug}"));
        paths.push(match i % 4 {
            0 => "/".to_owned(),
            1 => format!("/kategorier/{}", categories[i % categories.len()]),
            2 => format!(
                "/api/v1/use-cases?category={}&limit=20",
                categories[i % categories.len()]
            ),
            _ => format!("/soeg?page={}", 1 + i % 20),
        });
    }
    Ok(paths)
}

/// Sends `paths` `passes` times over `connections` connections, each starting at another place.
fn send(
    address: SocketAddr,
    paths: &[String],
    passes: usize,
    connections: usize,
) -> anyhow::Result<Latencies> {
    let started = Instant::now();
    let results: Vec<anyhow::Result<Latencies>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..connections.max(1))
            .map(|n| {
                s.spawn(move || -> anyhow::Result<Latencies> {
                    let mut stream = connect(address)?;
                    let mut latencies = Latencies::default();
                    let share = paths.len() * passes / connections.max(1);
                    let offset = n * paths.len() / connections.max(1);
                    for i in 0..share {
                        let path = &paths[(offset + i) % paths.len()];
                        let t = Instant::now();
                        http::get_body(&mut stream, path)?;
                        latencies.push(t.elapsed());
                    }
                    Ok(latencies)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| bail!("a connection thread panicked"))
            })
            .collect()
    });
    let mut all = Latencies::default();
    for r in results {
        all.extend(r?);
    }
    all.wall = started.elapsed();
    Ok(all)
}

pub fn run(args: ServeMemoryArgs) -> anyhow::Result<bool> {
    let binary = match args.binary {
        Some(b) => b,
        None => default_binary()?,
    };
    let datasets = crate::datasets_folder(args.datasets)?;
    let scratch = tempfile::tempdir().context("a scratch folder")?;
    let db_path = scratch.path().join("aikatalog.db");
    eprintln!(
        "building a catalogue of the seed data and {} generated entries",
        args.entries
    );
    let started = Instant::now();
    let data_dir = scratch.path().join("data");
    let refs = catalogue(&db_path, &data_dir.join("index"), &datasets, args.entries)?;
    eprintln!(
        "catalogue built in {:.0} s",
        started.elapsed().as_secs_f64()
    );

    let address = free_port()?;
    let mut command = Command::new(&binary);
    command
        .arg("serve")
        .env(
            "AIKATALOG_DATABASE_URL",
            format!("sqlite://{}", db_path.display()),
        )
        .env("AIKATALOG_DATA_DIR", &data_dir)
        .env("AIKATALOG_BIND", address.to_string())
        .env("AIKATALOG_READY_MAX_LAG", "0")
        .env("AIKATALOG_RATE_LIMITS", "off")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null());
    for (name, value) in &args.env {
        command.env(name, value);
    }
    eprintln!("starting {} serve on {address}", binary.display());
    let started = Instant::now();
    let mut server = Server(
        command
            .spawn()
            .with_context(|| format!("cannot start {}", binary.display()))?,
    );
    let pid = server.0.id();
    wait_ready(&mut server, address, args.entries as u64)?;
    let ready_after = started.elapsed();
    let at_start = memory(pid)?;
    let paths = mix(address, &refs)?;
    eprintln!(
        "sending {} requests over {} connections",
        paths.len() * args.passes,
        args.connections
    );
    let latencies = send(address, &paths, args.passes, args.connections)?;
    let after = memory(pid)?;
    drop(server);

    let settings: Vec<String> = args.env.iter().map(|(k, v)| format!("{k}={v}")).collect();
    println!(
        "`aikatalog serve` on SQLite with the seed data and {} generated entries (its index \
         caught up before it started; ready after {:.0} s){}.",
        args.entries,
        ready_after.as_secs_f64(),
        if settings.is_empty() {
            String::new()
        } else {
            format!(", with {}", settings.join(" "))
        }
    );
    println!(
        "Mix: {} requests ({} connections): API searches, search pages, entry pages and their API \
         documents, lists with facets, the front page and category pages; p50 {:.1} ms, p99 {:.1} ms.",
        latencies.len(),
        args.connections,
        latencies.percentile_ms(50.0),
        latencies.percentile_ms(99.0)
    );
    println!();
    println!(
        "| moment | VmRSS | of which heap (RssAnon) | of which mapped files (RssFile) | VmHWM (peak so far) |"
    );
    println!("|---|---|---|---|---|");
    for (moment, m) in [("ready", at_start), ("after the mix", after)] {
        println!(
            "| {moment} | {:.0} MB | {:.0} MB | {:.0} MB | {:.0} MB |",
            m.rss, m.anon, m.file, m.hwm
        );
    }
    let met = after.rss < TARGET_MB;
    println!();
    println!(
        "Target: resident memory at {} entries under {TARGET_MB:.0} MB after the mix: {} ({:.0} MB; peak {:.0} MB)",
        args.entries,
        if met { "met" } else { "MISSED" },
        after.rss,
        after.hwm
    );
    Ok(met)
}
