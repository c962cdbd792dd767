//! The Czech Digital and Information Agency's catalogue of AI use cases in the public sector
//! (`use-cases.json`, and `use-cases-full.json`, which adds the author and the contact): a JSON
//! list of records keyed by Czech field names. `categories.json` beside them lists the
//! catalogue's six categories, not use cases: it is reported and not imported.
//!
//! Nulls (the file has many) are left out of the kept fields, as the catalogue keeps no null;
//! export writes a missing field as null, as the file does.

use aikatalog_domain::sections::{Link, LinkKind};
use aikatalog_domain::{Lifecycle, Slug, Sourcing};
use serde_json::{Map, Value};

use super::rows::{first_export, shorten, slug_of, web_address};
use super::{ExportEntry, Mapping, Standard, lifecycle_name, read_json, stand_in_summary};
use crate::crosswalk::Crosswalk;
use crate::export::{ExportError, Exported};
use crate::foreign::{self, Details, ForeignRecord, Mapped};
use crate::report::Report;
use crate::{Format, Input};

pub const SCHEME: &str = "cz_dia";
/// The catalogue's repository commit the field names follow (github.com/vit-krizka/ai-use-cases).
pub const VERSION: &str = "2025-12";

const TITLE: &str = "Název projektu";
const SUMMARY: &str = "Krátký popis";
const PROBLEM: &str = "Řešený problém";
const INSTITUTION: &str = "Instituce";
const SUPPLIER: &str = "Dodavatel";
const STATUS: &str = "Stav projektu";
const IMPACTS: &str = "Očekávané dopady";
const EVALUATION: &str = "Vyhodnocení úspěšnosti";
const LESSONS: &str = "Poučení pro příští projekty";
const SOURCE: &str = "Zdroj";
const SOURCE_LABEL: &str = "Označení zdroje";
const CONTACT: &str = "Informace o zdroji a kontaktní osoba";
const FIELD: &str = "Obor činnosti";
const MAIN_CATEGORY: &str = "Hlavní kategorie use case";
const CATEGORIES: &str = "Kategorie use case";
const AI_TYPE: &str = "Typ umělé inteligence";

/// The public file's fields in its order; export writes every one (null where unknown).
pub const FIELDS: [&str; 16] = [
    "id",
    TITLE,
    AI_TYPE,
    MAIN_CATEGORY,
    SUMMARY,
    PROBLEM,
    INSTITUTION,
    SUPPLIER,
    STATUS,
    IMPACTS,
    EVALUATION,
    LESSONS,
    SOURCE,
    SOURCE_LABEL,
    FIELD,
    CATEGORIES,
];

/// The fields every record of the catalogue fills.
pub const REQUIRED: [&str; 6] = ["id", TITLE, MAIN_CATEGORY, SUMMARY, INSTITUTION, STATUS];

/// `Stav projektu` values with a life cycle of their own, both ways.
pub const STAGES: &[(&str, Lifecycle)] = &[
    ("Produkce", Lifecycle::InOperation),
    ("Pilot / PoC", Lifecycle::Pilot),
    ("Nápad / záměr", Lifecycle::Idea),
];

/// Variants the file also writes, read (and kept verbatim) but never written. "Veřejná zakázka
/// / výběr dodavatele" (tendering) is none of our stages and is left for review.
const STAGE_VARIANTS: &[(&str, Lifecycle)] = &[
    ("Pilot / PoC (Interní)", Lifecycle::Pilot),
    ("Prototyp / PoC", Lifecycle::Pilot),
];

/// `Dodavatel` values that say the body built it itself.
const IN_HOUSE: [&str; 2] = ["In-house vývoj", "Interní vývoj"];

pub struct CzDia;

