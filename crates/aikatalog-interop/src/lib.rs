//! Import from and export to the formats of other public AI registers.
//!
//! A run reads the register's files ([`decode`] and [`table`] handle the mess real files are in:
//! a BOM or none, Windows-1252, CSV with quoted multi-line fields, columns in any order), turns
//! each record into a [`foreign::ForeignRecord`] (its fields by the register's own names, with
//! where each came from), maps it to a use-case document ([`foreign::Mapped`]) through the
//! curated vocabulary crosswalks in `seed-data/crosswalks/` ([`crosswalk`]), and writes the whole
//! run in one transaction ([`apply`]). Export ([`export`]) is the inverse: an entry that came from
//! a register gives back every field it brought, and an entry written here is mapped field by
//! field, with the standard's required fields it cannot fill listed.
//!
//! Error policy: what is wrong with the input is data, a [`report::Note`] with file, record and
//! field, never a panic or an early return; a run with any problem (a record that cannot become
//! an entry) writes nothing and is returned as [`ImportError::Invalid`] with the full report.
//! What the import could map only partly (a value outside the standard's list, a vocabulary
//! value without an honest mapping, a blank required field) is an "unmapped" note: the entry is
//! still written, and marked for review in `provenance.references[0].needs_review`.
//! Database failures are [`aikatalog_storage::StorageError`].

pub mod apply;
pub mod crosswalk;
pub mod datasets;
pub mod decode;
pub mod export;
pub mod foreign;
pub mod formats;
pub mod report;
pub mod table;

use std::fmt;
use std::path::Path;

use aikatalog_storage::{Database, StorageError};

pub use export::{ExportError, Exported, MissingRequired};
pub use report::{Note, Report};

/// The registers' formats this catalogue reads and writes.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// The Dutch Algoritmeregister, publication standard v1.0 (JSON; the 0.4 templates too).
    NlAlgoritmeregister,
    /// The UK Algorithmic Transparency Recording Standard's record index (CSV or JSON).
    UkAtrs,
    /// The Eurocities algorithmic transparency standard v0.3.1 (CSV template or YAML records).
    Eurocities,
    /// The US federal AI use case inventory (OMB, 2025).
    UsOmb,
    /// The EU JRC AI Watch cases of AI in public services.
    JrcAiWatch,
    /// The Czech Digital and Information Agency's catalogue.
    CzDia,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::NlAlgoritmeregister,
        Format::UkAtrs,
        Format::Eurocities,
        Format::UsOmb,
        Format::JrcAiWatch,
        Format::CzDia,
    ];

    /// The name on the command line and in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::NlAlgoritmeregister => "nl-algoritmeregister",
            Format::UkAtrs => "uk-atrs",
            Format::Eurocities => "eurocities",
            Format::UsOmb => "us-omb",
            Format::JrcAiWatch => "jrc-ai-watch",
            Format::CzDia => "cz-dia",
        }
    }

    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// The actor recorded in the revisions an import of this format writes.
    pub fn actor(self) -> String {
        format!("import:{}", self.as_str())
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Format::parse(s).ok_or_else(|| {
            let known: Vec<_> = Format::ALL.iter().map(|f| f.as_str()).collect();
            format!("unknown format `{s}`; known: {}", known.join(", "))
        })
    }
}

/// One file to import: its name (for messages) and its bytes as found.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Input {
    /// Reads the file at `path`, or every file in the folder at `path` (sorted, recursively)
    /// whose extension `format` reads.
    pub fn read_path(format: Format, path: &Path) -> std::io::Result<Vec<Input>> {
        let mut paths = Vec::new();
        if path.is_dir() {
            collect(path, &mut paths)?;
            let extensions = formats::standard(format).map_or(&[][..], |s| s.extensions());
            paths.retain(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| extensions.contains(&e.to_ascii_lowercase().as_str()))
            });
        } else {
            paths.push(path.to_owned());
        }
        paths.sort();
        paths
            .into_iter()
            .map(|p| {
                Ok(Input {
                    name: p.display().to_string(),
                    bytes: std::fs::read(&p)?,
                })
            })
            .collect()
    }
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The files have problems; the report lists every one. Nothing was written.
    #[error("{0}")]
    Invalid(Box<Report>),
    /// This build cannot read the format yet.
    #[error("the format {0} cannot be imported yet")]
    Unsupported(Format),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<diesel::result::Error> for ImportError {
    fn from(e: diesel::result::Error) -> Self {
        ImportError::Storage(e.into())
    }
}

/// Told how far an import's writes have come, so a command at a terminal can draw a bar.
pub trait Progress {
    /// `records` records are checked and about to be written.
    fn start(&mut self, records: usize);
    fn advance(&mut self);
}

impl Progress for () {
    fn start(&mut self, _: usize) {}
    fn advance(&mut self) {}
}

/// Imports `inputs` in `format`: all or nothing, and on a dry run nothing (the report says what
/// a real run would do).
pub fn import(
    db: &Database,
    format: Format,
    inputs: &[Input],
    dry_run: bool,
    progress: &mut dyn Progress,
) -> Result<Report, ImportError> {
    let standard = formats::standard(format).ok_or(ImportError::Unsupported(format))?;
    let crosswalk = crosswalk::Crosswalk::bundled(format);
    let mut report = Report::new(format, dry_run);
    let mut mapped = Vec::new();
    for input in inputs {
        report.files += 1;
        let records = standard.read(input, &mut report);
        report.records += records.len();
        for record in &records {
            if let Some(m) = standard.map(record, &crosswalk, &mut report) {
                mapped.push(m);
            }
        }
    }
    foreign::refuse_duplicates(&mapped, &mut report);
    if !report.problems.is_empty() {
        return Err(ImportError::Invalid(Box::new(report)));
    }
    apply::apply(db, format, mapped, report, dry_run, progress)
}

/// Exports the public catalogue, or one public entry (slug or id), in `format`.
pub fn export(db: &Database, format: Format, entry: Option<&str>) -> Result<Exported, ExportError> {
    export::export(db, format, entry)
}
