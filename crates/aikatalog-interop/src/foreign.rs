//! A record of another register as read, and what it becomes here: a use case owned by the
//! foreign body, with every field that has no typed slot kept verbatim in its external
//! reference.
//!
//! Keys. An imported entry's slug and its owner's organisation code are derived from the
//! record, so a second import finds them again:
//! - the slug is `{prefix}-{record id as a slug}` (`nl-`, `uk-`, `ec-` …); when the id is not
//!   already slug-shaped (upper case, spaces, over 60 characters) eight hex digits of its
//!   SHA-256 are appended, so two ids never share a slug;
//! - a foreign body's code is `ext-{country}-{name as a slug}` (`ext-gb-hmrc`), hashed the same
//!   way. Danish codes are kommunekoder (digits) or short names of Danish bodies, and the
//!   importer refuses to reuse an `ext-` code held by an organisation of another country, so the
//!   two never collide.

use std::collections::BTreeMap;

use aikatalog_domain::{
    AiActClass, CountryCode, ExternalReference, Lifecycle, OrgCode, OrgKind, Organisation,
    PartialDate, Provenance, Slug, UseCase,
};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use url::Url;

use crate::report::{At, Report};

/// One record as the register wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignRecord {
    pub file: String,
    /// A CSV file's line, or the position in a JSON or YAML list (from 1).
    pub record: usize,
    /// The fields by the register's own names, values as found.
    pub fields: Map<String, Value>,
}

impl ForeignRecord {
    pub fn at(&self) -> At<'_> {
        At {
            file: &self.file,
            record: Some(self.record),
            field: None,
        }
    }
}

/// The organisation that runs the system in the other register.
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignBody {
    pub name: String,
    pub country: CountryCode,
    /// True for the stand-in owner of records that name no body.
    pub unknown: bool,
}

impl ForeignBody {
    pub fn code(&self) -> OrgCode {
        let country = self.country.as_str().to_ascii_lowercase();
        let stand_in = format!("ext-{country}{}", crate::formats::UNKNOWN_SUFFIX);
        let code = if self.unknown {
            Some(stand_in)
        } else {
            match key("ext", &format!("{country}-{}", self.name), 64) {
                // A body really called "unknown" is not the stand-in.
                Some(k) if k == stand_in => key("ext", &format!("{country}-{} ", self.name), 64),
                other => other,
            }
        };
        code.and_then(|k| OrgCode::try_from(k).ok())
            .unwrap_or_else(|| {
                OrgCode::try_from(format!("ext-{country}")).unwrap_or_else(|_| unreachable_code())
            })
    }

    pub fn organisation(&self) -> Organisation {
        Organisation {
            code: self.code(),
            kind: OrgKind::Other,
            name: self.name.clone(),
            short_name: None,
            name_en: None,
            region: None,
            website: None,
            ai_contact: None,
            postal_address: None,
            country: self.country,
            identifiers: Vec::new(),
        }
    }
}

// `ext-xx` is always a valid code; this is never reached.
fn unreachable_code() -> OrgCode {
    OrgCode::try_from("ext").unwrap_or_else(|_| panic!("`ext` is a valid organisation code"))
}

/// A record mapped to this catalogue's fields; `fields` keeps what has no typed slot.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapped {
    pub file: String,
    pub record: usize,
    pub slug: Slug,
    pub scheme: &'static str,
    pub id: String,
    pub url: Option<Url>,
    pub standard_version: Option<String>,
    pub language: &'static str,
    pub owner: ForeignBody,
    pub title: String,
    pub summary: String,
    pub description: Option<String>,
    pub department: Option<String>,
    pub lifecycle: Lifecycle,
    pub started: Option<PartialDate>,
    pub ended: Option<PartialDate>,
    pub contact_email: Option<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub legal_basis: Option<String>,
    pub human_oversight: Option<String>,
    pub data_description: Option<String>,
    pub domains: Vec<Slug>,
    pub primary_category: Slug,
    pub secondary_categories: Vec<Slug>,
    pub fields: BTreeMap<String, Value>,
    pub needs_review: Vec<String>,
    /// The AI Act class, when the standard states one.
    pub ai_act: Option<AiActClass>,
    /// Typed slots only some registers fill.
    pub details: Details,
}

