//! The query mix over HTTP: the real server stack on a loopback port, one keep-alive
//! connection, requests written and responses read by hand so the client costs next to nothing.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::Instant;

use actix_web::{App, HttpServer, web};
use aikatalog_search::{SearchIndex, Sort};
use aikatalog_state::AppState;
use aikatalog_state::auth::AuthConfig;
use aikatalog_storage::Database;
use anyhow::{Context, bail};

use crate::queries::BenchQuery;
use crate::stats::Latencies;

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The request path of a benchmark query.
pub fn path(q: &BenchQuery) -> String {
    let mut parts = vec![format!("q={}", encode(&q.q)), "limit=20".to_owned()];
    for (facet, values) in q.filters.iter() {
        for v in values {
            parts.push(format!("{}={}", facet.as_str(), encode(v)));
        }
    }
    match q.sort {
        Some(Sort::Newest) => parts.push("sort=newest".into()),
        Some(Sort::Title) => parts.push("sort=title".into()),
        _ => {}
    }
    format!("/api/v1/search?{}", parts.join("&"))
}

fn get(stream: &mut BufReader<TcpStream>, path: &str) -> anyhow::Result<usize> {
    Ok(get_body(stream, path)?.len())
}

/// GETs `path` on a keep-alive connection and returns the body; anything but 200 is an error.
/// Bodies sent with a length or chunked are read.
pub fn get_body(stream: &mut BufReader<TcpStream>, path: &str) -> anyhow::Result<Vec<u8>> {
    write!(
        stream.get_mut(),
        "GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n"
    )?;
    let mut status = String::new();
    stream.read_line(&mut status)?;
    if !status.contains(" 200 ") {
        bail!("{path} answered {}", status.trim());
    }
    let mut length = 0usize;
    let mut chunked = false;
    loop {
        let mut line = String::new();
        stream.read_line(&mut line)?;
        let line = line.trim();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().context("a content length")?;
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                chunked = value.to_ascii_lowercase().contains("chunked");
            }
        }
    }
    if !chunked {
        let mut body = vec![0; length];
        stream.read_exact(&mut body)?;
        return Ok(body);
    }
    let mut body = Vec::new();
    loop {
        let mut size = String::new();
        stream.read_line(&mut size)?;
        let size = usize::from_str_radix(size.trim(), 16).context("a chunk size")?;
        let mut chunk = vec![0; size + 2];
        stream.read_exact(&mut chunk)?;
        if size == 0 {
            return Ok(body);
        }
        body.extend_from_slice(&chunk[..size]);
    }
}

/// Serves `index` on a loopback port and runs the mix against it.
pub fn measure(
    index: Arc<SearchIndex>,
    db: Database,
    queries: &[BenchQuery],
    passes: usize,
) -> anyhow::Result<Latencies> {
    let state = web::Data::new(AppState {
        db,
        // No request here carries a token; the key only has to exist.
        auth: Arc::new(AuthConfig::hs256(
            b"benchmark-server-that-checks-no-tokens",
            "aikatalog",
            "aikatalog-api",
        )),
        search: index,
        origin: Default::default(),
        ai_act: Arc::new(aikatalog_seed::bundled_questionnaire()?),
        reviews: Default::default(),
    });
    let (tx, rx) = std::sync::mpsc::channel();
    let server_thread = std::thread::spawn(move || -> anyhow::Result<()> {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(move || {
                App::new()
                    .app_data(state.clone())
                    .configure(aikatalog_api::routes)
            })
            .workers(1)
            .bind("127.0.0.1:0")?;
            let address = server.addrs().first().copied();
            let running = server.run();
            let _ = tx.send((address, running.handle()));
            running.await?;
            Ok(())
        })
    });
    let (address, handle): (Option<SocketAddr>, _) =
        rx.recv().context("the benchmark server did not start")?;
    let address = address.context("the benchmark server has no address")?;
    let result = (|| {
        let mut stream = BufReader::new(TcpStream::connect(address)?);
        stream.get_mut().set_nodelay(true)?;
        let paths: Vec<String> = queries.iter().map(path).collect();
        for p in &paths {
            get(&mut stream, p)?;
        }
        let mut latencies = Latencies::default();
        let started = Instant::now();
        for _ in 0..passes {
            for p in &paths {
                let t = Instant::now();
                get(&mut stream, p)?;
                latencies.push(t.elapsed());
            }
        }
        latencies.wall = started.elapsed();
        Ok(latencies)
    })();
    actix_web::rt::System::new().block_on(handle.stop(true));
    match server_thread.join() {
        Ok(r) => r?,
        Err(_) => bail!("the benchmark server panicked"),
    }
    result
}
