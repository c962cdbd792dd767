//! Token validation: every way a token can be wrong gets 401 with a `WWW-Authenticate` header.

use aikatalog_api::auth::{AuthConfig, PublicKeyAlgorithm};
use aikatalog_testing::tokens::{AUDIENCE, ISSUER, SECRET};
use aikatalog_testing::{TestApp, each_seeded, each_seeded_app};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode, get_current_timestamp};
use serde_json::{Value, json};

const RSA_PRIVATE: &[u8] = include_bytes!("keys/rsa-private.pem");
const RSA_PUBLIC: &[u8] = include_bytes!("keys/rsa-public.pem");
const ED_PRIVATE: &[u8] = include_bytes!("keys/ed25519-private.pem");
const ED_PUBLIC: &[u8] = include_bytes!("keys/ed25519-public.pem");

fn claims(overrides: Value) -> Value {
    let now = get_current_timestamp();
    let mut base = json!({
        "sub": "tester", "role": "curator", "iss": ISSUER, "aud": AUDIENCE,
        "exp": now + 600, "nbf": now - 10, "iat": now - 10
    });
    if let (Some(b), Some(o)) = (base.as_object_mut(), overrides.as_object()) {
        for (k, v) in o {
            if v.is_null() {
                b.remove(k);
            } else {
                b.insert(k.clone(), v.clone());
            }
        }
    }
    base
}

fn hs(claims: &Value) -> String {
    encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(SECRET),
    )
    .expect("sign")
}

fn unsigned(claims: &Value) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let body = URL_SAFE_NO_PAD.encode(claims.to_string());
    format!("{header}.{body}.")
}

fn tampered() -> String {
    let token = hs(&claims(json!({"role": "editor", "org": "707"})));
    let parts: Vec<&str> = token.split('.').collect();
    let forged = URL_SAFE_NO_PAD.encode(claims(json!({"role": "curator"})).to_string());
    format!("{}.{}.{}", parts[0], forged, parts[2])
}

#[actix_web::test]
async fn bad_tokens_are_refused_with_a_reason() {
    each_seeded_app(|app| async move {
        let now = get_current_timestamp();
        let cases = [
            ("expired", hs(&claims(json!({"exp": now - 3600})))),
            ("not yet valid", hs(&claims(json!({"nbf": now + 3600})))),
            (
                "wrong audience",
                hs(&claims(json!({"aud": "someone-else"}))),
            ),
            (
                "wrong issuer",
                hs(&claims(json!({"iss": "https://evil.example"}))),
            ),
            ("alg none", unsigned(&claims(json!({})))),
            ("tampered", tampered()),
            ("editor without org", hs(&claims(json!({"role": "editor"})))),
            ("unknown role", hs(&claims(json!({"role": "admin"})))),
            ("no expiry", hs(&claims(json!({"exp": null})))),
            ("garbage", "not.a.token".to_owned()),
        ];
        for (name, token) in cases {
            let reply = app.get("/api/v1/me").bearer(&token).await;
            assert_eq!(reply.status, 401, "{name}: {:?}", reply.json);
            assert_eq!(reply.code(), "invalid_token", "{name}");
            let challenge = reply
                .headers
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            assert!(
                challenge.starts_with("Bearer") && challenge.contains("invalid_token"),
                "{name}: {challenge}"
            );
            // An invalid token is refused even where anonymous reads are allowed.
            let read = app
                .get("/api/v1/use-cases/smartmail-norddjurs")
                .bearer(&token)
                .await;
            assert_eq!(read.status, 401, "{name} on a public read");
        }
        let missing = app.get("/api/v1/me").await;
        assert_eq!(
            (missing.status.as_u16(), missing.code()),
            (401, "unauthenticated")
        );
        assert!(missing.headers.contains_key("www-authenticate"));
        let me = app.get("/api/v1/me").as_curator().await;
        assert_eq!(me.json["role"], "curator");
    })
    .await;
}

