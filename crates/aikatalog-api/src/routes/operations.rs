//! `GET /readyz`, whether a load balancer should send this server traffic, and `GET /metrics`,
//! for the monitoring system. `/healthz` (liveness) is in `health`.

use actix_web::{HttpRequest, HttpResponse, get, route, web};
use aikatalog_storage::models::outbox;

use super::blocking;
use crate::AppState;
use crate::error::ApiError;
use crate::ops::Operations;

/// The server's readiness.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Readiness {
    pub status: &'static str,
    pub database: &'static str,
    /// How many outbox changes the database holds that this server's index has not applied.
    pub outbox_lag: i64,
    /// Documents in this server's search index.
    pub documents: u64,
}

/// Whether this server should receive traffic: it has read at start what its pages need, its
/// database answers and its search index has caught up with the outbox to within
/// `AIKATALOG_READY_MAX_LAG` changes (for load balancers; `/healthz` tells whether the process
/// is alive).
#[utoipa::path(
    get,
    tag = "operations",
    responses(
        (status = 200, description = "Ready.", body = Readiness),
        (status = 503, description = "Not ready: the database cannot be reached (`database_unavailable`), or the search index is too far behind or the pages' catalogue is still being read at start (`not_ready`); `detail` says which.", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[route("/readyz", method = "GET", method = "HEAD")]
pub async fn readyz(
    state: web::Data<AppState>,
    ops: Option<web::Data<Operations>>,
) -> Result<HttpResponse, ApiError> {
    if ops
        .as_ref()
        .is_some_and(|o| o.warming.load(std::sync::atomic::Ordering::Acquire))
    {
        return Err(ApiError::NotReady(
            "the server is still reading the catalogue its pages show".to_owned(),
        ));
    }
    let max_lag = ops.map_or(crate::ops::DEFAULT_READY_MAX_LAG, |o| o.ready_max_lag);
    let db = state.db.clone();
    let head = blocking(move || Ok(db.read(outbox::head)?)).await?;
    let lag = (head - state.search.indexed_position()).max(0);
    if lag > max_lag {
        return Err(ApiError::NotReady(format!(
            "the search index is {lag} outbox changes behind the database; \
             at most {max_lag} are allowed"
        )));
    }
    Ok(HttpResponse::Ok().json(Readiness {
        status: "ready",
        database: "ok",
        outbox_lag: lag,
        documents: state.search.num_docs(),
    }))
}

/// Metrics in the Prometheus text format. Answers only on the listener `AIKATALOG_METRICS_BIND`
/// names; 404 elsewhere.
#[utoipa::path(
    get,
    tag = "operations",
    responses(
        (status = 200, description = "The metrics.", body = String, content_type = "text/plain; version=0.0.4"),
        (status = 404, description = "Not served on this listener (`no_route`).", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/metrics")]
pub async fn metrics(
    req: HttpRequest,
    state: web::Data<AppState>,
    ops: Option<web::Data<Operations>>,
) -> Result<HttpResponse, ApiError> {
    let here = req.app_config().local_addr();
    let recorder = crate::ops::metrics::recorder()
        .filter(|_| ops.as_ref().and_then(|o| o.metrics_bind) == Some(here));
    let Some(recorder) = recorder else {
        return Err(ApiError::NoRoute(format!("GET {}", req.path())));
    };
    let db = state.db.clone();
    // The database may be down; the other figures are worth having then too.
    if let Ok(head) = blocking(move || Ok(db.read(outbox::head)?)).await {
        let lag = (head - state.search.indexed_position()).max(0);
        ::metrics::gauge!("aikatalog_outbox_head").set(head as f64);
        ::metrics::gauge!("aikatalog_outbox_lag").set(lag as f64);
    }
    ::metrics::gauge!("aikatalog_index_position").set(state.search.indexed_position() as f64);
    ::metrics::gauge!("aikatalog_index_documents").set(state.search.num_docs() as f64);
    let pool = state.db.pool_use();
    ::metrics::gauge!("aikatalog_db_pool_connections").set(f64::from(pool.connections));
    ::metrics::gauge!("aikatalog_db_pool_idle").set(f64::from(pool.idle));
    ::metrics::gauge!("aikatalog_db_pool_in_use").set(f64::from(pool.connections - pool.idle));
    ::metrics::gauge!("aikatalog_db_pool_max").set(f64::from(pool.max));
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(recorder.render()))
}
