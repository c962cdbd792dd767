//! What a run does as a whole: a changed record becomes a new revision, a failing record keeps
//! the whole run from writing, a dry run writes nothing, and every write reaches the outbox.

use aikatalog_domain::{EntryKind, Relation};
use aikatalog_interop::{Format, ImportError};
use aikatalog_storage::models::{entries, outbox, revisions};

use crate::util::{each_catalogue, fixture, footprint, import, import_ok, read, use_case};

const SLUG: &str = "nl-gemeente-voorbeeld-parkeren";

#[test]
fn a_changed_record_becomes_a_new_revision_by_the_import_actor() {
    each_catalogue(|t| {
        import_ok(
            &t.db,
            Format::NlAlgoritmeregister,
            &fixture("nl-original.json"),
        );
        let head = t.db.read(outbox::head).expect("outbox");
        let report = import_ok(
            &t.db,
            Format::NlAlgoritmeregister,
            &fixture("nl-changed.json"),
        );
        assert_eq!(
            (report.created, report.changed, report.unchanged),
            (0, 1, 0),
            "{report}"
        );
        let doc = use_case(&t.db, SLUG).expect("public");
        assert_eq!(
            doc.description.as_deref(),
            Some("Eerlijke en voorspelbare wachttijden voor alle bewoners.")
        );
        let row =
            t.db.read(|c| entries::find(c, EntryKind::UseCase, SLUG))
                .expect("query")
                .expect("entry");
        assert_eq!((row.revision, row.published_revision), (2, Some(2)));
        let history = t.db.read(|c| revisions::list(c, &row.id)).expect("history");
        assert!(
            history
                .iter()
                .all(|r| r.actor == "import:nl-algoritmeregister")
        );
        assert!(
            t.db.read(outbox::head).expect("outbox") > head,
            "the change reached the outbox"
        );
    });
}

#[test]
fn one_failing_record_makes_the_whole_run_write_nothing() {
    each_catalogue(|t| {
        let before = footprint(&t.db);
        match import(
            &t.db,
            Format::NlAlgoritmeregister,
            &fixture("nl-one-bad-record.json"),
        ) {
            Err(ImportError::Invalid(report)) => {
                assert!(!report.applied);
                let problem = &report.problems[0];
                assert_eq!(
                    (
                        problem.file.as_str(),
                        problem.record,
                        problem.field.as_deref()
                    ),
                    ("nl-one-bad-record.json", Some(2), Some("name")),
                    "{report}"
                );
                assert!(report.to_string().contains("nothing was written"));
            }
            other => panic!("the run was not refused: {other:?}"),
        }
        assert_eq!(footprint(&t.db), before);
        assert!(
            use_case(&t.db, SLUG).is_none(),
            "the good record was not written either"
        );
    });
}

#[test]
fn a_dry_run_reports_what_a_real_run_would_do_and_writes_nothing() {
    each_catalogue(|t| {
        let before = footprint(&t.db);
        let head = t.db.read(outbox::head).expect("outbox");
        let inputs = read(&fixture("nl-original.json"));
        let report =
            aikatalog_interop::import(&t.db, Format::NlAlgoritmeregister, &inputs, true, &mut ())
                .expect("dry run");
        assert_eq!(
            (report.created, report.organisations_created),
            (1, 1),
            "{report}"
        );
        assert!(report.dry_run && !report.applied);
        assert!(report.to_string().contains("dry run: nothing was written"));
        assert_eq!(footprint(&t.db), before);
        assert_eq!(t.db.read(outbox::head).expect("outbox"), head);
    });
}

#[test]
fn each_new_entry_gets_what_a_save_gives_it() {
    // The importer writes a run's new entries together rather than through one save each; the
    // history, the pages' counts by organisation and the search index rely on every row a save
    // writes being there all the same.
    each_catalogue(|t| {
        let head = t.db.read(outbox::head).expect("outbox");
        let report = import_ok(&t.db, Format::UsOmb, &fixture("us-omb/traps.csv"));
        assert_eq!(report.created, 3, "{report}");
        let changes = t.db.read(|c| outbox::after(c, head, 100)).expect("outbox");
        assert_eq!(changes.len(), 3, "one change per new entry: {changes:?}");
        for (_, id, kind) in &changes {
            assert_eq!(kind, "use_case");
            let row =
                t.db.read(|c| entries::find(c, EntryKind::UseCase, id))
                    .expect("query")
                    .expect("the changed entry exists");
            assert!(row.is_public(), "{} is published", row.slug);
            assert_eq!((row.revision, row.published_revision), (1, Some(1)));
            let history = t.db.read(|c| revisions::list(c, id)).expect("history");
            assert_eq!(history.len(), 1, "{}: {history:?}", row.slug);
            let first = &history[0];
            assert_eq!(
                (first.actor.as_str(), first.transition.as_str()),
                ("import:us-omb", "import")
            );
            assert!(
                first
                    .message
                    .as_deref()
                    .is_some_and(|m| m.starts_with("traps.csv, record ")),
                "the revision names its record: {:?}",
                first.message
            );
            assert_eq!(first.document, row.document);
            let owned =
                t.db.read(|c| {
                    entries::public_slugs_related(
                        c,
                        EntryKind::UseCase,
                        Relation::Owner,
                        &row.owner_code,
                    )
                })
                .expect("relations");
            assert!(
                owned.contains(&row.slug),
                "{} is listed under its owner {}",
                row.slug,
                row.owner_code
            );
        }
    });
}
