//! Validation: the shape rules declared with `validator` on the types, plus the domain rules that
//! need more than one field or knowledge of the reference data. Every rule reports a
//! [`FieldError`] with a path such as `results[2].unit`, and all of a document's errors are
//! collected together rather than stopping at the first.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use crate::algorithm::Algorithm;
use crate::ids::{OrgCode, Slug};
use crate::record_rules as record;
use crate::reference::{Category, Domain, OrgKind, Organisation};
use crate::use_case::UseCase;

/// One thing wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"field": "results[2].unit", "code": "length", "message": "must have a length between 1 and 60"}))]
pub struct FieldError {
    /// Path to the field, e.g. `results[2].unit`; empty for the document as a whole.
    pub field: String,
    /// Stable snake_case code, e.g. `length`, `unknown_category`.
    pub code: String,
    pub message: String,
    /// The message in Danish, where the people who act on it read Danish (the AI Act
    /// registration's missing information); `message` stays English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_da: Option<String>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code: code.to_owned(),
            message: message.into(),
            message_da: None,
        }
    }

    /// The same error with its message in Danish too.
    pub fn with_danish(mut self, message_da: impl Into<String>) -> Self {
        self.message_da = Some(message_da.into());
        self
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{} ({})", self.message, self.code)
        } else {
            write!(f, "{}: {} ({})", self.field, self.message, self.code)
        }
    }
}

/// All the errors of one document, in field order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    /// Whether `field`, or a field that holds it, has an error: `results[2]` covers
    /// `results[2].unit`, and the empty path covers everything.
    pub fn covers(&self, field: &str) -> bool {
        self.0.iter().any(|e| {
            let reported = e.field.as_str();
            reported.is_empty()
                || field == reported
                || field
                    .strip_prefix(reported)
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
    }

    pub fn into_result(mut self) -> Result<(), FieldErrors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            self.0.sort_by(|a, b| a.field.cmp(&b.field));
            Err(self)
        }
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FieldErrors {}

/// What validation needs to know of the stored reference data and entries. The storage layer
/// and the importer implement it; the rules stay free of I/O.
pub trait References {
    fn has_category(&self, slug: &Slug) -> bool;
    fn has_domain(&self, slug: &Slug) -> bool;
    fn organisation_kind(&self, code: &OrgCode) -> Option<OrgKind>;
    fn has_algorithm(&self, slug: &Slug) -> bool;
}

/// Flattens `validator`'s nested error tree into field paths.
fn flatten(prefix: &str, errors: &ValidationErrors, out: &mut FieldErrors) {
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    let message = e
                        .message
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_else(|| describe(&e.code, &e.params));
                    out.push(FieldError::new(path.clone(), &e.code, message));
                }
            }
            ValidationErrorsKind::Struct(inner) => flatten(&path, inner, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    flatten(&format!("{path}[{i}]"), inner, out);
                }
            }
        }
    }
}

fn describe(
    code: &str,
    params: &std::collections::HashMap<std::borrow::Cow<'static, str>, serde_json::Value>,
) -> String {
    let p = |k: &str| params.get(k).map(ToString::to_string);
    match code {
        "length" => match (p("min"), p("max"), p("equal")) {
            (_, _, Some(n)) => format!("must have a length of exactly {n}"),
            (Some(min), Some(max), _) => format!("must have a length between {min} and {max}"),
            (Some(min), None, _) => format!("must have a length of at least {min}"),
            (None, Some(max), _) => format!("must have a length of at most {max}"),
            _ => "has the wrong length".to_owned(),
        },
        "range" => match (p("min"), p("max")) {
            (Some(min), Some(max)) => format!("must be between {min} and {max}"),
            (Some(min), None) => format!("must be at least {min}"),
            (None, Some(max)) => format!("must be at most {max}"),
            _ => "is out of range".to_owned(),
        },
        "email" => "is not a valid e-mail address".to_owned(),
        "url" => "is not a valid URL".to_owned(),
        other => format!("is invalid ({other})"),
    }
}

fn shape_errors(doc: &impl Validate) -> FieldErrors {
    let mut out = FieldErrors::default();
    if let Err(errors) = doc.validate() {
        flatten("", &errors, &mut out);
    }
    out
}

fn require_text(out: &mut FieldErrors, field: &str, value: &str) {
    if value.trim().is_empty() {
        out.push(FieldError::new(field, "blank", "must not be blank"));
    }
}

