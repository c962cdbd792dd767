//! The HTTP error policy, in one place: every failure is an RFC 9457 problem+json body with a
//! stable snake_case `code`. Internal causes are logged here, once, and never sent to clients.

use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, ResponseError};
use aikatalog_domain::{FieldError, FieldErrors};
use aikatalog_storage::StorageError;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{what} `{key}` does not exist")]
    NotFound { what: &'static str, key: String },
    /// A query for one row found none: the record went away while the request was handled.
    #[error("the requested record does not exist")]
    NoRecord,
    #[error("no route answers {0}")]
    NoRoute(String),
    #[error("{message}")]
    BadParameter { parameter: String, message: String },
    #[error("{}", .0.as_deref().unwrap_or("a bearer token is required"))]
    Unauthorized(Option<String>),
    #[error("{0}")]
    Forbidden(String),
    #[error("the document has {} invalid field(s)", .0.0.len())]
    Invalid(FieldErrors),
    /// The AI Act registration information (Annex VIII, section C) lacks what `errors` lists.
    #[error(
        "the registration information of Annex VIII, section C is incomplete: {} item(s) missing",
        .0.0.len()
    )]
    RegistrationIncomplete(FieldErrors),
    #[error("the body is not valid JSON: {0}")]
    MalformedJson(String),
    #[error("the body is larger than the {0} bytes allowed")]
    TooLarge(usize),
    #[error(
        "the body must be JSON, sent with Content-Type: application/json \
         (application/merge-patch+json for a merge patch)"
    )]
    UnsupportedMediaType,
    #[error(
        "the request target (path and query string) is {length} bytes long; at most {limit} are \
         allowed"
    )]
    UriTooLong { length: usize, limit: usize },
    #[error("this change needs an If-Match header with the current ETag, as a GET returns it")]
    PreconditionRequired,
    #[error("the {what} has changed since it was read: it is now at revision {current}")]
    PreconditionFailed { what: &'static str, current: i64 },
    #[error(
        "{what} `{key}` does not exist, so If-Match cannot match; send no If-Match to create it"
    )]
    NothingToMatch { what: &'static str, key: String },
    #[error("{0}")]
    Conflict(String),
    #[error("organisation {0} owns this entry; an organisation does not adopt its own entry")]
    SelfAdoption(String),
    /// A suggested correction that was closed already (perhaps by someone else meanwhile).
    #[error("this suggestion is already closed")]
    AlreadyClosed,
    /// `q` is over one of the search's limits; the detail names the limit.
    #[error(transparent)]
    QueryRejected(aikatalog_search::QueryRejected),
    #[error(
        "the search took longer than the {} ms allowed; try fewer or more specific words",
        .0.as_millis()
    )]
    SearchTimedOut(std::time::Duration),
    #[error("the database is unavailable")]
    Unavailable(#[source] StorageError),
    /// A readiness check failed: the message says which.
    #[error("{0}")]
    NotReady(String),
    #[error("too many requests from this client; try again in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

/// The problem details body (RFC 9457).
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(example = json!({
    "type": "https://aikatalog.dk/problems/validation_failed",
    "title": "Validation failed",
    "status": 422,
    "detail": "the document has 1 invalid field(s)",
    "code": "validation_failed",
    "errors": [{"field": "results[2].unit", "code": "length", "message": "must have a length between 1 and 60"}]
}))]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: &'static str,
    pub status: u16,
    pub detail: String,
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// For `validation_failed`: every invalid field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// The request's id (also in the `X-Request-Id` header): quote it when reporting a problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// A query-string or path parameter that is malformed, named so the caller can fix it.
pub fn bad_parameter(parameter: &str, message: String) -> ApiError {
    ApiError::BadParameter {
        parameter: parameter.into(),
        message,
    }
}

/// A parameter that must be a whole number.
pub fn whole_number(key: &str, value: &str) -> Result<i64, ApiError> {
    value
        .parse()
        .map_err(|_| bad_parameter(key, format!("{key} must be a whole number, got `{value}`")))
}

