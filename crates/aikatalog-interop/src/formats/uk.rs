//! The UK Algorithmic Transparency Recording Standard. Import reads the GOV.UK record index
//! (`atrs_records.csv`: publishing_body, tool_name, published, url; `atrs_records.json`:
//! `{meta, records}` with title, description and listed_organisations besides), and CSV or JSON
//! records in the v2.1/v3.0 template's attribute names (`name`, `organisation_name`,
//! `one_sentence_description`, `phase`, `contact_email`, …). A record's id is the last part of
//! its GOV.UK address, else `id`. Export writes the index's JSON shape, every kept field
//! under its own name.

use aikatalog_domain::Lifecycle;
use serde_json::{Map, Value, json};
use url::Url;

use super::{
    ExportEntry, Mapping, Standard, fill, lifecycle_name, records_with_gaps, stand_in_summary,
};
use crate::Input;
use crate::crosswalk::Crosswalk;
use crate::export::{ExportError, Exported};
use crate::foreign::{self, ForeignRecord, Mapped};
use crate::report::{At, Report};

pub struct Uk;

const SCHEME: &str = "uk_atrs";

/// What a stand-in summary calls a record without one.
const SUMMARY_KIND: &str = "Algorithmic transparency record";

/// The index's required fields.
const REQUIRED: [&str; 3] = ["publishing_body", "tool_name", "url"];

/// The v3.0 template's phases.
const PHASE: [(&str, Lifecycle); 4] = [
    ("Pre-deployment", Lifecycle::Analysis),
    ("Beta/Pilot", Lifecycle::Pilot),
    ("Production", Lifecycle::InOperation),
    ("Retired", Lifecycle::Stopped),
];

const RECORD_PATH: &str = "/algorithmic-transparency-records/";

impl Standard for Uk {
    fn scheme(&self) -> &'static str {
        SCHEME
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["csv", "json"]
    }

    fn read(&self, input: &Input, report: &mut Report) -> Vec<ForeignRecord> {
        let is_json = input.name.to_ascii_lowercase().ends_with(".json");
        if !is_json {
            let (text, _) = crate::decode::decode(&input.bytes);
            return crate::table::read_csv(&input.name, &text, report);
        }
        let (text, _) = crate::decode::decode(&input.bytes);
        match serde_json::from_str::<Value>(&text) {
            // The index's `{meta, records}`; `meta` describes the file, not a record.
            Ok(Value::Object(mut top)) if top.contains_key("records") => {
                let records = top.remove("records").unwrap_or(Value::Null);
                super::records_of(&input.name, records, report)
            }
            Ok(other) => super::records_of(&input.name, other, report),
            Err(e) => {
                report.problem(
                    At::file(&input.name),
                    "unreadable_json",
                    format!("not JSON: {e}"),
                );
                Vec::new()
            }
        }
    }

    fn map(
        &self,
        record: &ForeignRecord,
        crosswalk: &Crosswalk,
        report: &mut Report,
    ) -> Option<Mapped> {
        let f = &record.fields;
        let url = foreign::text(f, "url").and_then(|u| Url::parse(u.trim()).ok());
        let from_url = url.as_ref().and_then(|u| {
            u.path()
                .split_once(RECORD_PATH)
                .map(|(_, rest)| rest.trim_matches('/').to_owned())
                .filter(|rest| !rest.is_empty())
        });
        let id = from_url.or_else(|| foreign::text(f, "id").map(str::to_owned));
        let Some(id) = id else {
            report.problem(
                record.at().field("url"),
                "blank_required",
                "the record has neither a GOV.UK record address (`url`) nor an `id`, so a \
                 second import could not find it again",
            );
            return None;
        };
        let Some(slug) = foreign::key("uk", &id, 80).and_then(|k| k.try_into().ok()) else {
            report.problem(record.at().field("url"), "invalid_value", "unusable id");
            return None;
        };
        let mut m = Mapping::new(record, report);
        let title = m
            .take_text("tool_name", 200)
            .or_else(|| m.take_text("name", 200))
            .filter(|t| t.chars().count() >= 3);
        let Some(title) = title else {
            m.report.problem(
                record.at().field("tool_name"),
                "blank_required",
                "the record has no tool name (three characters at least)",
            );
            return None;
        };
        let summary = ["description", "one_sentence_description"]
            .into_iter()
            .find(|k| foreign::text(f, k).is_some_and(|s| (10..=2000).contains(&s.chars().count())))
            .and_then(|k| m.take_text(k, 2000))
            .unwrap_or_else(|| stand_in_summary(SUMMARY_KIND, &title));
        let body = [
            "publishing_body",
            "organisation_name",
            "organisation_or_department",
        ]
        .into_iter()
        .find_map(|k| foreign::text(f, k).map(|v| (k, v.to_owned())));
        let owner = match body {
            Some((field, name)) => {
                m.taken.push(field);
                m.owner(Some(name), "GB", field)
            }
            None => m.owner(None, "GB", "publishing_body"),
        };
        let lifecycle = m.take_enum("phase", &PHASE).unwrap_or(Lifecycle::NotStated);
        let contact_email = m.take_email("contact_email");
        let description = m.take_text("detailed_description", 20000);
        let human_oversight = m.take_text("human_decisions_and_review", 4000);
        let data_description = m.take_text("data_description", 4000);
        for field in ["function", "capability", "task"] {
            m.classify(crosswalk, field);
        }
        let (domains, primary_category, secondary_categories) = m.classification(crosswalk);
        let standard_version = foreign::text(f, "standard_version").map(|v| foreign::cut(v, 40));
        let fields = foreign::rest(f, &m.taken);
        Some(Mapped {
            file: record.file.clone(),
            record: record.record,
            slug,
            scheme: SCHEME,
            id: foreign::cut(&id, 200),
            url,
            standard_version,
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
            json!({
                "meta": {
                    "source": "AI-kataloget",
                    "standard": "UK Algorithmic Transparency Recording Standard (record index)",
                    "n_records": records.len(),
                },
                "records": records,
            })
        };
        Ok(Exported {
            content_type: "application/json",
            extension: "json",
            body: serde_json::to_vec_pretty(&body)?,
            missing_required: gaps,
        })
    }
}

