//! The test app and helpers that read a page the way a person does: its visible text.

use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::HeaderMap;
use actix_web::test::{self, TestRequest};
use actix_web::{App, web};
use aikatalog_api::AppState;
use aikatalog_api::auth::AuthConfig;
use aikatalog_storage::testing::{TestDb, backends, fresh};

/// A fresh database on `backend` with the bundled seed data.
pub fn seeded(backend: aikatalog_storage::Backend) -> TestDb {
    let db = fresh(backend);
    aikatalog_seed::import_sources(&db.db, &aikatalog_seed::seed_sources(), false)
        .expect("the bundled seed data imports");
    db
}

/// Runs an async test once per backend on a freshly seeded database.
pub async fn each_seeded<F, Fut>(mut test: F)
where
    F: FnMut(TestDb) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for backend in backends() {
        eprintln!("-- on the {backend} backend");
        test(seeded(backend)).await;
    }
}

/// A page as the browser receives it.
#[derive(Debug)]
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    /// The text a person reads: tags dropped, entities decoded, whitespace collapsed.
    pub fn text(&self) -> String {
        visible_text(&self.body)
    }

    pub fn content_type(&self) -> &str {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Asserts the page's text contains every one of `wanted`.
    #[track_caller]
    pub fn shows(&self, wanted: &[&str]) {
        let text = self.text();
        for w in wanted {
            assert!(
                text.contains(w),
                "the page does not show {w:?}; it shows:\n{text}"
            );
        }
    }

    #[track_caller]
    pub fn does_not_show(&self, unwanted: &[&str]) {
        let text = self.text();
        for w in unwanted {
            assert!(!text.contains(w), "the page shows {w:?}:\n{text}");
        }
    }

    /// The `href`s of the page's links, in order.
    pub fn links(&self) -> Vec<String> {
        attribute_values(&self.body, "href")
    }
}

pub fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // Script and style contents are not visible; neither is the SVG's title/desc markup, but
    // its text labels are, as they are drawn.
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let skip_to = if after.starts_with("<script") {
            after.find("</script>").map(|i| i + "</script>".len())
        } else if after.starts_with("<style") {
            after.find("</style>").map(|i| i + "</style>".len())
        } else {
            after.find('>').map(|i| i + 1)
        };
        out.push(' ');
        match skip_to {
            Some(i) => rest = &after[i..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    decode_entities(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        // Punctuation right after an element reads as a person sees it.
        .replace(" ,", ",")
        .replace(" .", ".")
        .replace(" )", ")")
        .replace("( ", "(")
}

/// Decodes the entities templates write: named ones and numeric (`&#62;`, `&#x2f;`).
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[1..e];
            let c = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "amp" => Some('&'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every value of `attr="…"` in document order, entities decoded.
pub fn attribute_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let from = &rest[i + needle.len()..];
        let end = from.find('"').unwrap_or(from.len());
        out.push(decode_entities(&from[..end]));
        rest = &from[end..];
    }
    out
}

/// The elements' opening tags that contain `fragment`, for checking attributes.
pub fn tags_with<'a>(html: &'a str, fragment: &str) -> Vec<&'a str> {
    html.split('<')
        .filter(|t| t.contains(fragment))
        .map(|t| t.split('>').next().unwrap_or(t))
        .collect()
}

pub struct TestApp<S> {
    service: S,
}

pub fn auth() -> AuthConfig {
    AuthConfig::hs256(
        b"test-secret-of-at-least-thirty-two-bytes!",
        "aikatalog-test",
        "aikatalog-api",
    )
}

/// A search index in memory, built from the database as it is now.
pub fn index(db: &aikatalog_storage::Database) -> Arc<aikatalog_search::SearchIndex> {
    let synonyms =
        aikatalog_search::Synonyms::parse(aikatalog_search::synonyms::BUNDLED, "bundled")
            .expect("the bundled synonym list parses");
    let index = aikatalog_search::SearchIndex::in_memory(Arc::new(synonyms)).expect("an index");
    aikatalog_search::rebuild::fill(&index, db).expect("the index fills from the database");
    Arc::new(index)
}

/// The API and the pages, mounted as `aikatalog serve` mounts them, with an index built from
/// the database as it is now.
pub async fn app(
    db: &TestDb,
) -> TestApp<
    impl Service<
        actix_http::Request,
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
    >,
> {
    let state = AppState {
        db: db.db.clone(),
        auth: Arc::new(auth()),
        search: index(&db.db),
    };
    let service = test::init_service(
        App::new()
            .app_data(web::Data::new(state))
            .configure(aikatalog_api::routes)
            .configure(aikatalog_web::routes),
    )
    .await;
    TestApp { service }
}

impl<S, B> TestApp<S>
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    pub async fn get(&self, uri: &str) -> Page {
        let response =
            test::call_service(&self.service, TestRequest::get().uri(uri).to_request()).await;
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = test::read_body(response).await;
        Page {
            status,
            headers,
            body: String::from_utf8(bytes.to_vec()).expect("pages are UTF-8"),
        }
    }

    /// A page that must answer 200 with HTML.
    pub async fn page(&self, uri: &str) -> Page {
        let page = self.get(uri).await;
        assert_eq!(page.status, StatusCode::OK, "GET {uri}: {}", page.text());
        assert!(
            page.content_type().starts_with("text/html"),
            "GET {uri} is {}",
            page.content_type()
        );
        page
    }
}

#[test]
fn visible_text_drops_tags_and_decodes() {
    assert_eq!(
        visible_text("<p>A &amp; B</p>\n<script>x()</script><b>C</b>, D"),
        "A & B C, D"
    );
}
