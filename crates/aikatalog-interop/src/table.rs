//! CSV files as records of named fields: columns found by their header in any order, quoted
//! multi-line fields, comma or semicolon separated (told from the header line), and every
//! column kept, known or not.

use serde_json::{Map, Value};

use crate::foreign::ForeignRecord;
use crate::report::{At, Report};

/// Reads CSV `text` into records whose fields are the columns by header name. Blank lines are
/// skipped; a row with more cells than the header is a problem.
pub fn read_csv(file: &str, text: &str, report: &mut Report) -> Vec<ForeignRecord> {
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_owned()).collect(),
        Err(e) => {
            report.problem(At::file(file), "unreadable_csv", e.to_string());
            return Vec::new();
        }
    };
    for (i, h) in headers.iter().enumerate() {
        if headers[..i].contains(h) {
            report.problem(
                At::file(file).field(h),
                "duplicate_column",
                format!("the column `{h}` appears twice"),
            );
        }
    }
    let mut out = Vec::new();
    let mut lines = LineCounter::default();
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                let line = e.position().map(|p| lines.at(text, p.byte()));
                report.problem(
                    At {
                        file,
                        record: line,
                        field: None,
                    },
                    "unreadable_csv",
                    e.to_string(),
                );
                continue;
            }
        };
        // The csv crate's own line count skips blank lines; count from the byte offset instead.
        let line = row.position().map_or(0, |p| lines.at(text, p.byte()));
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if row.len() > headers.len() {
            report.problem(
                At {
                    file,
                    record: Some(line),
                    field: None,
                },
                "extra_cells",
                format!(
                    "the row has {} cells but the header names {} columns",
                    row.len(),
                    headers.len()
                ),
            );
            continue;
        }
        let mut fields = Map::new();
        for (header, cell) in headers.iter().zip(row.iter()) {
            fields.insert(header.clone(), Value::String(cell.to_owned()));
        }
        out.push(ForeignRecord {
            file: file.to_owned(),
            record: line,
            fields,
        });
    }
    out
}

/// The line (from 1) of the first character at or after `offset` that ends no line: a
/// record's position is where the reader started, before any blank lines it skipped.
/// Line numbers of byte offsets met in increasing order, counted on from the last one: counting
/// from the start of the text for every record took time quadratic in the file's length (a
/// minute for 100,000 records).
#[derive(Default)]
struct LineCounter {
    byte: usize,
    newlines: usize,
}

impl LineCounter {
    /// The line (from 1) of the first character at or after `offset` that does not end a line.
    fn at(&mut self, text: &str, offset: u64) -> usize {
        let bytes = text.as_bytes();
        let mut end = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(bytes.len());
        while end < bytes.len() && (bytes[end] == b'\n' || bytes[end] == b'\r') {
            end += 1;
        }
        if end < self.byte {
            *self = LineCounter::default();
        }
        self.newlines += bytes[self.byte..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.byte = end;
        self.newlines + 1
    }
}

/// Writes rows as CSV with `columns` in that order (missing cells empty).
pub fn write_csv(columns: &[String], rows: &[Map<String, Value>]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(columns)?;
    for row in rows {
        writer.write_record(columns.iter().map(|c| match row.get(c) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        }))?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Format;

    #[test]
    fn reads_columns_by_name_with_multi_line_quoted_cells() {
        let mut report = Report::new(Format::UkAtrs, false);
        let text = "b;a\n\"two\nlines\";x\n\n1;2\n";
        let rows = read_csv("f.csv", text, &mut report);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].fields["b"], "two\nlines");
        assert_eq!(rows[0].fields["a"], "x");
        assert_eq!(rows[1].record, 5);
    }
}
