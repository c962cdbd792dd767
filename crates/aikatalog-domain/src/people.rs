//! How a solution works for the people it touches: what the registers (the Dutch
//! Algoritmeregister, the UK ATRS, Eurocities) ask a public body to explain to citizens.

use serde::{Deserialize, Serialize};
use validator::Validate;

/// Plain-language answers; each is `None` when not stated.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HowItWorks {
    /// The problem the solution solves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub problem: Option<String>,
    /// What it means for the citizens it concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub impact_on_citizens: Option<String>,
    /// What it means for the staff who use it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub impact_on_staff: Option<String>,
    /// Why the means are proportionate to the aim, and the alternatives considered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub proportionality: Option<String>,
    /// Where in the decision process it sits and what it outputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub decision_process: Option<String>,
    /// How a citizen can complain, object or appeal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub appeal: Option<String>,
    /// How its working is monitored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub monitoring: Option<String>,
    /// What happens when it fails or is switched off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub fallback: Option<String>,
    /// How the people who use it are trained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub training: Option<String>,
}

impl HowItWorks {
    /// Whether anything is stated.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}
