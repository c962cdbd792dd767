//! A request id on every request: the client's `X-Request-Id` when it is sane (1 to 128 letters,
//! digits and `-_.:`), else a new UUIDv7. It is echoed in the response header, every log line of
//! the request runs inside a span that carries it, and problem+json bodies name it
//! ([`current`]), so a municipal user's error report leads straight to the log lines.
//!
//! This middleware is the outermost. Error bodies are built inside it (handlers' errors and the
//! API's middleware refusals become responses where they arise), so they can name the id; an
//! error that passes out of the app as `Err` is answered by actix without it.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::Instrument;

pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");
const MAX_LEN: usize = 128;

tokio::task_local! {
    static CURRENT: String;
}

/// The id of the request being handled, when called from its handling.
pub fn current() -> Option<String> {
    CURRENT.try_with(Clone::clone).ok()
}

/// The client's id if it is safe to log and echo.
fn sane(value: &HeaderValue) -> Option<String> {
    let s = value.to_str().ok()?;
    let ok = (1..=MAX_LEN).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'));
    ok.then(|| s.to_owned())
}

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let id = req
        .headers()
        .get(&HEADER)
        .and_then(sane)
        .unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    // The path without its query string: queries can hold what a person typed.
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        http.method = %req.method(),
        http.path = %req.path(),
    );
    let started = Instant::now();
    let mut res = CURRENT
        .scope(
            id.clone(),
            async move {
                let res = next.call(req).await;
                let status = match &res {
                    Ok(res) => res.status(),
                    Err(e) => e.as_response_error().status_code(),
                };
                tracing::info!(
                    target: "aikatalog::http",
                    status = status.as_u16(),
                    duration_ms = started.elapsed().as_millis() as u64,
                    "request handled"
                );
                res
            }
            .instrument(span),
        )
        .await?
        .map_into_boxed_body();
    if let Ok(value) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(HEADER, value);
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_short_plain_ids_are_taken_from_the_client() {
        let ok = |s: &str| sane(&HeaderValue::from_str(s).expect("a header value")).is_some();
        assert!(ok("abc-123_x.y:z"));
        assert!(ok(&"a".repeat(128)));
        assert!(!ok(""));
        assert!(!ok(&"a".repeat(129)));
        assert!(!ok("two words"));
        assert!(!ok("<script>"));
        assert!(!ok("a\"b"));
    }
}
