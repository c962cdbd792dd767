//! Error policy for the web pages: a handler's failure is a [`WebError`]; [`crate::site::respond`]
//! turns it into an HTML page in the page's language with the right status, in one place. Server
//! errors log their cause chain there, once; the person sees a short apology, never the cause.
//! A database that cannot be reached is 503 with `Retry-After`, as in the API: the outage is
//! temporary, and a crawler or a person should come back rather than take the page as broken.

use actix_web::http::StatusCode;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// No public page at this address (including entries that exist but are not published).
    #[error("no such page")]
    NotFound,
    #[error(transparent)]
    Storage(#[from] aikatalog_storage::StorageError),
    #[error(transparent)]
    Search(#[from] aikatalog_search::SearchError),
    #[error("a page template failed: {0}")]
    Template(#[from] askama::Error),
    #[error("the blocking pool is gone: {0}")]
    Blocking(#[from] actix_web::error::BlockingError),
    #[error("a cookie cannot be set: {0}")]
    Cookie(String),
}

impl From<diesel::result::Error> for WebError {
    fn from(e: diesel::result::Error) -> Self {
        WebError::Storage(e.into())
    }
}

impl WebError {
    /// The database cannot be reached (down, refusing connections, or no pooled connection
    /// free within the pool's timeout).
    pub fn database_unavailable(&self) -> bool {
        matches!(
            self,
            WebError::Storage(aikatalog_storage::StorageError::Unreachable { .. })
        )
    }

    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            e if e.database_unavailable() => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Storage(_)
            | WebError::Search(_)
            | WebError::Template(_)
            | WebError::Blocking(_)
            | WebError::Cookie(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}
