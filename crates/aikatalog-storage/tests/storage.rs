//! Storage behaviour on every backend the environment offers (see `testing`).

use std::collections::BTreeSet;
use std::path::Path;

use aikatalog_domain::{
    EntryKind, OrgCode, OrgKind, Organisation, PublicationState, Relation, UseCase,
};
use aikatalog_storage::models::entries::{self, Change, Save};
use aikatalog_storage::models::reference_records::{self as reference, RefKind};
use aikatalog_storage::models::{SyncOutcome, outbox, reference_history, revisions};
use aikatalog_storage::testing::each_backend;
use aikatalog_storage::{Backend, Database, DatabaseUrl, DbConnection};

fn folder_names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("migrations folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md")
        .collect()
}

#[test]
fn both_migration_trees_have_the_same_folders() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    let sqlite = folder_names(&root.join("sqlite"));
    let postgres = folder_names(&root.join("postgres"));
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite, postgres,
        "migrations/sqlite and migrations/postgres differ"
    );
}

#[test]
fn migrating_again_changes_nothing() {
    each_backend(|t| {
        let ran = t.db.migrate().expect("second migration run");
        assert!(ran.is_empty(), "ran again: {ran:?}");
    });
}

fn org(code: &str, kind: OrgKind, region: Option<&str>) -> Organisation {
    Organisation {
        code: OrgCode::try_from(code).expect("code"),
        kind,
        name: format!("Organisation {code}"),
        short_name: None,
        name_en: None,
        region: region.map(|r| OrgCode::try_from(r).expect("region")),
        website: None,
        ai_contact: None,
        postal_address: None,
        country: Default::default(),
        identifiers: Vec::new(),
    }
}

fn use_case(slug: &str, owner: &str) -> UseCase {
    let doc = format!(
        r#"{{"slug":"{slug}","title":"Automatisk mailsortering","summary":"Sorterer indgående mails til rette afdeling.",
            "owner":"{owner}","domains":["administration"],"primary_category":"intelligent-automation",
            "lifecycle":"pilot","partners":["1084"]}}"#
    );
    serde_json::from_str(&doc).expect("use case JSON")
}

fn change(transition: &str) -> Change<'_> {
    Change {
        actor: "test",
        transition,
        message: None,
    }
}

fn seed_owner(db: &aikatalog_storage::Database) {
    db.write_with(|c| {
        reference::sync_organisation(c, &org("1084", OrgKind::Region, None), "test")?;
        reference::sync_organisation(c, &org("101", OrgKind::Municipality, Some("1084")), "test")
    })
    .map(|_| ())
    .expect("organisations");
}

#[test]
fn reference_sync_reports_created_updated_unchanged() {
    each_backend(|t| {
        let region = org("1084", OrgKind::Region, None);
        let first =
            t.db.write_with(|c| reference::sync_organisation(c, &region, "test"));
        assert_eq!(first.expect("insert").outcome, SyncOutcome::Created);
        let again =
            t.db.write_with(|c| reference::sync_organisation(c, &region, "test"));
        assert_eq!(again.expect("same").outcome, SyncOutcome::Unchanged);
        let renamed = Organisation {
            name: "Region Hovedstaden".into(),
            ..region
        };
        let changed =
            t.db.write_with(|c| reference::sync_organisation(c, &renamed, "curator:ane"));
        let changed = changed.expect("update");
        assert_eq!(changed.outcome, SyncOutcome::Updated);
        assert_eq!(changed.revision, 2);
        let history =
            t.db.read(|c| reference_history::list(c, RefKind::Organisation, "1084"))
                .expect("history");
        let kept: Vec<(i64, &str, bool)> = history
            .iter()
            .map(|r| {
                (
                    r.revision,
                    r.actor.as_str(),
                    r.document.contains("Hovedstaden"),
                )
            })
            .collect();
        assert_eq!(
            kept,
            [(1, "test", false), (2, "curator:ane", true)],
            "both versions are kept, with their authors"
        );
        let stored =
            t.db.read(|c| reference::current(c, RefKind::Organisation, "1084"))
                .expect("read")
                .expect("stored");
        assert_eq!(stored.revision, 2);
        let stored: Organisation = serde_json::from_str(&stored.document).expect("parses");
        assert_eq!(stored.name, "Region Hovedstaden");
        let regions =
            t.db.read(|c| reference::list_organisations(c, Some(OrgKind::Region)))
                .expect("list");
        assert_eq!(regions.len(), 1);
        let municipalities =
            t.db.read(|c| reference::list_organisations(c, Some(OrgKind::Municipality)))
                .expect("list");
        assert!(municipalities.is_empty());
    });
}

