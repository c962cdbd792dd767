//! The signed-in part of the site: signing in (`/log-ind`, `/en/sign-in`), signing out
//! (`/log-ud`, `/en/sign-out`, a POST form) and "Mit arbejde" (`/mit-arbejde`, `/en/my-work`).
//! Sessions, CSRF and return paths are in `crate::account`.

pub mod corrections;
pub mod my_work;
pub mod provider;
pub mod sign_in;
pub mod sign_out;

use actix_web::web;

use crate::lang::Lang;
use crate::urls::Page;

/// Registers the account pages in both languages.
pub fn routes(cfg: &mut web::ServiceConfig) {
    // The provider's redirect URI is registered once, without a language.
    cfg.route("/auth/login", crate::get().to(provider::start))
        .route("/auth/callback", crate::get().to(provider::callback));
    for lang in [Lang::Da, Lang::En] {
        cfg.route(&Page::SignIn.path(lang), crate::get().to(sign_in::show))
            .route(
                &Page::SignIn.path(lang),
                web::post().to(sign_in::dev_sign_in),
            )
            .route(
                &Page::SignOut.path(lang),
                web::post().to(sign_out::sign_out),
            )
            .route(&Page::MyWork.path(lang), crate::get().to(my_work::show));
    }
    corrections::routes(cfg);
}
