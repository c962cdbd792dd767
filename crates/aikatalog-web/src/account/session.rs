//! Server-side sessions. The browser holds only a random id (256 bits, hex) in an `HttpOnly`,
//! `SameSite=Lax` cookie (`Secure` and `__Host-` prefixed when the site is served over HTTPS);
//! the database holds its hash, who signed in, and the session's CSRF token
//! (`aikatalog_storage::models::sessions`). Every sign-in makes a new id; signing out deletes
//! the row; an expired session is refused, deleted, and its cookie cleared.
//!
//! [`frame`], a middleware around the whole app, resolves the cookie once per page request. It
//! leaves a [`RequestSession`] in the request's extensions for the extractors ([`SignedIn`],
//! [`crate::account::csrf::CsrfForm`]) and makes a [`Frame`] available to the page frame for
//! the rest of the request ([`current_frame`]): the header shows who is signed in on every page
//! without every page handler passing the user along. The frame is task-local, so it is only
//! seen by code running in the request's own task (templates render there, not in
//! `web::block`).

use std::sync::Arc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, ResponseError, web};
use aikatalog_domain::OrgCode;
use aikatalog_state::AppState;
use aikatalog_state::auth::Role;
use aikatalog_storage::models::sessions::{self, NewSession, SessionRow};
use aikatalog_storage::{Database, StorageError};
use chrono::TimeDelta;

use super::config::AccountConfig;
use super::return_to;
use crate::catalogue::CatalogueCache;
use crate::error::WebError;
use crate::lang::Lang;
use crate::site::respond;

/// The session cookie's name over plain HTTP; over HTTPS it gets the `__Host-` prefix, which
/// browsers only accept from a secure origin, for path `/` and without a domain.
const SESSION_COOKIE: &str = "aikatalog_session";
/// The short-lived cookie that carries the sign-in form's CSRF token before there is a session.
const SIGN_IN_COOKIE: &str = "aikatalog_signin";
/// A session's last use is written at most this often, not on every page.
const TOUCH_EVERY_SECONDS: i64 = 60;
/// How long the sign-in form's token lives.
const SIGN_IN_MINUTES: i64 = 30;

/// Who is signed in, as their session says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub subject: String,
    pub issuer: String,
    pub name: String,
    pub role: Role,
    /// The organisation an editor acts for (a curator may have none).
    pub org: Option<OrgCode>,
    /// The organisation's name, for the header, when the reference data knows it.
    pub org_name: Option<String>,
    /// The token every state-changing form of this session carries in its `csrf` field.
    pub csrf_token: String,
}

impl Viewer {
    pub fn is_curator(&self) -> bool {
        self.role == Role::Curator
    }

    /// Whether this user may see unpublished states of, and change, an entry owned by `owner`;
    /// the same rule as the API's.
    pub fn may_edit(&self, owner: &str) -> bool {
        self.is_curator() || self.org.as_ref().is_some_and(|o| o.as_str() == owner)
    }

    /// The signed-in user as the publishing service knows them.
    pub fn caller(&self) -> aikatalog_publishing::Caller {
        aikatalog_publishing::Caller {
            subject: self.subject.clone(),
            role: self.role,
            org: self.org.clone(),
        }
    }

    fn from_row(row: SessionRow) -> Option<Viewer> {
        let role = Role::parse(&row.role)?;
        let org = match row.org_code {
            Some(code) => Some(OrgCode::try_from(code).ok()?),
            None => None,
        };
        if role == Role::Editor && org.is_none() {
            return None;
        }
        Some(Viewer {
            subject: row.subject,
            issuer: row.issuer,
            name: row.display_name,
            role,
            org,
            org_name: None,
            csrf_token: row.csrf_token,
        })
    }
}

/// What [`frame`] found for this request.
#[derive(Debug, Clone, Default)]
pub struct RequestSession {
    /// The session id from the cookie, if the cookie named a live session.
    pub raw_id: Option<String>,
    pub viewer: Option<Arc<Viewer>>,
    /// The sign-in form's token, from its cookie.
    pub sign_in_token: Option<String>,
}

impl RequestSession {
    pub fn of(req: &HttpRequest) -> RequestSession {
        req.extensions()
            .get::<RequestSession>()
            .cloned()
            .unwrap_or_default()
    }
}

/// What the page frame shows about signing in: who is signed in, and whether the development
/// sign-in is on (a banner on every page says so).
#[derive(Debug, Clone, Default)]
pub struct Frame {
    pub viewer: Option<Arc<Viewer>>,
    pub dev_login: bool,
}

