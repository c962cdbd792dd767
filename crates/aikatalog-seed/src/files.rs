//! Which files an import reads and what each holds, decided by name and folder.

use std::path::{Path, PathBuf};

use crate::problem::Problem;

/// Files that live beside the seed data but are read by other parts of the program, not
/// imported: search's synonym list and cross-language vocabulary, and the other registers the
/// site names (`aikatalog_domain::registers`).
const NOT_IMPORTED: [&str; 3] = ["synonyms.toml", "crosslingual.toml", "registers.toml"];

/// Folders beside the seed data read by other parts of the program, not imported: the AI Act
/// questionnaire (`questionnaire.rs`) and the other registers' vocabulary crosswalks
/// (`aikatalog-interop`).
const NOT_IMPORTED_FOLDERS: [&str; 2] = ["ai-act", "crosswalks"];

fn in_folder_not_imported(path: &Path) -> bool {
    path.parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .is_some_and(|n| NOT_IMPORTED_FOLDERS.contains(&n))
}

/// What a seed file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FileKind {
    // Declared in the order files are applied, so references point at rows that exist.
    Organisations,
    Categories,
    Domains,
    Algorithm,
    UseCase,
    Adoptions,
}

impl FileKind {
    /// Tells what a file holds from its name (`categories.toml`) or folder (`use-cases/`).
    pub fn of(path: &Path) -> Option<Self> {
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            return None;
        }
        let name = path.file_name()?.to_str()?;
        let parent = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|p| p.to_str())
            .unwrap_or("");
        match (name, parent) {
            ("organisations.toml", _) => Some(Self::Organisations),
            ("categories.toml", _) => Some(Self::Categories),
            ("domains.toml", _) => Some(Self::Domains),
            ("adoptions.toml", _) => Some(Self::Adoptions),
            (_, "use-cases") => Some(Self::UseCase),
            (_, "algorithms") => Some(Self::Algorithm),
            _ => None,
        }
    }
}

/// The files under `root` (a folder or one file), sorted so runs are repeatable. A `.toml` file
/// whose purpose cannot be told is a problem, not silently skipped.
pub fn discover(root: &Path) -> Result<Vec<(FileKind, PathBuf)>, Vec<Problem>> {
    let meta = std::fs::metadata(root).map_err(|e| {
        vec![Problem::new(
            root,
            "unreadable",
            format!("cannot read: {e}"),
        )]
    })?;
    let mut paths = Vec::new();
    if meta.is_dir() {
        collect(root, &mut paths)
            .map_err(|e| vec![Problem::new(root, "unreadable", e.to_string())])?;
    } else {
        paths.push(root.to_owned());
    }
    paths.sort();
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match FileKind::of(&path) {
            Some(kind) => found.push((kind, path)),
            None if path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| NOT_IMPORTED.contains(&n))
                || in_folder_not_imported(&path) => {}
            None if path.extension().and_then(|e| e.to_str()) == Some("toml") || !meta.is_dir() => {
                problems.push(Problem::new(
                    &path,
                    "unknown_file",
                    "cannot tell what this file holds: expected organisations.toml, \
                     categories.toml, domains.toml, adoptions.toml, or a file in a use-cases/ \
                     or algorithms/ folder",
                ));
            }
            None => {} // READMEs and other notes beside the data.
        }
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
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
