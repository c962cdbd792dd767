//! Checks on the request line that no route should have to repeat.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};

use crate::error::ApiError;

/// Middleware on the whole API: a NUL character (`%00`) in the path or the query string is
/// refused with 400 `invalid_parameter`. Keys read from the path reach the database, and
/// PostgreSQL cannot hold U+0000 in text, so such a key used to give 500 there (and a plain 404
/// on SQLite); no key, filter or search term has a use for it, so both backends refuse it here.
pub async fn refuse_nul_in_request_line(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    // A NUL can only arrive percent-encoded: the HTTP parser refuses a raw one. `%00` cannot be
    // part of another escape (`%2500` is the text "%00", which is harmless and passes).
    let part = if req.uri().path().contains("%00") {
        Some("path")
    } else if req.query_string().contains("%00") {
        Some("query")
    } else {
        None
    };
    if let Some(part) = part {
        let refusal = ApiError::BadParameter {
            parameter: part.into(),
            message: format!("the {part} must not contain a NUL character (%00)"),
        };
        return Ok(req
            .into_response(refusal.error_response())
            .map_into_right_body());
    }
    Ok(next.call(req).await?.map_into_left_body())
}

/// The longest request target (path and query string) served. No route, filter set or search
/// needs more, and long queries cost the search work; the HTTP parser itself refuses targets
/// over 64 KiB before any of our code runs, with a bare 400.
pub const MAX_URI_BYTES: usize = 16 * 1024;

/// Middleware on the whole app: a request target longer than [`MAX_URI_BYTES`] is refused with
/// 414, as problem+json under `/api/` and as a short page elsewhere, saying the limit.
pub async fn refuse_long_uri(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let length = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if length <= MAX_URI_BYTES {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    let refusal = if req.path().starts_with("/api/") {
        ApiError::UriTooLong {
            length,
            limit: MAX_URI_BYTES,
        }
        .error_response()
    } else {
        HttpResponse::build(StatusCode::URI_TOO_LONG)
            .content_type("text/html; charset=utf-8")
            .body(format!(
                "<!doctype html><html lang=\"da\"><meta charset=\"utf-8\">\
                 <title>Adressen er for lang</title><h1>Adressen er for lang</h1>\
                 <p>En adresse må højst være {MAX_URI_BYTES} tegn lang; denne er {length}. \
                 Søg med færre ord eller filtre.</p></html>"
            ))
    };
    Ok(req.into_response(refusal).map_into_right_body())
}
