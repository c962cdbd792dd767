//! The US OMB inventory, the EU JRC AI Watch cases and the Czech DIA catalogue, with the real
//! files in `../shared/datasets/`: every file imports on a fresh catalogue with a report of what
//! was not mapped, a second import changes nothing, and export gives back what came in.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use aikatalog_domain::{EntryKind, Lifecycle, UseCase};
use aikatalog_interop::{Format, Input, Report};
use aikatalog_storage::Database;
use aikatalog_storage::models::entries;
use aikatalog_storage::testing::each_backend;
use serde_json::{Map, Value};

fn datasets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/datasets")
}

fn seeded(db: &Database) {
    aikatalog_seed::import_sources(db, &aikatalog_seed::seed_sources(), false)
        .expect("the bundled seed data imports");
}

/// The bundled reference data (categories, domains, organisations) without the seed entries,
/// so an export holds the imported entries alone.
fn reference_data(db: &Database) {
    let sources: Vec<_> = aikatalog_seed::seed_sources()
        .into_iter()
        .filter(|(_, path, _)| path.parent() == Some(Path::new("seed-data")))
        .collect();
    aikatalog_seed::import_sources(db, &sources, false).expect("the reference data imports");
}

fn read(format: Format, path: &Path) -> Vec<Input> {
    Input::read_path(format, path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn import(db: &Database, format: Format, path: &Path) -> Report {
    aikatalog_interop::import(db, format, &read(format, path), false, &mut ())
        .unwrap_or_else(|e| panic!("{} does not import: {e}", path.display()))
}

/// Each file of the three formats, and how many entries it holds.
const FILES: [(Format, &str, usize); 12] = [
    // 3,611 rows, two of them the same as another in every column.
    (
        Format::UsOmb,
        "us_federal_ai_inventory_2025/2025_individually_reported_AI_use_cases.csv",
        3609,
    ),
    // 900 answers, 468 of them "Y".
    (
        Format::UsOmb,
        "us_federal_ai_inventory_2025/2025_consolidated_COTS_AI_use_cases.csv",
        468,
    ),
    (
        Format::JrcAiWatch,
        "eu_jrc_ai_watch_t6/9-services-ai-watch-t6-jrc120399.csv",
        143,
    ),
    (Format::JrcAiWatch, "eu_jrc_ai_watch_t6/services.json", 143),
    (
        Format::JrcAiWatch,
        "eu_jrc_ai_watch_t6/11-services-amsterdam-algorithm-register.csv",
        3,
    ),
    (
        Format::JrcAiWatch,
        "eu_jrc_ai_watch_t6/12-services-helsinki-ai-register.csv",
        5,
    ),
    (
        Format::JrcAiWatch,
        "eu_jrc_ai_watch_t6/9-catalog-ai-watch-t6-jrc120399.csv",
        0,
    ),
    (
        Format::JrcAiWatch,
        "eu_jrc_ai_watch_t6/11-catalog-amsterdam-algorithm-register.csv",
        0,
    ),
    (
        Format::JrcAiWatch,
        "eu_jrc_ai_watch_t6/12-catalog-helsinki-ai-register.csv",
        0,
    ),
    (Format::CzDia, "cz_egovai_katalog/use-cases.json", 65),
    (Format::CzDia, "cz_egovai_katalog/use-cases-full.json", 65),
    (Format::CzDia, "cz_egovai_katalog/categories.json", 0),
];

#[test]
fn every_file_imports_on_a_fresh_catalogue_and_a_second_import_changes_nothing() {
    for (format, file, entries) in FILES {
        each_backend(|t| {
            reference_data(&t.db);
            let path = datasets().join(file);
            let first = import(&t.db, format, &path);
            assert!(
                first.applied && first.problems.is_empty(),
                "{file}: {first}"
            );
            assert_eq!(first.created, entries, "{file}: {first}");
            // Helsinki's five cases map completely; every other file has values no crosswalk
            // maps, or records that are not entries.
            assert_eq!(
                first.unmapped.is_empty(),
                file.contains("12-services-helsinki"),
                "{file}: {first}"
            );
            for note in &first.unmapped {
                assert!(note.file.ends_with(file), "{note}");
                assert!(note.record.is_some(), "a note without its record: {note}");
            }
            let again = import(&t.db, format, &path);
            assert_eq!(
                (again.created, again.changed, again.unchanged),
                (0, 0, entries),
                "{file}, second import: {again}"
            );
        });
    }
}

fn trimmed(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(other) => other.to_string(),
    }
}

/// A CSV file's rows as column → cell, the BOM skipped.
fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let text = String::from_utf8(bytes.to_vec()).expect("UTF-8");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("a row");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(|c| c.trim().to_owned()))
                .collect()
        })
        .collect();
    (header, rows)
}

