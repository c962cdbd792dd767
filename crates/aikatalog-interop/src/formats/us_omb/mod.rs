//! The US federal AI use case inventory (OMB, 2025): the consolidated CSV of individually
//! reported use cases (36 columns, in the order of the 2025 data dictionary) and the CSV of
//! commercial (COTS) products per agency.
//!
//! The 2025 file is messy in known ways, each handled and reported with row and column: a
//! UTF-8 BOM and quoted fields over several lines (the reader), enumerations left blank or
//! holding values outside the dictionary ([`dictionary`]), ids left blank or given twice (told
//! apart by their order in the file, see [`record_ids`]), dates in a dozen spellings
//! ([`operational_date`]).
//!
//! Typed slots take what maps one to one (name, bureau, an e-mail address, stage, sourcing,
//! the free texts, PII, the two assessments with a plain yes or in-progress); every other
//! column is kept verbatim in the external reference, and export writes a kept column back as
//! it was before deriving anything from the typed slots.

pub mod dictionary;
mod export;

use std::collections::BTreeMap;

use aikatalog_domain::sections::{Link, LinkKind};
use aikatalog_domain::{
    AssessmentKind, AssessmentStatus, ImpactAssessment, Lifecycle, PartialDate, SensitiveAttribute,
    Sourcing,
};
use chrono::NaiveDate;
use serde_json::Value;

use super::rows::{shorten, slug_of, web_address};
use super::{Mapping, Standard};
use crate::crosswalk::Crosswalk;
use crate::export::{ExportError, Exported};
use crate::foreign::{self, Details, ForeignRecord, Mapped};
use crate::report::Report;
use crate::{Input, table};

pub use export::{inventory_row, missing_required};

/// The external reference's scheme.
pub const SCHEME: &str = "us_omb";
/// The inventory's year, as the reference's standard version.
pub const VERSION: &str = "2025";
/// The COTS file's rows carry this standard version, so export can tell them apart.
pub const COTS_VERSION: &str = "2025-cots";
/// The column an import adds to a record to carry the id [`record_ids`] gave it; never a
/// column of the standard, and not kept in the reference's fields.
const ID_FIELD: &str = "\u{1}id";

/// The US OMB format.
pub struct UsOmb;

/// The stage column's values and our life cycle. "Pre-deployment" is "in a development or
/// acquisition status": being built or bought, which is our implementation.
pub const STAGES: &[(&str, Lifecycle)] = &[
    ("Pre-deployment", Lifecycle::Implementation),
    ("Pilot", Lifecycle::Pilot),
    ("Deployed", Lifecycle::InOperation),
    ("Retired", Lifecycle::Stopped),
];

pub const SOURCING: &[(&str, Sourcing)] = &[
    ("Vendor Purchased", Sourcing::Vendor),
    ("In-house Development", Sourcing::InHouse),
    ("Contracting and In House", Sourcing::Both),
];

const YES_NO: &[(&str, bool)] = &[("Yes", true), ("No", false)];

/// `hi_testing_conducted` and `hi_assessment_completed`: the plain answers map; a waiver stays
/// verbatim (a waiver is neither done nor not required).
pub const ASSESSMENT_STATUS: &[(&str, AssessmentStatus)] = &[
    ("Yes", AssessmentStatus::Done),
    ("In-progress", AssessmentStatus::InProgress),
];

pub const ASSESSMENT_COLUMNS: &[(&str, AssessmentKind)] = &[
    ("hi_testing_conducted", AssessmentKind::PreDeploymentTest),
    (
        "hi_assessment_completed",
        AssessmentKind::AiImpactAssessment,
    ),
];

/// The demographic features with a sensitive attribute of their own (the column is kept
/// verbatim too, as its other values have none).
const DEMOGRAPHICS: &[(&str, SensitiveAttribute)] = &[
    ("a) Race/Ethnicity", SensitiveAttribute::Ethnicity),
    ("b) Sex", SensitiveAttribute::Gender),
    ("c) Age", SensitiveAttribute::Age),
    ("d) Religious Affiliation", SensitiveAttribute::Religion),
    (
        "e) Socioeconomic Status",
        SensitiveAttribute::SocialCircumstances,
    ),
    ("i) Income", SensitiveAttribute::Finances),
];

