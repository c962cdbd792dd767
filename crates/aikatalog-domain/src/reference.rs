//! Reference data curators maintain: the twelve AI categories, domains and organisations.

use serde::{Deserialize, Serialize};
use url::Url;
use validator::Validate;

use crate::ids::{OrgCode, Slug};
use crate::levels::{NeedsProfile, labelled_enum};
use crate::organisation::{CountryCode, OrgIdentifier, PostalAddress};
use crate::sections::Contact;

labelled_enum!(
    /// What kind of organisation this is.
    OrgKind {
        Municipality = "municipality" => "Kommune", "Municipality",
        Region = "region" => "Region", "Region",
        NationalBody = "national_body" => "National myndighed eller organisation", "National body",
        Vendor = "vendor" => "Leverandør", "Vendor",
        Other = "other" => "Anden", "Other",
    }
);

/// One of KL/KOMBIT's twelve AI categories, with its place in the evaluation model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub slug: Slug,
    /// Its position (1 to 12) in KL/KOMBIT's list.
    #[validate(range(min = 1, max = 99))]
    pub number: u8,
    #[validate(length(min = 2, max = 120))]
    pub name_da: String,
    #[validate(length(min = 2, max = 120))]
    pub name_en: String,
    #[validate(length(min = 10, max = 4000))]
    pub definition_da: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 4000))]
    pub definition_en: Option<String>,
    /// The kinds of technique the category spans (objektdetektering, RPA, ...).
    #[serde(default)]
    #[validate(length(max = 20))]
    pub techniques: Vec<String>,
    /// Municipal examples from KL/KOMBIT's material.
    #[serde(default)]
    #[validate(length(max = 20))]
    pub municipal_examples: Vec<String>,
    /// Prerequisites ("Forudsætter").
    #[serde(default)]
    #[validate(length(max = 20))]
    pub prerequisites: Vec<String>,
    /// The business dimension: how many obvious use cases, or the main risk.
    #[validate(length(min = 2, max = 400))]
    pub business_note: String,
    pub profile: NeedsProfile,
}

/// A field of municipal work (fagområde).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub slug: Slug,
    #[validate(length(min = 2, max = 120))]
    pub name_da: String,
    #[validate(length(min = 2, max = 120))]
    pub name_en: String,
}

/// A municipality, region, national body, vendor or other organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub code: OrgCode,
    pub kind: OrgKind,
    #[validate(length(min = 2, max = 200))]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 100))]
    pub short_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 2, max = 200))]
    pub name_en: Option<String>,
    /// For municipalities: the code of their region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<OrgCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<Url>,
    /// Whom to ask about the organisation's use of AI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub ai_contact: Option<Contact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub postal_address: Option<PostalAddress>,
    /// Denmark unless stated.
    #[serde(default)]
    pub country: CountryCode,
    /// The organisation's numbers in other registers (CVR, EAN, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(length(max = 10), nested)]
    pub identifiers: Vec<OrgIdentifier>,
}
