//! What every handler can reach, the API's and the web pages' alike: built once at start by the
//! binary and passed through actix's app data. Both HTTP crates sit above this one and neither
//! depends on the other.

pub mod auth;
pub mod origin;
pub mod provider_keys;
pub mod rate_limit;

use std::sync::Arc;

use aikatalog_domain::ai_act::Questionnaire;
use aikatalog_search::SearchIndex;
use aikatalog_storage::Database;

use crate::auth::AuthConfig;
use crate::origin::PublicOrigin;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Database,
    /// How bearer tokens are verified (and signed, when this server may sign).
    pub auth: Arc<AuthConfig>,
    /// This server's search index, kept in step with `db` by the indexer.
    pub search: Arc<SearchIndex>,
    /// The scheme and host absolute links are built from.
    pub origin: PublicOrigin,
    /// The AI Act triage questionnaire asked now (the newest bundled version, checked at start).
    pub ai_act: Arc<Questionnaire>,
    /// When published entries are due for review (`AIKATALOG_REVIEW_MONTHS`).
    pub reviews: aikatalog_domain::ReviewPolicy,
}
