//! Reference data for curators (`/kurator/referencedata`, `/en/curator/reference-data`): the
//! organisations (with their AI contact, website, address and register numbers), the AI
//! categories and the domains, each with a form.
//!
//! A save is what the API's `PUT /organisations/{code}` (and its twins) does: the document is
//! read and validated by the domain's rules (the same codes), and stored through the storage's
//! guarded sync, which keeps every version in the record's history and tells the search index
//! about the entries that name it. The form carries the revision it was loaded from; if the
//! record changed since, nothing is stored and the form comes back with what changed in
//! between and the curator's own values, to save again over the new revision if they still
//! want to.

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use aikatalog_domain::document::{self, Reading};
use aikatalog_domain::validation::{validate_category, validate_domain, validate_organisation};
use aikatalog_domain::{Category, Domain, FieldErrors, OrgKind, Organisation};
use aikatalog_storage::models::reference_history;
use aikatalog_storage::models::reference_records::{self, Base, RefKind, Stored};
use aikatalog_storage::models::reference_set::ReferenceSet;
use aikatalog_storage::{DbConnection, StorageError};
use askama::Template;
use serde::Serialize;
use serde_json::Value;

use super::changes::{self, ChangeRow};
use super::reference_form::{self, Group, Shown};
use super::review::Notice;
use crate::account::csrf::{self, CsrfForm};
use crate::account::curator::SignedInCurator;
use crate::account::session::Viewer;
use crate::catalogue::Catalogue;
use crate::error::WebError;
use crate::lang::{Label, Lang};
use crate::site::{Layout, Site, blocking, html, page, respond};
use crate::urls::{Page, Urls, ref_of_word};

/// One record in the list.
pub struct ListItem {
    pub name: String,
    pub key: String,
    pub detail: &'static str,
    pub href: String,
}

pub struct ListSection {
    pub id: &'static str,
    pub heading: &'static str,
    pub items: Vec<ListItem>,
}

#[derive(Template)]
#[template(path = "curator/reference_list.html")]
struct ListPage {
    l: Layout,
    sections: Vec<ListSection>,
}

pub async fn list(lang: Lang, site: Site, _curator: SignedInCurator) -> HttpResponse {
    let result = async {
        let cat = site.catalogue().await?;
        let u = Urls { lang };
        let mut organisations: Vec<ListItem> = Vec::new();
        for kind in OrgKind::ALL {
            organisations.extend(cat.organisations_of(*kind).into_iter().map(|o| ListItem {
                name: o.name.clone(),
                key: o.code.to_string(),
                detail: kind.label(lang),
                href: u.reference_record(RefKind::Organisation, o.code.as_str()),
            }));
        }
        let sections = vec![
            ListSection {
                id: "organisations",
                heading: lang.pick("Organisationer", "Organisations"),
                items: organisations,
            },
            ListSection {
                id: "categories",
                heading: lang.pick("AI-kategorier", "AI categories"),
                items: cat
                    .categories
                    .iter()
                    .map(|c| ListItem {
                        name: lang.pick(&c.name_da, &c.name_en).clone(),
                        key: c.slug.to_string(),
                        detail: "",
                        href: u.reference_record(RefKind::Category, c.slug.as_str()),
                    })
                    .collect(),
            },
            ListSection {
                id: "domains",
                heading: lang.pick("Fagområder", "Domains"),
                items: cat
                    .domains
                    .iter()
                    .map(|d| ListItem {
                        name: lang.pick(&d.name_da, &d.name_en).clone(),
                        key: d.slug.to_string(),
                        detail: "",
                        href: u.reference_record(RefKind::Domain, d.slug.as_str()),
                    })
                    .collect(),
            },
        ];
        page(
            lang,
            &ListPage {
                l: Layout::new(
                    lang,
                    &Page::ReferenceData,
                    "",
                    lang.pick("Referencedata", "Reference data"),
                ),
                sections,
            },
        )
    };
    respond(lang, result.await)
}

#[derive(Template)]
#[template(path = "curator/reference_form.html")]
struct FormPage {
    l: Layout,
    heading: String,
    key: String,
    kind_word: &'static str,
    notice: Option<Notice>,
    /// What another curator changed since the form was loaded.
    changed_meanwhile: Vec<ChangeRow>,
    /// Every error, for the summary at the top; each links to its field when it has one.
    summary: Vec<(String, String, Shown)>,
    groups: Vec<Group>,
    csrf: String,
    revision: i64,
    action_href: String,
    history_href: String,
    public_href: String,
    list_href: String,
}

