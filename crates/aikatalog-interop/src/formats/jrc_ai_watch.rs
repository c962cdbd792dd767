//! The EU JRC "AI Watch" cases of AI in public services (report JRC120399): the services CSV
//! (with a BOM, no id column), its normalised JSON (`services.json`, with ids and country codes)
//! and the early Amsterdam and Helsinki register harvests in the same columns. A `*-catalog-*`
//! file describes the source, not a case: it is reported and not imported.
//!
//! A case is known by its name: the CSV has no id, the harvests number their few rows from 1
//! each, and the names are unique, so the CSV and the JSON of the same case meet in one entry.
//! `start_date` is kept verbatim rather than read as the start: the AI Watch file gives
//! 2021/01/01 for all 143 cases (the survey's date, not the cases').

use aikatalog_domain::Lifecycle;
use serde_json::{Map, Value};

use super::rows::{first_export, shorten, slug_of, web_address};
use super::{ExportEntry, Mapping, Standard, lifecycle_name, read_json, stand_in_summary};
use crate::crosswalk::Crosswalk;
use crate::export::{ExportError, Exported};
use crate::foreign::{self, Details, ForeignRecord, Mapped};
use crate::report::Report;
use crate::{Format, Input, table};

pub const SCHEME: &str = "jrc_ai_watch";
/// The report the cases come from.
pub const VERSION: &str = "JRC120399";

/// The services files' columns, in their order; export writes them so.
pub const COLUMNS: [&str; 19] = [
    "name",
    "type",
    "url",
    "contact",
    "description",
    "geoextent",
    "geocoverage",
    "lead_organisation_name",
    "lead_organisation_category",
    "start_date",
    "active",
    "end_date",
    "primary_sector",
    "secondary_sector",
    "cross_sector",
    "cross_border",
    "technology",
    "status",
    "uptake",
];

/// What a case needs to be told apart and placed (the file has no formal list).
pub const REQUIRED: [&str; 6] = [
    "name",
    "description",
    "geocoverage",
    "lead_organisation_name",
    "primary_sector",
    "technology",
];

/// `status`: the harvests' values. AI Watch writes "Unknown", which is kept as written (and
/// is what export writes for an entry written here whose stage is not stated).
pub const STATUS: &[(&str, Lifecycle)] = &[
    ("In production", Lifecycle::InOperation),
    ("Pilot", Lifecycle::Pilot),
];
const UNKNOWN: &str = "Unknown";

/// The countries AI Watch's `geocoverage` names, by ISO 3166-1 code.
const COUNTRIES: &[(&str, &str)] = &[
    ("Austria", "AT"),
    ("Belgium", "BE"),
    ("Bulgaria", "BG"),
    ("Croatia", "HR"),
    ("Cyprus", "CY"),
    ("Czech Republic", "CZ"),
    ("Czechia", "CZ"),
    ("Denmark", "DK"),
    ("Estonia", "EE"),
    ("Finland", "FI"),
    ("France", "FR"),
    ("Germany", "DE"),
    ("Greece", "GR"),
    ("Hungary", "HU"),
    ("Iceland", "IS"),
    ("Ireland", "IE"),
    ("Italy", "IT"),
    ("Latvia", "LV"),
    ("Lithuania", "LT"),
    ("Luxembourg", "LU"),
    ("Malta", "MT"),
    ("Netherlands", "NL"),
    ("Norway", "NO"),
    ("Poland", "PL"),
    ("Portugal", "PT"),
    ("Romania", "RO"),
    ("Slovakia", "SK"),
    ("Slovenia", "SI"),
    ("Spain", "ES"),
    ("Sweden", "SE"),
    ("Switzerland", "CH"),
    ("United Kingdom", "GB"),
];

pub struct JrcAiWatch;

