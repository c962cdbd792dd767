//! Signing in with a real OpenID Connect provider: `oauth2-mock-server` from npm, started per
//! test by `oidc_provider.mjs`, driven without a browser by following the redirects with an HTTP
//! client. It needs node and the package: set `AIKATALOG_TEST_OIDC_MOCK_DIR` to a folder where
//! `npm install oauth2-mock-server` ran. Without them the tests say so and pass, unless
//! `AIKATALOG_TEST_REQUIRE_OIDC=1` (as `.ci/run` sets it), which makes them fail instead.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use aikatalog_testing::{TestApp, TestResponse, each_seeded};
use aikatalog_web::AccountConfig;
use aikatalog_web::account::oidc::{Oidc, OidcSettings};

use crate::util::PageText;

const SCRIPT: &str = include_str!("oidc_provider.mjs");
const CLIENT_ID: &str = "aikatalog-test";

/// A running provider, stopped when dropped.
pub(crate) struct Provider {
    child: Child,
    pub(crate) issuer: String,
    /// Its standard output after the first line: each claims switch is confirmed there.
    said: Option<BufReader<std::process::ChildStdout>>,
}

impl Provider {
    /// From now on, the provider's tokens carry `claims` (for the next person to sign in).
    pub(crate) fn sign_in_as(&mut self, claims: &serde_json::Value) {
        let stdin = self.child.stdin.as_mut().expect("the provider's input");
        writeln!(stdin, "{claims}").expect("tell the provider who signs in next");
        let mut line = String::new();
        if let Some(said) = self.said.as_mut() {
            said.read_line(&mut line).expect("the provider confirms");
        }
        assert!(line.starts_with("claims "), "the provider said {line:?}");
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        // Closing its input stops it; killing is the fallback.
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts a provider whose tokens carry `claims`, or `None` (after saying why) when node or the
/// package is missing and the tests are not required.
pub(crate) fn provider(claims: &serde_json::Value) -> Option<Provider> {
    let required = std::env::var("AIKATALOG_TEST_REQUIRE_OIDC").is_ok_and(|v| v == "1");
    let skip = |why: &str| {
        assert!(!required, "AIKATALOG_TEST_REQUIRE_OIDC=1 but {why}");
        // Written past the test harness's capture, so a passing run still shows the skip.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: the OpenID Connect sign-in test: {why}"
        );
        None
    };
    let Some(dir) = std::env::var_os("AIKATALOG_TEST_OIDC_MOCK_DIR") else {
        return skip("AIKATALOG_TEST_OIDC_MOCK_DIR is not set (npm install oauth2-mock-server)");
    };
    let spawned = Command::new("node")
        .args(["--input-type=module", "-e", SCRIPT])
        .current_dir(&dir)
        .env("MOCK_CLAIMS", claims.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => return skip(&format!("node does not start: {e}")),
    };
    let mut line = String::new();
    let stdout = child.stdout.take().expect("piped stdout");
    let mut said = BufReader::new(stdout);
    said.read_line(&mut line)
        .expect("read the provider's address");
    let issuer = line.trim().to_owned();
    assert!(
        issuer.starts_with("http://"),
        "the provider did not start: {issuer:?}"
    );
    Some(Provider {
        child,
        issuer,
        said: Some(said),
    })
}

fn config(provider: &Provider) -> AccountConfig {
    AccountConfig {
        oidc: Some(Arc::new(Oidc::new(OidcSettings {
            issuer: provider.issuer.clone(),
            client_id: CLIENT_ID.into(),
            client_secret: Some("test-client-secret".to_owned().into()),
            redirect_url: "http://localhost/auth/callback".into(),
            after_sign_out_url: "http://localhost/".into(),
            org_claim: "organisation".into(),
            role_claim: "role".into(),
        }))),
        ..AccountConfig::default()
    }
}

fn set_cookie(response: &TestResponse, name: &str) -> Option<String> {
    response
        .headers
        .get_all("set-cookie")
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")) && !c.contains("Max-Age=0"))
        .map(|c| c.split(';').next().unwrap_or_default().to_owned())
}

fn location(response: &TestResponse) -> String {
    response.header("location").unwrap_or("").to_owned()
}

/// The provider's answer to the authorization request: where it sends the browser back.
fn authorize(url: &str) -> String {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    let response = agent.get(url).call().expect("the provider answers");
    assert!(
        response.status().is_redirection(),
        "the provider did not redirect: {}",
        response.status()
    );
    let back = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .expect("a Location")
        .to_owned();
    // The callback as the app sees it: path and query on this site.
    back.strip_prefix("http://localhost")
        .unwrap_or_else(|| panic!("the provider sent the browser elsewhere: {back}"))
        .to_owned()
}

/// Starts a sign-in returning to `next`; the callback path and the attempt cookie.
async fn start(app: &TestApp, next: &str) -> (String, String) {
    let started = app.get(&format!("/auth/login?next={next}")).await;
    assert_eq!(started.status, 303, "{}", started.body);
    let attempt = set_cookie(&started, "aikatalog_oidc").expect("an attempt cookie");
    let to = location(&started);
    for part in [
        "code_challenge=",
        "code_challenge_method=S256",
        "state=",
        "nonce=",
    ] {
        assert!(
            to.contains(part),
            "the authorization request lacks {part}: {to}"
        );
    }
    (authorize(&to), attempt)
}

#[actix_web::test]
async fn an_editor_signs_in_with_the_provider_and_returns_to_the_page() {
    let claims = serde_json::json!({
        "organisation": "707", "role": "editor", "name": "Anne Andersen"
    });
    let Some(provider) = provider(&claims) else {
        return;
    };
    each_seeded(|db| {
        let config = config(&provider);
        let issuer = provider.issuer.clone();
        async move {
            let app = TestApp::with_account(&db, config).await;
            let page = app.page("/log-ind?next=%2Fmit-arbejde").await;
            page.shows(&["Log ind med din organisations konto"]);
            assert!(
                page.links()
                    .contains(&"/auth/login?next=%2Fmit-arbejde".to_owned())
            );

            let (callback, attempt) = start(&app, "%2Fmit-arbejde").await;
            let back = app.get(&callback).cookies(&[&attempt]).await;
            assert_eq!(back.status, 303, "{}", back.body);
            assert_eq!(location(&back), "/mit-arbejde");
            let session = set_cookie(&back, "aikatalog_session").expect("a session");
            let work = app.get("/mit-arbejde").cookies(&[&session]).await;
            assert_eq!(work.status, 200, "{}", work.body);
            work.shows(&["Anne Andersen", "Norddjurs Kommune", "Mit arbejde"]);

            // The callback is good once: replayed, it signs nobody in.
            let replay = app.get(&callback).cookies(&[&attempt]).await;
            assert_eq!(replay.status, 400, "{}", replay.body);
            assert!(set_cookie(&replay, "aikatalog_session").is_none());

            // Signing out ends the session here and sends the browser to the provider's end.
            let home = app.get("/").cookies(&[&session]).await;
            let csrf = home
                .body
                .split("name=\"csrf\" value=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .expect("a sign-out form")
                .to_owned();
            let out = app
                .post("/log-ud")
                .cookies(&[&session])
                .form(&[("csrf", &csrf)])
                .await;
            assert_eq!(out.status, 303, "{}", out.body);
            let end = location(&out);
            assert!(end.starts_with(&format!("{issuer}/endsession?")), "{end}");
            assert!(end.contains("post_logout_redirect_uri="), "{end}");
            let after = app.get("/mit-arbejde").cookies(&[&session]).await;
            assert_eq!(after.status, 303, "the session is gone");
        }
    })
    .await;
}

#[actix_web::test]
async fn a_forged_state_signs_nobody_in() {
    let claims = serde_json::json!({"organisation": "707", "role": "editor"});
    let Some(provider) = provider(&claims) else {
        return;
    };
    each_seeded(|db| {
        let config = config(&provider);
        async move {
            let app = TestApp::with_account(&db, config).await;
            let (callback, attempt) = start(&app, "%2F").await;
            let forged = callback.replace("state=", "state=x");
            let refused = app.get(&forged).cookies(&[&attempt]).await;
            assert_eq!(refused.status, 400, "{}", refused.body);
            refused.shows(&["Log-ind lykkedes ikke"]);
            assert!(set_cookie(&refused, "aikatalog_session").is_none());
            // Without the browser's attempt cookie (another browser), the callback is refused too.
            let (callback, _) = start(&app, "%2F").await;
            let elsewhere = app.get(&callback).await;
            assert_eq!(elsewhere.status, 400, "{}", elsewhere.body);
        }
    })
    .await;
}

#[actix_web::test]
async fn an_account_without_a_known_organisation_or_role_gets_no_session() {
    for claims in [
        serde_json::json!({"organisation": "999", "role": "editor"}),
        serde_json::json!({"organisation": "707", "role": "admin"}),
        serde_json::json!({"role": "editor"}),
    ] {
        let Some(provider) = provider(&claims) else {
            return;
        };
        each_seeded(|db| {
            let config = config(&provider);
            let claims = claims.clone();
            async move {
                let app = TestApp::with_account(&db, config).await;
                let (callback, attempt) = start(&app, "%2F").await;
                let refused = app.get(&callback).cookies(&[&attempt]).await;
                assert_eq!(refused.status, 403, "{claims}: {}", refused.body);
                refused.shows(&["Din konto kan ikke bruges i AI-kataloget"]);
                assert!(
                    set_cookie(&refused, "aikatalog_session").is_none(),
                    "{claims}"
                );
            }
        })
        .await;
    }
}

#[actix_web::test]
async fn the_api_accepts_the_providers_access_tokens() {
    use aikatalog_state::provider_keys::{ProviderClaims, ProviderKeys};
    // A client-credentials token names no user unless told to.
    let claims = serde_json::json!({"sub": "anne", "organisation": "707", "role": "editor"});
    let Some(provider) = provider(&claims) else {
        return;
    };
    // An access token from the provider's token endpoint, for this API's audience.
    let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
    let mut reply = agent
        .post(&format!("{}/token", provider.issuer))
        .send_form([
            ("grant_type", "client_credentials"),
            ("client_id", CLIENT_ID),
            ("aud", "aikatalog-api"),
            ("scope", "openid"),
        ])
        .expect("the token endpoint answers");
    let body: serde_json::Value = reply.body_mut().read_json().expect("JSON");
    let access = body["access_token"]
        .as_str()
        .expect("an access token")
        .to_owned();
    each_seeded(|db| {
        let keys = ProviderKeys::over_http(ProviderClaims {
            issuer: provider.issuer.clone(),
            audiences: vec!["aikatalog-api".into()],
            org_claim: "organisation".into(),
            role_claim: "role".into(),
        });
        let access = access.clone();
        async move {
            let auth = aikatalog_testing::tokens::auth_config().with_provider(keys);
            let app = TestApp::with_auth(&db, auth).await;
            let me = app.get("/api/v1/me").bearer(&access).await;
            assert_eq!(me.status, 200, "{}", me.body);
            assert_eq!(me.json["org"], "707");
            assert_eq!(me.json["role"], "editor");
        }
    })
    .await;
}
