//! What every handler can reach, built once at start and passed through actix's app data.

use std::sync::Arc;

use aikatalog_search::SearchIndex;
use aikatalog_storage::Database;

use crate::auth::AuthConfig;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Database,
    pub auth: Arc<AuthConfig>,
    /// This server's search index, kept in step with `db` by the indexer.
    pub search: Arc<SearchIndex>,
}
