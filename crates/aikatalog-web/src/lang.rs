//! The two languages every page comes in. Danish lives at `/`, English under `/en/`: the
//! language is part of the address, so a shared link or a bookmark always opens in the language
//! it was made in, and the switch on every page leads to the same page in the other language.

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload};

use crate::texts::{DA, EN, Texts};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Da,
    En,
}

impl Lang {
    /// The language of a request path: English under `/en`, Danish everywhere else.
    pub fn of_path(path: &str) -> Lang {
        if path == "/en" || path.starts_with("/en/") {
            Lang::En
        } else {
            Lang::Da
        }
    }

    /// The BCP 47 code, for `lang` attributes and `Content-Language`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Da => Lang::En,
            Lang::En => Lang::Da,
        }
    }

    /// The words of the interface.
    pub fn t(self) -> &'static Texts {
        match self {
            Lang::Da => &DA,
            Lang::En => &EN,
        }
    }

    /// Picks the text for this language.
    pub fn pick<T>(self, da: T, en: T) -> T {
        match self {
            Lang::Da => da,
            Lang::En => en,
        }
    }
}

impl FromRequest for Lang {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Lang::of_path(req.path())))
    }
}

/// The labels the domain's enumerations carry, chosen by language.
pub trait Label: Copy {
    fn label(self, lang: Lang) -> &'static str;
}

macro_rules! label_via_domain {
    ($($t:ty),+ $(,)?) => {
        $(impl Label for $t {
            fn label(self, lang: Lang) -> &'static str {
                lang.pick(self.label_da(), self.label_en())
            }
        })+
    };
}

label_via_domain!(
    aikatalog_domain::Lifecycle,
    aikatalog_domain::AiActClass,
    aikatalog_domain::Challenge,
    aikatalog_domain::ModelLevel,
    aikatalog_domain::DataLevel,
    aikatalog_domain::IntegrationLevel,
    aikatalog_domain::InfrastructureLevel,
    aikatalog_domain::EntryKind,
    aikatalog_domain::OrgKind,
    aikatalog_domain::algorithm::ModelType,
    aikatalog_domain::sections::LinkKind,
    aikatalog_domain::ReaderField,
    aikatalog_domain::AssessmentKind,
    aikatalog_domain::AssessmentStatus,
    aikatalog_domain::DataPurpose,
    aikatalog_domain::SensitiveAttribute,
    aikatalog_domain::Sourcing,
    aikatalog_domain::GainsRealised,
    aikatalog_domain::LearningType,
    aikatalog_domain::IdentifierScheme,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_lives_under_en_only() {
        assert_eq!(Lang::of_path("/en"), Lang::En);
        assert_eq!(Lang::of_path("/en/search"), Lang::En);
        assert_eq!(Lang::of_path("/english"), Lang::Da);
        assert_eq!(Lang::of_path("/soeg"), Lang::Da);
    }
}
