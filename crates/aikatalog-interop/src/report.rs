//! What an import did or would do, and everything it found on the way, each with where.

use std::fmt;

use serde::Serialize;

use crate::Format;

/// One finding, placed in the input: file, record (a CSV file's line, a JSON or YAML list's
/// position, from 1) and field (a column or key), when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Note {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// A stable snake_case code: `blank_required`, `unknown_value`, `unmapped_value`, …
    pub code: String,
    pub message: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(r) = self.record {
            write!(f, ", record {r}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field `{field}`")?;
        }
        write!(f, ": {} ({})", self.message, self.code)
    }
}

/// An import's report. `problems` keep the run from writing anything; `unmapped` values were
/// written, with the entry marked for review.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Report {
    pub format: Format,
    pub dry_run: bool,
    /// Whether the changes were written (false on a dry run and when there are problems).
    pub applied: bool,
    pub files: usize,
    pub records: usize,
    /// Entries created, changed (a new revision) and left as they were.
    pub created: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Foreign bodies created as organisations.
    pub organisations_created: usize,
    /// Values the import could not map honestly; their entries are marked for review.
    pub unmapped: Vec<Note>,
    /// Why the run could not be applied; empty when it could.
    pub problems: Vec<Note>,
    /// What the run noticed that needs no action (a file that holds no records).
    pub notes: Vec<Note>,
}

impl Report {
    pub fn new(format: Format, dry_run: bool) -> Self {
        Report {
            format,
            dry_run,
            applied: false,
            files: 0,
            records: 0,
            created: 0,
            changed: 0,
            unchanged: 0,
            organisations_created: 0,
            unmapped: Vec::new(),
            problems: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Records a problem that keeps the run from being applied.
    pub fn problem(&mut self, at: At<'_>, code: &str, message: impl Into<String>) {
        self.problems.push(at.note(code, message.into()));
    }

    /// Records a value written only partly; the caller marks the entry for review.
    pub fn unmapped(&mut self, at: At<'_>, code: &str, message: impl Into<String>) {
        self.unmapped.push(at.note(code, message.into()));
    }
}

/// Where in the input a note belongs.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    pub file: &'a str,
    pub record: Option<usize>,
    pub field: Option<&'a str>,
}

impl<'a> At<'a> {
    pub fn file(file: &'a str) -> Self {
        At {
            file,
            record: None,
            field: None,
        }
    }

    pub fn field(self, field: &'a str) -> Self {
        At {
            field: Some(field),
            ..self
        }
    }

    fn note(self, code: &str, message: String) -> Note {
        Note {
            file: self.file.to_owned(),
            record: self.record,
            field: self.field.map(str::to_owned),
            code: code.to_owned(),
            message,
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: read {} record(s) in {} file(s)",
            self.format, self.records, self.files
        )?;
        for note in &self.problems {
            writeln!(f, "problem: {note}")?;
        }
        for note in &self.notes {
            writeln!(f, "note: {note}")?;
        }
        for note in &self.unmapped {
            writeln!(f, "for review: {note}")?;
        }
        if !self.problems.is_empty() {
            return write!(f, "{} problem(s); nothing was written", self.problems.len());
        }
        let verb = if self.dry_run { "would be" } else { "were" };
        writeln!(
            f,
            "entries: {} created, {} changed, {} unchanged; organisations: {} created",
            self.created, self.changed, self.unchanged, self.organisations_created
        )?;
        if self.created + self.changed + self.organisations_created == 0 {
            write!(f, "no changes: the catalogue already matches")?;
        } else {
            write!(f, "the changes above {verb} made")?;
        }
        if self.dry_run {
            write!(f, " (dry run: nothing was written)")?;
        }
        Ok(())
    }
}