impl ApiError {
    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            ApiError::NotFound { .. } | ApiError::NoRecord => {
                (StatusCode::NOT_FOUND, "not_found", "Not found")
            }
            ApiError::NoRoute(_) => (StatusCode::NOT_FOUND, "no_route", "Not found"),
            ApiError::BadParameter { .. } => (
                StatusCode::BAD_REQUEST,
                "invalid_parameter",
                "Invalid parameter",
            ),
            ApiError::Unauthorized(None) => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "Authentication required",
            ),
            ApiError::Unauthorized(Some(_)) => {
                (StatusCode::UNAUTHORIZED, "invalid_token", "Invalid token")
            }
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", "Forbidden"),
            ApiError::Invalid(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                "Validation failed",
            ),
            ApiError::RegistrationIncomplete(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "registration_incomplete",
                "Registration information incomplete",
            ),
            ApiError::MalformedJson(_) => {
                (StatusCode::BAD_REQUEST, "malformed_json", "Malformed JSON")
            }
            ApiError::TooLarge(_) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "Payload too large",
            ),
            ApiError::UriTooLong { .. } => {
                (StatusCode::URI_TOO_LONG, "uri_too_long", "URI too long")
            }
            ApiError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Unsupported media type",
            ),
            ApiError::PreconditionRequired => (
                StatusCode::PRECONDITION_REQUIRED,
                "if_match_required",
                "Precondition required",
            ),
            ApiError::PreconditionFailed { .. } | ApiError::NothingToMatch { .. } => (
                StatusCode::PRECONDITION_FAILED,
                "stale_etag",
                "Precondition failed",
            ),
            ApiError::Conflict(_) => (StatusCode::CONFLICT, "invalid_transition", "Conflict"),
            ApiError::SelfAdoption(_) => (StatusCode::CONFLICT, "self_adoption", "Conflict"),
            ApiError::AlreadyClosed => (StatusCode::CONFLICT, "already_closed", "Conflict"),
            ApiError::QueryRejected(r) => (
                StatusCode::BAD_REQUEST,
                r.code(),
                match r {
                    aikatalog_search::QueryRejected::TooLong { .. } => "Query too long",
                    _ => "Query too complex",
                },
            ),
            ApiError::SearchTimedOut(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "search_timed_out",
                "Service unavailable",
            ),
            ApiError::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "database_unavailable",
                "Service unavailable",
            ),
            ApiError::NotReady(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "not_ready",
                "Service unavailable",
            ),
            ApiError::RateLimited { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many requests",
            ),
            ApiError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                "Internal server error",
            ),
        }
    }
}

impl From<StorageError> for ApiError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::Unreachable { .. } => ApiError::Unavailable(e),
            // Another writer saved after this request read the record: the same answer as a
            // stale `If-Match`, naming the revision that is at least current now.
            StorageError::LostRace { what, read } => ApiError::PreconditionFailed {
                what,
                current: read + 1,
            },
            StorageError::Query(e) => e.into(),
            other => ApiError::Internal(other.into()),
        }
    }
}

/// The publishing service's refusals, each as the API has always answered it.
impl From<aikatalog_publishing::PublishError> for ApiError {
    fn from(e: aikatalog_publishing::PublishError) -> Self {
        use aikatalog_publishing::PublishError;
        match e {
            PublishError::NotFound { what, key } | PublishError::OthersDraft { what, key } => {
                ApiError::NotFound { what, key }
            }
            PublishError::Forbidden(why) => ApiError::Forbidden(why),
            PublishError::Invalid(errors) => ApiError::Invalid(errors),
            PublishError::RevisionRequired => ApiError::PreconditionRequired,
            PublishError::Stale { what, current } => ApiError::PreconditionFailed { what, current },
            PublishError::Refused(why) => ApiError::Conflict(why),
            PublishError::SelfAdoption(owner) => ApiError::SelfAdoption(owner),
            PublishError::Storage(e) => e.into(),
        }
    }
}

