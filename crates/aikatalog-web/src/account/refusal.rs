//! A page that says why something was refused (a form without its CSRF token, an account the
//! catalogue does not know), in the page's language, with the status given.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;

use crate::lang::Lang;
use crate::site::{Layout, html};
use crate::urls::Page;

#[derive(Template)]
#[template(path = "account/refused.html")]
struct RefusedPage<'a> {
    l: Layout,
    heading: &'a str,
    message: &'a str,
}

pub fn page(lang: Lang, status: StatusCode, heading: &str, message: &str) -> HttpResponse {
    let page = RefusedPage {
        l: Layout::new(lang, &Page::SignIn, "", heading),
        heading,
        message,
    };
    let body = page.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "the refusal page failed to render");
        heading.to_owned()
    });
    html(lang, status, body)
}
