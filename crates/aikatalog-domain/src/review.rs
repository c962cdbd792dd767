//! Review dates: every published entry is to be checked again by a date. The owner may state one
//! (`review_on` in the document); when it does not, the catalogue's policy gives one: the date the
//! public version was published plus [`ReviewPolicy::months`].
//!
//! The default is not written into the document: it is the catalogue's policy, not the owner's
//! statement, so the document (and the seed files it round-trips with) stays what the owner wrote,
//! the history shows no revision nobody made, and a seed import stays idempotent. The storage
//! layer keeps the stated date beside the publication time and derives the effective date with
//! the functions here, in Rust and in SQL alike.

use chrono::{Months, NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

use crate::sections::Contact;

/// How review dates default and when one counts as due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewPolicy {
    /// Months after publication an entry without a stated review date is due (default 12).
    pub months: u32,
    /// Days before its review date an entry counts as due (default 30).
    pub notice_days: u32,
}

impl Default for ReviewPolicy {
    fn default() -> Self {
        Self {
            months: 12,
            notice_days: 30,
        }
    }
}

/// Where an entry's review stands on a given day.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// The review date is within the notice period (today included).
    Due,
    /// The review date has passed.
    Overdue,
}

impl ReviewState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Due => "due",
            Self::Overdue => "overdue",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "due" => Some(Self::Due),
            "overdue" => Some(Self::Overdue),
            _ => None,
        }
    }
}

impl ReviewPolicy {
    /// The review date of an entry published on `published_on` that states `stated` (if any).
    pub fn review_date(&self, stated: Option<NaiveDate>, published_on: NaiveDate) -> NaiveDate {
        stated.unwrap_or_else(|| self.default_date(published_on))
    }

    /// The default review date for an entry published on `published_on`. Adding months clamps
    /// to the month's end (31 January + 1 month is 28 or 29 February).
    pub fn default_date(&self, published_on: NaiveDate) -> NaiveDate {
        published_on
            .checked_add_months(Months::new(self.months))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The latest publication day whose default review date is on or before `date`, so a query
    /// can select by publication time what it means to select by review date. `None` when no day
    /// is early enough.
    pub fn latest_publication_for(&self, date: NaiveDate) -> Option<NaiveDate> {
        let mut day = date.checked_sub_months(Months::new(self.months))?;
        // Month arithmetic clamps, so the first guess may be a few days off either way.
        while self.default_date(day) > date {
            day = day.pred_opt()?;
        }
        while let Some(next) = day.succ_opt() {
            if self.default_date(next) > date {
                break;
            }
            day = next;
        }
        Some(day)
    }

    /// The last review date that counts as due on `today`.
    pub fn due_until(&self, today: NaiveDate) -> NaiveDate {
        today + TimeDelta::days(i64::from(self.notice_days))
    }

    /// Whether a review date is due or overdue on `today`; `None` when it is further off.
    pub fn state(&self, review_on: NaiveDate, today: NaiveDate) -> Option<ReviewState> {
        if review_on < today {
            Some(ReviewState::Overdue)
        } else if review_on <= self.due_until(today) {
            Some(ReviewState::Due)
        } else {
            None
        }
    }
}

/// Where a reminder about an entry goes: the entry's own contact's e-mail address, else the
/// owner's AI contact's (the same order as "who to ask" on the entry's page).
pub fn reminder_recipient<'a>(
    own: Option<&'a Contact>,
    owner_ai_contact: Option<&'a Contact>,
) -> Option<&'a Contact> {
    let with_email = |c: &&Contact| c.email.as_deref().is_some_and(|e| !e.trim().is_empty());
    own.filter(with_email)
        .or_else(|| owner_ai_contact.filter(with_email))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    #[test]
    fn the_default_is_publication_plus_the_months() {
        let p = ReviewPolicy::default();
        assert_eq!(p.review_date(None, d("2025-03-15")), d("2026-03-15"));
        assert_eq!(
            p.review_date(Some(d("2025-06-01")), d("2025-03-15")),
            d("2025-06-01")
        );
        let one = ReviewPolicy {
            months: 1,
            notice_days: 30,
        };
        assert_eq!(one.default_date(d("2025-01-31")), d("2025-02-28"));
    }

    #[test]
    fn the_latest_publication_inverts_the_default_even_at_month_ends() {
        for months in [1, 6, 12, 13] {
            let p = ReviewPolicy {
                months,
                notice_days: 30,
            };
            let mut date = d("2024-01-01");
            while date < d("2025-12-31") {
                let latest = p.latest_publication_for(date).expect("a day");
                assert!(p.default_date(latest) <= date, "{months} {date}");
                let next = latest.succ_opt().expect("a day");
                assert!(p.default_date(next) > date, "{months} {date}");
                date = date.succ_opt().expect("a day");
            }
        }
    }

    #[test]
    fn due_within_the_notice_and_overdue_after_the_date() {
        let p = ReviewPolicy::default();
        let today = d("2026-11-30");
        assert_eq!(p.state(d("2026-11-29"), today), Some(ReviewState::Overdue));
        assert_eq!(p.state(today, today), Some(ReviewState::Due));
        assert_eq!(p.state(d("2026-12-30"), today), Some(ReviewState::Due));
        assert_eq!(p.state(d("2026-12-31"), today), None);
    }

    #[test]
    fn reminders_go_to_the_entry_contact_else_the_owner_ai_contact() {
        let named = Contact {
            name: Some("Team AI".into()),
            ..Contact::default()
        };
        let own = Contact {
            email: Some("own@kommune.dk".into()),
            ..Contact::default()
        };
        let owner = Contact {
            email: Some("ai@kommune.dk".into()),
            ..Contact::default()
        };
        let to = |a, b| reminder_recipient(a, b).and_then(|c| c.email.clone());
        assert_eq!(
            to(Some(&own), Some(&owner)).as_deref(),
            Some("own@kommune.dk")
        );
        assert_eq!(
            to(Some(&named), Some(&owner)).as_deref(),
            Some("ai@kommune.dk")
        );
        assert_eq!(to(None, Some(&owner)).as_deref(), Some("ai@kommune.dk"));
        assert_eq!(to(Some(&named), None), None);
    }
}
