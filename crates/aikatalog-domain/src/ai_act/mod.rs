//! The AI Act path (Regulation (EU) 2024/1689): the triage questionnaire as data
//! (`questionnaire`), the pure classification of its answers (`triage`), the deployer's
//! obligations per class (`obligations`) and the registration information of Annex VIII
//! section C (`annex_viii`). No I/O: the questionnaire is read by `aikatalog-seed`, answers and
//! obligation statuses are stored by `aikatalog-storage`.

pub mod annex_viii;
pub mod obligations;
pub mod questionnaire;
pub mod triage;

use serde::{Deserialize, Serialize};

/// A text in Danish and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Bilingual {
    pub da: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(da: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            da: da.into(),
            en: en.into(),
        }
    }
}

pub use annex_viii::{Party, Registration, registration};
pub use obligations::{Obligation, ObligationStatus, obligations_for};
pub use questionnaire::{
    AnswerOption, Answers, Condition, Effect, Question, Questionnaire, Section,
};
pub use triage::{AiActRole, Reason, TriageResult, classify};
