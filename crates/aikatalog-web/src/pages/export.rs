//! Downloads: the current search (every hit rather than one page) and the whole catalogue (all
//! use cases, or the whole algorithm register), as CSV (for spreadsheets) and JSON (for
//! programs). Column names and labels follow the page's language; JSON keys stay stable.
//!
//! The CSV is written for the spreadsheet a reader of the page's language opens it in: UTF-8
//! with a byte order mark (so æ, ø, å survive), every field quoted, a semicolon between fields
//! on the Danish pages (Danish Excel splits on semicolons, as the comma is its decimal mark) and
//! a comma on the English ones, times as `2024-03-05 14:03:07` in UTC (no fractions or zone,
//! which Excel reads as a date), and any cell a spreadsheet would run as a formula defused.

use actix_web::body::{BodySize, MessageBody};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use aikatalog_domain::registers::Registers;
use aikatalog_domain::sections::{Contact, MeasuredResult};
use aikatalog_domain::{
    AiActClass, Algorithm, EntryKind, EntryMeta, Lifecycle, Provenance, Sourcing, UseCase,
    completeness,
};
use aikatalog_search::MAX_WINDOW;
use aikatalog_state::AppState;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use crate::catalogue::Catalogue;
use crate::error::WebError;
use crate::format;
use crate::lang::{Label, Lang};
use crate::links;
use crate::public::{self, Loaded};
use crate::search_params::SearchParams;
use crate::site::{Site, blocking, respond};
use crate::urls::Urls;
use aikatalog_storage::models::entries;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
}

/// One exported entry.
#[derive(Debug, Serialize)]
struct Row {
    kind: EntryKind,
    slug: String,
    title: String,
    /// The summary of a use case, the purpose of an algorithm.
    summary: String,
    owner_code: String,
    owner: String,
    /// The owner's country (ISO 3166-1 alpha-2).
    owner_country: String,
    categories: Vec<String>,
    lifecycle: String,
    lifecycle_label: String,
    /// The partial date as written (`2024`, `2024-03`), which sorts in a spreadsheet.
    started: Option<String>,
    contact_name: Option<String>,
    contact_email: Option<String>,
    sourcing: Option<Sourcing>,
    sourcing_label: String,
    /// The vendors' names.
    vendors: Vec<String>,
    ai_act_class: AiActClass,
    ai_act_class_label: String,
    /// The measured results (a use case's results, an algorithm's performance), each as
    /// `metric: figure`.
    results: Vec<String>,
    /// The share of the reader-needed facts the entry states (`meta.completeness.percent`).
    completeness_percent: u8,
    /// The register the entry comes from (`ai_kataloget` for this catalogue's own) and its
    /// name, the record there and the licence it was published under.
    source: String,
    source_label: String,
    original_record: Option<String>,
    licence: Option<String>,
    /// RFC 3339 in UTC, whole seconds.
    published_at: Option<String>,
    url: String,
    api_url: String,
}

#[derive(Debug, Serialize)]
struct SearchExport<'a> {
    query: &'a str,
    filters: serde_json::Map<String, serde_json::Value>,
    total: u64,
    items: Vec<Row>,
}

/// What a row says that both kinds state alike.
struct Common<'a> {
    kind: EntryKind,
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    owner: &'a str,
    categories: Vec<String>,
    lifecycle: Lifecycle,
    contact: Option<&'a Contact>,
    vendors: Vec<&'a str>,
    ai_act_class: AiActClass,
    results: &'a [MeasuredResult],
    completeness_percent: u8,
    provenance: &'a Provenance,
    meta: Option<&'a EntryMeta>,
}

