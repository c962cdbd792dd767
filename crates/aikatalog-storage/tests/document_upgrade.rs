//! Upgrading a database written by the code before the document format had versions (schema
//! version 1): the fixtures in `tests/fixtures/schema-v1/` were made by `make.sh` there with that
//! code's binary (the seed data imported, then edits, a submission, a new draft and
//! publications through the API), as an SQLite file and a plain-SQL PostgreSQL dump.

use std::path::Path;

use aikatalog_domain::diff::diff;
use aikatalog_domain::schema_version::{CURRENT, upgrade, version_of};
use aikatalog_domain::{Algorithm, Entry, EntryKind, PublicationState, UseCase};
use aikatalog_storage::models::entries::{EntryRow, stored_value_of};
use aikatalog_storage::models::revisions::{self, RevisionRow};
use aikatalog_storage::schema::entries as entries_table;
use aikatalog_storage::testing::{TestDb, backends, prepared};
use aikatalog_storage::{Backend, Database};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use serde_json::{Value, json};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schema-v1")
        .join(name)
}

/// A database on `backend` holding the version-1 fixture, not yet migrated.
fn old_database(backend: Backend) -> TestDb {
    prepared(backend, |url| match backend {
        Backend::Sqlite => {
            let path = url.trim_start_matches("sqlite://");
            std::fs::copy(fixture("v1.db"), path).expect("copy the SQLite fixture");
        }
        Backend::Postgres => {
            let dump = std::fs::read_to_string(fixture("v1-postgres.sql")).expect("the dump");
            // psql meta-commands (`\restrict`) are not SQL; everything else is.
            let sql: String = dump
                .lines()
                .filter(|l| !l.starts_with('\\'))
                .map(|l| format!("{l}\n"))
                .collect();
            let mut conn = PgConnection::establish(url).expect("connect to load the dump");
            conn.batch_execute(&sql).expect("load the PostgreSQL dump");
        }
    })
}

fn all_entries(db: &Database) -> Vec<EntryRow> {
    db.read(|c| entries_table::table.order(entries_table::id).load(c))
        .expect("entries")
}

fn all_revisions(db: &Database, rows: &[EntryRow]) -> Vec<(EntryKind, RevisionRow)> {
    db.read(|c| {
        let mut out = Vec::new();
        for row in rows {
            let kind = EntryKind::parse(&row.kind).expect("kind");
            out.extend(revisions::list(c, &row.id)?.into_iter().map(|r| (kind, r)));
        }
        Ok(out)
    })
    .expect("revisions")
}

fn value(json: &str) -> Value {
    serde_json::from_str(json).expect("stored JSON")
}

fn revision<'a>(list: &'a [(EntryKind, RevisionRow)], id: &str, n: i64) -> &'a RevisionRow {
    list.iter()
        .map(|(_, r)| r)
        .find(|r| r.entry_id == id && r.revision == n)
        .expect("the revision")
}

