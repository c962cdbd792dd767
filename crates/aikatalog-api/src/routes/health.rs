//! `GET /healthz` (and `HEAD`, which some load balancers send): the process answers and its
//! database is reachable.

use actix_web::{HttpResponse, route, web};
use diesel::prelude::*;

use super::blocking;
use crate::AppState;
use crate::error::ApiError;

/// The server's health.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Health {
    pub status: &'static str,
    pub database: &'static str,
}

/// Whether the server answers and reaches its database (for load balancers).
#[utoipa::path(
    get,
    tag = "operations",
    responses(
        (status = 200, description = "Healthy.", body = Health),
        (status = 503, description = "The database cannot be reached.", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[route("/healthz", method = "GET", method = "HEAD")]
pub async fn healthz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let db = state.db.clone();
    blocking(move || {
        let mut conn = db.conn()?;
        diesel::sql_query("SELECT 1").execute(&mut *conn)?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::Ok().json(Health {
        status: "ok",
        database: "ok",
    }))
}
