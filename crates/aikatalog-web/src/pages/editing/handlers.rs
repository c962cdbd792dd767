//! The editing pages' handlers: show a form, read a submitted one, and answer with the form
//! again (errors beside their fields, everything typed kept), the conflict page, or a redirect
//! after a successful save.

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use aikatalog_domain::workflow::Action;
use aikatalog_domain::{FieldError, FieldErrors};
use aikatalog_publishing::{self as publishing, BasedOn, PublishError, Saved};
use aikatalog_storage::models::entries;
use serde::Deserialize;
use serde_json::{Value, json};

use super::Editable;
use super::conflict;
use super::view::{Editing, refused};
use crate::account::csrf::CsrfForm;
use crate::account::session::{SignedIn, Viewer};
use crate::editing::{self, parse, schema_of};
use crate::error::WebError;
use crate::lang::Lang;
use crate::site::{Site, blocking, respond};
use crate::urls::Urls;

/// What a submitted form asks for.
pub(super) struct Input {
    pub doc: Value,
    /// The revision the form was loaded from (none on a new entry's form).
    pub revision: Option<i64>,
    pub action: String,
}

impl Input {
    /// Reads the form: the record from its fields (or, from the conflict page, the JSON it
    /// carried), the revision it was loaded from, and which button was pressed. An "add" or
    /// "remove" button is applied here; `true` says the form only needs drawing again.
    fn read<E: Editable>(form: &CsrfForm) -> (Input, bool) {
        let schema = schema_of::<E>();
        let mut doc = form
            .get("_document")
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_else(|| parse::to_document(&schema, &form.fields));
        let mut redraw = false;
        if let Some(list) = form.get("_add") {
            editing::add_row(&schema, &mut doc, list);
            redraw = true;
        }
        if let Some(row) = form.get("_remove") {
            editing::remove_row(&mut doc, row);
            redraw = true;
        }
        let input = Input {
            doc,
            revision: form.get("_revision").and_then(|r| r.parse().ok()),
            action: form.get("_action").unwrap_or("save").to_owned(),
        };
        (input, redraw)
    }
}

#[derive(Debug, Deserialize)]
pub struct NoticeQuery {
    #[serde(default)]
    notice: Option<String>,
}

fn see_other(to: String) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to))
        .finish()
}

fn notice_text(notice: Option<&str>, lang: Lang) -> &'static str {
    match notice {
        Some("saved") => lang.pick("Kladden er gemt.", "The draft is saved."),
        Some("submitted") => lang.pick(
            "Indsendt til gennemsyn. En kurator ser på den.",
            "Submitted for review. A curator will look at it.",
        ),
        _ => "",
    }
}

/// `GET …/ny`: an empty form, owned by the viewer's organisation.
pub async fn new_form<E: Editable>(
    lang: Lang,
    site: Site,
    SignedIn(viewer): SignedIn,
) -> HttpResponse {
    let mut doc = json!({});
    if let Some(org) = &viewer.org {
        doc["owner"] = Value::from(org.as_str());
    }
    let cat = match site.catalogue().await {
        Ok(cat) => cat,
        Err(e) => return respond(lang, Err(e)),
    };
    let editing = Editing::new(lang, cat, &viewer, E::KIND);
    respond(lang, editing.form::<E>(&doc, &[], "", StatusCode::OK))
}

/// `POST …/ny`: creates the entry as a draft.
pub async fn create<E: Editable>(
    lang: Lang,
    site: Site,
    SignedIn(viewer): SignedIn,
    form: CsrfForm,
) -> HttpResponse {
    let (input, redraw) = Input::read::<E>(&form);
    let cat = match site.catalogue().await {
        Ok(cat) => cat,
        Err(e) => return respond(lang, Err(e)),
    };
    let editing = Editing::new(lang, cat, &viewer, E::KIND);
    if redraw {
        return respond(lang, editing.form::<E>(&input.doc, &[], "", StatusCode::OK));
    }
    let (db, caller, doc) = (site.db().clone(), viewer.caller(), input.doc.clone());
    let result = blocking(move || Ok(publishing::create::<E>(&db, &caller, doc))).await;
    let outcome = match result {
        Ok(Ok(saved)) => return after_save(lang, &site, &viewer, saved, &input.action).await,
        Ok(Err(e)) => e,
        Err(e) => return respond(lang, Err(e)),
    };
    respond(lang, form_error::<E>(&editing, &input.doc, outcome))
}

