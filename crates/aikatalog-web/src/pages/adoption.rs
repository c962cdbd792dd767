//! "Vi bruger den også" ("We use it too"): on a published entry's page, a signed-in editor
//! whose organisation does not own it declares that the organisation uses it, with an optional
//! note, through the publishing service (the same rules as the API's adoptions); the page then
//! lists the organisation among the adopters. An organisation that already uses it is told so
//! and may withdraw the declaration. The form posts to `/use-cases/{slug}/vi-bruger-den`
//! (`/en/use-cases/{slug}/we-use-it`, and the same under the algorithms) with the session's
//! CSRF token; a note with a problem comes back on a page of its own, kept.

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use aikatalog_domain::{Algorithm, EntryKind, EntryMeta, UseCase};
use aikatalog_publishing::{AdoptionRequest, PublishError};
use askama::Template;

use crate::account::csrf::CsrfForm;
use crate::account::refusal;
use crate::account::session::{SignedIn, Viewer, current_frame};
use crate::error::WebError;
use crate::format;
use crate::lang::Lang;
use crate::site::{Layout, Site, blocking, html, respond};
use crate::urls::{Page, ReusePatterns};

/// The adoption form on an entry's page.
pub struct AdoptBox {
    pub action: String,
    pub csrf: String,
    /// The viewer's organisation, as the header names it.
    pub org_name: String,
    /// Since when the organisation uses the entry, when it has said so already.
    pub since: Option<String>,
    pub note: String,
    pub note_error: Option<String>,
}

/// The box for the signed-in viewer of this request, if they are an editor of another
/// organisation than `owner`.
pub fn adopt_box(
    kind: EntryKind,
    slug: &str,
    owner: &str,
    meta: Option<&EntryMeta>,
    lang: Lang,
) -> Option<AdoptBox> {
    let viewer = current_frame().viewer?;
    let org = viewer.org.as_ref().filter(|_| !viewer.is_curator())?;
    if org.as_str() == owner {
        return None;
    }
    let mine = meta
        .map(|m| m.adopted_by.as_slice())
        .unwrap_or_default()
        .iter()
        .find(|a| &a.organisation == org);
    Some(AdoptBox {
        action: Page::Adopt(kind, slug.to_owned()).path(lang),
        csrf: viewer.csrf_token.clone(),
        org_name: viewer.org_name.clone().unwrap_or_else(|| org.to_string()),
        since: mine.map(|a| format::date(a.adopted_on, lang)),
        note: mine.and_then(|a| a.note.clone()).unwrap_or_default(),
        note_error: None,
    })
}

#[derive(Template)]
#[template(path = "adoption.html")]
struct AdoptionPage {
    l: Layout,
    entry_title: String,
    entry_href: String,
    adopt: AdoptBox,
}

/// Registers the form's target for both kinds in both languages.
pub fn routes(cfg: &mut web::ServiceConfig) {
    for lang in [Lang::Da, Lang::En] {
        for (kind, pattern) in ReusePatterns::of(lang).adopt {
            cfg.route(
                &pattern,
                web::post().to(
                    move |lang: Lang,
                          site: Site,
                          viewer: SignedIn,
                          slug: web::Path<String>,
                          form: CsrfForm| {
                        post(lang, site, viewer, kind, slug.into_inner(), form)
                    },
                ),
            );
        }
    }
}

fn entry_page(kind: EntryKind, slug: &str, lang: Lang) -> String {
    match kind {
        EntryKind::UseCase => Page::UseCase(slug.to_owned()),
        EntryKind::Algorithm => Page::Algorithm(slug.to_owned()),
    }
    .path(lang)
}

fn refused(lang: Lang, status: StatusCode, why: &str) -> HttpResponse {
    refusal::page(
        lang,
        status,
        lang.pick("Det kan ikke registreres", "This cannot be recorded"),
        why,
    )
}

async fn post(
    lang: Lang,
    site: Site,
    SignedIn(viewer): SignedIn,
    kind: EntryKind,
    slug: String,
    form: CsrfForm,
) -> HttpResponse {
    respond(lang, try_post(lang, site, &viewer, kind, slug, form).await)
}

