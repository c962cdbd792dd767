//! Error policy for the web pages: a handler's failure is a [`WebError`]; [`crate::site::respond`]
//! turns it into an HTML page in the page's language with the right status, in one place. Server
//! errors log their cause chain there, once; the person sees a short apology, never the cause.
//! A database that cannot be reached is 503 with `Retry-After`, as in the API: the outage is
//! temporary, and a crawler or a person should come back rather than take the page as broken.
//!
//! A search query over a limit, or one that ran out of time, is told to the person as it is.

use std::time::Duration;

use actix_web::http::StatusCode;
use aikatalog_search::{QueryRejected, SearchError};

use crate::lang::Lang;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// No public page at this address (including entries that exist but are not published).
    #[error("no such page")]
    NotFound,
    #[error(transparent)]
    Storage(#[from] aikatalog_storage::StorageError),
    #[error(transparent)]
    Search(aikatalog_search::SearchError),
    /// The search query is over one of the search's limits.
    #[error(transparent)]
    QueryRejected(QueryRejected),
    #[error("the search took longer than {} ms", .0.as_millis())]
    SearchTimedOut(Duration),
    #[error("a page template failed: {0}")]
    Template(#[from] askama::Error),
    #[error("the blocking pool is gone: {0}")]
    Blocking(#[from] actix_web::error::BlockingError),
    #[error("a cookie cannot be set: {0}")]
    Cookie(String),
}

impl From<SearchError> for WebError {
    fn from(e: SearchError) -> Self {
        match e {
            SearchError::Rejected(r) => WebError::QueryRejected(r),
            SearchError::TimedOut(budget) => WebError::SearchTimedOut(budget),
            other => WebError::Search(other),
        }
    }
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
            WebError::QueryRejected(_) => StatusCode::BAD_REQUEST,
            WebError::SearchTimedOut(_) => StatusCode::SERVICE_UNAVAILABLE,
            e if e.database_unavailable() => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Storage(_)
            | WebError::Search(_)
            | WebError::Template(_)
            | WebError::Blocking(_)
            | WebError::Cookie(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// What a person reads when their search could not run: which limit the query is over, or that
/// it took too long. `None` for other errors.
pub fn search_problem(err: &WebError, lang: Lang) -> Option<String> {
    Some(match (err, lang) {
        (WebError::QueryRejected(QueryRejected::TooLong { chars, max }), Lang::Da) => {
            format!("Søgningen har {chars} tegn; der må højst være {max}.")
        }
        (WebError::QueryRejected(QueryRejected::TooManyTerms { terms, max }), Lang::Da) => {
            format!("Søgningen har {terms} ord; der må højst være {max}.")
        }
        (WebError::QueryRejected(QueryRejected::TooManyClauses { clauses, max }), Lang::Da) => {
            format!(
                "Søgningen har {clauses} dele (ord, fraser, OR-grupper og udeladte ord); der må højst være {max}."
            )
        }
        (WebError::SearchTimedOut(_), Lang::Da) => {
            "Søgningen tog for lang tid og blev stoppet. Prøv med færre eller mere præcise ord."
                .to_owned()
        }
        (WebError::QueryRejected(QueryRejected::TooLong { chars, max }), Lang::En) => {
            format!("The search has {chars} characters; at most {max} are allowed.")
        }
        (WebError::QueryRejected(QueryRejected::TooManyTerms { terms, max }), Lang::En) => {
            format!("The search has {terms} words; at most {max} are allowed.")
        }
        (WebError::QueryRejected(QueryRejected::TooManyClauses { clauses, max }), Lang::En) => {
            format!(
                "The search has {clauses} parts (words, phrases, OR groups and excluded words); at most {max} are allowed."
            )
        }
        (WebError::SearchTimedOut(_), Lang::En) => {
            "The search took too long and was stopped. Try fewer or more specific words.".to_owned()
        }
        _ => return None,
    })
}
