//! Rules for the parts of a record that say what the other registers and the AI Act ask:
//! dates, assessments, cost, data items, provenance, contacts and organisation identifiers.
//! [`crate::validation`] calls these alongside its own rules, with the same field paths and codes.

use crate::assessments::ImpactAssessment;
use crate::dates::PartialDate;
use crate::organisation::{IdentifierScheme, OrgIdentifier};
use crate::provenance::Provenance;
use crate::schema_version::{CURRENT, SchemaVersion};
use crate::sections::{Contact, DataUse};
use crate::sourcing::{Cost, Money};
use crate::validation::{FieldError, FieldErrors, check_url};

pub(crate) fn check_schema_version(out: &mut FieldErrors, version: SchemaVersion) {
    if !version.is_current() {
        out.push(FieldError::new(
            "schema_version",
            "unsupported_schema_version",
            format!(
                "documents are written in version {CURRENT}; leave `schema_version` out or set it \
                 to {CURRENT}"
            ),
        ));
    }
}

/// An end cannot come before its start (compared at the precision both give).
pub(crate) fn check_period(
    out: &mut FieldErrors,
    started: Option<PartialDate>,
    ended: Option<PartialDate>,
) {
    if let (Some(start), Some(end)) = (started, ended)
        && end.certainly_before(start)
    {
        out.push(FieldError::new(
            "ended",
            "date_order",
            format!("ends ({end}) before it started ({start})"),
        ));
    }
}

pub(crate) fn check_assessments(out: &mut FieldErrors, assessments: &[ImpactAssessment]) {
    for (i, a) in assessments.iter().enumerate() {
        if let Some(url) = &a.url {
            check_url(out, &format!("assessments[{i}].url"), url);
        }
        if a.fria.is_some() && a.kind != crate::assessments::AssessmentKind::Fria {
            out.push(FieldError::new(
                format!("assessments[{i}].fria"),
                "fria_elements_on_other_kind",
                "the elements of art. 27(1) belong to an assessment of kind `fria`",
            ));
        }
    }
}

fn check_money(out: &mut FieldErrors, field: &str, money: &Money) {
    if !money.amount.is_finite() {
        out.push(FieldError::new(
            format!("{field}.amount"),
            "not_finite",
            "must be a finite number",
        ));
    }
    if !money.currency.bytes().all(|b| b.is_ascii_uppercase()) {
        out.push(FieldError::new(
            format!("{field}.currency"),
            "currency",
            "must be an ISO 4217 code in capitals, such as DKK or EUR",
        ));
    }
}

pub(crate) fn check_cost(out: &mut FieldErrors, cost: &Cost) {
    if let Some(money) = &cost.one_off {
        check_money(out, "cost.one_off", money);
    }
    if let Some(money) = &cost.yearly {
        check_money(out, "cost.yearly", money);
    }
    if let Some(url) = &cost.business_case_url {
        check_url(out, "cost.business_case_url", url);
    }
}

pub(crate) fn check_data(out: &mut FieldErrors, field: &str, data: &DataUse) {
    for (i, source) in data.sources.iter().enumerate() {
        if let Some(url) = &source.url {
            check_url(out, &format!("{field}.sources[{i}].url"), url);
        }
    }
    crate::validation::check_unique(
        out,
        &format!("{field}.sensitive_attributes"),
        &data.sensitive_attributes,
    );
}

pub(crate) fn check_provenance(out: &mut FieldErrors, provenance: &Provenance) {
    if !provenance.language.bytes().all(|b| b.is_ascii_lowercase()) {
        out.push(FieldError::new(
            "provenance.language",
            "language",
            "must be an ISO 639-1 code in lower case, such as da or en",
        ));
    }
    for (i, keyword) in provenance.keywords.iter().enumerate() {
        if keyword.trim().is_empty() || keyword.chars().count() > 100 {
            out.push(FieldError::new(
                format!("provenance.keywords[{i}]"),
                "length",
                "must have a length between 1 and 100",
            ));
        }
    }
    for (i, reference) in provenance.references.iter().enumerate() {
        if let Some(url) = &reference.url {
            check_url(out, &format!("provenance.references[{i}].url"), url);
        }
        for (key, value) in &reference.fields {
            if contains_null(value) {
                out.push(FieldError::new(
                    format!("provenance.references[{i}].fields.{key}"),
                    "null_value",
                    "holds a null, which the seed format (TOML) cannot keep; leave the field out",
                ));
            }
        }
    }
}

/// Whether a kept-verbatim value holds a JSON null anywhere: exports write TOML, which has none,
/// so such a value could not go back out unchanged.
fn contains_null(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Null => true,
        serde_json::Value::Array(items) => items.iter().any(contains_null),
        serde_json::Value::Object(map) => map.values().any(contains_null),
        _ => false,
    }
}

/// A contact that is there must say something.
pub(crate) fn check_contact(out: &mut FieldErrors, field: &str, contact: Option<&Contact>) {
    if let Some(contact) = contact
        && contact.name.is_none()
        && contact.email.is_none()
        && contact.phone.is_none()
    {
        out.push(FieldError::new(
            field,
            "empty_contact",
            "a contact needs a name, an e-mail address or a phone number",
        ));
    }
}

/// CVR numbers have eight digits and EAN (GLN) numbers thirteen; other registers name themselves.
pub(crate) fn check_identifiers(out: &mut FieldErrors, identifiers: &[OrgIdentifier]) {
    let digits = |v: &str, n: usize| v.len() == n && v.bytes().all(|b| b.is_ascii_digit());
    for (i, id) in identifiers.iter().enumerate() {
        let field = format!("identifiers[{i}]");
        match id.scheme {
            IdentifierScheme::Cvr if !digits(&id.value, 8) => out.push(FieldError::new(
                format!("{field}.value"),
                "cvr_number",
                "a CVR number has eight digits",
            )),
            IdentifierScheme::Ean if !digits(&id.value, 13) => out.push(FieldError::new(
                format!("{field}.value"),
                "ean_number",
                "an EAN (GLN) number has thirteen digits",
            )),
            IdentifierScheme::Other if id.scheme_name.is_none() => out.push(FieldError::new(
                format!("{field}.scheme_name"),
                "required",
                "an identifier in another register must name the register",
            )),
            _ => {}
        }
    }
    let keys: Vec<String> = identifiers
        .iter()
        .map(|id| format!("{} {}", id.scheme, id.value))
        .collect();
    crate::validation::check_unique(out, "identifiers", &keys);
}