impl Standard for UsOmb {
    fn scheme(&self) -> &'static str {
        SCHEME
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["csv"]
    }

    fn read(&self, input: &Input, report: &mut Report) -> Vec<ForeignRecord> {
        let (text, _) = crate::decode::decode(&input.bytes);
        let mut records = table::read_csv(&input.name, &text, report);
        if records.first().is_some_and(is_inventory) {
            record_ids(&mut records, report);
        } else if records.first().is_some_and(is_cots) {
            // (Agency, use) is unique in OMB's COTS file; the id is built in `map`.
        } else if let Some(first) = records.first() {
            report.problem(
                first.at(),
                "unknown_layout",
                "neither the 2025 inventory (`use_case_name`, `agency_name`, …) nor the COTS \
                 file (`Agency`, `AI Use Case`, …): no such columns",
            );
            records.clear();
        }
        records
    }

    fn map(
        &self,
        record: &ForeignRecord,
        crosswalk: &Crosswalk,
        report: &mut Report,
    ) -> Option<Mapped> {
        if is_cots(record) {
            map_cots(record, crosswalk, report)
        } else {
            Some(map_inventory(record, crosswalk, report))
        }
    }

    fn export(&self, entries: &[super::ExportEntry], _one: bool) -> Result<Exported, ExportError> {
        export::export(entries)
    }
}

fn is_inventory(record: &ForeignRecord) -> bool {
    record.fields.contains_key("use_case_name") && record.fields.contains_key("agency_name")
}

fn is_cots(record: &ForeignRecord) -> bool {
    record.fields.contains_key("AI Use Case") && record.fields.contains_key("Agency")
}

fn cell<'r>(record: &'r ForeignRecord, name: &str) -> &'r str {
    record
        .fields
        .get(name)
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
}

/// Gives every inventory row an id that is the same each time the same file is read: the
/// agency's own `id` where it starts with the agency's abbreviation (`DHS-2705`); an id without
/// it (`56`, which several agencies use) after the agency (`STB: 56`); a blank id (704 rows of
/// the 2025 file) as the agency and the use case's name; and where such a key is given twice,
/// for the second and later rows with the same key `#2`, `#3`, … by their order in the file. A
/// row identical to an earlier one in every column is the same record listed twice and is
/// dropped. Each is reported.
pub fn record_ids(records: &mut Vec<ForeignRecord>, report: &mut Report) {
    let mut seen: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut rows: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut keep = Vec::with_capacity(records.len());
    for record in records.iter() {
        let whole = Value::Object(record.fields.clone()).to_string();
        if let Some(first) = rows.get(&whole) {
            report.unmapped(
                record.at(),
                "duplicate_row",
                format!("the same in every column as record {first}; imported once"),
            );
            keep.push(None);
            continue;
        }
        rows.insert(whole, record.record);
        let (agency, given) = (cell(record, "agency"), cell(record, "id"));
        let base = if given.is_empty() {
            format!("{agency}: {}", cell(record, "use_case_name"))
        } else if given.to_uppercase().starts_with(&agency.to_uppercase()) {
            given.to_owned()
        } else {
            // A bare number ("56") is the agency's own; several agencies use the same ones.
            format!("{agency}: {given}")
        };
        let slot = seen.entry(base.clone()).or_insert((record.record, 0));
        slot.1 += 1;
        let id = if slot.1 == 1 {
            base
        } else {
            let told_apart = format!("{base} #{}", slot.1);
            report.unmapped(
                record.at().field("id"),
                "duplicate_id",
                format!(
                    "`{base}` also names record {}; this one is `{told_apart}`, by its order in \
                     the file",
                    slot.0
                ),
            );
            told_apart
        };
        keep.push(Some(id));
    }
    let mut kept = Vec::with_capacity(records.len());
    for (mut record, id) in records.drain(..).zip(keep) {
        if let Some(id) = id {
            record.fields.insert(ID_FIELD.to_owned(), Value::String(id));
            kept.push(record);
        }
    }
    *records = kept;
}

/// The id [`record_ids`] gave, as the reference's id (at most 200 characters).
fn inventory_id(record: &ForeignRecord) -> String {
    let id = cell(record, ID_FIELD);
    if id.chars().count() <= 200 {
        id.to_owned()
    } else {
        foreign::key("us", id, 200).unwrap_or_else(|| foreign::cut(id, 200))
    }
}

