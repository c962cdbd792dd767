//! The workflow's steps from a review page: `POST /kurator/gennemgang/{kind}/{slug}` with
//! `action` (`publish`, `reject`, `archive` or `restore`), the revision the page showed, and for
//! a rejection the `reason` the editor will read in "Mit arbejde". Every step goes through the
//! publishing service (`aikatalog_publishing::transition`), the same as the API's, guarded by
//! that revision: if the entry changed since the page was made, nothing is done and the page
//! comes back with the new changes and a sentence saying so.

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use aikatalog_domain::workflow::Action;
use aikatalog_domain::{Algorithm, EntryKind, UseCase};
use aikatalog_publishing::{BasedOn, PublishError};

use super::labels;
use super::reference_form::shown;
use super::review::{FormState, Notice, load, render};
use crate::account::csrf::CsrfForm;
use crate::account::curator::SignedInCurator;
use crate::error::WebError;
use crate::lang::Lang;
use crate::site::{Site, blocking, respond};
use crate::urls::Urls;

/// The step a form's `action` names.
fn action_of(value: Option<&str>) -> Option<Action> {
    Some(match value? {
        "publish" => Action::Publish,
        "reject" => Action::Reject,
        "archive" => Action::Archive,
        "restore" => Action::Restore,
        _ => return None,
    })
}

fn problem(text: String) -> Option<Notice> {
    Some(Notice {
        class: "problem",
        text,
    })
}

pub async fn act(
    lang: Lang,
    site: Site,
    SignedInCurator(viewer): SignedInCurator,
    path: web::Path<(String, String)>,
    form: CsrfForm,
) -> HttpResponse {
    let (kind_word, slug) = path.into_inner();
    let result = async {
        let (kind, row, newest) = load(&site, lang, &kind_word, slug.clone()).await?;
        let seen = form
            .get("revision")
            .and_then(|r| r.trim().parse::<i64>().ok());
        let reason = form.get("reason").unwrap_or_default().to_owned();
        let again = |form: FormState, status| {
            let (site, viewer) = (&site, &viewer);
            let (row, newest) = (row.clone(), newest.clone());
            async move {
                render(
                    lang,
                    site,
                    &viewer.csrf_token,
                    kind,
                    &row,
                    &newest,
                    form,
                    status,
                )
                .await
            }
        };
        let Some(action) = action_of(form.get("action")) else {
            let form = FormState {
                notice: problem(lang.pick(
                    "Formularen nævnte ingen handling, der kan udføres.".to_owned(),
                    "The form named no action that can be taken.".to_owned(),
                )),
                reason,
                ..FormState::default()
            };
            return again(form, StatusCode::BAD_REQUEST).await;
        };
        let seen = match seen {
            Some(seen) if seen == row.revision => seen,
            _ => return again(stale(lang, row.revision, reason), StatusCode::CONFLICT).await,
        };
        if action == Action::Reject && reason.trim().is_empty() {
            let form = FormState {
                notice: problem(lang.pick(
                    "Intet er gjort: skriv en begrundelse, før du sender den tilbage.".to_owned(),
                    "Nothing was done: write a reason before you send it back.".to_owned(),
                )),
                reason_error: Some(lang.pick(
                    "Skriv, hvad redaktøren skal rette. Redaktøren ser begrundelsen under »Mit arbejde«.".to_owned(),
                    "Write what the editor should correct. The editor sees the reason under \"My work\".".to_owned(),
                )),
                reason,
                ..FormState::default()
            };
            return again(form, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        let caller = viewer.caller();
        let message = (action == Action::Reject).then(|| reason.clone());
        let db = site.db().clone();
        // The service checks it again inside its transaction, so a change that lands after
        // the check above is refused too.
        let based_on = BasedOn::Revision(seen);
        let key = slug.clone();
        let outcome = blocking(move || {
            let done = match kind {
                EntryKind::UseCase => aikatalog_publishing::transition::<UseCase>(
                    &db,
                    &caller,
                    &key,
                    Some(&based_on),
                    action,
                    message,
                )
                .map(|_| ()),
                EntryKind::Algorithm => aikatalog_publishing::transition::<Algorithm>(
                    &db,
                    &caller,
                    &key,
                    Some(&based_on),
                    action,
                    message,
                )
                .map(|_| ()),
            };
            Ok(done)
        })
        .await?;
        let failed = match outcome {
            Ok(()) => {
                let href = format!(
                    "{}?done={}",
                    Urls { lang }.review(kind, &row.slug),
                    action.as_str()
                );
                return Ok(HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, href))
                    .finish());
            }
            Err(e) => e,
        };
        match failed {
            // Another writer got there first: show the entry as it is now.
            PublishError::Stale { .. } => {
                let (_, row, newest) = load(&site, lang, &kind_word, slug).await?;
                render(
                    lang,
                    &site,
                    &viewer.csrf_token,
                    kind,
                    &row,
                    &newest,
                    stale(lang, row.revision, reason),
                    StatusCode::CONFLICT,
                )
                .await
            }
            PublishError::Invalid(errors) => {
                let mut form = FormState {
                    reason,
                    ..FormState::default()
                };
                for e in &errors.0 {
                    let s = shown(e, lang);
                    if e.field == "message" {
                        form.reason_error = Some(format!("{} ({}: {})", s.text, s.code, s.detail));
                    } else {
                        let head = e.field.split(['.', '[']).next().unwrap_or(&e.field);
                        form.problems.push(format!(
                            "{}: {} ({}: {})",
                            labels::of(head, lang),
                            s.text,
                            s.code,
                            s.detail
                        ));
                    }
                }
                again(form, StatusCode::UNPROCESSABLE_ENTITY).await
            }
            PublishError::Refused(why) => {
                let form = FormState {
                    notice: problem(lang.pick(
                        format!("Det kan ikke lade sig gøre nu: {why}."),
                        format!("That cannot be done now: {why}."),
                    )),
                    reason,
                    ..FormState::default()
                };
                again(form, StatusCode::CONFLICT).await
            }
            PublishError::NotFound { .. } | PublishError::OthersDraft { .. } => {
                Err(WebError::NotFound)
            }
            PublishError::Storage(e) => Err(WebError::Storage(e)),
            // Not reached from this form (a curator, a revision always given), but said if so.
            other @ (PublishError::Forbidden(_)
            | PublishError::RevisionRequired
            | PublishError::SelfAdoption(_)) => {
                let form = FormState {
                    notice: problem(other.to_string()),
                    reason,
                    ..FormState::default()
                };
                again(form, StatusCode::CONFLICT).await
            }
        }
    };
    respond(lang, result.await)
}

/// The sentence for a form made from an older revision than the entry's.
fn stale(lang: Lang, now: i64, reason: String) -> FormState {
    FormState {
        notice: problem(lang.pick(
            format!(
                "Intet er gjort: der er kommet en nyere version (revision {now}), siden siden blev vist. Se ændringerne herunder, før du handler."
            ),
            format!(
                "Nothing was done: a newer version (revision {now}) arrived after the page was shown. Look at the changes below before you act."
            ),
        )),
        reason,
        ..FormState::default()
    }
}