#[actix_web::test]
async fn public_key_configurations_pin_their_algorithm() {
    each_seeded(|db| async move {
        let rs = AuthConfig::public_key(
            PublicKeyAlgorithm::Rs256,
            RSA_PUBLIC,
            None,
            ISSUER,
            AUDIENCE,
        )
        .expect("RSA public key");
        let app = TestApp::with_auth(&db, rs).await;
        let body = claims(json!({}));
        let good = encode(
            &Header::new(Algorithm::RS256),
            &body,
            &EncodingKey::from_rsa_pem(RSA_PRIVATE).expect("key"),
        )
        .expect("sign");
        assert_eq!(app.get("/api/v1/me").bearer(&good).await.status, 200);
        // HS/RS confusion: an HMAC signed with the public key as the secret.
        let confused = encode(
            &Header::new(Algorithm::HS256),
            &body,
            &EncodingKey::from_secret(RSA_PUBLIC),
        )
        .expect("sign");
        assert_eq!(app.get("/api/v1/me").bearer(&confused).await.status, 401);
        assert_eq!(app.get("/api/v1/me").bearer(hs(&body)).await.status, 401);

        let ed = AuthConfig::public_key(
            PublicKeyAlgorithm::EdDsa,
            ED_PUBLIC,
            Some(ED_PRIVATE),
            ISSUER,
            AUDIENCE,
        )
        .expect("Ed25519 keys");
        let app = TestApp::with_auth(&db, ed).await;
        let good = encode(
            &Header::new(Algorithm::EdDSA),
            &body,
            &EncodingKey::from_ed_pem(ED_PRIVATE).expect("key"),
        )
        .expect("sign");
        assert_eq!(app.get("/api/v1/me").bearer(&good).await.status, 200);
        assert_eq!(app.get("/api/v1/me").bearer(hs(&body)).await.status, 401);
    })
    .await;
}

#[actix_web::test]
async fn an_audience_array_is_accepted_when_it_names_us() {
    each_seeded_app(|app| async move {
        // Keycloak and other identity providers send `aud` as an array.
        let ours = hs(&claims(json!({"aud": ["account", AUDIENCE]})));
        let me = app.get("/api/v1/me").bearer(&ours).await;
        assert_eq!(me.status, 200, "{:?}", me.json);
        assert_eq!(me.json["role"], "curator");
        let single = hs(&claims(json!({"aud": [AUDIENCE]})));
        assert_eq!(app.get("/api/v1/me").bearer(&single).await.status, 200);

        let others = hs(&claims(json!({"aud": ["account", "someone-else"]})));
        let refused = app.get("/api/v1/me").bearer(&others).await;
        assert_eq!(refused.status, 401, "{:?}", refused.json);
        assert_eq!(refused.code(), "invalid_token");
        assert!(
            refused.json["detail"]
                .as_str()
                .is_some_and(|d| d.contains("audience")),
            "{:?}",
            refused.json
        );
        let empty = hs(&claims(json!({"aud": []})));
        assert_eq!(app.get("/api/v1/me").bearer(&empty).await.status, 401);
    })
    .await;
}

#[actix_web::test]
async fn a_bad_token_is_refused_on_every_read_while_no_token_stays_anonymous() {
    each_seeded_app(|app| async move {
        let now = get_current_timestamp();
        let tokens = [
            ("expired", hs(&claims(json!({"exp": now - 3600})))),
            ("forged", tampered()),
            ("garbage", "not.a.token".to_owned()),
        ];
        let reads = [
            "/api/v1/use-cases",
            "/api/v1/algorithms",
            "/api/v1/search?q=aeldrepleje",
            "/api/v1/categories",
            "/api/v1/use-cases/smartmail-norddjurs",
        ];
        for uri in reads {
            let anonymous = app.get(uri).await;
            assert_eq!(
                anonymous.status, 200,
                "{uri} anonymously: {:?}",
                anonymous.json
            );
            for (name, token) in &tokens {
                let reply = app.get(uri).bearer(token).await;
                assert_eq!(reply.status, 401, "{uri} with a {name} token");
                assert_eq!(reply.code(), "invalid_token", "{uri} with a {name} token");
                assert!(
                    reply
                        .header("www-authenticate")
                        .is_some_and(|c| c.contains("invalid_token")),
                    "{uri} with a {name} token"
                );
            }
            // A header that is not a bearer token at all is refused too, not ignored.
            let basic = app
                .get(uri)
                .header(("Authorization", "Basic dXNlcjpwYXNz"))
                .await;
            assert_eq!(basic.status, 401, "{uri} with Basic auth");
            let good = app.get(uri).as_curator().await;
            assert_eq!(good.status, 200, "{uri} as curator: {:?}", good.json);
        }
    })
    .await;
}
