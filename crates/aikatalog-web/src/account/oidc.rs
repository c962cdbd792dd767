//! Signing in with the municipality's identity provider: OpenID Connect's authorization code
//! flow with PKCE, state and nonce (`openidconnect`), against any provider found through its
//! discovery document.
//!
//! `/auth/login` stores the attempt server-side (`sign_in_attempts`: state, PKCE verifier,
//! nonce, return path, keyed by the hash of a random id in a ten-minute cookie) and sends the
//! browser to the provider. `/auth/callback` takes the attempt (once), checks the state in
//! constant time, exchanges the code with the verifier, verifies the ID token (signature from the
//! provider's JWKS, issuer, audience, expiry, nonce) and reads the organisation and role from the
//! configured claims. A user whose claims name no known organisation or role gets no session and
//! a page saying so.
//!
//! The provider's metadata is discovered on first use and kept; a failed sign-in rediscovers, so
//! a provider that was down at start or rotated its keys needs no restart. HTTP to the provider
//! goes through `ureq` (blocking, run in `web::block`) with redirects off and a time-out.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use aikatalog_state::auth::Role;
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IdToken, IssuerUrl,
    LogoutRequest, Nonce, PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl,
    ProviderMetadataWithLogout, RedirectUrl, Scope, TokenResponse,
};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

/// How long a sign-in at the provider may take.
pub const ATTEMPT_MINUTES: i64 = 10;
const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

/// The provider and this client's registration with it.
#[derive(Debug, Clone)]
pub struct OidcSettings {
    /// `AIKATALOG_OIDC_ISSUER`: where `/.well-known/openid-configuration` is found.
    pub issuer: String,
    pub client_id: String,
    /// None for a public client (PKCE alone).
    pub client_secret: Option<SecretString>,
    /// `{AIKATALOG_PUBLIC_URL}/auth/callback`.
    pub redirect_url: String,
    /// Where the provider sends the browser after ending its session: the public URL.
    pub after_sign_out_url: String,
    /// The claims that carry the organisation code and the role (`editor` or `curator`).
    pub org_claim: String,
    pub role_claim: String,
}

/// The settings with the provider's metadata, discovered once and kept.
#[derive(Debug)]
pub struct Oidc {
    pub settings: OidcSettings,
    metadata: Mutex<Option<Arc<ProviderMetadataWithLogout>>>,
}

/// Why a sign-in with the provider failed. The text goes to the log, not to the user.
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    #[error("the identity provider cannot be used: {0}")]
    Provider(String),
    #[error("the sign-in does not verify: {0}")]
    Invalid(String),
}

/// The claims of an ID token beyond the standard ones: all of them, so the configured
/// organisation and role claims can be read by name.
#[derive(Debug, Clone, Deserialize, Serialize)]
struct OtherClaims(serde_json::Map<String, serde_json::Value>);

impl AdditionalClaims for OtherClaims {}

type OurIdToken = IdToken<
    OtherClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;

/// Where to send the browser, and what the callback must check.
pub struct Authorization {
    pub url: String,
    pub csrf_state: String,
    pub pkce_verifier: String,
    pub nonce: String,
}

/// Who the provider says signed in.
#[derive(Debug, Clone)]
pub struct ProviderIdentity {
    pub subject: String,
    pub issuer: String,
    pub name: String,
    /// The organisation and role claims as sent (checked against the catalogue by the caller).
    pub org: Option<String>,
    pub role: Option<Role>,
}

/// The blocking HTTP client `openidconnect` calls: no redirects (a redirect from a token
/// endpoint is not followed anywhere), a time-out, and 4xx/5xx returned as responses for the
/// protocol code to read.
struct Http(ureq::Agent);

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct HttpError(String);

impl openidconnect::SyncHttpClient for Http {
    type Error = HttpError;

    fn call(
        &self,
        request: openidconnect::HttpRequest,
    ) -> Result<openidconnect::HttpResponse, HttpError> {
        let response = self.0.run(request).map_err(|e| HttpError(e.to_string()))?;
        let (parts, mut body) = response.into_parts();
        let bytes = body.read_to_vec().map_err(|e| HttpError(e.to_string()))?;
        Ok(openidconnect::http::Response::from_parts(parts, bytes))
    }
}

fn http() -> Http {
    let config = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(HTTP_TIMEOUT))
        .build();
    Http(config.into())
}

impl Oidc {
    pub fn new(settings: OidcSettings) -> Oidc {
        Oidc {
            settings,
            metadata: Mutex::new(None),
        }
    }

