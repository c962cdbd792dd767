//! Bearer tokens: JWTs whose algorithm is pinned by configuration, with `exp`, `nbf`, `iss` and
//! `aud` always checked (30 s leeway for clock drift). A municipal identity provider can issue
//! them (RS256 or EdDSA, verified with its public key); for local use the server signs HS256
//! tokens with a secret of its own.
//!
//! This module knows the claims, not the callers: the API's `Principal` implements
//! [`TokenSubject`] to say how a caller becomes claims and back.

use std::fmt;

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::provider_keys::ProviderKeys;

const LEEWAY_SECONDS: u64 = 30;

// The roles belong to the workflow (what each may do), so they live in the domain; re-exported
// here, where the API's tokens and the pages' sessions have always found them.
pub use aikatalog_domain::Role;

/// The claims the catalogue reads.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    pub exp: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<u64>,
    pub iss: String,
    pub aud: Audience,
}

/// The `aud` claim: RFC 7519 allows one string or an array of them, and identity providers
/// such as Keycloak send an array. jsonwebtoken checks that our audience is among them; this
/// type only lets the claims deserialize either way. Tokens this server issues carry one string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    One(String),
    Many(Vec<String>),
}

/// Who a token is about, as its `sub`, `role` and `org` claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectClaims {
    pub sub: String,
    pub role: String,
    pub org: Option<String>,
}

/// A caller that tokens can name: turned into claims when a token is issued, and read back from
/// the claims of a verified token (refusing claims that name no valid caller).
pub trait TokenSubject: Sized {
    fn to_claims(&self) -> SubjectClaims;
    fn from_claims(claims: SubjectClaims) -> Result<Self, TokenError>;
}

/// Why a token was refused. The text goes to the client in `WWW-Authenticate`, so it names the
/// failed check without echoing the token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TokenError(pub String);

/// How tokens are verified, and signed when this server can sign them.
pub struct AuthConfig {
    algorithm: Algorithm,
    decoding: DecodingKey,
    encoding: Option<EncodingKey>,
    issuer: String,
    audience: String,
    /// The identity provider's keys, for its access tokens (those with a `kid`).
    provider: Option<ProviderKeys>,
}

impl fmt::Debug for AuthConfig {
    // Keys never reach logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthConfig")
            .field("algorithm", &self.algorithm)
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .field("can_sign", &self.encoding.is_some())
            .field("provider", &self.provider)
            .finish()
    }
}

/// The asymmetric algorithms an identity provider may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicKeyAlgorithm {
    Rs256,
    EdDsa,
}

impl AuthConfig {
    /// HS256 with a shared secret: this server verifies and can sign.
    pub fn hs256(secret: &[u8], issuer: &str, audience: &str) -> Self {
        Self {
            algorithm: Algorithm::HS256,
            decoding: DecodingKey::from_secret(secret),
            encoding: Some(EncodingKey::from_secret(secret)),
            issuer: issuer.to_owned(),
            audience: audience.to_owned(),
            provider: None,
        }
    }

    /// RS256 or EdDSA with a PEM public key: this server verifies; the identity provider signs.
    /// `private_pem` lets the server sign too (for tests and single-machine setups).
    pub fn public_key(
        algorithm: PublicKeyAlgorithm,
        public_pem: &[u8],
        private_pem: Option<&[u8]>,
        issuer: &str,
        audience: &str,
    ) -> Result<Self, TokenError> {
        let bad = |what: &str, e: jsonwebtoken::errors::Error| {
            TokenError(format!(
                "the {what} key is not a valid PEM key for {algorithm:?}: {e}"
            ))
        };
        let (alg, decoding, encoding) = match algorithm {
            PublicKeyAlgorithm::Rs256 => (
                Algorithm::RS256,
                DecodingKey::from_rsa_pem(public_pem).map_err(|e| bad("public", e))?,
                private_pem
                    .map(|p| EncodingKey::from_rsa_pem(p).map_err(|e| bad("private", e)))
                    .transpose()?,
            ),
            PublicKeyAlgorithm::EdDsa => (
                Algorithm::EdDSA,
                DecodingKey::from_ed_pem(public_pem).map_err(|e| bad("public", e))?,
                private_pem
                    .map(|p| EncodingKey::from_ed_pem(p).map_err(|e| bad("private", e)))
                    .transpose()?,
            ),
        };
        Ok(Self {
            algorithm: alg,
            decoding,
            encoding,
            issuer: issuer.to_owned(),
            audience: audience.to_owned(),
            provider: None,
        })
    }

    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    pub fn audience(&self) -> &str {
        &self.audience
    }