tokio::task_local! {
    static FRAME: Frame;
}

/// The frame of the request being served; signed out outside [`frame`].
pub fn current_frame() -> Frame {
    FRAME.try_with(Clone::clone).unwrap_or_default()
}

/// The configuration registered by the binary, or the safe default.
pub fn config_of(req: &HttpRequest) -> AccountConfig {
    req.app_data::<web::Data<AccountConfig>>()
        .map(|c| c.get_ref().clone())
        .unwrap_or_default()
}

fn cookie_name(base: &str, config: &AccountConfig) -> String {
    if config.secure_cookies {
        format!("__Host-{base}")
    } else {
        base.to_owned()
    }
}

fn cookie(config: &AccountConfig, base: &str, value: String) -> Cookie<'static> {
    Cookie::build(cookie_name(base, config), value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(config.secure_cookies)
        .finish()
}

/// A cookie that deletes the named one.
fn removal(config: &AccountConfig, base: &str) -> Cookie<'static> {
    let mut c = cookie(config, base, String::new());
    c.make_removal();
    c
}

/// 256 random bits as hex, from the operating system's generator via `rand`'s thread RNG.
fn random_token() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

/// Whether the path is a page (not the API, its documentation or static files), so the session
/// is looked up only where it is used.
fn is_page(path: &str) -> bool {
    !["/api/", "/docs", "/static/"]
        .iter()
        .any(|p| path.starts_with(p))
}

/// The middleware around the app that resolves the session cookie (see the module docs).
pub async fn frame(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if !is_page(req.path()) {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    let config = config_of(req.request());
    let raw = req
        .cookie(&cookie_name(SESSION_COOKIE, &config))
        .map(|c| c.value().to_owned());
    let sign_in_token = req
        .cookie(&cookie_name(SIGN_IN_COOKIE, &config))
        .map(|c| c.value().to_owned());
    let mut found = RequestSession {
        sign_in_token,
        ..RequestSession::default()
    };
    let mut clear_cookie = false;
    if let Some(raw) = raw {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let cache = req.app_data::<web::Data<CatalogueCache>>().cloned();
        let (Some(state), Some(cache)) = (state, cache) else {
            return Err(actix_web::error::ErrorInternalServerError(
                "the web pages are not configured",
            ));
        };
        let idle = config.idle_timeout;
        let id = raw.clone();
        let looked_up = web::block(move || resolve(&state.db, &cache, &id, idle))
            .await
            .map_err(WebError::from)
            .and_then(|r| r.map_err(WebError::from));
        match looked_up {
            Ok(Some(viewer)) => {
                found.raw_id = Some(raw);
                found.viewer = Some(Arc::new(viewer));
            }
            Ok(None) => clear_cookie = true,
            Err(e) => {
                let lang = Lang::of_path(req.path());
                let response = respond(lang, Err(e));
                return Ok(req.into_response(response).map_into_right_body());
            }
        }
    }
    let frame = Frame {
        viewer: found.viewer.clone(),
        dev_login: config.dev_login,
    };
    req.extensions_mut().insert(found);
    let mut response = FRAME.scope(frame, next.call(req)).await?;
    if clear_cookie {
        response
            .response_mut()
            .add_removal_cookie(&removal(&config, SESSION_COOKIE))?;
    }
    Ok(response.map_into_left_body())
}

/// The live session `raw` names, refreshing its last use; an expired one is deleted. `None`
/// for an unknown, expired or unreadable session, whose cookie should go.
fn resolve(
    db: &Database,
    cache: &CatalogueCache,
    raw: &str,
    idle: TimeDelta,
) -> Result<Option<Viewer>, StorageError> {
    let now = aikatalog_storage::models::now();
    let Some(row) = db.read(|c| sessions::find(c, raw))? else {
        return Ok(None);
    };
    if row.has_expired(now, idle) {
        db.write(|c| sessions::delete(c, raw))?;
        return Ok(None);
    }
    if now - row.last_seen_at >= TimeDelta::seconds(TOUCH_EVERY_SECONDS) {
        db.write(|c| sessions::touch(c, raw, now))?;
    }
    let Some(mut viewer) = Viewer::from_row(row) else {
        return Ok(None);
    };
    if let Some(org) = &viewer.org {
        viewer.org_name = cache
            .get(db)?
            .organisation(org.as_str())
            .map(|o| o.name.clone());
    }
    Ok(Some(viewer))
}

/// Who signs in, as the identity provider (or the development sign-in) vouches.
#[derive(Debug, Clone)]
pub struct Identity {
    pub subject: String,
    pub issuer: String,
    pub name: String,
    pub role: Role,
    pub org: Option<OrgCode>,
}

/// Starts a new session for `who`, ending the request's old one if any (a new id at every
/// sign-in, so an id planted before sign-in is worth nothing), and sweeps expired sessions.
/// Returns the cookie to set.
pub async fn start(
    req: &HttpRequest,
    db: Database,
    who: Identity,
) -> Result<Cookie<'static>, WebError> {
    let config = config_of(req);
    let old = RequestSession::of(req).raw_id;
    let raw = random_token();
    let id = raw.clone();
    web::block(move || {
        let now = aikatalog_storage::models::now();
        db.write(|c| {
            if let Some(old) = &old {
                sessions::delete(c, old)?;
            }
            sessions::delete_expired(c, now, config.idle_timeout)?;
            sessions::create(
                c,
                &id,
                NewSession {
                    subject: who.subject,
                    issuer: who.issuer,
                    display_name: who.name,
                    role: who.role.as_str().to_owned(),
                    org_code: who.org.map(|o| o.to_string()),
                    csrf_token: random_token(),
                },
                now,
                config.absolute_timeout,
            )
        })
    })
    .await??;
    Ok(cookie(&config_of(req), SESSION_COOKIE, raw))
}

