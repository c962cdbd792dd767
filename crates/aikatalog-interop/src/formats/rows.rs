//! What the US OMB, JRC AI Watch and Czech DIA formats share: keys from record ids, texts cut
//! to the catalogue's lengths, export values through the crosswalk, and writing rows out.

use aikatalog_domain::Slug;
use serde_json::{Map, Value};

use super::ExportEntry;
use crate::crosswalk::Crosswalk;
use crate::export::{ExportError, Exported, MissingRequired};
use crate::{foreign, table};

/// `{prefix}-{id as a slug}`, with a hash when that changed it (see `foreign::key`).
pub fn slug_of(prefix: &'static str, id: &str) -> Slug {
    foreign::key(prefix, id, 80)
        .and_then(|k| Slug::try_from(k).ok())
        .unwrap_or_else(|| Slug::try_from(prefix).unwrap_or_else(|_| unreachable_slug(prefix)))
}

fn unreachable_slug(prefix: &str) -> Slug {
    panic!("the prefix `{prefix}` is a valid slug")
}

/// `text` if it has at most `max` characters, else its sentences up to `max`, else its first
/// `max - 1` characters and an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let head: String = text.chars().take(max - 1).collect();
    match head.rfind(". ") {
        Some(end) if end > max / 3 => head[..=end].to_owned(),
        _ => format!("{}…", head.trim_end()),
    }
}

/// A cell that is one http(s) address and nothing else ("Not available" is not), written as
/// the URL writes it back, so export gives the cell back unchanged.
pub fn web_address(text: &str) -> Option<url::Url> {
    let url = url::Url::parse(text).ok()?;
    (matches!(url.scheme(), "http" | "https") && url.as_str() == text).then_some(url)
}

/// The register's value for the first of `slugs` the crosswalk's `[export.COLUMN]` names.
pub fn first_export<'a>(
    crosswalk: &Crosswalk,
    column: &str,
    slugs: impl Iterator<Item = &'a Slug>,
) -> Option<String> {
    let table = crosswalk.export.get(column)?;
    slugs.filter_map(|s| table.get(s.as_str())).next().cloned()
}

/// `columns`, then every other name the rows use (fields an import kept that the standard's
/// list does not have), sorted.
pub fn columns_with_extras(columns: &[&str], rows: &[Map<String, Value>]) -> Vec<String> {
    let mut out: Vec<String> = columns.iter().map(|c| (*c).to_owned()).collect();
    let mut extra: Vec<String> = rows
        .iter()
        .flat_map(|r| r.keys())
        .filter(|k| !columns.contains(&k.as_str()))
        .cloned()
        .collect();
    extra.sort();
    extra.dedup();
    out.extend(extra);
    out
}

/// The entries' required fields they leave empty, for those that leave any.
fn missing_of(entries: &[ExportEntry], missing: Vec<Vec<String>>) -> Vec<MissingRequired> {
    entries
        .iter()
        .zip(missing)
        .filter(|(_, fields)| !fields.is_empty())
        .map(|(e, fields)| MissingRequired {
            entry: e.doc.slug.to_string(),
            fields,
        })
        .collect()
}

/// Rows as a CSV file (UTF-8 with a BOM, as the registers' own files are): `columns` first,
/// then any other field a row carries.
pub fn csv_export(
    columns: &[&str],
    entries: &[ExportEntry],
    rows: Vec<(Map<String, Value>, Vec<String>)>,
) -> Result<Exported, ExportError> {
    let (rows, missing): (Vec<_>, Vec<_>) = rows.into_iter().unzip();
    let columns = columns_with_extras(columns, &rows);
    let mut body = "\u{feff}".as_bytes().to_vec();
    body.extend(table::write_csv(&columns, &rows).map_err(|e| ExportError::Write(e.to_string()))?);
    Ok(Exported {
        content_type: "text/csv; charset=utf-8",
        extension: "csv",
        body,
        missing_required: missing_of(entries, missing),
    })
}

/// Records as a JSON list.
pub fn json_export(
    entries: &[ExportEntry],
    rows: Vec<(Map<String, Value>, Vec<String>)>,
) -> Result<Exported, ExportError> {
    let (rows, missing): (Vec<_>, Vec<_>) = rows.into_iter().unzip();
    let body = serde_json::to_vec_pretty(&rows)?;
    Ok(Exported {
        content_type: "application/json",
        extension: "json",
        body,
        missing_required: missing_of(entries, missing),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_shortened_after_a_sentence() {
        let text = format!("{}. {}", "a".repeat(300), "b".repeat(400));
        assert_eq!(shorten(&text, 600), format!("{}.", "a".repeat(300)));
        assert_eq!(shorten("short", 600), "short");
        assert!(shorten(&"c".repeat(700), 600).ends_with('…'));
    }

    #[test]
    fn only_an_address_written_as_the_url_writes_it_is_taken() {
        assert!(web_address("https://github.com/x/y").is_some());
        assert!(web_address("https://example.gov").is_none());
        assert!(web_address("Not available").is_none());
        assert!(web_address("ftp://example.gov/").is_none());
    }
}
