//! Storage for the catalogue on SQLite (embedded default) and PostgreSQL (production), from one
//! diesel codebase. The database is the source of truth: every entry change writes a full
//! revision and an outbox row for the search index in the same transaction.
//!
//! Error policy: model functions return `diesel::QueryResult`; [`StorageError`] covers
//! connecting, migrating, undecodable stored documents and guarded writes that lost a race.

pub mod connection;
pub mod error;
pub mod models;
pub mod schema;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use connection::{Backend, Database, DatabaseUrl, DbConnection, PoolUse};
pub use error::StorageError;