/// The form again after a refused save: errors beside their fields, or the refusal's page.
fn form_error<E: Editable>(
    editing: &Editing<'_>,
    doc: &Value,
    e: PublishError,
) -> Result<HttpResponse, WebError> {
    match e {
        PublishError::Invalid(errors) => {
            editing.form::<E>(doc, &errors.0, "", StatusCode::UNPROCESSABLE_ENTITY)
        }
        // An owner the viewer does not act for: said beside the owner field, nothing lost.
        PublishError::Forbidden(why)
            if editing.slug.is_none() || doc_owner_changed(editing, doc) =>
        {
            let errors = [FieldError::new("owner", "forbidden", why)];
            editing.form::<E>(doc, &errors, "", StatusCode::FORBIDDEN)
        }
        PublishError::Refused(why) => editing.form::<E>(doc, &[], &why, StatusCode::CONFLICT),
        other => Ok(refused(editing.lang, other)),
    }
}

fn doc_owner_changed(editing: &Editing<'_>, doc: &Value) -> bool {
    let owner = doc.get("owner").and_then(Value::as_str).unwrap_or_default();
    !editing.viewer.may_edit(owner)
}

/// After a save: the edit page, the preview, or a submission for review.
async fn after_save<E: Editable>(
    lang: Lang,
    site: &Site,
    viewer: &Viewer,
    saved: Saved<E>,
    action: &str,
) -> HttpResponse {
    let u = Urls { lang };
    let slug = saved.row.slug.clone();
    let edit = u.edit_entry(E::KIND, &slug);
    match action {
        "preview" => see_other(u.preview_entry(E::KIND, &slug)),
        "submit" => {
            let (db, caller, key) = (site.db().clone(), viewer.caller(), slug.clone());
            let based_on = BasedOn::Revision(saved.row.revision);
            let result = blocking(move || {
                Ok(publishing::transition::<E>(
                    &db,
                    &caller,
                    &key,
                    Some(&based_on),
                    Action::Submit,
                    None,
                ))
            })
            .await;
            match result {
                Ok(Ok(_)) => see_other(format!("{edit}?notice=submitted")),
                Ok(Err(e)) => {
                    // The draft is saved; what keeps it from review is shown on its form.
                    let doc = match entries::stored_value::<E>(&saved.row.document) {
                        Ok(doc) => doc,
                        Err(e) => return respond(lang, Err(e.into())),
                    };
                    let cat = match site.catalogue().await {
                        Ok(cat) => cat,
                        Err(e) => return respond(lang, Err(e)),
                    };
                    let editing =
                        Editing::of(lang, cat, viewer, E::KIND, &saved.row, saved.row.revision);
                    let notice = lang.pick(
                        "Kladden er gemt, men kan ikke indsendes endnu.",
                        "The draft is saved but cannot be submitted yet.",
                    );
                    let page = match e {
                        PublishError::Invalid(FieldErrors(errors)) => editing.form::<E>(
                            &doc,
                            &errors,
                            notice,
                            StatusCode::UNPROCESSABLE_ENTITY,
                        ),
                        PublishError::Refused(why) => editing.form::<E>(
                            &doc,
                            &[],
                            &format!("{notice} {why}"),
                            StatusCode::CONFLICT,
                        ),
                        other => return refused(lang, other),
                    };
                    respond(lang, page)
                }
                Err(e) => respond(lang, Err(e)),
            }
        }
        _ => see_other(format!("{edit}?notice=saved")),
    }
}

/// `GET …/{slug}/rediger`: the entry's newest revision in the form.
pub async fn edit_form<E: Editable>(
    lang: Lang,
    site: Site,
    SignedIn(viewer): SignedIn,
    key: web::Path<String>,
    query: web::Query<NoticeQuery>,
) -> HttpResponse {
    let (db, caller, key) = (site.db().clone(), viewer.caller(), key.into_inner());
    let result = blocking(move || {
        Ok(
            publishing::open_for_change::<E>(&db, &caller, &key).map(|saved| {
                let doc = entries::stored_value::<E>(&saved.row.document);
                (saved.row, doc)
            }),
        )
    })
    .await;
    let (row, doc) = match result {
        Ok(Ok((row, Ok(doc)))) => (row, doc),
        Ok(Ok((_, Err(e)))) => return respond(lang, Err(e.into())),
        Ok(Err(e)) => return refused(lang, e),
        Err(e) => return respond(lang, Err(e)),
    };
    let cat = match site.catalogue().await {
        Ok(cat) => cat,
        Err(e) => return respond(lang, Err(e)),
    };
    let editing = Editing::of(lang, cat, &viewer, E::KIND, &row, row.revision);
    let notice = notice_text(query.notice.as_deref(), lang);
    respond(lang, editing.form::<E>(&doc, &[], notice, StatusCode::OK))
}