/// Ends the request's session, if any; returns the cookie that clears it.
pub async fn end(req: &HttpRequest, db: Database) -> Result<Cookie<'static>, WebError> {
    if let Some(raw) = RequestSession::of(req).raw_id {
        web::block(move || db.write(|c| sessions::delete(c, &raw))).await??;
    }
    Ok(removal(&config_of(req), SESSION_COOKIE))
}

/// The token for the sign-in form, and the cookie to set when the browser has none yet.
pub fn sign_in_token(req: &HttpRequest) -> (String, Option<Cookie<'static>>) {
    let found = RequestSession::of(req);
    if let Some(viewer) = &found.viewer {
        return (viewer.csrf_token.clone(), None);
    }
    if let Some(token) = found.sign_in_token.filter(|t| t.len() == 64) {
        return (token, None);
    }
    let token = random_token();
    let mut c = cookie(&config_of(req), SIGN_IN_COOKIE, token.clone());
    c.set_max_age(CookieDuration::minutes(SIGN_IN_MINUTES));
    (token, Some(c))
}

/// A cookie of the sign-in machinery (same flags as the session's) that lives `minutes`.
pub fn short_cookie(req: &HttpRequest, base: &str, value: String, minutes: i64) -> Cookie<'static> {
    let mut c = cookie(&config_of(req), base, value);
    c.set_max_age(CookieDuration::minutes(minutes));
    c
}

/// The value of a cookie of the sign-in machinery, by its base name.
pub fn read_cookie(req: &HttpRequest, base: &str) -> Option<String> {
    req.cookie(&cookie_name(base, &config_of(req)))
        .map(|c| c.value().to_owned())
}

/// The cookie that deletes one of the sign-in machinery's cookies.
pub fn removal_cookie(req: &HttpRequest, base: &str) -> Cookie<'static> {
    removal(&config_of(req), base)
}

/// A fresh random token (256 bits, hex).
pub fn new_token() -> String {
    random_token()
}

/// The signed-in user; a signed-out one is sent to sign in and brought back here afterwards.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Arc<Viewer>);

impl FromRequest for SignedIn {
    type Error = SignInFirst;
    type Future = std::future::Ready<Result<Self, SignInFirst>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        std::future::ready(match RequestSession::of(req).viewer {
            Some(viewer) => Ok(SignedIn(viewer)),
            None => {
                let here = match req.query_string() {
                    "" => req.path().to_owned(),
                    q => format!("{}?{q}", req.path()),
                };
                let lang = Lang::of_path(req.path());
                Err(SignInFirst(return_to::sign_in_then(
                    &crate::urls::Page::SignIn.path(lang),
                    &here,
                )))
            }
        })
    }
}

/// "Sign in first": a redirect to the sign-in page, which returns to the page asked for.
#[derive(Debug, thiserror::Error)]
#[error("sign in first")]
pub struct SignInFirst(String);

impl ResponseError for SignInFirst {
    fn status_code(&self) -> StatusCode {
        StatusCode::SEE_OTHER
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::SeeOther().finish();
        if let Ok(value) = HeaderValue::from_str(&self.0) {
            response.headers_mut().insert(header::LOCATION, value);
        }
        response
    }
}
