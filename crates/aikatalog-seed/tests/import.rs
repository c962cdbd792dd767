//! The importer against real databases: the bundled seed data, idempotence, dry runs, and
//! all-or-nothing behaviour.

use std::path::{Path, PathBuf};

use aikatalog_domain::{Adoption, Algorithm, Entry, EntryKind, OrgCode, PublicationState, UseCase};
use aikatalog_seed::{ExportError, ImportError, export, import};
use aikatalog_storage::Database;
use aikatalog_storage::models::adoptions;
use aikatalog_storage::models::entries;
use aikatalog_storage::models::reference_records as reference;
use aikatalog_storage::testing::{each_backend, edit_entry, fresh};
use chrono::NaiveDate;

fn seed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seed-data")
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("seed folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// Every entry file, read back from the database, is the document the file holds.
fn assert_round_trip<E: Entry + PartialEq + std::fmt::Debug>(db: &Database, folder: &Path) {
    let files = toml_files(folder);
    assert!(!files.is_empty(), "no files in {}", folder.display());
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        let expected: E = toml::from_str(&text).expect("seed file parses");
        let row = db
            .read(|c| entries::find(c, E::KIND, expected.slug().as_str()))
            .expect("query")
            .unwrap_or_else(|| panic!("{} was not imported", file.display()));
        let mut stored: E = row.public_document().expect("parses").expect("public");
        *stored.meta_mut() = None;
        assert_eq!(
            stored,
            expected,
            "{} changed on its way through the database",
            file.display()
        );
    }
}

#[test]
fn seed_data_imports_completely_and_round_trips() {
    each_backend(|t| {
        let summary = import(&t.db, &seed_dir(), false).expect("seed data imports");
        assert!(summary.use_cases.created >= 25, "{summary}");
        assert!(summary.algorithms.created >= 8, "{summary}");
        assert_eq!(summary.categories.created, 12);
        let municipalities =
            t.db.read(|c| {
                reference::list_organisations(c, Some(aikatalog_domain::OrgKind::Municipality))
            })
            .expect("list");
        assert_eq!(municipalities.len(), 98);
        assert_round_trip::<UseCase>(&t.db, &seed_dir().join("use-cases"));
        assert_round_trip::<Algorithm>(&t.db, &seed_dir().join("algorithms"));
    });
}

#[test]
fn a_second_import_changes_nothing() {
    each_backend(|t| {
        import(&t.db, &seed_dir(), false).expect("first import");
        let (_, total_before) =
            t.db.read(|c| entries::list_public(c, EntryKind::UseCase, 1, 0))
                .expect("count");
        let again = import(&t.db, &seed_dir(), false).expect("second import");
        assert!(!again.changed(), "second run changed something:\n{again}");
        assert!(again.to_string().contains("no changes"), "{again}");
        assert_eq!(again.use_cases.unchanged as i64, total_before);
    });
}

#[test]
fn a_dry_run_reports_but_writes_nothing() {
    each_backend(|t| {
        let dry = import(&t.db, &seed_dir(), true).expect("dry run");
        assert!(dry.dry_run);
        assert!(dry.use_cases.created >= 25);
        let categories = t.db.read(reference::list_categories).expect("list");
        assert!(categories.is_empty(), "a dry run wrote categories");
        let real = import(&t.db, &seed_dir(), false).expect("real run");
        assert_eq!(real.use_cases.created, dry.use_cases.created);
    });
}

#[test]
fn one_bad_file_keeps_the_whole_run_out() {
    each_backend(|t| {
        let (dir, bad) = seed_copy_with_bad_use_case(
            "slug = \"zz-bad\"\ntitle = \"Et forkert eksempel\"\nsummary = \"Et eksempel med fejl i.\"\n\
             owner = \"999\"\ndomains = [\"administration\"]\nprimary_category = \"telepathy\"\n\
             lifecycle = \"pilot\"\n\n[[results]]\nmetric = \"Tid\"\nvalue = 10.0\nunit = \"\"\n",
        );
        let Err(ImportError::Invalid(problems)) = import(&t.db, dir.path(), false) else {
            panic!("a bad file was accepted");
        };
        let fields: Vec<_> = problems
            .0
            .iter()
            .map(|p| (p.field.as_str(), p.code.as_str(), p.line))
            .collect();
        assert!(
            fields.contains(&("owner", "unknown_organisation", Some(4))),
            "{problems}"
        );
        assert!(
            fields.contains(&("primary_category", "unknown_category", Some(6))),
            "{problems}"
        );
        assert!(
            fields.contains(&("results[0].unit", "length", Some(12))),
            "{problems}"
        );
        assert!(problems.0.iter().all(|p| p.file == bad), "{problems}");
        let categories = t.db.read(reference::list_categories).expect("list");
        assert!(categories.is_empty(), "a failed run wrote categories");
    });
}