impl Standard for CzDia {
    fn scheme(&self) -> &'static str {
        SCHEME
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["json"]
    }

    fn read(&self, input: &Input, report: &mut Report) -> Vec<ForeignRecord> {
        read_json(input, report)
            .into_iter()
            .filter(|r| {
                let category = !r.fields.contains_key(TITLE) && r.fields.contains_key("title");
                if category {
                    report.unmapped(
                        r.at(),
                        "source_record",
                        "one of the catalogue's categories, not a use case; not imported",
                    );
                }
                !category
            })
            .collect()
    }

    fn map(
        &self,
        record: &ForeignRecord,
        crosswalk: &Crosswalk,
        report: &mut Report,
    ) -> Option<Mapped> {
        let id = match record.fields.get("id") {
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
            _ => {
                report.problem(
                    record.at().field("id"),
                    "blank_required",
                    "a record without an id cannot be found again by the next import",
                );
                return None;
            }
        };
        let mut m = Mapping::new(record, report);
        m.taken.push("id");
        for field in REQUIRED {
            m.blank_required(field);
        }
        let title = m
            .take_text(TITLE, 200)
            .filter(|t| t.trim().chars().count() >= 3)
            .unwrap_or_else(|| format!("Use case {id}"));
        // The owner's name without the spaces the file leaves around some; then the field is
        // kept as written.
        let institution = match foreign::text(&record.fields, INSTITUTION) {
            Some(name) if name == name.trim() => m.take_text(INSTITUTION, 200),
            Some(name) => Some(foreign::cut(name.trim(), 200)),
            None => None,
        };
        let owner = m.owner(institution, "CZ", INSTITUTION);
        let summary = match m.take_text(SUMMARY, 2000) {
            Some(s) if s.trim().chars().count() >= 10 => s,
            Some(s) => {
                m.taken.retain(|t| *t != SUMMARY);
                stand_in_summary("Use case", &format!("{title}. {s}"))
            }
            None => match foreign::text(&record.fields, SUMMARY) {
                Some(long) => shorten(long, 600),
                None => stand_in_summary("Use case", &title),
            },
        };
        let problem = m.take_text(PROBLEM, 4000);
        let business_case = m.take_text(IMPACTS, 4000);
        let results_summary = m.take_text(EVALUATION, 4000);
        let challenges_note = m.take_text(LESSONS, 4000);
        let status = foreign::text(&record.fields, STATUS).unwrap_or("").trim();
        let lifecycle = if let Some((_, l)) = STAGES.iter().find(|(v, _)| *v == status) {
            m.taken.push(STATUS);
            *l
        } else if let Some((_, l)) = STAGE_VARIANTS.iter().find(|(v, _)| *v == status) {
            *l
        } else {
            if !status.is_empty() {
                m.unmapped(
                    STATUS,
                    "unknown_value",
                    format!("`{status}` is none of the catalogue's stages; kept as written"),
                );
            }
            Lifecycle::NotStated
        };
        // Kept verbatim as well: the list is free text (lines, `;`, brackets).
        let technologies = list(
            foreign::text(&record.fields, AI_TYPE).unwrap_or(""),
            &['\n', ';'],
        )
        .into_iter()
        .filter(|t| t.chars().count() <= 100)
        .take(50)
        .collect();
        let sourcing = foreign::text(&record.fields, SUPPLIER)
            .filter(|s| IN_HOUSE.contains(&s.trim()))
            .map(|_| Sourcing::InHouse);
        let links = foreign::text(&record.fields, SOURCE)
            .and_then(|s| web_address(s.trim()))
            .map(|url| Link {
                title: foreign::text(&record.fields, SOURCE_LABEL)
                    .map(str::trim)
                    .filter(|t| (2..=300).contains(&t.chars().count()))
                    .unwrap_or("Zdroj")
                    .to_owned(),
                url,
                kind: LinkKind::Website,
            })
            .into_iter()
            .collect();
        let contact_email = foreign::text(&record.fields, CONTACT).and_then(mailto);

        let main = foreign::text(&record.fields, MAIN_CATEGORY).unwrap_or("");
        let mut categories: Vec<Slug> = Vec::new();
        let mut domains: Vec<Slug> = Vec::new();
        let mut values = vec![(MAIN_CATEGORY, main.to_owned())];
        values.extend(
            list(
                foreign::text(&record.fields, CATEGORIES).unwrap_or(""),
                &[';'],
            )
            .into_iter()
            .map(|v| (CATEGORIES, v)),
        );
        for (field, value) in values {
            lookup(
                &mut m,
                crosswalk,
                "category",
                field,
                &value,
                &mut categories,
                true,
            );
        }
        for value in list(foreign::text(&record.fields, FIELD).unwrap_or(""), &[';']) {
            lookup(
                &mut m,
                crosswalk,
                "field",
                FIELD,
                &value,
                &mut domains,
                false,
            );
        }
        m.resolved.domains = domains;
        m.resolved.categories = categories;
        let (domains, primary_category, secondary_categories) = m.classification(crosswalk);
        let fields = foreign::rest(&record.fields, &m.taken)
            .into_iter()
            .filter(|(_, v)| !v.is_null())
            .collect();
        Some(Mapped {
            file: record.file.clone(),
            record: record.record,
            slug: slug_of("cz", &id),
            scheme: SCHEME,
            id,
            url: None,
            standard_version: Some(VERSION.to_owned()),
            language: "cs",
            owner,
            title,
            summary,
            description: None,
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
            details: Details {
                technologies,
                sourcing,
                business_case,
                results_summary,
                challenges_note,
                links,
                how_it_works: aikatalog_domain::HowItWorks {
                    problem,
                    ..Default::default()
                },
                ..Details::default()
            },
        })
    }

    fn export(&self, entries: &[ExportEntry], _one: bool) -> Result<Exported, ExportError> {
        let crosswalk = Crosswalk::bundled(Format::CzDia);
        let rows: Vec<(Map<String, Value>, Vec<String>)> = entries
            .iter()
            .map(|e| {
                let row = record(e, &crosswalk);
                let missing = super::missing(&row, &REQUIRED);
                (row, missing)
            })
            .collect();
        super::rows::json_export(entries, rows)
    }
}

