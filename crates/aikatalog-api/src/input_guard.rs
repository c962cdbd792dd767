//! Checks on the request line that no route should have to repeat.

use actix_web::ResponseError;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;

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
