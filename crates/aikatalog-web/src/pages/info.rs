//! The pages that say what the site is rather than what is in it: about the catalogue, the web
//! accessibility statement Danish public sites must publish, and the API in words before the
//! Swagger UI. Their prose lives in the templates, in both languages.

use actix_web::HttpResponse;
use askama::Template;

use crate::lang::Lang;
use crate::site::{Layout, page, respond};
use crate::urls::Page;

#[derive(Template)]
#[template(path = "about.html")]
struct AboutPage {
    l: Layout,
}

#[derive(Template)]
#[template(path = "accessibility.html")]
struct AccessibilityPage {
    l: Layout,
}

#[derive(Template)]
#[template(path = "api_docs.html")]
struct ApiDocsPage {
    l: Layout,
}

pub async fn about(lang: Lang) -> HttpResponse {
    let l = Layout::new(lang, &Page::About, "", lang.t().about_title);
    respond(lang, page(lang, &AboutPage { l }))
}

pub async fn accessibility(lang: Lang) -> HttpResponse {
    let l = Layout::new(lang, &Page::Accessibility, "", lang.t().accessibility_title);
    respond(lang, page(lang, &AccessibilityPage { l }))
}

pub async fn api_docs(lang: Lang) -> HttpResponse {
    let l = Layout::new(lang, &Page::ApiDocs, "", lang.t().api_docs_title);
    respond(lang, page(lang, &ApiDocsPage { l }))
}
