//! The forms for reference records, and the way between a form and a record's JSON document.
//!
//! A form field is named by the JSON path of the value it holds (`name`, `ai_contact.email`,
//! `identifiers[1].value`), the same paths the domain's validation names in its errors, so an
//! error lands next to its field without a table from one to the other. Submitted values become
//! a document by those paths: an empty field is left out (so a required one is reported as
//! `missing_field`, as the API reports it), a list field holds one item per line, and rows of a
//! repeatable group that were left empty are dropped and the rest renumbered.

use aikatalog_domain::{
    DataLevel, FieldError, FieldErrors, IdentifierScheme, InfrastructureLevel, IntegrationLevel,
    ModelLevel, OrgKind,
};
use aikatalog_storage::models::reference_records::RefKind;
use serde_json::{Map, Value};

use crate::catalogue::Catalogue;
use crate::lang::{Label, Lang};

/// How a field is typed in.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// One line of text.
    Line,
    /// Free text over several lines.
    Text,
    /// A list of words or short texts, one per line.
    Lines,
    /// A whole number.
    Number,
    /// One of these (value, label); an empty value means none.
    Choice(Vec<(String, String)>),
}

/// One field as the form shows it.
#[derive(Debug, Clone)]
pub struct Field {
    /// The JSON path, which is also the form field's name.
    pub name: String,
    pub id: String,
    pub label: String,
    pub input: Input,
    pub value: String,
    pub required: bool,
    /// The errors about this field, in words, each with the domain's code.
    pub errors: Vec<Shown>,
}

impl Field {
    pub fn is_line(&self) -> bool {
        self.input == Input::Line || self.input == Input::Number
    }
    pub fn is_text(&self) -> bool {
        self.input == Input::Text || self.input == Input::Lines
    }
    pub fn choices(&self) -> &[(String, String)] {
        match &self.input {
            Input::Choice(options) => options,
            _ => &[],
        }
    }
    pub fn is_number(&self) -> bool {
        self.input == Input::Number
    }
    pub fn hint(&self, lang: &Lang) -> &'static str {
        match self.input {
            Input::Lines => lang.pick("Én pr. linje.", "One per line."),
            _ => "",
        }
    }
}

/// A field error as a person reads it, with the domain's stable code.
#[derive(Debug, Clone)]
pub struct Shown {
    pub text: String,
    pub code: String,
    pub detail: String,
}

/// A part of the form: a fieldset with a legend, or (without one) plain fields.
#[derive(Debug, Clone)]
pub struct Group {
    pub legend: String,
    pub fields: Vec<Field>,
    /// Errors about the group as a whole (`ai_contact`, `identifiers[0]`).
    pub errors: Vec<Shown>,
}

/// A field before it has a value: path, Danish and English label, input, required.
struct Spec {
    path: String,
    label: String,
    input: Input,
    required: bool,
}

fn spec(path: &str, label: String, input: Input, required: bool) -> Spec {
    Spec {
        path: path.to_owned(),
        label,
        input,
        required,
    }
}

fn choice<T: Label>(all: &[T], wire: impl Fn(T) -> &'static str, lang: Lang, none: bool) -> Input {
    let mut options: Vec<(String, String)> = Vec::new();
    if none {
        options.push((String::new(), lang.pick("(ingen)", "(none)").to_owned()));
    }
    options.extend(
        all.iter()
            .map(|&v| (wire(v).to_owned(), v.label(lang).to_owned())),
    );
    Input::Choice(options)
}

