//! One module per register format, each a [`Standard`]: how its files are read, how a record
//! maps to a use case, and how entries are written back. To add a format, write its module,
//! return it from [`standard`], and add its crosswalk file.

pub mod cz_dia;
mod eurocities;
pub mod jrc_ai_watch;
mod nl;
pub mod rows;
mod uk;
pub mod us_omb;

use aikatalog_domain::{CountryCode, ExternalReference, Organisation, PartialDate, Slug, UseCase};
use serde_json::{Map, Value};

use crate::crosswalk::{Crosswalk, Resolved};
use crate::export::{ExportError, Exported, MissingRequired};
use crate::foreign::{self, ForeignBody, ForeignRecord, Mapped};
use crate::report::Report;
use crate::{Format, Input};

pub use eurocities::Eurocities;
pub use nl::{NL_RENAMES, NONCONFORMING, Nl};
pub use uk::Uk;

/// A public entry to export, with its owner's record.
#[derive(Debug, Clone)]
pub struct ExportEntry {
    pub doc: UseCase,
    pub owner: Option<Organisation>,
}

impl ExportEntry {
    /// The entry's reference in `scheme`, when it came from that register.
    pub fn reference(&self, scheme: &str) -> Option<&ExternalReference> {
        self.doc
            .provenance
            .references
            .iter()
            .find(|r| r.scheme == scheme)
    }

    /// The owner's name, unless the owner is the stand-in for records that named none.
    pub fn owner_name(&self) -> Option<String> {
        let owner = self.owner.as_ref()?;
        (!owner.code.as_str().ends_with(UNKNOWN_SUFFIX)).then(|| owner.name.clone())
    }
}

/// The code suffix of the stand-in owner of records that name no body (`ext-nl-unknown`).
pub const UNKNOWN_SUFFIX: &str = "-unknown";

/// A register format.
pub trait Standard: Sync {
    /// The external reference's scheme (`nl_algoritmeregister`).
    fn scheme(&self) -> &'static str;
    /// File extensions (lower case) read from a folder.
    fn extensions(&self) -> &'static [&'static str];
    /// Reads one file's records, reporting what cannot be read.
    fn read(&self, input: &Input, report: &mut Report) -> Vec<ForeignRecord>;
    /// Maps one record; `None` (with a problem reported) when it cannot become an entry.
    fn map(
        &self,
        record: &ForeignRecord,
        crosswalk: &Crosswalk,
        report: &mut Report,
    ) -> Option<Mapped>;
    /// Writes entries in the format; `one` when a single entry was asked for.
    fn export(&self, entries: &[ExportEntry], one: bool) -> Result<Exported, ExportError>;
}

static NL: Nl = Nl;
static UK: Uk = Uk;
static EUROCITIES: Eurocities = Eurocities;

/// The implementation of `format`, when this build has one.
pub fn standard(format: Format) -> Option<&'static dyn Standard> {
    match format {
        Format::NlAlgoritmeregister => Some(&NL),
        Format::UkAtrs => Some(&UK),
        Format::Eurocities => Some(&EUROCITIES),
        Format::UsOmb => Some(&us_omb::UsOmb),
        Format::JrcAiWatch => Some(&jrc_ai_watch::JrcAiWatch),
        Format::CzDia => Some(&cz_dia::CzDia),
    }
}

/// Reads a JSON file as one record (an object) or a list of them.
pub fn read_json(input: &Input, report: &mut Report) -> Vec<ForeignRecord> {
    let (text, _) = crate::decode::decode(&input.bytes);
    match serde_json::from_str::<Value>(&text) {
        Ok(value) => records_of(&input.name, value, report),
        Err(e) => {
            report.problem(
                crate::report::At {
                    file: &input.name,
                    record: None,
                    field: None,
                },
                "unreadable_json",
                format!("not JSON: {e} (line {}, column {})", e.line(), e.column()),
            );
            Vec::new()
        }
    }
}

/// A parsed document's records: an object is one, a list holds several.
pub fn records_of(file: &str, value: Value, report: &mut Report) -> Vec<ForeignRecord> {
    let items = match value {
        Value::Array(items) => items,
        other => vec![other],
    };
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Value::Object(fields) => out.push(ForeignRecord {
                file: file.to_owned(),
                record: i + 1,
                fields,
            }),
            _ => report.problem(
                crate::report::At {
                    file,
                    record: Some(i + 1),
                    field: None,
                },
                "not_a_record",
                "expected an object of named fields",
            ),
        }
    }
    out
}

