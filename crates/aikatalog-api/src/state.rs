//! What every handler can reach, built once at start and passed through actix's app data.

use aikatalog_storage::Database;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Database,
}
