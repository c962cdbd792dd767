//! The Dutch Algoritmeregister. Import reads the register's records as its API and templates
//! write them (standard 1.0, and the 0.4 templates, which differ only in names), and records in
//! publication standard v1.0.0's names. Export writes publication standard v1.0.0
//! (`publicatiestandaard-v1.0.0.schema.json`): the standard's names, filled from the typed slots
//! and from the kept fields through [`NL_RENAMES`], beside every kept field under its own name.
//! A kept value that the standard's rules for its name refuse (an `end_date` that is not
//! `YYYY-MM`, a status outside the list) is moved to `x_nonconforming`, so nothing is lost and the
//! record still validates.

use aikatalog_domain::Lifecycle;
use serde_json::{Map, Value};
use url::Url;

use super::{
    ExportEntry, Mapping, Standard, fill, lifecycle_name, records_with_gaps, stand_in_summary,
};
use crate::Input;
use crate::crosswalk::Crosswalk;
use crate::export::{ExportError, Exported};
use crate::foreign::{self, ForeignRecord, Mapped};
use crate::report::Report;

pub struct Nl;

const SCHEME: &str = "nl_algoritmeregister";

/// What a stand-in summary calls a record without one.
const SUMMARY_KIND: &str = "Algoritmeregister";

/// The register's field names (standard 1.0 API and templates) and their publication standard
/// v1.0.0 names.
pub const NL_RENAMES: [(&str, &str); 16] = [
    ("category", "theme"),
    ("begin_date", "start_date"),
    ("contact_email", "contact"),
    ("goal", "purpose_and_impact"),
    ("proportionality", "considerations"),
    ("risks", "risk_management"),
    ("lawful_basis", "legal_basis"),
    ("impacttoetsen", "impact_assessments"),
    ("iama_description", "impact_assessment_explanation"),
    ("source_data", "data"),
    ("source_data_link", "data_source_link"),
    ("methods_and_models", "technical_operation"),
    ("provider", "supplier"),
    ("website", "link"),
    ("publiccode", "source_code_link"),
    ("tags", "search_terms"),
];

const STATUS: [(&str, Lifecycle); 3] = [
    ("In ontwikkeling", Lifecycle::Implementation),
    ("In gebruik", Lifecycle::InOperation),
    ("Buiten gebruik", Lifecycle::Stopped),
];

const PUBLICATION_CATEGORIES: [&str; 3] = [
    "Hoog-risico AI-systeem (Categorie A)",
    "Impactvolle algoritmes (Categorie B)",
    "Overige algoritmes (Categorie C)",
];

/// Publication standard v1.0.0's required fields.
const REQUIRED: [&str; 18] = [
    "name",
    "description_short",
    "organization",
    "theme",
    "status",
    "start_date",
    "contact",
    "publication_category",
    "purpose_and_impact",
    "considerations",
    "human_intervention",
    "risk_management",
    "impact_assessments",
    "data",
    "technical_operation",
    "supplier",
    "language",
    "schema",
];

/// Where kept values go that the standard's rules for their name refuse.
pub const NONCONFORMING: &str = "x_nonconforming";

/// Whether `value` meets publication standard v1.0.0's rule for `name`; names the standard
/// does not define take anything.
fn conforms(name: &str, value: &Value) -> bool {
    let max = |n: usize| value.as_str().is_some_and(|s| s.chars().count() <= n);
    let uri = || {
        value
            .as_str()
            .is_some_and(|s| !s.contains(char::is_whitespace) && Url::parse(s).is_ok())
    };
    let month = || {
        value.as_str().is_some_and(|s| {
            s.len() == 7
                && s.bytes().enumerate().all(|(i, b)| {
                    if i == 4 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                })
        })
    };
    match name {
        "name" | "organization" | "legal_basis_title" => max(99),
        "description_short" => max(399),
        "data_source_title" => max(499),
        "supplier" => max(199),
        "purpose_and_impact"
        | "considerations"
        | "human_intervention"
        | "risk_management"
        | "legal_basis"
        | "impact_assessment_explanation"
        | "data" => max(2499),
        "technical_operation" => max(4999),
        "contact" | "impact_assessments" | "source_id" | "search_terms" => value.is_string(),
        "theme" => value
            .as_array()
            .is_some_and(|items| items.iter().all(Value::is_string)),
        "status" => value
            .as_str()
            .is_some_and(|s| STATUS.iter().any(|(v, _)| *v == s)),
        "publication_category" => value
            .as_str()
            .is_some_and(|s| PUBLICATION_CATEGORIES.contains(&s)),
        "start_date" | "end_date" => month(),
        "link"
        | "source_link"
        | "legal_basis_link"
        | "processing_register_link"
        | "impact_assessment_link"
        | "data_source_link"
        | "source_code_link" => uri(),
        "language" => value == "nld",
        "schema" => value == "1.0.0",
        _ => true,
    }
}