fn record(entry: &ExportEntry) -> Map<String, Value> {
    let doc = &entry.doc;
    let reference = entry.reference(SCHEME);
    let mut out = reference
        .map(|r| r.fields.clone().into_iter().collect::<Map<_, _>>())
        .unwrap_or_default();
    let kept = |names: &[&str]| names.iter().any(|n| out.contains_key(*n));
    let has_name = kept(&["tool_name", "name"]);
    let has_body = kept(&[
        "publishing_body",
        "organisation_name",
        "organisation_or_department",
    ]);
    let has_summary = kept(&["description", "one_sentence_description"]);
    let text = |s: &Option<String>| s.as_ref().map(|s| Value::String(s.clone()));
    if !has_name {
        fill(
            &mut out,
            "tool_name",
            Some(Value::String(doc.title.clone())),
        );
    }
    if !has_body {
        fill(
            &mut out,
            "publishing_body",
            entry.owner_name().map(Value::String),
        );
    }
    if !has_summary && !super::has_stand_in_summary(entry, SCHEME, SUMMARY_KIND) {
        fill(
            &mut out,
            "description",
            Some(Value::String(doc.summary.clone())),
        );
    }
    fill(
        &mut out,
        "url",
        reference
            .and_then(|r| r.url.as_ref())
            .map(|u| Value::String(u.to_string())),
    );
    fill(
        &mut out,
        "phase",
        lifecycle_name(&PHASE, doc.lifecycle).map(|s| Value::String(s.to_owned())),
    );
    fill(
        &mut out,
        "contact_email",
        doc.contact
            .as_ref()
            .and_then(|c| c.email.clone())
            .map(Value::String),
    );
    fill(&mut out, "detailed_description", text(&doc.description));
    fill(
        &mut out,
        "human_decisions_and_review",
        text(&doc.oversight.human_oversight),
    );
    fill(&mut out, "data_description", text(&doc.data.description));
    out
}