/// Structural mistakes (the codes the API gives for the same mistakes) and rule errors, of
/// several files at once, each placed on its file, line and field.
#[test]
fn every_mistake_of_every_file_is_placed_on_its_line() {
    each_backend(|t| {
        let (dir, bad) = seed_copy_with_bad_use_case(
            "slug = \"zz-bad\"\ntitle = 5\nsummary = \"Et eksempel med fejl i.\"\nowner = \"707\"\n\
             domains = [\"administration\"]\nprimary_category = \"telepathy\"\nlifecycle = \"running\"\n\
             colour = \"blue\"\n\n[[results]]\nmetric = \"Tid\"\nvalue = \"meget\"\n\n\
             [[results]]\nmetric = \"Tid\"\nvalue = 10.0\nunit = \"\"\nreleased = 2024-01-01\n",
        );
        let organisations = dir.path().join("organisations.toml");
        let mut text = std::fs::read_to_string(&organisations).expect("organisations");
        let count = text.lines().filter(|l| *l == "[[organisation]]").count();
        let last = text.lines().count();
        text.push_str("\n[[organisation]]\ncode = \"zz\"\nkind = \"vendor\"\nname = \"X\"\nhomepage = \"https://zz.dk\"\n");
        std::fs::write(&organisations, text).expect("write organisations");

        let Err(ImportError::Invalid(problems)) = import(&t.db, dir.path(), false) else {
            panic!("bad files were accepted");
        };
        let mut got: Vec<_> = problems
            .0
            .iter()
            .map(|p| (p.file.clone(), p.field.as_str(), p.code.as_str(), p.line))
            .collect();
        got.sort();
        let org = |field: &str| format!("organisation[{count}].{field}");
        let (name, homepage) = (org("name"), org("homepage"));
        let mut expected = vec![
            (
                organisations.clone(),
                homepage.as_str(),
                "unknown_field",
                Some(last + 6),
            ),
            (
                organisations.clone(),
                name.as_str(),
                "length",
                Some(last + 5),
            ),
            (bad.clone(), "colour", "unknown_field", Some(8)),
            (bad.clone(), "lifecycle", "unknown_value", Some(7)),
            (bad.clone(), "primary_category", "unknown_category", Some(6)),
            // A missing field points at the table that lacks it.
            (bad.clone(), "results[0].unit", "missing_field", Some(10)),
            (bad.clone(), "results[0].value", "invalid_type", Some(12)),
            (
                bad.clone(),
                "results[1].released",
                "unknown_field",
                Some(18),
            ),
            (bad.clone(), "results[1].unit", "length", Some(17)),
            // `5` is reported as of the wrong type, not also as too short.
            (bad.clone(), "title", "invalid_type", Some(2)),
        ];
        expected.sort();
        assert_eq!(got, expected, "{problems}");
    });
}

/// A copy of the seed data in a temporary folder, with `use-cases/zz-bad.toml` holding `text`.
fn seed_copy_with_bad_use_case(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&seed_dir(), dir.path());
    let bad = dir.path().join("use-cases/zz-bad.toml");
    std::fs::write(&bad, text).expect("write bad file");
    (dir, bad)
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

/// Publishes a use case's document with `edit` applied, or saves it as a pending change.
fn edit_use_case(db: &Database, slug: &str, publish: bool, edit: impl FnOnce(&mut UseCase)) {
    let state = if publish {
        PublicationState::Published
    } else {
        PublicationState::Draft
    };
    edit_entry(db, slug, state, edit);
}

