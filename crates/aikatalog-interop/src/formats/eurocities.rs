//! The Eurocities algorithmic transparency standard v0.3.1 (`schema-v0_3_1.yaml`). Import reads
//! YAML records (one mapping or a list) and the standard's CSV template as a city fills it in:
//! one column per attribute, semicolon separated as the template renders it (commas work too).
//! The template file as published (a Jekyll page whose header a site generator fills in)
//! holds no records and is reported as such. Enumerated values are read in English or Dutch, and
//! written back in the record's language (`lang`). Export writes YAML: one mapping for one entry,
//! a list otherwise.
//!
//! The standard names no country; a record's `country` (ISO 3166-1, not part of v0.3.1) is
//! used when given, else the crosswalk's stand-in, and the entry is marked for review.

use aikatalog_domain::{AiActClass, CountryCode, Lifecycle};
use serde_json::{Map, Value};
use url::Url;

use super::{ExportEntry, Mapping, Standard, fill, records_with_gaps, stand_in_summary};
use crate::Input;
use crate::crosswalk::Crosswalk;
use crate::export::{ExportError, Exported};
use crate::foreign::{self, ForeignRecord, Mapped};
use crate::report::{At, Report};

pub struct Eurocities;

const SCHEME: &str = "eurocities";

/// What a stand-in summary calls a record without one.
const SUMMARY_KIND: &str = "Algorithmic transparency registration";

/// v0.3.1's required attributes, in the schema's order.
pub const REQUIRED: [&str; 29] = [
    "name",
    "description_short",
    "organization",
    "department",
    "contact_email",
    "area",
    "domain",
    "status",
    "decision_making_process",
    "goal",
    "impact",
    "risks",
    "risk_category",
    "proportionality",
    "lawful_basis",
    "training_data",
    "source_data",
    "connected_data_sources",
    "algorithm_type",
    "description",
    "monitoring",
    "type",
    "human_intervention",
    "objection_procedure",
    "standard_version",
    "lang",
    "publication_date",
    "last_change_date",
    "revision_date",
];

/// `status` in English and Dutch. `evaluation` has no life-cycle stage here: it is kept as
/// written.
const STATUS_EN: [(&str, Lifecycle); 6] = [
    ("planned", Lifecycle::Idea),
    ("design", Lifecycle::Analysis),
    ("development", Lifecycle::Implementation),
    ("pilot", Lifecycle::Pilot),
    ("operational", Lifecycle::InOperation),
    ("retired", Lifecycle::Stopped),
];
const STATUS_NL: [(&str, Lifecycle); 6] = [
    ("gepland", Lifecycle::Idea),
    ("ontwerp", Lifecycle::Analysis),
    ("ontwikkeling", Lifecycle::Implementation),
    ("pilot", Lifecycle::Pilot),
    ("operationeel", Lifecycle::InOperation),
    ("beëindigd", Lifecycle::Stopped),
];
const STATUS_WITHOUT_STAGE: [&str; 2] = ["evaluation", "evaluatie"];

const RISK_EN: [(&str, AiActClass); 4] = [
    ("minimal risk", AiActClass::Minimal),
    ("limited risk", AiActClass::Limited),
    ("high risk", AiActClass::High),
    ("unacceptable", AiActClass::Prohibited),
];
const RISK_NL: [(&str, AiActClass); 4] = [
    ("minimaal risico", AiActClass::Minimal),
    ("beperkt risico", AiActClass::Limited),
    ("hoog risico", AiActClass::High),
    ("onaanvaardbaar", AiActClass::Prohibited),
];

/// The ISO 639-1 codes a registration's `lang` is read as; any other value is read as English,
/// the standard's own language.
const LANGUAGES: [&str; 14] = [
    "cs", "da", "de", "en", "es", "et", "fi", "fr", "it", "nl", "no", "pl", "pt", "sv",
];

/// A closed list's values in one language, with ours.
type Table<T> = &'static [(&'static str, T)];

/// The status and risk lists in the record's language.
fn tables(lang: &str) -> (Table<Lifecycle>, Table<AiActClass>) {
    if lang == "nl" {
        (&STATUS_NL, &RISK_NL)
    } else {
        (&STATUS_EN, &RISK_EN)
    }
}