/// `rows` restricted to `columns`, as a sorted list: two files hold the same records when
/// these lists are equal, whatever their order.
fn sorted_rows(rows: &[BTreeMap<String, String>], columns: &[String]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            columns
                .iter()
                .map(|c| r.get(c).cloned().unwrap_or_default())
                .collect()
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_us_inventory_exported_gives_back_every_row_it_imported_in_the_dictionary_order() {
    each_backend(|t| {
        reference_data(&t.db);
        let path = datasets()
            .join("us_federal_ai_inventory_2025/2025_individually_reported_AI_use_cases.csv");
        import(&t.db, Format::UsOmb, &path);
        let exported = aikatalog_interop::export(&t.db, Format::UsOmb, None).expect("the export");
        let (header, out) = csv_rows(&exported.body);
        let dictionary = aikatalog_interop::formats::us_omb::dictionary::COLUMNS;
        assert_eq!(
            header[..36],
            dictionary.map(str::to_owned)[..],
            "the column order"
        );
        let (original_header, mut original) = csv_rows(&std::fs::read(&path).expect("the US file"));
        assert_eq!(original_header[..], dictionary.map(str::to_owned)[..]);
        // The row the file lists twice is one record.
        original.sort();
        original.dedup();
        assert_eq!(
            sorted_rows(&out, &header[..36]),
            sorted_rows(&original, &original_header),
            "the exported rows differ from the file's"
        );
    });
}

#[test]
fn a_czech_record_exported_gives_back_every_field_it_brought() {
    each_backend(|t| {
        reference_data(&t.db);
        let path = datasets().join("cz_egovai_katalog/use-cases-full.json");
        import(&t.db, Format::CzDia, &path);
        let original: Vec<Map<String, Value>> =
            serde_json::from_slice(&std::fs::read(&path).expect("the Czech file"))
                .expect("a JSON list");
        for record in &original {
            let id = record["id"].to_string();
            let exported =
                aikatalog_interop::export(&t.db, Format::CzDia, Some(&format!("cz-{id}")))
                    .unwrap_or_else(|e| panic!("record {id}: {e}"));
            let list: Vec<Map<String, Value>> =
                serde_json::from_slice(&exported.body).expect("a JSON list");
            assert_eq!(list.len(), 1);
            for (key, value) in record {
                assert_eq!(
                    trimmed(list[0].get(key)),
                    trimmed(Some(value)),
                    "record {id}, field {key}"
                );
            }
        }
    });
}

#[test]
fn ai_watch_cases_exported_give_back_every_column() {
    each_backend(|t| {
        reference_data(&t.db);
        let path = datasets().join("eu_jrc_ai_watch_t6/9-services-ai-watch-t6-jrc120399.csv");
        import(&t.db, Format::JrcAiWatch, &path);
        let exported =
            aikatalog_interop::export(&t.db, Format::JrcAiWatch, None).expect("the export");
        let (header, out) = csv_rows(&exported.body);
        let (original_header, original) = csv_rows(&std::fs::read(&path).expect("the file"));
        assert_eq!(header[..19], original_header[..], "the column order");
        assert_eq!(
            sorted_rows(&out, &original_header),
            sorted_rows(&original, &original_header)
        );
    });
}

#[test]
fn an_entry_written_here_exports_with_the_required_fields_it_cannot_fill() {
    each_backend(|t| {
        seeded(&t.db);
        let us = aikatalog_interop::export(&t.db, Format::UsOmb, Some("smartmail-norddjurs"))
            .expect("a seed entry exports");
        let (_, rows) = csv_rows(&us.body);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0]["agency_name"], "Norddjurs Kommune");
        assert_eq!(
            rows[0]["use_case_name"],
            "Automatisk mailsortering (SmartMail)"
        );
        assert_eq!(rows[0]["development_stage"], "Deployed");
        assert_eq!(rows[0]["is_withheld"], "No");
        let missing = &us.missing_required;
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].entry, "smartmail-norddjurs");
        // OMB's own judgement, which nothing here records.
        assert!(
            missing[0].fields.contains(&"is_high_impact".to_owned()),
            "{missing:?}"
        );
        assert!(!missing[0].fields.contains(&"use_case_name".to_owned()));

        let cz = aikatalog_interop::export(&t.db, Format::CzDia, Some("smartmail-norddjurs"))
            .expect("a seed entry exports");
        let list: Vec<Map<String, Value>> = serde_json::from_slice(&cz.body).expect("JSON");
        assert_eq!(list[0]["Instituce"], "Norddjurs Kommune");
        assert_eq!(list[0]["Stav projektu"], "Produkce");
        assert_eq!(
            list[0]["Hlavní kategorie use case"],
            "Optimalizace úředních procesů"
        );

        let jrc = aikatalog_interop::export(&t.db, Format::JrcAiWatch, Some("smartmail-norddjurs"))
            .expect("a seed entry exports");
        let (_, rows) = csv_rows(&jrc.body);
        assert_eq!(rows[0]["geocoverage"], "Denmark");
        assert_eq!(rows[0]["primary_sector"], "General public services");
        assert!(
            jrc.missing_required[0]
                .fields
                .contains(&"technology".to_owned())
        );
    });
}

