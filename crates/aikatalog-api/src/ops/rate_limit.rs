//! Per-client rate limits (governor's GCRA, keyed by client IP), answered with 429
//! `rate_limited` and `Retry-After`:
//!
//! - writes: POST, PUT, PATCH and DELETE under `/api/v1/`, counted before they run;
//! - failed authentication: every 401 counts; past the limit, the client's further 401s become
//!   429s until its budget refills (a valid token still works);
//! - the public correction form (issue 12): [`RateLimits::check_correction`], for its handler to
//!   call before it stores anything.
//!
//! The client is the peer address ([`client_ip`]), or, when the peer is a trusted proxy
//! (`AIKATALOG_TRUSTED_PROXIES`), the client address it forwards in `X-Forwarded-For`. Limits are on by default and off with `AIKATALOG_RATE_LIMITS=off` (the
//! test harness turns them off unless a test asks for them).

use std::net::{IpAddr, Ipv4Addr};
use std::num::NonZeroU32;
use std::time::Duration;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, web};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

use crate::AppState;
use crate::error::ApiError;

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

/// One limiter per kind, shared by every worker (put in app data as `web::Data<RateLimits>`).
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
    fn check(&self, client: IpAddr) -> Result<(), ApiError> {
        if self.0.len() > MAX_TRACKED {
            self.0.retain_recent();
        }
        self.0.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            ApiError::RateLimited {
                retry_after_secs: whole_seconds(wait),
            }
        })
    }
}

/// Rounded up, and at least one: `Retry-After: 0` would invite an immediate retry.
fn whole_seconds(wait: Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
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

    /// For the public correction form: takes one from the client's hourly budget, or refuses
    /// with 429 `rate_limited` (which carries `Retry-After`).
    pub fn check_correction(&self, req: &HttpRequest) -> Result<(), ApiError> {
        match &self.corrections {
            Some(limiter) => limiter.check(client_ip(req)),
            None => Ok(()),
        }
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

fn is_api_write(req: &ServiceRequest) -> bool {
    matches!(
        *req.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) && req.path().starts_with("/api/v1/")
}

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(limits) = req.app_data::<web::Data<RateLimits>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let client = client_ip(req.request());
    if is_api_write(&req)
        && let Some(writes) = &limits.writes
        && let Err(e) = writes.check(client)
    {
        return Ok(req.error_response(e));
    }
    let res = next.call(req).await?.map_into_boxed_body();
    if res.status() == StatusCode::UNAUTHORIZED
        && let Some(failures) = &limits.auth_failures
        && let Err(e) = failures.check(client)
    {
        let (req, _) = res.into_parts();
        return Ok(ServiceResponse::from_err(e, req));
    }
    Ok(res)
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
            Err(ApiError::RateLimited { retry_after_secs }) => {
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
