//! Who is calling and what they may do. Auth is an extractor: a handler that takes
//! [`Principal`] cannot run without a valid token; [`MaybePrincipal`] allows anonymous callers
//! but still refuses a token that is present and invalid.

use std::future::{Ready, ready};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest, ResponseError, dev::Payload, web};
use aikatalog_domain::OrgCode;
use serde::Serialize;

use crate::AppState;
use crate::error::ApiError;
// The keys live with the state both HTTP crates share; this module adds who the caller is.
pub use aikatalog_state::auth::{
    Audience, AuthConfig, Claims, PublicKeyAlgorithm, Role, SubjectClaims, TokenError, TokenSubject,
};

/// A verified caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Principal {
    pub subject: String,
    pub role: Role,
    /// The organisation an editor acts for (curators may have one too).
    pub org: Option<OrgCode>,
}

impl Principal {
    pub fn is_curator(&self) -> bool {
        self.role == Role::Curator
    }

    /// Whether this caller may change (and see unpublished states of) an entry owned by `owner`.
    pub fn may_edit(&self, owner: &OrgCode) -> bool {
        self.is_curator() || self.org.as_ref() == Some(owner)
    }

    /// The caller as the publishing service knows it.
    pub fn caller(&self) -> aikatalog_publishing::Caller {
        aikatalog_publishing::Caller {
            subject: self.subject.clone(),
            role: self.role,
            org: self.org.clone(),
        }
    }

    /// The actor recorded in revisions.
    pub fn actor(&self) -> String {
        match &self.org {
            Some(org) => format!("{}:{}@{}", self.role.as_str(), self.subject, org),
            None => format!("{}:{}", self.role.as_str(), self.subject),
        }
    }
}

impl TokenSubject for Principal {
    fn to_claims(&self) -> SubjectClaims {
        SubjectClaims {
            sub: self.subject.clone(),
            role: self.role.as_str().to_owned(),
            org: self.org.as_ref().map(ToString::to_string),
        }
    }

    fn from_claims(claims: SubjectClaims) -> Result<Self, TokenError> {
        let role = Role::parse(&claims.role).ok_or_else(|| {
            TokenError(format!(
                "unknown role `{}`; expected editor or curator",
                claims.role
            ))
        })?;
        let org = claims
            .org
            .map(|o| {
                OrgCode::try_from(o).map_err(|e| TokenError(format!("invalid org claim: {e}")))
            })
            .transpose()?;
        if role == Role::Editor && org.is_none() {
            return Err(TokenError(
                "an editor's token must name its organisation (`org`)".into(),
            ));
        }
        if claims.sub.trim().is_empty() {
            return Err(TokenError("the token has an empty subject".into()));
        }
        Ok(Principal {
            subject: claims.sub,
            role,
            org,
        })
    }
}

fn bearer(req: &HttpRequest) -> Result<Option<&str>, ApiError> {
    let Some(value) = req.headers().get(actix_web::http::header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value
        .to_str()
        .map_err(|_| ApiError::Unauthorized(Some("the Authorization header is not text".into())))?;
    match value.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(Some(token.trim()))
        }
        _ => Err(ApiError::Unauthorized(Some(
            "the Authorization header must be `Bearer <token>`".into(),
        ))),
    }
}

/// The caller [`refuse_invalid_tokens`] verified, kept in the request's extensions so the
/// extractors after it do not verify the signature a second time.
#[derive(Clone)]
struct Verified(Option<Principal>);

fn authenticate(req: &HttpRequest) -> Result<Option<Principal>, ApiError> {
    if let Some(Verified(caller)) = req.extensions().get::<Verified>() {
        return Ok(caller.clone());
    }
    let Some(token) = bearer(req)? else {
        return Ok(None);
    };
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("AppState is not registered")))?;
    state
        .auth
        .verify(token)
        .map(Some)
        .map_err(|e| ApiError::Unauthorized(Some(e.0)))
}

impl FromRequest for Principal {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req).and_then(|p| p.ok_or(ApiError::Unauthorized(None))))
    }
}

/// An optional caller: anonymous is fine, an invalid token is not.
#[derive(Debug, Clone)]
pub struct MaybePrincipal(pub Option<Principal>);

impl FromRequest for MaybePrincipal {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req).map(MaybePrincipal))
    }
}

/// Middleware on the whole API: a request that presents an `Authorization` header must present
/// a valid bearer token, whatever the route. Extractors alone cannot promise this: handlers of
/// anonymous reads (lists, search) take no caller at all, and actix's `Option<Principal>`
/// turns a refused token into `None`, so a bad token used to read as anonymous there (200)
/// while `MaybePrincipal` routes answered 401. Requests without the header stay anonymous.
pub async fn refuse_invalid_tokens(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    // A token signed with a provider key not fetched yet (a rotation) refetches the keys
    // first, off the async workers; the refetch is rate-limited in `ProviderKeys`.
    if let (Ok(Some(token)), Some(state)) =
        (bearer(req.request()), req.app_data::<web::Data<AppState>>())
        && state.auth.wants_key_refresh(token)
    {
        let auth = state.auth.clone();
        match web::block(move || auth.refresh_provider_keys()).await {
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "the identity provider's keys were not refetched")
            }
            Err(e) => tracing::error!(error = %e, "the key refetch did not run"),
            Ok(Ok(_)) => {}
        }
    }
    match authenticate(req.request()) {
        Err(e) => {
            let response = e.error_response();
            return Ok(req.into_response(response).map_into_right_body());
        }
        Ok(caller) => {
            req.extensions_mut().insert(Verified(caller));
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}

/// A caller with the curator role; others get 403.
#[derive(Debug, Clone)]
pub struct Curator(pub Principal);

impl FromRequest for Curator {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req).and_then(|p| match p {
            None => Err(ApiError::Unauthorized(None)),
            Some(p) if p.is_curator() => Ok(Curator(p)),
            Some(_) => Err(ApiError::Forbidden("only curators may do this".into())),
        }))
    }
}
