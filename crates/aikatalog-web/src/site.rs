//! What every page handler shares: the [`Site`] extractor (database, snapshot cache, search
//! index), the page [`Layout`], and turning a rendered page or an error into a response.

use std::future::{Ready, ready};
use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{FromRequest, HttpRequest, HttpResponse, HttpResponseBuilder, dev::Payload, web};
use aikatalog_search::SearchIndex;
use aikatalog_state::AppState;
use aikatalog_storage::Database;
use askama::Template;

use crate::account::session::Frame;
use crate::catalogue::{Catalogue, CatalogueCache};
use crate::error::WebError;
use crate::lang::Lang;
use crate::texts::Texts;
use crate::urls::{Page, Urls};

/// The data a page handler reads.
pub struct Site {
    db: Database,
    cache: web::Data<CatalogueCache>,
    index: Arc<SearchIndex>,
    reviews: aikatalog_domain::ReviewPolicy,
}

impl FromRequest for Site {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>();
        let cache = req.app_data::<web::Data<CatalogueCache>>();
        ready(match (state, cache) {
            (Some(state), Some(cache)) => Ok(Site {
                db: state.db.clone(),
                cache: cache.clone(),
                index: state.search.clone(),
                reviews: state.reviews,
            }),
            // A wiring mistake, not a request problem: the pages were registered without
            // `aikatalog_web::routes` or without the shared state.
            _ => Err(actix_web::error::ErrorInternalServerError(
                "the web pages are not configured",
            )),
        })
    }
}

impl Site {
    /// The current snapshot of the public catalogue.
    pub async fn catalogue(&self) -> Result<Arc<Catalogue>, WebError> {
        let db = self.db.clone();
        let cache = self.cache.clone();
        Ok(web::block(move || cache.get(&db)).await??)
    }

    pub fn db(&self) -> &Database {
        &self.db
    }

    /// When published entries are due for review.
    pub fn reviews(&self) -> aikatalog_domain::ReviewPolicy {
        self.reviews
    }

    /// The search index (`aikatalog-search`), which the API's state carries.
    pub fn index(&self) -> &Arc<SearchIndex> {
        &self.index
    }
}

/// Runs blocking work (queries, searches) off the async workers.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, WebError> + Send + 'static,
) -> Result<T, WebError> {
    web::block(f).await?
}

/// Which part of the site a page belongs to, for the navigation's `aria-current`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Home,
    Search,
    Categories,
    Municipalities,
    Algorithms,
    Other,
}

impl Section {
    fn of(page: &Page) -> Section {
        match page {
            Page::Home => Section::Home,
            Page::Search
            | Page::SearchCsv
            | Page::SearchJson
            | Page::UseCase(_)
            | Page::UseCasesCsv
            | Page::UseCasesJson => Section::Search,
            Page::Categories | Page::Category(_) => Section::Categories,
            Page::Municipalities | Page::Municipality(_) | Page::Organisation(_) => {
                Section::Municipalities
            }
            Page::Algorithms | Page::Algorithm(_) | Page::AlgorithmsCsv | Page::AlgorithmsJson => {
                Section::Algorithms
            }
            Page::About
            | Page::Accessibility
            | Page::ApiDocs
            | Page::SignIn
            | Page::SignOut
            | Page::MyWork
            | Page::ReviewQueue
            | Page::Review(..)
            | Page::ReferenceData
            | Page::ReferenceRecord(..)
            | Page::ReferenceHistory(..)
            | Page::NewEntry(_)
            | Page::EditEntry(..)
            | Page::PreviewEntry(..)
            | Page::Correction(_)
            | Page::Statistics => Section::Other,
            Page::SuggestCorrection(kind, _)
            | Page::CorrectionReceived(kind, _)
            | Page::Adopt(kind, _) => match kind {
                aikatalog_domain::EntryKind::UseCase => Section::Search,
                aikatalog_domain::EntryKind::Algorithm => Section::Algorithms,
            },
        }
    }
}

/// What the shared page frame (`base.html`) shows.
pub struct Layout {
    pub lang: Lang,
    pub t: &'static Texts,
    pub u: Urls,
    /// The page's own title; the frame adds the site's name.
    pub title: String,
    pub section: Section,
    /// This page in Danish and in English, with the same query.
    pub href_da: String,
    pub href_en: String,
    /// Who is signed in, and whether the development sign-in is on (the header and banner).
    pub account: Frame,
}

