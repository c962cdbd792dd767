//! The front page: the search box, the catalogue in four numbers, the twelve categories as ways
//! in, and what changed most recently.

use actix_web::HttpResponse;
use aikatalog_domain::EntryKind;
use aikatalog_domain::registers::HOME_SOURCE;
use askama::Template;

use crate::cards::{self, Card};
use crate::catalogue::Catalogue;
use crate::error::WebError;
use crate::lang::Lang;
use crate::links;
use crate::public;
use crate::site::{Layout, Site, blocking, page, respond};
use crate::urls::{Page, Urls};

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

/// The snapshot's recently changed entries (`Catalogue::recent`), read from the database.
fn recent(
    cat: &Catalogue,
    db: &aikatalog_storage::Database,
    lang: Lang,
) -> Result<Vec<Card>, WebError> {
    let slugs = |kind: EntryKind| -> Vec<&str> {
        cat.recent()
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, s)| s.as_str())
            .collect()
    };
    let loaded = db
        .read_with(|c| public::load(c, &slugs(EntryKind::UseCase), &slugs(EntryKind::Algorithm)))?;
    Ok(cat
        .recent()
        .iter()
        .filter_map(|(kind, slug)| match kind {
            EntryKind::UseCase => loaded
                .use_case(slug)
                .map(|u| cards::use_case_card(cat, u, lang)),
            EntryKind::Algorithm => loaded
                .algorithm(slug)
                .map(|a| cards::algorithm_card(cat, a, lang)),
        })
        .collect())
}

pub async fn show(lang: Lang, site: Site) -> HttpResponse {
    respond(lang, render(lang, site).await)
}

async fn render(lang: Lang, site: Site) -> Result<HttpResponse, WebError> {
    let cat = site.catalogue().await?;
    let recent = {
        let (cat, db) = (cat.clone(), site.db().clone());
        blocking(move || recent(&cat, &db, lang)).await?
    };
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
                count: cat.primary_count(c.slug.as_str()),
            })
            .collect(),
        recent,
    };
    page(lang, &template)
}
