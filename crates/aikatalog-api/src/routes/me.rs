//! `GET /me`: who the token says the caller is.

use actix_web::{HttpResponse, get};

use crate::auth::Principal;
use crate::error::ApiError;

#[get("/me")]
pub async fn me(caller: Principal) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "subject": caller.subject,
        "role": caller.role,
        "org": caller.org,
    })))
}
