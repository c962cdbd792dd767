//! The AI Act changes to a use case, for the API and the pages alike: a triage (answers stored
//! with their questionnaire version, the class and reasons set on the entry as its next
//! revision through [`edit_in`], so the workflow, the caller's right and the revision read all
//! apply) and the statuses of the deployer's obligations, which are the municipality's own
//! account kept beside the entry rather than a revision of it.

use aikatalog_domain::ai_act::obligations::{ObligationItem, ObligationUpdate, check_updates};
use aikatalog_domain::ai_act::{Answers, Questionnaire, classify};
use aikatalog_domain::{EntryKind, FieldError, FieldErrors, UseCase};
use aikatalog_storage::Database;
use aikatalog_storage::models::ai_act::{self as store, StoredTriage};
use aikatalog_storage::models::entries::{self, EntryRow};
use serde_json::Value;

use crate::editing::{edit_in, load_for_change};
use crate::{BasedOn, Caller, PublishError};

/// What a triage stored.
#[derive(Debug, Clone)]
pub struct Triaged {
    pub triage: StoredTriage,
    /// The entry after the triage.
    pub row: EntryRow,
    /// Whether the triage made a new revision (the class or its reasons changed).
    pub revision_created: bool,
    pub obligations: Vec<ObligationItem>,
}

/// Triages the use case `key` with `answers` to `questionnaire`, in one transaction: the
/// answers are checked (every field named), the class computed, the triage stored and the
/// entry's `ai_act.class` and `ai_act.justification` set as its next revision when they change.
pub fn triage(
    db: &Database,
    caller: &Caller,
    key: &str,
    based_on: Option<&BasedOn>,
    questionnaire: &Questionnaire,
    answers: &Answers,
) -> Result<Triaged, PublishError> {
    let result = classify(questionnaire, answers);
    let class = Value::String(result.class.as_str().to_owned());
    let justification = Value::String(result.summary_da());
    let message = format!(
        "AI Act triage (questionnaire version {}): {}",
        questionnaire.version, result.class
    );
    db.write_with(|conn| {
        let before = entries::find(conn, EntryKind::UseCase, key)?.map(|row| row.revision);
        let saved = edit_in::<UseCase>(
            conn,
            caller,
            key,
            based_on,
            |doc| {
                // Checked after the caller's right and the revision: a stranger learns nothing.
                questionnaire
                    .check_answers(answers)
                    .map_err(PublishError::Invalid)?;
                if let Some(doc) = doc.as_object_mut() {
                    let ai_act = doc
                        .entry("ai_act")
                        .or_insert_with(|| Value::Object(Default::default()));
                    if let Some(ai_act) = ai_act.as_object_mut() {
                        ai_act.insert("class".into(), class);
                        ai_act.insert("justification".into(), justification);
                    }
                }
                Ok(())
            },
            Some(&message),
        )?;
        let triage = store::save_triage(conn, &saved.row.id, answers, &result, &caller.actor())?;
        let obligations = store::checklist(conn, &saved.row.id, &result)?;
        Ok(Triaged {
            revision_created: before != Some(saved.row.revision),
            triage,
            row: saved.row,
            obligations,
        })
    })
}

/// Sets the statuses (and notes) of obligations the use case's triage gives; the others keep
/// theirs. Answers the whole checklist after the change.
pub fn set_obligations(
    db: &Database,
    caller: &Caller,
    key: &str,
    items: &[ObligationUpdate],
) -> Result<Vec<ObligationItem>, PublishError> {
    db.write_with(|conn| {
        let row = load_for_change(conn, EntryKind::UseCase, key, caller)?;
        let triage = store::find_triage(conn, &row.id)?.ok_or_else(|| {
            PublishError::Invalid(FieldErrors(vec![FieldError::new(
                "",
                "not_triaged",
                "triage the use case first: its obligations follow from its class",
            )]))
        })?;
        check_updates(&triage.result, items).map_err(PublishError::Invalid)?;
        let actor = caller.actor();
        for item in items {
            let note = item.note.as_deref().filter(|n| !n.trim().is_empty());
            store::set_obligation(conn, &row.id, item.obligation, item.status, note, &actor)?;
        }
        Ok(store::checklist(conn, &row.id, &triage.result)?)
    })
}
