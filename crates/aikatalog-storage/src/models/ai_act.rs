//! The AI Act triage of each entry (its answers, their questionnaire version and the result)
//! and the status of each deployer obligation. Answers and results are stored as JSON; a row
//! that no longer parses is a `StorageError::Corrupt`-like decode error of diesel, never a panic.

use aikatalog_domain::ai_act::{Answers, Obligation, ObligationStatus, TriageResult};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::now;
use crate::DbConnection;
use crate::schema::{ai_act_obligations, ai_act_triages, entries};

/// A stored triage.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredTriage {
    pub entry_id: String,
    pub questionnaire_version: u32,
    pub answers: Answers,
    pub result: TriageResult,
    pub actor: String,
    pub triaged_at: NaiveDateTime,
}

type TriageTuple = (String, i64, String, String, String, NaiveDateTime);

fn decode(err: serde_json::Error) -> diesel::result::Error {
    diesel::result::Error::DeserializationError(Box::new(err))
}

fn encode(err: serde_json::Error) -> diesel::result::Error {
    diesel::result::Error::SerializationError(Box::new(err))
}

fn from_tuple(
    (entry_id, version, answers, result, actor, triaged_at): TriageTuple,
) -> QueryResult<StoredTriage> {
    Ok(StoredTriage {
        entry_id,
        questionnaire_version: u32::try_from(version).unwrap_or(0),
        answers: serde_json::from_str(&answers).map_err(decode)?,
        result: serde_json::from_str(&result).map_err(decode)?,
        actor,
        triaged_at,
    })
}

const TRIAGE_COLUMNS: (
    ai_act_triages::entry_id,
    ai_act_triages::questionnaire_version,
    ai_act_triages::answers,
    ai_act_triages::result,
    ai_act_triages::actor,
    ai_act_triages::triaged_at,
) = (
    ai_act_triages::entry_id,
    ai_act_triages::questionnaire_version,
    ai_act_triages::answers,
    ai_act_triages::result,
    ai_act_triages::actor,
    ai_act_triages::triaged_at,
);

/// The entry's triage, if it has one.
pub fn find_triage(conn: &mut DbConnection, entry_id: &str) -> QueryResult<Option<StoredTriage>> {
    ai_act_triages::table
        .find(entry_id)
        .select(TRIAGE_COLUMNS)
        .first::<TriageTuple>(conn)
        .optional()?
        .map(from_tuple)
        .transpose()
}

/// Stores (or replaces) the entry's triage, inside the caller's transaction.
pub fn save_triage(
    conn: &mut DbConnection,
    entry_id: &str,
    answers: &Answers,
    result: &TriageResult,
    actor: &str,
) -> QueryResult<StoredTriage> {
    let answers_json = serde_json::to_string(answers).map_err(encode)?;
    let result_json = serde_json::to_string(result).map_err(encode)?;
    let at = now();
    // Delete and insert rather than an upsert: portable, and the caller's transaction makes it
    // one change.
    diesel::delete(ai_act_triages::table.find(entry_id)).execute(conn)?;
    diesel::insert_into(ai_act_triages::table)
        .values((
            ai_act_triages::entry_id.eq(entry_id),
            ai_act_triages::questionnaire_version.eq(i64::from(result.questionnaire_version)),
            ai_act_triages::answers.eq(&answers_json),
            ai_act_triages::result.eq(&result_json),
            ai_act_triages::class.eq(result.class.as_str()),
            ai_act_triages::actor.eq(actor),
            ai_act_triages::triaged_at.eq(at),
        ))
        .execute(conn)?;
    Ok(StoredTriage {
        entry_id: entry_id.to_owned(),
        questionnaire_version: result.questionnaire_version,
        answers: answers.clone(),
        result: result.clone(),
        actor: actor.to_owned(),
        triaged_at: at,
    })
}

/// An entry triaged on an older questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutdatedTriage {
    pub entry_id: String,
    pub kind: String,
    pub slug: String,
    pub title: String,
    pub owner_code: String,
    pub questionnaire_version: u32,
    pub class: String,
    pub triaged_at: NaiveDateTime,
}

type OutdatedTuple = (
    String,
    String,
    String,
    String,
    String,
    i64,
    String,
    NaiveDateTime,
);

