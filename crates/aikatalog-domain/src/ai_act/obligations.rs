//! What a deployer must do, per class, as a checklist: AI literacy for every AI system (art. 4),
//! the art. 50 notices where a transparency duty applies, and for a high-risk system the
//! deployer's obligations of art. 26, the fundamental rights impact assessment (art. 27) and the
//! registration in the EU database (art. 49(3)). Each entry keeps a status per obligation.

use serde::{Deserialize, Serialize};

use super::Bilingual;
use super::triage::TriageResult;
use crate::levels::{AiActClass, labelled_enum};

labelled_enum!(
    /// One of the deployer's obligations.
    Obligation {
        AiLiteracy = "ai_literacy" => "AI-færdigheder hos personalet", "AI literacy of staff",
        TransparencyNotice = "transparency_notice" => "Oplysning om AI (gennemsigtighed)", "Transparency notices",
        HumanOversight = "human_oversight" => "Menneskeligt tilsyn ved navngivne, kompetente personer", "Human oversight by named, competent persons",
        InputData = "input_data" => "Relevante og repræsentative inputdata", "Relevant and representative input data",
        Logs = "logs" => "Logfiler opbevares i mindst seks måneder", "Logs kept for at least six months",
        InformWorkers = "inform_workers" => "Medarbejdere og deres repræsentanter er informeret", "Workers and their representatives informed",
        InformAffectedPersons = "inform_affected_persons" => "Berørte personer er informeret", "Affected persons informed",
        Fria = "fria" => "Konsekvensanalyse for grundlæggende rettigheder (FRIA)", "Fundamental rights impact assessment (FRIA)",
        EuRegistration = "eu_registration" => "Registreret i EU-databasen", "Registered in the EU database",
    }
);

labelled_enum!(
    /// How far an obligation has come for one entry.
    ObligationStatus {
        Open = "open" => "Ikke påbegyndt", "Not started",
        InProgress = "in_progress" => "I gang", "In progress",
        Done = "done" => "Opfyldt", "Done",
        NotApplicable = "not_applicable" => "Gælder ikke her", "Not applicable here",
    }
);

impl Obligation {
    /// The article the obligation comes from.
    pub fn article(self) -> Bilingual {
        let (da, en) = match self {
            Self::AiLiteracy => ("Art. 4", "Art. 4"),
            Self::TransparencyNotice => ("Art. 50", "Art. 50"),
            Self::HumanOversight => ("Art. 26, stk. 2", "Art. 26(2)"),
            Self::InputData => ("Art. 26, stk. 4", "Art. 26(4)"),
            Self::Logs => ("Art. 26, stk. 6", "Art. 26(6)"),
            Self::InformWorkers => ("Art. 26, stk. 7", "Art. 26(7)"),
            Self::InformAffectedPersons => ("Art. 26, stk. 11", "Art. 26(11)"),
            Self::Fria => ("Art. 27", "Art. 27"),
            Self::EuRegistration => (
                "Art. 49, stk. 3, og bilag VIII, afsnit C",
                "Art. 49(3) and Annex VIII, section C",
            ),
        };
        Bilingual::new(da, en)
    }

    /// What the obligation asks, in a sentence.
    pub fn description(self) -> Bilingual {
        let (da, en) = match self {
            Self::AiLiteracy => (
                "Personale, der betjener eller bruger systemet, har tilstrækkelige AI-færdigheder.",
                "Staff who operate or use the system have a sufficient level of AI literacy.",
            ),
            Self::TransparencyNotice => (
                "Personer får at vide, at de interagerer med et AI-system, eller at indhold er genereret eller manipuleret af AI, som art. 50 kræver.",
                "People are told that they interact with an AI system, or that content is AI-generated or manipulated, as art. 50 requires.",
            ),
            Self::HumanOversight => (
                "Tilsynet er givet til navngivne personer med den nødvendige kompetence, uddannelse og myndighed og den nødvendige støtte.",
                "Oversight is assigned to named persons with the necessary competence, training and authority, and the necessary support.",
            ),
            Self::InputData => (
                "I det omfang kommunen styrer inputdata, er de relevante og tilstrækkeligt repræsentative for formålet.",
                "To the extent the municipality controls the input data, it is relevant and sufficiently representative for the purpose.",
            ),
            Self::Logs => (
                "De logfiler, systemet genererer automatisk, opbevares i mindst seks måneder, i det omfang kommunen har kontrol over dem.",
                "The logs the system generates automatically are kept for at least six months, to the extent they are under the municipality's control.",
            ),
            Self::InformWorkers => (
                "Medarbejderrepræsentanter og berørte medarbejdere er informeret, før systemet tages i brug på arbejdspladsen.",
                "Workers' representatives and affected workers are informed before the system is used at the workplace.",
            ),
            Self::InformAffectedPersons => (
                "Borgere, som systemet træffer eller hjælper med at træffe beslutninger om, er informeret om, at det bruges.",
                "People about whom the system makes or helps make decisions are informed that it is used.",
            ),
            Self::Fria => (
                "En konsekvensanalyse for grundlæggende rettigheder med elementerne i art. 27, stk. 1, litra a-f, er udført før ibrugtagning.",
                "A fundamental rights impact assessment with the elements of art. 27(1)(a)-(f) is performed before deployment.",
            ),
            Self::EuRegistration => (
                "Kommunen har registreret sig og systemets brug i EU-databasen med oplysningerne i bilag VIII, afsnit C, før ibrugtagning.",
                "The municipality has registered itself and the system's use in the EU database with the information of Annex VIII, section C, before use.",
            ),
        };
        Bilingual::new(da, en)
    }
}