/// What every format's mapping shares: taking typed values out of a record's fields, noting
/// what cannot be mapped, and the crosswalk's domains and categories.
pub struct Mapping<'a> {
    pub record: &'a ForeignRecord,
    pub report: &'a mut Report,
    /// Field names a typed slot took; the rest are kept verbatim.
    pub taken: Vec<&'static str>,
    pub needs_review: Vec<String>,
    pub resolved: Resolved,
}

impl<'a> Mapping<'a> {
    pub fn new(record: &'a ForeignRecord, report: &'a mut Report) -> Self {
        Mapping {
            record,
            report,
            taken: Vec::new(),
            needs_review: Vec::new(),
            resolved: Resolved::default(),
        }
    }

    /// A non-blank string of at most `max` characters, taken into a typed slot; anything else
    /// stays in the verbatim fields.
    pub fn take_text(&mut self, name: &'static str, max: usize) -> Option<String> {
        let value = foreign::text(&self.record.fields, name)?;
        if value.chars().count() > max {
            return None;
        }
        self.taken.push(name);
        Some(value.to_owned())
    }

    /// A date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) that reads back as written.
    pub fn take_date(&mut self, name: &'static str) -> Option<PartialDate> {
        let value = foreign::text(&self.record.fields, name)?;
        match PartialDate::parse(value.trim()) {
            Ok(date) if date.to_string() == value => {
                self.taken.push(name);
                Some(date)
            }
            _ => {
                self.unmapped(
                    name,
                    "invalid_value",
                    format!("`{value}` is not a date such as 2023-01; kept as written"),
                );
                None
            }
        }
    }

    /// An e-mail address the catalogue accepts.
    pub fn take_email(&mut self, name: &'static str) -> Option<String> {
        let value = foreign::text(&self.record.fields, name)?;
        let plausible = value.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !value.contains(char::is_whitespace)
        });
        if plausible && value.len() <= 200 {
            self.taken.push(name);
            Some(value.to_owned())
        } else {
            self.unmapped(
                name,
                "invalid_value",
                format!("`{value}` is not an e-mail address; kept as written"),
            );
            None
        }
    }

    /// A value of a closed list, mapped through `table` (the standard's value, ours); a value
    /// outside the list is reported and kept as written.
    pub fn take_enum<T: Copy>(&mut self, name: &'static str, table: &[(&str, T)]) -> Option<T> {
        let value = foreign::text(&self.record.fields, name)?;
        match table.iter().find(|(v, _)| *v == value) {
            Some((_, ours)) => {
                self.taken.push(name);
                Some(*ours)
            }
            None => {
                let known: Vec<_> = table.iter().map(|(v, _)| *v).collect();
                self.unmapped(
                    name,
                    "unknown_value",
                    format!(
                        "`{value}` is not one of the standard's values ({}); kept as written",
                        known.join(", ")
                    ),
                );
                None
            }
        }
    }

    /// Looks the field's value (a string, or each string of a list) up in the crosswalk.
    pub fn classify(&mut self, crosswalk: &Crosswalk, name: &str) {
        let values: Vec<String> = match self.record.fields.get(name) {
            Some(Value::String(s)) if !s.trim().is_empty() => vec![s.clone()],
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .filter(|s| !s.trim().is_empty())
                .collect(),
            _ => Vec::new(),
        };
        for value in values {
            self.resolved.add(crosswalk, name, &value);
        }
    }

    /// Notes a value the import could not map; the entry is marked for review.
    pub fn unmapped(&mut self, field: &str, code: &str, message: String) {
        self.needs_review.push(format!("{field}: {message}"));
        self.report
            .unmapped(self.record.at().field(field), code, message);
    }

    /// Notes a required field of the standard left blank.
    pub fn blank_required(&mut self, field: &str) {
        if foreign::is_blank(&self.record.fields, field) {
            self.unmapped(
                field,
                "blank_required",
                "the standard requires this field; it is blank".to_owned(),
            );
        }
    }

    /// The domains and categories, with the crosswalk's stand-ins (and a review mark) where
    /// the record's values gave none.
    pub fn classification(&mut self, crosswalk: &Crosswalk) -> (Vec<Slug>, Slug, Vec<Slug>) {
        for (field, value) in std::mem::take(&mut self.resolved.unknown) {
            self.unmapped(
                &field,
                "unmapped_value",
                format!("`{value}` has no entry in the crosswalk"),
            );
        }
        let mut domains = self.resolved.domains.clone();
        domains.truncate(6);
        if domains.is_empty() {
            domains.push(crosswalk.unmapped.domain.clone());
            self.needs_review.push(format!(
                "domains: no value of the record maps to a domain; `{}` stands in",
                crosswalk.unmapped.domain
            ));
            self.report.unmapped(
                self.record.at(),
                "no_domain",
                format!(
                    "no value maps to a domain; `{}` stands in until a curator decides",
                    crosswalk.unmapped.domain
                ),
            );
        }
        let mut categories = self.resolved.categories.clone();
        if categories.is_empty() {
            categories.push(crosswalk.unmapped.category.clone());
            self.needs_review.push(format!(
                "primary_category: no value of the record maps to an AI category; `{}` stands in",
                crosswalk.unmapped.category
            ));
            self.report.unmapped(
                self.record.at(),
                "no_category",
                format!(
                    "no value maps to one of the twelve AI categories; `{}` stands in until a \
                     curator decides",
                    crosswalk.unmapped.category
                ),
            );
        }
        let primary = categories.remove(0);
        categories.truncate(11);
        (domains, primary, categories)
    }

    /// The owner: the named body, or the register's stand-in for records that name none.
    pub fn owner(&mut self, name: Option<String>, country: &str, field: &str) -> ForeignBody {
        let country = CountryCode::try_from(country.to_owned()).unwrap_or_default();
        match name {
            Some(name) => ForeignBody {
                name: foreign::cut(&name, 200),
                country,
                unknown: false,
            },
            None => {
                self.unmapped(
                    field,
                    "blank_required",
                    "names no organisation; the register's stand-in owner holds the entry"
                        .to_owned(),
                );
                ForeignBody {
                    name: format!("Unknown organisation ({country})"),
                    country,
                    unknown: true,
                }
            }
        }
    }
}

