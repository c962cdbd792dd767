//! What search needs to know at start. The binary builds it from its configuration (the
//! variables are documented there); this crate reads no environment.

use std::path::PathBuf;

use crate::limits::QueryLimits;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchConfig {
    /// This server's index folder. Every server needs its own; several servers sharing one
    /// PostgreSQL each keep their own index in step from the same outbox.
    pub index_dir: PathBuf,
    /// A synonym list to use instead of `seed-data/synonyms.toml` (which is used when it exists
    /// under the working folder; otherwise the copy built into the program).
    pub synonyms: Option<PathBuf>,
    /// A cross-language vocabulary to use instead of `seed-data/crosslingual.toml` (which is
    /// used when it exists under the working folder; otherwise the copy built into the program).
    pub crosslingual: Option<PathBuf>,
    /// How many threads one search may use across index segments (at least 1).
    pub search_threads: usize,
    /// How much work one query may cause.
    pub limits: QueryLimits,
}