pub(crate) fn check_unique<'a, T: Eq + std::hash::Hash + fmt::Display + 'a>(
    out: &mut FieldErrors,
    field: &str,
    items: impl IntoIterator<Item = &'a T>,
) {
    let mut seen = HashSet::new();
    for (i, item) in items.into_iter().enumerate() {
        if !seen.insert(item) {
            out.push(FieldError::new(
                format!("{field}[{i}]"),
                "duplicate",
                format!("`{item}` is listed twice"),
            ));
        }
    }
}

fn check_org(
    out: &mut FieldErrors,
    refs: &dyn References,
    field: &str,
    code: &OrgCode,
    want: Option<OrgKind>,
) {
    match (refs.organisation_kind(code), want) {
        (None, _) => out.push(FieldError::new(
            field,
            "unknown_organisation",
            format!("no organisation has the code `{code}`"),
        )),
        (Some(kind), Some(want)) if kind != want => out.push(FieldError::new(
            field,
            "wrong_organisation_kind",
            format!("`{code}` is a {} organisation, not a {}", kind, want),
        )),
        _ => {}
    }
}

/// Links must be web addresses a browser can open safely.
pub(crate) fn check_url(out: &mut FieldErrors, field: &str, url: &url::Url) {
    if !matches!(url.scheme(), "http" | "https") {
        out.push(FieldError::new(
            field,
            "url_scheme",
            format!("must be an http(s) address, not `{}:`", url.scheme()),
        ));
    }
}

fn check_range(out: &mut FieldErrors, field: &str, value: f64, value_max: Option<f64>) {
    if !value.is_finite() {
        out.push(FieldError::new(
            format!("{field}.value"),
            "not_finite",
            "must be a finite number",
        ));
    }
    if let Some(max) = value_max
        && !(max.is_finite() && max >= value)
    {
        out.push(FieldError::new(
            format!("{field}.value_max"),
            "range_order",
            "must be a finite number not below `value`",
        ));
    }
}

/// Validates a use case against the shape rules and the reference data.
pub fn validate_use_case(doc: &UseCase, refs: &dyn References) -> Result<(), FieldErrors> {
    let mut out = shape_errors(doc);
    require_text(&mut out, "title", &doc.title);
    require_text(&mut out, "summary", &doc.summary);
    check_org(&mut out, refs, "owner", &doc.owner, None);
    for (i, p) in doc.partners.iter().enumerate() {
        let field = format!("partners[{i}]");
        check_org(&mut out, refs, &field, p, None);
        if *p == doc.owner {
            out.push(FieldError::new(
                field,
                "owner_as_partner",
                "the owner is not its own partner",
            ));
        }
    }
    check_unique(&mut out, "partners", &doc.partners);
    for (i, v) in doc.vendors.iter().enumerate() {
        check_org(
            &mut out,
            refs,
            &format!("vendors[{i}]"),
            v,
            Some(OrgKind::Vendor),
        );
    }
    check_unique(&mut out, "vendors", &doc.vendors);
    for (i, d) in doc.domains.iter().enumerate() {
        if !refs.has_domain(d) {
            out.push(FieldError::new(
                format!("domains[{i}]"),
                "unknown_domain",
                format!("no domain has the slug `{d}`"),
            ));
        }
    }
    check_unique(&mut out, "domains", &doc.domains);
    if !refs.has_category(&doc.primary_category) {
        out.push(FieldError::new(
            "primary_category",
            "unknown_category",
            format!("no category has the slug `{}`", doc.primary_category),
        ));
    }
    for (i, c) in doc.secondary_categories.iter().enumerate() {
        let field = format!("secondary_categories[{i}]");
        if !refs.has_category(c) {
            out.push(FieldError::new(
                field,
                "unknown_category",
                format!("no category has the slug `{c}`"),
            ));
        } else if *c == doc.primary_category {
            out.push(FieldError::new(
                field,
                "primary_as_secondary",
                "the primary category is not also a secondary one",
            ));
        }
    }
    check_unique(&mut out, "secondary_categories", &doc.secondary_categories);
    check_unique(&mut out, "challenges", &doc.challenges);
    for (i, a) in doc.algorithms.iter().enumerate() {
        if !refs.has_algorithm(a) {
            out.push(FieldError::new(
                format!("algorithms[{i}]"),
                "unknown_algorithm",
                format!("no algorithm has the slug `{a}`"),
            ));
        }
    }
    check_unique(&mut out, "algorithms", &doc.algorithms);
    for (i, r) in doc.results.iter().enumerate() {
        check_range(&mut out, &format!("results[{i}]"), r.value, r.value_max);
    }
    for (i, link) in doc.links.iter().enumerate() {
        check_url(&mut out, &format!("links[{i}].url"), &link.url);
    }
    record::check_schema_version(&mut out, doc.schema_version);
    record::check_contact(&mut out, "contact", doc.contact.as_ref());
    record::check_period(&mut out, doc.started, doc.ended);
    record::check_assessments(&mut out, &doc.assessments);
    if let Some(url) = &doc.ai_act.eu_database_url {
        check_url(&mut out, "ai_act.eu_database_url", url);
    }
    record::check_cost(&mut out, &doc.cost);
    record::check_data(&mut out, "data", &doc.data);
    record::check_provenance(&mut out, &doc.provenance);
    out.into_result()
}