/// What kind of record a word names, in a sentence ("organisation", "kategori").
fn kind_word(kind: RefKind, lang: Lang) -> &'static str {
    match kind {
        RefKind::Organisation => lang.pick("organisation", "organisation"),
        RefKind::Category => lang.pick("kategori", "category"),
        RefKind::Domain => lang.pick("fagområde", "domain"),
    }
}

/// The name of a stored record, for headings.
fn name_of(doc: &Value, lang: Lang) -> String {
    let field = |k: &str| doc.get(k).and_then(Value::as_str).map(str::to_owned);
    field("name")
        .or_else(|| field(lang.pick("name_da", "name_en")))
        .or_else(|| field("name_da"))
        .unwrap_or_default()
}

fn public_href(kind: RefKind, key: &str, doc: &Value, u: Urls) -> String {
    match kind {
        RefKind::Organisation
            if doc.get("kind").and_then(Value::as_str) == Some(OrgKind::Municipality.as_str()) =>
        {
            Page::Municipality(key.to_owned()).path(u.lang)
        }
        RefKind::Organisation => Page::Organisation(key.to_owned()).path(u.lang),
        RefKind::Category => u.category(key),
        RefKind::Domain => u.search_by("domain", key),
    }
}

/// The record a form's address names: its kind, key and stored version.
async fn load(
    site: &Site,
    lang: Lang,
    word: &str,
    key: String,
) -> Result<(RefKind, String, Stored), WebError> {
    let kind = ref_of_word(lang, word).ok_or(WebError::NotFound)?;
    let db = site.db().clone();
    let k = key.clone();
    let stored = blocking(move || Ok(db.read(|c| reference_records::current(c, kind, &k))?))
        .await?
        .ok_or(WebError::NotFound)?;
    Ok((kind, key, stored))
}

/// Everything a form page shows besides the record's fields.
struct Situation {
    notice: Option<Notice>,
    changed_meanwhile: Vec<ChangeRow>,
    errors: FieldErrors,
    /// What was typed, when the form comes back after a refused save.
    typed: Option<Vec<(String, String)>>,
}

#[expect(clippy::too_many_arguments, reason = "the page's parts, each needed")]
fn render(
    lang: Lang,
    cat: &Catalogue,
    viewer: &Viewer,
    kind: RefKind,
    key: &str,
    stored: &Stored,
    situation: Situation,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let u = Urls { lang };
    let doc: Value = serde_json::from_str(&stored.document).map_err(StorageError::from)?;
    let (groups, unplaced) = reference_form::form(
        kind,
        lang,
        cat,
        &doc,
        situation.typed.as_deref(),
        &situation.errors,
    );
    let mut summary: Vec<(String, String, Shown)> = Vec::new();
    for g in &groups {
        for e in &g.errors {
            summary.push((g.legend.clone(), String::new(), e.clone()));
        }
        for f in &g.fields {
            for e in &f.errors {
                summary.push((f.label.clone(), format!("#{}", f.id), e.clone()));
            }
        }
    }
    for (field, e) in unplaced {
        summary.push((field, String::new(), e));
    }
    let heading = lang.pick(
        format!("Redigér {}: {}", kind_word(kind, lang), name_of(&doc, lang)),
        format!("Edit {}: {}", kind_word(kind, lang), name_of(&doc, lang)),
    );
    let template = FormPage {
        l: Layout::new(
            lang,
            &Page::ReferenceRecord(kind, key.to_owned()),
            "",
            heading.clone(),
        ),
        heading,
        key: key.to_owned(),
        kind_word: kind_word(kind, lang),
        notice: situation.notice,
        changed_meanwhile: situation.changed_meanwhile,
        summary,
        groups,
        csrf: viewer.csrf_token.clone(),
        revision: stored.revision,
        action_href: u.reference_record(kind, key),
        history_href: u.reference_history(kind, key),
        public_href: public_href(kind, key, &doc, u),
        list_href: u.reference_data(),
    };
    Ok(html(lang, status, template.render()?))
}

