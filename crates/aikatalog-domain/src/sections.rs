//! The sections a use case and an algorithm both hold: data use, AI Act class, measured results,
//! links and a contact.

use serde::{Deserialize, Serialize};
use url::Url;
use validator::Validate;

use crate::data_sources::{DataSource, SensitiveAttribute};
use crate::levels::{AiActClass, labelled_enum};

/// What data a solution uses, and how it protects people in it. `None` means "not stated".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DataUse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_data: Option<bool>,
    /// Sensitive personal data (GDPR art. 9) or other confidential data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitive_data: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymised: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub synthetic: Option<bool>,
    /// Named sources (systems, registers, data sets).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(length(max = 50), nested)]
    pub sources: Vec<DataSource>,
    /// Sensitive attributes of the people in the data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(length(max = 20))]
    pub sensitive_attributes: Vec<SensitiveAttribute>,
    /// How representative the data is, and what was done about bias.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub bias_note: Option<String>,
}

/// The EU AI Act risk class and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AiAct {
    #[serde(default = "not_assessed")]
    pub class: AiActClass,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub justification: Option<String>,
    /// The provider's entry of the system in the EU database (art. 71), which a public-authority
    /// deployer's registration names (Annex VIII, section C, point 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eu_database_url: Option<Url>,
}

fn not_assessed() -> AiActClass {
    AiActClass::NotAssessed
}

impl Default for AiAct {
    fn default() -> Self {
        Self {
            class: AiActClass::NotAssessed,
            justification: None,
            eu_database_url: None,
        }
    }
}

/// One measured or estimated result, as structured data rather than prose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasuredResult {
    #[validate(length(min = 2, max = 300))]
    pub metric: String,
    pub value: f64,
    /// The upper end, when the result is a range (33–50 %).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    #[validate(length(min = 1, max = 60))]
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 120))]
    pub period: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 400))]
    pub source: Option<String>,
    /// An estimate or expectation rather than a measurement.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub estimated: bool,
}

labelled_enum!(
    /// What a link points at.
    LinkKind {
        SourceCode = "source_code" => "Kildekode", "Source code",
        Document = "document" => "Dokument", "Document",
        Website = "website" => "Hjemmeside", "Website",
        Video = "video" => "Video", "Video",
        Other = "other" => "Andet", "Other",
    }
);

/// A link to code, documents or a web page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    #[validate(length(min = 2, max = 300))]
    pub title: String,
    pub url: Url,
    #[serde(default = "other_link")]
    pub kind: LinkKind,
}

fn other_link() -> LinkKind {
    LinkKind::Other
}

/// Who to ask about an entry: a person or a team, reached by e-mail (a shared mailbox is fine)
/// and perhaps phone. A draft may hold part of it; submitting needs a name and an e-mail address.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// A person's or a team's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 2, max = 200))]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 2, max = 200))]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(email)]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 4, max = 40))]
    pub phone: Option<String>,
}
