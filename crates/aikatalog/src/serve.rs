//! `aikatalog serve`.

use actix_web::{App, HttpServer, middleware, web};
use aikatalog_api::ops;
use aikatalog_state::AppState;
use aikatalog_storage::Database;
use anyhow::Context;

use crate::cli;
use crate::config::Config;

/// Fills a database that has no reference data and no entries with the bundled seed data, so
/// the first start shows a full catalogue.
fn seed_if_empty(db: &Database) -> anyhow::Result<()> {
    let empty = db.read(|c| {
        use aikatalog_storage::models::reference_records as reference;
        Ok(reference::list_categories(c)?.is_empty()
            && reference::list_organisations(c, None)?.is_empty())
    })?;
    if empty {
        let summary = aikatalog_seed::import_sources(db, &aikatalog_seed::seed_sources(), false)
            .context("cannot import the bundled seed data")?;
        tracing::info!(
            use_cases = summary.use_cases.created,
            algorithms = summary.algorithms.created,
            "the database was empty: imported the bundled seed data"
        );
    }
    Ok(())
}

#[actix_web::main]
pub async fn serve(config: &Config) -> anyhow::Result<()> {
    let bind = config.bind;
    let db = cli::open_database(config)?;
    seed_if_empty(&db)?;
    let auth = std::sync::Arc::new(crate::auth::load(&config.tokens, &config.data_dir)?);
    let (search, indexer) =
        aikatalog_search::start(&config.search, &db).context("cannot open the search index")?;
    let state = web::Data::new(AppState { db, auth, search });
    let operations = web::Data::new(config.operations.clone());
    let rate_limits = web::Data::new(ops::RateLimits::new(&config.rate_limits));
    if operations.metrics_bind.is_some() {
        ops::metrics::install();
    }
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(operations.clone())
            .app_data(rate_limits.clone())
            // Innermost first; the request id is outermost so every log line carries it.
            .wrap(middleware::from_fn(ops::rate_limit::middleware))
            .wrap(ops::cors::middleware(&operations.cors_origins))
            .wrap(middleware::from_fn(ops::metrics::middleware))
            .wrap(middleware::from_fn(ops::request_id::middleware))
            .configure(aikatalog_api::routes)
            .configure(aikatalog_web::routes)
    })
    // Signals are handled below, so Ctrl-C stops as gracefully as SIGTERM.
    .disable_signals()
    .shutdown_timeout(config.shutdown_timeout.as_secs())
    .bind(bind)
    .with_context(|| format!("cannot listen on {bind}"))?;
    let server = match config.operations.metrics_bind {
        Some(metrics) => {
            tracing::info!(address = %metrics, "serving /metrics on http://{metrics}/metrics");
            server
                .bind(metrics)
                .with_context(|| format!("cannot listen on {metrics} (AIKATALOG_METRICS_BIND)"))?
        }
        None => server,
    };
    tracing::info!(address = %bind, "serving AI-kataloget on http://{bind}/");
    let server = server.run();
    stop_on_signals(&server.handle());
    let stopped = server.await.context("the server stopped with an error");
    // Applies and commits what the last requests wrote; a server killed instead resumes from
    // its checkpoint.
    indexer.stop();
    tracing::info!("the server stopped");
    stopped
}

/// Stops the server gracefully on SIGTERM (what service managers and container runtimes send)
/// or Ctrl-C: it stops accepting connections and gives in-flight requests the shutdown timeout
/// to finish.
fn stop_on_signals(handle: &actix_web::dev::ServerHandle) {
    async fn stop(handle: actix_web::dev::ServerHandle, signal: &'static str) {
        tracing::info!(
            signal,
            "stopping: no new connections; in-flight requests may finish"
        );
        handle.stop(true).await;
    }
    #[cfg(unix)]
    {
        use actix_web::rt::signal::unix::{SignalKind, signal};
        let handle = handle.clone();
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                actix_web::rt::spawn(async move {
                    if term.recv().await.is_some() {
                        stop(handle, "SIGTERM").await;
                    }
                });
            }
            Err(e) => tracing::warn!(error = %e, "cannot listen for SIGTERM"),
        }
    }
    let handle = handle.clone();
    actix_web::rt::spawn(async move {
        if actix_web::rt::signal::ctrl_c().await.is_ok() {
            stop(handle, "SIGINT").await;
        }
    });
}