impl From<aikatalog_search::SearchError> for ApiError {
    fn from(e: aikatalog_search::SearchError) -> Self {
        use aikatalog_search::SearchError;
        match e {
            SearchError::Rejected(r) => ApiError::QueryRejected(r),
            SearchError::TimedOut(budget) => ApiError::SearchTimedOut(budget),
            other => ApiError::Internal(other.into()),
        }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => ApiError::NoRecord,
            other => ApiError::Internal(other.into()),
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        ApiError::Internal(anyhow::anyhow!("blocking task failed: {e}"))
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.parts().0
    }

    fn error_response(&self) -> HttpResponse {
        let (status, code, title) = self.parts();
        if let ApiError::NotReady(why) = self {
            // A state the load balancer polls for while the server starts or catches up, not a
            // failed request: a warning, not an error on every poll.
            tracing::warn!(error.code = code, reason = %why, "not ready");
        } else if status.is_server_error() {
            tracing::error!(error.code = code, error.cause = ?anyhow_chain(self), "request failed");
        }
        let parameter = match self {
            ApiError::BadParameter { parameter, .. } => Some(parameter.clone()),
            ApiError::QueryRejected(_) => Some("q".to_owned()),
            _ => None,
        };
        let body = Problem {
            kind: format!("https://aikatalog.dk/problems/{code}"),
            title,
            status: status.as_u16(),
            detail: self.to_string(),
            code,
            parameter,
            errors: match self {
                ApiError::Invalid(errors) | ApiError::RegistrationIncomplete(errors) => {
                    errors.0.clone()
                }
                _ => Vec::new(),
            },
            request_id: crate::ops::request_id::current(),
        };
        let mut response = HttpResponse::build(status);
        if let ApiError::Unauthorized(reason) = self {
            // RFC 6750: tell the client how to authenticate, and why its token failed.
            let challenge = match reason {
                None => r#"Bearer realm="aikatalog""#.to_owned(),
                Some(r) => format!(
                    r#"Bearer realm="aikatalog", error="invalid_token", error_description="{}""#,
                    r.replace('"', "'")
                ),
            };
            response.insert_header((actix_web::http::header::WWW_AUTHENTICATE, challenge));
        }
        if let ApiError::RateLimited { retry_after_secs } = self {
            response.insert_header((actix_web::http::header::RETRY_AFTER, *retry_after_secs));
        }
        response
            .insert_header(ContentType(
                "application/problem+json".parse().unwrap_or(mime_json()),
            ))
            .json(body)
    }
}

fn mime_json() -> actix_web::mime::Mime {
    actix_web::mime::APPLICATION_JSON
}

/// The full cause chain, for logs only.
fn anyhow_chain(e: &ApiError) -> String {
    let mut out = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status_and_code(e: impl Into<ApiError>) -> (u16, &'static str) {
        let (status, code, _) = e.into().parts();
        (status.as_u16(), code)
    }

    #[test]
    fn a_lost_race_is_a_stale_etag_naming_the_newer_revision() {
        let e = ApiError::from(StorageError::LostRace {
            what: "entry",
            read: 4,
        });
        assert!(
            matches!(
                e,
                ApiError::PreconditionFailed {
                    what: "entry",
                    current: 5
                }
            ),
            "{e:?}"
        );
        assert_eq!(status_and_code(e), (412, "stale_etag"));
    }

    #[test]
    fn a_missing_row_is_not_found_not_an_internal_error() {
        assert_eq!(
            status_and_code(diesel::result::Error::NotFound),
            (404, "not_found")
        );
        assert_eq!(
            status_and_code(StorageError::Query(diesel::result::Error::NotFound)),
            (404, "not_found")
        );
        assert_eq!(
            status_and_code(diesel::result::Error::RollbackTransaction),
            (500, "internal_error")
        );
    }

    #[test]
    fn self_adoption_has_its_own_code() {
        assert_eq!(
            status_and_code(ApiError::SelfAdoption("540".into())),
            (409, "self_adoption")
        );
    }
}
