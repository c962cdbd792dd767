//! Signing in with the identity provider: `/auth/login` starts, `/auth/callback` finishes (see
//! `crate::account::oidc` for the protocol). A user whose claims name no organisation the
//! catalogue knows, or no role it knows, is told so in Danish and English and gets no session.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use aikatalog_state::auth::Role;
use aikatalog_storage::models::sign_in_attempts::{self, NewAttempt};
use chrono::TimeDelta;

use crate::account::csrf::matches;
use crate::account::oidc::{ATTEMPT_MINUTES, OidcError};
use crate::account::session::{self, Identity};
use crate::account::{refusal, return_to};
use crate::error::WebError;
use crate::lang::Lang;
use crate::site::{Site, respond};
use crate::urls::Page;

/// The cookie that ties the browser to its sign-in attempt.
const ATTEMPT_COOKIE: &str = "aikatalog_oidc";

#[derive(Debug, serde::Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

/// `GET /auth/login?next=…`: to the provider. Not found when no provider is configured.
pub async fn start(req: HttpRequest, site: Site, query: web::Query<StartQuery>) -> HttpResponse {
    let next = query
        .next
        .as_deref()
        .and_then(return_to::safe)
        .unwrap_or("")
        .to_owned();
    let lang = Lang::of_path(&next);
    respond(lang, start_inner(&req, &site, next).await)
}

async fn start_inner(
    req: &HttpRequest,
    site: &Site,
    next: String,
) -> Result<HttpResponse, WebError> {
    let Some(oidc) = session::config_of(req).oidc else {
        return Err(WebError::NotFound);
    };
    let db = site.db().clone();
    let raw = session::new_token();
    let id = raw.clone();
    let url = web::block(move || -> Result<Result<String, OidcError>, WebError> {
        let authorization = match oidc.authorize() {
            Ok(a) => a,
            Err(e) => return Ok(Err(e)),
        };
        db.write(|c| {
            sign_in_attempts::create(
                c,
                &id,
                NewAttempt {
                    csrf_state: authorization.csrf_state,
                    pkce_verifier: authorization.pkce_verifier,
                    nonce: authorization.nonce,
                    return_to: next,
                },
                aikatalog_storage::models::now(),
                TimeDelta::minutes(ATTEMPT_MINUTES),
            )
        })?;
        Ok(Ok(authorization.url))
    })
    .await??;
    let url = match url {
        Ok(url) => url,
        Err(e) => {
            tracing::error!(error = %e, "cannot start a sign-in with the identity provider");
            let lang = Lang::Da;
            return Ok(unavailable(lang));
        }
    };
    let mut response = HttpResponse::SeeOther()
        .insert_header((header::LOCATION, url))
        .finish();
    response
        .add_cookie(&session::short_cookie(
            req,
            ATTEMPT_COOKIE,
            raw,
            ATTEMPT_MINUTES,
        ))
        .map_err(|e| WebError::Cookie(e.to_string()))?;
    Ok(response)
}

fn unavailable(lang: Lang) -> HttpResponse {
    refusal::page(
        lang,
        StatusCode::BAD_GATEWAY,
        lang.pick(
            "Log-ind virker ikke lige nu",
            "Sign-in does not work right now",
        ),
        lang.pick(
            "Vi kunne ikke få forbindelse til log-ind-tjenesten. Prøv igen om lidt.",
            "We could not reach the sign-in service. Please try again shortly.",
        ),
    )
}

#[derive(Debug, serde::Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
}

/// `GET /auth/callback?code=…&state=…`: back from the provider.
pub async fn callback(
    req: HttpRequest,
    site: Site,
    query: web::Query<CallbackQuery>,
) -> HttpResponse {
    let lang = Lang::Da;
    let outcome = callback_inner(&req, &site, query.into_inner()).await;
    // Whatever happened, the attempt is used up.
    let mut response = respond(lang, outcome);
    if let Err(e) = response.add_removal_cookie(&session::removal_cookie(&req, ATTEMPT_COOKIE)) {
        tracing::error!(error = %e, "cannot clear the sign-in attempt cookie");
    }
    response
}

