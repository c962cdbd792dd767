//! The whole HTTP app: the API and the pages behind one middleware stack.
//!
//! `aikatalog serve` and the test harness (`aikatalog-testing`'s `TestApp`) both build their app
//! here, so what tests see is what clients get: the same middleware, in the same order. The API
//! and the pages stay independent of each other; this crate is the one place that joins them.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{App, Error, middleware::Compress, middleware::from_fn, web};
use aikatalog_api::ops::{self, Operations, RateLimits};
use aikatalog_state::AppState;
use aikatalog_web::AccountConfig;

/// What the app shares between its workers: built once, cloned into each worker's app.
#[derive(Clone)]
pub struct Shared {
    pub state: web::Data<AppState>,
    pub account: web::Data<AccountConfig>,
    pub operations: web::Data<Operations>,
    pub rate_limits: web::Data<RateLimits>,
    /// The pages' snapshot of the public catalogue: one for the server, not one per worker.
    pub catalogue: web::Data<aikatalog_web::CatalogueCache>,
}

impl Shared {
    /// Also installs the metrics recorder when a metrics listener is configured (once per
    /// process; a second call is harmless).
    pub fn new(
        state: AppState,
        account: AccountConfig,
        operations: Operations,
        rate_limits: RateLimits,
    ) -> Self {
        if operations.metrics_bind.is_some() {
            ops::metrics::install();
        }
        Shared {
            state: web::Data::new(state),
            account: web::Data::new(account),
            operations: web::Data::new(operations),
            rate_limits: web::Data::new(rate_limits),
            catalogue: web::Data::new(aikatalog_web::CatalogueCache::default()),
        }
    }
}

/// One worker's app (each worker gets its own clone of `shared`). Middleware is listed innermost first: the request id is outermost, so
/// every log line and every refusal (a long URI, a rate limit) carries it, and the security
/// headers wrap every response the inner layers make.
pub fn app(
    shared: Shared,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = Error,
        InitError = (),
    >,
> {
    App::new()
        .app_data(shared.state.clone())
        .app_data(shared.account.clone())
        .app_data(shared.operations.clone())
        .app_data(shared.rate_limits.clone())
        .app_data(shared.catalogue.clone())
        .wrap(from_fn(aikatalog_web::session_frame))
        // Brotli or gzip as the client accepts: pages, JSON and CSV shrink several times.
        .wrap(Compress::default())
        .wrap(from_fn(ops::rate_limit::middleware))
        .wrap(ops::cors::middleware(&shared.operations.cors_origins))
        .wrap(from_fn(ops::metrics::middleware))
        .wrap(from_fn(aikatalog_api::input_guard::refuse_long_uri))
        .wrap(from_fn(
            aikatalog_api::security_headers::add_security_headers,
        ))
        .wrap(from_fn(ops::request_id::middleware))
        .configure(aikatalog_api::routes)
        .configure(aikatalog_web::routes)
}