fn is_standard_name(name: &str) -> bool {
    REQUIRED.contains(&name)
        || [
            "end_date",
            "link",
            "source_link",
            "legal_basis_link",
            "legal_basis_title",
            "processing_register_link",
            "impact_assessment_link",
            "impact_assessment_explanation",
            "data_source_link",
            "data_source_title",
            "source_code_link",
            "source_id",
            "search_terms",
        ]
        .contains(&name)
}

impl Standard for Nl {
    fn scheme(&self) -> &'static str {
        SCHEME
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["json"]
    }

    fn read(&self, input: &Input, report: &mut Report) -> Vec<ForeignRecord> {
        let mut records = super::read_json(input, report);
        // Values an earlier export set aside go back to their own names.
        for r in &mut records {
            if let Some(Value::Object(set_aside)) = r.fields.remove(NONCONFORMING) {
                for (k, v) in set_aside {
                    r.fields.insert(k, v);
                }
            }
        }
        records
    }

    fn map(
        &self,
        record: &ForeignRecord,
        crosswalk: &Crosswalk,
        report: &mut Report,
    ) -> Option<Mapped> {
        let f = &record.fields;
        let Some(id) = ["id", "uuid", "source_id"]
            .iter()
            .find_map(|k| foreign::text(f, k))
            .map(str::to_owned)
        else {
            report.problem(
                record.at().field("id"),
                "blank_required",
                "the record has no `id`, `uuid` or `source_id`, so a second import could not \
                 find it again",
            );
            return None;
        };
        let Some(slug) = foreign::key("nl", &id, 80).and_then(|k| k.try_into().ok()) else {
            report.problem(record.at().field("id"), "invalid_value", "unusable id");
            return None;
        };
        let mut m = Mapping::new(record, report);
        let Some(title) = m.take_text("name", 200).filter(|t| t.chars().count() >= 3) else {
            m.report.problem(
                record.at().field("name"),
                "blank_required",
                "the record has no name (three characters at least)",
            );
            return None;
        };
        let summary = match foreign::text(f, "description_short") {
            Some(s) if (10..=2000).contains(&s.chars().count()) => {
                m.take_text("description_short", 2000)
            }
            _ => None,
        };
        let summary = summary.unwrap_or_else(|| {
            m.blank_required("description_short");
            stand_in_summary(SUMMARY_KIND, &title)
        });
        let description = m
            .take_text("goal", 20000)
            .or_else(|| m.take_text("purpose_and_impact", 20000));
        let organisation = foreign::text(f, "organization").map(str::to_owned);
        if organisation.is_some() {
            m.taken.push("organization");
        }
        let owner = m.owner(organisation, "NL", "organization");
        if foreign::is_blank(f, "status") {
            m.blank_required("status");
        }
        let lifecycle = m
            .take_enum("status", &STATUS)
            .unwrap_or(Lifecycle::NotStated);
        let started = m
            .take_date("begin_date")
            .or_else(|| m.take_date("start_date"));
        let ended = m.take_date("end_date");
        let contact_email = m
            .take_email("contact_email")
            .or_else(|| m.take_email("contact"));
        let legal_basis = m
            .take_text("lawful_basis", 4000)
            .or_else(|| m.take_text("legal_basis", 4000));
        let human_oversight = m.take_text("human_intervention", 4000);
        let data_description = m
            .take_text("source_data", 4000)
            .or_else(|| m.take_text("data", 4000));
        for (old, new) in [
            ("category", "theme"),
            ("publication_category", "publication_category"),
            ("begin_date", "start_date"),
            ("contact_email", "contact"),
            ("goal", "purpose_and_impact"),
            ("proportionality", "considerations"),
            ("risks", "risk_management"),
            ("impacttoetsen", "impact_assessments"),
            ("source_data", "data"),
            ("methods_and_models", "technical_operation"),
            ("provider", "supplier"),
        ] {
            if foreign::is_blank(f, old) && foreign::is_blank(f, new) {
                m.blank_required(old);
            }
        }
        for field in ["category", "theme", "type"] {
            m.classify(crosswalk, field);
        }
        let (domains, primary_category, secondary_categories) = m.classification(crosswalk);
        let url = foreign::text(f, "url").and_then(|u| Url::parse(u).ok());
        let standard_version = foreign::text(f, "standard_version")
            .or_else(|| foreign::text(f, "schema"))
            .map(|v| foreign::cut(v, 40));
        let fields = foreign::rest(f, &m.taken);
        Some(Mapped {
            file: record.file.clone(),
            record: record.record,
            slug,
            scheme: SCHEME,
            id: foreign::cut(&id, 200),
            url,
            standard_version,
            language: "nl",
            owner,
            title,
            summary,
            description,
            department: None,
            lifecycle,
            started,
            ended,
            contact_email,
            contact_name: None,
            contact_phone: None,
            legal_basis,
            human_oversight,
            data_description,
            domains,
            primary_category,
            secondary_categories,
            fields,
            needs_review: m.needs_review,
            details: Default::default(),
            ai_act: None,
        })
    }

    fn export(&self, entries: &[ExportEntry], one: bool) -> Result<Exported, ExportError> {
        let (mut records, gaps) = records_with_gaps(entries, &REQUIRED, record);
        let body = if one && records.len() == 1 {
            records.remove(0)
        } else {
            Value::Array(records)
        };
        Ok(Exported {
            content_type: "application/json",
            extension: "json",
            body: serde_json::to_vec_pretty(&body)?,
            missing_required: gaps,
        })
    }
}

