//! Impact assessments: the registers and the AI Act ask which assessments were made, not only
//! whether a DPIA was, so an entry lists them and the old yes/no is derived from the list.

use serde::{Deserialize, Serialize};
use url::Url;
use validator::Validate;

use crate::dates::PartialDate;
use crate::levels::labelled_enum;

labelled_enum!(
    /// What kind of assessment.
    AssessmentKind {
        Dpia = "dpia" => "Konsekvensanalyse (DPIA)", "Data protection impact assessment (DPIA)",
        Fria = "fria" => "Konsekvensanalyse for grundlæggende rettigheder (FRIA, AI-forordningen art. 27)", "Fundamental rights impact assessment (FRIA, AI Act art. 27)",
        AiImpactAssessment = "ai_impact_assessment" => "AI-konsekvensanalyse", "AI impact assessment",
        PreDeploymentTest = "pre_deployment_test" => "Test før idriftsættelse", "Pre-deployment test",
        IndependentReview = "independent_review" => "Uafhængig gennemgang", "Independent review",
        PublicConsultation = "public_consultation" => "Offentlig høring", "Public consultation",
        Other = "other" => "Anden vurdering", "Other assessment",
    }
);

labelled_enum!(
    /// How far an assessment has come.
    AssessmentStatus {
        Done = "done" => "Gennemført", "Done",
        InProgress = "in_progress" => "I gang", "In progress",
        NotDone = "not_done" => "Ikke gennemført", "Not done",
        NotRequired = "not_required" => "Ikke påkrævet", "Not required",
    }
);

/// One impact assessment and where to read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImpactAssessment {
    pub kind: AssessmentKind,
    pub status: AssessmentStatus,
    /// When it was made (or is due), to the precision known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub summary: Option<String>,
    /// For a FRIA (`kind = "fria"`): its elements as art. 27(1)(a)–(f) lists them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub fria: Option<FriaElements>,
}

/// The elements of a fundamental rights impact assessment, art. 27(1)(a)–(f) of the AI Act.
/// Each is text, as a deployer writes it; `None` means not written yet.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FriaElements {
    /// (a) The deployer's processes in which the system is used, in line with its purpose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub processes: Option<String>,
    /// (b) The period of time within which, and the frequency with which, it is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub period_and_frequency: Option<String>,
    /// (c) The categories of natural persons and groups likely to be affected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub affected_persons: Option<String>,
    /// (d) The specific risks of harm to them, in view of the provider's information (art. 13).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub risks_of_harm: Option<String>,
    /// (e) How the human oversight measures are implemented, per the instructions for use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub human_oversight: Option<String>,
    /// (f) The measures if those risks materialise, with internal governance and complaints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub measures_if_risks_materialise: Option<String>,
}

impl FriaElements {
    /// The elements with their letters and names, in the order of art. 27(1).
    pub fn elements(&self) -> [(&'static str, &'static str, &'static str, Option<&str>); 6] {
        [
            (
                "a",
                "Processer, hvor systemet bruges",
                "Processes in which the system is used",
                self.processes.as_deref(),
            ),
            (
                "b",
                "Periode og hyppighed",
                "Period and frequency of use",
                self.period_and_frequency.as_deref(),
            ),
            (
                "c",
                "Berørte personer og grupper",
                "Persons and groups affected",
                self.affected_persons.as_deref(),
            ),
            (
                "d",
                "Specifikke risici for skade",
                "Specific risks of harm",
                self.risks_of_harm.as_deref(),
            ),
            (
                "e",
                "Menneskeligt tilsyn",
                "Human oversight measures",
                self.human_oversight.as_deref(),
            ),
            (
                "f",
                "Foranstaltninger, hvis risiciene indtræffer (herunder intern styring og klageadgang)",
                "Measures if the risks materialise (incl. internal governance and complaints)",
                self.measures_if_risks_materialise.as_deref(),
            ),
        ]
    }
}

/// The newest assessment of `kind` that is done and has a summary.
pub fn done_summary(assessments: &[ImpactAssessment], kind: AssessmentKind) -> Option<&str> {
    assessments
        .iter()
        .rev()
        .filter(|a| a.kind == kind && a.status == AssessmentStatus::Done)
        .find_map(|a| a.summary.as_deref().filter(|s| !s.trim().is_empty()))
}

/// Whether a DPIA was done, as far as `assessments` says: `Some(true)` when one is done,
/// `Some(false)` when the DPIAs listed are not (yet) done or not required, `None` when no DPIA is
/// listed at all ("not stated").
pub fn dpia_done(assessments: &[ImpactAssessment]) -> Option<bool> {
    let mut dpias = assessments
        .iter()
        .filter(|a| a.kind == AssessmentKind::Dpia)
        .peekable();
    dpias.peek()?;
    Some(dpias.any(|a| a.status == AssessmentStatus::Done))
}

/// Whether a fundamental-rights impact assessment (FRIA, AI Act art. 27) is listed as done.
pub fn fria_done(assessments: &[ImpactAssessment]) -> bool {
    assessments
        .iter()
        .any(|a| a.kind == AssessmentKind::Fria && a.status == AssessmentStatus::Done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assessment(kind: AssessmentKind, status: AssessmentStatus) -> ImpactAssessment {
        ImpactAssessment {
            kind,
            status,
            date: None,
            url: None,
            summary: None,
            fria: None,
        }
    }

    #[test]
    fn dpia_done_is_derived_from_the_dpias_listed() {
        use AssessmentKind::*;
        use AssessmentStatus::*;
        assert_eq!(dpia_done(&[]), None);
        assert_eq!(dpia_done(&[assessment(Fria, Done)]), None);
        assert_eq!(dpia_done(&[assessment(Dpia, InProgress)]), Some(false));
        assert_eq!(
            dpia_done(&[assessment(Dpia, NotDone), assessment(Dpia, Done)]),
            Some(true)
        );
    }
}
