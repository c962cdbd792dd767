//! `aikatalog-bench load`: many keep-alive connections against a running server, one scenario
//! at a time (a search, a use case's page, the front page), each reporting requests per second
//! and latency percentiles. A thread per connection writes a request and reads the whole answer
//! before the next, so a connection has one request in flight, as a browser's does.

use std::io::BufReader;
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::http;
use crate::stats::Latencies;

#[derive(Debug, clap::Args)]
pub struct LoadArgs {
    /// The running server, e.g. http://127.0.0.1:8080 (plain HTTP).
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    url: String,
    /// Concurrent keep-alive connections.
    #[arg(long, default_value_t = 64)]
    connections: usize,
    /// How long each scenario runs, after a one-second warm-up.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// The use case page to load [default: the first use case the API lists].
    #[arg(long)]
    use_case_path: Option<String>,
}

/// Searches cycled through by the search scenario: everyday words, a compound, a filter.
const SEARCHES: &[&str] = &[
    "/api/v1/search?q=journalisering&limit=20",
    "/api/v1/search?q=chatbot+borgerservice&limit=20",
    "/api/v1/search?q=vandl%C3%B8b&limit=20",
    "/api/v1/search?q=sagsbehandling&limit=20&sort=newest",
    "/api/v1/search?q=tale+til+tekst&limit=20",
];

pub fn run(args: LoadArgs) -> anyhow::Result<()> {
    let address = address(&args.url)?;
    let use_case = match args.use_case_path {
        Some(p) => p,
        None => format!("/use-cases/{}", first_use_case(address)?),
    };
    let scenarios: [(&str, Vec<String>); 3] = [
        (
            "search (API)",
            SEARCHES.iter().map(|s| (*s).to_owned()).collect(),
        ),
        ("use case page", vec![use_case]),
        ("front page", vec!["/".to_owned()]),
    ];
    println!(
        "{} connections, {} s per scenario, against {}\n",
        args.connections, args.seconds, args.url
    );
    println!(
        "| scenario | requests | requests/s | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|"
    );
    for (name, paths) in scenarios {
        let l = scenario(
            address,
            &paths,
            args.connections,
            Duration::from_secs(args.seconds),
        )
        .with_context(|| format!("scenario {name}"))?;
        println!(
            "| {name} | {} | {:.0} | {:.1} | {:.1} | {:.1} |",
            l.len(),
            l.throughput(),
            l.percentile_ms(50.0),
            l.percentile_ms(99.0),
            l.percentile_ms(100.0)
        );
    }
    Ok(())
}

fn address(url: &str) -> anyhow::Result<SocketAddr> {
    let rest = url
        .strip_prefix("http://")
        .context("--url must start with http://")?;
    let host = rest.split('/').next().unwrap_or(rest);
    host.to_socket_addrs()
        .with_context(|| format!("cannot resolve {host}"))?
        .next()
        .with_context(|| format!("{host} has no address"))
}

fn connect(address: SocketAddr) -> anyhow::Result<BufReader<TcpStream>> {
    let stream = TcpStream::connect(address).with_context(|| format!("connect to {address}"))?;
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    Ok(BufReader::new(stream))
}

/// The slug of the first use case in the API's list.
fn first_use_case(address: SocketAddr) -> anyhow::Result<String> {
    let mut stream = connect(address)?;
    let body = http::get_body(&mut stream, "/api/v1/use-cases?limit=1")?;
    let page: serde_json::Value = serde_json::from_slice(&body)?;
    page["items"][0]["slug"]
        .as_str()
        .map(str::to_owned)
        .context("the server lists no use case")
}

/// Runs `connections` threads requesting `paths` in turn for `length`; returns every latency.
fn scenario(
    address: SocketAddr,
    paths: &[String],
    connections: usize,
    length: Duration,
) -> anyhow::Result<Latencies> {
    let warm_up = Duration::from_secs(1);
    let started = Instant::now();
    let measure_from = started + warm_up;
    let until = measure_from + length;
    let results: Vec<anyhow::Result<Latencies>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..connections)
            .map(|n| {
                s.spawn(move || -> anyhow::Result<Latencies> {
                    let mut stream = connect(address)?;
                    let mut latencies = Latencies::default();
                    let mut i = n;
                    loop {
                        let t = Instant::now();
                        if t >= until {
                            return Ok(latencies);
                        }
                        http::get_body(&mut stream, &paths[i % paths.len()])?;
                        if t >= measure_from {
                            latencies.push(t.elapsed());
                        }
                        i += 1;
                    }
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
    all.wall = length;
    Ok(all)
}
