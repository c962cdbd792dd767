//! Sign-ins under way at the identity provider (OpenID Connect): the state, PKCE verifier, nonce
//! and return path the callback checks. Stored server-side, keyed by the SHA-256 of a random id
//! the browser holds in a short-lived cookie, and used once.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::sessions::hash_id;
use crate::DbConnection;
use crate::schema::sign_in_attempts;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Insertable)]
#[diesel(table_name = sign_in_attempts)]
pub struct AttemptRow {
    pub id_hash: String,
    pub csrf_state: String,
    pub pkce_verifier: String,
    pub nonce: String,
    pub return_to: String,
    pub created_at: NaiveDateTime,
}

/// What a new attempt must remember.
#[derive(Debug, Clone)]
pub struct NewAttempt {
    pub csrf_state: String,
    pub pkce_verifier: String,
    pub nonce: String,
    pub return_to: String,
}

/// Stores an attempt under `raw_id`, sweeping those older than `max_age`.
pub fn create(
    conn: &mut DbConnection,
    raw_id: &str,
    new: NewAttempt,
    now: NaiveDateTime,
    max_age: TimeDelta,
) -> QueryResult<()> {
    diesel::delete(sign_in_attempts::table.filter(sign_in_attempts::created_at.le(now - max_age)))
        .execute(conn)?;
    diesel::insert_into(sign_in_attempts::table)
        .values(AttemptRow {
            id_hash: hash_id(raw_id),
            csrf_state: new.csrf_state,
            pkce_verifier: new.pkce_verifier,
            nonce: new.nonce,
            return_to: new.return_to,
            created_at: now,
        })
        .execute(conn)?;
    Ok(())
}

/// Removes and returns the attempt `raw_id` names, if it is younger than `max_age`: an attempt
/// is good for one callback only.
pub fn take(
    conn: &mut DbConnection,
    raw_id: &str,
    now: NaiveDateTime,
    max_age: TimeDelta,
) -> QueryResult<Option<AttemptRow>> {
    let key = hash_id(raw_id);
    let row: Option<AttemptRow> = sign_in_attempts::table.find(&key).first(conn).optional()?;
    diesel::delete(sign_in_attempts::table.find(&key)).execute(conn)?;
    Ok(row.filter(|r| now - r.created_at < max_age))
}
