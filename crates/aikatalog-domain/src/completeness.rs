//! Which of the facts a reader looks for first an entry states: the pages fold the missing ones
//! into one "Ikke oplyst: …" line instead of a column of empty rows, and search can rank by it.

use serde::{Deserialize, Serialize};

use crate::algorithm::Algorithm;
use crate::levels::{AiActClass, Lifecycle, labelled_enum};
use crate::sections::DataUse;
use crate::use_case::UseCase;

labelled_enum!(
    /// A fact readers need, in the order pages list them.
    ReaderField {
        Contact = "contact" => "kontaktperson", "contact",
        Stage = "stage" => "fase", "stage",
        Results = "results" => "resultater", "results",
        Data = "data" => "data", "data",
        LegalBasis = "legal_basis" => "retsgrundlag", "legal basis",
        AiActClass = "ai_act_class" => "risikoklasse efter AI-forordningen", "AI Act risk class",
        Assessments = "assessments" => "konsekvensanalyser", "impact assessments",
        Sourcing = "sourcing" => "leverandør eller egenudvikling", "vendor or in-house",
        Cost = "cost" => "omkostninger", "cost",
    }
);

/// The reader-needed facts an entry states and those it leaves out.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Completeness {
    pub filled: Vec<ReaderField>,
    pub missing: Vec<ReaderField>,
    /// `filled` as a whole percentage of the facts that apply to this kind of entry.
    pub percent: u8,
}

impl Completeness {
    fn from_checks(checks: &[(ReaderField, bool)]) -> Self {
        let (filled, missing): (Vec<_>, Vec<_>) = checks.iter().partition(|(_, ok)| *ok);
        let percent = if checks.is_empty() {
            100
        } else {
            // At most 100, so the quotient fits in a u8.
            u8::try_from(filled.len() * 100 / checks.len()).unwrap_or(100)
        };
        Self {
            filled: filled.into_iter().map(|(f, _)| f).collect(),
            missing: missing.into_iter().map(|(f, _)| f).collect(),
            percent,
        }
    }
}

fn states_data(data: &DataUse) -> bool {
    data.description.is_some() || !data.sources.is_empty() || data.personal_data.is_some()
}

/// A use case's completeness over all nine facts.
pub fn of_use_case(uc: &UseCase) -> Completeness {
    Completeness::from_checks(&[
        (ReaderField::Contact, uc.contact.is_some()),
        (ReaderField::Stage, uc.lifecycle != Lifecycle::NotStated),
        (
            ReaderField::Results,
            !uc.results.is_empty() || uc.results_summary.is_some(),
        ),
        (ReaderField::Data, states_data(&uc.data)),
        (ReaderField::LegalBasis, uc.legal.basis.is_some()),
        (
            ReaderField::AiActClass,
            uc.ai_act.class != AiActClass::NotAssessed,
        ),
        (ReaderField::Assessments, !uc.assessments.is_empty()),
        (
            ReaderField::Sourcing,
            uc.sourcing.is_some() || !uc.vendors.is_empty(),
        ),
        (
            ReaderField::Cost,
            uc.cost.one_off.is_some() || uc.cost.yearly.is_some(),
        ),
    ])
}

/// An algorithm's completeness over the facts that apply to algorithms (an algorithm has no
/// legal basis or cost of its own; its use cases carry those).
pub fn of_algorithm(alg: &Algorithm) -> Completeness {
    Completeness::from_checks(&[
        (ReaderField::Contact, alg.contact.is_some()),
        (ReaderField::Stage, alg.lifecycle != Lifecycle::NotStated),
        (
            ReaderField::Results,
            !alg.performance.is_empty() || alg.performance_note.is_some(),
        ),
        (
            ReaderField::Data,
            states_data(&alg.training_data) || states_data(&alg.operational_data),
        ),
        (
            ReaderField::AiActClass,
            alg.ai_act.class != AiActClass::NotAssessed,
        ),
        (ReaderField::Assessments, !alg.assessments.is_empty()),
        (
            ReaderField::Sourcing,
            alg.vendor.is_some() || alg.learning_type.is_some(),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn use_case(extra: serde_json::Value) -> UseCase {
        let mut doc = serde_json::json!({
            "slug": "a", "title": "Titel", "summary": "Et resumé på mindst ti tegn.",
            "owner": "707", "domains": ["administration"],
            "primary_category": "perception", "lifecycle": "not_stated"
        });
        for (k, v) in extra.as_object().into_iter().flatten() {
            doc[k] = v.clone();
        }
        serde_json::from_value(doc).expect("use case")
    }

    #[test]
    fn an_entry_that_states_nothing_misses_every_fact() {
        let c = of_use_case(&use_case(serde_json::json!({})));
        assert!(c.filled.is_empty());
        assert_eq!(c.missing.len(), 9);
        assert_eq!(c.percent, 0);
    }

    #[test]
    fn stated_facts_count_and_not_stated_stage_does_not() {
        let c = of_use_case(&use_case(serde_json::json!({
            "lifecycle": "pilot",
            "contact": {"email": "ai@example.dk"},
            "legal": {"basis": "Serviceloven § 83"},
            "assessments": [{"kind": "dpia", "status": "not_done"}],
            "vendors": ["openai"]
        })));
        assert_eq!(
            c.filled,
            [
                ReaderField::Contact,
                ReaderField::Stage,
                ReaderField::LegalBasis,
                ReaderField::Assessments,
                ReaderField::Sourcing
            ]
        );
        assert_eq!(c.percent, 55);
    }
}
