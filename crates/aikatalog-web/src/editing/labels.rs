//! Words for the form: a field's label from its key, a choice's label from the domain's own
//! Danish and English labels, found by the name of the enumeration's schema.

use crate::lang::{Label, Lang};

/// The label of value `value` of the enumeration whose schema is called `schema`, when the
/// domain labels it.
pub fn choice(schema: &str, value: &str, lang: Lang) -> Option<&'static str> {
    macro_rules! by_schema_name {
        ($($t:ident),+ $(,)?) => {
            $(if schema == stringify!($t) {
                return aikatalog_domain::$t::parse(value).map(|v| v.label(lang));
            })+
        };
    }
    use aikatalog_domain::algorithm::ModelType;
    use aikatalog_domain::sections::LinkKind;
    by_schema_name!(
        Lifecycle,
        AiActClass,
        Challenge,
        ModelLevel,
        DataLevel,
        IntegrationLevel,
        InfrastructureLevel,
        AssessmentKind,
        AssessmentStatus,
        DataPurpose,
        SensitiveAttribute,
        Sourcing,
        GainsRealised,
        LearningType,
        IdentifierScheme,
    );
    match schema {
        "ModelType" => ModelType::parse(value).map(|v| v.label(lang)),
        "LinkKind" => LinkKind::parse(value).map(|v| v.label(lang)),
        _ => None,
    }
}

/// A field's label: the catalogue's own word for it where it has one, else its key in words.
pub fn field(key: &str, lang: Lang) -> String {
    let word = match crate::texts::field_rank(key) {
        Some(_) => crate::texts::field_label(key, lang).to_owned(),
        None => key.replace('_', " "),
    };
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => word,
    }
}

/// Whether a text field is long prose (a text area) rather than a single value.
pub fn is_long_text(key: &str) -> bool {
    const LONG: &[&str] = &[
        "description",
        "summary",
        "business_case",
        "justification",
        "human_oversight",
        "basis",
        "note",
        "purpose",
        "technique",
        "inputs",
        "outputs",
        "maintenance",
        "risks",
    ];
    LONG.contains(&key) || key.ends_with("_note") || key.ends_with("_summary")
}

/// Which reference data a text field names, for the browser's suggestions (a `<datalist>`):
/// `categories`, `domains`, `organisations` or `algorithms`.
pub fn reference_list(key: &str) -> Option<&'static str> {
    Some(match key {
        "primary_category" | "secondary_categories" => "categories",
        "domains" => "domains",
        "owner" | "partners" | "vendors" | "vendor" => "organisations",
        "algorithms" => "algorithms",
        _ => return None,
    })
}