/// The form's groups for a record of `kind`, with `rows` rows for each repeatable group.
fn specs(kind: RefKind, lang: Lang, cat: &Catalogue, rows: usize) -> Vec<(String, Vec<Spec>)> {
    let t = |da: &str, en: &str| lang.pick(da, en).to_owned();
    match kind {
        RefKind::Domain => vec![(
            String::new(),
            vec![
                spec(
                    "name_da",
                    t("Navn på dansk", "Name in Danish"),
                    Input::Line,
                    true,
                ),
                spec(
                    "name_en",
                    t("Navn på engelsk", "Name in English"),
                    Input::Line,
                    true,
                ),
            ],
        )],
        RefKind::Category => vec![
            (
                String::new(),
                vec![
                    spec(
                        "number",
                        t("Nummer i KL/KOMBITs liste", "Number in KL/KOMBIT's list"),
                        Input::Number,
                        true,
                    ),
                    spec(
                        "name_da",
                        t("Navn på dansk", "Name in Danish"),
                        Input::Line,
                        true,
                    ),
                    spec(
                        "name_en",
                        t("Navn på engelsk", "Name in English"),
                        Input::Line,
                        true,
                    ),
                    spec(
                        "definition_da",
                        t("Definition på dansk", "Definition in Danish"),
                        Input::Text,
                        true,
                    ),
                    spec(
                        "definition_en",
                        t("Definition på engelsk", "Definition in English"),
                        Input::Text,
                        false,
                    ),
                    spec(
                        "techniques",
                        t("Teknikker", "Techniques"),
                        Input::Lines,
                        false,
                    ),
                    spec(
                        "municipal_examples",
                        t("Kommunale eksempler", "Municipal examples"),
                        Input::Lines,
                        false,
                    ),
                    spec(
                        "prerequisites",
                        t("Forudsætter", "Prerequisites"),
                        Input::Lines,
                        false,
                    ),
                    spec(
                        "business_note",
                        t("Forretningsmæssig bemærkning", "Business note"),
                        Input::Text,
                        true,
                    ),
                ],
            ),
            (
                t("Behovsprofil", "Needs profile"),
                vec![
                    spec(
                        "profile.model",
                        t("Model", "Model"),
                        choice(ModelLevel::ALL, ModelLevel::as_str, lang, false),
                        true,
                    ),
                    spec(
                        "profile.data",
                        t("Data", "Data"),
                        choice(DataLevel::ALL, DataLevel::as_str, lang, false),
                        true,
                    ),
                    spec(
                        "profile.integration",
                        t("Integrationer", "Integrations"),
                        choice(IntegrationLevel::ALL, IntegrationLevel::as_str, lang, false),
                        true,
                    ),
                    spec(
                        "profile.infrastructure",
                        t("Infrastruktur", "Infrastructure"),
                        choice(
                            InfrastructureLevel::ALL,
                            InfrastructureLevel::as_str,
                            lang,
                            false,
                        ),
                        true,
                    ),
                ],
            ),
        ],
        RefKind::Organisation => {
            let mut regions = vec![(String::new(), t("(ingen)", "(none)"))];
            regions.extend(
                cat.organisations_of(OrgKind::Region)
                    .into_iter()
                    .map(|o| (o.code.to_string(), o.name.clone())),
            );
            let mut groups = vec![
                (
                    String::new(),
                    vec![
                        spec(
                            "kind",
                            t("Type", "Kind"),
                            choice(OrgKind::ALL, OrgKind::as_str, lang, false),
                            true,
                        ),
                        spec("name", t("Navn", "Name"), Input::Line, true),
                        spec(
                            "short_name",
                            t("Kort navn", "Short name"),
                            Input::Line,
                            false,
                        ),
                        spec(
                            "name_en",
                            t("Navn på engelsk", "Name in English"),
                            Input::Line,
                            false,
                        ),
                        spec(
                            "region",
                            t("Region (for kommuner)", "Region (for municipalities)"),
                            Input::Choice(regions),
                            false,
                        ),
                        spec("website", t("Websted", "Website"), Input::Line, false),
                        spec(
                            "country",
                            t("Land (ISO-kode, fx DK)", "Country (ISO code, e.g. DK)"),
                            Input::Line,
                            false,
                        ),
                    ],
                ),
                (
                    t("Kontakt om AI", "Contact about AI"),
                    vec![
                        spec(
                            "ai_contact.name",
                            t("Navn (person eller team)", "Name (person or team)"),
                            Input::Line,
                            false,
                        ),
                        spec("ai_contact.role", t("Rolle", "Role"), Input::Line, false),
                        spec("ai_contact.email", t("E-mail", "Email"), Input::Line, false),
                        spec(
                            "ai_contact.phone",
                            t("Telefon", "Phone"),
                            Input::Line,
                            false,
                        ),
                    ],
                ),
                (
                    t("Postadresse", "Postal address"),
                    vec![
                        spec(
                            "postal_address.street",
                            t("Gade og nummer", "Street and number"),
                            Input::Line,
                            false,
                        ),
                        spec(
                            "postal_address.postcode",
                            t("Postnummer", "Postcode"),
                            Input::Line,
                            false,
                        ),
                        spec("postal_address.city", t("By", "City"), Input::Line, false),
                    ],
                ),
            ];
            for i in 0..rows {
                groups.push((
                    lang.pick(
                        format!("Registernummer {}", i + 1),
                        format!("Register number {}", i + 1),
                    ),
                    vec![
                        spec(
                            &format!("identifiers[{i}].scheme"),
                            t("Register", "Register"),
                            choice(IdentifierScheme::ALL, IdentifierScheme::as_str, lang, true),
                            false,
                        ),
                        spec(
                            &format!("identifiers[{i}].value"),
                            t("Nummer", "Number"),
                            Input::Line,
                            false,
                        ),
                        spec(
                            &format!("identifiers[{i}].scheme_name"),
                            t(
                                "Registrets navn (for »Andet register«)",
                                "The register's name (for \"Other register\")",
                            ),
                            Input::Line,
                            false,
                        ),
                    ],
                ));
            }
            groups
        }
    }
}