#[test]
fn drafts_stay_private_and_published_revisions_survive_pending_edits() {
    each_backend(|t| {
        seed_owner(&t.db);
        let doc = use_case("mailsortering", "101");
        let draft =
            t.db.write_with(|c| {
                entries::save(
                    c,
                    None,
                    &doc,
                    Save {
                        state: PublicationState::Draft,
                        publish: false,
                    },
                    change("create"),
                )
            })
            .expect("create draft");
        assert!(!draft.is_public());
        let (page, total) =
            t.db.read(|c| entries::list_public(c, EntryKind::UseCase, 10, 0))
                .expect("list");
        assert_eq!((page.len(), total), (0, 0), "a draft is listed publicly");

        let published =
            t.db.write_with(|c| {
                entries::save(
                    c,
                    Some(&draft),
                    &doc,
                    Save {
                        state: PublicationState::Published,
                        publish: true,
                    },
                    change("publish"),
                )
            })
            .expect("publish");
        assert_eq!(published.revision, 2);
        assert_eq!(published.published_revision, Some(2));

        // An edit waiting for review: the public keeps seeing revision 2.
        let mut edited = doc.clone();
        edited.title = "Mailsortering med AI".into();
        let pending =
            t.db.write_with(|c| {
                entries::save(
                    c,
                    Some(&published),
                    &edited,
                    Save {
                        state: PublicationState::Draft,
                        publish: false,
                    },
                    change("update"),
                )
            })
            .expect("pending edit");
        let public: UseCase = pending
            .public_document()
            .expect("parses")
            .expect("still public");
        assert_eq!(public.title, "Automatisk mailsortering");
        assert_eq!(public.meta.and_then(|m| m.revision), Some(2));
        let current: UseCase = pending.current_document().expect("parses");
        assert_eq!(current.title, "Mailsortering med AI");

        let history =
            t.db.read(|c| revisions::list(c, &pending.id))
                .expect("revisions");
        let transitions: Vec<_> = history
            .iter()
            .map(|r| (r.revision, r.transition.as_str()))
            .collect();
        assert_eq!(transitions, [(1, "create"), (2, "publish"), (3, "update")]);
        let first: UseCase = serde_json::from_str(&history[0].document).expect("snapshot parses");
        assert_eq!(first, doc);

        // Relations describe the public document and feed "used by"/counts.
        let owners = t
            .db
            .read(|c| entries::count_public_by_relation(c, EntryKind::UseCase, Relation::Partner))
            .expect("counts");
        assert_eq!(owners, [("1084".to_owned(), 1)]);

        // Every change reached the outbox, in order.
        let changes = t.db.read(|c| outbox::after(c, 0, 100)).expect("outbox");
        assert_eq!(changes.len(), 3);
        assert!(changes.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(t.db.read(outbox::head).expect("head"), changes[2].0);
    });
}

#[test]
fn a_save_based_on_a_stale_row_is_refused() {
    each_backend(|t| {
        seed_owner(&t.db);
        let doc = use_case("stale", "101");
        let save = Save {
            state: PublicationState::Draft,
            publish: false,
        };
        let created =
            t.db.write_with(|c| entries::save(c, None, &doc, save, change("create")))
                .expect("create");
        t.db.write_with(|c| entries::save(c, Some(&created), &doc, save, change("update")))
            .expect("first edit");
        let lost =
            t.db.write_with(|c| entries::save(c, Some(&created), &doc, save, change("update")));
        assert!(
            matches!(
                lost,
                Err(aikatalog_storage::StorageError::LostRace {
                    what: "entry",
                    read: 1
                })
            ),
            "an edit based on revision 1 was not refused as a lost race: {lost:?}"
        );
        let history =
            t.db.read(|c| revisions::list(c, &created.id))
                .expect("revisions");
        assert_eq!(history.len(), 2, "the refused edit left a revision behind");
    });
}

#[test]
fn entries_are_found_by_slug_or_id() {
    each_backend(|t| {
        seed_owner(&t.db);
        let doc = use_case("find-me", "101");
        let save = Save {
            state: PublicationState::Published,
            publish: true,
        };
        let row =
            t.db.write_with(|c| entries::save(c, None, &doc, save, change("create")))
                .expect("create");
        let by_slug =
            t.db.read(|c| entries::find(c, EntryKind::UseCase, "find-me"))
                .expect("by slug");
        let by_id =
            t.db.read(|c| entries::find(c, EntryKind::UseCase, &row.id))
                .expect("by id");
        assert_eq!(by_slug.as_ref().map(|r| &r.id), Some(&row.id));
        assert_eq!(by_id.map(|r| r.slug), Some("find-me".to_owned()));
        let wrong_kind =
            t.db.read(|c| entries::find(c, EntryKind::Algorithm, "find-me"))
                .expect("query");
        assert!(wrong_kind.is_none());
    });
}

#[derive(diesel::QueryableByName)]
struct Encrypted {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    ssl: bool,
}

/// libpq is built with OpenSSL, so a URL that asks for TLS gets it: managed PostgreSQL services
/// often refuse anything else. Against a server without TLS the refusal must be the server's,
/// not a client built without it.
#[test]
fn a_postgres_url_that_asks_for_tls_gets_an_encrypted_connection() {
    use diesel::RunQueryDsl;
    each_backend(|t| {
        if t.backend() != Backend::Postgres {
            return;
        }
        let mut url = url::Url::parse(&t.url).expect("the test URL parses");
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| k != "sslmode")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        url.query_pairs_mut()
            .clear()
            .extend_pairs(kept)
            .append_pair("sslmode", "require");
        let parsed = DatabaseUrl::parse(url.as_str()).expect("the URL parses");
        match Database::connect(&parsed) {
            Ok(db) => {
                let mut conn = db.conn().expect("a connection");
                let DbConnection::Postgres(pg) = &mut *conn else {
                    panic!("a postgres:// URL gave another backend");
                };
                let row: Encrypted =
                    diesel::sql_query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                        .get_result(pg)
                        .expect("pg_stat_ssl answers");
                assert!(row.ssl, "sslmode=require gave a plaintext connection");
            }
            Err(e) => {
                let text = e.to_string();
                assert!(
                    !text.contains("not compiled in") && text.contains("SSL"),
                    "TLS failed on the client's side: {text}"
                );
                eprintln!("the test server offers no TLS, so only the client side was checked");
            }
        }
    });
}

