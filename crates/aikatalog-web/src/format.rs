//! Turning values into the text a person reads: numbers and dates in the page's language, and
//! an entry's free text split into paragraphs and lists. Everything here returns plain text;
//! the templates escape it.

use aikatalog_domain::sections::MeasuredResult;
use aikatalog_domain::{Money, PartialDate};
use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::lang::Lang;

/// A number as Danish (`1.500`, `86,18`) or English (`1,500`, `86.18`) writes it.
pub fn number(value: f64, lang: Lang) -> String {
    let (thousands, decimal) = lang.pick(('.', ','), (',', '.'));
    // Results are stated with at most two decimals; more would be noise.
    let rounded = (value * 100.0).round() / 100.0;
    let text = format!("{}", rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(thousands);
        }
        grouped.push(c);
    }
    let sign = if rounded < 0.0 { "−" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{frac}")
    }
}

/// A result's figure: `86,18 %`, `33–50 %`, `1.500 sager pr. år`.
pub fn figure(result: &MeasuredResult, lang: Lang) -> String {
    let value = match result.value_max {
        Some(max) => format!("{}–{}", number(result.value, lang), number(max, lang)),
        None => number(result.value, lang),
    };
    format!("{value} {}", result.unit)
}

const MONTHS_DA: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as `25. november 2025` or `25 November 2025`.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    let month = d.month0() as usize;
    match lang {
        Lang::Da => format!("{}. {} {}", d.day(), MONTHS_DA[month], d.year()),
        Lang::En => format!("{} {} {}", d.day(), MONTHS_EN[month], d.year()),
    }
}

/// A date known to the year, month or day as the reader says it: `2024`, `marts 2024` /
/// `March 2024`, `15. marts 2024` / `15 March 2024`; never a day the entry does not give.
pub fn partial_date(d: PartialDate, lang: Lang) -> String {
    let Some(month) = d.month() else {
        return d.year().to_string();
    };
    // `PartialDate` holds months 1–12 only.
    let index = usize::try_from(month.saturating_sub(1))
        .unwrap_or(0)
        .min(11);
    let name = match lang {
        Lang::Da => MONTHS_DA[index],
        Lang::En => MONTHS_EN[index],
    };
    match (d.day(), lang) {
        (None, _) => format!("{name} {}", d.year()),
        (Some(day), Lang::Da) => format!("{day}. {name} {}", d.year()),
        (Some(day), Lang::En) => format!("{day} {name} {}", d.year()),
    }
}

/// An amount of money as the language writes it, with its currency and the year of its prices:
/// `250.000 DKK (2024)`.
pub fn money(m: &Money, lang: Lang) -> String {
    let amount = number(m.amount, lang);
    match m.year {
        Some(year) => format!("{amount} {} ({year})", m.currency),
        None => format!("{amount} {}", m.currency),
    }
}

pub fn datetime(t: DateTime<Utc>, lang: Lang) -> String {
    date(t.date_naive(), lang)
}

/// A block of an entry's free text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    List { ordered: bool, items: Vec<String> },
}

/// The text after a list marker (`- `, `* `, `1. `), if the line is a list item.
fn list_item(line: &str) -> Option<(bool, &str)> {
    let line = line.trim_start();
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some((false, rest));
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && let Some(rest) = line[digits..].strip_prefix(". ")
    {
        return Some((true, rest));
    }
    None
}

/// Splits free text at blank lines into paragraphs, and runs of list-marked lines into lists.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    for chunk in text.split("\n\n").map(str::trim).filter(|c| !c.is_empty()) {
        let lines: Vec<&str> = chunk
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let items: Vec<(bool, &str)> = lines.iter().filter_map(|l| list_item(l)).collect();
        if !items.is_empty() && items.len() == lines.len() {
            out.push(Block::List {
                ordered: items[0].0,
                items: items.iter().map(|(_, t)| (*t).to_owned()).collect(),
            });
        } else {
            out.push(Block::Paragraph(lines.join(" ")));
        }
    }
    out
}

/// Yes, no or "not stated" for an optional fact.
pub fn yes_no(value: Option<bool>, lang: Lang) -> &'static str {
    let t = lang.t();
    match value {
        Some(true) => t.yes,
        Some(false) => t.no,
        None => t.not_stated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_say_only_what_is_known() {
        let d = |s: &str| PartialDate::parse(s).expect("a date");
        assert_eq!(partial_date(d("2024"), Lang::Da), "2024");
        assert_eq!(partial_date(d("2024-03"), Lang::Da), "marts 2024");
        assert_eq!(partial_date(d("2024-03"), Lang::En), "March 2024");
        assert_eq!(partial_date(d("2024-03-15"), Lang::Da), "15. marts 2024");
        assert_eq!(partial_date(d("2024-12-01"), Lang::En), "1 December 2024");
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(number(1500.0, Lang::Da), "1.500");
        assert_eq!(number(1500.0, Lang::En), "1,500");
        assert_eq!(number(86.18, Lang::Da), "86,18");
        assert_eq!(number(135_000_000.0, Lang::Da), "135.000.000");
        assert_eq!(number(33.0, Lang::En), "33");
        assert_eq!(number(-2.5, Lang::Da), "−2,5");
    }

    #[test]
    fn dates_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2023, 12, 3).expect("a date");
        assert_eq!(date(d, Lang::Da), "3. december 2023");
        assert_eq!(date(d, Lang::En), "3 December 2023");
    }

    #[test]
    fn free_text_becomes_paragraphs_and_lists() {
        let text = "Løsningen:\n\n1. Anmodning.\n2. Fremsøgning.\n\nSå en\nlinje mere.\n";
        assert_eq!(
            blocks(text),
            vec![
                Block::Paragraph("Løsningen:".into()),
                Block::List {
                    ordered: true,
                    items: vec!["Anmodning.".into(), "Fremsøgning.".into()]
                },
                Block::Paragraph("Så en linje mere.".into()),
            ]
        );
    }
}
