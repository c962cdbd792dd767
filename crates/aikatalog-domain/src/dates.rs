//! Partial dates: the sources often give only a year ("2024") or a month ("marts 2024"), and an
//! entry must say what is known without inventing a day.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A date known to the year, the month or the day: `2024`, `2024-03` or `2024-03-15` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PartialDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

/// Why a partial date was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date written as YYYY, YYYY-MM or YYYY-MM-DD between 1900 and 2100")]
pub struct InvalidPartialDate(String);

const EARLIEST_YEAR: i32 = 1900;
const LATEST_YEAR: i32 = 2100;

impl PartialDate {
    /// A date known only to the year.
    pub fn year_only(year: i32) -> Result<Self, InvalidPartialDate> {
        Self::parse(&year.to_string())
    }

    /// A date known to the day.
    pub fn from_date(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> Option<u32> {
        self.month
    }

    pub fn day(self) -> Option<u32> {
        self.day
    }

    /// Whether `self` is certainly before `other`, compared at the precision both give
    /// (`2024-03` is not before `2024`, which may mean any month of it).
    pub fn certainly_before(self, other: PartialDate) -> bool {
        let common = |d: PartialDate| {
            let month = self.month.and(other.month).and(d.month);
            let day = month.and(self.day).and(other.day).and(d.day);
            (d.year, month, day)
        };
        common(self) < common(other)
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the day must exist in that month.
    pub fn parse(text: &str) -> Result<Self, InvalidPartialDate> {
        let invalid = || InvalidPartialDate(text.to_owned());
        let mut parts = text.split('-');
        let number =
            |part: Option<&str>, digits: usize| -> Result<Option<u32>, InvalidPartialDate> {
                match part {
                    None => Ok(None),
                    Some(p) if p.len() == digits && p.bytes().all(|b| b.is_ascii_digit()) => {
                        p.parse().map(Some).map_err(|_| invalid())
                    }
                    Some(_) => Err(invalid()),
                }
            };
        let year = number(parts.next(), 4)?.ok_or_else(invalid)?;
        let month = number(parts.next(), 2)?;
        let day = number(parts.next(), 2)?;
        if parts.next().is_some() {
            return Err(invalid());
        }
        let year = i32::try_from(year).map_err(|_| invalid())?;
        if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&year) {
            return Err(invalid());
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(invalid());
        }
        if let (Some(m), Some(d)) = (month, day)
            && NaiveDate::from_ymd_opt(year, m, d).is_none()
        {
            return Err(invalid());
        }
        Ok(Self { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl TryFrom<String> for PartialDate {
    type Error = InvalidPartialDate;
    fn try_from(value: String) -> Result<Self, InvalidPartialDate> {
        Self::parse(&value)
    }
}

impl From<PartialDate> for String {
    fn from(value: PartialDate) -> String {
        value.to_string()
    }
}

// Written by hand: the wire form is a string with a pattern, not the struct's fields.
impl utoipa::PartialSchema for PartialDate {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(r"^\d{4}(-\d{2}(-\d{2})?)?$"))
            .description(Some(
                "A date known to the year, month or day: `2024`, `2024-03` or `2024-03-15`.",
            ))
            .examples(["2024-03"])
            .into()
    }
}

impl utoipa::ToSchema for PartialDate {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("PartialDate")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_year_month_and_day_precision() {
        for text in ["2024", "2024-03", "2024-02-29"] {
            let date = PartialDate::parse(text).expect(text);
            assert_eq!(date.to_string(), text);
            assert_eq!(
                serde_json::to_value(date).expect("serialises"),
                serde_json::json!(text)
            );
        }
        assert_eq!(
            PartialDate::parse("2024-03").map(|d| d.month()),
            Ok(Some(3))
        );
    }

    #[test]
    fn refuses_impossible_and_malformed_dates() {
        for text in [
            "",
            "24",
            "2024-3",
            "2024-13",
            "2023-02-29",
            "2024-03-15-1",
            "1899",
            "2024/03",
            "abcd",
        ] {
            assert!(PartialDate::parse(text).is_err(), "{text} was accepted");
        }
        assert!(serde_json::from_value::<PartialDate>(serde_json::json!(2024)).is_err());
    }

    #[test]
    fn compares_at_the_precision_both_give() {
        let p = |t| PartialDate::parse(t).expect(t);
        assert!(p("2023").certainly_before(p("2024-01")));
        assert!(!p("2024-03").certainly_before(p("2024")));
        assert!(!p("2024").certainly_before(p("2024-03")));
        assert!(p("2024-02").certainly_before(p("2024-03-01")));
        assert!(!p("2024-03-02").certainly_before(p("2024-03-02")));
    }

    #[test]
    fn orders_by_year_then_month_then_day() {
        let p = |t| PartialDate::parse(t).expect(t);
        assert!(p("2023-12") < p("2024"));
        assert!(p("2024") < p("2024-01"));
        assert!(p("2024-01") < p("2024-01-01"));
    }
}
