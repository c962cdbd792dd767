//! What an organisation record says besides its name: where to write, whom to ask about AI and
//! how other registers identify it. The AI Act (Annex VIII, section C) asks for a deployer's
//! address and contact.

use std::fmt;

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::levels::labelled_enum;

/// A postal address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PostalAddress {
    /// Street and number, and any further lines.
    #[validate(length(min = 2, max = 300))]
    pub street: String,
    #[validate(length(min = 2, max = 12))]
    pub postcode: String,
    #[validate(length(min = 2, max = 100))]
    pub city: String,
}

/// An ISO 3166-1 alpha-2 country code, upper case (`DK`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode([u8; 2]);

/// Why a country code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an ISO 3166-1 alpha-2 country code such as DK")]
pub struct InvalidCountryCode(String);

/// The officially assigned ISO 3166-1 alpha-2 codes.
const ISO_3166_ALPHA2: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL \
BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK \
DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU \
GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ \
LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY \
MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU \
RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO \
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

impl CountryCode {
    pub const DENMARK: CountryCode = CountryCode(*b"DK");

    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("DK")
    }
}

impl Default for CountryCode {
    fn default() -> Self {
        Self::DENMARK
    }
}

impl TryFrom<String> for CountryCode {
    type Error = InvalidCountryCode;
    fn try_from(value: String) -> Result<Self, InvalidCountryCode> {
        let known = value.len() == 2
            && value.bytes().all(|b| b.is_ascii_uppercase())
            && ISO_3166_ALPHA2.split_ascii_whitespace().any(|c| c == value);
        match value.as_bytes() {
            [a, b] if known => Ok(Self([*a, *b])),
            _ => Err(InvalidCountryCode(value)),
        }
    }
}

impl From<CountryCode> for String {
    fn from(value: CountryCode) -> String {
        value.as_str().to_owned()
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl utoipa::PartialSchema for CountryCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some("^[A-Z]{2}$"))
            .description(Some(
                "An ISO 3166-1 alpha-2 country code; `DK` when not stated.",
            ))
            .examples(["DK"])
            .into()
    }
}

impl utoipa::ToSchema for CountryCode {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("CountryCode")
    }
}

labelled_enum!(
    /// A register that identifies organisations.
    IdentifierScheme {
        Cvr = "cvr" => "CVR-nummer", "CVR number (Danish business register)",
        Ean = "ean" => "EAN-nummer (GLN)", "EAN number (GLN) for e-invoicing",
        Other = "other" => "Andet register", "Other register",
    }
);

/// The organisation's number in one register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgIdentifier {
    pub scheme: IdentifierScheme,
    #[validate(length(min = 1, max = 60))]
    pub value: String,
    /// The register's name, for the `other` scheme (e.g. `lei`, `p-nummer`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 2, max = 60))]
    pub scheme_name: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_are_checked_against_iso_3166() {
        let code = |s: &str| CountryCode::try_from(s.to_owned());
        assert_eq!(code("DK").map(String::from), Ok("DK".to_owned()));
        assert!(code("SE").is_ok());
        for bad in ["dk", "DNK", "XX", "", "D"] {
            assert!(code(bad).is_err(), "{bad} was accepted");
        }
        assert_eq!(CountryCode::default().as_str(), "DK");
        assert_eq!(ISO_3166_ALPHA2.split_ascii_whitespace().count(), 249);
    }
}
