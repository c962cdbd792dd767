//! The same corpus and queries on the databases' own full-text search, for comparison:
//! PostgreSQL (`danish` configuration, GIN index, `ts_rank`, `websearch_to_tsquery`, whose
//! syntax matches ours) and SQLite FTS5 (`unicode61` with diacritics removed, `bm25`). Each
//! query does what the index does for a response: the top 20, the total, and facet counts.
//! Rows are streamed in (PostgreSQL's `COPY`, SQLite's batched inserts), never held all at once.

use std::cell::RefCell;
use std::io::Write;
use std::time::{Duration, Instant};

use aikatalog_search::query::{Item, parse};
use aikatalog_search::{Filters, Sort};
use anyhow::Context;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use diesel::{PgConnection, SqliteConnection};

use crate::queries::BenchQuery;
use crate::stats::Latencies;

/// One corpus entry in the form the SQL engines store.
pub struct Row {
    pub id: i64,
    pub title: String,
    pub summary: String,
    /// Description, names of organisations, categories and domains, technologies.
    pub rest: String,
    pub facets: Vec<String>,
    pub published: i64,
}

/// What one engine measured.
pub struct Measured {
    pub load: Duration,
    pub size_mib: f64,
    pub latencies: Latencies,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct FacetRow {
    #[diesel(sql_type = Text)]
    #[expect(dead_code, reason = "fetched like a real result page, never read")]
    facet: String,
    #[diesel(sql_type = BigInt)]
    #[expect(dead_code, reason = "fetched like a real result page, never read")]
    n: i64,
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = BigInt)]
    #[expect(dead_code, reason = "fetched like a real result page, never read")]
    id: i64,
}

/// A SQL string literal (the corpus is ours, but it holds quotes).
pub(crate) fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\0', "").replace('\'', "''"))
}

const BATCH: usize = 500;

/// Runs the mix `passes` times after one warm-up pass.
fn measure(
    queries: &[BenchQuery],
    passes: usize,
    mut run: impl FnMut(&BenchQuery) -> anyhow::Result<()>,
) -> anyhow::Result<Latencies> {
    for q in queries {
        run(q)?;
    }
    let mut latencies = Latencies::default();
    let started = Instant::now();
    for _ in 0..passes {
        for q in queries {
            let t = Instant::now();
            run(q)?;
            latencies.push(t.elapsed());
        }
    }
    latencies.wall = started.elapsed();
    Ok(latencies)
}

// --- PostgreSQL ---------------------------------------------------------------------------------

diesel::table! {
    /// The scratch table rows are copied into; `doc`, the generated `tsvector`, is left out.
    aikatalog_bench.docs (id) {
        id -> BigInt,
        title -> Text,
        summary -> Text,
        rest -> Text,
        facets -> Array<Text>,
        published -> BigInt,
    }
}

/// A field in `COPY`'s text format: backslash, tab and line breaks escaped; NUL, which a
/// PostgreSQL text cannot hold, dropped.
fn copy_field(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\0' => {}
            c => out.push(c),
        }
    }
    out
}

/// A `text[]` literal (`{"a","b"}`) for `COPY`.
fn copy_array(items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|i| format!("\"{}\"", i.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect();
    copy_field(&format!("{{{}}}", quoted.join(",")))
}

/// One row as a line of `COPY`'s text format.
fn copy_line(r: &Row) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\n",
        r.id,
        copy_field(&r.title),
        copy_field(&r.summary),
        copy_field(&r.rest),
        copy_array(&r.facets),
        r.published
    )
}

fn pg_filters(filters: &Filters) -> String {
    filters
        .iter()
        .map(|(facet, values)| {
            let terms: Vec<String> = values.iter().map(|v| lit(&facet.term(v))).collect();
            format!(" AND facets && ARRAY[{}]::text[]", terms.join(","))
        })
        .collect()
}

