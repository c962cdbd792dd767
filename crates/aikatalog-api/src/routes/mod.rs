//! Routing. Modules mirror the URL space.
//!
//! The entry routes are written once per kind (`use_cases`, `algorithms`): thin typed functions
//! that carry the route and its documentation and call the generic implementation for every
//! entry kind (`entries` reads, `editing` creates and changes, `transitions` moves through the
//! workflow, `history`, `adoptions`). What those share: `entry_access` (finding an entry the
//! caller may see or change) and `preconditions` (`If-Match`).

mod adoptions;
mod ai_act;
mod algorithms;
mod corrections;
mod curation;
mod editing;
mod entries;
mod entry_access;
mod health;
mod history;
mod interop;
mod me;
mod operations;
mod preconditions;
mod reference;
mod reference_history;
mod reviews;
mod schemas;
mod search;
mod statistics;
mod transitions;
mod use_cases;
mod work;

use actix_web::{HttpRequest, web};
use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::ApiError;

pub use transitions::TransitionAction;

/// Registers every route; used by `aikatalog serve` and by the tests alike.
pub fn configure(cfg: &mut ServiceConfig<'_>) {
    cfg.app_data(crate::body::json_config())
        .app_data(web::QueryConfig::default().error_handler(|err, _req| {
            ApiError::BadParameter {
                parameter: "query".into(),
                message: format!("invalid query string: {err}"),
            }
            .into()
        }))
        .app_data(web::PathConfig::default().error_handler(|err, _req| {
            ApiError::BadParameter {
                parameter: "path".into(),
                message: format!("invalid path: {err}"),
            }
            .into()
        }))
        .service(health::healthz)
        .service(operations::readyz)
        .service(operations::metrics)
        .service(
            scope("/api/v1")
                .wrap(actix_web::middleware::from_fn(
                    crate::auth::refuse_invalid_tokens,
                ))
                .wrap(actix_web::middleware::from_fn(
                    crate::input_guard::refuse_nul_in_request_line,
                ))
                .service(reference::list_categories)
                .service(reference::get_category)
                .service(reference::list_domains)
                .service(reference::get_domain)
                .service(reference_history::category_revisions)
                .service(reference_history::domain_revisions)
                .service(reference_history::organisation_revisions)
                .service(reference::list_organisations)
                .service(reference::get_organisation)
                .service(me::me)
                .service(work::my_entries)
                .service(reviews::due)
                .service(statistics::get_statistics)
                .service(curation::put_category)
                .service(curation::put_domain)
                .service(curation::put_organisation)
                .service(entries::list_use_cases)
                .service(entries::list_algorithms)
                .service(search::search)
                .service(search::suggest)
                .service(schemas::list_schemas)
                .service(schemas::use_case_schema)
                .service(schemas::algorithm_schema)
                .service(ai_act::get_questionnaire)
                .service(ai_act::outdated)
                .service(ai_act::put_triage)
                .service(ai_act::get_triage)
                .service(ai_act::get_obligations)
                .service(ai_act::put_obligations)
                .service(ai_act::get_annex_viii)
                .service(interop::import)
                .service(interop::export)
                .configure(use_cases::register)
                .configure(algorithms::register)
                .configure(corrections::register)
                .default_service(web::to(no_route)),
        )
        // Unknown addresses under /api answer problem+json here; the app's default service
        // (the web pages' "not found") answers everywhere else.
        .service(scope("/api").default_service(web::to(no_route)));
}

async fn no_route(req: HttpRequest) -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::NoRoute(format!(
        "{} {}",
        req.method(),
        req.path()
    )))
}

/// Runs blocking storage work off the async workers.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    web::block(f).await?
}