impl Standard for JrcAiWatch {
    fn scheme(&self) -> &'static str {
        SCHEME
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["csv", "json"]
    }

    fn read(&self, input: &Input, report: &mut Report) -> Vec<ForeignRecord> {
        let records = if input.name.to_ascii_lowercase().ends_with(".json") {
            read_json(input, report)
        } else {
            let (text, _) = crate::decode::decode(&input.bytes);
            table::read_csv(&input.name, &text, report)
        };
        records
            .into_iter()
            .filter(|r| {
                let catalogue = r.fields.contains_key("c_name");
                if catalogue {
                    report.unmapped(
                        r.at(),
                        "source_record",
                        "describes the register the cases come from, not a case; not imported",
                    );
                }
                !catalogue
            })
            .collect()
    }

    fn map(
        &self,
        record: &ForeignRecord,
        crosswalk: &Crosswalk,
        report: &mut Report,
    ) -> Option<Mapped> {
        let Some(name) = foreign::text(&record.fields, "name").map(str::trim) else {
            report.problem(
                record.at().field("name"),
                "blank_required",
                "a case without a name cannot be told apart from the others",
            );
            return None;
        };
        let id = foreign::cut(name, 200);
        let Some(country) = country_of(&record.fields) else {
            report.problem(
                record.at().field("geocoverage"),
                "unknown_value",
                "names no country this import knows, so the owner cannot be placed",
            );
            return None;
        };
        let mut m = Mapping::new(record, report);
        for column in REQUIRED {
            m.blank_required(column);
        }
        let title = m
            .take_text("name", 200)
            .filter(|t| t.chars().count() >= 3)
            .unwrap_or_else(|| foreign::cut(name, 200));
        let owner_name = m.take_text("lead_organisation_name", 200);
        let owner = m.owner(owner_name, country, "lead_organisation_name");
        let text = m.take_text("description", 20000);
        let (summary, description) = match text {
            Some(text) if text.trim().chars().count() >= 10 => {
                let summary = shorten(text.trim(), 600);
                let description = (summary != text).then_some(text);
                (summary, description)
            }
            _ => (stand_in_summary("AI Watch case", &title), None),
        };
        let url = foreign::text(&record.fields, "url").and_then(web_address);
        if url.is_some() {
            m.taken.push("url");
        }
        let contact_email = foreign::text(&record.fields, "contact")
            .filter(|c| c.contains('@') && !c.contains(char::is_whitespace))
            .map(|c| {
                m.taken.push("contact");
                c.to_owned()
            });
        let lifecycle = match foreign::text(&record.fields, "status") {
            Some(UNKNOWN) | None => Lifecycle::NotStated,
            Some(_) => m
                .take_enum("status", STATUS)
                .unwrap_or(Lifecycle::NotStated),
        };
        for column in ["type", "technology", "secondary_sector", "primary_sector"] {
            m.classify(crosswalk, column);
        }
        let (domains, primary_category, secondary_categories) = m.classification(crosswalk);
        let fields = foreign::rest(&record.fields, &m.taken)
            .into_iter()
            .filter(|(_, v)| !v.is_null() && !v.as_str().is_some_and(|s| s.trim().is_empty()))
            .collect();
        Some(Mapped {
            file: record.file.clone(),
            record: record.record,
            slug: slug_of("jrc", &id),
            scheme: SCHEME,
            id,
            url,
            standard_version: Some(VERSION.to_owned()),
            language: "en",
            owner,
            title,
            summary,
            description,
            department: None,
            lifecycle,
            started: None,
            ended: None,
            contact_email,
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
            details: Details::default(),
        })
    }

    fn export(&self, entries: &[ExportEntry], _one: bool) -> Result<Exported, ExportError> {
        let crosswalk = Crosswalk::bundled(Format::JrcAiWatch);
        let rows: Vec<(Map<String, Value>, Vec<String>)> = entries
            .iter()
            .map(|e| {
                let row = row(e, &crosswalk);
                let missing = super::missing(&row, &REQUIRED);
                (row, missing)
            })
            .collect();
        super::rows::csv_export(&COLUMNS, entries, rows)
    }
}

/// The owner's country: the JSON's `geocoverage_codes`, else the country `geocoverage` names.
fn country_of(fields: &Map<String, Value>) -> Option<&'static str> {
    let from_code = fields
        .get("geocoverage_codes")
        .and_then(Value::as_array)
        .and_then(|codes| codes.first())
        .and_then(Value::as_str)
        .and_then(|code| COUNTRIES.iter().find(|(_, c)| *c == code));
    let named = |name: &str| COUNTRIES.iter().find(|(n, _)| *n == name.trim());
    let from_name = match fields.get("geocoverage") {
        Some(Value::String(s)) => named(s),
        Some(Value::Array(items)) => items.first().and_then(Value::as_str).and_then(named),
        _ => None,
    };
    from_code.or(from_name).map(|(_, code)| *code)
}

/// The entry as a row of the services CSV.
pub fn row(entry: &ExportEntry, crosswalk: &Crosswalk) -> Map<String, Value> {
    let doc = &entry.doc;
    let reference = entry.reference(SCHEME);
    let mut row = Map::new();
    if let Some(r) = reference {
        for (name, value) in &r.fields {
            row.insert(name.clone(), flat(value));
        }
    }
    let mut put = |name: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty())
            && !row.contains_key(name)
        {
            row.insert(name.to_owned(), Value::String(value));
        }
    };
    put("name", Some(doc.title.clone()));
    put(
        "url",
        reference
            .and_then(|r| r.url.as_ref())
            .map(|u| u.to_string()),
    );
    put(
        "contact",
        doc.contact.as_ref().and_then(|c| c.email.clone()),
    );
    put(
        "description",
        Some(
            doc.description
                .clone()
                .unwrap_or_else(|| doc.summary.clone()),
        ),
    );
    put("lead_organisation_name", entry.owner_name());
    put(
        "geocoverage",
        entry.owner.as_ref().and_then(|o| {
            COUNTRIES
                .iter()
                .find(|(_, c)| *c == o.country.as_str())
                .map(|(n, _)| (*n).to_owned())
        }),
    );
    put(
        "status",
        lifecycle_name(STATUS, doc.lifecycle)
            .or(reference.is_none().then_some(UNKNOWN))
            .map(str::to_owned),
    );
    if reference.is_none() {
        put(
            "primary_sector",
            first_export(crosswalk, "primary_sector", doc.domains.iter()),
        );
        let categories = std::iter::once(&doc.primary_category).chain(&doc.secondary_categories);
        put(
            "technology",
            first_export(crosswalk, "technology", categories),
        );
        put(
            "lead_organisation_category",
            Some("Governmental".to_owned()),
        );
    }
    row
}

/// A kept JSON value as one CSV cell: a list of names as `A, B`, an object as JSON.
fn flat(value: &Value) -> Value {
    match value {
        Value::Array(items) if items.iter().all(Value::is_string) => Value::String(
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Value::String(_) => value.clone(),
        other => Value::String(other.to_string()),
    }
}