#[test]
fn a_reference_write_based_on_a_stale_revision_or_on_no_record_is_refused() {
    use aikatalog_storage::StorageError;
    use reference::Base;
    each_backend(|t| {
        let region = org("1084", OrgKind::Region, None);
        let write = |name: &str, base| {
            let doc = Organisation {
                name: name.into(),
                ..region.clone()
            };
            t.db.write_with(|c| reference::sync_organisation_based_on(c, &doc, "test", base))
        };
        assert_eq!(write("Region A", Base::Absent).expect("create").revision, 1);
        // Another writer created it first: the same as a create that lost the race.
        let exists = write("Region B", Base::Absent);
        assert!(
            matches!(exists, Err(StorageError::LostRace { read: 0, .. })),
            "{exists:?}"
        );
        assert_eq!(
            write("Region C", Base::Revision(1))
                .expect("update")
                .revision,
            2
        );
        // Based on revision 1 while 2 is stored: refused even though the document is new and
        // even when it equals what is stored.
        for name in ["Region D", "Region C"] {
            let stale = write(name, Base::Revision(1));
            assert!(
                matches!(stale, Err(StorageError::LostRace { read: 1, .. })),
                "{name}: {stale:?}"
            );
        }
        let history =
            t.db.read(|c| reference_history::list(c, RefKind::Organisation, "1084"))
                .expect("history");
        assert_eq!(history.len(), 2, "a refused write left a version behind");
    });
}

