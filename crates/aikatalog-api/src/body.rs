//! Reading entry documents from request bodies so that one response lists every problem: the
//! body is parsed as JSON, then read and checked by `aikatalog_domain::document`, the same
//! function the importer reads seed files with, so a mistake gets the same code from both.

use actix_web::error::JsonPayloadError;
use actix_web::web;
use aikatalog_domain::validation::References;
use aikatalog_domain::{Entry, document};
use serde_json::Value;

use crate::error::ApiError;

/// The largest request body accepted.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// JSON body settings: size limit, JSON and merge-patch content types, problem+json errors.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(MAX_BODY_BYTES)
        .content_type(|mime| mime.subtype() == "json" || mime.suffix().is_some_and(|s| s == "json"))
        .content_type_required(false)
        .error_handler(|err, _req| {
            match err {
                JsonPayloadError::Overflow { .. }
                | JsonPayloadError::OverflowKnownLength { .. } => {
                    ApiError::TooLarge(MAX_BODY_BYTES)
                }
                JsonPayloadError::ContentType => {
                    ApiError::MalformedJson("the Content-Type must be application/json".into())
                }
                JsonPayloadError::Deserialize(e) => ApiError::MalformedJson(e.to_string()),
                other => ApiError::MalformedJson(other.to_string()),
            }
            .into()
        })
}

/// Reads `body` as an `E` and checks it against the domain rules; every problem found is
/// returned together, with the codes `aikatalog_domain::document` defines.
pub fn parse_document<E: Entry>(body: Value, refs: &dyn References) -> Result<E, ApiError> {
    document::read_checked(body, |doc: &E| doc.check(refs)).map_err(ApiError::Invalid)
}
