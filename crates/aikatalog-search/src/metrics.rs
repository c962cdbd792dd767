//! What search reports to the metrics recorder (a no-op unless the server installed one).

use std::time::Instant;

/// Records how long a search took when dropped, whether it succeeded or not.
pub(crate) struct QueryTimer(Instant);

impl QueryTimer {
    pub(crate) fn start() -> Self {
        Self(Instant::now())
    }
}

impl Drop for QueryTimer {
    fn drop(&mut self) {
        metrics::histogram!("aikatalog_search_query_duration_seconds")
            .record(self.0.elapsed().as_secs_f64());
    }
}
