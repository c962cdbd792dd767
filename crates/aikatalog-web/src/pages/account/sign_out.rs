//! Signing out: a POST with the session's CSRF token (a link could be triggered by any page),
//! which deletes the session and its cookie and lands on the front page, or at the identity
//! provider's end-session endpoint when the session came from it and it has one.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};

use crate::account::csrf::CsrfForm;
use crate::account::session;
use crate::lang::Lang;
use crate::site::{Site, respond};
use crate::urls::Page;

pub async fn sign_out(req: HttpRequest, lang: Lang, site: Site, form: CsrfForm) -> HttpResponse {
    let ended = session::end(&req, site.db().clone()).await;
    // A session from the identity provider ends there too, when it says where.
    let at_provider = form
        .viewer
        .as_ref()
        .filter(|v| v.issuer != super::sign_in::DEV_ISSUER)
        .and(session::config_of(&req).oidc)
        .and_then(|oidc| oidc.end_session_url());
    let target = at_provider.unwrap_or_else(|| Page::Home.path(lang));
    respond(
        lang,
        ended.map(|removal| {
            let mut response = HttpResponse::SeeOther()
                .insert_header((header::LOCATION, target))
                .finish();
            // The removal cookie matches the session cookie's name, path and flags.
            if let Err(e) = response.add_removal_cookie(&removal) {
                tracing::error!(error = %e, "cannot clear the session cookie");
            }
            response
        }),
    )
}
