//! The twelve categories: KL/KOMBIT's evaluation model as a matrix, and a page per category.

use actix_web::{HttpResponse, web};
use aikatalog_domain::{Category, UseCase};
use askama::Template;

use crate::cards::{self, Card};
use crate::catalogue::Catalogue;
use crate::error::WebError;
use crate::lang::{Label, Lang};
use crate::links::{self, Text};
use crate::public;
use crate::site::{Layout, Site, blocking, page, respond};
use crate::texts;
use crate::urls::{Page, Urls};

pub struct MatrixRow {
    pub number: u8,
    pub name: String,
    pub href: String,
    pub techniques: String,
    pub business: Text,
    pub model: &'static str,
    pub model_rank: u8,
    pub data: &'static str,
    pub data_rank: u8,
    pub integration: &'static str,
    pub integration_rank: u8,
    pub infrastructure: &'static str,
    pub infrastructure_rank: u8,
    pub count: usize,
}

#[derive(Template)]
#[template(path = "categories.html")]
struct CategoriesPage {
    l: Layout,
    rows: Vec<MatrixRow>,
}

/// The business dimension's note, in English where the interface knows a translation.
pub fn business(c: &Category, lang: Lang) -> Text {
    Text::pick(
        &c.business_note,
        texts::business_note_en(&c.business_note),
        lang,
    )
}

fn matrix_row(cat: &Catalogue, c: &Category, lang: Lang) -> MatrixRow {
    let p = c.profile;
    MatrixRow {
        number: c.number,
        name: links::category_name(c, lang),
        href: Urls { lang }.category(c.slug.as_str()),
        techniques: c.techniques.join(", "),
        business: business(c, lang),
        model: p.model.label(lang),
        model_rank: p.model.rank(),
        data: p.data.label(lang),
        data_rank: p.data.rank(),
        integration: p.integration.label(lang),
        integration_rank: p.integration.rank(),
        infrastructure: p.infrastructure.label(lang),
        infrastructure_rank: p.infrastructure.rank(),
        count: cat.primary_count(c.slug.as_str()),
    }
}

pub async fn list(lang: Lang, site: Site) -> HttpResponse {
    respond(lang, render_list(lang, site).await)
}

async fn render_list(lang: Lang, site: Site) -> Result<HttpResponse, WebError> {
    let cat = site.catalogue().await?;
    let template = CategoriesPage {
        l: Layout::new(lang, &Page::Categories, "", lang.t().categories_heading),
        rows: cat
            .categories
            .iter()
            .map(|c| matrix_row(&cat, c, lang))
            .collect(),
    };
    page(lang, &template)
}

pub struct ProfileFact {
    pub label: &'static str,
    pub value: &'static str,
}

#[derive(Template)]
#[template(path = "category.html")]
struct CategoryPage<'a> {
    l: Layout,
    c: &'a Category,
    name: String,
    definition: Text,
    business: Text,
    profile: Vec<ProfileFact>,
    primary: Vec<Card>,
    primary_total: usize,
    secondary: Vec<Card>,
    secondary_total: usize,
    /// That the lists show only the newest, when they do.
    more: String,
    search_href: String,
}

pub async fn show(lang: Lang, site: Site, key: web::Path<String>) -> HttpResponse {
    respond(lang, render_one(lang, site, key.into_inner()).await)
}

async fn render_one(lang: Lang, site: Site, slug: String) -> Result<HttpResponse, WebError> {
    let cat = site.catalogue().await?;
    let c = cat.category(&slug).ok_or(WebError::NotFound)?;
    let t = lang.t();
    let name = links::category_name(c, lang);
    let lists = cat.category_lists(&slug);
    let (primary, secondary) = {
        let (db, lists) = (site.db().clone(), lists.clone());
        blocking(move || {
            let all: Vec<&str> = lists
                .primary
                .iter()
                .chain(&lists.secondary)
                .map(String::as_str)
                .collect();
            let loaded = db.read_with(|conn| public::load(conn, &all, &[]))?;
            let pick = |slugs: &[String]| -> Vec<UseCase> {
                slugs
                    .iter()
                    .filter_map(|s| loaded.use_case(s).cloned())
                    .collect()
            };
            Ok((pick(&lists.primary), pick(&lists.secondary)))
        })
        .await?
    };
    let (primary_total, secondary_total) = (lists.primary_total, lists.secondary_total);
    let more = [
        cards::newest_shown(primary.len(), primary_total, lang),
        cards::newest_shown(secondary.len(), secondary_total, lang),
    ]
    .into_iter()
    .find(|m| !m.is_empty())
    .unwrap_or_default();
    let p = c.profile;
    let template = CategoryPage {
        l: Layout::new(lang, &Page::Category(slug.clone()), "", name.clone()),
        name,
        definition: Text::pick(&c.definition_da, c.definition_en.as_deref(), lang),
        business: business(c, lang),
        profile: vec![
            ProfileFact {
                label: t.dim_model,
                value: p.model.label(lang),
            },
            ProfileFact {
                label: t.dim_data,
                value: p.data.label(lang),
            },
            ProfileFact {
                label: t.dim_integration,
                value: p.integration.label(lang),
            },
            ProfileFact {
                label: t.dim_infrastructure,
                value: p.infrastructure.label(lang),
            },
        ],
        primary: primary
            .iter()
            .map(|u| cards::use_case_card(&cat, u, lang))
            .collect(),
        secondary: secondary
            .iter()
            .map(|u| cards::use_case_card(&cat, u, lang))
            .collect(),
        primary_total,
        secondary_total,
        more,
        search_href: Urls { lang }.search_by("category", &slug),
        c,
    };
    page(lang, &template)
}
