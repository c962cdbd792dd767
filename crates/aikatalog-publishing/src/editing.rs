//! Creating and changing entries: a new draft, a new revision of the document (validated in
//! full), and the workflow's steps. Each operation needs the caller's right to the owning
//! organisation and, for existing entries, the revision the caller read.

use aikatalog_domain::workflow::{self, Action, Situation};
use aikatalog_domain::{Entry, EntryKind, FieldError, FieldErrors, PublicationState, document};
use aikatalog_storage::models::entries::{self, Change, EntryRow, Save};
use aikatalog_storage::models::reference_set::ReferenceSet;
use aikatalog_storage::{Database, DbConnection};
use serde_json::Value;

use crate::guard::{self, BasedOn};
use crate::messages::transition_message;
use crate::{Caller, PublishError};

/// What an operation stored (or found already stored): the entry's row and its newest
/// document, with metadata.
#[derive(Debug, Clone)]
pub struct Saved<E> {
    pub row: EntryRow,
    pub doc: E,
}

impl<E: Entry> Saved<E> {
    fn of(row: EntryRow) -> Result<Self, PublishError> {
        let doc = row.current_document::<E>()?;
        Ok(Saved { row, doc })
    }
}

/// The kind's name in messages.
pub fn what(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::UseCase => "use case",
        EntryKind::Algorithm => "algorithm",
    }
}

fn not_found(kind: EntryKind, key: &str) -> PublishError {
    PublishError::NotFound {
        what: what(kind),
        key: key.to_owned(),
    }
}

/// Loads an entry the caller is about to change. Entries the caller cannot see are not found;
/// public entries of other organisations are forbidden.
pub(crate) fn load_for_change(
    conn: &mut DbConnection,
    kind: EntryKind,
    key: &str,
    caller: &Caller,
) -> Result<EntryRow, PublishError> {
    let row = entries::find(conn, kind, key)?.ok_or_else(|| not_found(kind, key))?;
    if caller.may_edit_code(&row.owner_code) {
        Ok(row)
    } else if row.is_public() {
        Err(PublishError::Forbidden(format!(
            "this {} belongs to organisation {}; only its editors and curators may change it",
            what(kind),
            row.owner_code
        )))
    } else {
        Err(PublishError::OthersDraft {
            what: what(kind),
            key: key.to_owned(),
        })
    }
}

/// The entry as the caller would start changing it (an edit form): its newest revision, if the
/// caller may change it; the same refusals as a change.
pub fn open_for_change<E: Entry>(
    db: &Database,
    caller: &Caller,
    key: &str,
) -> Result<Saved<E>, PublishError> {
    db.read_with(|conn| Saved::of(load_for_change(conn, E::KIND, key, caller)?))
}

fn forbid_owner<E: Entry>(caller: &Caller, doc: &E) -> Result<(), PublishError> {
    if caller.may_edit(doc.owner()) {
        Ok(())
    } else {
        Err(PublishError::Forbidden(format!(
            "you act for organisation {}; you cannot make an entry owned by {}",
            caller.org.as_ref().map_or("(none)", |o| o.as_str()),
            doc.owner()
        )))
    }
}

/// Reads `body` as an `E` and checks it against the domain rules; every problem is returned
/// together, with the codes `aikatalog_domain::document` defines.
fn parse<E: Entry>(conn: &mut DbConnection, body: Value) -> Result<E, PublishError> {
    let refs = ReferenceSet::load(conn)?;
    document::read_checked(body, |doc: &E| doc.check(&refs)).map_err(PublishError::Invalid)
}

fn situation(row: &EntryRow) -> Situation {
    Situation {
        state: row.state(),
        has_published: row.published_document.is_some(),
        // A never-published draft counts as pending: it is all change.
        pending: row.published_document.is_none() || row.has_pending_change(),
    }
}

/// A new entry from `body`, as a draft owned by an organisation the caller acts for.
pub fn create<E: Entry>(
    db: &Database,
    caller: &Caller,
    body: Value,
) -> Result<Saved<E>, PublishError> {
    db.write_with(|conn| {
        let doc: E = parse(conn, body)?;
        forbid_owner(caller, &doc)?;
        if entries::find(conn, E::KIND, doc.slug().as_str())?.is_some() {
            return Err(PublishError::Invalid(FieldErrors(vec![FieldError::new(
                "slug",
                "slug_taken",
                format!(
                    "another {} already has the slug `{}`",
                    what(E::KIND),
                    doc.slug()
                ),
            )])));
        }
        let actor = caller.actor();
        let save = Save {
            state: PublicationState::Draft,
            publish: false,
        };
        let change = Change {
            actor: &actor,
            transition: "create",
            message: None,
        };
        Saved::of(entries::save(conn, None, &doc, save, change)?)
    })
}

