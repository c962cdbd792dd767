//! Signing out: a POST with the session's CSRF token (a link could be triggered by any page),
//! which deletes the session and its cookie and lands on the front page.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};

use crate::account::csrf::CsrfForm;
use crate::account::session;
use crate::lang::Lang;
use crate::site::{Site, respond};
use crate::urls::Page;

pub async fn sign_out(req: HttpRequest, lang: Lang, site: Site, _form: CsrfForm) -> HttpResponse {
    let ended = session::end(&req, site.db().clone()).await;
    respond(
        lang,
        ended.map(|removal| {
            let mut response = HttpResponse::SeeOther()
                .insert_header((header::LOCATION, Page::Home.path(lang)))
                .finish();
            // The removal cookie matches the session cookie's name, path and flags.
            if let Err(e) = response.add_removal_cookie(&removal) {
                tracing::error!(error = %e, "cannot clear the session cookie");
            }
            response
        }),
    )
}
