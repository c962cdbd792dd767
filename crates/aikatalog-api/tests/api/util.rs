//! The test app: a fresh, seeded database per backend, the real routes, in-process requests.

use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::test::{self, TestRequest};
use actix_web::{App, web};
use aikatalog_api::auth::{AuthConfig, Principal, Role};
use aikatalog_api::{AppState, routes};
use aikatalog_domain::OrgCode;
use aikatalog_storage::testing::{TestDb, backends, fresh};
use serde_json::Value;

pub const SECRET: &[u8] = b"test-secret-of-at-least-thirty-two-bytes!";
pub const ISSUER: &str = "aikatalog-test";
pub const AUDIENCE: &str = "aikatalog-api";

pub fn auth() -> AuthConfig {
    AuthConfig::hs256(SECRET, ISSUER, AUDIENCE)
}

/// A fresh database per backend, seeded with the bundled seed data.
pub fn seeded_databases() -> Vec<TestDb> {
    backends()
        .into_iter()
        .map(|backend| {
            let db = fresh(backend);
            aikatalog_import::import_sources(&db.db, &aikatalog_import::seed_sources(), false)
                .expect("seed data imports");
            db
        })
        .collect()
}

pub struct TestApp<S> {
    service: S,
}

pub async fn app(
    db: &TestDb,
) -> TestApp<
    impl Service<
        actix_http::Request,
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
    >,
> {
    app_with_auth(db, auth()).await
}

pub async fn app_with_auth(
    db: &TestDb,
    auth: AuthConfig,
) -> TestApp<
    impl Service<
        actix_http::Request,
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
    >,
> {
    eprintln!("-- on the {} backend", db.backend());
    let state = AppState {
        db: db.db.clone(),
        auth: Arc::new(auth),
        search: aikatalog_search::in_memory_from(&db.db).expect("a search index of the test data"),
    };
    let service =
        test::init_service(App::new().app_data(web::Data::new(state)).configure(routes)).await;
    TestApp { service }
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub etag: Option<String>,
    pub headers: actix_web::http::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }
}

pub fn token(role: Role, org: Option<&str>) -> String {
    let principal = Principal {
        subject: "tester".into(),
        role,
        org: org.map(|o| OrgCode::try_from(o).expect("org code")),
    };
    auth().issue(&principal, 3600).expect("sign")
}

pub fn editor(org: &str) -> Option<String> {
    Some(token(Role::Editor, Some(org)))
}

pub fn curator() -> Option<String> {
    Some(token(Role::Curator, None))
}

impl<S, B> TestApp<S>
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    pub async fn send(
        &self,
        method: Method,
        uri: &str,
        token: Option<&str>,
        if_match: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut req = TestRequest::default().method(method).uri(uri);
        if let Some(t) = token {
            req = req.insert_header((header::AUTHORIZATION, format!("Bearer {t}")));
        }
        if let Some(tag) = if_match {
            req = req.insert_header((header::IF_MATCH, tag.to_owned()));
        }
        if let Some(body) = body {
            req = req.set_json(body);
        }
        let resp = test::call_service(&self.service, req.to_request()).await;
        let status = resp.status();
        let headers = resp.headers().clone();
        let etag = headers
            .get(header::ETAG)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let bytes = test::read_body(resp).await;
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        Reply {
            status,
            etag,
            headers,
            body,
        }
    }

    /// Creates a draft use case as `token`'s caller, which must succeed.
    pub async fn create_use_case(&self, token: Option<&str>, slug: &str, owner: &str) -> Reply {
        let created = self
            .post(
                "/api/v1/use-cases",
                token,
                None,
                Some(new_use_case(slug, owner)),
            )
            .await;
        assert_eq!(created.status, 201, "creating {slug}: {:?}", created.body);
        created
    }

    pub async fn get(&self, uri: &str, token: Option<&str>) -> Reply {
        self.send(Method::GET, uri, token, None, None).await
    }

    pub async fn post(
        &self,
        uri: &str,
        token: Option<&str>,
        if_match: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        self.send(Method::POST, uri, token, if_match, body).await
    }

    pub async fn put(
        &self,
        uri: &str,
        token: Option<&str>,
        if_match: Option<&str>,
        body: Value,
    ) -> Reply {
        self.send(Method::PUT, uri, token, if_match, Some(body))
            .await
    }

    pub async fn patch(
        &self,
        uri: &str,
        token: Option<&str>,
        if_match: Option<&str>,
        body: Value,
    ) -> Reply {
        self.send(Method::PATCH, uri, token, if_match, Some(body))
            .await
    }
}

/// A valid new use case owned by `owner`.
pub fn new_use_case(slug: &str, owner: &str) -> Value {
    serde_json::json!({
        "slug": slug,
        "title": "Automatisk journalisering af post",
        "summary": "Indgående post journaliseres automatisk på den rigtige sag.",
        "owner": owner,
        "domains": ["administration"],
        "primary_category": "intelligent-automation",
        "lifecycle": "pilot",
        "results": [{"metric": "Andel journaliseret automatisk", "value": 70.0, "unit": "%"}],
        "contact": {"name": "Digitaliseringsteamet", "email": "digitalisering@example.dk"}
    })
}
