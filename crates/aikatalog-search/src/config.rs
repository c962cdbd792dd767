//! Search configuration, read once from the environment at start.
//!
//! - `AIKATALOG_INDEX_DIR`: the folder of this server's search index (default `index` inside
//!   `AIKATALOG_DATA_DIR`, which defaults to `data`: so `data/index`). Every server needs its own;
//!   several servers sharing one PostgreSQL each keep their own index in step from the same
//!   outbox.
//! - `AIKATALOG_SEARCH_THREADS`: how many threads one search may use across index segments
//!   (default: the number of cores).
//! - `AIKATALOG_SYNONYMS`: a synonym list to use instead of `seed-data/synonyms.toml` (which is
//!   used when it exists under the working folder; otherwise the copy built into the program).

use std::path::PathBuf;

/// The index folder inside the data folder.
pub const INDEX_DIR_NAME: &str = "index";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchConfig {
    pub index_dir: PathBuf,
    pub synonyms: Option<PathBuf>,
    pub search_threads: usize,
}

#[derive(Debug, thiserror::Error)]
#[error("{0} is malformed: not UTF-8, or not a positive number where one is needed")]
pub struct BadVariable(&'static str);

fn var(name: &'static str) -> Result<Option<String>, BadVariable> {
    match std::env::var(name) {
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => Ok(Some(v)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(BadVariable(name)),
    }
}

impl SearchConfig {
    pub fn from_env() -> Result<Self, BadVariable> {
        Ok(Self {
            index_dir: match var("AIKATALOG_INDEX_DIR")? {
                Some(dir) => PathBuf::from(dir),
                None => PathBuf::from(var("AIKATALOG_DATA_DIR")?.unwrap_or_else(|| "data".into()))
                    .join(INDEX_DIR_NAME),
            },
            synonyms: var("AIKATALOG_SYNONYMS")?.map(PathBuf::from),
            search_threads: match var("AIKATALOG_SEARCH_THREADS")? {
                Some(n) => n
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or(BadVariable("AIKATALOG_SEARCH_THREADS"))?,
                None => std::thread::available_parallelism().map_or(1, usize::from),
            },
        })
    }
}