/// `POST …/{slug}/rediger`: saves the form as the entry's next revision, guarded by the
/// revision it was loaded from; a newer revision leads to the conflict page, never an
/// overwrite.
pub async fn save<E: Editable>(
    lang: Lang,
    site: Site,
    SignedIn(viewer): SignedIn,
    key: web::Path<String>,
    form: CsrfForm,
) -> HttpResponse {
    let key = key.into_inner();
    let (db, caller, k) = (site.db().clone(), viewer.caller(), key.clone());
    // The same refusals as the form's page, before anything is read from the form.
    let row = match blocking(move || Ok(publishing::open_for_change::<E>(&db, &caller, &k))).await {
        Ok(Ok(saved)) => saved.row,
        Ok(Err(e)) => return refused(lang, e),
        Err(e) => return respond(lang, Err(e)),
    };
    let (mut input, redraw) = Input::read::<E>(&form);
    let Some(revision) = input.revision else {
        // A form of this page always says which revision it was loaded from.
        return refused(lang, PublishError::RevisionRequired);
    };
    let cat = match site.catalogue().await {
        Ok(cat) => cat,
        Err(e) => return respond(lang, Err(e)),
    };
    let editing = Editing::of(lang, cat, &viewer, E::KIND, &row, revision);
    if redraw {
        return respond(lang, editing.form::<E>(&input.doc, &[], "", StatusCode::OK));
    }
    if input.action == "merge" {
        let mine = std::mem::take(&mut input.doc);
        match conflict::merged::<E>(&site, &row, mine, revision, &form).await {
            Ok(doc) => {
                input.doc = doc;
                input.action = "save".into();
            }
            Err(e) => return respond(lang, Err(e)),
        }
    }
    let (db, caller, doc) = (site.db().clone(), viewer.caller(), input.doc.clone());
    let based_on = BasedOn::Revision(revision);
    let k = key.clone();
    let result = blocking(move || {
        Ok(publishing::replace::<E>(
            &db,
            &caller,
            &k,
            Some(&based_on),
            doc,
        ))
    })
    .await;
    match result {
        Ok(Ok(saved)) => after_save(lang, &site, &viewer, saved, &input.action).await,
        Ok(Err(PublishError::Stale { .. })) => respond(
            lang,
            conflict::page::<E>(lang, &site, &viewer, &key, revision, &input.doc).await,
        ),
        Ok(Err(e)) => respond(lang, form_error::<E>(&editing, &input.doc, e)),
        Err(e) => respond(lang, Err(e)),
    }
}

/// `GET …/{slug}/forhaandsvisning`: the newest revision as the public page would show it.
pub async fn preview<E: Editable>(
    lang: Lang,
    site: Site,
    SignedIn(viewer): SignedIn,
    key: web::Path<String>,
) -> HttpResponse {
    let (db, caller, key) = (site.db().clone(), viewer.caller(), key.into_inner());
    let saved =
        match blocking(move || Ok(publishing::open_for_change::<E>(&db, &caller, &key))).await {
            Ok(Ok(saved)) => saved,
            Ok(Err(e)) => return refused(lang, e),
            Err(e) => return respond(lang, Err(e)),
        };
    let page = async {
        let cat = site.catalogue().await?;
        let back = Urls { lang }.edit_entry(E::KIND, &saved.row.slug);
        let db = site.db().clone();
        let (doc, loaded) = blocking(move || {
            let loaded = db.read_with(|c| E::linked(c, &saved.doc))?;
            Ok((saved.doc, loaded))
        })
        .await?;
        E::preview(&cat, &loaded, &doc, back, lang)
    };
    respond(lang, page.await)
}
