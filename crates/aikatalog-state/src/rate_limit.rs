//! Per-client rate limits (governor's GCRA, keyed by client IP), shared by the API and the
//! pages: one [`RateLimits`] per server, in app data as `web::Data<RateLimits>`.
//!
//! - writes: POST, PUT, PATCH and DELETE under `/api/v1/` (the API's middleware counts them);
//! - failed authentication: every 401 (the same middleware);
//! - correction suggestions, from the public page form and the API alike
//!   ([`RateLimits::check_correction`]): one budget per client, whichever way it sends them.
//!
//! The client is the peer address ([`client_ip`]), or, when the peer is a trusted proxy
//! (`AIKATALOG_TRUSTED_PROXIES`), the client address it forwards in `X-Forwarded-For`. Limits are
//! on by default and off with `AIKATALOG_RATE_LIMITS=off` (the test harness turns them off unless
//! a test asks for them). Each caller turns [`RateLimited`] into its own answer: the API a 429
//! problem, the pages a 429 page.

use std::net::{IpAddr, Ipv4Addr};
use std::num::NonZeroU32;
use std::time::Duration;

use actix_web::{HttpRequest, web};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

use crate::AppState;

/// Past this many clients tracked, forget those whose budget has refilled.
const MAX_TRACKED: usize = 10_000;

/// The limits; `None` turns one off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimitConfig {
    pub writes_per_minute: Option<NonZeroU32>,
    pub auth_failures_per_minute: Option<NonZeroU32>,
    pub corrections_per_hour: Option<NonZeroU32>,
}

impl RateLimitConfig {
    pub const DEFAULT_WRITES_PER_MINUTE: u32 = 120;
    pub const DEFAULT_AUTH_FAILURES_PER_MINUTE: u32 = 10;
    pub const DEFAULT_CORRECTIONS_PER_HOUR: u32 = 5;

    /// Every limit off.
    pub fn off() -> Self {
        Self {
            writes_per_minute: None,
            auth_failures_per_minute: None,
            corrections_per_hour: None,
        }
    }
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        Self {
            writes_per_minute: NonZeroU32::new(Self::DEFAULT_WRITES_PER_MINUTE),
            auth_failures_per_minute: NonZeroU32::new(Self::DEFAULT_AUTH_FAILURES_PER_MINUTE),
            corrections_per_hour: NonZeroU32::new(Self::DEFAULT_CORRECTIONS_PER_HOUR),
        }
    }
}

/// A client is over a limit: it may try again in `retry_after_secs` (at least 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many requests from this client; try again in {retry_after_secs} s")]
pub struct RateLimited {
    pub retry_after_secs: u64,
}

/// One limiter per kind, shared by every worker.
#[derive(Debug, Default)]
pub struct RateLimits {
    writes: Option<Limiter>,
    auth_failures: Option<Limiter>,
    corrections: Option<Limiter>,
}

#[derive(Debug)]
struct Limiter(DefaultKeyedRateLimiter<IpAddr>);

impl Limiter {
    fn new(quota: Quota) -> Self {
        Self(DefaultKeyedRateLimiter::keyed(quota))
    }

    /// Takes one from `client`'s budget, or says how long until it may try again.
    fn check(&self, client: IpAddr) -> Result<(), RateLimited> {
        if self.0.len() > MAX_TRACKED {
            self.0.retain_recent();
        }
        self.0.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            RateLimited {
                retry_after_secs: whole_seconds(wait),
            }
        })
    }
}

/// Rounded up, and at least one: `Retry-After: 0` would invite an immediate retry.
fn whole_seconds(wait: Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

fn check(limiter: Option<&Limiter>, client: IpAddr) -> Result<(), RateLimited> {
    limiter.map_or(Ok(()), |l| l.check(client))
}

impl RateLimits {
    pub fn new(config: &RateLimitConfig) -> Self {
        Self {
            writes: config
                .writes_per_minute
                .map(|n| Limiter::new(Quota::per_minute(n))),
            auth_failures: config
                .auth_failures_per_minute
                .map(|n| Limiter::new(Quota::per_minute(n))),
            corrections: config
                .corrections_per_hour
                .map(|n| Limiter::new(Quota::per_hour(n))),
        }
    }

    /// An API write by `client`: takes one from its per-minute budget.
    pub fn check_write(&self, client: IpAddr) -> Result<(), RateLimited> {
        check(self.writes.as_ref(), client)
    }

    /// A failed authentication by `client`: takes one from its per-minute budget.
    pub fn check_auth_failure(&self, client: IpAddr) -> Result<(), RateLimited> {
        check(self.auth_failures.as_ref(), client)
    }

    /// A correction suggestion (from the page form or the API): takes one from the client's
    /// hourly budget. Call it before anything is stored.
    pub fn check_correction(&self, req: &HttpRequest) -> Result<(), RateLimited> {
        check(self.corrections.as_ref(), client_ip(req))
    }
}

/// The client a limit applies to: the peer address, or behind a trusted proxy
/// (`AIKATALOG_TRUSTED_PROXIES`) the address it forwards (`PublicOrigin::client_ip`). A request
/// without a peer address (none over TCP) shares one budget with all such requests.
pub fn client_ip(req: &HttpRequest) -> IpAddr {
    let client = match req.app_data::<web::Data<AppState>>() {
        Some(state) => state.origin.client_ip(req),
        None => req.peer_addr().map(|a| a.ip()),
    };
    client.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_whole_seconds_rounded_up() {
        assert_eq!(whole_seconds(Duration::ZERO), 1);
        assert_eq!(whole_seconds(Duration::from_millis(1)), 1);
        assert_eq!(whole_seconds(Duration::from_millis(5_001)), 6);
        assert_eq!(whole_seconds(Duration::from_secs(12)), 12);
    }

    fn from(ip: &str) -> HttpRequest {
        actix_web::test::TestRequest::post()
            .peer_addr(format!("{ip}:40000").parse().expect("an address"))
            .to_http_request()
    }

    #[test]
    fn the_correction_limit_is_per_client_and_says_when_to_retry() {
        let limits = RateLimits::new(&RateLimitConfig {
            corrections_per_hour: NonZeroU32::new(2),
            ..RateLimitConfig::off()
        });
        assert!(limits.check_correction(&from("192.0.2.1")).is_ok());
        assert!(limits.check_correction(&from("192.0.2.1")).is_ok());
        match limits.check_correction(&from("192.0.2.1")) {
            // Two an hour: the next one in about half an hour.
            Err(RateLimited { retry_after_secs }) => {
                assert!(
                    (1700..=1800).contains(&retry_after_secs),
                    "{retry_after_secs}"
                );
            }
            other => panic!("the third correction within the hour was let through: {other:?}"),
        }
        assert!(
            limits.check_correction(&from("192.0.2.2")).is_ok(),
            "another client"
        );
        let off = RateLimits::new(&RateLimitConfig::off());
        for _ in 0..10 {
            assert!(off.check_correction(&from("192.0.2.1")).is_ok());
        }
    }
}
