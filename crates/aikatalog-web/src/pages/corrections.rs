//! "Foreslå en rettelse" (`/use-cases/{slug}/foreslaa-rettelse`, and the same under
//! `/algoritmer/` and in English): anyone, signed in or not, tells the owner of a public entry
//! what is wrong or missing. The form sits on every public entry page ([`SuggestForm::blank`])
//! and has a page of its own, where it comes back with its errors next to the fields and
//! everything typed kept; a stored suggestion leads to a receipt.
//!
//! Against bots, with no third-party service: a honeypot field people do not see (filled in,
//! the submission is dropped and the receipt shown, so the bot learns nothing), the signed,
//! time-stamped, single-use form token of `crate::form_token`, and the per-client hourly budget
//! the API's correction route shares (`aikatalog_state::rate_limit`). Drafts and archived
//! entries take no suggestions: their addresses are "not found", as for the public.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use aikatalog_domain::EntryKind;
use aikatalog_domain::correction::{self, MAX_TEXT_CHARS, MIN_TEXT_CHARS};
use aikatalog_state::rate_limit::RateLimits;
use aikatalog_storage::models::corrections::{self as stored, NewCorrection};
use aikatalog_storage::models::entries;
use askama::Template;

use crate::error::WebError;
use crate::form_token::{self, FormKeys, TokenProblem};
use crate::lang::Lang;
use crate::site::{Layout, Site, blocking, html, respond};
use crate::urls::{Page, ReusePatterns};

/// The honeypot's name: a plausible field a form-filling bot completes.
pub const HONEYPOT: &str = "website";

/// The suggestion form, blank or as sent back with its problems.
pub struct SuggestForm {
    pub action: String,
    pub token: String,
    pub text: String,
    pub email: String,
    pub text_error: Option<String>,
    pub email_error: Option<String>,
    /// A problem with the form as a whole (its token, the rate limit).
    pub form_error: Option<String>,
    pub min_chars: usize,
    pub max_chars: usize,
    pub honeypot: &'static str,
}

/// What the token signs: this form, for this entry.
pub fn purpose(kind: EntryKind, slug: &str) -> String {
    format!("correction:{}:{slug}", kind.as_str())
}

impl SuggestForm {
    /// An empty form for the entry, with a fresh token made with `key`.
    pub fn blank(kind: EntryKind, slug: &str, key: &[u8], lang: Lang) -> SuggestForm {
        SuggestForm {
            action: Page::SuggestCorrection(kind, slug.to_owned()).path(lang),
            token: form_token::issue(key, &purpose(kind, slug)),
            text: String::new(),
            email: String::new(),
            text_error: None,
            email_error: None,
            form_error: None,
            min_chars: MIN_TEXT_CHARS,
            max_chars: MAX_TEXT_CHARS,
            honeypot: HONEYPOT,
        }
    }
}

#[derive(Template)]
#[template(path = "corrections/suggest.html")]
struct SuggestPage {
    l: Layout,
    entry_title: String,
    entry_href: String,
    suggest: SuggestForm,
}

#[derive(Template)]
#[template(path = "corrections/received.html")]
struct ReceivedPage {
    l: Layout,
    entry_title: String,
    entry_href: String,
}

/// Registers the form, its target and the receipt for both kinds in both languages.
pub fn routes(cfg: &mut web::ServiceConfig) {
    for lang in [Lang::Da, Lang::En] {
        let p = ReusePatterns::of(lang);
        for (kind, pattern) in p.suggest {
            cfg.route(
                &pattern,
                crate::get().to(
                    move |lang: Lang,
                          site: Site,
                          keys: web::Data<FormKeys>,
                          slug: web::Path<String>| {
                        show(lang, site, keys, kind, slug.into_inner())
                    },
                ),
            )
            .route(
                &pattern,
                web::post().to(
                    move |req: HttpRequest,
                          lang: Lang,
                          site: Site,
                          keys: web::Data<FormKeys>,
                          slug: web::Path<String>,
                          form: web::Form<Vec<(String, String)>>| {
                        submit(
                            req,
                            lang,
                            site,
                            keys,
                            kind,
                            slug.into_inner(),
                            form.into_inner(),
                        )
                    },
                ),
            );
        }
        for (kind, pattern) in p.received {
            cfg.route(
                &pattern,
                crate::get().to(move |lang: Lang, site: Site, slug: web::Path<String>| {
                    received(lang, site, kind, slug.into_inner())
                }),
            );
        }
    }
}

