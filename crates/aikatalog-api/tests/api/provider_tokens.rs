//! The identity provider's access tokens: verified with the keys its JWKS lists (served here by
//! an injected fetch), alongside the configured key; a rotated key is fetched on first sight of
//! its `kid`, and refetching is rate-limited.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aikatalog_state::provider_keys::{ProviderClaims, ProviderKeys};
use aikatalog_testing::tokens::auth_config;
use aikatalog_testing::{TestApp, each_seeded};
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode, get_current_timestamp};
use serde_json::json;

const RSA_PRIVATE: &[u8] = include_bytes!("keys/rsa-private.pem");
const ED_PRIVATE: &[u8] = include_bytes!("keys/ed25519-private.pem");
const PROVIDER: &str = "https://login.kommune.example";

fn rsa() -> EncodingKey {
    EncodingKey::from_rsa_pem(RSA_PRIVATE).expect("RSA key")
}

fn ed() -> EncodingKey {
    EncodingKey::from_ed_pem(ED_PRIVATE).expect("Ed25519 key")
}

/// A JWKS listing `keys` under their kids.
fn jwks(keys: &[(&str, &EncodingKey, Algorithm)]) -> String {
    let keys = keys
        .iter()
        .map(|(kid, key, alg)| {
            let mut jwk = Jwk::from_encoding_key(key, *alg).expect("a public JWK");
            jwk.common.key_id = Some((*kid).to_owned());
            jwk
        })
        .collect();
    serde_json::to_string(&JwkSet { keys }).expect("JSON")
}

/// An access token as the provider issues it: its own claim names for organisation and role.
fn token(kid: &str, key: &EncodingKey, alg: Algorithm, org: &str, role: &str) -> String {
    let now = get_current_timestamp();
    let mut header = Header::new(alg);
    header.kid = Some(kid.to_owned());
    let claims = json!({
        "sub": "anne", "iss": PROVIDER, "aud": "aikatalog-api", "exp": now + 600, "iat": now,
        "organisation": org, "role": role,
    });
    encode(&header, &claims, key).expect("sign")
}

/// Keys served from `served`, counting fetches of the JWKS.
fn provider(served: Arc<Mutex<String>>, fetches: Arc<AtomicUsize>) -> ProviderKeys {
    ProviderKeys::new(
        ProviderClaims {
            issuer: PROVIDER.into(),
            audiences: vec!["aikatalog-api".into(), "aikatalog-web".into()],
            org_claim: "organisation".into(),
            role_claim: "role".into(),
        },
        Box::new(move |url| {
            if url == format!("{PROVIDER}/.well-known/openid-configuration") {
                return Ok(json!({"jwks_uri": format!("{PROVIDER}/jwks")}).to_string());
            }
            assert_eq!(url, format!("{PROVIDER}/jwks"));
            fetches.fetch_add(1, Ordering::SeqCst);
            Ok(served.lock().expect("lock").clone())
        }),
    )
}

#[actix_web::test]
async fn the_providers_tokens_are_accepted_and_a_rotated_key_needs_no_restart() {
    each_seeded(|db| async move {
        let served = Arc::new(Mutex::new(jwks(&[("k1", &rsa(), Algorithm::RS256)])));
        let fetches = Arc::new(AtomicUsize::new(0));
        let keys = provider(served.clone(), fetches.clone()).with_min_refetch(Duration::ZERO);
        let app = TestApp::with_auth(&db, auth_config().with_provider(keys)).await;

        let me = app
            .get("/api/v1/me")
            .bearer(token("k1", &rsa(), Algorithm::RS256, "707", "editor"))
            .await;
        assert_eq!(me.status, 200, "{:?}", me.json);
        assert_eq!(me.json["org"], "707");
        assert_eq!(me.json["role"], "editor");
        // The configured key still works beside the provider's.
        let local = app.get("/api/v1/me").as_editor("540").await;
        assert_eq!(local.json["org"], "540");

        // The provider rotates to a new key: its first token makes the server refetch.
        *served.lock().expect("lock") = jwks(&[("k2", &ed(), Algorithm::EdDSA)]);
        let rotated = app
            .get("/api/v1/me")
            .bearer(token("k2", &ed(), Algorithm::EdDSA, "707", "curator"))
            .await;
        assert_eq!(rotated.status, 200, "{:?}", rotated.json);
        assert_eq!(rotated.json["role"], "curator");
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
        // The retired key is gone with it.
        let retired = app
            .get("/api/v1/me")
            .bearer(token("k1", &rsa(), Algorithm::RS256, "707", "editor"))
            .await;
        assert_eq!(retired.status, 401, "{:?}", retired.json);
    })
    .await;
}

#[actix_web::test]
async fn a_bad_provider_token_is_refused_and_unknown_kids_do_not_hammer_the_provider() {
    each_seeded(|db| async move {
        let served = Arc::new(Mutex::new(jwks(&[("k1", &rsa(), Algorithm::RS256)])));
        let fetches = Arc::new(AtomicUsize::new(0));
        let keys = provider(served, fetches.clone());
        let app = TestApp::with_auth(&db, auth_config().with_provider(keys)).await;
        let good = token("k1", &rsa(), Algorithm::RS256, "707", "editor");
        assert_eq!(app.get("/api/v1/me").bearer(&good).await.status, 200);

        // Signed by another key under the listed kid; an unknown role; no audience of ours.
        let forged = token("k1", &ed(), Algorithm::EdDSA, "707", "editor");
        let unknown_role = token("k1", &rsa(), Algorithm::RS256, "707", "admin");
        for bad in [forged, unknown_role] {
            let refused = app.get("/api/v1/me").bearer(&bad).await;
            assert_eq!(refused.status, 401, "{:?}", refused.json);
        }
        for n in 0..5 {
            let made_up = token(
                &format!("nope-{n}"),
                &rsa(),
                Algorithm::RS256,
                "707",
                "editor",
            );
            let refused = app.get("/api/v1/me").bearer(&made_up).await;
            assert_eq!(refused.status, 401);
        }
        assert_eq!(
            fetches.load(Ordering::SeqCst),
            1,
            "unknown kids within the refetch interval fetch nothing more"
        );
    })
    .await;
}
