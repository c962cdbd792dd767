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
