//! `GET /healthz`: the process answers and its database is reachable.

use actix_web::{HttpResponse, get, web};
use diesel::prelude::*;
use serde_json::json;

use super::blocking;
use crate::AppState;
use crate::error::ApiError;

#[get("/healthz")]
pub async fn healthz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let db = state.db.clone();
    blocking(move || {
        let mut conn = db.conn()?;
        diesel::sql_query("SELECT 1").execute(&mut *conn)?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::Ok().json(json!({ "status": "ok", "database": "ok" })))
}