/// Removes a Jekyll front matter block (`---` … `---`) from the start of `text`.
fn without_front_matter(text: &str) -> &str {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return text;
    };
    match rest.find("\n---") {
        Some(end) => rest[end + 4..].trim_start_matches(['\r', '\n']),
        None => text,
    }
}

impl Standard for Eurocities {
    fn scheme(&self) -> &'static str {
        SCHEME
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["csv", "yaml", "yml"]
    }

    fn read(&self, input: &Input, report: &mut Report) -> Vec<ForeignRecord> {
        let (text, _) = crate::decode::decode(&input.bytes);
        let name = input.name.to_ascii_lowercase();
        if name.ends_with(".yaml") || name.ends_with(".yml") {
            return match serde_yaml_ng::from_str::<Value>(&text) {
                Ok(value) => super::records_of(&input.name, value, report),
                Err(e) => {
                    let line = e.location().map(|l| l.line());
                    report.problem(
                        At {
                            file: &input.name,
                            record: line,
                            field: None,
                        },
                        "unreadable_yaml",
                        format!("not YAML: {e}"),
                    );
                    Vec::new()
                }
            };
        }
        let body = without_front_matter(&text);
        if body.contains("{%") || body.contains("{{") {
            report.notes.push(crate::report::Note {
                file: input.name.clone(),
                record: None,
                field: None,
                code: "template_without_records".into(),
                message: "a site template that renders the CSV header from the standard's \
                          schema; it holds no records"
                    .into(),
            });
            return Vec::new();
        }
        crate::table::read_csv(&input.name, body, report)
    }

    fn map(
        &self,
        record: &ForeignRecord,
        crosswalk: &Crosswalk,
        report: &mut Report,
    ) -> Option<Mapped> {
        let f = &record.fields;
        let Some(name) = foreign::text(f, "name").map(str::to_owned) else {
            report.problem(
                record.at().field("name"),
                "blank_required",
                "the record has no name",
            );
            return None;
        };
        let id = match foreign::text(f, "uuid") {
            Some(uuid) => uuid.to_owned(),
            None => format!(
                "{} / {}",
                foreign::text(f, "organization").unwrap_or(""),
                name
            ),
        };
        let Some(slug) = foreign::key("ec", &id, 80).and_then(|k| k.try_into().ok()) else {
            report.problem(record.at().field("uuid"), "invalid_value", "unusable id");
            return None;
        };
        let lang = match foreign::text(f, "lang").map(|l| l.trim().to_ascii_lowercase()) {
            Some(l) if l == "nld" || l == "dut" => "nl",
            Some(l) => LANGUAGES.iter().copied().find(|c| *c == l).unwrap_or("en"),
            None => "en",
        };
        let mut m = Mapping::new(record, report);
        for field in REQUIRED {
            m.blank_required(field);
        }
        let Some(title) = m.take_text("name", 200).filter(|t| t.chars().count() >= 3) else {
            m.report.problem(
                record.at().field("name"),
                "invalid_value",
                "the name is shorter than three characters",
            );
            return None;
        };
        let summary = match foreign::text(f, "description_short") {
            Some(s) if (10..=2000).contains(&s.chars().count()) => {
                m.take_text("description_short", 2000)
            }
            _ => None,
        }
        .unwrap_or_else(|| stand_in_summary(SUMMARY_KIND, &title));
        let country = match foreign::text(f, "country")
            .and_then(|c| CountryCode::try_from(c.trim().to_owned()).ok())
        {
            Some(c) => {
                m.taken.push("country");
                c.to_string()
            }
            None => {
                let stand_in = crosswalk
                    .unmapped
                    .country
                    .clone()
                    .unwrap_or_else(|| "NL".into());
                m.unmapped(
                    "country",
                    "no_country",
                    format!("the standard names no country; {stand_in} stands in"),
                );
                stand_in
            }
        };
        let organisation = foreign::text(f, "organization").map(str::to_owned);
        if organisation.is_some() {
            m.taken.push("organization");
        }
        let owner = m.owner(organisation, &country, "organization");
        let department = foreign::text(f, "department")
            .filter(|d| d.trim().chars().count() >= 2)
            .and_then(|_| m.take_text("department", 200));
        let (status_table, risk_table) = tables(lang);
        let status_has_no_stage =
            foreign::text(f, "status").is_some_and(|s| STATUS_WITHOUT_STAGE.contains(&s.trim()));
        let lifecycle = if status_has_no_stage {
            Lifecycle::NotStated
        } else {
            m.take_enum("status", status_table)
                .unwrap_or(Lifecycle::NotStated)
        };
        let ai_act = m.take_enum("risk_category", risk_table);
        let contact_email = m.take_email("contact_email");
        let contact_name = foreign::text(f, "contact_name")
            .filter(|n| n.trim().chars().count() >= 2)
            .and_then(|_| m.take_text("contact_name", 200));
        let contact_phone = foreign::text(f, "contact_phone")
            .filter(|p| (4..=40).contains(&p.chars().count()))
            .and_then(|_| m.take_text("contact_phone", 40));
        let description = m.take_text("goal", 20000);
        let legal_basis = m.take_text("lawful_basis", 4000);
        let human_oversight = m.take_text("human_intervention", 4000);
        let data_description = m.take_text("source_data", 4000);
        for field in ["domain", "algorithm_type", "type"] {
            m.classify(crosswalk, field);
        }
        let (domains, primary_category, secondary_categories) = m.classification(crosswalk);
        let url = foreign::text(f, "website").and_then(|u| Url::parse(u.trim()).ok());
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
            language: lang,
            owner,
            title,
            summary,
            description,
            department,
            lifecycle,
            started: None,
            ended: None,
            contact_email,
            contact_name,
            contact_phone,
            legal_basis,
            human_oversight,
            data_description,
            domains,
            primary_category,
            secondary_categories,
            fields,
            needs_review: m.needs_review,
            details: Default::default(),
            ai_act,
        })
    }

    fn export(&self, entries: &[ExportEntry], one: bool) -> Result<Exported, ExportError> {
        let (mut records, gaps) = records_with_gaps(entries, &REQUIRED, record);
        let body = if one && records.len() == 1 {
            records.remove(0)
        } else {
            Value::Array(records)
        };
        let yaml =
            serde_yaml_ng::to_string(&body).map_err(|e| ExportError::Write(e.to_string()))?;
        Ok(Exported {
            content_type: "application/yaml",
            extension: "yaml",
            body: yaml.into_bytes(),
            missing_required: gaps,
        })
    }
}

