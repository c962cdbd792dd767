//! Who built a solution and what it cost: the facts municipalities want when they write the same
//! business case again.

use serde::{Deserialize, Serialize};
use url::Url;
use validator::Validate;

use crate::levels::labelled_enum;

labelled_enum!(
    /// Who built the solution.
    Sourcing {
        Vendor = "vendor" => "Købt hos leverandør", "Bought from a vendor",
        InHouse = "in_house" => "Udviklet internt", "Built in-house",
        Both = "both" => "Både leverandør og internt", "Vendor and in-house",
    }
);

labelled_enum!(
    /// Whether the gains the business case expected were realised.
    GainsRealised {
        Yes = "yes" => "Ja", "Yes",
        Partly = "partly" => "Delvist", "Partly",
        No = "no" => "Nej", "No",
        NotYetKnown = "not_yet_known" => "Endnu ikke kendt", "Not yet known",
    }
);

fn danish_kroner() -> String {
    "DKK".to_owned()
}

/// An amount of money in one year's prices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Money {
    #[validate(range(min = 0.0))]
    pub amount: f64,
    /// ISO 4217 code; DKK unless stated.
    #[serde(default = "danish_kroner")]
    #[validate(length(equal = 3))]
    pub currency: String,
    /// The year the amount refers to (its price level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1990, max = 2100))]
    pub year: Option<i32>,
}

/// What the solution cost and whether it paid off.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    /// Development, purchase and implementation, once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub one_off: Option<Money>,
    /// Licences, hosting and upkeep per year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub yearly: Option<Money>,
    /// The business case in brief: what it expected to gain and on what assumptions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub business_case: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_case_url: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gains_realised: Option<GainsRealised>,
}

impl Cost {
    /// Whether anything is stated.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}