/// The public entry's title and page, or "not found" for anything the public does not see.
async fn public_entry(
    site: &Site,
    kind: EntryKind,
    slug: &str,
    lang: Lang,
) -> Result<(String, String), WebError> {
    let (db, key) = (site.db().clone(), slug.to_owned());
    let title = blocking(move || Ok(db.read_with(|c| crate::public::title(c, kind, &key))?))
        .await?
        .ok_or(WebError::NotFound)?;
    let href = match kind {
        EntryKind::UseCase => Page::UseCase(slug.to_owned()),
        EntryKind::Algorithm => Page::Algorithm(slug.to_owned()),
    }
    .path(lang);
    Ok((title, href))
}

async fn key(site: &Site, keys: web::Data<FormKeys>) -> Result<std::sync::Arc<[u8]>, WebError> {
    let db = site.db().clone();
    blocking(move || Ok(keys.key(&db)?)).await
}

async fn show(
    lang: Lang,
    site: Site,
    keys: web::Data<FormKeys>,
    kind: EntryKind,
    slug: String,
) -> HttpResponse {
    let result = async {
        let (entry_title, entry_href) = public_entry(&site, kind, &slug, lang).await?;
        let key = key(&site, keys).await?;
        render(
            lang,
            StatusCode::OK,
            kind,
            &slug,
            entry_title,
            entry_href,
            SuggestForm::blank(kind, &slug, &key, lang),
        )
    };
    respond(lang, result.await)
}

