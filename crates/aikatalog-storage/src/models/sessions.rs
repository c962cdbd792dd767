//! Browser sessions of signed-in editors and curators. They live in the database, not in a
//! server's memory, because several servers share one database and any of them may answer the
//! next request.
//!
//! The session id is a secret the browser holds in a cookie; only its SHA-256 is stored
//! ([`hash_id`]), so reading this table signs nobody in. Every function here takes the raw id and
//! hashes it itself, so no caller can store or look up an unhashed one by mistake.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::DbConnection;
use crate::schema::sessions;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Insertable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id_hash: String,
    pub subject: String,
    pub issuer: String,
    pub display_name: String,
    /// `editor` or `curator`.
    pub role: String,
    pub org_code: Option<String>,
    /// The token every state-changing form of this session must carry.
    pub csrf_token: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    /// The absolute end, however active the session is.
    pub expires_at: NaiveDateTime,
}

/// Who a new session is for, as the identity provider (or the development sign-in) said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub subject: String,
    pub issuer: String,
    pub display_name: String,
    pub role: String,
    pub org_code: Option<String>,
    pub csrf_token: String,
}

impl SessionRow {
    /// Whether the session has ended at `now`: past its absolute end, or unused for longer than
    /// `idle`.
    pub fn has_expired(&self, now: NaiveDateTime, idle: TimeDelta) -> bool {
        now >= self.expires_at || now - self.last_seen_at >= idle
    }
}

/// The stored form of a session id: its SHA-256 in hex.
pub fn hash_id(raw_id: &str) -> String {
    hex::encode(Sha256::digest(raw_id.as_bytes()))
}

/// Stores a new session under `raw_id`, ending at `now + absolute` at the latest.
pub fn create(
    conn: &mut DbConnection,
    raw_id: &str,
    new: NewSession,
    now: NaiveDateTime,
    absolute: TimeDelta,
) -> QueryResult<SessionRow> {
    let row = SessionRow {
        id_hash: hash_id(raw_id),
        subject: new.subject,
        issuer: new.issuer,
        display_name: new.display_name,
        role: new.role,
        org_code: new.org_code,
        csrf_token: new.csrf_token,
        created_at: now,
        last_seen_at: now,
        expires_at: now + absolute,
    };
    diesel::insert_into(sessions::table)
        .values(&row)
        .execute(conn)?;
    Ok(row)
}

/// The session stored under `raw_id`, expired or not (the caller decides with
/// [`SessionRow::has_expired`]).
pub fn find(conn: &mut DbConnection, raw_id: &str) -> QueryResult<Option<SessionRow>> {
    sessions::table.find(hash_id(raw_id)).first(conn).optional()
}

/// Records that the session was used at `now`, which restarts its idle time-out.
pub fn touch(conn: &mut DbConnection, raw_id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(sessions::table.find(hash_id(raw_id)))
        .set(sessions::last_seen_at.eq(now))
        .execute(conn)?;
    Ok(())
}

/// Ends a session; whether there was one.
pub fn delete(conn: &mut DbConnection, raw_id: &str) -> QueryResult<bool> {
    Ok(diesel::delete(sessions::table.find(hash_id(raw_id))).execute(conn)? > 0)
}

/// Removes every session that has ended at `now`; how many.
pub fn delete_expired(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    idle: TimeDelta,
) -> QueryResult<usize> {
    diesel::delete(
        sessions::table.filter(
            sessions::expires_at
                .le(now)
                .or(sessions::last_seen_at.le(now - idle)),
        ),
    )
    .execute(conn)
}
