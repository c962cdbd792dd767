//! The transparency statistics (`/statistik`, `/en/statistics`): what the public catalogue holds,
//! counted from the database on each view, the same counts as `GET /api/v1/statistics`. Each
//! count is a table with a caption and header cells, so screen readers read it as one.

use actix_web::HttpResponse;
use aikatalog_domain::{AiActClass, Lifecycle};
use aikatalog_storage::models::statistics;
use askama::Template;

use crate::error::WebError;
use crate::format;
use crate::lang::{Label, Lang};
use crate::links;
use crate::site::{Layout, Site, blocking, page, respond};
use crate::urls::Page;

/// One table row: what is counted, and how many.
pub struct Row {
    pub label: String,
    /// The label's language when it differs from the page's (Danish names on English pages).
    pub lang: &'static str,
    pub count: i64,
}

impl Row {
    fn new(label: impl Into<String>, count: i64) -> Row {
        Row {
            label: label.into(),
            lang: "",
            count,
        }
    }
}

/// One table: its caption, the heading of its first column, and its rows.
pub struct Table {
    pub caption: &'static str,
    pub head: &'static str,
    pub rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "statistics.html")]
struct StatisticsPage {
    l: Layout,
    as_of: String,
    tables: Vec<Table>,
}

pub async fn show(lang: Lang, site: Site) -> HttpResponse {
    respond(lang, render(lang, site).await)
}

async fn render(lang: Lang, site: Site) -> Result<HttpResponse, WebError> {
    let db = site.db().clone();
    let policy = site.reviews();
    let today = chrono::Utc::now().date_naive();
    let counts =
        blocking(move || Ok(db.read_with(|c| statistics::count(c, &policy, today))?)).await?;
    let cat = site.catalogue().await?;
    let t = lang.t();
    let class = |c: AiActClass| c.label(lang);
    let stage = |s: Lifecycle| s.label(lang);
    let table = |caption, head, rows| Table {
        caption,
        head,
        rows,
    };
    let published = vec![
        Row::new(t.statistics_use_cases, counts.use_cases),
        Row::new(t.statistics_algorithms, counts.algorithms),
        Row::new(t.statistics_total, counts.use_cases + counts.algorithms),
    ];
    let by_class = counts
        .by_ai_act_class
        .iter()
        .map(|(c, n)| Row::new(class(*c), *n))
        .collect();
    let by_stage = counts
        .by_stage
        .iter()
        .map(|(s, n)| Row::new(stage(*s), *n))
        .collect();
    let by_category = counts
        .by_category
        .iter()
        .map(|(slug, n)| {
            Row::new(
                cat.category(slug)
                    .map_or_else(|| slug.clone(), |c| links::category_name(c, lang)),
                *n,
            )
        })
        .collect();
    let by_region = counts
        .by_region
        .iter()
        .map(
            |(code, n)| match code.as_deref().and_then(|c| cat.organisation(c)) {
                Some(org) => Row {
                    label: links::org_name(org, lang),
                    lang: links::org_name_lang(org, lang),
                    count: *n,
                },
                None => Row::new(
                    code.clone()
                        .unwrap_or_else(|| t.statistics_no_region.to_owned()),
                    *n,
                ),
            },
        )
        .collect();
    let care = vec![
        Row::new(t.statistics_overdue, counts.reviews_overdue),
        Row::new(
            t.statistics_due
                .replace("{days}", &policy.notice_days.to_string()),
            counts.reviews_due,
        ),
        Row::new(t.statistics_fria, counts.with_fria),
        Row::new(t.statistics_assessment, counts.with_impact_assessment),
    ];
    let template = StatisticsPage {
        l: Layout::new(lang, &Page::Statistics, "", t.statistics_title),
        as_of: format::date(today, lang),
        tables: vec![
            table(t.statistics_published, t.statistics_kind, published),
            table(t.statistics_by_class, t.statistics_class, by_class),
            table(t.statistics_by_stage, t.statistics_stage, by_stage),
            table(t.statistics_by_category, t.statistics_category, by_category),
            table(t.statistics_by_region, t.statistics_region, by_region),
            table(t.statistics_care, t.statistics_measure, care),
        ],
    };
    page(lang, &template)
}
