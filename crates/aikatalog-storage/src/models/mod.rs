//! Models own their queries. Each returns `diesel::QueryResult`, so callers convert with `?`;
//! the guarded writes (`entries::save`, the `reference_records` syncs) return a
//! [`StorageError`](crate::StorageError), whose `LostRace` says another writer saved first.

pub mod adoptions;
pub mod ai_act;
pub mod bulk_entries;
pub mod corrections;
pub mod document_upgrades;
pub mod entries;
pub mod outbox;
pub mod popular_searches;
pub mod reference_history;
pub mod reference_records;
pub mod reference_set;
pub mod reminders;
pub mod reviews;
pub mod revisions;
pub mod sessions;
pub mod sign_in_attempts;
pub mod site_keys;
pub mod statistics;

/// What a sync of one record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncOutcome {
    Created,
    Updated,
    Unchanged,
}

/// The current time, as every timestamp the catalogue stores: UTC, generated in Rust so both
/// backends store the same value.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}