/// Entries whose triage answered a questionnaire older than `current`, oldest version first;
/// only those owned by `owner` when given.
pub fn outdated(
    conn: &mut DbConnection,
    current: u32,
    owner: Option<&str>,
) -> QueryResult<Vec<OutdatedTriage>> {
    let mut query = ai_act_triages::table
        .inner_join(entries::table)
        .filter(ai_act_triages::questionnaire_version.lt(i64::from(current)))
        .select((
            entries::id,
            entries::kind,
            entries::slug,
            entries::title,
            entries::owner_code,
            ai_act_triages::questionnaire_version,
            ai_act_triages::class,
            ai_act_triages::triaged_at,
        ))
        .order((ai_act_triages::questionnaire_version, entries::slug))
        .into_boxed();
    if let Some(owner) = owner {
        query = query.filter(entries::owner_code.eq(owner.to_owned()));
    }
    let rows: Vec<OutdatedTuple> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(entry_id, kind, slug, title, owner_code, version, class, triaged_at)| {
                OutdatedTriage {
                    entry_id,
                    kind,
                    slug,
                    title,
                    owner_code,
                    questionnaire_version: u32::try_from(version).unwrap_or(0),
                    class,
                    triaged_at,
                }
            },
        )
        .collect())
}

/// A stored obligation status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredObligation {
    pub obligation: Obligation,
    pub status: ObligationStatus,
    pub note: Option<String>,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

/// The statuses stored for an entry. Rows naming an obligation or status this code does not
/// know (written by a newer version) are skipped.
pub fn obligations(conn: &mut DbConnection, entry_id: &str) -> QueryResult<Vec<StoredObligation>> {
    let rows: Vec<(String, String, Option<String>, String, NaiveDateTime)> =
        ai_act_obligations::table
            .filter(ai_act_obligations::entry_id.eq(entry_id))
            .select((
                ai_act_obligations::obligation,
                ai_act_obligations::status,
                ai_act_obligations::note,
                ai_act_obligations::updated_by,
                ai_act_obligations::updated_at,
            ))
            .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(obligation, status, note, updated_by, updated_at)| {
            Some(StoredObligation {
                obligation: Obligation::parse(&obligation)?,
                status: ObligationStatus::parse(&status)?,
                note,
                updated_by,
                updated_at,
            })
        })
        .collect())
}

/// Sets the status of one obligation of an entry, inside the caller's transaction.
pub fn set_obligation(
    conn: &mut DbConnection,
    entry_id: &str,
    obligation: Obligation,
    status: ObligationStatus,
    note: Option<&str>,
    actor: &str,
) -> QueryResult<()> {
    let key = (entry_id, obligation.as_str());
    diesel::delete(ai_act_obligations::table.find(key)).execute(conn)?;
    diesel::insert_into(ai_act_obligations::table)
        .values((
            ai_act_obligations::entry_id.eq(entry_id),
            ai_act_obligations::obligation.eq(obligation.as_str()),
            ai_act_obligations::status.eq(status.as_str()),
            ai_act_obligations::note.eq(note),
            ai_act_obligations::updated_by.eq(actor),
            ai_act_obligations::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The checklist of an entry: the obligations its triage gives a deployer, each with its stored
/// status (`open` when none is stored).
pub fn checklist(
    conn: &mut DbConnection,
    entry_id: &str,
    result: &TriageResult,
) -> QueryResult<Vec<aikatalog_domain::ai_act::obligations::ObligationItem>> {
    use aikatalog_domain::ai_act::obligations::{ObligationItem, obligations_for};
    let stored = obligations(conn, entry_id)?;
    Ok(obligations_for(result)
        .into_iter()
        .map(|o| match stored.iter().find(|s| s.obligation == o) {
            Some(s) => ObligationItem::new(o, s.status, s.note.clone()),
            None => ObligationItem::new(o, ObligationStatus::Open, None),
        })
        .collect())
}

/// Whether the public may see a triage: the entry is public and the class it reached is the
/// class the public document states (a triage whose class awaits a curator stays private, as
/// the pending revision does).
pub fn public_may_see(
    row: &super::entries::EntryRow,
    triage: &StoredTriage,
) -> Result<bool, crate::StorageError> {
    Ok(row
        .public_document::<aikatalog_domain::UseCase>()?
        .is_some_and(|doc| doc.ai_act.class == triage.result.class))
}
