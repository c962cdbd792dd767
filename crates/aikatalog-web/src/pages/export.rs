//! Export of the current search, every hit rather than one page, as CSV (for spreadsheets) and
//! JSON (for programs). Column names and labels follow the page's language; keys stay stable.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use aikatalog_domain::sections::Contact;
use aikatalog_domain::{AiActClass, EntryKind, EntryMeta, Lifecycle, Sourcing, completeness};
use aikatalog_search::{Hit, MAX_WINDOW};
use aikatalog_state::AppState;
use serde::Serialize;

use crate::catalogue::Catalogue;
use crate::error::WebError;
use crate::lang::{Label, Lang};
use crate::links;
use crate::search_params::SearchParams;
use crate::site::{Site, blocking, respond};
use crate::urls::Urls;

#[derive(Debug, Clone, Copy)]
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
    owner_code: String,
    owner: String,
    categories: Vec<String>,
    lifecycle: String,
    lifecycle_label: String,
    /// The partial date as written (`2024`, `2024-03`), which sorts in a spreadsheet.
    started: Option<String>,
    contact_name: Option<String>,
    contact_email: Option<String>,
    sourcing: Option<Sourcing>,
    sourcing_label: String,
    ai_act_class: Option<AiActClass>,
    ai_act_class_label: String,
    /// The share of the reader-needed facts the entry states (`meta.completeness.percent`).
    completeness_percent: Option<u8>,
    published_at: Option<String>,
    url: String,
    api_url: String,
}

#[derive(Debug, Serialize)]
struct Export<'a> {
    query: &'a str,
    filters: serde_json::Map<String, serde_json::Value>,
    total: u64,
    items: Vec<Row>,
}

/// What the export takes from the entry itself rather than from the search hit.
#[derive(Default)]
struct Facts {
    started: Option<String>,
    contact: Option<Contact>,
    sourcing: Option<Sourcing>,
    ai_act_class: Option<AiActClass>,
    completeness_percent: Option<u8>,
}

fn percent(meta: Option<&EntryMeta>, compute: impl FnOnce() -> u8) -> Option<u8> {
    Some(
        meta.and_then(|m| m.completeness.as_ref())
            .map_or_else(compute, |c| c.percent),
    )
}

fn facts(cat: &Catalogue, hit: &Hit) -> Facts {
    match hit.kind {
        EntryKind::UseCase => cat
            .use_case(&hit.slug)
            .map_or_else(Facts::default, |uc| Facts {
                started: uc.started.map(|d| d.to_string()),
                contact: uc.contact.clone(),
                sourcing: uc.sourcing,
                ai_act_class: Some(uc.ai_act.class),
                completeness_percent: percent(uc.meta.as_ref(), || {
                    completeness::of_use_case(uc).percent
                }),
            }),
        EntryKind::Algorithm => cat
            .algorithm(&hit.slug)
            .map_or_else(Facts::default, |a| Facts {
                contact: a.contact.clone(),
                ai_act_class: Some(a.ai_act.class),
                completeness_percent: percent(a.meta.as_ref(), || {
                    completeness::of_algorithm(a).percent
                }),
                ..Facts::default()
            }),
    }
}

fn row(cat: &Catalogue, hit: &Hit, base: &str, lang: Lang) -> Row {
    let u = Urls { lang };
    let f = facts(cat, hit);
    let (page, api) = match hit.kind {
        EntryKind::UseCase => (u.use_case(&hit.slug), u.use_case_json(&hit.slug)),
        EntryKind::Algorithm => (u.algorithm(&hit.slug), u.algorithm_json(&hit.slug)),
    };
    Row {
        kind: hit.kind,
        slug: hit.slug.clone(),
        title: hit.title.clone(),
        owner_code: hit.owner.code.clone(),
        owner: links::org_link(cat, &hit.owner.code, lang).text,
        categories: hit
            .categories
            .iter()
            .map(|c| links::category_link(cat, &c.slug, lang).text)
            .collect(),
        lifecycle: hit.lifecycle.clone(),
        lifecycle_label: Lifecycle::parse(&hit.lifecycle)
            .map_or_else(String::new, |l| l.label(lang).to_owned()),
        started: f.started,
        contact_name: f.contact.as_ref().and_then(|c| c.name.clone()),
        contact_email: f.contact.as_ref().and_then(|c| c.email.clone()),
        sourcing: f.sourcing,
        sourcing_label: f
            .sourcing
            .map_or_else(String::new, |s| s.label(lang).to_owned()),
        ai_act_class: f.ai_act_class,
        ai_act_class_label: f
            .ai_act_class
            .map_or_else(String::new, |c| c.label(lang).to_owned()),
        completeness_percent: f.completeness_percent,
        published_at: hit.published_at.map(|t| t.to_rfc3339()),
        url: format!("{base}{page}"),
        api_url: format!("{base}{api}"),
    }
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

fn csv(rows: &[Row], lang: Lang) -> String {
    let t = lang.t();
    let mut out = String::new();
    let header = t.csv_columns.map(csv_field).join(",");
    out.push_str(&header);
    out.push_str("\r\n");
    for r in rows {
        let fields = [
            r.kind.label(lang).to_owned(),
            r.slug.clone(),
            r.title.clone(),
            r.owner.clone(),
            r.owner_code.clone(),
            r.categories.join("; "),
            r.lifecycle_label.clone(),
            r.started.clone().unwrap_or_default(),
            r.contact_name.clone().unwrap_or_default(),
            r.contact_email.clone().unwrap_or_default(),
            r.sourcing_label.clone(),
            r.ai_act_class_label.clone(),
            r.completeness_percent
                .map(|p| p.to_string())
                .unwrap_or_default(),
            r.published_at.clone().unwrap_or_default(),
            r.url.clone(),
            r.api_url.clone(),
        ];
        out.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
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
    // Never from headers a client may forge (issue 16, defect 8): see `PublicOrigin`.
    let base = req
        .app_data::<web::Data<AppState>>()
        .map(|state| state.origin.of(&req))
        .unwrap_or_default();
    let cat = site.catalogue().await?;
    let index = site.index().clone();
    let request = params.request(MAX_WINDOW, 0);
    let results = blocking(move || Ok(index.search(&request)?)).await?;
    let rows: Vec<Row> = results
        .items
        .iter()
        .map(|h| row(&cat, h, &base, lang))
        .collect();
    let name = lang.pick("ai-kataloget-soegning", "ai-catalogue-search");
    Ok(match format {
        Format::Csv => HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.csv\""),
            ))
            // A byte order mark makes spreadsheet programs read the file as UTF-8 (æ, ø, å).
            .body(format!("\u{feff}{}", csv(&rows, lang))),
        Format::Json => {
            let mut filters = serde_json::Map::new();
            for (facet, values) in params.filters.iter() {
                filters.insert(facet.as_str().to_owned(), values.into());
            }
            HttpResponse::Ok().json(Export {
                query: &params.q,
                filters,
                total: results.total,
                items: rows,
            })
        }
    })
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
