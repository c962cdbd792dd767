//! The public catalogue on the web: server-rendered HTML (askama templates compiled into the
//! binary) in Danish at `/` and English under `/en/`, for the municipal staff, citizens and
//! journalists who will never call the API.
//!
//! - [`urls`]: every page's address in both languages; [`lang`] and [`texts`]: the interface's
//!   words.
//! - [`catalogue`]: the snapshot of reference data and figures about the public entries,
//!   caught up when the database changes; `public` reads the entries a page shows on demand.
//! - [`pages`]: one module per page, built from the [`links`] and [`cards`] several pages share;
//!   [`site`]: what handlers share and how a page or an error becomes a response.
//! - Search, facets and similar entries come from `aikatalog-search`'s index, which the shared
//!   state (`aikatalog_state::AppState::search`, the same the API reads) carries. The web pages
//!   and the API sit side by side; neither depends on the other.
//!
//! - [`editing`]: the editing form built from a record's JSON Schema; its pages are in
//!   `pages::editing`, and every change goes through `aikatalog-publishing`, as the API's do.
//!
//! - [`account`]: signing in, server-side sessions and CSRF protection; the signed-in pages are
//!   in `pages::account`. The binary wraps the app in [`session_frame`] so every page knows who
//!   is signed in.
//!
//! Every page works without JavaScript; `static/app.js` only submits filter forms as they
//! change. Nothing is loaded from other hosts.
//!
//! Error policy: handlers return [`error::WebError`]; [`site::respond`] maps it to a status and
//! an HTML page in the page's language, and logs server errors once.

pub mod account;
mod assets;
mod cards;
pub mod catalogue;
pub mod editing;
pub mod error;
mod fallback;
pub mod form_token;
mod format;
pub mod lang;
mod links;
mod pages;
mod popular;
mod profile;
mod public;
mod search_params;
pub mod site;
mod source;
pub mod texts;
pub mod urls;

use actix_web::{guard, web};

pub use account::AccountConfig;
pub use account::session::frame as session_frame;
pub use catalogue::CatalogueCache;
pub use lang::Lang;

use urls::Patterns;

/// GET and HEAD, as pages answer both.
fn get() -> actix_web::Route {
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}

/// Registers every page in both languages, the static files, and the app's default service:
/// an unknown address gets the site's HTML "not found" page (or loses its trailing slash), so
/// this must be configured after the API, whose scopes answer their own unknown addresses.
/// Needs `web::Data<aikatalog_state::AppState>` and `web::Data<CatalogueCache>` as app data
/// (one cache for the whole server, not one per worker).
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.app_data(web::Data::new(form_token::FormKeys::default()))
        .app_data(web::Data::new(popular::PopularSearches::default()))
        .default_service(web::to(fallback::unknown_address));
    assets::routes(cfg);
    // Before the sections' catch-all "not found", which covers everything under /en.
    pages::account::routes(cfg);
    pages::curator::routes(cfg);
    pages::ai_act::routes(cfg);
    pages::editing::routes(cfg);
    pages::corrections::routes(cfg);
    pages::adoption::routes(cfg);
    // "/en" without the slash is the English front page too.
    cfg.route(
        "/en",
        get().to(|| async {
            actix_web::HttpResponse::PermanentRedirect()
                .insert_header((actix_web::http::header::LOCATION, "/en/"))
                .finish()
        }),
    );
    // One address in both languages: the description is bilingual.
    cfg.route(urls::DCAT, get().to(pages::dcat::show));
    for lang in [Lang::Da, Lang::En] {
        let p = Patterns::of(lang);
        cfg.route(&p.home, get().to(pages::home::show))
            .route(&p.search, get().to(pages::search::show))
            .route(&p.search_csv, get().to(pages::export::csv_export))
            .route(&p.search_json, get().to(pages::export::json_export))
            .route(&p.use_case, get().to(pages::use_case::show))
            .route(&p.categories, get().to(pages::categories::list))
            .route(&p.category, get().to(pages::categories::show))
            .route(&p.municipalities, get().to(pages::organisations::list))
            .route(&p.municipality, get().to(pages::organisations::show))
            .route(&p.organisation, get().to(pages::organisations::show))
            .route(&p.algorithms, get().to(pages::algorithms::list))
            .route(&p.algorithm, get().to(pages::algorithms::show))
            .route(&p.about, get().to(pages::info::about))
            .route(&p.accessibility, get().to(pages::info::accessibility))
            .route(&p.api_docs, get().to(pages::info::api_docs))
            .route(&p.use_cases_csv, get().to(pages::export::use_cases_csv))
            .route(&p.use_cases_json, get().to(pages::export::use_cases_json))
            .route(&p.algorithms_csv, get().to(pages::export::algorithms_csv))
            .route(&p.algorithms_json, get().to(pages::export::algorithms_json))
            .route(&p.statistics, get().to(pages::statistics::show));
    }
}