async fn try_post(
    lang: Lang,
    site: Site,
    viewer: &Viewer,
    kind: EntryKind,
    slug: String,
    form: CsrfForm,
) -> Result<HttpResponse, WebError> {
    if viewer.is_curator() || viewer.org.is_none() {
        return Ok(refused(
            lang,
            StatusCode::FORBIDDEN,
            lang.pick(
                "Kun en organisations redaktører kan sige, at organisationen bruger en use case eller algoritme.",
                "Only an organisation's editors can say that the organisation uses a use case or algorithm.",
            ),
        ));
    }
    let withdraw = form.get("action") == Some("withdraw");
    let typed = form.get("note").unwrap_or_default().trim().to_owned();
    let note = (!typed.is_empty()).then(|| typed.clone());
    let (db, caller, key) = (site.db().clone(), viewer.caller(), slug.clone());
    let outcome = blocking(move || {
        Ok(match (kind, withdraw) {
            (EntryKind::UseCase, false) => aikatalog_publishing::adopt::<UseCase>(
                &db,
                &caller,
                &key,
                AdoptionRequest {
                    note,
                    ..AdoptionRequest::default()
                },
            ),
            (EntryKind::Algorithm, false) => aikatalog_publishing::adopt::<Algorithm>(
                &db,
                &caller,
                &key,
                AdoptionRequest {
                    note,
                    ..AdoptionRequest::default()
                },
            ),
            (EntryKind::UseCase, true) => {
                aikatalog_publishing::withdraw_adoption::<UseCase>(&db, &caller, &key, None)
            }
            (EntryKind::Algorithm, true) => {
                aikatalog_publishing::withdraw_adoption::<Algorithm>(&db, &caller, &key, None)
            }
        })
    })
    .await?;
    match outcome {
        Ok(_) => {}
        // Withdrawn already (another tab): the page shows the outcome either way.
        Err(PublishError::NotFound {
            what: "adoption", ..
        }) if withdraw => {}
        Err(PublishError::NotFound { .. }) => return Err(WebError::NotFound),
        Err(PublishError::Invalid(errors)) => {
            // The note is the only field a person types here.
            let (db, key) = (site.db().clone(), slug.clone());
            let entry_title =
                blocking(move || Ok(db.read_with(|c| crate::public::title(c, kind, &key))?))
                    .await?
                    .ok_or(WebError::NotFound)?;
            let note_error = errors.0.first().map(|e| match e.code.as_str() {
                "length" => lang
                    .pick("Noten er for lang.", "The note is too long.")
                    .to_owned(),
                _ => lang
                    .pick(
                        "Noten indeholder tegn, der ikke kan gemmes (kontroltegn eller tegn, der vender skriftretningen).",
                        "The note contains characters that cannot be stored (control characters or characters that reverse the writing direction).",
                    )
                    .to_owned(),
            });
            let page = AdoptionPage {
                l: Layout::new(
                    lang,
                    &Page::Adopt(kind, slug.clone()),
                    "",
                    lang.pick("Vi bruger den også", "We use it too"),
                ),
                entry_title,
                entry_href: entry_page(kind, &slug, lang),
                adopt: AdoptBox {
                    action: Page::Adopt(kind, slug.clone()).path(lang),
                    csrf: viewer.csrf_token.clone(),
                    org_name: viewer
                        .org_name
                        .clone()
                        .or_else(|| viewer.org.as_ref().map(ToString::to_string))
                        .unwrap_or_default(),
                    since: None,
                    note: typed,
                    note_error,
                },
            };
            return Ok(html(lang, StatusCode::UNPROCESSABLE_ENTITY, page.render()?));
        }
        Err(PublishError::SelfAdoption(_)) => {
            return Ok(refused(
                lang,
                StatusCode::CONFLICT,
                lang.pick(
                    "Jeres organisation ejer selv denne side; den står allerede som ejer.",
                    "Your organisation owns this entry itself; it is shown as the owner already.",
                ),
            ));
        }
        Err(PublishError::Forbidden(why)) => {
            return Ok(refused(lang, StatusCode::FORBIDDEN, &why));
        }
        Err(PublishError::Storage(e)) => return Err(e.into()),
        // A revision or workflow refusal does not arise for adoptions; said as it is if it does.
        Err(other) => return Ok(refused(lang, StatusCode::CONFLICT, &other.to_string())),
    }
    Ok(HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("{}#orgs-heading", entry_page(kind, &slug, lang)),
        ))
        .finish())
}