/// A summary for a record without one (at least ten characters, as the catalogue needs).
pub fn stand_in_summary(kind: &str, title: &str) -> String {
    foreign::cut(&format!("{kind}: {title}"), 2000)
}

/// Whether an entry from `scheme` holds the summary the import wrote for a record without one
/// (which the export must not give back as the register's own text).
pub fn has_stand_in_summary(entry: &ExportEntry, scheme: &str, kind: &str) -> bool {
    entry.reference(scheme).is_some()
        && entry.doc.summary == stand_in_summary(kind, &entry.doc.title)
}

/// Puts `value` under `name` unless the output already has that name.
pub fn fill(out: &mut Map<String, Value>, name: &str, value: Option<Value>) {
    if let Some(value) = value
        && !out.contains_key(name)
    {
        out.insert(name.to_owned(), value);
    }
}

/// The standard's required names the record leaves missing, null or blank.
pub fn missing(out: &Map<String, Value>, required: &[&str]) -> Vec<String> {
    required
        .iter()
        .filter(|name| foreign::is_blank(out, name))
        .map(|name| (*name).to_owned())
        .collect()
}

/// Each entry as the standard's record (`record`), in order, and the standard's required names
/// each leaves unfilled: what every JSON-shaped export (NL, UK, Eurocities) writes and reports.
pub fn records_with_gaps(
    entries: &[ExportEntry],
    required: &[&str],
    record: impl Fn(&ExportEntry) -> Map<String, Value>,
) -> (Vec<Value>, Vec<MissingRequired>) {
    let mut records = Vec::with_capacity(entries.len());
    let mut gaps = Vec::new();
    for entry in entries {
        let out = record(entry);
        let fields = missing(&out, required);
        if !fields.is_empty() {
            gaps.push(MissingRequired {
                entry: entry.doc.slug.to_string(),
                fields,
            });
        }
        records.push(Value::Object(out));
    }
    (records, gaps)
}

/// Our life cycle in a standard's words, by the same table import reads.
pub fn lifecycle_name<T: Copy + PartialEq>(
    table: &[(&'static str, T)],
    ours: T,
) -> Option<&'static str> {
    table.iter().find(|(_, l)| *l == ours).map(|(v, _)| *v)
}
