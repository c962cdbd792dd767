//! Review reminder e-mails, one row per (entry, review date, kind), so the same reminder is
//! never queued twice. Several servers may share the database and run the reminder job at once:
//! a server sends a reminder only after winning a guarded update that moves it from `pending`
//! to `sending` (with a lease), committed before anything is sent; the other servers' updates
//! match no row. After the send the row is `sent`; a failed send returns it to `pending` with a
//! later `next_attempt_at`. A server that stops between claiming and marking leaves a `sending`
//! row whose lease runs out; it is then claimable again.

use aikatalog_domain::ReviewState;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::DbConnection;
use crate::schema::review_reminders;

/// Where a reminder stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderStatus {
    /// Waiting to be sent (again, after a failure).
    Pending,
    /// Claimed by a server, which is sending it.
    Sending,
    Sent,
    /// Neither the entry nor its owner names an e-mail address.
    NoRecipient,
    /// The entry is no longer public, or its review date changed before the reminder went out.
    Obsolete,
}

impl ReminderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::NoRecipient => "no_recipient",
            Self::Obsolete => "obsolete",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Queryable)]
#[diesel(table_name = review_reminders)]
pub struct ReminderRow {
    pub entry_id: String,
    pub review_on: NaiveDate,
    pub kind: String,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: NaiveDateTime,
    pub claimed_by: Option<String>,
    pub claimed_until: Option<NaiveDateTime>,
    pub recipient: Option<String>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

impl ReminderRow {
    pub fn kind(&self) -> Option<ReviewState> {
        ReviewState::parse(&self.kind)
    }
}

/// A reminder's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderKey {
    pub entry_id: String,
    pub review_on: NaiveDate,
    pub kind: ReviewState,
}

macro_rules! by_key {
    ($key:expr) => {
        review_reminders::table
            .filter(review_reminders::entry_id.eq(&$key.entry_id))
            .filter(review_reminders::review_on.eq($key.review_on))
            .filter(review_reminders::kind.eq($key.kind.as_str()))
    };
}

/// Queues a reminder unless it already exists; `true` when this call queued it. Run it in a
/// transaction of its own: when another server queues the same reminder at the same moment, the
/// primary key refuses the second insert, which is reported as `false`, not as an error.
pub fn queue(conn: &mut DbConnection, key: &ReminderKey, now: NaiveDateTime) -> QueryResult<bool> {
    let exists = diesel::select(diesel::dsl::exists(by_key!(key))).get_result::<bool>(conn)?;
    if exists {
        return Ok(false);
    }
    let inserted = diesel::insert_into(review_reminders::table)
        .values((
            review_reminders::entry_id.eq(&key.entry_id),
            review_reminders::review_on.eq(key.review_on),
            review_reminders::kind.eq(key.kind.as_str()),
            review_reminders::status.eq(ReminderStatus::Pending.as_str()),
            review_reminders::attempts.eq(0),
            review_reminders::next_attempt_at.eq(now),
            review_reminders::created_at.eq(now),
        ))
        .execute(conn);
    match inserted {
        Ok(n) => Ok(n == 1),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Reminders ready to be claimed at `now`: pending and due for an attempt, or claimed by a
/// server whose lease ran out. Oldest first.
pub fn claimable(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<ReminderRow>> {
    review_reminders::table
        .filter(
            review_reminders::status
                .eq(ReminderStatus::Pending.as_str())
                .and(review_reminders::next_attempt_at.le(now))
                .or(review_reminders::status
                    .eq(ReminderStatus::Sending.as_str())
                    .and(review_reminders::claimed_until.lt(now))),
        )
        .order((
            review_reminders::next_attempt_at,
            review_reminders::entry_id,
        ))
        .limit(limit)
        .load(conn)
}

/// Claims a reminder for `worker` until `lease_until`: `true` when this worker won it. The
/// update is guarded by the state [`claimable`] saw, so of several servers exactly one wins.
pub fn claim(
    conn: &mut DbConnection,
    key: &ReminderKey,
    worker: &str,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
) -> QueryResult<bool> {
    let claimable_now = review_reminders::status
        .eq(ReminderStatus::Pending.as_str())
        .and(review_reminders::next_attempt_at.le(now))
        .or(review_reminders::status
            .eq(ReminderStatus::Sending.as_str())
            .and(review_reminders::claimed_until.lt(now)));
    let updated = diesel::update(by_key!(key).filter(claimable_now))
        .set((
            review_reminders::status.eq(ReminderStatus::Sending.as_str()),
            review_reminders::claimed_by.eq(worker),
            review_reminders::claimed_until.eq(lease_until),
        ))
        .execute(conn)?;
    Ok(updated == 1)
}

/// How a claimed reminder ended.
#[derive(Debug, Clone)]
pub enum Outcome {
    Sent {
        recipient: String,
    },
    /// Not sent, and not to be: no address, or nothing to remind of any more.
    Dropped(ReminderStatus),
    /// The send failed; try again at `retry_at`.
    Failed {
        error: String,
        retry_at: NaiveDateTime,
    },
}

/// Records how `worker`'s claimed reminder ended; `false` when the claim was no longer its own
/// (its lease ran out and another server took it over).
pub fn finish(
    conn: &mut DbConnection,
    key: &ReminderKey,
    worker: &str,
    outcome: Outcome,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let mine = by_key!(key)
        .filter(review_reminders::status.eq(ReminderStatus::Sending.as_str()))
        .filter(review_reminders::claimed_by.eq(worker));
    let updated = match outcome {
        Outcome::Sent { recipient } => diesel::update(mine)
            .set((
                review_reminders::status.eq(ReminderStatus::Sent.as_str()),
                review_reminders::recipient.eq(recipient),
                review_reminders::sent_at.eq(now),
                review_reminders::attempts.eq(review_reminders::attempts + 1),
                review_reminders::claimed_until.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?,
        Outcome::Dropped(status) => diesel::update(mine)
            .set((
                review_reminders::status.eq(status.as_str()),
                review_reminders::claimed_until.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?,
        Outcome::Failed { error, retry_at } => diesel::update(mine)
            .set((
                review_reminders::status.eq(ReminderStatus::Pending.as_str()),
                review_reminders::attempts.eq(review_reminders::attempts + 1),
                review_reminders::next_attempt_at.eq(retry_at),
                review_reminders::last_error.eq(error),
                review_reminders::claimed_by.eq(None::<String>),
                review_reminders::claimed_until.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?,
    };
    Ok(updated == 1)
}

/// Every reminder about one entry, for tests and inspection.
pub fn of_entry(conn: &mut DbConnection, entry_id: &str) -> QueryResult<Vec<ReminderRow>> {
    review_reminders::table
        .filter(review_reminders::entry_id.eq(entry_id))
        .order((review_reminders::review_on, review_reminders::kind))
        .load(conn)
}

/// The entry a reminder is about.
pub fn entry_of(
    conn: &mut DbConnection,
    entry_id: &str,
) -> QueryResult<Option<super::entries::EntryRow>> {
    crate::schema::entries::table
        .find(entry_id)
        .first(conn)
        .optional()
}