fn row(cat: &Catalogue, c: Common<'_>, base: &str, lang: Lang) -> Row {
    let u = Urls { lang };
    let (page, api) = match c.kind {
        EntryKind::UseCase => (u.use_case(c.slug), u.use_case_json(c.slug)),
        EntryKind::Algorithm => (u.algorithm(c.slug), u.algorithm_json(c.slug)),
    };
    let registers = Registers::bundled();
    let register = registers.source_of(c.provenance);
    Row {
        kind: c.kind,
        slug: c.slug.to_owned(),
        title: c.title.to_owned(),
        summary: c.summary.to_owned(),
        owner_code: c.owner.to_owned(),
        owner: links::org_link(cat, c.owner, lang).text,
        owner_country: cat
            .organisation(c.owner)
            .map(|o| o.country.to_string())
            .unwrap_or_default(),
        categories: c
            .categories
            .iter()
            .map(|slug| links::category_link(cat, slug, lang).text)
            .collect(),
        lifecycle: c.lifecycle.as_str().to_owned(),
        lifecycle_label: c.lifecycle.label(lang).to_owned(),
        started: None,
        contact_name: c.contact.and_then(|c| c.name.clone()),
        contact_email: c.contact.and_then(|c| c.email.clone()),
        sourcing: None,
        sourcing_label: String::new(),
        vendors: c
            .vendors
            .iter()
            .map(|v| links::org_link(cat, v, lang).text)
            .collect(),
        ai_act_class: c.ai_act_class,
        ai_act_class_label: c.ai_act_class.label(lang).to_owned(),
        results: c
            .results
            .iter()
            .map(|r| format!("{}: {}", r.metric, format::figure(r, lang)))
            .collect(),
        completeness_percent: c.completeness_percent,
        source: registers.source_key(c.provenance).to_owned(),
        source_label: register.map_or_else(
            || "AI-kataloget".to_owned(),
            |r| lang.pick(&r.name_da, &r.name_en).clone(),
        ),
        original_record: register
            .and(c.provenance.references.first())
            .and_then(|r| r.url.as_ref())
            .map(ToString::to_string),
        licence: register.and_then(|r| r.licence.as_ref().map(|l| l.name.clone())),
        published_at: c
            .meta
            .and_then(|m| m.published_at)
            .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
        url: format!("{base}{page}"),
        api_url: format!("{base}{api}"),
    }
}

fn percent(meta: Option<&EntryMeta>, compute: impl FnOnce() -> u8) -> u8 {
    meta.and_then(|m| m.completeness.as_ref())
        .map_or_else(compute, |c| c.percent)
}

fn use_case_row(cat: &Catalogue, uc: &UseCase, base: &str, lang: Lang) -> Row {
    let mut categories = vec![uc.primary_category.to_string()];
    categories.extend(uc.secondary_categories.iter().map(ToString::to_string));
    let mut out = row(
        cat,
        Common {
            kind: EntryKind::UseCase,
            slug: uc.slug.as_str(),
            title: &uc.title,
            summary: &uc.summary,
            owner: uc.owner.as_str(),
            categories,
            lifecycle: uc.lifecycle,
            contact: uc.contact.as_ref(),
            vendors: uc.vendors.iter().map(|v| v.as_str()).collect(),
            ai_act_class: uc.ai_act.class,
            results: &uc.results,
            completeness_percent: percent(uc.meta.as_ref(), || {
                completeness::of_use_case(uc).percent
            }),
            provenance: &uc.provenance,
            meta: uc.meta.as_ref(),
        },
        base,
        lang,
    );
    out.started = uc.started.map(|d| d.to_string());
    out.sourcing = uc.sourcing;
    out.sourcing_label = uc
        .sourcing
        .map_or_else(String::new, |s| s.label(lang).to_owned());
    out
}

/// `users` holds the public use cases that use the algorithm (see [`with_users`]).
fn algorithm_row(cat: &Catalogue, users: &Loaded, a: &Algorithm, base: &str, lang: Lang) -> Row {
    // An algorithm's categories are those of the public use cases that use it.
    let mut categories: Vec<String> = Vec::new();
    for uc in a
        .meta
        .iter()
        .flat_map(|m| &m.used_by)
        .filter_map(|slug| users.use_case(slug))
    {
        for c in std::iter::once(&uc.primary_category).chain(&uc.secondary_categories) {
            if !categories.iter().any(|k| k == c.as_str()) {
                categories.push(c.to_string());
            }
        }
    }
    row(
        cat,
        Common {
            kind: EntryKind::Algorithm,
            slug: a.slug.as_str(),
            title: &a.name,
            summary: &a.purpose,
            owner: a.owner.as_str(),
            categories,
            lifecycle: a.lifecycle,
            contact: a.contact.as_ref(),
            vendors: a.vendor.iter().map(|v| v.as_str()).collect(),
            ai_act_class: a.ai_act.class,
            results: &a.performance,
            completeness_percent: percent(a.meta.as_ref(), || {
                completeness::of_algorithm(a).percent
            }),
            provenance: &a.provenance,
            meta: a.meta.as_ref(),
        },
        base,
        lang,
    )
}

