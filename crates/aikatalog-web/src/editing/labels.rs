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

/// Names of the fields inside a record's sections, which the history's list of top-level
/// fields (`texts::field_label`) does not name: Danish, then English.
const INNER_FIELDS: &[(&str, &str, &str)] = &[
    ("metric", "måling", "metric"),
    ("value", "værdi", "value"),
    ("value_max", "højeste værdi", "upper value"),
    ("unit", "enhed", "unit"),
    ("period", "periode", "period"),
    ("source", "kilde", "source"),
    ("sources", "kilder", "sources"),
    ("estimated", "skønnet", "estimated"),
    ("kind", "type", "kind"),
    ("status", "status", "status"),
    ("date", "dato", "date"),
    ("url", "webadresse", "web address"),
    ("email", "e-mail", "e-mail"),
    ("phone", "telefon", "phone"),
    ("role", "rolle", "role"),
    ("basis", "retsgrundlag", "legal basis"),
    ("note", "note", "note"),
    ("class", "klasse", "class"),
    ("justification", "begrundelse", "justification"),
    (
        "automated_decisions",
        "automatiske afgørelser",
        "automated decisions",
    ),
    ("business_case", "business case", "business case"),
    (
        "business_case_url",
        "business case (link)",
        "business case (link)",
    ),
    ("gains_realised", "gevinster høstet", "gains realised"),
    ("one_off", "engangsudgift", "one-off cost"),
    ("yearly", "årlig udgift", "yearly cost"),
    ("amount", "beløb", "amount"),
    ("currency", "valuta", "currency"),
    ("keywords", "søgeord", "keywords"),
    ("language", "sprog", "language"),
    ("references", "referencer", "references"),
    ("anonymised", "anonymiseret", "anonymised"),
    (
        "bias_note",
        "repræsentativitet og bias",
        "representativeness and bias",
    ),
    ("personal_data", "personoplysninger", "personal data"),
    ("sensitive_data", "følsomme oplysninger", "sensitive data"),
    (
        "sensitive_attributes",
        "følsomme egenskaber",
        "sensitive attributes",
    ),
    ("synthetic", "syntetiske data", "synthetic data"),
    ("appeal", "klageadgang", "appeal"),
    ("decision_process", "beslutningsproces", "decision process"),
    ("fallback", "nødprocedure", "fallback"),
    (
        "impact_on_citizens",
        "betydning for borgerne",
        "impact on citizens",
    ),
    (
        "impact_on_staff",
        "betydning for medarbejderne",
        "impact on staff",
    ),
    ("monitoring", "opfølgning", "monitoring"),
    ("problem", "problem", "problem"),
    ("proportionality", "proportionalitet", "proportionality"),
    ("training", "oplæring", "training"),
    ("model", "model", "model"),
    ("integration", "integration", "integration"),
    ("infrastructure", "infrastruktur", "infrastructure"),
];

/// A field's label: the catalogue's own word for it where it has one, else its key in words.
pub fn field(key: &str, lang: Lang) -> String {
    let inner = INNER_FIELDS.iter().find(|(k, _, _)| *k == key);
    let word = match (crate::texts::field_rank(key), inner) {
        (Some(_), _) => crate::texts::field_label(key, lang).to_owned(),
        (None, Some((_, da, en))) => lang.pick(*da, *en).to_owned(),
        (None, None) => key.replace('_', " "),
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
