//! Reuse: an organisation declares that it uses an entry another organisation published, or
//! withdraws that declaration. It shows on the entry as "also used by".

use aikatalog_domain::{Adoption, Entry, OrgCode};
use aikatalog_storage::Database;
use aikatalog_storage::models::adoptions;
use aikatalog_storage::models::entries;
use aikatalog_storage::models::reference_set::ReferenceSet;
use chrono::NaiveDate;

use crate::editing::what;
use crate::messages::{check_text, invalid};
use crate::{Caller, PublishError};

/// An adoption as the caller asks for it.
#[derive(Debug, Clone, Default)]
pub struct AdoptionRequest {
    /// Who adopts; an editor may only name (or omit) their own organisation.
    pub organisation: Option<OrgCode>,
    /// When; today by default.
    pub adopted_on: Option<NaiveDate>,
    pub note: Option<String>,
}

/// The organisation a caller declares (or withdraws) reuse for: their own, or for curators the
/// one named.
fn adopter(caller: &Caller, named: Option<OrgCode>) -> Result<OrgCode, PublishError> {
    match (named, &caller.org) {
        (Some(o), Some(own)) if &o != own && !caller.is_curator() => Err(PublishError::Forbidden(
            format!("you act for organisation {own} and cannot declare reuse for {o}"),
        )),
        (Some(o), _) => Ok(o),
        (None, Some(own)) => Ok(own.clone()),
        (None, None) => Err(invalid(
            "organisation",
            "missing_field",
            "name the organisation that reuses the entry".into(),
        )),
    }
}

fn not_found<E: Entry>(key: &str) -> PublishError {
    PublishError::NotFound {
        what: what(E::KIND),
        key: key.to_owned(),
    }
}

/// Records (or updates the date and note of) the caller's organisation's adoption of a public
/// entry. Answers with every adoption of the entry.
pub fn adopt<E: Entry>(
    db: &Database,
    caller: &Caller,
    key: &str,
    request: AdoptionRequest,
) -> Result<Vec<Adoption>, PublishError> {
    let organisation = adopter(caller, request.organisation)?;
    if let Some(note) = &request.note {
        check_text("note", note)?;
    }
    let adopted_on = request
        .adopted_on
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    db.write_with(|conn| {
        let row = entries::find(conn, E::KIND, key)?
            .filter(|r| r.is_public())
            .ok_or_else(|| not_found::<E>(key))?;
        let refs = ReferenceSet::load(conn)?;
        if !refs.organisations.contains_key(organisation.as_str()) {
            return Err(invalid(
                "organisation",
                "unknown_organisation",
                format!("no organisation has the code `{organisation}`"),
            ));
        }
        if row.owner_code == organisation.as_str() {
            return Err(PublishError::SelfAdoption(row.owner_code));
        }
        let adoption = Adoption {
            organisation,
            adopted_on,
            note: request.note,
        };
        adoptions::sync(conn, &row.id, E::KIND, &adoption, &caller.actor())?;
        Ok(adoptions::for_entry(conn, &row.id)?)
    })
}

/// Withdraws the caller's organisation's adoption (curators: the named organisation's). Answers
/// with the adoptions that remain.
pub fn withdraw_adoption<E: Entry>(
    db: &Database,
    caller: &Caller,
    key: &str,
    organisation: Option<OrgCode>,
) -> Result<Vec<Adoption>, PublishError> {
    let organisation = adopter(caller, organisation)?;
    db.write_with(|conn| {
        let row = entries::find(conn, E::KIND, key)?
            .filter(|r| r.is_public() || caller.may_edit_code(&r.owner_code))
            .ok_or_else(|| not_found::<E>(key))?;
        if !adoptions::withdraw(conn, &row.id, E::KIND, &organisation)? {
            return Err(PublishError::NotFound {
                what: "adoption",
                key: organisation.to_string(),
            });
        }
        Ok(adoptions::for_entry(conn, &row.id)?)
    })
}
