//! The index as a cache of the database: changes reach it through the outbox, it resumes from
//! its checkpoint after a restart, and it is rebuilt when it cannot be trusted.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use aikatalog_domain::{EntryKind, PublicationState, UseCase};
use aikatalog_search::index::{Checkpoint, commit};
use aikatalog_search::{Facet, Filters, Indexer, SearchError, SearchIndex, SearchRequest, rebuild};
use aikatalog_storage::models::entries;
use aikatalog_storage::models::outbox;
use aikatalog_storage::testing::{TestDb, edit_entry};
use aikatalog_testing::{each_seeded_blocking, seeded, synonyms};

use crate::util;

/// Changes a use case's title in a new revision, as the write API does.
fn retitle(db: &TestDb, slug: &str, title: &str, state: PublicationState) {
    edit_entry(&db.db, slug, state, |uc: &mut UseCase| {
        uc.title = title.into()
    });
}

fn open(dir: &Path, db: &TestDb) -> (Arc<SearchIndex>, Checkpoint) {
    let (index, checkpoint) =
        rebuild::open_or_rebuild(dir, &db.db, synonyms()).expect("the index opens");
    (Arc::new(index), checkpoint)
}

fn finds(index: &SearchIndex, q: &str, slug: &str) -> bool {
    util::slugs(&util::search(index, q))
        .iter()
        .any(|s| s == slug)
}

fn public_count(db: &TestDb) -> u64 {
    db.db
        .read(|c| {
            let (_, uc) = entries::list_public(c, EntryKind::UseCase, 1, 0)?;
            let (_, alg) = entries::list_public(c, EntryKind::Algorithm, 1, 0)?;
            Ok((uc + alg) as u64)
        })
        .expect("counts")
}

#[test]
fn a_missing_index_is_built_from_the_database() {
    let db = &seeded(aikatalog_storage::Backend::Sqlite);
    let dir = tempfile::tempdir().expect("temp dir");
    let (index, checkpoint) = open(&dir.path().join("index"), db);
    assert_eq!(index.num_docs(), public_count(db));
    let head = db.db.read(outbox::head).expect("head");
    assert_eq!(checkpoint.outbox_seq, head);
}

#[test]
fn published_changes_reach_search_and_unpublished_entries_leave_it() {
    each_seeded_blocking(|db| {
        let dir = tempfile::tempdir().expect("temp dir");
        let (index, checkpoint) = open(&dir.path().join("index"), db);
        let mut indexer = Indexer::new(index.clone(), db.db.clone(), &checkpoint).expect("indexer");

        retitle(
            db,
            "smartmail-norddjurs",
            "Zebrasortering af mails",
            PublicationState::Published,
        );
        assert!(
            !finds(&index, "zebrasortering", "smartmail-norddjurs"),
            "not before the indexer ran"
        );
        assert_eq!(indexer.sync_once().expect("sync"), 1);
        assert!(finds(&index, "zebrasortering", "smartmail-norddjurs"));
        assert!(
            !finds(
                &index,
                "\"automatisk mailsortering\"",
                "smartmail-norddjurs"
            ),
            "the old title is gone"
        );

        retitle(
            db,
            "smartmail-norddjurs",
            "Zebrasortering af mails",
            PublicationState::Archived,
        );
        indexer.sync_once().expect("sync");
        assert!(
            !finds(&index, "zebrasortering", "smartmail-norddjurs"),
            "archived entries leave search"
        );
        assert_eq!(index.num_docs(), public_count(db));
    });
}

#[test]
fn a_restarted_server_resumes_from_its_checkpoint() {
    each_seeded_blocking(|db| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("index");
        let first = {
            let (index, checkpoint) = open(&path, db);
            let mut indexer = Indexer::new(index, db.db.clone(), &checkpoint).expect("indexer");
            retitle(
                db,
                "veje-og-stier-faxe",
                "Giraffer på vejene",
                PublicationState::Published,
            );
            indexer.sync_once().expect("sync");
            indexer.position()
            // Index and indexer are dropped here without any shutdown step, as by kill -9.
        };
        // A change while the server is down.
        retitle(
            db,
            "kommunegpt",
            "Okapi – fælleskommunal chatbot",
            PublicationState::Published,
        );

        let (index, checkpoint) = open(&path, db);
        assert_eq!(
            checkpoint.outbox_seq, first,
            "the index resumed instead of rebuilding"
        );
        assert!(finds(&index, "giraffer", "veje-og-stier-faxe"));
        assert!(!finds(&index, "okapi", "kommunegpt"));
        let mut indexer = Indexer::new(index.clone(), db.db.clone(), &checkpoint).expect("indexer");
        assert_eq!(indexer.catch_up().expect("catch up"), 1);
        assert!(finds(&index, "okapi", "kommunegpt"));
    });
}

/// The use cases an organisation owns, partners in or has adopted, by the organisation filter.
fn with_organisation(index: &SearchIndex, code: &str) -> Vec<String> {
    let results = index
        .search(&SearchRequest {
            filters: Filters::default().with(Facet::Organisation, code),
            limit: 50,
            ..SearchRequest::default()
        })
        .expect("search runs");
    util::slugs(&results)
}