    /// Also accepts the identity provider's access tokens, verified with its published keys.
    pub fn with_provider(mut self, keys: ProviderKeys) -> Self {
        self.provider = Some(keys);
        self
    }

    /// Whether `token` names a provider key this server has not fetched yet, so the caller
    /// should [`AuthConfig::refresh_provider_keys`] (off the async workers) before verifying.
    pub fn wants_key_refresh(&self, token: &str) -> bool {
        let Some(provider) = &self.provider else {
            return false;
        };
        jsonwebtoken::decode_header(token)
            .ok()
            .and_then(|h| h.kid)
            .is_some_and(|kid| !provider.knows(&kid))
    }

    /// Refetches the provider's keys (blocking, rate-limited); failures are logged by the
    /// caller and leave the keys held.
    pub fn refresh_provider_keys(&self) -> Result<bool, TokenError> {
        match &self.provider {
            Some(provider) => provider.refresh(),
            None => Ok(false),
        }
    }

    /// Verifies a token and reads the caller from its claims. A token with a `kid` header is
    /// the identity provider's when one is configured; others are checked with this server's
    /// configured key.
    pub fn verify<S: TokenSubject>(&self, token: &str) -> Result<S, TokenError> {
        if let Some(provider) = &self.provider {
            let header =
                jsonwebtoken::decode_header(token).map_err(|e| TokenError(describe(&e)))?;
            if let Some(kid) = header.kid.as_deref() {
                return S::from_claims(provider.verify(token, kid, header.alg)?);
            }
        }
        let mut validation = Validation::new(self.algorithm);
        // Only the configured algorithm: `none` and HS/RS confusion are refused here.
        validation.algorithms = vec![self.algorithm];
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[&self.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation)
            .map_err(|e| TokenError(describe(&e)))?;
        let Claims { sub, role, org, .. } = data.claims;
        S::from_claims(SubjectClaims { sub, role, org })
    }

    /// Signs a token for `subject`, valid for `ttl_seconds`.
    pub fn issue(
        &self,
        subject: &impl TokenSubject,
        ttl_seconds: u64,
    ) -> Result<String, TokenError> {
        let key = self.encoding.as_ref().ok_or_else(|| {
            TokenError(
                "this server only verifies tokens (public key configured); \
                 get tokens from the identity provider"
                    .into(),
            )
        })?;
        let now = jsonwebtoken::get_current_timestamp();
        let SubjectClaims { sub, role, org } = subject.to_claims();
        let claims = Claims {
            sub,
            role,
            org,
            exp: now + ttl_seconds,
            nbf: Some(now),
            iat: Some(now),
            iss: self.issuer.clone(),
            aud: Audience::One(self.audience.clone()),
        };
        jsonwebtoken::encode(&Header::new(self.algorithm), &claims, key)
            .map_err(|e| TokenError(format!("cannot sign the token: {e}")))
    }
}

pub(crate) fn describe(e: &jsonwebtoken::errors::Error) -> String {
    use jsonwebtoken::errors::ErrorKind;
    match e.kind() {
        ErrorKind::ExpiredSignature => "the token has expired".into(),
        ErrorKind::ImmatureSignature => "the token is not valid yet (nbf)".into(),
        ErrorKind::InvalidAudience => "the token is for another audience".into(),
        ErrorKind::InvalidIssuer => "the token comes from an unknown issuer".into(),
        ErrorKind::InvalidSignature => "the token's signature does not verify".into(),
        ErrorKind::InvalidAlgorithm => {
            "the token is signed with an algorithm this server refuses".into()
        }
        ErrorKind::MissingRequiredClaim(c) => format!("the token lacks the `{c}` claim"),
        _ => "the token is malformed".into(),
    }
}