pub fn postgres(
    url: &str,
    rows: impl Iterator<Item = Row>,
    queries: &[BenchQuery],
    passes: usize,
) -> anyhow::Result<Measured> {
    let mut conn = PgConnection::establish(url).context("cannot connect to PostgreSQL")?;
    let started = Instant::now();
    conn.batch_execute(
        "DROP SCHEMA IF EXISTS aikatalog_bench CASCADE;
         CREATE SCHEMA aikatalog_bench;
         CREATE TABLE aikatalog_bench.docs (
             id bigint PRIMARY KEY, title text, summary text, rest text,
             facets text[] NOT NULL, published bigint NOT NULL,
             doc tsvector GENERATED ALWAYS AS (
                 setweight(to_tsvector('danish', coalesce(title, '')), 'A') ||
                 setweight(to_tsvector('danish', coalesce(summary, '')), 'B') ||
                 setweight(to_tsvector('danish', coalesce(rest, '')), 'C')) STORED);",
    )?;
    // diesel hands the callback `Fn`; the rows are taken once, through the cell.
    let rows = RefCell::new(rows);
    diesel::copy_from(docs::table)
        .from_raw_data(
            (
                docs::id,
                docs::title,
                docs::summary,
                docs::rest,
                docs::facets,
                docs::published,
            ),
            |copy: &mut dyn Write| -> Result<(), diesel::result::Error> {
                for row in rows.borrow_mut().by_ref() {
                    copy.write_all(copy_line(&row).as_bytes())
                        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
                }
                Ok(())
            },
        )
        .execute(&mut conn)
        .context("COPY into PostgreSQL")?;
    conn.batch_execute(
        "CREATE INDEX docs_fts ON aikatalog_bench.docs USING GIN (doc);
         CREATE INDEX docs_facets ON aikatalog_bench.docs USING GIN (facets);
         ANALYZE aikatalog_bench.docs;",
    )?;
    let load = started.elapsed();
    let size: Count =
        diesel::sql_query("SELECT pg_total_relation_size('aikatalog_bench.docs')::bigint AS n")
            .get_result(&mut conn)?;
    let latencies = measure(queries, passes, |q| {
        let filters = pg_filters(&q.filters);
        let from = "FROM aikatalog_bench.docs, websearch_to_tsquery('danish', $1) query";
        let (matched, order) = if q.q.trim().is_empty() {
            (String::from("TRUE"), "published DESC")
        } else {
            (String::from("doc @@ query"), "ts_rank(doc, query) DESC")
        };
        let order = match q.sort {
            Some(Sort::Newest) => "published DESC",
            Some(Sort::Title) => "title",
            _ => order,
        };
        let _: Vec<Id> = diesel::sql_query(format!(
            "SELECT id {from} WHERE {matched}{filters} ORDER BY {order}, id LIMIT 20"
        ))
        .bind::<Text, _>(&q.q)
        .load(&mut conn)?;
        let _: Count = diesel::sql_query(format!(
            "SELECT count(*) AS n {from} WHERE {matched}{filters}"
        ))
        .bind::<Text, _>(&q.q)
        .get_result(&mut conn)?;
        let _: Vec<FacetRow> = diesel::sql_query(format!(
            "SELECT f AS facet, count(*) AS n {from}, unnest(facets) f WHERE {matched}{filters} GROUP BY f"
        ))
        .bind::<Text, _>(&q.q)
        .load(&mut conn)?;
        Ok(())
    })?;
    conn.batch_execute("DROP SCHEMA aikatalog_bench CASCADE;")?;
    Ok(Measured {
        load,
        size_mib: size.n as f64 / (1024.0 * 1024.0),
        latencies,
    })
}

// --- SQLite FTS5 ---------------------------------------------------------------------------------

fn fts5_quote(item: &Item) -> String {
    let (Item::Word(t) | Item::Phrase(t)) = item;
    format!("\"{}\"", t.replace('"', "\"\""))
}

/// Our query syntax in FTS5's: groups ANDed, alternatives ORed, exclusions NOT.
fn fts5_match(q: &str) -> Option<String> {
    let parsed = parse(q);
    if parsed.groups.is_empty() {
        return None;
    }
    let groups: Vec<String> = parsed
        .groups
        .iter()
        .map(|g| {
            format!(
                "({})",
                g.iter().map(fts5_quote).collect::<Vec<_>>().join(" OR ")
            )
        })
        .collect();
    let mut out = groups.join(" AND ");
    for item in &parsed.excluded {
        out = format!("({out}) NOT {}", fts5_quote(item));
    }
    Some(out)
}

fn sqlite_filters(filters: &Filters) -> String {
    filters
        .iter()
        .map(|(facet, values)| {
            let terms: Vec<String> = values.iter().map(|v| lit(&facet.term(v))).collect();
            format!(
                " AND d.id IN (SELECT doc FROM facets WHERE facet IN ({}))",
                terms.join(",")
            )
        })
        .collect()
}