#[test]
fn imported_adoptions_and_renamed_organisations_reach_search_through_the_outbox() {
    each_seeded_blocking(|db| {
        let dir = tempfile::tempdir().expect("temp dir");
        let (index, checkpoint) = open(&dir.path().join("index"), db);
        let mut indexer = Indexer::new(index.clone(), db.db.clone(), &checkpoint).expect("indexer");
        // Aarhus (751) adopts Gladsaxe's chatbot, and Norddjurs gets a new name.
        let mut sources = aikatalog_seed::seed_sources();
        for (_, path, text) in &mut sources {
            if path.ends_with("organisations.toml") {
                *text = text.replace(
                    "name = \"Norddjurs Kommune\"",
                    "name = \"Zebradjurs Kommune\"",
                );
            }
        }
        sources.push((
            aikatalog_seed::FileKind::Adoptions,
            "seed-data/adoptions.toml".into(),
            "[[adoption]]\nuse_case = \"gladgpt-gladsaxe\"\norganisation = \"751\"\n\
             adopted_on = \"2024-03-01\"\n"
                .into(),
        ));
        let summary =
            aikatalog_seed::import_sources(&db.db, &sources, false).expect("the import runs");
        assert_eq!(summary.adoptions.created, 1);
        assert_eq!(summary.organisations.updated, 1);
        assert!(!finds(&index, "zebradjurs", "smartmail-norddjurs"));

        indexer.catch_up().expect("catch up");
        assert!(
            finds(&index, "zebradjurs", "smartmail-norddjurs"),
            "the owner's new name is searchable"
        );
        assert!(
            with_organisation(&index, "751").contains(&"gladgpt-gladsaxe".to_owned()),
            "the adopter is a facet value"
        );
        assert_eq!(index.num_docs(), public_count(db));
    });
}

#[test]
fn a_corrupt_or_outdated_index_is_rebuilt() {
    let db = &seeded(aikatalog_storage::Backend::Sqlite);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("index");
    let expected = public_count(db);
    drop(open(&path, db));

    std::fs::write(path.join("meta.json"), b"{ not json").expect("corrupt meta.json");
    let (index, _) = open(&path, db);
    assert_eq!(index.num_docs(), expected);
    drop(index);

    // An index written by an older schema version.
    {
        let index = SearchIndex::open(&path, synonyms()).expect("opens").0;
        let mut writer = index.batch_writer().expect("writer");
        let mut old = Checkpoint::new(0, db.db.url().redacted());
        old.schema_version = 0;
        commit(&mut writer, &old).expect("commit");
    }
    let (index, checkpoint) = open(&path, db);
    assert_eq!(checkpoint.schema_version, aikatalog_search::SCHEMA_VERSION);
    assert_eq!(index.num_docs(), expected);

    // Damaged segment files fail their checksum.
    drop(index);
    for file in std::fs::read_dir(&path).expect("index files").flatten() {
        if file.path().extension().is_some_and(|e| e == "idx") {
            std::fs::write(file.path(), b"garbage").expect("damage a segment");
        }
    }
    let (index, _) = open(&path, db);
    assert_eq!(index.num_docs(), expected);
    assert!(finds(&index, "mailsortering", "smartmail-norddjurs"));
}

#[test]
fn each_server_keeps_its_own_index_and_one_index_has_one_writer() {
    each_seeded_blocking(|db| {
        let dir = tempfile::tempdir().expect("temp dir");
        let (a, ca) = open(&dir.path().join("a"), db);
        let (b, cb) = open(&dir.path().join("b"), db);
        let mut ia = Indexer::new(a.clone(), db.db.clone(), &ca).expect("indexer a");
        let mut ib = Indexer::new(b.clone(), db.db.clone(), &cb).expect("indexer b");
        assert!(
            matches!(
                Indexer::new(a.clone(), db.db.clone(), &ca),
                Err(SearchError::Locked)
            ),
            "a second writer on one index is refused"
        );
        retitle(
            db,
            "gladgpt-gladsaxe",
            "Tapir på intranettet",
            PublicationState::Published,
        );
        ia.catch_up().expect("a catches up");
        ib.catch_up().expect("b catches up");
        assert!(finds(&a, "tapir", "gladgpt-gladsaxe"));
        assert!(finds(&b, "tapir", "gladgpt-gladsaxe"));
    });
}

#[test]
fn a_running_indexer_makes_a_published_change_searchable_within_a_second() {
    each_seeded_blocking(|db| {
        let dir = tempfile::tempdir().expect("temp dir");
        let (index, checkpoint) = open(&dir.path().join("index"), db);
        let handle = Indexer::new(index.clone(), db.db.clone(), &checkpoint)
            .expect("indexer")
            .spawn()
            .expect("spawn");
        retitle(
            db,
            "berthagpt-vejle",
            "Flodhest på intranettet",
            PublicationState::Published,
        );
        let published = Instant::now();
        while !finds(&index, "flodhest", "berthagpt-vejle") {
            assert!(
                published.elapsed() < Duration::from_secs(1),
                "not searchable one second after publishing"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        handle.stop();
    });
}
