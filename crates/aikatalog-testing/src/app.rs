//! The whole app in-process: the API and the pages on one seeded database.

use std::sync::Arc;

use actix_service::ServiceExt;
use actix_service::boxed::{self, BoxService};
use actix_web::body::BoxBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::{Method, StatusCode};
use actix_web::test;
use aikatalog_api::AppState;
use aikatalog_api::auth::AuthConfig;
use aikatalog_api::ops::{Operations, RateLimitConfig, RateLimits};
use aikatalog_domain::ai_act::Questionnaire;
use aikatalog_search::SearchIndex;
use aikatalog_state::origin::PublicOrigin;
use aikatalog_storage::testing::TestDb;
use aikatalog_web::AccountConfig;

use crate::{RequestBuilder, TestResponse, index, tokens};

/// The local address actix's test requests arrive on.
const TEST_LOCAL_ADDR: &str = "127.0.0.1:8080";

type Service = BoxService<actix_http::Request, ServiceResponse<BoxBody>, actix_web::Error>;

/// The routes `aikatalog serve` mounts, over a database and an index built from it when the
/// app is made (so a test that changes the database first makes the app after).
pub struct TestApp {
    service: Service,
}

impl TestApp {
    /// The app trusting tokens from [`tokens`].
    pub async fn new(db: &TestDb) -> Self {
        Self::with_auth(db, tokens::auth_config()).await
    }

    /// The app with its own token configuration (e.g. a public key).
    pub async fn with_auth(db: &TestDb, auth: AuthConfig) -> Self {
        Self::build(
            db,
            auth,
            AccountConfig::default(),
            PublicOrigin::default(),
            Self::operations(),
            &RateLimitConfig::off(),
        )
        .await
    }

    /// The app with its own sign-in settings (e.g. the development sign-in on).
    pub async fn with_account(db: &TestDb, account: AccountConfig) -> Self {
        Self::build(
            db,
            tokens::auth_config(),
            account,
            PublicOrigin::default(),
            Self::operations(),
            &RateLimitConfig::off(),
        )
        .await
    }

    /// The app with a public URL and trusted proxies, as `AIKATALOG_PUBLIC_URL` and
    /// `AIKATALOG_TRUSTED_PROXIES` set them.
    pub async fn with_origin(db: &TestDb, origin: PublicOrigin) -> Self {
        Self::build(
            db,
            tokens::auth_config(),
            AccountConfig::default(),
            origin,
            Self::operations(),
            &RateLimitConfig::off(),
        )
        .await
    }

    /// The app over a search index of the test's own, which the test keeps in step with the
    /// database as the server's indexer would (`aikatalog_search::Indexer::catch_up`).
    pub async fn with_index(db: &TestDb, search: Arc<SearchIndex>) -> Self {
        Self::build_with(
            db,
            search,
            tokens::auth_config(),
            AccountConfig::default(),
            PublicOrigin::default(),
            Self::operations(),
            &RateLimitConfig::off(),
            bundled_questionnaire(),
        )
        .await
    }

    /// The operations settings of [`TestApp::new`]: `/metrics` served on the address in-process
    /// requests arrive on, no CORS.
    pub fn operations() -> Operations {
        Operations {
            metrics_bind: Some(TEST_LOCAL_ADDR.parse().expect("an address")),
            ..Operations::default()
        }
    }

    /// The app with its own operations settings and rate limits (off in [`TestApp::new`], so
    /// tests may write as fast as they like).
    pub async fn with_operations(
        db: &TestDb,
        operations: Operations,
        rate_limits: &RateLimitConfig,
    ) -> Self {
        Self::build(
            db,
            tokens::auth_config(),
            AccountConfig::default(),
            PublicOrigin::default(),
            operations,
            rate_limits,
        )
        .await
    }

    /// The app asking another AI Act questionnaire than the bundled one (a newer version, say).
    pub async fn with_questionnaire(db: &TestDb, questionnaire: Questionnaire) -> Self {
        Self::build_with(
            db,
            index(&db.db),
            tokens::auth_config(),
            AccountConfig::default(),
            PublicOrigin::default(),
            Self::operations(),
            &RateLimitConfig::off(),
            questionnaire,
        )
        .await
    }

    /// The middleware and app data `aikatalog serve` mounts, in the same order.
    async fn build(
        db: &TestDb,
        auth: AuthConfig,
        account: AccountConfig,
        origin: PublicOrigin,
        operations: Operations,
        rate_limits: &RateLimitConfig,
    ) -> Self {
        let search = index(&db.db);
        Self::build_with(
            db,
            search,
            auth,
            account,
            origin,
            operations,
            rate_limits,
            bundled_questionnaire(),
        )
        .await
    }

    // Every part of the app a test may replace, spelled out rather than bundled, so each
    // constructor above reads as the list of what it changes.
    #[allow(clippy::too_many_arguments)]
    async fn build_with(
        db: &TestDb,
        search: Arc<SearchIndex>,
        auth: AuthConfig,
        account: AccountConfig,
        origin: PublicOrigin,
        operations: Operations,
        rate_limits: &RateLimitConfig,
        questionnaire: Questionnaire,
    ) -> Self {
        let state = AppState {
            db: db.db.clone(),
            auth: Arc::new(auth),
            search,
            origin,
            ai_act: Arc::new(questionnaire),
            reviews: Default::default(),
        };
        let shared =
            aikatalog_server::Shared::new(state, account, operations, RateLimits::new(rate_limits));
        let service = test::init_service(aikatalog_server::app(shared)).await;
        // Boxed so the type can be named (the body type of `init_service` cannot).
        let service = boxed::service(service.map(ServiceResponse::map_into_boxed_body));
        Self { service }
    }

    pub fn get(&self, uri: &str) -> RequestBuilder<'_> {
        self.request(Method::GET, uri)
    }

    pub fn post(&self, uri: &str) -> RequestBuilder<'_> {
        self.request(Method::POST, uri)
    }

    pub fn put(&self, uri: &str) -> RequestBuilder<'_> {
        self.request(Method::PUT, uri)
    }

    pub fn patch(&self, uri: &str) -> RequestBuilder<'_> {
        self.request(Method::PATCH, uri)
    }

    pub fn delete(&self, uri: &str) -> RequestBuilder<'_> {
        self.request(Method::DELETE, uri)
    }

    pub fn request(&self, method: Method, uri: &str) -> RequestBuilder<'_> {
        RequestBuilder::new(self, method, uri)
    }

    /// A page an anonymous visitor opens, which must answer 200 with HTML.
    pub async fn page(&self, uri: &str) -> TestResponse {
        let page = self.get(uri).await;
        assert_eq!(page.status, StatusCode::OK, "GET {uri}: {}", page.body);
        assert!(
            page.content_type().starts_with("text/html"),
            "GET {uri} is {}",
            page.content_type()
        );
        page
    }

    pub(crate) async fn call(&self, request: actix_http::Request) -> TestResponse {
        TestResponse::read(test::call_service(&self.service, request).await).await
    }
}

fn bundled_questionnaire() -> Questionnaire {
    aikatalog_seed::bundled_questionnaire().expect("the bundled questionnaire is valid")
}