/// How many rows of the repeatable group a document fills.
fn rows_in(kind: RefKind, doc: &Value) -> usize {
    match kind {
        RefKind::Organisation => doc
            .get("identifiers")
            .and_then(Value::as_array)
            .map_or(0, Vec::len),
        _ => 0,
    }
}

/// The value at a form path (`a.b`, `a[1].b`) of a document.
fn at<'v>(doc: &'v Value, path: &str) -> Option<&'v Value> {
    let mut here = doc;
    for part in path.split('.') {
        match part.split_once('[') {
            Some((key, index)) => {
                let i: usize = index.trim_end_matches(']').parse().ok()?;
                here = here.get(key)?.get(i)?;
            }
            None => here = here.get(part)?,
        }
    }
    Some(here)
}

/// Sets the value at a form path, making the objects and lists on the way.
fn set(doc: &mut Value, path: &str, value: Value) {
    let mut here = doc;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((key, index)) => (key, index.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        if !here.is_object() {
            *here = Value::Object(Map::new());
        }
        let Some(map) = here.as_object_mut() else {
            return;
        };
        here = map.entry(key.to_owned()).or_insert(Value::Null);
        if let Some(i) = index {
            if !here.is_array() {
                *here = Value::Array(Vec::new());
            }
            let Some(list) = here.as_array_mut() else {
                return;
            };
            while list.len() <= i {
                list.push(Value::Object(Map::new()));
            }
            here = &mut list[i];
        }
    }
    *here = value;
}

/// A stored value as the text of its field.
fn text_of(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| text_of(Some(i)))
            .collect::<Vec<_>>()
            .join("\n"),
        Some(other) => other.to_string(),
    }
}

/// A typed-in value as JSON, or `None` when the field was left empty.
fn json_of(input: &Input, raw: &str) -> Option<Value> {
    let raw = raw.replace("\r\n", "\n");
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return None;
    }
    Some(match input {
        Input::Lines => Value::Array(
            trimmed
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| Value::String(l.to_owned()))
                .collect(),
        ),
        // Not a number: kept as text, so validation names the field (`invalid_type`).
        Input::Number => trimmed
            .parse::<i64>()
            .map_or_else(|_| Value::String(trimmed.to_owned()), Value::from),
        Input::Text => Value::String(trimmed.to_owned()),
        Input::Line | Input::Choice(_) => Value::String(trimmed.to_owned()),
    })
}

