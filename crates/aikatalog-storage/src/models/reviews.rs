//! Review dates of the public entries. The date an entry's published document states is kept in
//! `review_dates` (written by [`set_stated`] whenever the published document changes); an entry
//! without one is due its publication date plus the policy's months. The effective date is
//! derived when read ([`ReviewPolicy::review_date`]), and selected in SQL through
//! [`ReviewPolicy::latest_publication_for`], so a change of the configured months applies to
//! every entry that states no date of its own, without rewriting anything.

use aikatalog_domain::{PublicationState, ReviewPolicy, ReviewState};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;

use super::entries::EntryRow;
use crate::DbConnection;
use crate::schema::{entries, review_dates};

/// Records the review date a newly published document states (or that it states none).
pub fn set_stated(
    conn: &mut DbConnection,
    entry_id: &str,
    stated: Option<NaiveDate>,
) -> QueryResult<()> {
    diesel::delete(review_dates::table.filter(review_dates::entry_id.eq(entry_id)))
        .execute(conn)?;
    if let Some(date) = stated {
        diesel::insert_into(review_dates::table)
            .values((
                review_dates::entry_id.eq(entry_id),
                review_dates::review_on.eq(date),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// A public entry whose review is due or overdue.
#[derive(Debug, Clone)]
pub struct DueReview {
    pub entry: EntryRow,
    pub review_on: NaiveDate,
    /// Whether the owner stated the date (else it is the policy's default).
    pub stated: bool,
    pub state: ReviewState,
}

/// Which due reviews to list.
#[derive(Debug, Clone, Default)]
pub struct DueFilter {
    /// Only entries this organisation owns; `None` for every owner.
    pub owner: Option<String>,
    /// Only due or only overdue reviews; `None` for both.
    pub state: Option<ReviewState>,
}

/// A public entry with its effective review date.
#[derive(Debug, Clone)]
pub struct Reviewed {
    pub entry: EntryRow,
    pub review_on: NaiveDate,
    pub stated: bool,
}

/// Every public entry (both kinds) whose review date is on or before `until` (every one when
/// `until` is `None`), with that date.
pub fn public_with_dates(
    conn: &mut DbConnection,
    policy: &ReviewPolicy,
    owner: Option<&str>,
    until: Option<NaiveDate>,
) -> QueryResult<Vec<Reviewed>> {
    let mut query = entries::table
        .left_join(review_dates::table)
        .filter(entries::published_document.is_not_null())
        .filter(entries::state.ne(PublicationState::Archived.as_str()))
        .select((entries::all_columns, review_dates::review_on.nullable()))
        .into_boxed();
    if let Some(owner) = owner {
        query = query.filter(entries::owner_code.eq(owner.to_owned()));
    }
    if let Some(until) = until {
        // No stated date: due when published on or before the latest day whose default is due.
        let published_before = policy
            .latest_publication_for(until)
            .and_then(|day| day.succ_opt())
            .map_or(NaiveDateTime::MIN, |day| day.and_time(NaiveTime::MIN));
        query = query.filter(
            review_dates::review_on
                .nullable()
                .le(until)
                .or(review_dates::review_on
                    .nullable()
                    .is_null()
                    .and(entries::published_at.lt(published_before))),
        );
    }
    let rows: Vec<(EntryRow, Option<NaiveDate>)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(entry, stated)| {
            let published_on = entry.published_at?.date();
            Some(Reviewed {
                review_on: policy.review_date(stated, published_on),
                stated: stated.is_some(),
                entry,
            })
        })
        .collect())
}

/// The public entries whose review is due or overdue on `today`, the earliest date first (then
/// by kind and slug, so paging is stable).
pub fn list_due(
    conn: &mut DbConnection,
    policy: &ReviewPolicy,
    filter: &DueFilter,
    today: NaiveDate,
) -> QueryResult<Vec<DueReview>> {
    let until = match filter.state {
        Some(ReviewState::Overdue) => today.pred_opt().unwrap_or(today),
        _ => policy.due_until(today),
    };
    let mut due: Vec<DueReview> =
        public_with_dates(conn, policy, filter.owner.as_deref(), Some(until))?
            .into_iter()
            .filter_map(|r| {
                let state = policy.state(r.review_on, today)?;
                filter
                    .state
                    .is_none_or(|s| s == state)
                    .then_some(DueReview {
                        entry: r.entry,
                        review_on: r.review_on,
                        stated: r.stated,
                        state,
                    })
            })
            .collect();
    due.sort_by(|a, b| {
        (a.review_on, &a.entry.kind, &a.entry.slug).cmp(&(
            b.review_on,
            &b.entry.kind,
            &b.entry.slug,
        ))
    });
    Ok(due)
}

/// The effective review date of one entry, if it is public.
pub fn review_date_of(
    conn: &mut DbConnection,
    policy: &ReviewPolicy,
    entry: &EntryRow,
) -> QueryResult<Option<NaiveDate>> {
    if !entry.is_public() {
        return Ok(None);
    }
    let stated: Option<NaiveDate> = review_dates::table
        .find(&entry.id)
        .select(review_dates::review_on)
        .first(conn)
        .optional()?;
    Ok(entry
        .published_at
        .map(|at| policy.review_date(stated, at.date())))
}
