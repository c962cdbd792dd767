//! Writing a checked run in one transaction: the foreign bodies as organisations, then each
//! record as a published use case, created or, when changed, a new revision; unchanged ones are
//! left alone. Any failure rolls everything back.

use aikatalog_domain::{Entry, PublicationState, UseCase};
use aikatalog_storage::models::entries::{self, Change, Save};
use aikatalog_storage::models::reference_records as reference;
use aikatalog_storage::models::reference_set::ReferenceSet;
use aikatalog_storage::{Database, DbConnection, StorageError};

use crate::foreign::Mapped;
use crate::report::{At, Report};
use crate::{Format, ImportError, Progress};

enum Stop {
    /// The run has problems (the report lists them); roll back.
    Invalid(Box<Report>),
    /// A dry run's deliberate rollback.
    DryRun(Box<Report>),
    Storage(StorageError),
}

impl From<diesel::result::Error> for Stop {
    fn from(e: diesel::result::Error) -> Self {
        Stop::Storage(e.into())
    }
}

impl From<StorageError> for Stop {
    fn from(e: StorageError) -> Self {
        Stop::Storage(e)
    }
}

pub(crate) fn apply(
    db: &Database,
    format: Format,
    mapped: Vec<Mapped>,
    report: Report,
    dry_run: bool,
    progress: &mut dyn Progress,
) -> Result<Report, ImportError> {
    let outcome = db.write_with(|conn| {
        let mut report = report;
        write(conn, format, &mapped, &mut report, progress)?;
        if !report.problems.is_empty() {
            return Err(Stop::Invalid(Box::new(report)));
        }
        if dry_run {
            return Err(Stop::DryRun(Box::new(report)));
        }
        report.applied = true;
        Ok(report)
    });
    match outcome {
        Ok(report) => Ok(report),
        Err(Stop::DryRun(report)) => Ok(*report),
        Err(Stop::Invalid(report)) => Err(ImportError::Invalid(report)),
        Err(Stop::Storage(e)) => Err(ImportError::Storage(e)),
    }
}

fn write(
    conn: &mut DbConnection,
    format: Format,
    mapped: &[Mapped],
    report: &mut Report,
    progress: &mut dyn Progress,
) -> Result<(), Stop> {
    let actor = format.actor();
    let mut refs = ReferenceSet::load(conn)?;
    progress.start(mapped.len());
    for m in mapped {
        let at = At {
            file: &m.file,
            record: Some(m.record),
            field: None,
        };
        let organisation = m.owner.organisation();
        match reference::current(
            conn,
            reference::RefKind::Organisation,
            organisation.code.as_str(),
        )? {
            Some(stored) => {
                let existing: aikatalog_domain::Organisation =
                    serde_json::from_str(&stored.document).map_err(StorageError::from)?;
                if existing.country != organisation.country {
                    report.problem(
                        at,
                        "organisation_code_taken",
                        format!(
                            "the organisation code `{}` belongs to an organisation in {}",
                            organisation.code, existing.country
                        ),
                    );
                    continue;
                }
            }
            None => {
                reference::sync_organisation(conn, &organisation, &actor)?;
                refs.organisations
                    .insert(organisation.code.to_string(), organisation.kind);
                report.organisations_created += 1;
            }
        }
        let doc = m.document();
        if let Err(errors) = doc.check(&refs) {
            for e in errors.0 {
                report.problem(
                    at,
                    &e.code,
                    format!("the mapped entry's `{}`: {}", e.field, e.message),
                );
            }
            continue;
        }
        sync(conn, &doc, m, &actor, report)?;
        progress.advance();
    }
    Ok(())
}

fn sync(
    conn: &mut DbConnection,
    doc: &UseCase,
    m: &Mapped,
    actor: &str,
    report: &mut Report,
) -> Result<(), Stop> {
    let existing = entries::find(conn, UseCase::KIND, doc.slug.as_str())?;
    let json = entries::stored_json(doc)?;
    let message = format!("{}, record {}", m.file, m.record);
    let change = Change {
        actor,
        transition: "import",
        message: Some(&message),
    };
    let publish = Save {
        state: PublicationState::Published,
        publish: true,
    };
    match existing {
        Some(row) if row.published_document.as_deref() == Some(&json) && row.document == json => {
            report.unchanged += 1;
        }
        Some(row) => {
            let stored: UseCase = entries::parse_stored(&row.document)?;
            let same_record = stored
                .provenance
                .references
                .first()
                .is_some_and(|r| r.scheme == m.scheme && r.id == m.id);
            if !same_record {
                report.problem(
                    At {
                        file: &m.file,
                        record: Some(m.record),
                        field: None,
                    },
                    "slug_taken",
                    format!(
                        "the slug `{}` belongs to an entry that did not come from this record",
                        doc.slug
                    ),
                );
                return Ok(());
            }
            // An entry a curator archived stays archived; its document is still brought up to
            // date, as the seed import does.
            let state = match row.state() {
                PublicationState::Archived => PublicationState::Archived,
                _ => PublicationState::Published,
            };
            let save = Save {
                state,
                publish: true,
            };
            entries::save(conn, Some(&row), doc, save, change)?;
            report.changed += 1;
        }
        None => {
            entries::save(conn, None, doc, publish, change)?;
            report.created += 1;
        }
    }
    Ok(())
}