fn map_inventory(record: &ForeignRecord, crosswalk: &Crosswalk, report: &mut Report) -> Mapped {
    let id = inventory_id(record);
    let mut m = Mapping::new(record, report);
    m.taken.push(ID_FIELD);
    if !cell(record, "id").is_empty() && cell(record, "id") == id {
        m.taken.push("id");
    }
    for column in ["id", "use_case_name", "agency_bureau", "is_withheld"] {
        m.blank_required(column);
    }
    let stage = cell(record, "development_stage");
    m.blank_required("development_stage");
    dictionary::check(&mut m);
    let active = matches!(stage, "Pre-deployment" | "Pilot" | "Deployed");
    if active {
        for column in ["topic_area", "classification", "problem_solved", "benefits"] {
            m.blank_required(column);
        }
    }

    let agency_name = m.take_text("agency_name", 200);
    let owner = m.owner(agency_name, "US", "agency_name");
    let title = m.take_text("use_case_name", 200).unwrap_or_else(|| {
        let name = cell(record, "use_case_name");
        if name.is_empty() {
            format!("Use case {id}")
        } else {
            foreign::cut(name, 200)
        }
    });
    let problem = m.take_text("problem_solved", 4000);
    let business_case = m.take_text("benefits", 4000);
    let outputs = m.take_text("system_outputs", 4000);
    let impacts = m.take_text("hi_potential_impacts", 4000);
    let summary = summary_of(
        [
            problem.as_deref(),
            business_case.as_deref(),
            outputs.as_deref(),
        ],
        &title,
        &owner.name,
    );
    let department = if cell(record, "agency_bureau").chars().count() >= 2 {
        m.take_text("agency_bureau", 200)
    } else {
        None
    };
    let contact_email = foreign::text(&record.fields, "contact_email")
        .filter(|e| plain_email(e))
        .map(|e| {
            m.taken.push("contact_email");
            e.to_owned()
        });
    let lifecycle = if stage.is_empty() {
        Lifecycle::NotStated
    } else {
        m.take_enum("development_stage", STAGES)
            .unwrap_or(Lifecycle::NotStated)
    };
    let sourcing = if cell(record, "contracting_usage").is_empty() {
        None
    } else {
        m.take_enum("contracting_usage", SOURCING)
    };
    let personal_data = if cell(record, "has_pii").is_empty() {
        None
    } else {
        m.take_enum("has_pii", YES_NO)
    };
    let data_description = m.take_text("data_description", 4000);
    let mut links = Vec::new();
    for (column, kind, title) in [
        ("code_url", LinkKind::SourceCode, export::CODE_LINK),
        ("pia_url", LinkKind::Document, export::PIA_LINK),
    ] {
        if let Some(url) = web_address(cell(record, column)) {
            m.taken.push(column);
            links.push(Link {
                title: title.to_owned(),
                url,
                kind,
            });
        }
    }
    let mut assessments = Vec::new();
    for (column, kind) in ASSESSMENT_COLUMNS {
        let status = ASSESSMENT_STATUS
            .iter()
            .find(|(v, _)| *v == cell(record, column))
            .map(|(_, s)| *s);
        if let Some(status) = status {
            m.taken.push(column);
            assessments.push(ImpactAssessment {
                kind: *kind,
                status,
                date: None,
                url: None,
                summary: None,
                fria: None,
            });
        }
    }
    // Kept verbatim as well: the column's other values have no attribute of their own.
    let sensitive_attributes = demographics(cell(record, "demographic_features"));
    // Kept verbatim as well: the file writes dates a dozen ways.
    let started = operational_date(cell(record, "operational_date"));
    if started.is_none() && !cell(record, "operational_date").is_empty() {
        m.unmapped(
            "operational_date",
            "invalid_value",
            format!(
                "`{}` is not a date; kept as written",
                cell(record, "operational_date")
            ),
        );
    }

    if !cell(record, "topic_area").is_empty() {
        m.classify(crosswalk, "topic_area");
    }
    if !cell(record, "classification").is_empty() {
        m.classify(crosswalk, "classification");
    }
    let (domains, primary_category, secondary_categories) = m.classification(crosswalk);
    let fields = kept_fields(record, &m.taken);
    Mapped {
        file: record.file.clone(),
        record: record.record,
        slug: slug_of("us", &id),
        scheme: SCHEME,
        id,
        url: None,
        standard_version: Some(VERSION.to_owned()),
        language: "en",
        owner,
        title,
        summary,
        description: None,
        department,
        lifecycle,
        started,
        ended: None,
        contact_email,
        contact_name: None,
        contact_phone: None,
        legal_basis: None,
        human_oversight: None,
        data_description,
        domains,
        primary_category,
        secondary_categories,
        fields,
        needs_review: m.needs_review,
        ai_act: None,
        details: Details {
            sourcing,
            business_case,
            personal_data,
            sensitive_attributes,
            assessments,
            links,
            how_it_works: aikatalog_domain::HowItWorks {
                problem,
                decision_process: outputs,
                impact_on_citizens: impacts,
                ..Default::default()
            },
            ..Details::default()
        },
    }
}