/// A time as a spreadsheet reads it: `2024-03-05 14:03:07`, UTC, no fractions.
fn spreadsheet_time(rfc3339: &str) -> String {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            t.with_timezone(&Utc)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_default()
}

/// A CSV field: quoted, quotes doubled, and a formula defused so a spreadsheet shows the text
/// instead of running it. The one function every CSV cell goes through.
fn csv_field(value: &str) -> String {
    let defused = if starts_a_formula(value) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", defused.replace('"', "\"\""))
}

/// Whether a spreadsheet could read the cell as a formula: it starts with `=`, `+`, `-` or `@`
/// (or their full-width forms, which some spreadsheets fold to ASCII), also behind leading
/// spaces, tabs or line breaks (which they skip), or it starts with a tab or line break at all.
fn starts_a_formula(value: &str) -> bool {
    const TRIGGERS: [char; 8] = [
        '=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
    ];
    value.starts_with(['\t', '\r', '\n'])
        || value
            .trim_start_matches(char::is_whitespace)
            .starts_with(TRIGGERS)
}

/// The field separator spreadsheets of the page's language split on.
fn separator(lang: Lang) -> &'static str {
    lang.pick(";", ",")
}

fn csv(rows: &[Row], lang: Lang) -> String {
    let mut out = csv_header(lang);
    csv_records(rows, lang, &mut out);
    out
}

/// The byte order mark and the header line.
fn csv_header(lang: Lang) -> String {
    let sep = separator(lang);
    // A byte order mark makes spreadsheet programs read the file as UTF-8 (æ, ø, å).
    let mut out = String::from("\u{feff}");
    out.push_str(&lang.t().csv_columns.map(csv_field).join(sep));
    out.push_str("\r\n");
    out
}

/// `rows` as CSV records, each ending in CRLF, added to `out`.
fn csv_records(rows: &[Row], lang: Lang, out: &mut String) {
    let sep = separator(lang);
    for r in rows {
        let fields: [String; 23] = [
            r.kind.label(lang).to_owned(),
            r.slug.clone(),
            r.title.clone(),
            r.owner.clone(),
            r.owner_code.clone(),
            r.summary.clone(),
            r.categories.join("; "),
            r.lifecycle_label.clone(),
            r.started.clone().unwrap_or_default(),
            r.contact_name.clone().unwrap_or_default(),
            r.contact_email.clone().unwrap_or_default(),
            r.sourcing_label.clone(),
            r.vendors.join("; "),
            r.ai_act_class_label.clone(),
            r.results.join("; "),
            r.completeness_percent.to_string(),
            r.owner_country.clone(),
            r.source_label.clone(),
            r.original_record.clone().unwrap_or_default(),
            r.licence.clone().unwrap_or_default(),
            r.published_at
                .as_deref()
                .map(spreadsheet_time)
                .unwrap_or_default(),
            r.url.clone(),
            r.api_url.clone(),
        ];
        out.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(sep),
        );
        out.push_str("\r\n");
    }
}

/// `rows` as a CSV file named `name`.
fn csv_download(name: &str, lang: Lang, rows: &[Row]) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}.csv\""),
        ))
        .body(csv(rows, lang))
}

/// The scheme and host absolute links are built from; never from headers a client may forge
/// (issue 16, defect 8): see `PublicOrigin`.
fn origin(req: &HttpRequest) -> String {
    req.app_data::<web::Data<AppState>>()
        .map(|state| state.origin.of(req))
        .unwrap_or_default()
}

pub async fn csv_export(lang: Lang, site: Site, req: HttpRequest) -> HttpResponse {
    respond(lang, export(lang, site, req, Format::Csv).await)
}

pub async fn json_export(lang: Lang, site: Site, req: HttpRequest) -> HttpResponse {
    respond(lang, export(lang, site, req, Format::Json).await)
}

