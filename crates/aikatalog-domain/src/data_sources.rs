//! The data a solution uses, item by item, and the sensitive attributes in it: registers ask
//! for each source and its purpose, and for the attributes a bias review must look at.

use serde::{Deserialize, Serialize};
use url::Url;
use validator::Validate;

use crate::levels::labelled_enum;

labelled_enum!(
    /// What a data source is used for.
    DataPurpose {
        Training = "training" => "Træning", "Training",
        Validation = "validation" => "Validering", "Validation",
        Testing = "testing" => "Test", "Testing",
        Operation = "operation" => "Drift", "Operation",
    }
);

labelled_enum!(
    /// A sensitive attribute of the people in the data (GDPR art. 9 and 10 and the grounds
    /// of discrimination a bias review looks at).
    SensitiveAttribute {
        Age = "age" => "Alder", "Age",
        Gender = "gender" => "Køn", "Gender",
        Health = "health" => "Helbred", "Health",
        Ethnicity = "ethnicity" => "Etnisk oprindelse", "Ethnic origin",
        Religion = "religion" => "Religion eller tro", "Religion or belief",
        PoliticalOpinion = "political_opinion" => "Politisk overbevisning", "Political opinion",
        TradeUnion = "trade_union" => "Fagforeningsmæssigt tilhørsforhold", "Trade union membership",
        SexualOrientation = "sexual_orientation" => "Seksuel orientering", "Sexual orientation",
        Biometric = "biometric" => "Biometriske data", "Biometric data",
        Genetic = "genetic" => "Genetiske data", "Genetic data",
        CriminalRecord = "criminal_record" => "Strafbare forhold", "Criminal record",
        SocialCircumstances = "social_circumstances" => "Sociale forhold", "Social circumstances",
        Finances = "finances" => "Økonomiske forhold", "Financial circumstances",
        Location = "location" => "Bopæl og placering", "Address and location",
        Other = "other" => "Andet", "Other",
    }
);

/// One named source of data (a system, a register, a data set).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DataSource {
    #[validate(length(min = 2, max = 300))]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// What it is used for; empty when not stated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(length(max = 4))]
    pub purposes: Vec<DataPurpose>,
}

impl DataSource {
    /// A source known only by name (what schema version 1 recorded).
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            url: None,
            purposes: Vec::new(),
        }
    }
}
