//! A response of the [`crate::TestApp`], read whole.

use actix_web::body::MessageBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderMap};
use actix_web::test;
use serde_json::Value;

#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The `ETag` header, to send back in `If-Match`.
    pub etag: Option<String>,
    /// The body as text (invalid UTF-8 replaced).
    pub body: String,
    /// The body as JSON: `Null` when empty, and the body as a JSON string when it is not JSON,
    /// so a failure message shows what came instead.
    pub json: Value,
}

impl TestResponse {
    pub(crate) async fn read<B: MessageBody>(response: ServiceResponse<B>) -> Self {
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = test::read_body(response).await;
        let body = String::from_utf8_lossy(&bytes).into_owned();
        let json = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(body.clone()))
        };
        let mut reply = Self {
            status,
            headers,
            etag: None,
            body,
            json,
        };
        reply.etag = reply.header(header::ETAG.as_str()).map(str::to_owned);
        reply
    }

    /// A header's value, if present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `Content-Type`, or "" without one.
    pub fn content_type(&self) -> &str {
        self.header(header::CONTENT_TYPE.as_str()).unwrap_or("")
    }

    /// The stable `code` of a problem-details body, or "" for any other body.
    pub fn code(&self) -> &str {
        self.json["code"].as_str().unwrap_or("")
    }
}
