//! The registration information a public-authority deployer submits to the EU database before
//! using a high-risk AI system listed in Annex III (art. 49(3)), as Annex VIII, section C lists
//! it, filled from the use case and the organisation that owns it:
//!
//! 1. the deployer's name, address and contact details: the organisation, its postal address
//!    and its AI contact (e-mail or phone) or website;
//! 2. the name, address and contact details of the person submitting on its behalf: the
//!    entry's contact, at the organisation's address;
//! 3. the URL of the provider's entry of the system in the EU database: `ai_act.eu_database_url`;
//! 4. a summary of the findings of the FRIA (art. 27): a done `fria` assessment's summary;
//! 5. a summary of the DPIA (art. 35 GDPR or art. 27 of Directive (EU) 2016/680), where
//!    applicable: a done `dpia` assessment's summary, required when the entry says it processes
//!    personal data.
//!
//! What is missing comes back as field errors, every one at once, in English and Danish.

use serde::Serialize;
use url::Url;

use crate::assessments::{AssessmentKind, done_summary};
use crate::levels::AiActClass;
use crate::organisation::PostalAddress;
use crate::reference::Organisation;
use crate::use_case::UseCase;
use crate::validation::{FieldError, FieldErrors};

/// A name, an address and contact details.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Party {
    pub name: String,
    pub address: PostalAddress,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<Url>,
}

/// Annex VIII, section C.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Registration {
    /// Point 1.
    pub deployer: Party,
    /// Point 2.
    pub submitter: Party,
    /// Point 3.
    pub provider_database_url: Url,
    /// Point 4.
    pub fria_summary: String,
    /// Point 5; absent when the entry processes no personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dpia_summary: Option<String>,
    /// The use case registered, for the reader's orientation.
    pub system: String,
}

fn missing(field: &str, en: &str, da: &str) -> FieldError {
    FieldError::new(field, "missing", en).with_danish(da)
}

fn text(value: Option<&String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty()).cloned()
}

/// The registration information of a high-risk use case, or everything that is missing.
pub fn registration(uc: &UseCase, owner: &Organisation) -> Result<Registration, FieldErrors> {
    let mut out = FieldErrors::default();
    if uc.ai_act.class != AiActClass::High {
        out.push(
            FieldError::new(
                "ai_act.class",
                "not_high_risk",
                format!(
                    "the registration of Annex VIII, section C is for high-risk systems; this use case is classed `{}`",
                    uc.ai_act.class
                ),
            )
            .with_danish(format!(
                "registreringen efter bilag VIII, afsnit C, gælder højrisikosystemer; denne anvendelse er vurderet som \"{}\"",
                uc.ai_act.class.label_da()
            )),
        );
        return Err(out);
    }
    let ai_contact = owner.ai_contact.as_ref();
    let org_email = ai_contact.and_then(|c| text(c.email.as_ref()));
    let org_phone = ai_contact.and_then(|c| text(c.phone.as_ref()));
    if owner.postal_address.is_none() {
        out.push(missing(
            "organisation.postal_address",
            "the organisation's postal address (point 1)",
            "organisationens postadresse (punkt 1)",
        ));
    }
    if org_email.is_none() && org_phone.is_none() && owner.website.is_none() {
        out.push(missing(
            "organisation.ai_contact",
            "the organisation's contact details: an AI contact's e-mail or phone, or a website (point 1)",
            "organisationens kontaktoplysninger: en AI-kontakts e-mail eller telefon eller et websted (punkt 1)",
        ));
    }
    let contact = uc.contact.as_ref();
    let contact_name = contact.and_then(|c| text(c.name.as_ref()));
    let contact_email = contact.and_then(|c| text(c.email.as_ref()));
    let contact_phone = contact.and_then(|c| text(c.phone.as_ref()));
    if contact_name.is_none() {
        out.push(missing(
            "contact.name",
            "the name of the person submitting the registration: the entry's contact (point 2)",
            "navnet på den, der indsender registreringen: anvendelsens kontaktperson (punkt 2)",
        ));
    }
    if contact_email.is_none() && contact_phone.is_none() {
        out.push(missing(
            "contact.email",
            "the submitting person's contact details: the entry's contact e-mail or phone (point 2)",
            "kontaktoplysninger for den, der indsender: kontaktpersonens e-mail eller telefon (punkt 2)",
        ));
    }
    if uc.ai_act.eu_database_url.is_none() {
        out.push(missing(
            "ai_act.eu_database_url",
            "the URL of the provider's entry of the system in the EU database (point 3)",
            "URL'en til udbyderens registrering af systemet i EU-databasen (punkt 3)",
        ));
    }
    let fria = done_summary(&uc.assessments, AssessmentKind::Fria);
    if fria.is_none() {
        out.push(missing(
            "assessments.fria.summary",
            "a summary of the findings of the fundamental rights impact assessment: an assessment of kind `fria`, status `done`, with a summary (point 4)",
            "et resumé af resultaterne af konsekvensanalysen for grundlæggende rettigheder: en vurdering af typen `fria`, status `done`, med resumé (punkt 4)",
        ));
    }
    let dpia = done_summary(&uc.assessments, AssessmentKind::Dpia);
    match uc.data.personal_data {
        None => out.push(missing(
            "data.personal_data",
            "whether the system processes personal data, which decides whether a DPIA summary is due (point 5)",
            "om systemet behandler personoplysninger, som afgør, om et resumé af konsekvensanalysen (DPIA) skal med (punkt 5)",
        )),
        Some(true) if dpia.is_none() => out.push(missing(
            "assessments.dpia.summary",
            "a summary of the data protection impact assessment: an assessment of kind `dpia`, status `done`, with a summary (point 5)",
            "et resumé af konsekvensanalysen vedrørende databeskyttelse: en vurdering af typen `dpia`, status `done`, med resumé (punkt 5)",
        )),
        _ => {}
    }
    if !out.is_empty() {
        out.0.sort_by(|a, b| a.field.cmp(&b.field));
        return Err(out);
    }
    // Everything checked above is present; the `let … else` only restates it for the compiler.
    let (Some(address), Some(name), Some(url), Some(fria)) = (
        owner.postal_address.clone(),
        contact_name,
        uc.ai_act.eu_database_url.clone(),
        fria,
    ) else {
        return Err(out);
    };
    Ok(Registration {
        deployer: Party {
            name: owner.name.clone(),
            address: address.clone(),
            email: org_email,
            phone: org_phone,
            website: owner.website.clone(),
        },
        submitter: Party {
            name,
            address,
            email: contact_email,
            phone: contact_phone,
            website: None,
        },
        provider_database_url: url,
        fria_summary: fria.to_owned(),
        dpia_summary: dpia
            .filter(|_| uc.data.personal_data == Some(true))
            .map(str::to_owned),
        system: uc.title.clone(),
    })
}
