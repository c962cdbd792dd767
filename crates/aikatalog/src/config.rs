//! Configuration, read once from the environment and passed on; no globals.
//!
//! - `AIKATALOG_DATABASE_URL`: `sqlite://PATH` (default `sqlite://data/aikatalog.db`) or
//!   `postgres://user:password@host:port/database`.
//! - `AIKATALOG_BIND`: the address `serve` listens on (default `127.0.0.1:8080`).
//! - `AIKATALOG_LOG_FORMAT`: `text` (default) or `json`; `RUST_LOG` filters (default `info`).

use std::net::SocketAddr;

use anyhow::{Context, bail};

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/aikatalog.db";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// Reads an optional variable, telling "unset" apart from "set but not Unicode".
pub fn var(name: &str) -> anyhow::Result<Option<String>> {
    match std::env::var(name) {
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => Ok(Some(v)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => bail!("{name} is not valid UTF-8"),
    }
}

pub fn database_url() -> anyhow::Result<aikatalog_storage::DatabaseUrl> {
    let raw = var("AIKATALOG_DATABASE_URL")?.unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
    aikatalog_storage::DatabaseUrl::parse(&raw).context("AIKATALOG_DATABASE_URL is malformed")
}

pub fn bind() -> anyhow::Result<SocketAddr> {
    let raw = var("AIKATALOG_BIND")?.unwrap_or_else(|| DEFAULT_BIND.to_owned());
    raw.parse()
        .with_context(|| format!("AIKATALOG_BIND `{raw}` is not an address like 127.0.0.1:8080"))
}