/// Validates an algorithm register entry.
pub fn validate_algorithm(doc: &Algorithm, refs: &dyn References) -> Result<(), FieldErrors> {
    let mut out = shape_errors(doc);
    require_text(&mut out, "name", &doc.name);
    require_text(&mut out, "purpose", &doc.purpose);
    check_org(&mut out, refs, "owner", &doc.owner, None);
    if let Some(vendor) = &doc.vendor {
        check_org(&mut out, refs, "vendor", vendor, Some(OrgKind::Vendor));
    }
    for (i, r) in doc.performance.iter().enumerate() {
        check_range(&mut out, &format!("performance[{i}]"), r.value, r.value_max);
    }
    if let Some(url) = &doc.source_code_url {
        check_url(&mut out, "source_code_url", url);
    }
    for (i, link) in doc.links.iter().enumerate() {
        check_url(&mut out, &format!("links[{i}].url"), &link.url);
    }
    let versions: Vec<&str> = doc.versions.iter().map(|v| v.version.as_str()).collect();
    check_unique(&mut out, "versions", &versions);
    record::check_schema_version(&mut out, doc.schema_version);
    record::check_contact(&mut out, "contact", doc.contact.as_ref());
    record::check_assessments(&mut out, &doc.assessments);
    if let Some(url) = &doc.ai_act.eu_database_url {
        check_url(&mut out, "ai_act.eu_database_url", url);
    }
    record::check_data(&mut out, "training_data", &doc.training_data);
    record::check_data(&mut out, "operational_data", &doc.operational_data);
    record::check_provenance(&mut out, &doc.provenance);
    out.into_result()
}

/// Validates a category.
pub fn validate_category(doc: &Category) -> Result<(), FieldErrors> {
    let mut out = shape_errors(doc);
    require_text(&mut out, "name_da", &doc.name_da);
    require_text(&mut out, "definition_da", &doc.definition_da);
    out.into_result()
}

/// Validates a domain.
pub fn validate_domain(doc: &Domain) -> Result<(), FieldErrors> {
    let mut out = shape_errors(doc);
    require_text(&mut out, "name_da", &doc.name_da);
    out.into_result()
}

/// Validates an organisation; a municipality must name a region that exists.
pub fn validate_organisation(doc: &Organisation, refs: &dyn References) -> Result<(), FieldErrors> {
    let mut out = shape_errors(doc);
    require_text(&mut out, "name", &doc.name);
    match (&doc.region, doc.kind) {
        (Some(region), _) => check_org(&mut out, refs, "region", region, Some(OrgKind::Region)),
        (None, OrgKind::Municipality) => out.push(FieldError::new(
            "region",
            "missing_region",
            "a municipality must name its region",
        )),
        (None, _) => {}
    }
    if let Some(url) = &doc.website {
        check_url(&mut out, "website", url);
    }
    record::check_contact(&mut out, "ai_contact", doc.ai_contact.as_ref());
    record::check_identifiers(&mut out, &doc.identifiers);
    if doc.kind == OrgKind::Municipality
        && !(doc.code.as_str().len() == 3 && doc.code.as_str().bytes().all(|b| b.is_ascii_digit()))
    {
        out.push(FieldError::new(
            "code",
            "municipality_code",
            "a municipality's code is its official three-digit kommunekode",
        ));
    }
    out.into_result()
}
