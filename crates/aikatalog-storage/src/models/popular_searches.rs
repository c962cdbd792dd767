//! How often each normalised query that found something was searched, for "popular searches".
//! The pages count in memory and add their counts here now and then (`aikatalog-web`'s
//! `popular.rs`); nothing about who searched or when is stored.

use diesel::prelude::*;

use crate::DbConnection;
use crate::schema::popular_searches;

/// Adds `counts` (query, searches) to the stored counts.
pub fn add(conn: &mut DbConnection, counts: &[(String, i64)]) -> QueryResult<()> {
    for (query, searches) in counts {
        // Update, else insert: an upsert (`ON CONFLICT`) is not portable through
        // `MultiConnection`. The caller's transaction makes the pair one step.
        let updated = diesel::update(popular_searches::table.find(query))
            .set(popular_searches::searches.eq(popular_searches::searches + *searches))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(popular_searches::table)
                .values((
                    popular_searches::query.eq(query),
                    popular_searches::searches.eq(*searches),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// The most searched queries searched at least `min` times, most first (ties alphabetically),
/// at most `limit`.
pub fn top(conn: &mut DbConnection, min: i64, limit: i64) -> QueryResult<Vec<String>> {
    popular_searches::table
        .filter(popular_searches::searches.ge(min))
        .order((
            popular_searches::searches.desc(),
            popular_searches::query.asc(),
        ))
        .limit(limit)
        .select(popular_searches::query)
        .load(conn)
}