#[test]
fn an_export_imports_back_unchanged_and_rebuilds_the_catalogue_elsewhere() {
    each_backend(|t| {
        import(&t.db, &seed_dir(), false).expect("seed data imports");
        let row =
            t.db.read(|c| entries::find(c, EntryKind::UseCase, "smartmail-norddjurs"))
                .expect("query")
                .expect("the use case exists");
        t.db.write(|c| {
            adoptions::sync(
                c,
                &row.id,
                EntryKind::UseCase,
                &Adoption {
                    organisation: OrgCode::try_from("751").expect("Aarhus' code"),
                    adopted_on: NaiveDate::from_ymd_opt(2024, 3, 1).expect("a date"),
                    note: Some("Samme model til fællespostkassen.".into()),
                },
                "test",
            )
        })
        .expect("an adoption");
        edit_use_case(&t.db, "veje-og-stier-faxe", true, |uc| {
            uc.title = "Veje og stier – ny udgave".into();
            // Every field the registers ask for, so the export writes and reads them all.
            let full: UseCase = serde_json::from_value(serde_json::json!({
                "slug": "x", "title": "x", "summary": "x", "owner": "x", "domains": ["x"],
                "primary_category": "x", "lifecycle": "pilot",
                "started": "2023-04", "ended": "2024-12-31", "sourcing": "vendor",
                "cost": {"one_off": {"amount": 125000.5, "year": 2023}, "gains_realised": "not_yet_known"},
                "how_it_works": {"appeal": "Klage til kommunen.", "fallback": "Manuel inspektion."},
                "data": {"sources": [{"name": "Vejbilleder", "purposes": ["training"]}],
                         "sensitive_attributes": ["location"], "bias_note": "Kun asfaltveje."},
                "assessments": [{"kind": "dpia", "status": "done", "date": "2023-05"}],
                "contact": {"name": "Vejteamet", "email": "veje@faxe.dk"},
                "review_on": "2025-04-01",
                "provenance": {"keywords": ["huller"], "references": [{"scheme": "uk_atrs", "id": "7",
                    "fields": {"tier": 2, "notes": {"a": ["b", 1.5, true]}}}]}
            }))
            .expect("a full document");
            uc.started = full.started;
            uc.ended = full.ended;
            uc.sourcing = full.sourcing;
            uc.cost = full.cost;
            uc.how_it_works = full.how_it_works;
            uc.data = full.data;
            uc.assessments = full.assessments;
            uc.contact = full.contact;
            uc.review_on = full.review_on;
            uc.provenance = full.provenance;
        });
        let out = tempfile::tempdir().expect("temp dir");
        let folder = out.path().join("export");

        let exported = export(&t.db, &folder).expect("the export runs");
        assert_eq!(exported.adoptions, 1, "{exported}");
        assert_eq!(exported.categories, 12, "{exported}");
        let again = import(&t.db, &folder, false).expect("the export imports");
        assert!(
            !again.changed(),
            "importing an export changed the database: {again}"
        );
        assert_round_trip::<UseCase>(&t.db, &folder.join("use-cases"));
        assert_round_trip::<Algorithm>(&t.db, &folder.join("algorithms"));

        let elsewhere = fresh(t.backend());
        let summary = import(&elsewhere.db, &folder, false).expect("the export imports anew");
        assert_eq!(summary.use_cases.created, exported.use_cases, "{summary}");
        assert_eq!(summary.adoptions.created, 1, "{summary}");
        for kind in [EntryKind::UseCase, EntryKind::Algorithm] {
            let documents = |db: &Database| -> Vec<(String, Option<String>)> {
                db.read(|c| entries::all_public(c, kind))
                    .expect("list")
                    .into_iter()
                    .map(|r| (r.slug, r.published_document))
                    .collect()
            };
            assert_eq!(documents(&elsewhere.db), documents(&t.db), "{kind:?}");
        }
        let organisations = |db: &Database| db.read(|c| reference::list_organisations(c, None));
        assert_eq!(
            organisations(&elsewhere.db).expect("list"),
            organisations(&t.db).expect("list")
        );
        let domains = |db: &Database| db.read(reference::list_domains);
        assert_eq!(
            domains(&elsewhere.db).expect("list"),
            domains(&t.db).expect("list")
        );

        // A folder with something in it is never written into.
        let refused = export(&t.db, &folder).expect_err("a non-empty folder is refused");
        assert!(matches!(refused, ExportError::NotEmpty(_)), "{refused}");
    });
}

#[test]
fn an_export_holds_what_the_public_sees_and_no_drafts() {
    each_backend(|t| {
        import(&t.db, &seed_dir(), false).expect("seed data imports");
        edit_use_case(&t.db, "smartmail-norddjurs", false, |uc| {
            uc.title = "Ikke offentliggjort titel".into();
        });
        let out = tempfile::tempdir().expect("temp dir");
        let folder = out.path().join("export");
        export(&t.db, &folder).expect("the export runs");
        let text = std::fs::read_to_string(folder.join("use-cases/smartmail-norddjurs.toml"))
            .expect("the published use case is exported");
        let exported: UseCase = toml::from_str(&text).expect("the file parses");
        assert_eq!(exported.title, "Automatisk mailsortering (SmartMail)");
        assert!(
            !text.contains("Ikke offentliggjort"),
            "a pending change left the database"
        );
    });
}

/// Counts what an import reports, as the binary's progress bar does.
#[derive(Default)]
struct Reported {
    total: Option<usize>,
    advanced: usize,
}

impl aikatalog_seed::Progress for Reported {
    fn start(&mut self, documents: usize) {
        assert_eq!(self.total, None, "start is reported once");
        self.total = Some(documents);
    }

    fn advance(&mut self) {
        self.advanced += 1;
    }
}

#[test]
fn progress_is_reported_once_per_record() {
    each_backend(|t| {
        let mut reported = Reported::default();
        let summary = aikatalog_seed::import_reporting(&t.db, &seed_dir(), false, &mut reported)
            .expect("seed data imports");
        let records = [
            summary.organisations,
            summary.categories,
            summary.domains,
            summary.algorithms,
            summary.use_cases,
            summary.adoptions,
        ]
        .iter()
        .map(|c| c.created + c.updated + c.unchanged)
        .sum::<usize>();
        assert!(records > 100, "{summary}");
        assert_eq!(reported.total, Some(records));
        assert_eq!(reported.advanced, records);
    });
}