/// The public use case imported from record `id` of `scheme`.
fn imported(db: &Database, scheme: &str, id: &str) -> UseCase {
    let rows = db
        .read(|c| entries::all_public(c, EntryKind::UseCase))
        .expect("the public entries");
    rows.iter()
        .filter_map(|r| r.public_document::<UseCase>().ok().flatten())
        .find(|d| {
            d.provenance
                .references
                .iter()
                .any(|r| r.scheme == scheme && r.id == id)
        })
        .unwrap_or_else(|| panic!("no entry from {scheme} record {id}"))
}

#[test]
fn the_traps_of_the_us_file_are_handled_and_reported_with_row_and_column() {
    each_backend(|t| {
        reference_data(&t.db);
        // A BOM, CRLF line ends, a quoted cell over three lines, the columns in another order
        // with one the dictionary lacks, a blank stage, values outside the dictionary, an id
        // given twice and a date that is none.
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/us-omb/traps.csv");
        let report = import(&t.db, Format::UsOmb, &path);
        assert_eq!(report.created, 3, "{report}");
        let noted = |record: usize, field: &str, code: &str| {
            report.unmapped.iter().any(|n| {
                n.record == Some(record) && n.field.as_deref() == Some(field) && n.code == code
            })
        };
        // The first record spans lines 2 to 4, so the next ones start on lines 5 and 6.
        assert!(noted(5, "development_stage", "blank_required"), "{report}");
        assert!(noted(5, "is_high_impact", "unknown_value"), "{report}");
        assert!(noted(6, "topic_area", "unknown_value"), "{report}");
        assert!(noted(6, "id", "duplicate_id"), "{report}");
        assert!(noted(6, "operational_date", "invalid_value"), "{report}");
        assert!(
            !report.unmapped.iter().any(|n| n.record == Some(2)),
            "the clean record has notes: {report}"
        );

        let clean = imported(&t.db, "us_omb", "TST-1");
        assert_eq!(clean.title, "Mail triage");
        assert_eq!(
            clean.how_it_works.problem.as_deref(),
            Some("Incoming letters pile up.\nStaff sort them by hand,\nwhich takes days.")
        );
        assert_eq!(clean.domains[0].as_str(), "administration");
        assert_eq!(clean.primary_category.as_str(), "content-generation");
        assert_eq!(clean.lifecycle, Lifecycle::InOperation);
        assert_eq!(
            clean.started.map(|d| d.to_string()).as_deref(),
            Some("2024-10-01")
        );
        let reference = &clean.provenance.references[0];
        assert_eq!(reference.fields["local_note"], "kept as written");
        assert_eq!(reference.fields["operational_date"], "2024-10-01 00:00:00");
        assert_eq!(reference.fields["topic_area"], "Admin Functions");
        assert!(
            reference.needs_review.is_empty(),
            "{:?}",
            reference.needs_review
        );

        let blank_stage = imported(&t.db, "us_omb", "TST-2");
        assert_eq!(blank_stage.lifecycle, Lifecycle::NotStated);
        assert!(!blank_stage.provenance.references[0].needs_review.is_empty());
        let second = imported(&t.db, "us_omb", "TST-2 #2");
        assert_eq!(second.lifecycle, Lifecycle::Pilot);
        assert_eq!(second.domains[0].as_str(), "economy");
        assert_eq!(second.provenance.references[0].fields["id"], "TST-2");
    });
}
