//! The curators' pages take [`SignedInCurator`]: a signed-out visitor is sent to sign in (and
//! back), a signed-in editor gets a 403 page saying the page is for curators, in the page's
//! language. The same rule as the API's `Curator` extractor.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, HttpResponse, ResponseError};

use super::refusal;
use super::session::{SignInFirst, SignedIn, Viewer};
use crate::lang::Lang;

/// A signed-in curator.
#[derive(Debug, Clone)]
pub struct SignedInCurator(pub Arc<Viewer>);

impl FromRequest for SignedInCurator {
    type Error = NotCurator;
    type Future = std::future::Ready<Result<Self, NotCurator>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let signed_in = SignedIn::from_request(req, payload).into_inner();
        std::future::ready(match signed_in {
            Ok(SignedIn(viewer)) if viewer.is_curator() => Ok(SignedInCurator(viewer)),
            Ok(_) => Err(NotCurator::Editor(Lang::of_path(req.path()))),
            Err(first) => Err(NotCurator::SignedOut(first)),
        })
    }
}

/// Why a curator's page was not shown.
#[derive(Debug, thiserror::Error)]
pub enum NotCurator {
    #[error("sign in first")]
    SignedOut(SignInFirst),
    #[error("the page is for curators")]
    Editor(Lang),
}

impl ResponseError for NotCurator {
    fn status_code(&self) -> StatusCode {
        match self {
            NotCurator::SignedOut(first) => first.status_code(),
            NotCurator::Editor(_) => StatusCode::FORBIDDEN,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            NotCurator::SignedOut(first) => first.error_response(),
            NotCurator::Editor(lang) => refusal::page(
                *lang,
                StatusCode::FORBIDDEN,
                lang.pick("Kun for kuratorer", "For curators only"),
                lang.pick(
                    "Denne side er for katalogets kuratorer (KL/KOMBIT). Som redaktør finder du \
                     din organisations use cases og algoritmer under »Mit arbejde«.",
                    "This page is for the catalogue's curators (KL/KOMBIT). As an editor you \
                     find your organisation's use cases and algorithms under \"My work\".",
                ),
            ),
        }
    }
}
