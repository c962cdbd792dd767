//! CSRF protection for every state-changing form. A form carries the session's token in a
//! hidden `csrf` field (before sign-in, the token of the sign-in cookie); [`CsrfForm`] reads the
//! form and compares the field with the expected token in constant time. A POST without a valid
//! token never reaches its handler: it gets 403 and a page saying so in the page's language.
//! `SameSite=Lax` cookies already keep most cross-site POSTs from carrying the session; the
//! token covers the rest (older browsers, same-site subdomains).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, HttpResponse, ResponseError, web};
use subtle::ConstantTimeEq;

use super::refusal;
use super::session::{RequestSession, Viewer};
use crate::lang::Lang;

/// The hidden field's name.
pub const FIELD: &str = "csrf";

/// A form POST whose CSRF token matched: its fields, and the signed-in user if any.
#[derive(Debug)]
pub struct CsrfForm {
    pub fields: Vec<(String, String)>,
    pub viewer: Option<Arc<Viewer>>,
}

impl CsrfForm {
    /// The first value of `name`, if the form has one.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Whether `submitted` is `expected`, taking the same time wherever they differ.
pub fn matches(expected: &str, submitted: &str) -> bool {
    !expected.is_empty() && bool::from(expected.as_bytes().ct_eq(submitted.as_bytes()))
}

impl FromRequest for CsrfForm {
    type Error = CsrfRefused;
    type Future = Pin<Box<dyn Future<Output = Result<Self, CsrfRefused>>>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let form = web::Form::<Vec<(String, String)>>::from_request(req, payload);
        let lang = Lang::of_path(req.path());
        let session = RequestSession::of(req);
        let expected = match &session.viewer {
            Some(viewer) => viewer.csrf_token.clone(),
            None => session.sign_in_token.clone().unwrap_or_default(),
        };
        Box::pin(async move {
            let Ok(web::Form(fields)) = form.await else {
                return Err(CsrfRefused(lang));
            };
            let submitted = fields
                .iter()
                .find(|(k, _)| k == FIELD)
                .map_or("", |(_, v)| v.as_str());
            if !matches(&expected, submitted) {
                // The hook for a limiter of failed authentication: every refusal passes here.
                tracing::warn!(
                    signed_in = session.viewer.is_some(),
                    "a form was refused: missing or wrong CSRF token"
                );
                return Err(CsrfRefused(lang));
            }
            Ok(CsrfForm {
                fields,
                viewer: session.viewer,
            })
        })
    }
}

/// A form refused for its CSRF token: 403 and a page in the page's language.
#[derive(Debug, thiserror::Error)]
#[error("the form's CSRF token is missing or wrong")]
pub struct CsrfRefused(pub Lang);

impl ResponseError for CsrfRefused {
    fn status_code(&self) -> StatusCode {
        StatusCode::FORBIDDEN
    }

    fn error_response(&self) -> HttpResponse {
        let lang = self.0;
        let heading = lang.pick("Formularen blev afvist", "The form was refused");
        let message = lang.pick(
            "Formularen kunne ikke bekræftes som sendt fra denne side. Det sker, hvis siden har \
             været åben længe, eller hvis du er blevet logget ud imens. Gå tilbage, genindlæs \
             siden og prøv igen.",
            "The form could not be confirmed as sent from this site. This happens when the page \
             has been open for a long time or you were signed out meanwhile. Go back, reload \
             the page and try again.",
        );
        refusal::page(lang, StatusCode::FORBIDDEN, heading, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_token_matches() {
        let token = "ab".repeat(32);
        assert!(matches(&token, &token));
        assert!(!matches(&token, &"ab".repeat(31)));
        assert!(!matches(&token, ""));
        assert!(!matches("", ""), "no expected token means no valid form");
    }
}