async fn export(
    lang: Lang,
    site: Site,
    req: HttpRequest,
    format: Format,
) -> Result<HttpResponse, WebError> {
    let params = SearchParams::parse(req.query_string());
    let base = origin(&req);
    let cat = site.catalogue().await?;
    let index = site.index().clone();
    let request = params.request(MAX_WINDOW, 0);
    let db = site.db().clone();
    let (results, loaded, users) = blocking(move || {
        let results = index.search(&request)?;
        let (loaded, users) = db.read_with(|c| {
            let loaded = public::load_hits(c, &results.items)?;
            let algorithms: Vec<&Algorithm> = results
                .items
                .iter()
                .filter_map(|h| loaded.algorithm(&h.slug))
                .collect();
            let users = with_users(c, &algorithms)?;
            Ok::<_, aikatalog_storage::StorageError>((loaded, users))
        })?;
        Ok((results, loaded, users))
    })
    .await?;
    // Through the database, so a hit the index still holds but the public no longer sees is
    // left out.
    let rows: Vec<Row> = results
        .items
        .iter()
        .filter_map(|h| match h.kind {
            EntryKind::UseCase => loaded
                .use_case(&h.slug)
                .map(|e| use_case_row(&cat, e, &base, lang)),
            EntryKind::Algorithm => loaded
                .algorithm(&h.slug)
                .map(|e| algorithm_row(&cat, &users, e, &base, lang)),
        })
        .collect();
    Ok(match format {
        Format::Csv => csv_download(
            lang.pick("ai-kataloget-soegning", "ai-catalogue-search"),
            lang,
            &rows,
        ),
        Format::Json => {
            let mut filters = serde_json::Map::new();
            for (facet, values) in params.filters.iter() {
                filters.insert(facet.as_str().to_owned(), values.into());
            }
            HttpResponse::Ok().json(SearchExport {
                query: &params.q,
                filters,
                total: results.total,
                items: rows,
            })
        }
    })
}

pub async fn use_cases_csv(lang: Lang, site: Site, req: HttpRequest) -> HttpResponse {
    respond(
        lang,
        whole(lang, site, req, EntryKind::UseCase, Format::Csv).await,
    )
}

pub async fn use_cases_json(lang: Lang, site: Site, req: HttpRequest) -> HttpResponse {
    respond(
        lang,
        whole(lang, site, req, EntryKind::UseCase, Format::Json).await,
    )
}

pub async fn algorithms_csv(lang: Lang, site: Site, req: HttpRequest) -> HttpResponse {
    respond(
        lang,
        whole(lang, site, req, EntryKind::Algorithm, Format::Csv).await,
    )
}

pub async fn algorithms_json(lang: Lang, site: Site, req: HttpRequest) -> HttpResponse {
    respond(
        lang,
        whole(lang, site, req, EntryKind::Algorithm, Format::Json).await,
    )
}

/// The public use cases that use `algorithms` (an algorithm's categories are theirs).
fn with_users(
    conn: &mut aikatalog_storage::DbConnection,
    algorithms: &[&Algorithm],
) -> Result<Loaded, aikatalog_storage::StorageError> {
    let users: Vec<&str> = algorithms
        .iter()
        .flat_map(|a| a.meta.iter().flat_map(|m| &m.used_by))
        .map(String::as_str)
        .collect();
    public::load(conn, &users, &[])
}

