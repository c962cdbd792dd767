//! Reading JSON request bodies: the size limit, the content types, and problem+json for a body
//! that cannot be read. Entry documents are then read and checked by the publishing service
//! (through `aikatalog_domain::document`, the same function the importer reads seed files
//! with, so a mistake gets the same code from both).

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::JsonPayloadError;
use actix_web::{FromRequest, HttpMessage, HttpRequest, mime, web};
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// The largest request body accepted.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// Whether a body of this type is read as JSON: `application/json` and `+json` types such as
/// `application/merge-patch+json`.
fn is_json(mime: &mime::Mime) -> bool {
    mime.subtype() == "json" || mime.suffix().is_some_and(|s| s == "json")
}

/// JSON body settings: size limit, JSON and merge-patch content types, problem+json errors.
/// A body must say it is JSON: one sent as a form or as text is refused with 415 rather than
/// read as JSON (issue 16, defect 10), so a cross-site form post cannot pass for an API call.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(MAX_BODY_BYTES)
        .content_type(|m| is_json(&m))
        .content_type_required(true)
        .error_handler(|err, _req| {
            match err {
                JsonPayloadError::Overflow { .. }
                | JsonPayloadError::OverflowKnownLength { .. } => {
                    ApiError::TooLarge(MAX_BODY_BYTES)
                }
                JsonPayloadError::ContentType => ApiError::UnsupportedMediaType,
                JsonPayloadError::Deserialize(e) => ApiError::MalformedJson(e.to_string()),
                other => ApiError::MalformedJson(other.to_string()),
            }
            .into()
        })
}

/// An optional JSON body (a transition's note): none when the body is empty; otherwise the same
/// rules as `web::Json` under [`json_config`] (a JSON content type, at most
/// [`MAX_BODY_BYTES`]). `Option<web::Json<T>>` would instead ignore a body it cannot read.
pub struct OptionalJson<T>(pub Option<T>);

impl<T: DeserializeOwned + 'static> FromRequest for OptionalJson<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = matches!(req.mime_type(), Ok(Some(m)) if is_json(&m));
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let body = body.await.map_err(|_| ApiError::TooLarge(MAX_BODY_BYTES))?;
            if body.is_empty() {
                return Ok(Self(None));
            }
            if !json {
                return Err(ApiError::UnsupportedMediaType.into());
            }
            serde_json::from_slice(&body)
                .map(|v| Self(Some(v)))
                .map_err(|e| ApiError::MalformedJson(e.to_string()).into())
        })
    }
}
