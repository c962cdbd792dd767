//! Running the service: what an operator and a load balancer need around the API. Each
//! middleware is its own module, mounted by `aikatalog serve` (and the test harness) around the
//! whole app, outermost first:
//!
//! 1. [`request_id`]: an id on every request, in its log lines, response header and problem body;
//! 2. [`metrics`]: request counts and latencies per route pattern, served at `/metrics`;
//! 3. [`cors`]: cross-origin reads of the public API, when origins are configured;
//! 4. [`rate_limit`]: per-client limits on writes and failed authentication (the limiters, and
//!    the one correction suggestions share with the pages, are in `aikatalog_state::rate_limit`).
//!
//! The settings arrive typed in [`Operations`], built by the binary's configuration.

pub mod cors;
pub mod metrics;
pub mod rate_limit;
pub mod request_id;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

pub use cors::CorsOrigins;
pub use rate_limit::{RateLimitConfig, RateLimits};

/// The default for [`Operations::ready_max_lag`].
pub const DEFAULT_READY_MAX_LAG: i64 = 100;

/// The operations settings handlers read (through app data).
#[derive(Debug, Clone)]
pub struct Operations {
    /// How many outbox changes this server's index may be behind and still be ready.
    pub ready_max_lag: i64,
    /// The listener `/metrics` answers on; `None`: nowhere.
    pub metrics_bind: Option<SocketAddr>,
    pub cors_origins: CorsOrigins,
    /// Set while the server still reads at start what its pages need (the catalogue snapshot
    /// of a large catalogue takes seconds): it is not ready until then. Shared by clones.
    pub warming: Arc<AtomicBool>,
}

impl Default for Operations {
    fn default() -> Self {
        Self {
            ready_max_lag: DEFAULT_READY_MAX_LAG,
            metrics_bind: None,
            cors_origins: CorsOrigins::Off,
            warming: Arc::new(AtomicBool::new(false)),
        }
    }
}