/// Every public entry of one kind, newest publication first, read from the database a page at
/// a time and sent as it is read: the download of the whole catalogue is never held at once.
async fn whole(
    lang: Lang,
    site: Site,
    req: HttpRequest,
    kind: EntryKind,
    format: Format,
) -> Result<HttpResponse, WebError> {
    let base = origin(&req);
    let cat = site.catalogue().await?;
    let db = site.db().clone();
    let total = {
        let db = db.clone();
        blocking(move || Ok(db.read(|c| entries::count_public(c, kind))?)).await?
    };
    let name = match kind {
        EntryKind::UseCase => lang.pick("ai-kataloget-use-cases", "ai-catalogue-use-cases"),
        EntryKind::Algorithm => lang.pick("ai-kataloget-algoritmer", "ai-catalogue-algorithms"),
    };
    let body = Streamed::from(move |send: &mut dyn FnMut(String) -> bool| {
        let opening = match format {
            Format::Csv => csv_header(lang),
            Format::Json => format!(
                "{{\"kind\":{},\"total\":{total},\"items\":[",
                to_json(&kind)?
            ),
        };
        if !send(opening) {
            return Ok(());
        }
        let mut after: Option<(chrono::NaiveDateTime, String)> = None;
        let mut first = true;
        loop {
            let rows = db.read_with(|c| {
                let page = entries::public_newest_after(
                    c,
                    kind,
                    after.as_ref().map(|(at, slug)| (*at, slug.as_str())),
                    DOWNLOAD_PAGE,
                )?;
                let rows: Vec<Row> = match kind {
                    EntryKind::UseCase => public::use_cases_of(c, page.clone())?
                        .iter()
                        .map(|uc| use_case_row(&cat, uc, &base, lang))
                        .collect(),
                    EntryKind::Algorithm => {
                        let all = public::algorithms_of(c, page.clone())?;
                        let users = with_users(c, &all.iter().collect::<Vec<_>>())?;
                        all.iter()
                            .map(|a| algorithm_row(&cat, &users, a, &base, lang))
                            .collect()
                    }
                };
                after = page
                    .last()
                    .and_then(|r| Some((r.published_at?, r.slug.clone())));
                Ok::<_, WebError>((rows, page.len()))
            })?;
            let (rows, read) = rows;
            let mut chunk = String::new();
            match format {
                Format::Csv => csv_records(&rows, lang, &mut chunk),
                Format::Json => {
                    for row in &rows {
                        if !first {
                            chunk.push(',');
                        }
                        first = false;
                        chunk.push_str(&to_json(row)?);
                    }
                }
            }
            if read < DOWNLOAD_PAGE as usize {
                if format == Format::Json {
                    chunk.push_str("]}");
                }
                send(chunk);
                return Ok(());
            }
            if !send(chunk) {
                return Ok(());
            }
        }
    });
    let mut response = HttpResponse::Ok();
    match format {
        Format::Csv => response
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.csv\""),
            )),
        Format::Json => response.content_type("application/json"),
    };
    Ok(response.body(body))
}

/// Serialising a row cannot fail (no maps with other keys than strings); should it, the
/// download ends and the log says why.
fn to_json(value: &impl Serialize) -> Result<String, WebError> {
    serde_json::to_string(value).map_err(|e| WebError::Storage(e.into()))
}

/// How many entries a download reads at a time.
const DOWNLOAD_PAGE: i64 = 500;

/// A response body a producer on a blocking thread writes chunk by chunk; the producer stops
/// when the client goes (its `send` returns `false`).
struct Streamed(tokio::sync::mpsc::Receiver<web::Bytes>);

impl Streamed {
    fn from(
        produce: impl FnOnce(&mut dyn FnMut(String) -> bool) -> Result<(), WebError> + Send + 'static,
    ) -> Streamed {
        // A few chunks ahead of a slow client, no more.
        let (tx, rx) = tokio::sync::mpsc::channel(2);
        actix_web::rt::task::spawn_blocking(move || {
            let mut send = |chunk: String| tx.blocking_send(web::Bytes::from(chunk)).is_ok();
            if let Err(e) = produce(&mut send) {
                // The status line is sent already: the download ends short, and the log says
                // why.
                tracing::error!(error = %e, cause = ?e, "a download failed part way");
            }
        });
        Streamed(rx)
    }
}

impl MessageBody for Streamed {
    type Error = std::convert::Infallible;

    fn size(&self) -> BodySize {
        BodySize::Stream
    }

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<web::Bytes, Self::Error>>> {
        self.0.poll_recv(cx).map(|chunk| chunk.map(Ok))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("a \"b\""), "\"a \"\"b\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "\"'=SUM(A1)\"");
        assert_eq!(csv_field("Sønderborg"), "\"Sønderborg\"");
    }

    #[test]
    fn formulas_are_defused_behind_spaces_full_width_signs_and_line_breaks() {
        for formula in [
            " =HYPERLINK(A1)",
            "\u{ff1d}1+1",
            "\u{ff0b}1",
            "\u{ff0d}1",
            "\u{ff20}SUM(A1)",
            "\t=1",
            "\r=1",
            "\n=1",
            "\nText",
            " \u{3000}+1",
        ] {
            assert_eq!(csv_field(formula), format!("\"'{formula}\""), "{formula:?}");
        }
        for text in ["Borger = kunde", "e-mail", "100 %", " Aarhus"] {
            assert_eq!(csv_field(text), format!("\"{text}\""), "{text:?}");
        }
    }
}