fn render(
    lang: Lang,
    status: StatusCode,
    kind: EntryKind,
    slug: &str,
    entry_title: String,
    entry_href: String,
    suggest: SuggestForm,
) -> Result<HttpResponse, WebError> {
    let title = format!(
        "{}: {entry_title}",
        lang.pick("Foreslå en rettelse", "Suggest a correction")
    );
    let page = SuggestPage {
        l: Layout::new(
            lang,
            &Page::SuggestCorrection(kind, slug.to_owned()),
            "",
            title,
        ),
        entry_title,
        entry_href,
        suggest,
    };
    Ok(html(lang, status, page.render()?))
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// What a person reads about a field's problem, by the domain's code.
fn field_message(field: &str, code: &str, lang: Lang) -> String {
    match (field, code) {
        ("text", "missing_field") => lang
            .pick("Skriv, hvad der er forkert eller mangler.", "Write what is wrong or missing.")
            .to_owned(),
        ("text", "length") => lang.pick(
            format!("Skriv mellem {MIN_TEXT_CHARS} og {MAX_TEXT_CHARS} tegn."),
            format!("Write between {MIN_TEXT_CHARS} and {MAX_TEXT_CHARS} characters."),
        ),
        ("text", _) => lang
            .pick(
                "Teksten indeholder tegn, der ikke kan gemmes (kontroltegn eller tegn, der vender skriftretningen).",
                "The text contains characters that cannot be stored (control characters or characters that reverse the writing direction).",
            )
            .to_owned(),
        _ => lang
            .pick(
                "Det ligner ikke en e-mailadresse. Ret den, eller lad feltet være tomt.",
                "This does not look like an e-mail address. Correct it, or leave the field empty.",
            )
            .to_owned(),
    }
}

fn token_message(problem: TokenProblem, lang: Lang) -> String {
    match problem {
        TokenProblem::TooFast => lang.pick(
            "Formularen blev sendt, før den kunne nå at blive udfyldt. Læs din tekst igennem, og send den igen.",
            "The form was sent before it could have been filled in. Read your text through and send it again.",
        ),
        TokenProblem::Expired => lang.pick(
            "Siden har været åben i flere timer. Din tekst er bevaret; send den igen.",
            "The page has been open for several hours. Your text is kept; send it again.",
        ),
        TokenProblem::Invalid => lang.pick(
            "Formularen kunne ikke bekræftes som sendt fra denne side. Din tekst er bevaret; send den igen.",
            "The form could not be confirmed as sent from this page. Your text is kept; send it again.",
        ),
    }
    .to_owned()
}

async fn submit(
    req: HttpRequest,
    lang: Lang,
    site: Site,
    keys: web::Data<FormKeys>,
    kind: EntryKind,
    slug: String,
    fields: Vec<(String, String)>,
) -> HttpResponse {
    respond(
        lang,
        try_submit(req, lang, site, keys, kind, slug, fields).await,
    )
}

async fn try_submit(
    req: HttpRequest,
    lang: Lang,
    site: Site,
    keys: web::Data<FormKeys>,
    kind: EntryKind,
    slug: String,
    fields: Vec<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let (entry_title, entry_href) = public_entry(&site, kind, &slug, lang).await?;
    let receipt = || {
        HttpResponse::SeeOther()
            .insert_header((
                header::LOCATION,
                Page::CorrectionReceived(kind, slug.clone()).path(lang),
            ))
            .finish()
    };
    if !field(&fields, HONEYPOT).is_empty() {
        // A person never sees the field; answering as for a success tells a bot nothing.
        tracing::info!(entry.slug = %slug, "a correction with the honeypot filled in was dropped");
        return Ok(receipt());
    }
    let key = key(&site, keys).await?;
    let (text, email) = (field(&fields, "text"), field(&fields, "email"));
    // The form as sent, to show again with a fresh token if anything is wrong.
    let mut again = SuggestForm {
        text: text.to_owned(),
        email: email.to_owned(),
        ..SuggestForm::blank(kind, &slug, &key, lang)
    };
    let checked = correction::check_suggestion(text, Some(email));
    if let Err(errors) = &checked {
        for e in &errors.0 {
            let message = Some(field_message(&e.field, &e.code, lang));
            match e.field.as_str() {
                "email" => again.email_error = message,
                _ => again.text_error = message,
            }
        }
    }
    let nonce = form_token::verify(
        &key,
        &purpose(kind, &slug),
        field(&fields, "token"),
        form_token::now(),
    );
    if let Err(problem) = nonce {
        again.form_error = Some(token_message(problem, lang));
    }
    let (Ok(suggestion), Ok(nonce)) = (checked, nonce) else {
        return render(
            lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            kind,
            &slug,
            entry_title,
            entry_href,
            again,
        );
    };
    if let Some(limits) = req.app_data::<web::Data<RateLimits>>()
        && let Err(limited) = limits.check_correction(&req)
    {
        let minutes = limited.retry_after_secs.div_ceil(60);
        again.form_error = Some(lang.pick(
            format!("Der er sendt mange forslag herfra den seneste time. Din tekst er bevaret; prøv igen om {minutes} minutter."),
            format!("Many suggestions have been sent from here in the last hour. Your text is kept; try again in {minutes} minutes."),
        ));
        let mut response = render(
            lang,
            StatusCode::TOO_MANY_REQUESTS,
            kind,
            &slug,
            entry_title,
            entry_href,
            again,
        )?;
        if let Ok(value) = HeaderValue::from_str(&limited.retry_after_secs.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return Ok(response);
    }
    let db = site.db().clone();
    let key_slug = slug.clone();
    let stored = blocking(move || {
        Ok(db.write(|c| {
            let Some(entry) = entries::find(c, kind, &key_slug)?.filter(|r| r.is_public()) else {
                return Ok(None);
            };
            stored::create(
                c,
                &NewCorrection {
                    entry_id: &entry.id,
                    text: &suggestion.text,
                    email: suggestion.email.as_deref(),
                    form_nonce: Some(&nonce),
                },
            )
            .map(Some)
        }))
    })
    .await?;
    match stored {
        Ok(Some(row)) => {
            tracing::info!(correction.id = %row.id, "a correction was suggested on a page");
            Ok(receipt())
        }
        // Unpublished between the snapshot and now.
        Ok(None) => Err(WebError::NotFound),
        Err(aikatalog_storage::StorageError::Query(e)) if stored::is_replay(&e) => {
            again.form_error = Some(lang.pick(
                "Denne formular er allerede sendt, og forslaget er modtaget. Vil du sende et nyt forslag, så send formularen igen.",
                "This form has already been sent, and the suggestion was received. To send another suggestion, send the form again.",
            ).to_owned());
            render(
                lang,
                StatusCode::CONFLICT,
                kind,
                &slug,
                entry_title,
                entry_href,
                again,
            )
        }
        Err(e) => Err(e.into()),
    }
}

async fn received(lang: Lang, site: Site, kind: EntryKind, slug: String) -> HttpResponse {
    let result = async {
        let (entry_title, entry_href) = public_entry(&site, kind, &slug, lang).await?;
        let page = ReceivedPage {
            l: Layout::new(
                lang,
                &Page::CorrectionReceived(kind, slug.clone()),
                "",
                lang.pick("Tak for dit forslag", "Thank you for your suggestion"),
            ),
            entry_title,
            entry_href,
        };
        Ok(html(lang, StatusCode::OK, page.render()?))
    };
    respond(lang, result.await)
}
