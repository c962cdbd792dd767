//! Metrics in the Prometheus text format. Requests are counted and timed per route pattern
//! (`/api/v1/use-cases/{id}`, never the raw path, so the number of series stays bounded),
//! method and status, as the histogram `aikatalog_http_request_duration_seconds` (its `_count`
//! is the request count). At each scrape the handler adds the outbox lag, the index's documents
//! and the connection pool's use; search records its query time itself.
//!
//! `/metrics` is not public: it answers only on the listener `AIKATALOG_METRICS_BIND` names
//! (e.g. `127.0.0.1:9464`, or an address only the monitoring network reaches), and 404 on every
//! other. Without that setting no recorder is installed and nothing is measured.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

/// Latency buckets in seconds, from a cached page to a slow search.
const BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// How often recorded samples are folded into the histograms between scrapes, so memory does
/// not grow when nobody scrapes.
const UPKEEP: Duration = Duration::from_secs(5);

static RECORDER: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the process-wide recorder (once; later calls return the same handle). The
/// `metrics` macros are no-ops until this runs.
pub fn install() -> &'static PrometheusHandle {
    RECORDER.get_or_init(|| {
        let builder = PrometheusBuilder::new();
        // Histograms rather than the exporter's default summaries: they aggregate across servers.
        let builder = match builder.set_buckets(BUCKETS) {
            Ok(b) => b,
            Err(_) => PrometheusBuilder::new(),
        };
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder is installed; /metrics will be empty");
        }
        let upkeep = handle.clone();
        let spawned = std::thread::Builder::new()
            .name("metrics-upkeep".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(UPKEEP);
                    upkeep.run_upkeep();
                }
            });
        if let Err(e) = spawned {
            tracing::warn!(error = %e, "cannot start the metrics upkeep thread");
        }
        handle
    })
}

/// The installed recorder, if any.
pub fn recorder() -> Option<&'static PrometheusHandle> {
    RECORDER.get()
}

/// A bounded label for the method: anything unusual is `other`.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    // Without a metrics listener nothing is recorded, so skip the labels' work on every request.
    if RECORDER.get().is_none() {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let started = Instant::now();
    let method = method_label(req.method());
    let res = next.call(req).await;
    let (route, status) = match &res {
        // Known after routing: the pattern of the resource that answered.
        Ok(res) => (res.request().match_pattern(), res.status()),
        Err(e) => (None, e.as_response_error().status_code()),
    };
    metrics::histogram!(
        "aikatalog_http_request_duration_seconds",
        "method" => method,
        "route" => route.unwrap_or_else(|| "unmatched".to_owned()),
        "status" => status.as_str().to_owned(),
    )
    .record(started.elapsed().as_secs_f64());
    Ok(res?.map_into_boxed_body())
}
