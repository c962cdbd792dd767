//! A request to the [`TestApp`], built step by step and sent by awaiting it:
//! `app.patch(uri).as_editor("707").if_match(tag).json(&body).await`.

use std::future::IntoFuture;

use actix_web::http::Method;
use actix_web::http::header::{self, TryIntoHeaderPair};
use actix_web::test::TestRequest;
use futures_util::future::LocalBoxFuture;
use serde::Serialize;

use crate::{TestApp, TestResponse, tokens};

/// A request not yet sent: anonymous and without a body until told otherwise. Awaiting it sends
/// it.
#[must_use = "a request does nothing until it is awaited"]
pub struct RequestBuilder<'a> {
    app: &'a TestApp,
    request: TestRequest,
}

impl<'a> RequestBuilder<'a> {
    pub(crate) fn new(app: &'a TestApp, method: Method, uri: &str) -> Self {
        Self {
            app,
            request: TestRequest::default().method(method).uri(uri),
        }
    }

    /// Sent by an editor of organisation `org`.
    pub fn as_editor(self, org: &str) -> Self {
        self.bearer(tokens::editor(org))
    }

    /// Sent by a curator.
    pub fn as_curator(self) -> Self {
        self.bearer(tokens::curator())
    }

    /// Sent with `token` as a bearer token (valid or not).
    pub fn bearer(self, token: impl AsRef<str>) -> Self {
        let value = format!("Bearer {}", token.as_ref());
        self.header((header::AUTHORIZATION, value))
    }

    /// With an `If-Match` header when `tag` is given (as an ETag read earlier).
    pub fn if_match<'t>(self, tag: impl Into<Option<&'t str>>) -> Self {
        match tag.into() {
            Some(tag) => self.header((header::IF_MATCH, tag.to_owned())),
            None => self,
        }
    }

    /// With `body` as JSON.
    pub fn json(mut self, body: impl Serialize) -> Self {
        self.request = self.request.set_json(body);
        self
    }

    /// With `pairs` as an HTML form (`application/x-www-form-urlencoded`).
    pub fn form(mut self, pairs: &[(&str, &str)]) -> Self {
        self.request = self.request.set_form(pairs);
        self
    }

    /// With a `Cookie` header sending `cookies` (`name=value` each).
    pub fn cookies(self, cookies: &[&str]) -> Self {
        self.header((header::COOKIE, cookies.join("; ")))
    }

    /// With `body` as it is, and no `Content-Type` unless one is set with [`Self::header`].
    pub fn raw_body(mut self, body: impl Into<actix_web::web::Bytes>) -> Self {
        self.request = self.request.set_payload(body);
        self
    }

    pub fn header(mut self, header: impl TryIntoHeaderPair) -> Self {
        self.request = self.request.insert_header(header);
        self
    }

    /// Sends the request and reads the whole response (what awaiting the builder does).
    pub async fn send(self) -> TestResponse {
        self.app.call(self.request.to_request()).await
    }
}

impl<'a> IntoFuture for RequestBuilder<'a> {
    type Output = TestResponse;
    type IntoFuture = LocalBoxFuture<'a, TestResponse>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
