//! Writing a checked plan: an upsert by natural key per document, all in one transaction.

use std::fmt;

use aikatalog_domain::{Adoption, Entry, EntryKind, PublicationState};
use aikatalog_storage::models::entries::{self, Change, Save};
use aikatalog_storage::models::reference_records as reference;
use aikatalog_storage::models::{SyncOutcome, adoptions};
use aikatalog_storage::{DbConnection, StorageError};

use crate::Progress;
use crate::plan::{Located, Plan};

/// Created / updated / unchanged counts for one kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl Counts {
    fn add(&mut self, outcome: SyncOutcome) {
        match outcome {
            SyncOutcome::Created => self.created += 1,
            SyncOutcome::Updated => self.updated += 1,
            SyncOutcome::Unchanged => self.unchanged += 1,
        }
    }

    pub fn changed(&self) -> usize {
        self.created + self.updated
    }
}

/// What an import did (or, on a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub organisations: Counts,
    pub categories: Counts,
    pub domains: Counts,
    pub algorithms: Counts,
    pub use_cases: Counts,
    pub adoptions: Counts,
    pub dry_run: bool,
}

impl Summary {
    fn rows(&self) -> [(&'static str, Counts); 6] {
        [
            ("organisations", self.organisations),
            ("categories", self.categories),
            ("domains", self.domains),
            ("algorithms", self.algorithms),
            ("use cases", self.use_cases),
            ("adoptions", self.adoptions),
        ]
    }

    /// Whether anything was (or would be) created or updated.
    pub fn changed(&self) -> bool {
        self.rows().iter().any(|(_, c)| c.changed() > 0)
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.dry_run { "would be" } else { "were" };
        writeln!(
            f,
            "{:<14} {:>8} {:>8} {:>10}",
            "", "created", "updated", "unchanged"
        )?;
        for (name, c) in self.rows() {
            writeln!(
                f,
                "{name:<14} {:>8} {:>8} {:>10}",
                c.created, c.updated, c.unchanged
            )?;
        }
        if self.changed() {
            write!(
                f,
                "Read {} file(s); the changes above {verb} made",
                self.files
            )?;
        } else {
            write!(
                f,
                "Read {} file(s); no changes: the database already matches",
                self.files
            )?;
        }
        if self.dry_run {
            write!(f, " (dry run: nothing was written)")?;
        }
        Ok(())
    }
}

/// The actor recorded in revisions written by an import.
pub const IMPORT_ACTOR: &str = "import";

pub(crate) fn apply(
    conn: &mut DbConnection,
    plan: &Plan,
    progress: &mut dyn Progress,
) -> Result<Summary, StorageError> {
    progress.start(plan.documents());
    let mut summary = Summary {
        files: plan.files,
        ..Summary::default()
    };
    for o in &plan.organisations {
        summary
            .organisations
            .add(reference::sync_organisation(conn, &o.value, IMPORT_ACTOR)?.outcome);
        progress.advance();
    }
    for c in &plan.categories {
        summary
            .categories
            .add(reference::sync_category(conn, &c.value, IMPORT_ACTOR)?.outcome);
        progress.advance();
    }
    for (position, d) in plan.domains.iter().enumerate() {
        // Position follows file order; more than i32::MAX domains is not a real catalogue.
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        summary
            .domains
            .add(reference::sync_domain(conn, &d.value, position, IMPORT_ACTOR)?.outcome);
        progress.advance();
    }
    for a in &plan.algorithms {
        summary.algorithms.add(sync_entry(conn, a)?);
        progress.advance();
    }
    for u in &plan.use_cases {
        summary.use_cases.add(sync_entry(conn, u)?);
        progress.advance();
    }
    for a in &plan.adoptions {
        let record = &a.value;
        let (kind, slug) = match (&record.use_case, &record.algorithm) {
            (Some(s), _) => (EntryKind::UseCase, s),
            (None, Some(s)) => (EntryKind::Algorithm, s),
            // The plan's checks refuse records that name neither.
            (None, None) => continue,
        };
        let entry =
            entries::find(conn, kind, slug.as_str())?.ok_or(diesel::result::Error::NotFound)?;
        let adoption = Adoption {
            organisation: record.organisation.clone(),
            adopted_on: record.adopted_on,
            note: record.note.clone(),
        };
        summary.adoptions.add(adoptions::sync(
            conn,
            &entry.id,
            kind,
            &adoption,
            IMPORT_ACTOR,
        )?);
        progress.advance();
    }
    Ok(summary)
}

/// Seed entries are curated: a new or changed one is published at once, as a new revision.
fn sync_entry<E: Entry>(
    conn: &mut DbConnection,
    doc: &Located<E>,
) -> Result<SyncOutcome, StorageError> {
    let existing = entries::find(conn, E::KIND, doc.value.slug().as_str())?;
    let json = entries::stored_json(&doc.value)?;
    let message = doc.file.display().to_string();
    let change = Change {
        actor: IMPORT_ACTOR,
        transition: "import",
        message: Some(&message),
    };
    match existing {
        Some(row) if row.document == json && row.published_document.as_deref() == Some(&json) => {
            Ok(SyncOutcome::Unchanged)
        }
        Some(row) => {
            // An archived entry stays archived; its document is still brought up to date.
            let state = match row.state() {
                PublicationState::Archived => PublicationState::Archived,
                _ => PublicationState::Published,
            };
            entries::save(
                conn,
                Some(&row),
                &doc.value,
                Save {
                    state,
                    publish: true,
                },
                change,
            )?;
            Ok(SyncOutcome::Updated)
        }
        None => {
            let save = Save {
                state: PublicationState::Published,
                publish: true,
            };
            entries::save(conn, None, &doc.value, save, change)?;
            Ok(SyncOutcome::Created)
        }
    }
}
