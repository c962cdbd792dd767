//! Secrets every server on this database shares, made on first use: e.g. the key the public
//! correction form's tokens are signed with, so a form one server rendered is accepted by
//! another. They guard against bots, not against whoever can read the database.

use diesel::prelude::*;

use super::now;
use crate::DbConnection;
use crate::schema::site_keys;

/// The secret stored under `name`, stored first as `fresh()` when there is none. Two servers
/// starting at once may both try to store one; the loser reads the winner's.
pub fn get_or_create(
    conn: &mut DbConnection,
    name: &str,
    fresh: impl FnOnce() -> String,
) -> QueryResult<String> {
    let read = |conn: &mut DbConnection| {
        site_keys::table
            .find(name)
            .select(site_keys::secret)
            .first::<String>(conn)
            .optional()
    };
    if let Some(secret) = read(conn)? {
        return Ok(secret);
    }
    // In a savepoint: on PostgreSQL a failed statement spoils the rest of its transaction.
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(site_keys::table)
            .values((
                site_keys::name.eq(name),
                site_keys::secret.eq(fresh()),
                site_keys::created_at.eq(now()),
            ))
            .execute(conn)
    });
    match inserted {
        Ok(_)
        | Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => read(conn)?.ok_or(diesel::result::Error::NotFound),
        Err(e) => Err(e),
    }
}
