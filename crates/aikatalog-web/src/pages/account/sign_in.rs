//! The sign-in page. With the development sign-in on (`AIKATALOG_DEV_LOGIN=1`, loopback only)
//! it offers "log ind som" any organisation's editor or a curator; otherwise it says how this
//! server signs people in. After signing in the user returns to the page they came from
//! (`?next=`, same-site paths only).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use aikatalog_domain::OrgKind;
use aikatalog_state::auth::Role;
use askama::Template;

use crate::account::csrf::{CsrfForm, FIELD};
use crate::account::return_to;
use crate::account::session::{self, Identity};
use crate::catalogue::danish_order;
use crate::error::WebError;
use crate::lang::Lang;
use crate::site::{Layout, Site, html, respond};
use crate::urls::Page;

/// The issuer recorded for development sessions.
pub const DEV_ISSUER: &str = "aikatalog-dev-login";

pub struct OrgOption {
    pub code: String,
    pub name: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "account/sign_in.html")]
struct SignInPage {
    l: Layout,
    dev_login: bool,
    /// Where signing in with the identity provider starts, when one is configured.
    provider_href: Option<String>,
    csrf_field: &'static str,
    csrf: String,
    next: String,
    organisations: Vec<OrgOption>,
    curator: bool,
    error: Option<&'static str>,
}

#[derive(Debug, serde::Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn show(
    req: HttpRequest,
    lang: Lang,
    site: Site,
    query: web::Query<NextQuery>,
) -> HttpResponse {
    let next = query
        .next
        .as_deref()
        .and_then(return_to::safe)
        .unwrap_or("")
        .to_owned();
    respond(
        lang,
        render(&req, lang, &site, next, "", false, None, StatusCode::OK).await,
    )
}

#[expect(
    clippy::too_many_arguments,
    reason = "the page's state on first show and after a refused attempt"
)]
async fn render(
    req: &HttpRequest,
    lang: Lang,
    site: &Site,
    next: String,
    org: &str,
    curator: bool,
    error: Option<&'static str>,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let config = session::config_of(req);
    let dev_login = config.dev_login;
    let provider_href = config.oidc.as_ref().map(|_| {
        let mut href = "/auth/login".to_owned();
        if !next.is_empty() {
            href.push_str("?next=");
            href.extend(url::form_urlencoded::byte_serialize(next.as_bytes()));
        }
        href
    });
    let organisations = if dev_login {
        let cat = site.catalogue().await?;
        // Municipalities first (they are the editors), then everyone else, each by name.
        let mut orgs: Vec<_> = cat.organisations.values().collect();
        orgs.sort_by(|a, b| {
            (a.kind != OrgKind::Municipality)
                .cmp(&(b.kind != OrgKind::Municipality))
                .then_with(|| danish_order(&a.name, &b.name))
        });
        orgs.into_iter()
            .map(|o| OrgOption {
                code: o.code.to_string(),
                name: format!("{} ({})", o.name, o.code),
                selected: o.code.as_str() == org,
            })
            .collect()
    } else {
        Vec::new()
    };
    let (csrf, cookie) = session::sign_in_token(req);
    let page = SignInPage {
        l: Layout::new(lang, &Page::SignIn, "", lang.pick("Log ind", "Sign in")),
        dev_login,
        provider_href,
        csrf_field: FIELD,
        csrf,
        next,
        organisations,
        curator,
        error,
    };
    let mut response = html(lang, status, page.render()?);
    if let Some(cookie) = cookie {
        response
            .add_cookie(&cookie)
            .map_err(|e| WebError::Cookie(e.to_string()))?;
    }
    Ok(response)
}

/// `POST /log-ind` with the development sign-in on: signs in as the chosen role and
/// organisation. Not found when the development sign-in is off.
pub async fn dev_sign_in(req: HttpRequest, lang: Lang, site: Site, form: CsrfForm) -> HttpResponse {
    respond(lang, dev_sign_in_inner(&req, lang, &site, &form).await)
}

async fn dev_sign_in_inner(
    req: &HttpRequest,
    lang: Lang,
    site: &Site,
    form: &CsrfForm,
) -> Result<HttpResponse, WebError> {
    if !session::config_of(req).dev_login {
        return Err(WebError::NotFound);
    }
    let next = form
        .get("next")
        .and_then(return_to::safe)
        .unwrap_or("")
        .to_owned();
    let org_field = form.get("org").unwrap_or("").trim().to_owned();
    let role = form.get("role").and_then(Role::parse);
    let org_ref = org_field.as_str();
    let next_ref = next.as_str();
    let curator = role == Some(Role::Curator);
    let refuse = |error| {
        render(
            req,
            lang,
            site,
            next_ref.to_owned(),
            org_ref,
            curator,
            Some(error),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    let Some(role) = role else {
        return refuse(lang.pick(
            "Vælg, om du vil logge ind som redaktør eller kurator.",
            "Choose whether to sign in as an editor or a curator.",
        ))
        .await;
    };
    let cat = site.catalogue().await?;
    let org = match (role, cat.organisation(&org_field)) {
        (_, Some(o)) => Some(o.code.clone()),
        (Role::Curator, None) if org_field.is_empty() => None,
        _ => {
            return refuse(lang.pick(
                "Vælg en organisation fra listen.",
                "Choose an organisation from the list.",
            ))
            .await;
        }
    };
    let name = match (&org, role) {
        (_, Role::Curator) => lang.pick("Udvikler (kurator)", "Developer (curator)"),
        _ => lang.pick("Udvikler (redaktør)", "Developer (editor)"),
    };
    let identity = Identity {
        subject: match &org {
            Some(code) => format!("dev-{}-{code}", role.as_str()),
            None => format!("dev-{}", role.as_str()),
        },
        issuer: DEV_ISSUER.to_owned(),
        name: name.to_owned(),
        role,
        org,
    };
    let cookie = session::start(req, site.db().clone(), identity).await?;
    let target = if next.is_empty() {
        Page::MyWork.path(lang)
    } else {
        next.clone()
    };
    let mut response = HttpResponse::SeeOther()
        .insert_header((header::LOCATION, target))
        .finish();
    response
        .add_cookie(&cookie)
        .map_err(|e| WebError::Cookie(e.to_string()))?;
    Ok(response)
}