    /// The provider's metadata; discovered now if not yet (or `fresh`).
    fn metadata(&self, fresh: bool) -> Result<Arc<ProviderMetadataWithLogout>, OidcError> {
        let mut cached = self.metadata.lock().unwrap_or_else(|p| p.into_inner());
        if let (Some(m), false) = (cached.as_ref(), fresh) {
            return Ok(m.clone());
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone())
            .map_err(|e| OidcError::Provider(format!("the issuer is not a URL: {e}")))?;
        let discovered = ProviderMetadataWithLogout::discover(&issuer, &http())
            .map_err(|e| OidcError::Provider(format!("discovery failed: {e}")))?;
        let discovered = Arc::new(discovered);
        *cached = Some(discovered.clone());
        Ok(discovered)
    }

    fn forget_metadata(&self) {
        *self.metadata.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    fn client_id(&self) -> ClientId {
        ClientId::new(self.settings.client_id.clone())
    }

    /// Starts a sign-in: the provider's authorization URL and what the callback must check.
    pub fn authorize(&self) -> Result<Authorization, OidcError> {
        let metadata = self.metadata(false)?;
        let client = CoreClient::from_provider_metadata(
            (*metadata).clone(),
            self.client_id(),
            self.secret(),
        )
        .set_redirect_uri(self.redirect_url()?);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        Ok(Authorization {
            url: url.to_string(),
            csrf_state: state.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
            nonce: nonce.secret().clone(),
        })
    }

    fn secret(&self) -> Option<ClientSecret> {
        self.settings
            .client_secret
            .as_ref()
            .map(|s| ClientSecret::new(s.expose_secret().to_owned()))
    }

    fn redirect_url(&self) -> Result<RedirectUrl, OidcError> {
        RedirectUrl::new(self.settings.redirect_url.clone())
            .map_err(|e| OidcError::Provider(format!("the redirect URL is not a URL: {e}")))
    }

    /// Finishes a sign-in: exchanges `code` with the PKCE verifier and verifies the ID token
    /// against the nonce. A failure forgets the metadata, so the next attempt rediscovers it
    /// (and the provider's current keys).
    pub fn finish(
        &self,
        code: &str,
        pkce_verifier: &str,
        nonce: &str,
    ) -> Result<ProviderIdentity, OidcError> {
        let result = self.exchange(code, pkce_verifier, nonce);
        if result.is_err() {
            self.forget_metadata();
        }
        result
    }

    fn exchange(
        &self,
        code: &str,
        pkce_verifier: &str,
        nonce: &str,
    ) -> Result<ProviderIdentity, OidcError> {
        let metadata = self.metadata(false)?;
        let client = CoreClient::from_provider_metadata(
            (*metadata).clone(),
            self.client_id(),
            self.secret(),
        )
        .set_redirect_uri(self.redirect_url()?);
        let tokens = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| OidcError::Provider(format!("no token endpoint: {e}")))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
            .request(&http())
            .map_err(|e| OidcError::Invalid(format!("the code exchange failed: {e}")))?;
        let id_token = tokens
            .id_token()
            .ok_or_else(|| OidcError::Invalid("the provider sent no ID token".into()))?;
        // Read again with every claim kept, so the configured claims can be found by name.
        let id_token: OurIdToken = id_token
            .to_string()
            .parse()
            .map_err(|e| OidcError::Invalid(format!("the ID token does not parse: {e}")))?;
        let claims = id_token
            .claims(&client.id_token_verifier(), &Nonce::new(nonce.to_owned()))
            .map_err(|e| OidcError::Invalid(format!("the ID token does not verify: {e}")))?;
        let other = &claims.additional_claims().0;
        let text = |name: &str| other.get(name).and_then(|v| v.as_str()).map(str::to_owned);
        let subject = claims.subject().to_string();
        let name = claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.to_string())
            .or_else(|| claims.preferred_username().map(|u| u.to_string()))
            .unwrap_or_else(|| subject.clone());
        Ok(ProviderIdentity {
            issuer: claims.issuer().to_string(),
            subject,
            name,
            org: text(&self.settings.org_claim),
            role: text(&self.settings.role_claim).and_then(|r| Role::parse(&r)),
        })
    }

    /// Where to end the session at the provider too, if its discovery document names an
    /// end-session endpoint (discovery is not retried here: signing out must not wait on it).
    pub fn end_session_url(&self) -> Option<String> {
        let cached = self
            .metadata
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()?;
        let endpoint = cached.additional_metadata().end_session_endpoint.clone()?;
        let mut request = LogoutRequest::from(endpoint).set_client_id(self.client_id());
        if let Ok(after) = PostLogoutRedirectUrl::new(self.settings.after_sign_out_url.clone()) {
            request = request.set_post_logout_redirect_uri(after);
        }
        Some(request.http_get_url().to_string())
    }
}