pub async fn edit(
    lang: Lang,
    site: Site,
    SignedInCurator(viewer): SignedInCurator,
    path: web::Path<(String, String)>,
    req: HttpRequest,
) -> HttpResponse {
    let (word, key) = path.into_inner();
    let saved = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
        .ok()
        .and_then(|q| {
            q.iter()
                .find(|(k, _)| k == "saved")
                .and_then(|(_, v)| v.parse::<i64>().ok())
        });
    let result = async {
        let (kind, key, stored) = load(&site, lang, &word, key).await?;
        let cat = site.catalogue().await?;
        let notice = saved.map(|revision| Notice {
            class: "done",
            text: lang.pick(
                format!("Gemt. Posten er nu revision {revision}."),
                format!("Saved. The record is now revision {revision}."),
            ),
        });
        let situation = Situation {
            notice,
            changed_meanwhile: Vec::new(),
            errors: FieldErrors::default(),
            typed: None,
        };
        render(
            lang,
            &cat,
            &viewer,
            kind,
            &key,
            &stored,
            situation,
            StatusCode::OK,
        )
    };
    respond(lang, result.await)
}

/// A record as read (`aikatalog_domain::document::read`), checked by the domain's `rules` too,
/// with every problem reported at once.
fn checked<T>(
    mut reading: Reading<T>,
    rules: impl FnOnce(&T) -> Result<(), FieldErrors>,
) -> Result<T, FieldErrors> {
    if let Some(value) = &reading.value
        && let Err(errors) = rules(value)
    {
        reading.merge(errors);
    }
    reading.into_result()
}

/// What a save came to.
enum Saved {
    /// Stored (or already so) as this revision.
    Stored(i64),
    Invalid(FieldErrors),
}

fn store<T: Serialize>(
    c: &mut DbConnection,
    sync: impl FnOnce(&mut DbConnection, &T) -> Result<reference_records::Synced, StorageError>,
    doc: T,
) -> Result<Saved, WebError> {
    let synced = sync(c, &doc)?;
    Ok(Saved::Stored(synced.revision))
}

/// Validates `doc` as a record of `kind` and stores it over revision `based_on`, in one
/// transaction. A record changed since is [`StorageError::LostRace`].
fn validate_and_store(
    c: &mut DbConnection,
    kind: RefKind,
    key: &str,
    doc: Value,
    actor: &str,
    based_on: i64,
) -> Result<Saved, WebError> {
    // A stale form is told so before its fields are judged: what changed may settle them.
    let current = reference_records::current(c, kind, key)?.map(|s| s.revision);
    if current != Some(based_on) {
        return Err(StorageError::LostRace {
            what: kind.as_str(),
            read: based_on,
        }
        .into());
    }
    let base = Base::Revision(based_on);
    let outcome = match kind {
        RefKind::Organisation => {
            let refs = ReferenceSet::load(c)?;
            match checked(document::read::<Organisation>(doc), |o| {
                validate_organisation(o, &refs)
            }) {
                Ok(o) => store(
                    c,
                    |c, o| reference_records::sync_organisation_based_on(c, o, actor, base),
                    o,
                )?,
                Err(e) => Saved::Invalid(e),
            }
        }
        RefKind::Category => match checked(document::read::<Category>(doc), validate_category) {
            Ok(cat) => store(
                c,
                |c, cat| reference_records::sync_category_based_on(c, cat, actor, base),
                cat,
            )?,
            Err(e) => Saved::Invalid(e),
        },
        RefKind::Domain => match checked(document::read::<Domain>(doc), validate_domain) {
            Ok(d) => {
                let position = reference_records::domain_position(c, d.slug.as_str())?;
                store(
                    c,
                    |c, d| reference_records::sync_domain_based_on(c, d, position, actor, base),
                    d,
                )?
            }
            Err(e) => Saved::Invalid(e),
        },
    };
    Ok(outcome)
}

/// The curator as revisions record them (as the API records a token's subject).
fn actor(viewer: &Viewer) -> String {
    match &viewer.org {
        Some(org) => format!("{}:{}@{org}", viewer.role.as_str(), viewer.subject),
        None => format!("{}:{}", viewer.role.as_str(), viewer.subject),
    }
}