pub fn sqlite(
    dir: &std::path::Path,
    mut rows: impl Iterator<Item = Row>,
    queries: &[BenchQuery],
    passes: usize,
) -> anyhow::Result<Measured> {
    let path = dir.join("fts5.db");
    let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
    let started = Instant::now();
    conn.batch_execute(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;
         CREATE VIRTUAL TABLE fts USING fts5(title, summary, rest, tokenize = 'unicode61 remove_diacritics 2');
         CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL, published INTEGER NOT NULL);
         CREATE TABLE facets (doc INTEGER NOT NULL, facet TEXT NOT NULL);
         BEGIN;",
    )?;
    loop {
        let chunk: Vec<Row> = rows.by_ref().take(BATCH).collect();
        if chunk.is_empty() {
            break;
        }
        let fts: Vec<String> = chunk
            .iter()
            .map(|r| {
                format!(
                    "({}, {}, {}, {})",
                    r.id,
                    lit(&r.title),
                    lit(&r.summary),
                    lit(&r.rest)
                )
            })
            .collect();
        let docs: Vec<String> = chunk
            .iter()
            .map(|r| format!("({}, {}, {})", r.id, lit(&r.title), r.published))
            .collect();
        let facets: Vec<String> = chunk
            .iter()
            .flat_map(|r| {
                r.facets
                    .iter()
                    .map(move |f| format!("({}, {})", r.id, lit(f)))
            })
            .collect();
        conn.batch_execute(&format!(
            "INSERT INTO fts (rowid, title, summary, rest) VALUES {};
             INSERT INTO docs (id, title, published) VALUES {};
             INSERT INTO facets (doc, facet) VALUES {};",
            fts.join(","),
            docs.join(","),
            facets.join(",")
        ))?;
    }
    conn.batch_execute(
        "COMMIT;
         CREATE INDEX facets_by_value ON facets (facet, doc);
         CREATE INDEX facets_by_doc ON facets (doc);
         INSERT INTO fts (fts) VALUES ('optimize');
         ANALYZE;",
    )?;
    let load = started.elapsed();
    let size_mib = super::stats::folder_mib(dir);
    let latencies = measure(queries, passes, |q| {
        let filters = sqlite_filters(&q.filters);
        let matched = fts5_match(&q.q);
        let (from, order) = match &matched {
            Some(_) => (
                "fts JOIN docs d ON d.id = fts.rowid WHERE fts MATCH ?",
                "bm25(fts, 3.0, 1.6, 1.0)",
            ),
            None => ("docs d WHERE ?1 = ?1", "d.published DESC"),
        };
        let order = match q.sort {
            Some(Sort::Newest) => "d.published DESC",
            Some(Sort::Title) => "d.title",
            _ => order,
        };
        let expr = matched.unwrap_or_default();
        let _: Vec<Id> = diesel::sql_query(format!(
            "SELECT d.id AS id FROM {from}{filters} ORDER BY {order} LIMIT 20"
        ))
        .bind::<Text, _>(&expr)
        .load(&mut conn)?;
        let _: Count = diesel::sql_query(format!("SELECT count(*) AS n FROM {from}{filters}"))
            .bind::<Text, _>(&expr)
            .get_result(&mut conn)?;
        let _: Vec<FacetRow> = diesel::sql_query(format!(
            "SELECT facet, count(*) AS n FROM facets WHERE doc IN (SELECT d.id FROM {from}{filters}) GROUP BY facet"
        ))
        .bind::<Text, _>(&expr)
        .load(&mut conn)?;
        Ok(())
    })?;
    Ok(Measured {
        load,
        size_mib,
        latencies,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_syntax_becomes_fts5_syntax() {
        assert_eq!(
            fts5_match("chatbot OR \"virtuel assistent\" Vejle -Gladsaxe").as_deref(),
            Some("((\"chatbot\" OR \"virtuel assistent\") AND (\"Vejle\")) NOT \"Gladsaxe\"")
        );
        assert_eq!(fts5_match("  "), None);
        assert_eq!(lit("it's"), "'it''s'");
    }

    #[test]
    fn copy_lines_escape_what_the_text_format_reserves() {
        let row = Row {
            id: 7,
            title: "a\tb\\c".into(),
            summary: "line\nbreak\r\0".into(),
            rest: String::new(),
            facets: vec!["category:x".into(), "say \"hi\"".into()],
            published: 1,
        };
        assert_eq!(
            copy_line(&row),
            "7\ta\\tb\\\\c\tline\\nbreak\\r\t\t{\"category:x\",\"say \\\\\"hi\\\\\"\"}\t1\n"
        );
    }
}