impl Layout {
    pub fn new(lang: Lang, page: &Page, query: &str, title: impl Into<String>) -> Layout {
        let with_query = |path: String| {
            if query.is_empty() {
                path
            } else {
                format!("{path}?{query}")
            }
        };
        Layout {
            lang,
            t: lang.t(),
            u: Urls { lang },
            title: title.into(),
            section: Section::of(page),
            href_da: with_query(page.path(Lang::Da)),
            href_en: with_query(page.path(Lang::En)),
            account: crate::account::session::current_frame(),
        }
    }

    /// The stylesheet's address, named by a hash of its bytes.
    pub fn style_href(&self) -> &'static str {
        &crate::assets::STYLE.href
    }

    /// The script's address, named by a hash of its bytes.
    pub fn script_href(&self) -> &'static str {
        &crate::assets::SCRIPT.href
    }

    /// The link of the language switch: this page in the other language.
    pub fn switch_href(&self) -> &str {
        match self.lang {
            Lang::Da => &self.href_en,
            Lang::En => &self.href_da,
        }
    }

    /// The header's sign-in link, which returns to this page.
    pub fn sign_in_href(&self) -> String {
        let here = match self.lang {
            Lang::Da => &self.href_da,
            Lang::En => &self.href_en,
        };
        let sign_in = self.u.sign_in();
        // On the sign-in page itself, returning to it would only show it again.
        if here.starts_with(&sign_in) {
            return sign_in;
        }
        crate::account::return_to::sign_in_then(&sign_in, here)
    }

    /// Whether the page belongs to the navigation entry `name` (`search`, `categories`, …).
    pub fn current(&self, name: &str) -> bool {
        let mine = match self.section {
            Section::Home => "home",
            Section::Search => "search",
            Section::Categories => "categories",
            Section::Municipalities => "municipalities",
            Section::Algorithms => "algorithms",
            Section::Other => "",
        };
        mine == name
    }
}

/// Headers every page carries: nothing is loaded from elsewhere, nothing is sniffed.
fn secure(builder: &mut HttpResponseBuilder, lang: Lang) {
    builder
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                 object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
            ),
        ))
        .insert_header((
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .insert_header((
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .insert_header((header::CONTENT_LANGUAGE, lang.code()));
}

/// A rendered page as a response.
pub fn html(lang: Lang, status: StatusCode, body: String) -> HttpResponse {
    let mut builder = HttpResponse::build(status);
    secure(&mut builder, lang);
    builder.content_type("text/html; charset=utf-8").body(body)
}

/// Renders a template as a 200 page.
pub fn page(lang: Lang, template: &impl Template) -> Result<HttpResponse, WebError> {
    Ok(html(lang, StatusCode::OK, template.render()?))
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    l: Layout,
    heading: &'static str,
    message: String,
}

/// Turns a handler's outcome into a response; failures become an error page in the page's
/// language. The one place web errors are logged.
pub fn respond(lang: Lang, result: Result<HttpResponse, WebError>) -> HttpResponse {
    let err = match result {
        Ok(response) => return response,
        Err(err) => err,
    };
    let status = err.status();
    if status.is_server_error() {
        tracing::error!(error = %err, cause = ?err, "a web page failed");
    }
    let t = lang.t();
    let (heading, message) = match err {
        WebError::NotFound => (t.not_found, t.not_found_text.to_owned()),
        ref e if e.database_unavailable() => (t.unavailable, t.unavailable_text.to_owned()),
        ref e => match crate::error::search_problem(e, lang) {
            Some(problem) => (
                lang.pick("Søgningen kan ikke udføres", "The search cannot be run"),
                problem,
            ),
            None => (t.server_error, t.server_error_text.to_owned()),
        },
    };
    let page = ErrorPage {
        l: Layout::new(lang, &Page::Home, "", heading),
        heading,
        message,
    };
    let mut response = match page.render() {
        Ok(body) => html(lang, status, body),
        Err(e) => {
            tracing::error!(error = %e, "the error page failed to render");
            HttpResponse::build(status).body(heading)
        }
    };
    if status == StatusCode::SERVICE_UNAVAILABLE {
        // A 503 is expected to pass; half a minute spares the database a stampede.
        response.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from_static(RETRY_AFTER_SECONDS),
        );
    }
    response
}

/// What a 503 asks clients to wait before trying again.
const RETRY_AFTER_SECONDS: &str = "30";
