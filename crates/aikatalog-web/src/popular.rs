//! Popular searches, offered beside an empty result: the search page counts each query that
//! found something in memory and adds the counts to the database (`popular_searches`) in the
//! background, at most once a minute per worker, so a search costs no write.
//!
//! No personal data: only the query, normalised (lower case, single spaces), with a count; a
//! query with a digit or `@` (CPR and phone numbers, case numbers, e-mail addresses) is never
//! counted, and a query is shown only once it has been searched [`MIN_SEARCHES`] times.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use aikatalog_storage::Database;
use aikatalog_storage::models::popular_searches;

/// Searches a query needs before it is shown to others.
pub const MIN_SEARCHES: i64 = 5;
/// Queries shown.
const SHOWN: i64 = 8;
/// Longer queries are sentences, not searches others would repeat.
const MAX_CHARS: usize = 60;
/// How often counts are added to the database, and the list shown read from it again.
const FLUSH_EVERY: Duration = Duration::from_secs(60);

/// Counts not yet in the database, and when they were last added.
#[derive(Debug)]
pub struct PopularSearches {
    pending: Mutex<HashMap<String, i64>>,
    last_flush: Mutex<Instant>,
}

impl Default for PopularSearches {
    fn default() -> Self {
        Self {
            pending: Mutex::new(HashMap::new()),
            last_flush: Mutex::new(Instant::now()),
        }
    }
}

/// The query as counted, or `None` for one that is not counted.
pub fn normalise(q: &str) -> Option<String> {
    let words: Vec<String> = q.split_whitespace().map(str::to_lowercase).collect();
    let joined = words.join(" ");
    let counted = !joined.is_empty()
        && joined.chars().count() <= MAX_CHARS
        && !joined.chars().any(|c| c.is_ascii_digit() || c == '@');
    counted.then_some(joined)
}

impl PopularSearches {
    /// Counts a search that found something; says whether the counts are due to be added.
    pub fn count(&self, q: &str) -> bool {
        if let Some(query) = normalise(q) {
            *self
                .pending
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .entry(query)
                .or_default() += 1;
        }
        let mut last = self.last_flush.lock().unwrap_or_else(|p| p.into_inner());
        if last.elapsed() >= FLUSH_EVERY {
            *last = Instant::now();
            true
        } else {
            false
        }
    }

    /// Adds the pending counts to the database. Blocking: run it off the request's thread.
    /// Counts that cannot be written (the database is away, or another server inserted the
    /// same new query at the same moment) are kept for the next time.
    pub fn flush(&self, db: &Database) {
        let counts: Vec<(String, i64)> = self
            .pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .drain()
            .collect();
        if counts.is_empty() {
            return;
        }
        if let Err(e) = db.write(|c| popular_searches::add(c, &counts)) {
            tracing::warn!(error = %e, "could not store the popular searches' counts; keeping them");
            let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
            for (query, n) in counts {
                *pending.entry(query).or_default() += n;
            }
        }
    }

    /// The most searched queries, this worker's latest counts included. Blocking.
    pub fn top(&self, db: &Database) -> Vec<String> {
        self.flush(db);
        db.read(|c| popular_searches::top(c, MIN_SEARCHES, SHOWN))
            .unwrap_or_else(|e| {
                // Suggestions are a help, not the page: without them the page still answers.
                tracing::warn!(error = %e, "could not read the popular searches");
                Vec::new()
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_normalised_and_numbers_never_counted() {
        assert_eq!(
            normalise("  Aktindsigt   Sønderborg "),
            Some("aktindsigt sønderborg".into())
        );
        assert_eq!(normalise("010190-1234"), None);
        assert_eq!(normalise("jens@example.dk"), None);
        assert_eq!(normalise("   "), None);
        assert_eq!(normalise(&"ord ".repeat(20)), None);
    }
}
