//! One small file per trap real files set: a BOM, Windows-1252, columns in another order with
//! an unknown one and an optional one missing, a value outside the standard's list, a blank
//! required field. Each imports, and each finding is reported with file, record and field.

use aikatalog_interop::Format;

use crate::util::{each_catalogue, fixture, import_ok, use_case};

#[test]
fn a_utf8_file_with_a_byte_order_mark_imports() {
    each_catalogue(|t| {
        let report = import_ok(&t.db, Format::NlAlgoritmeregister, &fixture("nl-bom.json"));
        assert_eq!(report.created, 1, "{report}");
        let doc = use_case(&t.db, "nl-gemeente-voorbeeld-parkeren").expect("imported");
        assert_eq!(doc.title, "Parkeervergunningen toewijzen");
        assert_eq!(doc.provenance.language, "nl");
        let reference = &doc.provenance.references[0];
        assert_eq!(
            (reference.scheme.as_str(), reference.id.as_str()),
            ("nl_algoritmeregister", "gemeente-voorbeeld-parkeren")
        );
        assert_eq!(reference.standard_version.as_deref(), Some("1.0"));
        // Fields with no typed slot are kept verbatim; typed ones are not duplicated.
        assert_eq!(reference.fields["provider"], "Eigen ontwikkeling");
        assert_eq!(reference.fields["category"], serde_json::json!(["Verkeer"]));
        assert!(!reference.fields.contains_key("name"));
        // The crosswalk maps the theme and the type; nothing is marked for review.
        assert_eq!(doc.domains[0].as_str(), "roads-technical");
        assert_eq!(doc.primary_category.as_str(), "intelligent-automation");
        assert_eq!(
            doc.started.map(|d| d.to_string()).as_deref(),
            Some("2022-03")
        );
        // The owner is the foreign body, with its country.
        assert!(
            doc.owner
                .as_str()
                .starts_with("ext-nl-gemeente-voorbeeldstad")
        );
        let org =
            t.db.read(|c| {
                aikatalog_storage::models::reference_records::current(
                    c,
                    aikatalog_storage::models::reference_records::RefKind::Organisation,
                    doc.owner.as_str(),
                )
            })
            .expect("query")
            .expect("the organisation was created");
        let org: aikatalog_domain::Organisation =
            serde_json::from_str(&org.document).expect("parses");
        assert_eq!(
            (org.name.as_str(), org.country.as_str()),
            ("Gemeente Voorbeeldstad", "NL")
        );
    });
}

#[test]
fn windows_1252_with_columns_reordered_unknown_and_missing_imports_by_header_name() {
    each_catalogue(|t| {
        let report = import_ok(&t.db, Format::UkAtrs, &fixture("uk-windows-1252.csv"));
        assert_eq!(report.created, 2, "{report}");
        let doc = use_case(&t.db, "uk-example-cafe-licensing").expect("imported");
        assert_eq!(doc.title, "Café licence triage");
        let reference = &doc.provenance.references[0];
        // The unknown column is kept verbatim, the multi-line cell whole.
        assert_eq!(reference.fields["team_notes"], "Reviewed in März");
        let other = use_case(&t.db, "uk-example-route-planner").expect("imported");
        assert_eq!(
            other.provenance.references[0].fields["team_notes"],
            "multi\nline note, with a comma"
        );
        assert!(!reference.fields.contains_key("published"));
        assert_eq!(
            reference.url.as_ref().map(|u| u.as_str()),
            Some("https://www.gov.uk/algorithmic-transparency-records/example-cafe-licensing")
        );
        // No vocabulary to map: the stand-ins, marked for review and listed per record.
        assert!(!reference.needs_review.is_empty());
        assert!(
            report
                .unmapped
                .iter()
                .any(|n| n.file == "uk-windows-1252.csv"
                    && n.record == Some(2)
                    && n.code == "no_category"),
            "{report}"
        );
    });
}

#[test]
fn a_value_outside_the_standards_list_is_reported_with_row_and_column() {
    each_catalogue(|t| {
        let report = import_ok(
            &t.db,
            Format::Eurocities,
            &fixture("eurocities-unknown-status.csv"),
        );
        assert_eq!(report.created, 2, "{report}");
        let note = report
            .unmapped
            .iter()
            .find(|n| n.code == "unknown_value")
            .unwrap_or_else(|| panic!("no unknown value reported:\n{report}"));
        assert_eq!(note.file, "eurocities-unknown-status.csv");
        // The first row's description holds a line break, so the second row starts on line 4.
        assert_eq!(note.record, Some(4), "the line the row starts on");
        assert_eq!(note.field.as_deref(), Some("status"));
        assert!(note.message.contains("in review"), "{}", note.message);
        let doc = use_case(
            &t.db,
            &format!("ec-{}", "7c3e9b21-4d5f-4a6b-9c8d-1e2f3a4b5c06"),
        )
        .expect("imported");
        assert_eq!(doc.lifecycle, aikatalog_domain::Lifecycle::NotStated);
        let reference = &doc.provenance.references[0];
        assert_eq!(reference.fields["status"], "in review", "kept as written");
        assert!(
            reference
                .needs_review
                .iter()
                .any(|n| n.starts_with("status:"))
        );
    });
}

#[test]
fn a_blank_required_field_is_reported_and_the_record_still_imports() {
    each_catalogue(|t| {
        let report = import_ok(
            &t.db,
            Format::NlAlgoritmeregister,
            &fixture("nl-blank-required.json"),
        );
        assert_eq!(report.created, 1, "{report}");
        for field in ["description_short", "status"] {
            assert!(
                report.unmapped.iter().any(|n| n.code == "blank_required"
                    && n.record == Some(1)
                    && n.field.as_deref() == Some(field)),
                "{field} not reported:\n{report}"
            );
        }
        let doc = use_case(&t.db, "nl-gemeente-voorbeeld-blanco").expect("imported");
        assert_eq!(doc.lifecycle, aikatalog_domain::Lifecycle::NotStated);
        assert!(doc.summary.contains("Parkeervergunningen toewijzen"));
    });
}