/// One row of the COTS file: an agency's answer on one of OMB's twenty common uses of
/// commercial AI. A "Y" becomes an entry (the agency uses the product); an "N" is the agency
/// saying it does not, which is no use case, so it is reported and not imported; a blank answer
/// likewise.
fn map_cots(record: &ForeignRecord, crosswalk: &Crosswalk, report: &mut Report) -> Option<Mapped> {
    let agency = cell(record, "Agency");
    let usage = cell(record, "AI Use Case");
    let answer = cell(record, "Agency Use (Y/N)?");
    match answer {
        "Y" => {}
        "N" => {
            report.unmapped(
                record.at().field("Agency Use (Y/N)?"),
                "not_in_use",
                format!("{agency} reports it does not do this; no entry"),
            );
            return None;
        }
        _ => {
            report.unmapped(
                record.at().field("Agency Use (Y/N)?"),
                "blank_required",
                format!("{agency} leaves the answer (Y or N) blank; no entry"),
            );
            return None;
        }
    }
    let id = cots_id(agency, usage);
    let mut m = Mapping::new(record, report);
    let agency_name = m.take_text("Agency", 200);
    let owner = m.owner(agency_name, "US", "Agency");
    let title = foreign::cut(usage.trim_end_matches('.'), 200);
    let product = cell(record, "Name of Commercial Product or Service Used");
    let summary = if product.is_empty() {
        format!("{usage} ({})", owner.name)
    } else {
        format!("{usage} With {product} ({}).", owner.name)
    };
    if !usage.is_empty() {
        m.resolved
            .add(crosswalk, "cots_category", &collapse_spaces(usage));
        m.resolved
            .add(crosswalk, "cots_domain", &collapse_spaces(usage));
    }
    let (domains, primary_category, secondary_categories) = m.classification(crosswalk);
    let technologies = if product.is_empty() || product.chars().count() > 200 {
        Vec::new()
    } else {
        vec![product.to_owned()]
    };
    let fields = kept_fields(record, &m.taken);
    Some(Mapped {
        file: record.file.clone(),
        record: record.record,
        slug: slug_of("us-cots", &id),
        scheme: SCHEME,
        id,
        url: None,
        standard_version: Some(COTS_VERSION.to_owned()),
        language: "en",
        owner,
        title,
        summary: foreign::cut(&summary, 2000),
        description: None,
        department: None,
        lifecycle: Lifecycle::InOperation,
        started: None,
        ended: None,
        contact_email: None,
        contact_name: None,
        contact_phone: None,
        legal_basis: None,
        human_oversight: None,
        data_description: None,
        domains,
        primary_category,
        secondary_categories,
        fields,
        needs_review: m.needs_review,
        ai_act: None,
        details: Details {
            sourcing: Some(Sourcing::Vendor),
            technologies,
            ..Details::default()
        },
    })
}

/// The COTS row's id: the agency and the use, as OMB's file has one row per pair.
pub fn cots_id(agency: &str, usage: &str) -> String {
    let id = format!("{agency}: {}", collapse_spaces(usage));
    if id.chars().count() <= 200 {
        id
    } else {
        foreign::key("cots", &id, 200).unwrap_or_else(|| foreign::cut(&id, 200))
    }
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The record's columns that no typed slot took, as found. Blank cells are left out (export
/// writes a missing column blank), except those export would otherwise fill from what the
/// import put in their place (the id and the name); the id the import added is left out.
fn kept_fields(record: &ForeignRecord, taken: &[&str]) -> BTreeMap<String, Value> {
    foreign::rest(&record.fields, taken)
        .into_iter()
        .filter(|(k, v)| {
            k != ID_FIELD
                && (!v.as_str().is_some_and(|s| s.trim().is_empty())
                    || k == "id"
                    || k == "use_case_name")
        })
        .collect()
}

/// A summary of at most 600 characters: the problem, else the benefits, else the outputs, cut
/// after a sentence where one ends in time (the whole text is in its own slot); a record with
/// none of them gets its name and agency.
fn summary_of(texts: [Option<&str>; 3], title: &str, agency: &str) -> String {
    let text = texts
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|t| t.chars().count() >= 10);
    match text {
        Some(text) => shorten(text, 600),
        None => format!("{title} ({agency})"),
    }
}