mod sessions {
    use aikatalog_storage::models::sessions::{self, NewSession};
    use aikatalog_storage::testing::each_backend;
    use chrono::TimeDelta;

    fn editor() -> NewSession {
        NewSession {
            subject: "anne".into(),
            issuer: "https://login.example".into(),
            display_name: "Anne Andersen".into(),
            role: "editor".into(),
            org_code: Some("707".into()),
            csrf_token: "c".repeat(64),
        }
    }

    #[test]
    fn a_session_is_stored_under_the_hash_of_its_id_only() {
        each_backend(|t| {
            let now = chrono::Utc::now().naive_utc();
            let raw = "a".repeat(64);
            let stored =
                t.db.write(|c| sessions::create(c, &raw, editor(), now, TimeDelta::hours(10)))
                    .expect("create");
            assert_ne!(stored.id_hash, raw);
            assert_eq!(stored.id_hash, sessions::hash_id(&raw));
            let found =
                t.db.read(|c| sessions::find(c, &raw))
                    .expect("find")
                    .expect("the session is there");
            assert_eq!(found.org_code.as_deref(), Some("707"));
            // Looking up by the stored hash finds nothing: only the raw id opens a session.
            let by_hash = t.db.read(|c| sessions::find(c, &stored.id_hash));
            assert_eq!(by_hash.expect("find"), None);
            assert!(t.db.write(|c| sessions::delete(c, &raw)).expect("delete"));
            assert_eq!(t.db.read(|c| sessions::find(c, &raw)).expect("find"), None);
        });
    }

    #[test]
    fn sessions_expire_when_idle_or_at_their_absolute_end() {
        each_backend(|t| {
            let idle = TimeDelta::minutes(30);
            let start = chrono::Utc::now().naive_utc() - TimeDelta::hours(11);
            let (old, busy, fresh) = ("o".repeat(64), "b".repeat(64), "f".repeat(64));
            let now = start + TimeDelta::hours(11);
            t.db.write(|c| {
                sessions::create(c, &old, editor(), start, TimeDelta::hours(10))?;
                // Used a minute ago, but past its ten hours.
                sessions::create(c, &busy, editor(), start, TimeDelta::hours(10))?;
                sessions::touch(c, &busy, now - TimeDelta::minutes(1))?;
                sessions::create(c, &fresh, editor(), now, TimeDelta::hours(10))
            })
            .expect("create");
            let row = |raw: &str| {
                t.db.read(|c| sessions::find(c, raw))
                    .expect("find")
                    .expect("stored")
            };
            assert!(row(&old).has_expired(now, idle), "idle for 11 hours");
            assert!(row(&busy).has_expired(now, idle), "past the absolute end");
            assert!(!row(&fresh).has_expired(now, idle));
            assert!(
                row(&fresh).has_expired(now + idle, idle),
                "idle for 30 minutes"
            );
            let removed =
                t.db.write(|c| sessions::delete_expired(c, now, idle))
                    .expect("sweep");
            assert_eq!(removed, 2);
            assert!(
                t.db.read(|c| sessions::find(c, &fresh))
                    .expect("find")
                    .is_some()
            );
        });
    }
}
