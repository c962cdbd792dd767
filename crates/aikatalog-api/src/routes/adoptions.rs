//! Reuse: `POST /{kind}/{id}/adoptions` declares that the caller's organisation uses an entry
//! another organisation published. It shows on the entry as "also used by".

use actix_web::HttpResponse;
use aikatalog_domain::{Adoption, Entry, OrgCode};
use aikatalog_storage::Database;
use aikatalog_storage::models::adoptions;
use aikatalog_storage::models::entries;
use aikatalog_storage::models::reference_set::ReferenceSet;
use chrono::NaiveDate;
use serde::Deserialize;

use super::blocking;
use super::entry_access::not_found;
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

const MAX_NOTE: usize = 2000;

pub async fn adopt<E: Entry>(
    db: Database,
    caller: Principal,
    key: String,
    request: AdoptionRequest,
) -> Result<HttpResponse, ApiError> {
    let organisation = match (&request.organisation, &caller.org) {
        (Some(o), Some(own)) if o != own && !caller.is_curator() => {
            return Err(ApiError::Forbidden(format!(
                "you act for organisation {own} and cannot declare reuse for {o}"
            )));
        }
        (Some(o), _) => o.clone(),
        (None, Some(own)) => own.clone(),
        (None, None) => {
            return Err(ApiError::Invalid(aikatalog_domain::FieldErrors(vec![
                aikatalog_domain::FieldError::new(
                    "organisation",
                    "missing_field",
                    "name the organisation that reuses the entry",
                ),
            ])));
        }
    };
    if request
        .note
        .as_ref()
        .is_some_and(|n| n.chars().count() > MAX_NOTE)
    {
        return Err(ApiError::Invalid(aikatalog_domain::FieldErrors(vec![
            aikatalog_domain::FieldError::new(
                "note",
                "length",
                format!("must have a length of at most {MAX_NOTE}"),
            ),
        ])));
    }
    // The rule of a document's texts: no NUL (PostgreSQL cannot hold it), no other controls,
    // no bidi overrides.
    if let Some(why) = request
        .note
        .as_deref()
        .and_then(|n| aikatalog_domain::document::forbidden(n, false))
    {
        return Err(ApiError::Invalid(aikatalog_domain::FieldErrors(vec![
            aikatalog_domain::FieldError::new("note", "invalid_value", format!("the text {why}")),
        ])));
    }
    let adopted_on = request
        .adopted_on
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let list = blocking(move || {
        db.write_with(|conn| {
            let row = entries::find(conn, E::KIND, &key)?
                .filter(|r| r.is_public())
                .ok_or_else(|| not_found(E::KIND, &key))?;
            let refs = ReferenceSet::load(conn)?;
            if !refs.organisations.contains_key(organisation.as_str()) {
                return Err(ApiError::Invalid(aikatalog_domain::FieldErrors(vec![
                    aikatalog_domain::FieldError::new(
                        "organisation",
                        "unknown_organisation",
                        format!("no organisation has the code `{organisation}`"),
                    ),
                ])));
            }
            if row.owner_code == organisation.as_str() {
                return Err(ApiError::SelfAdoption(row.owner_code));
            }
            let adoption = Adoption {
                organisation,
                adopted_on,
                note: request.note,
            };
            adoptions::sync(conn, &row.id, E::KIND, &adoption, &caller.actor())?;
            Ok(adoptions::for_entry(conn, &row.id)?)
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(AdoptionList { adopted_by: list }))
}