/// Renumbers the rows of the repeatable group so that rows left empty disappear: submitted
/// `identifiers[3].value` may become `identifiers[1].value`.
fn compact(fields: &[(String, String)]) -> Vec<(String, String)> {
    let mut filled: Vec<usize> = Vec::new();
    for (name, value) in fields {
        if let Some(i) = row_of(name)
            && !value.trim().is_empty()
            && !filled.contains(&i)
        {
            filled.push(i);
        }
    }
    filled.sort_unstable();
    fields
        .iter()
        .filter_map(|(name, value)| match row_of(name) {
            None => Some((name.clone(), value.clone())),
            Some(i) => {
                let new = filled.iter().position(|&f| f == i)?;
                let (head, rest) = name.split_once('[')?;
                let (_, tail) = rest.split_once(']')?;
                Some((format!("{head}[{new}]{tail}"), value.clone()))
            }
        })
        .collect()
}

/// The row number of a repeatable group's field name, if it is one.
fn row_of(name: &str) -> Option<usize> {
    let (_, rest) = name.split_once('[')?;
    rest.split_once(']')?.0.parse().ok()
}

/// A record's form: its fields filled from `doc` (a stored record, or the document a refused
/// form made) or, where `typed` holds them, from what was typed; `errors` placed next to their
/// fields. Returns the groups and the errors no field or group took.
pub fn form(
    kind: RefKind,
    lang: Lang,
    cat: &Catalogue,
    doc: &Value,
    typed: Option<&[(String, String)]>,
    errors: &FieldErrors,
) -> (Vec<Group>, Vec<(String, Shown)>) {
    let typed = typed.map(compact);
    let rows = match &typed {
        Some(t) => t
            .iter()
            .filter_map(|(n, _)| row_of(n))
            .max()
            .map_or(0, |m| m + 1),
        None => rows_in(kind, doc),
    };
    // One empty row to add another.
    let mut groups: Vec<Group> = specs(kind, lang, cat, rows + 1)
        .into_iter()
        .map(|(legend, specs)| Group {
            legend,
            fields: specs
                .into_iter()
                .map(|s| {
                    let value = match &typed {
                        Some(t) => t
                            .iter()
                            .find(|(n, _)| *n == s.path)
                            .map(|(_, v)| v.clone())
                            .unwrap_or_default(),
                        None => text_of(at(doc, &s.path)),
                    };
                    Field {
                        id: format!("f-{}", s.path.replace(['.', '[', ']'], "-")),
                        name: s.path,
                        label: s.label,
                        input: s.input,
                        value,
                        required: s.required,
                        errors: Vec::new(),
                    }
                })
                .collect(),
            errors: Vec::new(),
        })
        .collect();
    let mut unplaced = Vec::new();
    for e in &errors.0 {
        let shown = shown(e, lang);
        if let Some(field) = groups
            .iter_mut()
            .flat_map(|g| g.fields.iter_mut())
            .find(|f| f.name == e.field)
        {
            field.errors.push(shown);
        } else if let Some(group) = groups.iter_mut().find(|g| {
            !e.field.is_empty()
                && g.fields
                    .iter()
                    .any(|f| f.name.starts_with(&format!("{}.", e.field)))
        }) {
            group.errors.push(shown);
        } else {
            unplaced.push((e.field.clone(), shown));
        }
    }
    (groups, unplaced)
}

/// The document the submitted form describes, with the record's key (from the address) set.
pub fn document(
    kind: RefKind,
    lang: Lang,
    cat: &Catalogue,
    key: &str,
    fields: &[(String, String)],
) -> Value {
    let fields = compact(fields);
    let rows = fields
        .iter()
        .filter_map(|(n, _)| row_of(n))
        .max()
        .map_or(0, |m| m + 1);
    let mut doc = Value::Object(Map::new());
    let key_field = match kind {
        RefKind::Organisation => "code",
        RefKind::Category | RefKind::Domain => "slug",
    };
    set(&mut doc, key_field, Value::String(key.to_owned()));
    for (_, specs) in specs(kind, lang, cat, rows) {
        for s in specs {
            let raw = fields
                .iter()
                .find(|(n, _)| *n == s.path)
                .map_or("", |(_, v)| v.as_str());
            if let Some(value) = json_of(&s.input, raw) {
                set(&mut doc, &s.path, value);
            }
        }
    }
    doc
}