fn record(entry: &ExportEntry) -> Map<String, Value> {
    let doc = &entry.doc;
    let reference = entry.reference(SCHEME);
    let mut out: Map<String, Value> = reference
        .map(|r| r.fields.clone().into_iter().collect())
        .unwrap_or_default();
    // The closed lists exist in Dutch and English only; `lang` still says what the text is in.
    let (status_table, risk_table) = tables(&doc.provenance.language);
    let text = |s: &Option<String>| s.as_ref().map(|s| Value::String(s.clone()));
    let string = |s: &str| Some(Value::String(s.to_owned()));
    fill(&mut out, "name", string(&doc.title));
    if !super::has_stand_in_summary(entry, SCHEME, SUMMARY_KIND) {
        fill(&mut out, "description_short", string(&doc.summary));
    }
    fill(
        &mut out,
        "organization",
        entry.owner_name().map(Value::String),
    );
    fill(&mut out, "department", text(&doc.department));
    if let Some(contact) = &doc.contact {
        fill(&mut out, "contact_email", text(&contact.email));
        fill(&mut out, "contact_name", text(&contact.name));
        fill(&mut out, "contact_phone", text(&contact.phone));
    }
    fill(
        &mut out,
        "status",
        super::lifecycle_name(status_table, doc.lifecycle).and_then(string),
    );
    fill(
        &mut out,
        "risk_category",
        super::lifecycle_name(risk_table, doc.ai_act.class).and_then(string),
    );
    fill(&mut out, "goal", text(&doc.description));
    fill(&mut out, "lawful_basis", text(&doc.legal.basis));
    fill(
        &mut out,
        "human_intervention",
        text(&doc.oversight.human_oversight),
    );
    fill(&mut out, "source_data", text(&doc.data.description));
    if reference.is_none() {
        fill(&mut out, "lang", string(&doc.provenance.language));
        fill(&mut out, "standard_version", string("0.3.1"));
    }
    // A CSV registration's empty cells say nothing, and an empty `DPIA_url` is no URL.
    out.retain(|_, v| !matches!(v, Value::String(s) if s.trim().is_empty()));
    out
}
