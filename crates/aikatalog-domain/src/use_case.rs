//! A use case: what a municipality did with AI, with what, and what came of it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::assessments::ImpactAssessment;
use crate::dates::PartialDate;
use crate::entry::EntryMeta;
use crate::ids::{OrgCode, Slug};
use crate::levels::{Challenge, Lifecycle, NeedsProfile};
use crate::people::HowItWorks;
use crate::provenance::Provenance;
use crate::schema_version::SchemaVersion;
use crate::sections::{AiAct, Contact, DataUse, Link, MeasuredResult};
use crate::sourcing::{Cost, Sourcing};

/// Legal basis. Whether a DPIA was done is derived from the entry's `assessments`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Legal {
    /// The legal basis for the processing, in words (law and section).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub basis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub note: Option<String>,
}

/// Human oversight and automated decisions.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Oversight {
    /// Whether the solution makes decisions about citizens without a person deciding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automated_decisions: Option<bool>,
    /// How people oversee and can override it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub human_oversight: Option<String>,
}

/// A use case entry. The same document is read from and written to the API and the seed files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[schema(example = json!({
    "slug": "smartmail-norddjurs",
    "title": "Automatisk mailsortering med SmartMail",
    "summary": "Indgående mails til kommunens fællespostkasser sorteres automatisk til rette afdeling.",
    "owner": "707",
    "domains": ["administration"],
    "primary_category": "intelligent-automation",
    "secondary_categories": ["segmentation-classification"],
    "lifecycle": "in_operation",
    "results": [{"metric": "Andel sorterede mails", "value": 86.18, "unit": "%", "period": "03-12-2023 til 04-12-2023"}],
    "challenges": ["data"],
    "algorithms": ["smartmail-klassifikation"]
}))]
#[serde(deny_unknown_fields)]
pub struct UseCase {
    /// The document format's version; the current one when left out.
    #[serde(default)]
    pub schema_version: SchemaVersion,
    pub slug: Slug,
    #[validate(length(min = 3, max = 200))]
    pub title: String,
    #[validate(length(min = 10, max = 2000))]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 20000))]
    pub description: Option<String>,
    /// The organisation that owns and maintains the entry.
    pub owner: OrgCode,
    /// The unit inside the owner (forvaltning, afdeling), when named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 2, max = 200))]
    pub department: Option<String>,
    /// Organisations that run the project together with the owner.
    #[serde(default)]
    #[validate(length(max = 100))]
    pub partners: Vec<OrgCode>,
    /// Fields of work (fagområder), at least one.
    #[validate(length(min = 1, max = 6))]
    pub domains: Vec<Slug>,
    pub primary_category: Slug,
    #[serde(default)]
    #[validate(length(max = 11))]
    pub secondary_categories: Vec<Slug>,
    pub lifecycle: Lifecycle,
    /// When the project started (or was first reported), to the precision known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<PartialDate>,
    /// When it ended or was stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<PartialDate>,
    /// The use case's own needs profile; when absent it is the primary category's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs_profile: Option<NeedsProfile>,
    #[serde(default)]
    #[validate(length(max = 50))]
    pub technologies: Vec<String>,
    /// Vendors, as organisation codes.
    #[serde(default)]
    #[validate(length(max = 20))]
    pub vendors: Vec<OrgCode>,
    /// Whether a vendor, the organisation itself or both built it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sourcing: Option<Sourcing>,
    #[serde(default, skip_serializing_if = "Cost::is_empty")]
    #[validate(nested)]
    pub cost: Cost,
    #[serde(default, skip_serializing_if = "HowItWorks::is_empty")]
    #[validate(nested)]
    pub how_it_works: HowItWorks,
    #[serde(default)]
    #[validate(nested)]
    pub data: DataUse,
    #[serde(default)]
    #[validate(nested)]
    pub legal: Legal,
    /// Impact assessments made (or decided against), DPIA among them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(length(max = 20), nested)]
    pub assessments: Vec<ImpactAssessment>,
    #[serde(default)]
    #[validate(nested)]
    pub ai_act: AiAct,
    #[serde(default)]
    #[validate(nested)]
    pub oversight: Oversight,
    #[serde(default)]
    #[validate(length(max = 100), nested)]
    pub results: Vec<MeasuredResult>,
    /// Results in words, when they are not (yet) measurable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub results_summary: Option<String>,
    #[serde(default)]
    #[validate(length(max = 6))]
    pub challenges: Vec<Challenge>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub challenges_note: Option<String>,
    #[serde(default)]
    #[validate(length(max = 50), nested)]
    pub links: Vec<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub contact: Option<Contact>,
    /// Algorithm register entries (slugs) this use case uses.
    #[serde(default)]
    #[validate(length(max = 50))]
    pub algorithms: Vec<Slug>,
    /// When the owner means to check the entry is still right.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Provenance::is_default")]
    #[validate(nested)]
    pub provenance: Provenance,
    /// Read-only; filled on reads, ignored on writes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<EntryMeta>,
}

impl UseCase {
    /// Whether a DPIA was done, derived from `assessments`; `None` when none is listed.
    pub fn dpia_done(&self) -> Option<bool> {
        crate::assessments::dpia_done(&self.assessments)
    }
}
