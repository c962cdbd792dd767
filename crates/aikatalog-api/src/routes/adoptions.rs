//! Reuse: `POST /{kind}/{id}/adoptions` declares that the caller's organisation uses an entry
//! another organisation published. It shows on the entry as "also used by".

use actix_web::HttpResponse;
use aikatalog_domain::{Adoption, Entry, OrgCode};
use aikatalog_publishing as publishing;
use aikatalog_storage::Database;
use chrono::NaiveDate;
use serde::Deserialize;

use super::blocking;
use crate::auth::Principal;
use crate::error::ApiError;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdoptionRequest {
    /// Who adopts; an editor may only name (or omit) their own organisation.
    #[serde(default)]
    pub organisation: Option<OrgCode>,
    /// When; today by default.
    #[serde(default)]
    pub adopted_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Every organisation that declared reuse of an entry.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct AdoptionList {
    pub adopted_by: Vec<Adoption>,
}

pub async fn adopt<E: Entry>(
    db: Database,
    caller: Principal,
    key: String,
    request: AdoptionRequest,
) -> Result<HttpResponse, ApiError> {
    let request = publishing::AdoptionRequest {
        organisation: request.organisation,
        adopted_on: request.adopted_on,
        note: request.note,
    };
    let list = blocking(move || {
        Ok(publishing::adopt::<E>(
            &db,
            &caller.caller(),
            &key,
            request,
        )?)
    })
    .await?;
    Ok(HttpResponse::Created().json(AdoptionList { adopted_by: list }))
}
