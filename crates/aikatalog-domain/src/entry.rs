//! What every catalogue entry shares: its kind, publication state and read-only metadata.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::ids::OrgCode;
use crate::levels::labelled_enum;

labelled_enum!(
    /// The two kinds of entry the catalogue holds.
    EntryKind {
        UseCase = "use_case" => "Use case", "Use case",
        Algorithm = "algorithm" => "Algoritme", "Algorithm",
    }
);

labelled_enum!(
    /// Where an entry is in the editorial workflow. Only `published` entries are public.
    PublicationState {
        Draft = "draft" => "Kladde", "Draft",
        Submitted = "submitted" => "Indsendt", "Submitted",
        Published = "published" => "Offentliggjort", "Published",
        Archived = "archived" => "Arkiveret", "Archived",
    }
);

/// An organisation's declaration that it reuses (adopts) an entry owned by someone else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Adoption {
    pub organisation: OrgCode,
    pub adopted_on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Server-maintained facts about an entry. Returned under `meta` on reads and ignored on writes,
/// so a document read with GET can be sent back unchanged.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EntryMeta {
    #[serde(default)]
    pub id: Option<Uuid>,
    #[serde(default)]
    pub state: Option<PublicationState>,
    /// The revision this document is.
    #[serde(default)]
    pub revision: Option<i64>,
    /// The revision the public sees, when one is published.
    #[serde(default)]
    pub published_revision: Option<i64>,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub published_at: Option<DateTime<Utc>>,
    /// Organisations that declared they reuse this entry.
    #[serde(default)]
    pub adopted_by: Vec<Adoption>,
    /// For algorithms: the use cases (slugs) that use it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub used_by: Vec<String>,
    /// Which of the facts readers need the document states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completeness: Option<crate::completeness::Completeness>,
}

labelled_enum!(
    /// A fact about an entry that pages filter and count by, derived from its document.
    Relation {
        Owner = "owner" => "Ejer", "Owner",
        Partner = "partner" => "Partner", "Partner",
        PrimaryCategory = "primary_category" => "Primær kategori", "Primary category",
        SecondaryCategory = "secondary_category" => "Sekundær kategori", "Secondary category",
        Domain = "domain" => "Fagområde", "Domain",
        Vendor = "vendor" => "Leverandør", "Vendor",
        UsesAlgorithm = "uses_algorithm" => "Bruger algoritme", "Uses algorithm",
    }
);

/// The facts of one published entry the transparency statistics count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatisticsFacts {
    pub ai_act_class: crate::AiActClass,
    pub lifecycle: crate::Lifecycle,
    /// A fundamental-rights impact assessment (AI Act art. 27) is done.
    pub fria_done: bool,
    /// Some impact assessment (DPIA, FRIA, …) is done.
    pub impact_assessment_done: bool,
}

impl StatisticsFacts {
    fn of(
        ai_act_class: crate::AiActClass,
        lifecycle: crate::Lifecycle,
        assessments: &[crate::ImpactAssessment],
        fria_done: bool,
    ) -> Self {
        Self {
            ai_act_class,
            lifecycle,
            fria_done,
            impact_assessment_done: assessments
                .iter()
                .any(|a| a.status == crate::AssessmentStatus::Done),
        }
    }
}

/// What the storage layer and the API need to know of any kind of entry.
pub trait Entry:
    Serialize + serde::de::DeserializeOwned + utoipa::ToSchema + Clone + Send + 'static
{
    const KIND: EntryKind;
    fn slug(&self) -> &crate::Slug;
    fn owner(&self) -> &OrgCode;
    fn title(&self) -> &str;
    /// The facts pages filter and count by, as (relation, target key) pairs.
    fn relations(&self) -> Vec<(Relation, String)>;
    fn meta_mut(&mut self) -> &mut Option<EntryMeta>;
    /// Whom to ask about the entry, if stated.
    fn contact(&self) -> Option<&crate::sections::Contact>;
    /// Which of the facts readers need the document states.
    fn completeness(&self) -> crate::completeness::Completeness;
    /// The review date the owner states, if any (see `review`).
    fn review_on(&self) -> Option<NaiveDate>;
    /// What the transparency statistics count: the AI Act class, the stage, and whether a
    /// fundamental-rights impact assessment (FRIA) is done.
    fn statistics_facts(&self) -> StatisticsFacts;
    /// Checks the document against the shape rules and the reference data.
    fn check(
        &self,
        refs: &dyn crate::validation::References,
    ) -> Result<(), crate::validation::FieldErrors>;
}