/// Looks one value up in a vocabulary of the crosswalk (values compared with runs of spaces as
/// one), adding what it maps to; a value the crosswalk does not know is noted under the
/// record's own field name.
fn lookup(
    m: &mut Mapping<'_>,
    crosswalk: &Crosswalk,
    vocabulary: &str,
    field: &str,
    value: &str,
    out: &mut Vec<Slug>,
    categories: bool,
) {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return;
    }
    match crosswalk.lookup(vocabulary, &value) {
        Some(target) => {
            let slugs = if categories {
                &target.categories
            } else {
                &target.domains
            };
            for slug in slugs {
                if !out.contains(slug) {
                    out.push(slug.clone());
                }
            }
        }
        None => m.unmapped(
            field,
            "unmapped_value",
            format!("`{value}` has no entry in the crosswalk"),
        ),
    }
}

/// A text's items: split at `separators`, trimmed, blanks and repeats dropped.
fn list(text: &str, separators: &[char]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in text.split(separators) {
        let item = item.trim();
        if !item.is_empty() && !out.iter().any(|o| o == item) {
            out.push(item.to_owned());
        }
    }
    out
}

/// The one e-mail address a `mailto:` link in the contact text names.
fn mailto(text: &str) -> Option<String> {
    let mut found = text.split("mailto:").skip(1).map(|rest| {
        rest.split(|c: char| c == '"' || c == '\'' || c == '>' || c.is_whitespace())
            .next()
            .unwrap_or("")
            .to_owned()
    });
    let first = found.next()?;
    let plausible = first
        .split_once('@')
        .is_some_and(|(u, h)| !u.is_empty() && h.contains('.'));
    (plausible && found.next().is_none() && first.len() <= 200).then_some(first)
}

/// The entry as a record of the catalogue.
pub fn record(entry: &ExportEntry, crosswalk: &Crosswalk) -> Map<String, Value> {
    let doc = &entry.doc;
    let reference = entry.reference(SCHEME);
    let mut out = Map::new();
    if let Some(r) = reference {
        for (name, value) in &r.fields {
            out.insert(name.clone(), value.clone());
        }
    }
    let mut put = |name: &str, value: Option<Value>| {
        if let Some(value) = value
            && !out.contains_key(name)
        {
            out.insert(name.to_owned(), value);
        }
    };
    let text = |s: &str| Some(Value::String(s.to_owned()));
    put(
        "id",
        Some(match reference {
            Some(r) => {
                r.id.parse::<u64>()
                    .map_or_else(|_| Value::String(r.id.clone()), Value::from)
            }
            None => Value::String(doc.slug.to_string()),
        }),
    );
    put(TITLE, text(&doc.title));
    put(SUMMARY, text(&doc.summary));
    put(INSTITUTION, entry.owner_name().map(Value::String));
    put(PROBLEM, doc.how_it_works.problem.clone().map(Value::String));
    put(IMPACTS, doc.cost.business_case.clone().map(Value::String));
    put(EVALUATION, doc.results_summary.clone().map(Value::String));
    put(LESSONS, doc.challenges_note.clone().map(Value::String));
    put(STATUS, lifecycle_name(STAGES, doc.lifecycle).and_then(text));
    if reference.is_none() {
        let main = first_export(
            crosswalk,
            "category",
            std::iter::once(&doc.primary_category),
        );
        put(MAIN_CATEGORY, main.clone().map(Value::String));
        let all: Vec<String> = std::iter::once(&doc.primary_category)
            .chain(&doc.secondary_categories)
            .filter_map(|c| first_export(crosswalk, "category", std::iter::once(c)))
            .collect();
        put(
            CATEGORIES,
            (!all.is_empty()).then(|| Value::String(all.join("; "))),
        );
        let fields: Vec<String> = doc
            .domains
            .iter()
            .filter_map(|d| first_export(crosswalk, "field", std::iter::once(d)))
            .collect();
        put(
            FIELD,
            (!fields.is_empty()).then(|| Value::String(fields.join("; "))),
        );
        put(
            AI_TYPE,
            (!doc.technologies.is_empty()).then(|| Value::String(doc.technologies.join("\n"))),
        );
        if let Some(link) = doc.links.first() {
            put(SOURCE, text(link.url.as_str()));
            put(SOURCE_LABEL, text(&link.title));
        }
    }
    for name in FIELDS {
        put(name, Some(Value::Null));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contact_gives_an_address_only_when_it_names_one() {
        assert_eq!(
            mailto("RNDr. Vít Musil <a href=\"mailto:vit.musil@mail.muni.cz\">vit</a>").as_deref(),
            Some("vit.musil@mail.muni.cz")
        );
        assert_eq!(mailto("Jan Novák, odbor IT"), None);
        assert_eq!(mailto("mailto:a@b.cz mailto:c@d.cz"), None);
    }

    #[test]
    fn lists_are_split_trimmed_and_without_repeats() {
        assert_eq!(
            list("LLM\n Generativní AI;\nLLM\n\n", &['\n', ';']),
            vec!["LLM".to_owned(), "Generativní AI".to_owned()]
        );
    }
}