/// Refused: the attempt is unknown, expired or its state differs (a forged or replayed
/// callback), or the provider refused.
fn refused(lang: Lang) -> HttpResponse {
    refusal::page(
        lang,
        StatusCode::BAD_REQUEST,
        lang.pick("Log-ind lykkedes ikke", "Sign-in did not succeed"),
        lang.pick(
            "Log-ind kunne ikke gennemføres eller er udløbet. Start forfra fra \"Log ind\".",
            "The sign-in could not be completed or has expired. Start again from \"Sign in\".",
        ),
    )
}

async fn callback_inner(
    req: &HttpRequest,
    site: &Site,
    query: CallbackQuery,
) -> Result<HttpResponse, WebError> {
    let Some(oidc) = session::config_of(req).oidc else {
        return Err(WebError::NotFound);
    };
    let (Some(raw), Some(code), Some(state)) = (
        session::read_cookie(req, ATTEMPT_COOKIE),
        query.code,
        query.state,
    ) else {
        tracing::warn!("a sign-in callback without its attempt, code or state was refused");
        return Ok(refused(Lang::Da));
    };
    let db = site.db().clone();
    let attempt = web::block(move || {
        db.write(|c| {
            sign_in_attempts::take(
                c,
                &raw,
                aikatalog_storage::models::now(),
                TimeDelta::minutes(ATTEMPT_MINUTES),
            )
        })
    })
    .await??;
    let Some(attempt) = attempt.filter(|a| matches(&a.csrf_state, &state)) else {
        // The hook for a limiter of failed authentication: every refused callback passes here.
        tracing::warn!("a sign-in callback with an unknown attempt or a wrong state was refused");
        return Ok(refused(Lang::Da));
    };
    let lang = Lang::of_path(&attempt.return_to);
    let (verifier, nonce) = (attempt.pkce_verifier.clone(), attempt.nonce.clone());
    let identity = web::block(move || oidc.finish(&code, &verifier, &nonce)).await?;
    let identity = match identity {
        Ok(identity) => identity,
        Err(e) => {
            tracing::warn!(error = %e, "a sign-in with the identity provider failed");
            return Ok(refused(lang));
        }
    };
    let cat = site.catalogue().await?;
    let org = identity
        .org
        .as_deref()
        .and_then(|code| cat.organisation(code))
        .map(|o| o.code.clone());
    let role = identity.role;
    let (Some(role), true) = (role, org.is_some() || role == Some(Role::Curator)) else {
        tracing::info!(
            subject = %identity.subject,
            "a sign-in was refused: no known organisation or role in the claims"
        );
        return Ok(unknown_account(lang));
    };
    let who = Identity {
        subject: identity.subject,
        issuer: identity.issuer,
        name: identity.name,
        role,
        org,
    };
    let cookie = session::start(req, site.db().clone(), who).await?;
    let target = if attempt.return_to.is_empty() {
        Page::MyWork.path(lang)
    } else {
        attempt.return_to
    };
    let mut response = HttpResponse::SeeOther()
        .insert_header((header::LOCATION, target))
        .finish();
    response
        .add_cookie(&cookie)
        .map_err(|e| WebError::Cookie(e.to_string()))?;
    Ok(response)
}

fn unknown_account(lang: Lang) -> HttpResponse {
    refusal::page(
        lang,
        StatusCode::FORBIDDEN,
        lang.pick(
            "Din konto kan ikke bruges i AI-kataloget",
            "Your account cannot be used in AI-kataloget",
        ),
        lang.pick(
            "Du er logget ind hos din organisation, men kontoen er ikke knyttet til en \
             organisation, kataloget kender, eller til rollen redaktør eller kurator. Kontakt \
             din organisations it-afdeling eller KL, så kontoen får de rigtige oplysninger.",
            "You signed in with your organisation, but the account is not linked to an \
             organisation the catalogue knows or to the editor or curator role. Ask your \
             organisation's IT department or KL to give the account the right details.",
        ),
    )
}
