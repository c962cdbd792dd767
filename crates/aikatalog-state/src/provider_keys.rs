//! The identity provider's signing keys, so the API accepts the same provider's access tokens
//! alongside the configured key. The keys come from the provider's JWKS (its `jwks_uri`, found
//! through discovery) and are kept in memory; a token whose `kid` is not among them makes the
//! caller refetch ([`ProviderKeys::refresh`]), at most once per [`MIN_REFETCH`], so a key
//! rotation needs no restart and a stream of made-up `kid`s cannot make the server hammer the
//! provider.
//!
//! Only asymmetric keys are taken (RSA, EC, Ed25519); a token's algorithm must be one its key
//! allows, so no `none` or HMAC-with-a-public-key confusion. The organisation and role are read
//! from the claims named by configuration, as for the pages' sign-in.

use std::collections::HashMap;
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};

use crate::auth::{SubjectClaims, TokenError};

/// The shortest time between two fetches of the keys.
pub const MIN_REFETCH: Duration = Duration::from_secs(30);
const LEEWAY_SECONDS: u64 = 30;
const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

/// Fetches a URL's body (the discovery document, the JWKS). Injected so tests can serve keys.
pub type Fetch = dyn Fn(&str) -> Result<String, String> + Send + Sync;

struct Key {
    decoding: DecodingKey,
    algorithms: Vec<Algorithm>,
}

pub struct ProviderKeys {
    issuer: String,
    audiences: Vec<String>,
    org_claim: String,
    role_claim: String,
    fetch: Box<Fetch>,
    keys: RwLock<HashMap<String, Key>>,
    last_fetch: Mutex<Option<Instant>>,
    min_refetch: Duration,
}

impl std::fmt::Debug for ProviderKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderKeys")
            .field("issuer", &self.issuer)
            .field("audiences", &self.audiences)
            .finish_non_exhaustive()
    }
}

/// Which claims say what, and whose tokens to accept.
#[derive(Debug, Clone)]
pub struct ProviderClaims {
    pub issuer: String,
    /// A token's `aud` must name one of these.
    pub audiences: Vec<String>,
    pub org_claim: String,
    pub role_claim: String,
}

impl ProviderKeys {
    pub fn new(claims: ProviderClaims, fetch: Box<Fetch>) -> Self {
        Self {
            issuer: claims.issuer,
            audiences: claims.audiences,
            org_claim: claims.org_claim,
            role_claim: claims.role_claim,
            fetch,
            keys: RwLock::new(HashMap::new()),
            last_fetch: Mutex::new(None),
            min_refetch: MIN_REFETCH,
        }
    }

    /// With another shortest time between fetches (tests of key rotation use zero).
    pub fn with_min_refetch(mut self, min_refetch: Duration) -> Self {
        self.min_refetch = min_refetch;
        self
    }

    /// Keys fetched over HTTP(S) (blocking: call [`ProviderKeys::refresh`] off async workers).
    pub fn over_http(claims: ProviderClaims) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .timeout_global(Some(HTTP_TIMEOUT))
            .build()
            .into();
        Self::new(
            claims,
            Box::new(move |url| {
                agent
                    .get(url)
                    .call()
                    .map_err(|e| e.to_string())?
                    .body_mut()
                    .read_to_string()
                    .map_err(|e| e.to_string())
            }),
        )
    }

    pub fn knows(&self, kid: &str) -> bool {
        self.keys
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .contains_key(kid)
    }

    /// Fetches the keys again, unless that was done less than [`MIN_REFETCH`] (or the time set by
    /// [`ProviderKeys::with_min_refetch`]) ago; whether it
    /// fetched. On failure the keys held stay.
    pub fn refresh(&self) -> Result<bool, TokenError> {
        {
            let mut last = self.last_fetch.lock().unwrap_or_else(|p| p.into_inner());
            if last.is_some_and(|t| t.elapsed() < self.min_refetch) {
                return Ok(false);
            }
            *last = Some(Instant::now());
        }
        let keys = self.fetch_keys().map_err(|e| {
            TokenError(format!(
                "the identity provider's keys cannot be fetched: {e}"
            ))
        })?;
        *self.keys.write().unwrap_or_else(|p| p.into_inner()) = keys;
        Ok(true)
    }

    fn fetch_keys(&self) -> Result<HashMap<String, Key>, String> {
        let discovery_url = format!(
            "{}/.well-known/openid-configuration",
            self.issuer.trim_end_matches('/')
        );
        let discovery: serde_json::Value =
            serde_json::from_str(&(self.fetch)(&discovery_url)?).map_err(|e| e.to_string())?;
        let jwks_uri = discovery["jwks_uri"]
            .as_str()
            .ok_or("the discovery document has no jwks_uri")?;
        let set: JwkSet =
            serde_json::from_str(&(self.fetch)(jwks_uri)?).map_err(|e| e.to_string())?;
        Ok(set
            .keys
            .iter()
            .filter_map(|jwk| {
                let kid = jwk.common.key_id.clone()?;
                let algorithms = match jwk.common.key_algorithm {
                    Some(alg) => vec![Algorithm::try_from(alg).ok()?],
                    None => match &jwk.algorithm {
                        AlgorithmParameters::RSA(_) => vec![
                            Algorithm::RS256,
                            Algorithm::RS384,
                            Algorithm::RS512,
                            Algorithm::PS256,
                            Algorithm::PS384,
                            Algorithm::PS512,
                        ],
                        AlgorithmParameters::EllipticCurve(_) => {
                            vec![Algorithm::ES256, Algorithm::ES384]
                        }
                        AlgorithmParameters::OctetKeyPair(_) => vec![Algorithm::EdDSA],
                        _ => return None,
                    },
                };
                // A symmetric key published as a JWK would let anyone who reads it sign.
                if algorithms
                    .iter()
                    .any(|a| matches!(a, Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512))
                {
                    return None;
                }
                let decoding = DecodingKey::from_jwk(jwk).ok()?;
                Some((
                    kid,
                    Key {
                        decoding,
                        algorithms,
                    },
                ))
            })
            .collect())
    }

    /// Verifies a token signed with the provider's key `kid` and reads the caller's claims.
    pub fn verify(
        &self,
        token: &str,
        kid: &str,
        algorithm: Algorithm,
    ) -> Result<SubjectClaims, TokenError> {
        let keys = self.keys.read().unwrap_or_else(|p| p.into_inner());
        let key = keys.get(kid).ok_or_else(|| {
            TokenError("the token is signed with a key the identity provider does not list".into())
        })?;
        if !key.algorithms.contains(&algorithm) {
            return Err(TokenError(
                "the token is signed with an algorithm this server refuses".into(),
            ));
        }
        let mut validation = Validation::new(algorithm);
        validation.algorithms = vec![algorithm];
        validation.leeway = LEEWAY_SECONDS;
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&self.audiences);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        let data = jsonwebtoken::decode::<serde_json::Map<String, serde_json::Value>>(
            token,
            &key.decoding,
            &validation,
        )
        .map_err(|e| TokenError(crate::auth::describe(&e)))?;
        let claims = data.claims;
        let text = |name: &str| claims.get(name).and_then(|v| v.as_str()).map(str::to_owned);
        Ok(SubjectClaims {
            sub: text("sub").unwrap_or_default(),
            role: text(&self.role_claim).ok_or_else(|| {
                TokenError(format!("the token lacks the `{}` claim", self.role_claim))
            })?,
            org: text(&self.org_claim),
        })
    }
}
