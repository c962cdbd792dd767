//! An import problem: what is wrong, in which file, on which line, at which field.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based line, when the problem can be placed.
    pub line: Option<usize>,
    /// Field path inside the file, e.g. `results[2].unit` or `category[3].slug`.
    pub field: String,
    /// Stable snake_case code (`syntax`, `unknown_field`, `unknown_category`, `duplicate_key`, ...).
    pub code: String,
    pub message: String,
}

impl Problem {
    pub fn new(file: &Path, code: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line: None,
            field: String::new(),
            code: code.to_owned(),
            message: message.into(),
        }
    }

    pub fn at(mut self, field: impl Into<String>, line: Option<usize>) -> Self {
        self.field = field.into();
        self.line = line;
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        f.write_str(": ")?;
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        write!(f, "{} [{}]", self.message, self.code)
    }
}

/// All the problems of one run, reported together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let files: std::collections::BTreeSet<_> = self.0.iter().map(|p| &p.file).collect();
        writeln!(
            f,
            "{} problem(s) in {} file(s); nothing was written:",
            self.0.len(),
            files.len()
        )?;
        for p in &self.0 {
            writeln!(f, "  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}