impl Entry for crate::UseCase {
    const KIND: EntryKind = EntryKind::UseCase;
    fn slug(&self) -> &crate::Slug {
        &self.slug
    }
    fn owner(&self) -> &OrgCode {
        &self.owner
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn relations(&self) -> Vec<(Relation, String)> {
        let mut out = vec![
            (Relation::Owner, self.owner.to_string()),
            (Relation::PrimaryCategory, self.primary_category.to_string()),
        ];
        out.extend(
            self.partners
                .iter()
                .map(|p| (Relation::Partner, p.to_string())),
        );
        out.extend(
            self.secondary_categories
                .iter()
                .map(|c| (Relation::SecondaryCategory, c.to_string())),
        );
        out.extend(
            self.domains
                .iter()
                .map(|d| (Relation::Domain, d.to_string())),
        );
        out.extend(
            self.vendors
                .iter()
                .map(|v| (Relation::Vendor, v.to_string())),
        );
        out.extend(
            self.algorithms
                .iter()
                .map(|a| (Relation::UsesAlgorithm, a.to_string())),
        );
        out.sort();
        out.dedup();
        out
    }
    fn meta_mut(&mut self) -> &mut Option<EntryMeta> {
        &mut self.meta
    }
    fn contact(&self) -> Option<&crate::sections::Contact> {
        self.contact.as_ref()
    }
    fn completeness(&self) -> crate::completeness::Completeness {
        crate::completeness::of_use_case(self)
    }
    fn review_on(&self) -> Option<NaiveDate> {
        self.review_on
    }
    fn statistics_facts(&self) -> StatisticsFacts {
        // The one place that says what counts as "a FRIA done" for a use case: a structured
        // FRIA of the record's own would be or-ed in on this line.
        let fria_done = crate::assessments::fria_done(&self.assessments);
        StatisticsFacts::of(
            self.ai_act.class,
            self.lifecycle,
            &self.assessments,
            fria_done,
        )
    }
    fn check(
        &self,
        refs: &dyn crate::validation::References,
    ) -> Result<(), crate::validation::FieldErrors> {
        crate::validation::validate_use_case(self, refs)
    }
}

impl Entry for crate::Algorithm {
    const KIND: EntryKind = EntryKind::Algorithm;
    fn slug(&self) -> &crate::Slug {
        &self.slug
    }
    fn owner(&self) -> &OrgCode {
        &self.owner
    }
    fn title(&self) -> &str {
        &self.name
    }
    fn relations(&self) -> Vec<(Relation, String)> {
        let mut out = vec![(Relation::Owner, self.owner.to_string())];
        out.extend(
            self.vendor
                .iter()
                .map(|v| (Relation::Vendor, v.to_string())),
        );
        out
    }
    fn meta_mut(&mut self) -> &mut Option<EntryMeta> {
        &mut self.meta
    }
    fn contact(&self) -> Option<&crate::sections::Contact> {
        self.contact.as_ref()
    }
    fn completeness(&self) -> crate::completeness::Completeness {
        crate::completeness::of_algorithm(self)
    }
    fn review_on(&self) -> Option<NaiveDate> {
        self.review_on
    }
    fn statistics_facts(&self) -> StatisticsFacts {
        let fria_done = crate::assessments::fria_done(&self.assessments);
        StatisticsFacts::of(
            self.ai_act.class,
            self.lifecycle,
            &self.assessments,
            fria_done,
        )
    }
    fn check(
        &self,
        refs: &dyn crate::validation::References,
    ) -> Result<(), crate::validation::FieldErrors> {
        crate::validation::validate_algorithm(self, refs)
    }
}
