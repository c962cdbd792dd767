//! Writing a checked run in one transaction: the foreign bodies as organisations, then each
//! record as a published use case, created or, when changed, a new revision; unchanged ones are
//! left alone. Any failure rolls everything back. The stored entries of the run's slugs are read
//! in one query up front and the new entries written together at the end
//! ([`bulk_entries`]), so a run costs a few round trips per thousand records rather than a dozen
//! per record.

use std::collections::HashMap;

use aikatalog_domain::{CountryCode, Entry, PublicationState, UseCase};
use aikatalog_storage::models::bulk_entries::{self, NewEntry};
use aikatalog_storage::models::entries::{self, Change, EntryRow, Save};
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
    // What the run needs to know about stored entries and organisations, read once rather than
    // per record: each lookup is a round trip, and a run of 100,000 records would spend most of
    // its time waiting for them.
    let slugs: Vec<&str> = mapped.iter().map(|m| m.slug.as_str()).collect();
    let mut stored = bulk_entries::find_by_slugs(conn, UseCase::KIND, &slugs)?;
    let mut countries: HashMap<String, CountryCode> = HashMap::new();
    let messages: Vec<String> = mapped
        .iter()
        .map(|m| format!("{}, record {}", m.file, m.record))
        .collect();
    let mut created: Vec<(UseCase, &str)> = Vec::new();
    progress.start(mapped.len());
    for (m, message) in mapped.iter().zip(&messages) {
        let at = At {
            file: &m.file,
            record: Some(m.record),
            field: None,
        };
        let organisation = m.owner.organisation();
        let code = organisation.code.as_str();
        let country = match countries.get(code) {
            Some(country) => Some(*country),
            None => match reference::current(conn, reference::RefKind::Organisation, code)? {
                Some(found) => {
                    let existing: aikatalog_domain::Organisation =
                        serde_json::from_str(&found.document).map_err(StorageError::from)?;
                    countries.insert(code.to_owned(), existing.country);
                    Some(existing.country)
                }
                None => None,
            },
        };
        match country {
            Some(country) if country != organisation.country => {
                report.problem(
                    at,
                    "organisation_code_taken",
                    format!(
                        "the organisation code `{}` belongs to an organisation in {}",
                        organisation.code, country
                    ),
                );
                continue;
            }
            Some(_) => {}
            None => {
                reference::sync_organisation(conn, &organisation, &actor)?;
                refs.organisations
                    .insert(organisation.code.to_string(), organisation.kind);
                countries.insert(code.to_owned(), organisation.country);
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
        let change = Change {
            actor: &actor,
            transition: "import",
            message: Some(message),
        };
        match stored.remove(doc.slug.as_str()) {
            Some(row) => update(conn, row, &doc, m, change, report)?,
            None => {
                created.push((doc, message));
                report.created += 1;
            }
        }
        progress.advance();
    }
    // A run with problems writes nothing, so there is no point in writing its new entries.
    if report.problems.is_empty() {
        let new: Vec<NewEntry<'_, UseCase>> = created
            .iter()
            .map(|(doc, message)| NewEntry {
                doc,
                change: Change {
                    actor: &actor,
                    transition: "import",
                    message: Some(message),
                },
            })
            .collect();
        let publish = Save {
            state: PublicationState::Published,
            publish: true,
        };
        bulk_entries::create(conn, &new, publish)?;
    }
    Ok(())
}

/// A record whose slug is stored: left alone when unchanged, refused when the entry came from
/// elsewhere, else saved as a new revision.
fn update(
    conn: &mut DbConnection,
    row: EntryRow,
    doc: &UseCase,
    m: &Mapped,
    change: Change<'_>,
    report: &mut Report,
) -> Result<(), Stop> {
    let json = entries::stored_json(doc)?;
    if row.published_document.as_deref() == Some(&json) && row.document == json {
        report.unchanged += 1;
        return Ok(());
    }
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
    // An entry a curator archived stays archived; its document is still brought up to date, as
    // the seed import does.
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
    Ok(())
}