/// An error in words, by its code; the domain's own message follows as detail.
pub fn shown(e: &FieldError, lang: Lang) -> Shown {
    let (da, en) = match e.code.as_str() {
        "missing_field" => ("Skal udfyldes.", "Required."),
        "invalid_type" => (
            "Har ikke den rigtige form (fx tekst, hvor der skal stå et tal).",
            "Has the wrong form (e.g. text where a number is due).",
        ),
        "unknown_value" => (
            "Er ikke en af de mulige værdier.",
            "Is not one of the possible values.",
        ),
        "length" => ("Er for kort eller for lang.", "Is too short or too long."),
        "range" => (
            "Er uden for det tilladte interval.",
            "Is outside the allowed range.",
        ),
        "email" => (
            "Er ikke en gyldig e-mailadresse.",
            "Is not a valid email address.",
        ),
        "missing_region" => (
            "En kommune skal have sin region.",
            "A municipality must name its region.",
        ),
        "municipality_code" => (
            "En kommunes kode er dens trecifrede kommunekode.",
            "A municipality's code is its three-digit kommunekode.",
        ),
        _ => ("Er ikke gyldig.", "Is not valid."),
    };
    Shown {
        text: lang.pick(da, en).to_owned(),
        code: e.code.clone(),
        detail: e.message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_submitted_form_becomes_the_document_its_paths_name() {
        let cat = Catalogue::default();
        let typed = pairs(&[
            ("kind", "vendor"),
            ("name", " Firma A/S "),
            ("short_name", ""),
            ("ai_contact.email", "ai@firma.dk"),
            ("identifiers[0].scheme", ""),
            ("identifiers[0].value", ""),
            ("identifiers[2].scheme", "cvr"),
            ("identifiers[2].value", "12345678"),
        ]);
        let doc = document(RefKind::Organisation, Lang::Da, &cat, "firma", &typed);
        assert_eq!(
            doc,
            json!({
                "code": "firma", "kind": "vendor", "name": "Firma A/S",
                "ai_contact": {"email": "ai@firma.dk"},
                "identifiers": [{"scheme": "cvr", "value": "12345678"}]
            })
        );
    }

    #[test]
    fn lists_are_one_item_per_line_and_numbers_stay_text_when_they_are_not() {
        let cat = Catalogue::default();
        let typed = pairs(&[("number", "tolv"), ("techniques", "OCR\r\n\r\n RPA \n")]);
        let doc = document(RefKind::Category, Lang::En, &cat, "x", &typed);
        assert_eq!(doc["number"], json!("tolv"));
        assert_eq!(doc["techniques"], json!(["OCR", "RPA"]));
    }

    #[test]
    fn errors_land_next_to_their_field_or_group() {
        let cat = Catalogue::default();
        let doc = json!({"code": "x", "name": "X", "ai_contact": {"email": "nej"}});
        let errors = FieldErrors(vec![
            FieldError::new("ai_contact.email", "email", "not an email"),
            FieldError::new("ai_contact", "invalid_value", "empty contact"),
            FieldError::new("code", "municipality_code", "three digits"),
        ]);
        let (groups, unplaced) = form(RefKind::Organisation, Lang::Da, &cat, &doc, None, &errors);
        let email = groups
            .iter()
            .flat_map(|g| &g.fields)
            .find(|f| f.name == "ai_contact.email")
            .expect("the field");
        assert_eq!(email.value, "nej");
        assert_eq!(email.errors[0].code, "email");
        assert_eq!(groups[1].errors[0].code, "invalid_value");
        assert_eq!(unplaced[0].0, "code");
        // One empty row to add a register number.
        assert!(
            groups
                .iter()
                .any(|g| g.fields.iter().any(|f| f.name == "identifiers[0].value"))
        );
    }
}