pub async fn save(
    lang: Lang,
    site: Site,
    SignedInCurator(viewer): SignedInCurator,
    path: web::Path<(String, String)>,
    form: CsrfForm,
) -> HttpResponse {
    let (word, key) = path.into_inner();
    let result = async {
        let (kind, key, _) = load(&site, lang, &word, key).await?;
        let cat = site.catalogue().await?;
        let typed: Vec<(String, String)> = form
            .fields
            .iter()
            .filter(|(k, _)| k != csrf::FIELD && k != "revision")
            .cloned()
            .collect();
        // A form without a readable revision is based on none: it cannot overwrite anything.
        let based_on = form
            .get("revision")
            .and_then(|r| r.trim().parse::<i64>().ok())
            .unwrap_or(0);
        let doc = reference_form::document(kind, lang, &cat, &key, &typed);
        let db = site.db().clone();
        let who = actor(&viewer);
        let k = key.clone();
        let outcome = blocking(move || {
            match db.write_with(|c| validate_and_store(c, kind, &k, doc, &who, based_on)) {
                Err(WebError::Storage(StorageError::LostRace { .. })) => Ok(None),
                other => other.map(Some),
            }
        })
        .await?;
        match outcome {
            Some(Saved::Stored(revision)) => {
                let href = format!(
                    "{}?saved={revision}",
                    Urls { lang }.reference_record(kind, &key)
                );
                Ok(HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, href))
                    .finish())
            }
            Some(Saved::Invalid(errors)) => {
                let (_, _, stored) = load(&site, lang, &word, key.clone()).await?;
                let situation = Situation {
                    notice: Some(Notice {
                        class: "problem",
                        text: lang.pick(
                            "Intet er gemt: ret felterne herunder.".to_owned(),
                            "Nothing was saved: correct the fields below.".to_owned(),
                        ),
                    }),
                    changed_meanwhile: Vec::new(),
                    errors,
                    typed: Some(typed),
                };
                // The form comes back based on the revision it was loaded from.
                let stored = Stored {
                    revision: based_on,
                    ..stored
                };
                render(
                    lang,
                    &cat,
                    &viewer,
                    kind,
                    &key,
                    &stored,
                    situation,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
            }
            None => conflict(lang, &site, &cat, &viewer, kind, &key, based_on, typed).await,
        }
    };
    respond(lang, result.await)
}

/// The form after another curator saved the record first: nothing stored, what they changed
/// since `based_on`, and the curator's own values in a form now based on the new revision.
#[expect(clippy::too_many_arguments, reason = "the page's parts, each needed")]
async fn conflict(
    lang: Lang,
    site: &Site,
    cat: &Catalogue,
    viewer: &Viewer,
    kind: RefKind,
    key: &str,
    based_on: i64,
    typed: Vec<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let db = site.db().clone();
    let k = key.to_owned();
    let (stored, history) = blocking(move || {
        Ok(db.read(|c| {
            let stored = reference_records::current(c, kind, &k)?;
            let history = reference_history::list(c, kind, &k)?;
            Ok((stored, history))
        })?)
    })
    .await?;
    let stored = stored.ok_or(WebError::NotFound)?;
    let parse = |d: &str| serde_json::from_str::<Value>(d).map_err(StorageError::from);
    let then = history
        .iter()
        .find(|r| r.revision == based_on)
        .map(|r| parse(&r.document))
        .transpose()?;
    let now = parse(&stored.document)?;
    let changed_meanwhile = changes::rows(then.as_ref(), &now, cat, lang);
    let situation = Situation {
        notice: Some(Notice {
            class: "problem",
            text: lang.pick(
                format!(
                    "Intet er gemt: en anden har ændret posten, mens du redigerede (nu revision {}). Se ændringerne herunder. Felterne viser dine værdier; gem igen, hvis de skal erstatte de nye.",
                    stored.revision
                ),
                format!(
                    "Nothing was saved: someone else changed the record while you were editing (now revision {}). See their changes below. The fields show your values; save again if they should replace the new ones.",
                    stored.revision
                ),
            ),
        }),
        changed_meanwhile,
        errors: FieldErrors::default(),
        typed: Some(typed),
    };
    render(
        lang,
        cat,
        viewer,
        kind,
        key,
        &stored,
        situation,
        StatusCode::CONFLICT,
    )
}
