//! The front page: the search box, the catalogue in four numbers, the twelve categories as ways
//! in, and what changed most recently.

use actix_web::HttpResponse;
use aikatalog_domain::registers::HOME_SOURCE;
use aikatalog_domain::{EntryKind, PartialDate};
use askama::Template;

use crate::cards::{self, Card};
use crate::catalogue::Catalogue;
use crate::error::WebError;
use crate::lang::Lang;
use crate::links;
use crate::site::{Layout, Site, page, respond};
use crate::urls::{Page, Urls};

/// How many recently changed entries the front page lists.
const RECENT: usize = 6;

pub struct CategoryTile {
    pub number: u8,
    pub name: String,
    pub href: String,
    pub count: usize,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    l: Layout,
    /// The search box starts empty.
    q: &'static str,
    examples: Vec<(String, String)>,
    use_cases: usize,
    use_cases_href: String,
    algorithms: usize,
    municipalities: usize,
    municipalities_total: usize,
    in_operation: usize,
    in_operation_href: String,
    categories: Vec<CategoryTile>,
    recent: Vec<Card>,
}

/// Use cases and algorithms together: those a person changed, most recent first, then those as
/// the seed import left them, the most recently started project first (an import publishes
/// everything in one instant, so its date orders nothing).
fn recent(cat: &Catalogue, lang: Lang) -> Vec<Card> {
    type Key = (Option<chrono::DateTime<chrono::Utc>>, Option<PartialDate>);
    let mut keyed: Vec<(Key, Card)> = cat
        .use_cases
        .iter()
        .map(|u| {
            (
                (
                    cat.edited_at(EntryKind::UseCase, u.slug.as_str()),
                    u.started,
                ),
                cards::use_case_card(cat, u, lang),
            )
        })
        .chain(cat.algorithms.iter().map(|a| {
            (
                (cat.edited_at(EntryKind::Algorithm, a.slug.as_str()), None),
                cards::algorithm_card(cat, a, lang),
            )
        }))
        .collect();
    // Stable: among equals the snapshot's order (newest publication first) stands.
    keyed.sort_by_key(|k| std::cmp::Reverse(k.0));
    keyed.into_iter().take(RECENT).map(|(_, c)| c).collect()
}

pub async fn show(lang: Lang, site: Site) -> HttpResponse {
    respond(lang, render(lang, site).await)
}

async fn render(lang: Lang, site: Site) -> Result<HttpResponse, WebError> {
    let cat = site.catalogue().await?;
    let u = Urls { lang };
    let t = lang.t();
    let figures = cat.danish_figures();
    let template = HomePage {
        l: Layout::new(lang, &Page::Home, "", t.home_title),
        q: "",
        examples: t
            .home_examples
            .iter()
            .map(|q| {
                (
                    q.to_string(),
                    format!(
                        "{}?q={}",
                        u.search(),
                        url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
                    ),
                )
            })
            .collect(),
        use_cases: figures.use_cases,
        // The figures count this catalogue's own entries; their links show the same.
        use_cases_href: format!("{}&source={HOME_SOURCE}", u.search_by("kind", "use_case")),
        algorithms: figures.algorithms,
        municipalities: figures.municipalities,
        municipalities_total: figures.municipalities_total,
        in_operation: figures.in_operation,
        in_operation_href: format!(
            "{}&source={HOME_SOURCE}",
            u.search_by("lifecycle", "in_operation")
        ),
        categories: cat
            .categories
            .iter()
            .map(|c| CategoryTile {
                number: c.number,
                name: links::category_name(c, lang),
                href: u.category(c.slug.as_str()),
                count: cat.use_cases_in(c.slug.as_str()).0.len(),
            })
            .collect(),
        recent: recent(&cat, lang),
    };
    page(lang, &template)
}