/// Typed slots only some registers fill (the US inventory's sourcing, problem and outputs, the
/// Czech catalogue's expected impacts and lessons, …); empty by default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Details {
    pub technologies: Vec<String>,
    pub sourcing: Option<aikatalog_domain::Sourcing>,
    /// The benefits expected: the business case in brief.
    pub business_case: Option<String>,
    pub how_it_works: aikatalog_domain::HowItWorks,
    pub personal_data: Option<bool>,
    pub sensitive_attributes: Vec<aikatalog_domain::SensitiveAttribute>,
    pub assessments: Vec<aikatalog_domain::ImpactAssessment>,
    pub links: Vec<aikatalog_domain::sections::Link>,
    pub results_summary: Option<String>,
    pub challenges_note: Option<String>,
}

impl Details {
    /// Fills `doc`'s slots from these, where the record had a value.
    pub fn fill(&self, doc: &mut UseCase) {
        if !self.technologies.is_empty() {
            doc.technologies = self.technologies.clone();
        }
        if self.sourcing.is_some() {
            doc.sourcing = self.sourcing;
        }
        if self.business_case.is_some() {
            doc.cost.business_case = self.business_case.clone();
        }
        if !self.how_it_works.is_empty() {
            doc.how_it_works = self.how_it_works.clone();
        }
        if self.personal_data.is_some() {
            doc.data.personal_data = self.personal_data;
        }
        if !self.sensitive_attributes.is_empty() {
            doc.data.sensitive_attributes = self.sensitive_attributes.clone();
        }
        if !self.assessments.is_empty() {
            doc.assessments = self.assessments.clone();
        }
        if !self.links.is_empty() {
            doc.links = self.links.clone();
        }
        if self.results_summary.is_some() {
            doc.results_summary = self.results_summary.clone();
        }
        if self.challenges_note.is_some() {
            doc.challenges_note = self.challenges_note.clone();
        }
    }
}

impl Mapped {
    /// The use-case document this record becomes.
    pub fn document(&self) -> UseCase {
        let contact = (self.contact_email.is_some()
            || self.contact_name.is_some()
            || self.contact_phone.is_some())
        .then(|| aikatalog_domain::sections::Contact {
            name: self.contact_name.clone(),
            role: None,
            email: self.contact_email.clone(),
            phone: self.contact_phone.clone(),
        });
        let mut doc = UseCase {
            schema_version: Default::default(),
            slug: self.slug.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            description: self.description.clone(),
            owner: self.owner.code(),
            department: self.department.clone(),
            partners: Vec::new(),
            domains: self.domains.clone(),
            primary_category: self.primary_category.clone(),
            secondary_categories: self.secondary_categories.clone(),
            lifecycle: self.lifecycle,
            started: self.started,
            ended: self.ended,
            needs_profile: None,
            technologies: Vec::new(),
            vendors: Vec::new(),
            sourcing: None,
            cost: Default::default(),
            how_it_works: Default::default(),
            data: aikatalog_domain::sections::DataUse {
                description: self.data_description.clone(),
                ..Default::default()
            },
            legal: aikatalog_domain::use_case::Legal {
                basis: self.legal_basis.clone(),
                note: None,
            },
            assessments: Vec::new(),
            ai_act: aikatalog_domain::sections::AiAct {
                class: self.ai_act.unwrap_or(AiActClass::NotAssessed),
                justification: None,
                eu_database_url: None,
            },
            oversight: aikatalog_domain::use_case::Oversight {
                automated_decisions: None,
                human_oversight: self.human_oversight.clone(),
            },
            results: Vec::new(),
            results_summary: None,
            challenges: Vec::new(),
            challenges_note: None,
            links: Vec::new(),
            contact,
            algorithms: Vec::new(),
            review_on: None,
            provenance: Provenance {
                language: self.language.to_owned(),
                keywords: Vec::new(),
                references: vec![ExternalReference {
                    scheme: self.scheme.to_owned(),
                    id: self.id.clone(),
                    url: self.url.clone(),
                    standard_version: self.standard_version.clone(),
                    fields: self.fields.clone(),
                    needs_review: self.needs_review.clone(),
                }],
            },
            meta: None,
        };
        self.details.fill(&mut doc);
        doc
    }
}

