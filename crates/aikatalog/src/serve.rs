//! `aikatalog serve`.

use actix_web::{App, HttpServer, middleware, web};
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
    let origin = aikatalog_state::origin::PublicOrigin::new(
        config.public_url.clone(),
        config.trusted_proxies.clone(),
    );
    let state = web::Data::new(AppState {
        db,
        auth,
        search,
        origin,
    });
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .wrap(middleware::from_fn(
                aikatalog_api::input_guard::refuse_long_uri,
            ))
            .wrap(middleware::from_fn(
                aikatalog_api::security_headers::add_security_headers,
            ))
            .wrap(middleware::Logger::new("%r %s %Dms").log_target("aikatalog::http"))
            .configure(aikatalog_api::routes)
            .configure(aikatalog_web::routes)
    })
    .bind(bind)
    .with_context(|| format!("cannot listen on {bind}"))?;
    tracing::info!(address = %bind, "serving AI-kataloget on http://{bind}/");
    let stopped = server
        .run()
        .await
        .context("the server stopped with an error");
    // Lets the indexer finish its batch; a server killed instead resumes from its checkpoint.
    indexer.stop();
    stopped
}
