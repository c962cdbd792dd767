//! The API's rate-limit middleware, answered with 429 `rate_limited` and `Retry-After`:
//!
//! - writes: POST, PUT, PATCH and DELETE under `/api/v1/`, counted before they run;
//! - failed authentication: every 401 counts; past the limit, the client's further 401s become
//!   429s until its budget refills (a valid token still works).
//!
//! The limiters themselves, and the one for correction suggestions that the API's correction
//! routes and the public page form share, are `aikatalog_state::rate_limit`, so the pages use
//! them without depending on this crate.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web;

pub use aikatalog_state::rate_limit::{RateLimitConfig, RateLimited, RateLimits, client_ip};

use crate::error::ApiError;

impl From<RateLimited> for ApiError {
    fn from(e: RateLimited) -> Self {
        ApiError::RateLimited {
            retry_after_secs: e.retry_after_secs,
        }
    }
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
        && let Err(e) = limits.check_write(client)
    {
        return Ok(req.error_response(ApiError::from(e)));
    }
    let res = next.call(req).await?.map_into_boxed_body();
    if res.status() == StatusCode::UNAUTHORIZED
        && let Err(e) = limits.check_auth_failure(client)
    {
        let (req, _) = res.into_parts();
        return Ok(ServiceResponse::from_err(ApiError::from(e), req));
    }
    Ok(res)
}
