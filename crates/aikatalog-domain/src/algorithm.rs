//! An algorithm register entry: what a public algorithm register records about one algorithm.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use url::Url;
use validator::Validate;

use crate::assessments::ImpactAssessment;
use crate::entry::EntryMeta;
use crate::ids::{OrgCode, Slug};
use crate::levels::{Lifecycle, labelled_enum};
use crate::provenance::Provenance;
use crate::schema_version::SchemaVersion;
use crate::sections::{AiAct, Contact, DataUse, Link, MeasuredResult};

labelled_enum!(
    /// How the algorithm came by its rules.
    LearningType {
        RuleBased = "rule_based" => "Regelbaseret", "Rule-based",
        SelfLearning = "self_learning" => "Selvlærende", "Self-learning",
        Hybrid = "hybrid" => "Hybrid", "Hybrid",
    }
);

labelled_enum!(
    /// The kind of model, following the "AI stack" of KL/KOMBIT's material.
    ModelType {
        Proprietary = "proprietary" => "Proprietær model", "Proprietary model",
        General = "general" => "Generel model", "General model",
        Specific = "specific" => "Specifik model", "Specific model",
        Hyperlocal = "hyperlocal" => "Hyperlokal model", "Hyperlocal model",
    }
);

/// A known risk and the safeguard against it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskSafeguard {
    #[validate(length(min = 2, max = 2000))]
    pub risk: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 2000))]
    pub safeguard: Option<String>,
}

/// A released version of the algorithm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AlgorithmVersion {
    #[validate(length(min = 1, max = 60))]
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub released: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 2000))]
    pub note: Option<String>,
}

/// An algorithm register entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[schema(example = json!({
    "slug": "kk-gpt-sprogmodel",
    "name": "KK-GPT",
    "purpose": "Giver kommunens medarbejdere en GDPR-sikker AI-chat.",
    "owner": "101",
    "vendor": "openai",
    "model_type": "general",
    "technique": "Stor sprogmodel (GPT 3.5) med kommunens egen brugergrænseflade",
    "lifecycle": "pilot",
    "ai_act": {"class": "not_assessed"}
}))]
#[serde(deny_unknown_fields)]
pub struct Algorithm {
    /// The document format's version; the current one when left out.
    #[serde(default)]
    pub schema_version: SchemaVersion,
    pub slug: Slug,
    #[validate(length(min = 2, max = 200))]
    pub name: String,
    #[validate(length(min = 10, max = 4000))]
    pub purpose: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 20000))]
    pub description: Option<String>,
    pub owner: OrgCode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<OrgCode>,
    pub model_type: ModelType,
    /// The technique in words (language model, image classification, gradient boosting, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 400))]
    pub technique: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learning_type: Option<LearningType>,
    /// What goes in (the data a run reads), in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub inputs: Option<String>,
    /// What comes out (a score, a class, a text), in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub outputs: Option<String>,
    /// Who keeps it working and how: retraining, updates, checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub maintenance: Option<String>,
    #[serde(default)]
    #[validate(nested)]
    pub training_data: DataUse,
    #[serde(default)]
    #[validate(nested)]
    pub operational_data: DataUse,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 200))]
    pub licence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_code_url: Option<Url>,
    #[serde(default)]
    #[validate(length(max = 100), nested)]
    pub performance: Vec<MeasuredResult>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub performance_note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub human_oversight: Option<String>,
    #[serde(default)]
    #[validate(length(max = 50), nested)]
    pub risks: Vec<RiskSafeguard>,
    /// Impact assessments made (or decided against).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(length(max = 20), nested)]
    pub assessments: Vec<ImpactAssessment>,
    #[serde(default)]
    #[validate(nested)]
    pub ai_act: AiAct,
    pub lifecycle: Lifecycle,
    #[serde(default)]
    #[validate(length(max = 100), nested)]
    pub versions: Vec<AlgorithmVersion>,
    #[serde(default)]
    #[validate(length(max = 50), nested)]
    pub links: Vec<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub contact: Option<Contact>,
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