/// The obligations a deployer has for a triage result. None for a system that is not an AI
/// system or is prohibited (it must not be used), and none when the municipality is only the
/// provider (a provider's obligations are not this checklist's).
pub fn obligations_for(result: &TriageResult) -> Vec<Obligation> {
    if matches!(
        result.class,
        AiActClass::NotAiSystem | AiActClass::Prohibited | AiActClass::NotAssessed
    ) || result.role.is_some_and(|r| !r.deploys())
    {
        return Vec::new();
    }
    let mut out = vec![Obligation::AiLiteracy];
    if !result.transparency_duties.is_empty() {
        out.push(Obligation::TransparencyNotice);
    }
    if result.class == AiActClass::High {
        out.extend([
            Obligation::HumanOversight,
            Obligation::InputData,
            Obligation::Logs,
            Obligation::InformWorkers,
        ]);
        // Art. 26(11), 27(1) and 49(3) concern Annex III systems; art. 27 and 49(3) leave
        // out point 2 (critical infrastructure).
        let annex_iii = !result.annex_iii_points.is_empty() && !result.exception_applied;
        let beyond_point_2 = result.annex_iii_points.iter().any(|p| p != "2");
        if annex_iii {
            out.push(Obligation::InformAffectedPersons);
        }
        if annex_iii && beyond_point_2 {
            out.extend([Obligation::Fria, Obligation::EuRegistration]);
        }
    }
    out
}

/// An obligation with its status for one entry, as the API and the pages show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ObligationItem {
    pub obligation: Obligation,
    pub status: ObligationStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub article: Bilingual,
    pub label: Bilingual,
    pub description: Bilingual,
}

impl ObligationItem {
    pub fn new(obligation: Obligation, status: ObligationStatus, note: Option<String>) -> Self {
        Self {
            obligation,
            status,
            note,
            article: obligation.article(),
            label: Bilingual::new(obligation.label_da(), obligation.label_en()),
            description: obligation.description(),
        }
    }
}

/// One status to set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ObligationUpdate {
    pub obligation: Obligation,
    pub status: ObligationStatus,
    /// Who, what, where: e.g. the named persons who oversee the system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Checks updates against the obligations `result` gives, naming each bad one
/// (`items[i].obligation`, `items[i].note`).
pub fn check_updates(
    result: &TriageResult,
    items: &[ObligationUpdate],
) -> Result<(), crate::FieldErrors> {
    use crate::FieldError;
    let due = obligations_for(result);
    let mut errors = crate::FieldErrors::default();
    for (i, item) in items.iter().enumerate() {
        if !due.contains(&item.obligation) {
            errors.push(FieldError::new(
                format!("items[{i}].obligation"),
                "not_an_obligation_here",
                format!(
                    "the triage (class `{}`) gives no obligation `{}`",
                    result.class, item.obligation
                ),
            ));
        }
        if let Some(note) = &item.note {
            if note.chars().count() > 1000 {
                errors.push(FieldError::new(
                    format!("items[{i}].note"),
                    "length",
                    "must have at most 1000 characters",
                ));
            } else if let Some(why) = crate::document::forbidden(note, false) {
                errors.push(FieldError::new(
                    format!("items[{i}].note"),
                    "invalid_value",
                    why,
                ));
            }
        }
    }
    errors.into_result()
}