/// One entry as a publication standard v1.0.0 record.
fn record(entry: &ExportEntry) -> Map<String, Value> {
    let doc = &entry.doc;
    let mut out = Map::new();
    let mut set_aside = Map::new();
    let kept = entry.reference(SCHEME).map(|r| &r.fields);
    let present = |names: &[&str]| kept.is_some_and(|k| names.iter().any(|n| k.contains_key(*n)));
    if let Some(kept) = kept {
        for (name, value) in kept {
            if !is_standard_name(name) || conforms(name, value) {
                out.insert(name.clone(), value.clone());
            } else if is_blank_value(value) {
                // A blank standard field is the same as a missing one (listed as missing).
                out.insert(name.clone(), value.clone());
            } else {
                set_aside.insert(name.clone(), value.clone());
            }
        }
        // Blank values under the standard's names would not validate; they say nothing.
        out.retain(|name, value| !(is_standard_name(name) && is_blank_value(value)));
    }
    let text = |s: &Option<String>| s.as_ref().map(|s| Value::String(s.clone()));
    let month = |d: Option<aikatalog_domain::PartialDate>| {
        d.and_then(|d| {
            d.month()
                .map(|m| Value::String(format!("{:04}-{m:02}", d.year())))
        })
    };
    let typed: [(&[&str], &str, Option<Value>); 11] = [
        (&["name"], "name", Some(Value::String(doc.title.clone()))),
        (
            &["description_short"],
            "description_short",
            (!super::has_stand_in_summary(entry, SCHEME, SUMMARY_KIND))
                .then(|| Value::String(doc.summary.clone())),
        ),
        (
            &["organization"],
            "organization",
            entry.owner_name().map(Value::String),
        ),
        (
            &["status"],
            "status",
            lifecycle_name(&STATUS, doc.lifecycle).map(|s| Value::String(s.to_owned())),
        ),
        (
            &["begin_date", "start_date"],
            "start_date",
            month(doc.started),
        ),
        (&["end_date"], "end_date", month(doc.ended)),
        (
            &["contact_email", "contact"],
            "contact",
            doc.contact
                .as_ref()
                .and_then(|c| c.email.clone())
                .map(Value::String),
        ),
        (
            &["goal", "purpose_and_impact"],
            "purpose_and_impact",
            text(&doc.description),
        ),
        (
            &["human_intervention"],
            "human_intervention",
            text(&doc.oversight.human_oversight),
        ),
        (
            &["lawful_basis", "legal_basis"],
            "legal_basis",
            text(&doc.legal.basis),
        ),
        (
            &["source_data", "data"],
            "data",
            text(&doc.data.description),
        ),
    ];
    for (sources, name, value) in typed {
        if !present(sources) && value.as_ref().is_some_and(|v| conforms(name, v)) {
            fill(&mut out, name, value);
        }
    }
    for (old, new) in NL_RENAMES {
        let value = out.get(old).cloned().filter(|v| !is_blank_value(v));
        if let Some(value) = value
            && conforms(new, &value)
        {
            fill(&mut out, new, Some(value));
        }
    }
    if let Some(Value::String(category)) = set_aside.get("publication_category") {
        let matching: Vec<_> = PUBLICATION_CATEGORIES
            .iter()
            .filter(|c| c.starts_with(category.trim()))
            .collect();
        if let [only] = matching[..] {
            fill(
                &mut out,
                "publication_category",
                Some(Value::String((*only).to_owned())),
            );
        }
    }
    if !set_aside.is_empty() {
        out.insert(NONCONFORMING.to_owned(), Value::Object(set_aside));
    }
    out.insert("language".into(), Value::String("nld".into()));
    out.insert("schema".into(), Value::String("1.0.0".into()));
    out
}

fn is_blank_value(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}
