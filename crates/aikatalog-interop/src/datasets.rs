//! The other registers' published files as one corpus: the files of `../shared/datasets` that
//! together hold each register's records once, imported in a fixed order.
//!
//! Search relevance is judged against this corpus, and the benchmarks build on it, so the order
//! is part of the contract: slugs are given in import order, and a judged entry is named by its
//! slug.

use std::path::Path;

use aikatalog_storage::Database;

use crate::{Format, ImportError, Input, Report};

/// Why the corpus did not import: which file, and what went wrong with it.
#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    #[error("cannot read {file}: {source}")]
    Read {
        file: String,
        source: std::io::Error,
    },
    #[error("{file} did not import: {source}")]
    Import { file: String, source: ImportError },
}

/// Each register's files, relative to the datasets folder. Left out, because they repeat records
/// listed here: the NL 0.4 templates (older versions of the 1.0 templates' records, under the same
/// ids), the UK index's CSV (the JSON's records), the JRC `services.json` (the 9-services CSV's
/// cases), the Czech `use-cases.json` (the summary of `use-cases-full.json`) and the catalogue
/// files that describe registers rather than cases. The Eurocities folder holds the standard and an
/// empty template, no records.
pub const REGISTER_FILES: &[(Format, &str)] = &[
    (
        Format::NlAlgoritmeregister,
        "nl_algoritmeregister/schema/test_algorithm_1_v1_0.json",
    ),
    (
        Format::NlAlgoritmeregister,
        "nl_algoritmeregister/schema/test_algorithm_2_v1_0.json",
    ),
    (
        Format::NlAlgoritmeregister,
        "nl_algoritmeregister/schema/test_algorithm_3_v1_0.json",
    ),
    (
        Format::NlAlgoritmeregister,
        "nl_algoritmeregister/schema/test_algorithm_4_v1_0.json",
    ),
    (
        Format::NlAlgoritmeregister,
        "nl_algoritmeregister/templates_1.0/BMconsultants.json",
    ),
    (
        Format::NlAlgoritmeregister,
        "nl_algoritmeregister/templates_1.0/Brickyard.json",
    ),
    (
        Format::NlAlgoritmeregister,
        "nl_algoritmeregister/templates_1.0/Centric.json",
    ),
    (
        Format::NlAlgoritmeregister,
        "nl_algoritmeregister/templates_1.0/Contec.json",
    ),
    (
        Format::NlAlgoritmeregister,
        "nl_algoritmeregister/templates_1.0/DocDirekt.json",
    ),
    (
        Format::NlAlgoritmeregister,
        "nl_algoritmeregister/templates_1.0/Gemeente Amsterdam.json",
    ),
    (
        Format::NlAlgoritmeregister,
        "nl_algoritmeregister/templates_1.0/Gemeente Tilburg.json",
    ),
    (
        Format::NlAlgoritmeregister,
        "nl_algoritmeregister/templates_1.0/Nelen - Schuurmans.json",
    ),
    (
        Format::NlAlgoritmeregister,
        "nl_algoritmeregister/templates_1.0/Octobox.json",
    ),
    (
        Format::NlAlgoritmeregister,
        "nl_algoritmeregister/templates_1.0/Oribi.json",
    ),
    (
        Format::NlAlgoritmeregister,
        "nl_algoritmeregister/templates_1.0/PinkRoccade.json",
    ),
    (Format::UkAtrs, "uk_atrs_records/atrs_records.json"),
    (
        Format::UsOmb,
        "us_federal_ai_inventory_2025/2025_individually_reported_AI_use_cases.csv",
    ),
    (
        Format::UsOmb,
        "us_federal_ai_inventory_2025/2025_consolidated_COTS_AI_use_cases.csv",
    ),
    (
        Format::JrcAiWatch,
        "eu_jrc_ai_watch_t6/9-services-ai-watch-t6-jrc120399.csv",
    ),
    (
        Format::JrcAiWatch,
        "eu_jrc_ai_watch_t6/11-services-amsterdam-algorithm-register.csv",
    ),
    (
        Format::JrcAiWatch,
        "eu_jrc_ai_watch_t6/12-services-helsinki-ai-register.csv",
    ),
    (Format::CzDia, "cz_egovai_katalog/use-cases-full.json"),
];

/// Imports every file of [`REGISTER_FILES`] from `dir`, one run per file, in order; stops at the
/// first file that does not import (the runs before it stay applied, each being complete).
pub fn import_all(db: &Database, dir: &Path) -> Result<Vec<Report>, DatasetError> {
    REGISTER_FILES
        .iter()
        .map(|(format, file)| {
            let path = dir.join(file);
            let bytes = std::fs::read(&path).map_err(|source| DatasetError::Read {
                file: path.display().to_string(),
                source,
            })?;
            let input = Input {
                name: (*file).to_owned(),
                bytes,
            };
            crate::import(db, *format, &[input], false, &mut ()).map_err(|source| {
                DatasetError::Import {
                    file: (*file).to_owned(),
                    source,
                }
            })
        })
        .collect()
}
