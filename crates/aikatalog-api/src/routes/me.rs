//! `GET /me`: who the token says the caller is.

use actix_web::{HttpResponse, get};

use crate::auth::Principal;
use crate::error::ApiError;

/// Who the caller is, as the token says.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Me {
    pub subject: String,
    /// `editor` or `curator`.
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<aikatalog_domain::OrgCode>,
}

/// The caller's identity and rights.
#[utoipa::path(
    tag = "account",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller.", body = Me),
        (status = 401, response = crate::openapi::Unauthorized),
    )
)]
#[get("/me")]
pub async fn me(caller: Principal) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(Me {
        subject: caller.subject,
        role: caller.role.as_str().to_owned(),
        org: caller.org,
    }))
}
