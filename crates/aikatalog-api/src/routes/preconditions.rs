//! Optimistic concurrency for every writable resource: a change names the version it is based
//! on in `If-Match`, as the `ETag` of a read gave it, and is refused if that is not current.

use actix_web::HttpRequest;
use actix_web::http::header;

use crate::error::ApiError;

/// The `If-Match` header, read before work moves to the blocking pool.
pub fn if_match(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(header::IF_MATCH)
        .map(|v| v.to_str().unwrap_or("").to_owned())
}

/// Whether an `If-Match` value (one ETag or a list) names `current`.
fn etag_matches(if_match: &str, current: &str) -> bool {
    if_match
        .split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == current)
}

/// Checks an `If-Match` value against what is stored now (`what`, at `revision`, whose ETag is
/// `current`). Missing → 428; another ETag → 412.
pub fn check_etag(
    if_match: Option<&str>,
    current: &str,
    what: &'static str,
    revision: i64,
) -> Result<(), ApiError> {
    let Some(value) = if_match else {
        return Err(ApiError::PreconditionRequired);
    };
    if etag_matches(value, current) {
        Ok(())
    } else {
        Err(ApiError::PreconditionFailed {
            what,
            current: revision,
        })
    }
}
