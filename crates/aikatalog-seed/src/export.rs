//! The importer's inverse: writes the public catalogue out as a seed-data folder, in the format
//! `import` reads (`organisations.toml`, `categories.toml`, `domains.toml`, `adoptions.toml`, one
//! file per use case and per algorithm). Importing the folder into an empty database gives the
//! same catalogue, and importing it back into the database it came from changes nothing.
//!
//! Only what the public sees is exported: published documents, not drafts or pending changes,
//! because `import` publishes every entry it reads. History stays in the database.
//!
//! The folder is written beside its destination and renamed into place when complete, so a
//! failed export leaves nothing half-written, and an existing non-empty folder is never touched.

use std::fmt;
use std::path::{Path, PathBuf};

use aikatalog_domain::{Algorithm, Category, Domain, Entry, EntryKind, Organisation, UseCase};
use aikatalog_storage::models::entries::EntryRow;
use aikatalog_storage::models::reference_records::{self as reference, parse_all};
use aikatalog_storage::models::{adoptions, entries};
use aikatalog_storage::{Database, DbConnection, StorageError};
use serde::Serialize;

use crate::plan::{AdoptionRecord, AdoptionsFile, CategoriesFile, DomainsFile, OrganisationsFile};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0} exists and is not empty; export into a new or empty folder")]
    NotEmpty(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {path} as TOML: {source}")]
    Toml {
        path: PathBuf,
        #[source]
        source: toml::ser::Error,
    },
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<diesel::result::Error> for ExportError {
    fn from(e: diesel::result::Error) -> Self {
        ExportError::Storage(e.into())
    }
}

/// What an export wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Exported {
    pub folder: PathBuf,
    pub organisations: usize,
    pub categories: usize,
    pub domains: usize,
    pub use_cases: usize,
    pub algorithms: usize,
    pub adoptions: usize,
}

impl fmt::Display for Exported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} organisations, {} categories, {} domains, {} use cases, {} algorithms, {} \
             adoptions (published documents only)",
            self.folder.display(),
            self.organisations,
            self.categories,
            self.domains,
            self.use_cases,
            self.algorithms,
            self.adoptions
        )
    }
}

/// One file of the folder: its path inside it and its text.
struct File {
    path: PathBuf,
    text: String,
}

/// The public catalogue, read in one transaction so the files agree with each other.
struct Snapshot {
    organisations: Vec<Organisation>,
    categories: Vec<Category>,
    domains: Vec<Domain>,
    use_cases: Vec<UseCase>,
    algorithms: Vec<Algorithm>,
    adoptions: Vec<AdoptionRecord>,
}

fn public<E: Entry>(
    conn: &mut DbConnection,
    adoptions_out: &mut Vec<AdoptionRecord>,
) -> Result<Vec<E>, StorageError> {
    let rows: Vec<EntryRow> = entries::all_public(conn, E::KIND)?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(mut doc) = row.public_document::<E>()? else {
            continue;
        };
        // Metadata is the server's, not part of the seed format.
        *doc.meta_mut() = None;
        for adoption in adoptions::for_entry(conn, &row.id)? {
            let slug = Some(doc.slug().clone());
            let (use_case, algorithm) = match E::KIND {
                EntryKind::UseCase => (slug, None),
                EntryKind::Algorithm => (None, slug),
            };
            adoptions_out.push(AdoptionRecord {
                use_case,
                algorithm,
                organisation: adoption.organisation,
                adopted_on: adoption.adopted_on,
                note: adoption.note,
            });
        }
        out.push(doc);
    }
    Ok(out)
}

fn snapshot(conn: &mut DbConnection) -> Result<Snapshot, StorageError> {
    let mut adoptions = Vec::new();
    Ok(Snapshot {
        organisations: parse_all(reference::list_organisations(conn, None)?)?,
        categories: parse_all(reference::list_categories(conn)?)?,
        // In list order, which `import` takes from file order.
        domains: parse_all(reference::list_domains(conn)?)?,
        use_cases: public::<UseCase>(conn, &mut adoptions)?,
        algorithms: public::<Algorithm>(conn, &mut adoptions)?,
        adoptions,
    })
}

fn toml_file(
    path: impl Into<PathBuf>,
    heading: &str,
    doc: &impl Serialize,
) -> Result<File, ExportError> {
    let path = path.into();
    let body = toml::to_string(doc).map_err(|source| ExportError::Toml {
        path: path.clone(),
        source,
    })?;
    Ok(File {
        text: format!(
            "# AI-kataloget export: {heading}.\n# Import with `aikatalog import FOLDER`.\n\n{body}"
        ),
        path,
    })
}

fn files(snapshot: Snapshot) -> Result<Vec<File>, ExportError> {
    let mut out = vec![
        toml_file(
            "organisations.toml",
            "organisations",
            &OrganisationsFile {
                organisation: snapshot.organisations,
            },
        )?,
        toml_file(
            "categories.toml",
            "the AI categories",
            &CategoriesFile {
                category: snapshot.categories,
            },
        )?,
        toml_file(
            "domains.toml",
            "domains, in list order",
            &DomainsFile {
                domain: snapshot.domains,
            },
        )?,
    ];
    if !snapshot.adoptions.is_empty() {
        out.push(toml_file(
            "adoptions.toml",
            "organisations that reuse another's entry",
            &AdoptionsFile {
                adoption: snapshot.adoptions,
            },
        )?);
    }
    for uc in &snapshot.use_cases {
        let heading = format!("use case \"{}\"", uc.title);
        out.push(toml_file(
            Path::new("use-cases").join(format!("{}.toml", uc.slug)),
            &heading,
            uc,
        )?);
    }
    for alg in &snapshot.algorithms {
        let heading = format!("algorithm \"{}\"", alg.name);
        out.push(toml_file(
            Path::new("algorithms").join(format!("{}.toml", alg.slug)),
            &heading,
            alg,
        )?);
    }
    Ok(out)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Writes the public catalogue into `folder`, which must not exist or be empty.
pub fn export(db: &Database, folder: &Path) -> Result<Exported, ExportError> {
    let exists = match std::fs::read_dir(folder) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(ExportError::NotEmpty(folder.to_owned()));
            }
            true
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(io(folder)(e)),
    };
    let snapshot = db.read_with(snapshot)?;
    let summary = Exported {
        folder: folder.to_owned(),
        organisations: snapshot.organisations.len(),
        categories: snapshot.categories.len(),
        domains: snapshot.domains.len(),
        use_cases: snapshot.use_cases.len(),
        algorithms: snapshot.algorithms.len(),
        adoptions: snapshot.adoptions.len(),
    };
    let files = files(snapshot)?;

    // Written beside the destination, so the final rename stays on one file system.
    let parent = match folder.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let staging = tempfile::Builder::new()
        .prefix(".aikatalog-export-")
        .tempdir_in(&parent)
        .map_err(io(&parent))?;
    for file in &files {
        let path = staging.path().join(&file.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        std::fs::write(&path, &file.text).map_err(io(&path))?;
    }
    if exists {
        // Empty, as checked above; `remove_dir` refuses if something appeared since.
        std::fs::remove_dir(folder).map_err(io(folder))?;
    }
    let staged = staging.keep();
    std::fs::rename(&staged, folder).map_err(|e| {
        let _ = std::fs::remove_dir_all(&staged);
        io(folder)(e)
    })?;
    Ok(summary)
}
