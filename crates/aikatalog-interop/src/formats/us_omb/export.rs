//! Entries as rows of the 2025 inventory: the dictionary's 36 columns in its order, then the COTS
//! file's own columns for entries that came from it. A column the entry brought from the
//! inventory is written back as it was; the others are derived from the typed slots.

use aikatalog_domain::UseCase;
use aikatalog_domain::sections::LinkKind;
use serde_json::{Map, Value};

use super::dictionary::COLUMNS;
use super::{
    ASSESSMENT_COLUMNS, ASSESSMENT_STATUS, COTS_VERSION, DEMOGRAPHICS, SCHEME, SOURCING, STAGES,
};
use crate::Format;
use crate::crosswalk::Crosswalk;
use crate::export::{ExportError, Exported};
use crate::formats::rows::{csv_export, first_export};
use crate::formats::{ExportEntry, lifecycle_name};

/// The COTS file's columns that have no place among the dictionary's.
pub const COTS_COLUMNS: [&str; 4] = [
    "AI Use Case",
    "Agency Use (Y/N)?",
    "Name of Commercial Product or Service Used",
    "Estimated # of Licenses/Users",
];

/// The link titles an import gives the URL columns, so export finds them again.
pub const CODE_LINK: &str = "Source code";
pub const PIA_LINK: &str = "Privacy impact assessment (PIA)";

/// The entry as one row, by column name.
pub fn inventory_row(entry: &ExportEntry, crosswalk: &Crosswalk) -> Map<String, Value> {
    let doc = &entry.doc;
    let reference = entry.reference(SCHEME);
    let mut row = Map::new();
    if let Some(reference) = reference {
        for (name, value) in &reference.fields {
            row.insert(name.clone(), value.clone());
        }
    }
    let mut put = |name: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty())
            && !row.contains_key(name)
        {
            row.insert(name.to_owned(), Value::String(value));
        }
    };
    let from_cots = reference.is_some_and(|r| r.standard_version.as_deref() == Some(COTS_VERSION));
    let owner = entry.owner.as_ref();
    if from_cots {
        put("agency_name", entry.owner_name());
    } else {
        put(
            "agency",
            owner.map(|o| o.short_name.clone().unwrap_or_else(|| o.code.to_string())),
        );
        put("agency_name", entry.owner_name());
    }
    // An imported row's id was its agency's (or blank, which the import kept as blank).
    put(
        "id",
        Some(match reference {
            Some(r) if !from_cots => r.id.clone(),
            _ => doc.slug.to_string(),
        }),
    );
    put("use_case_name", Some(doc.title.clone()));
    put("agency_bureau", doc.department.clone());
    put(
        "contact_email",
        doc.contact.as_ref().and_then(|c| c.email.clone()),
    );
    // Published here means disclosed: not withheld.
    if reference.is_none() {
        put("is_withheld", Some("No".to_owned()));
    }
    put(
        "development_stage",
        lifecycle_name(STAGES, doc.lifecycle).map(str::to_owned),
    );
    if reference.is_none() || from_cots {
        put(
            "topic_area",
            first_export(crosswalk, "topic_area", doc.domains.iter()),
        );
        let categories = std::iter::once(&doc.primary_category).chain(&doc.secondary_categories);
        put(
            "classification",
            first_export(crosswalk, "classification", categories),
        );
    }
    put("problem_solved", doc.how_it_works.problem.clone());
    put("benefits", doc.cost.business_case.clone());
    put("system_outputs", doc.how_it_works.decision_process.clone());
    put("operational_date", doc.started.map(|d| d.to_string()));
    put(
        "contracting_usage",
        doc.sourcing
            .and_then(|s| lifecycle_name(SOURCING, s))
            .map(str::to_owned),
    );
    put("data_description", doc.data.description.clone());
    put(
        "has_pii",
        doc.data
            .personal_data
            .map(|p| if p { "Yes" } else { "No" }.to_owned()),
    );
    put("demographic_features", demographic_list(doc));
    put("code_url", link(doc, LinkKind::SourceCode, CODE_LINK));
    put("pia_url", link(doc, LinkKind::Document, PIA_LINK));
    for (column, kind) in ASSESSMENT_COLUMNS {
        let status = doc
            .assessments
            .iter()
            .find(|a| a.kind == *kind)
            .and_then(|a| lifecycle_name(ASSESSMENT_STATUS, a.status));
        put(column, status.map(str::to_owned));
    }
    put(
        "hi_potential_impacts",
        doc.how_it_works.impact_on_citizens.clone(),
    );
    row
}

fn link(doc: &UseCase, kind: LinkKind, title: &str) -> Option<String> {
    doc.links
        .iter()
        .find(|l| l.kind == kind && l.title == title)
        .map(|l| l.url.to_string())
}

/// The sensitive attributes as the dictionary's select-multiple list (`['b) Sex', 'c) Age']`).
fn demographic_list(doc: &UseCase) -> Option<String> {
    let labels: Vec<String> = DEMOGRAPHICS
        .iter()
        .filter(|(_, a)| doc.data.sensitive_attributes.contains(a))
        .map(|(label, _)| format!("'{label}'"))
        .collect();
    (!labels.is_empty()).then(|| format!("[{}]", labels.join(", ")))
}

/// The dictionary's required columns the row leaves blank. Some are required only at some
/// stages ("Required: Yes, for pilot and deployed use cases").
pub fn missing_required(row: &Map<String, Value>) -> Vec<String> {
    let text = |name: &str| row.get(name).and_then(Value::as_str).unwrap_or("").trim();
    let stage = text("development_stage");
    let mut required = vec![
        "id",
        "use_case_name",
        "agency_bureau",
        "contact_email",
        "is_withheld",
        "development_stage",
        "is_high_impact",
    ];
    if matches!(stage, "Pre-deployment" | "Pilot" | "Deployed") {
        required.extend([
            "topic_area",
            "classification",
            "problem_solved",
            "benefits",
            "system_outputs",
        ]);
    }
    if matches!(stage, "Pilot" | "Deployed") {
        required.extend([
            "operational_date",
            "contracting_usage",
            "have_ato",
            "data_description",
            "has_pii",
            "demographic_features",
            "has_custom_code",
        ]);
    }
    required
        .into_iter()
        .filter(|name| text(name).is_empty())
        .map(str::to_owned)
        .collect()
}

/// The bundled crosswalk, for the export direction.
pub fn crosswalk() -> Crosswalk {
    Crosswalk::bundled(Format::UsOmb)
}

/// Every entry as a row of the 2025 inventory (the COTS columns after the dictionary's).
pub fn export(entries: &[ExportEntry]) -> Result<Exported, ExportError> {
    let crosswalk = crosswalk();
    let rows = entries
        .iter()
        .map(|e| {
            let row = inventory_row(e, &crosswalk);
            let missing = missing_required(&row);
            (row, missing)
        })
        .collect();
    let columns: Vec<&str> = COLUMNS.iter().chain(COTS_COLUMNS.iter()).copied().collect();
    csv_export(&columns, entries, rows)
}