fn upgrade_and_check(backend: Backend) {
    let t = old_database(backend);
    // The old code's tables, read before any migration of this version runs.
    let old_entries = {
        let mut conn = t.db.conn().expect("connection");
        let rows: Vec<EntryRow> = entries_table::table
            .order(entries_table::id)
            .load(&mut *conn)
            .expect("old entries");
        rows
    };
    let old_revisions = all_revisions(&t.db, &old_entries);
    assert!(
        old_entries.len() >= 37,
        "the fixture holds the seed catalogue"
    );
    assert!(
        old_entries
            .iter()
            .all(|e| version_of(&value(&e.document)) == 1),
        "the fixture is in the old format"
    );

    let ran = t.db.migrate().expect("migrate the old database");
    assert!(
        ran.iter().any(|r| r.starts_with("20261130000001")),
        "the new SQL migration ran: {ran:?}"
    );
    assert!(
        ran.last().is_some_and(|r| r
            == &format!(
                "document format {CURRENT}: {} entries upgraded",
                old_entries.len()
            )),
        "every entry was upgraded: {ran:?}"
    );

    // Nothing is lost: every entry is still there, its current and published documents are the
    // old ones passed through the upgrade function, and they are stored in the new format.
    let new_entries = all_entries(&t.db);
    assert_eq!(new_entries.len(), old_entries.len());
    for (old, new) in old_entries.iter().zip(&new_entries) {
        assert_eq!(old.id, new.id);
        assert_eq!(
            (old.revision, old.published_revision, &old.state),
            (new.revision, new.published_revision, &new.state),
            "{}: the upgrade is not an edit",
            old.slug
        );
        assert_eq!(
            value(&new.document),
            upgrade(value(&old.document)),
            "{}",
            old.slug
        );
        assert_eq!(
            new.published_document.as_deref().map(value),
            old.published_document.as_deref().map(|d| upgrade(value(d))),
            "{}",
            old.slug
        );
        assert_eq!(
            new.has_pending_change(),
            old.has_pending_change(),
            "{}: pending changes stay pending and no others appear",
            old.slug
        );
    }

    // History is not rewritten, and every revision reads in the current format without loss.
    let new_revisions = all_revisions(&t.db, &new_entries);
    assert_eq!(new_revisions.len(), old_revisions.len());
    for ((kind, old), (_, new)) in old_revisions.iter().zip(&new_revisions) {
        assert_eq!(old.document, new.document, "revisions are kept as written");
        let read = stored_value_of(*kind, &new.document).expect("every revision reads");
        assert_eq!(read, upgrade(value(&old.document)));
    }

    // The fixture's edits, as the old API stored them, read in the new shape.
    let smartmail = new_entries
        .iter()
        .find(|e| e.slug == "smartmail-norddjurs")
        .expect("smartmail");
    let doc: UseCase = smartmail.current_document().expect("reads");
    assert_eq!(doc.started.map(|d| d.to_string()).as_deref(), Some("2023"));
    assert_eq!(doc.dpia_done(), Some(true));
    let kk = new_entries
        .iter()
        .find(|e| e.slug == "kk-gpt-koebenhavn")
        .expect("kk-gpt");
    assert_eq!(kk.state(), PublicationState::Submitted);
    let pending: UseCase = kk.current_document().expect("reads");
    assert_eq!(pending.dpia_done(), Some(false));
    assert_eq!(pending.data.sources[0].name, "Medarbejdernes prompts");
    let public: UseCase = kk.public_document().expect("reads").expect("public");
    assert_eq!(
        public.dpia_done(),
        None,
        "the published revision stated no DPIA"
    );

    // Diffs across the upgrade show only real changes: the v1 edit against the v1 import, and
    // a new-format edit against the v1 revision before it.
    let list = all_revisions(&t.db, std::slice::from_ref(smartmail));
    let at = |n| {
        stored_value_of(
            EntryKind::UseCase,
            &revision(&list, &smartmail.id, n).document,
        )
        .expect("reads")
    };
    let fields =
        |a: &Value, b: &Value| -> Vec<String> { diff(a, b).into_iter().map(|c| c.field).collect() };
    assert_eq!(
        fields(&at(1), &at(2)),
        ["assessments", "legal.basis", "started"]
    );
    assert!(
        fields(&at(2), &at(3)).is_empty(),
        "publishing changed nothing"
    );
    aikatalog_storage::testing::edit_entry::<UseCase>(
        &t.db,
        "smartmail-norddjurs",
        PublicationState::Draft,
        |d| d.title = "SmartMail (ny titel)".into(),
    );
    let list = all_revisions(&t.db, std::slice::from_ref(smartmail));
    let newest = revision(&list, &smartmail.id, 4);
    assert_eq!(version_of(&value(&newest.document)), u64::from(CURRENT));
    let after = stored_value_of(EntryKind::UseCase, &newest.document).expect("reads");
    assert_eq!(fields(&at(3), &after), ["title"]);

    // An algorithm, whose format changed only in its data sources, reads too.
    let algorithm = new_entries
        .iter()
        .find(|e| e.slug == "kk-gpt-sprogmodel")
        .expect("algorithm");
    let alg: Algorithm = algorithm.current_document().expect("reads");
    assert_eq!(alg.slug().as_str(), "kk-gpt-sprogmodel");
    assert!(alg.schema_version.is_current());

    // A second run changes nothing.
    let before = all_entries(&t.db);
    assert_eq!(t.db.migrate().expect("second run"), Vec::<String>::new());
    assert_eq!(all_entries(&t.db), before);
    // The stored rows are the format a save writes today.
    for row in &before {
        assert_eq!(version_of(&value(&row.document)), u64::from(CURRENT));
        let kind = EntryKind::parse(&row.kind).expect("kind");
        let json = json!(stored_value_of(kind, &row.document).expect("reads"));
        assert_eq!(json, value(&row.document), "{}", row.slug);
    }
}

#[test]
fn a_database_written_in_the_old_format_upgrades_with_its_whole_history() {
    for backend in backends() {
        let result = std::panic::catch_unwind(|| upgrade_and_check(backend));
        if let Err(panic) = result {
            eprintln!("the upgrade test failed on the {backend} backend");
            std::panic::resume_unwind(panic);
        }
    }
}