/// An address the catalogue's contact accepts: one plain `user@host.tld`, no list, no URL.
fn plain_email(text: &str) -> bool {
    let odd = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | '/' | ':' | '<' | '>');
    let Some((user, host)) = text.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && !host.contains('@')
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && text.len() <= 200
        && !text.contains(odd)
}

/// The sensitive attributes a `demographic_features` list names (`['b) Sex', 'c) Age']`).
fn demographics(text: &str) -> Vec<SensitiveAttribute> {
    let mut out = Vec::new();
    for (label, attribute) in DEMOGRAPHICS {
        if text.contains(&format!("'{label}'")) && !out.contains(attribute) {
            out.push(*attribute);
        }
    }
    out
}

/// `operational_date` as a partial date: the 2025 file writes `2024-10-01 00:00:00`,
/// `10/1/2023`, `09/24/2024 12:00:00 AM`, `01/2024`, `Jul-25` and `2025`, among others.
pub fn operational_date(text: &str) -> Option<PartialDate> {
    let first = text.split_whitespace().next()?;
    if let Ok(date) = NaiveDate::parse_from_str(first, "%Y-%m-%d") {
        return Some(PartialDate::from_date(date));
    }
    if let Ok(date) = NaiveDate::parse_from_str(first, "%m/%d/%Y") {
        return Some(PartialDate::from_date(date));
    }
    let month = |year: i32, month: u32| PartialDate::parse(&format!("{year:04}-{month:02}")).ok();
    if let Some((m, y)) = first.split_once('/')
        && y.len() == 4
        && let (Ok(m), Ok(y)) = (m.parse::<u32>(), y.parse::<i32>())
    {
        return month(y, m);
    }
    if let Some((m, y)) = first.split_once('-')
        && y.len() == 2
        && let Ok(y) = y.parse::<i32>()
    {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let m = MONTHS.iter().position(|name| *name == m)?;
        return month(2000 + y, m as u32 + 1);
    }
    if first.len() == 4 {
        return PartialDate::parse(first).ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operational_dates_are_read_in_the_spellings_of_the_2025_file() {
        let date = |s: &str| operational_date(s).map(|d| d.to_string());
        assert_eq!(date("2024-10-01 00:00:00").as_deref(), Some("2024-10-01"));
        assert_eq!(date("10/1/2023").as_deref(), Some("2023-10-01"));
        assert_eq!(
            date("09/24/2024 12:00:00 AM").as_deref(),
            Some("2024-09-24")
        );
        assert_eq!(date("9/30/2025 0:00").as_deref(), Some("2025-09-30"));
        assert_eq!(date("01/2024").as_deref(), Some("2024-01"));
        assert_eq!(date("Jul-25").as_deref(), Some("2025-07"));
        assert_eq!(date("2019").as_deref(), Some("2019"));
        assert_eq!(date("sometime in FY24"), None);
        assert_eq!(date("13/2024"), None);
    }

    #[test]
    fn only_a_single_plain_address_is_an_email() {
        assert!(plain_email("caio@doi.gov"));
        for bad in [
            "https://home.treasury.gov/utility/contact",
            "a@noaa.gov, b@noaa.gov",
            "a@noaa.gov; b@noaa.gov",
            "nobody",
            "x@y",
        ] {
            assert!(!plain_email(bad), "{bad}");
        }
    }

    #[test]
    fn demographic_features_name_sensitive_attributes() {
        assert_eq!(
            demographics("['b) Sex', 'c) Age', 'l) Other']"),
            vec![SensitiveAttribute::Gender, SensitiveAttribute::Age]
        );
        assert!(demographics("['k) None of the above']").is_empty());
    }
}
