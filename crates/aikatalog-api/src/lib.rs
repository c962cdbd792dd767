//! The HTTP API under `/api/v1`, plus `/healthz`. Handlers are thin: they parse the request,
//! run storage calls on the blocking pool, and map results and errors in one place
//! ([`error::ApiError`]).

pub mod auth;
pub mod body;
pub mod error;
pub mod input_guard;
pub mod openapi;
pub mod ops;
pub mod paging;
pub mod routes;
pub mod security_headers;

use actix_web::App;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

// The state is shared with the web pages, so it lives in a crate below both.
pub use aikatalog_state::AppState;

/// The OpenAPI document of every route `configure` registers.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, mut spec) = App::new()
        .into_utoipa_app()
        .openapi(openapi::ApiDoc::openapi())
        .configure(routes::configure)
        .split_for_parts();
    openapi::document_shared_refusals(&mut spec);
    spec
}

/// The whole HTTP surface: the API, its OpenAPI document at `/api/v1/openapi.json`, and
/// Swagger UI (assets bundled in the binary) at `/docs/`.
pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
    // Registered before the API scope so `/api/v1/openapi.json` is matched here.
    cfg.service(actix_web::web::redirect("/docs", "/docs/"))
        .service(SwaggerUi::new("/docs/{_:.*}").url("/api/v1/openapi.json", openapi()));
    routes::configure(&mut utoipa_actix_web::service_config::ServiceConfig::new(
        cfg,
    ));
}