/// Two records of one run with the same id would overwrite each other: a problem.
pub fn refuse_duplicates(mapped: &[Mapped], report: &mut Report) {
    let mut seen: BTreeMap<&str, &Mapped> = BTreeMap::new();
    for m in mapped {
        if let Some(first) = seen.insert(m.slug.as_str(), m) {
            report.problem(
                At {
                    file: &m.file,
                    record: Some(m.record),
                    field: None,
                },
                "duplicate_record",
                format!(
                    "the record `{}` also appears in {}, record {}",
                    m.id, first.file, first.record
                ),
            );
        }
    }
}

/// A key `{prefix}-{text as a slug}` of at most `max` characters, with a hash of `text` when
/// the slug is not `text` itself, so different texts never share a key.
pub fn key(prefix: &str, text: &str, max: usize) -> Option<String> {
    let mut slug = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        let part = match c {
            'a'..='z' | '0'..='9' => c.to_string(),
            'æ' | 'ä' => "ae".to_owned(),
            'ø' | 'ö' => "oe".to_owned(),
            'å' => "aa".to_owned(),
            'ü' => "ue".to_owned(),
            'é' | 'è' | 'ë' | 'ê' => "e".to_owned(),
            'á' | 'à' | 'â' => "a".to_owned(),
            'í' | 'ï' | 'ì' => "i".to_owned(),
            'ó' | 'ò' | 'ô' => "o".to_owned(),
            'ú' | 'ù' | 'û' => "u".to_owned(),
            'č' | 'ç' => "c".to_owned(),
            'ř' => "r".to_owned(),
            'š' => "s".to_owned(),
            'ž' => "z".to_owned(),
            'ý' => "y".to_owned(),
            _ => "-".to_owned(),
        };
        if part == "-" && (slug.is_empty() || slug.ends_with('-')) {
            continue;
        }
        slug.push_str(&part);
    }
    let slug = slug.trim_end_matches('-');
    let budget = max.checked_sub(prefix.len() + 1 + 9)?;
    let exact = slug == text && slug.len() + prefix.len() < max;
    if exact {
        return Some(format!("{prefix}-{slug}"));
    }
    let digest = hex::encode(Sha256::digest(text.as_bytes()));
    let mut head: String = slug.chars().take(budget).collect();
    while head.ends_with('-') {
        head.pop();
    }
    Some(if head.is_empty() {
        format!("{prefix}-{}", &digest[..8])
    } else {
        format!("{prefix}-{head}-{}", &digest[..8])
    })
}

/// The text of a field when it holds a non-blank string.
pub fn text<'a>(fields: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    match fields.get(name) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.as_str()),
        _ => None,
    }
}

/// Whether a field is missing, null, or a blank string.
pub fn is_blank(fields: &Map<String, Value>, name: &str) -> bool {
    match fields.get(name) {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(_) => false,
    }
}

/// Cuts text to at most `max` characters.
pub fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// The record's fields less those a typed slot took, as they were found, except that a null
/// is read as the field being absent (the catalogue's documents hold no nulls, so that the seed
/// format, TOML, can keep every one).
pub fn rest(fields: &Map<String, Value>, taken: &[&str]) -> BTreeMap<String, Value> {
    fields
        .iter()
        .filter(|(k, v)| !taken.contains(&k.as_str()) && !v.is_null())
        .map(|(k, v)| (k.clone(), without_nulls(v.clone())))
        .collect()
}

fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_slugs_that_never_share_a_value() {
        assert_eq!(
            key("nl", "centric-pko", 80).as_deref(),
            Some("nl-centric-pko")
        );
        let upper = key("nl", "xxllnc-Anonimiseren", 80).unwrap_or_default();
        assert!(upper.starts_with("nl-xxllnc-anonimiseren-"), "{upper}");
        assert_ne!(Some(upper), key("nl", "xxllnc-anonimiseren", 80));
        let long = key("ext", &"Ministerie van Binnenlandse Zaken ".repeat(5), 64);
        assert!(long.as_ref().is_some_and(|k| k.len() <= 64), "{long:?}");
        assert!(long.is_some_and(|k| OrgCode::try_from(k).is_ok()));
    }

    #[test]
    fn foreign_codes_cannot_look_like_danish_ones() {
        let body = ForeignBody {
            name: "HMRC".into(),
            country: CountryCode::try_from("GB".to_owned()).unwrap_or_default(),
            unknown: false,
        };
        assert!(body.code().as_str().starts_with("ext-gb-hmrc-"));
    }
}