/// Replaces the entry's document with `body`, as its next revision.
pub fn replace<E: Entry>(
    db: &Database,
    caller: &Caller,
    key: &str,
    based_on: Option<&BasedOn>,
    body: Value,
) -> Result<Saved<E>, PublishError> {
    edit::<E>(db, caller, key, based_on, move |doc| {
        *doc = body;
        Ok(())
    })
}

/// Changes the newest revision's document (as JSON, in the current shape) with `change` (a
/// whole replacement, a merge patch, a link), then validates and stores the result as the next
/// revision. A document identical to the stored one stores nothing.
pub fn edit<E: Entry>(
    db: &Database,
    caller: &Caller,
    key: &str,
    based_on: Option<&BasedOn>,
    change: impl FnOnce(&mut Value) -> Result<(), PublishError>,
) -> Result<Saved<E>, PublishError> {
    db.write_with(|conn| edit_in(conn, caller, key, based_on, change, None))
}

/// [`edit`] inside the caller's transaction, with a message for the history, for a change that
/// stores more than the entry in the same transaction (the AI Act triage stores its answers
/// with the class it sets).
pub fn edit_in<E: Entry>(
    conn: &mut DbConnection,
    caller: &Caller,
    key: &str,
    based_on: Option<&BasedOn>,
    change: impl FnOnce(&mut Value) -> Result<(), PublishError>,
    message: Option<&str>,
) -> Result<Saved<E>, PublishError> {
    let row = load_for_change(conn, E::KIND, key, caller)?;
    guard::check(based_on, &row)?;
    let mut doc = entries::stored_value::<E>(&row.document)?;
    change(&mut doc)?;
    let doc: E = parse(conn, doc)?;
    forbid_owner(caller, &doc)?;
    if doc.slug().as_str() != row.slug {
        return Err(PublishError::Invalid(FieldErrors(vec![FieldError::new(
            "slug",
            "immutable",
            format!("the slug is a stable identifier and stays `{}`", row.slug),
        )])));
    }
    if entries::stored_json(&doc)? == row.document {
        return Saved::of(row);
    }
    save_revision(conn, &row, &doc, caller, Action::Edit, message)
}

/// Moves the entry one step through the workflow (submit, publish, reject, archive, restore).
/// `message` is kept with the revision; a rejection must give one.
pub fn transition<E: Entry>(
    db: &Database,
    caller: &Caller,
    key: &str,
    based_on: Option<&BasedOn>,
    action: Action,
    message: Option<String>,
) -> Result<Saved<E>, PublishError> {
    if action == Action::Edit {
        return Err(PublishError::Refused(
            "an edit is a change of the document, not a workflow step".into(),
        ));
    }
    let message = transition_message(message, action)?;
    db.write_with(|conn| {
        let row = load_for_change(conn, E::KIND, key, caller)?;
        if action.curator_only() && !caller.is_curator() {
            return Err(PublishError::Forbidden(format!(
                "only curators may {} entries",
                action.as_str()
            )));
        }
        guard::check(based_on, &row)?;
        let doc = row.current_document::<E>()?;
        save_revision(conn, &row, &doc, caller, action, message.as_deref())
    })
}

/// Applies `action` to the entry the caller read as `row` and stores `doc` as its next revision.
fn save_revision<E: Entry>(
    conn: &mut DbConnection,
    row: &EntryRow,
    doc: &E,
    caller: &Caller,
    action: Action,
    message: Option<&str>,
) -> Result<Saved<E>, PublishError> {
    let outcome = workflow::apply(situation(row), action).map_err(PublishError::Refused)?;
    // A draft may be incomplete; what goes to review or to the public must say whom to ask.
    if matches!(action, Action::Submit | Action::Publish) {
        aikatalog_domain::readiness::check_ready(doc).map_err(PublishError::Invalid)?;
    }
    let actor = caller.actor();
    let change = Change {
        actor: &actor,
        transition: action.as_str(),
        message,
    };
    let save = Save {
        state: outcome.state,
        publish: outcome.publish,
    };
    // A lost race (another writer saved since `row` was read) is a `StorageError::LostRace`,
    // which becomes `PublishError::Stale`.
    Saved::of(entries::save(conn, Some(row), doc, save, change)?)
}
