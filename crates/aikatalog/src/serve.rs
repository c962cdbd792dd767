//! `aikatalog serve`.

use actix_web::HttpServer;
use aikatalog_api::ops;
use aikatalog_state::AppState;
use aikatalog_storage::Database;
use anyhow::Context;

use crate::cli;
use crate::config::Config;

/// Fills a database that has no reference data and no entries with the bundled seed data, so
/// the first start shows a full catalogue (and a first import finds the categories and domains
/// its crosswalks map to). Says whether it did.
pub(crate) fn seed_if_empty(db: &Database) -> anyhow::Result<bool> {
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
    Ok(empty)
}

/// How the pages' sessions behave, from the configuration.
fn account_config(config: &Config) -> aikatalog_web::AccountConfig {
    aikatalog_web::AccountConfig {
        dev_login: config.sign_in.dev_login,
        secure_cookies: config
            .public_url
            .as_ref()
            .is_some_and(|u| u.scheme() == "https"),
        idle_timeout: chrono::TimeDelta::minutes(config.sign_in.idle_minutes),
        absolute_timeout: chrono::TimeDelta::hours(config.sign_in.max_hours),
        oidc: config
            .sign_in
            .oidc
            .as_ref()
            .zip(config.public_url.as_ref())
            .map(|(oidc, public)| {
                let base = public.as_str().trim_end_matches('/');
                std::sync::Arc::new(aikatalog_web::account::oidc::Oidc::new(
                    aikatalog_web::account::oidc::OidcSettings {
                        issuer: oidc.issuer.clone(),
                        client_id: oidc.client_id.clone(),
                        client_secret: oidc.client_secret.clone(),
                        redirect_url: format!("{base}/auth/callback"),
                        after_sign_out_url: format!("{base}/"),
                        org_claim: oidc.org_claim.clone(),
                        role_claim: oidc.role_claim.clone(),
                    },
                ))
            }),
    }
}

#[actix_web::main]
pub async fn serve(config: &Config) -> anyhow::Result<()> {
    let bind = config.bind;
    let db = cli::open_database(config)?;
    seed_if_empty(&db)?;
    let mut auth = crate::auth::load(&config.tokens, &config.data_dir)?;
    if let Some(oidc) = &config.sign_in.oidc {
        // The API accepts the provider's access tokens too, verified with its published keys.
        use aikatalog_state::provider_keys::{ProviderClaims, ProviderKeys};
        auth = auth.with_provider(ProviderKeys::over_http(ProviderClaims {
            issuer: oidc.issuer.clone(),
            audiences: vec![config.tokens.audience.clone(), oidc.client_id.clone()],
            org_claim: oidc.org_claim.clone(),
            role_claim: oidc.role_claim.clone(),
        }));
    }
    let auth = std::sync::Arc::new(auth);
    let (search, indexer) =
        aikatalog_search::start(&config.search, &db).context("cannot open the search index")?;
    let origin = aikatalog_state::origin::PublicOrigin::new(
        config.public_url.clone(),
        config.trusted_proxies.clone(),
    );
    // The AI Act questionnaire is checked before anything serves; a broken one names its file
    // and line, as the seed importer does.
    let ai_act = aikatalog_seed::bundled_questionnaire()
        .map_err(|problems| anyhow::anyhow!("the AI Act questionnaire is invalid: {problems}"))?;
    let reminders = start_reminders(config, &db);
    let state = AppState {
        db,
        auth,
        search,
        origin,
        ai_act: std::sync::Arc::new(ai_act),
        reviews: config.reviews.policy,
    };
    if config.sign_in.dev_login {
        tracing::warn!("the development sign-in is on: anyone can sign in as anyone");
    }
    let operations = config.operations.clone();
    // Not ready until the pages' catalogue is read: at 100,000 entries that takes seconds,
    // and page views sent meanwhile would wait for it.
    operations
        .warming
        .store(true, std::sync::atomic::Ordering::Release);
    let warming = operations.warming.clone();
    let shared = aikatalog_server::Shared::new(
        state,
        account_config(config),
        operations,
        ops::RateLimits::new(&config.rate_limits),
    );
    warm_catalogue(&shared, warming);
    let server = HttpServer::new(move || aikatalog_server::app(shared.clone()))
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
    if let Some((stop, job)) = reminders {
        // The job finishes the send under way (claimed reminders are marked before it stops).
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Err(e) = job.await {
            tracing::warn!(error = %e, "the review reminder job ended abnormally");
        }
    }
    // Applies and commits what the last requests wrote; a server killed instead resumes from
    // its checkpoint.
    indexer.stop();
    tracing::info!("the server stopped");
    stopped
}

/// Reads the pages' catalogue snapshot in the background, so the first page view does not
/// wait for a large catalogue's first read (later reads catch up from the outbox).
/// `/readyz` answers 503 until it is read (`warming`), then as before; a failed read (the
/// database down) ends the wait too, since readiness checks the database itself.
fn warm_catalogue(
    shared: &aikatalog_server::Shared,
    warming: std::sync::Arc<std::sync::atomic::AtomicBool>,
) {
    let (cache, state) = (shared.catalogue.clone(), shared.state.clone());
    std::thread::spawn(move || {
        let started = std::time::Instant::now();
        match cache.get(&state.db) {
            Ok(_) => tracing::info!(
                duration_ms = started.elapsed().as_millis(),
                "the pages' catalogue snapshot is read"
            ),
            // The first page view tries again and reports the error to its reader.
            Err(e) => tracing::warn!(error = %e, "cannot read the pages' catalogue snapshot yet"),
        }
        warming.store(false, std::sync::atomic::Ordering::Release);
    });
}

/// Starts the review reminder job when SMTP is configured; returns its stop flag and task.
fn start_reminders(
    config: &Config,
    db: &Database,
) -> Option<(
    std::sync::Arc<std::sync::atomic::AtomicBool>,
    tokio::task::JoinHandle<()>,
)> {
    let mail = config.reviews.mail.as_ref()?;
    // The configuration requires a public URL with SMTP: the mails link to the pages.
    let base = config
        .public_url
        .as_ref()?
        .as_str()
        .trim_end_matches('/')
        .to_owned();
    let links: aikatalog_reminders::LinkFn = std::sync::Arc::new(move |kind, slug| {
        let urls = aikatalog_web::urls::Urls {
            lang: aikatalog_web::Lang::Da,
        };
        aikatalog_reminders::EntryLinks {
            page: format!("{base}{}", urls.entry(kind, slug)),
            edit: format!("{base}{}", urls.edit_entry(kind, slug)),
        }
    });
    let job = aikatalog_reminders::ReminderJob::new(
        db.clone(),
        config.reviews.policy,
        mail.mailer.clone(),
        links,
    );
    tracing::info!(
        from = %mail.mailer.from(),
        interval_s = mail.interval.as_secs(),
        "review reminders: e-mails on"
    );
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let handle = job.spawn(mail.interval, stop.clone());
    Some((stop, handle))
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
