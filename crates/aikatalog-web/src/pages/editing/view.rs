//! The form page and the words around it.

use std::sync::Arc;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use aikatalog_domain::{EntryKind, FieldError};
use aikatalog_publishing::PublishError;
use aikatalog_storage::models::entries::EntryRow;
use askama::Template;
use serde_json::Value;

use super::Editable;
use crate::account::refusal;
use crate::account::session::Viewer;
use crate::catalogue::Catalogue;
use crate::editing::form::{self, Form, Row};

use crate::editing::schema_of;
use crate::error::WebError;
use crate::lang::{Label, Lang};
use crate::site::{Layout, html, respond};
use crate::urls::{Page, Urls};

#[derive(Template)]
#[template(path = "editing/form.html")]
struct FormPage {
    l: Layout,
    action: String,
    csrf: String,
    /// The revision the form was loaded from; 0 for a new entry.
    revision: i64,
    form: Form,
    notice: String,
    /// Where the entry stands, and what saving will do.
    standing: String,
    preview_href: String,
    /// Suggestions for the fields that name reference data.
    datalists: Vec<Datalist>,
}

/// The keys of one kind of reference data, with their names, as the browser suggests them.
struct Datalist {
    id: &'static str,
    options: Vec<(String, String)>,
}

fn datalists(cat: &Catalogue, lang: Lang) -> Vec<Datalist> {
    vec![
        Datalist {
            id: "categories",
            options: cat
                .categories
                .iter()
                .map(|c| {
                    let name = lang.pick(&c.name_da, &c.name_en);
                    (c.slug.to_string(), name.clone())
                })
                .collect(),
        },
        Datalist {
            id: "domains",
            options: cat
                .domains
                .iter()
                .map(|d| {
                    (
                        d.slug.to_string(),
                        lang.pick(&d.name_da, &d.name_en).clone(),
                    )
                })
                .collect(),
        },
        Datalist {
            id: "organisations",
            options: cat
                .organisations
                .values()
                .map(|o| (o.code.to_string(), o.name.clone()))
                .collect(),
        },
        Datalist {
            id: "algorithms",
            options: cat.algorithm_names().to_vec(),
        },
    ]
}

impl FormPage {
    /// An error's text for people: in Danish a sentence by its code where there is one, with
    /// the domain's own message kept as the detail.
    fn problem_text(&self, code: &str) -> &'static str {
        problem_text(code, self.l.lang)
    }
}

fn problem_text(code: &str, lang: Lang) -> &'static str {
    match (code, lang) {
        ("missing_field", Lang::Da) => "Skal udfyldes.",
        ("invalid_type", Lang::Da) => "Har ikke den rigtige form (fx et tal, hvor der står tekst).",
        ("unknown_value", Lang::Da) => "Er ikke en af de mulige værdier.",
        ("invalid_value" | "format", Lang::Da) => "Er ikke en gyldig værdi.",
        ("length", Lang::Da) => "Har ikke en tilladt længde.",
        ("slug_taken", Lang::Da) => "En anden post har allerede denne adresse.",
        ("unknown_organisation" | "unknown_category" | "unknown_domain", Lang::Da) => {
            "Findes ikke i kataloget."
        }
        ("forbidden", Lang::Da) => "Du kan kun oprette og ændre poster for din egen organisation.",
        ("missing_field", Lang::En) => "Must be filled in.",
        _ => "",
    }
}

/// Who is editing what: the entry (none while creating) and the revision the form is based on.
pub struct Editing<'a> {
    pub lang: Lang,
    /// The public catalogue, for the reference data the form suggests.
    pub cat: Arc<Catalogue>,
    pub viewer: &'a Viewer,
    pub kind: EntryKind,
    pub slug: Option<String>,
    pub revision: i64,
    pub standing: String,
}

impl<'a> Editing<'a> {
    pub fn new(lang: Lang, cat: Arc<Catalogue>, viewer: &'a Viewer, kind: EntryKind) -> Self {
        Editing {
            lang,
            cat,
            viewer,
            kind,
            slug: None,
            revision: 0,
            standing: String::new(),
        }
    }

    /// Editing the entry `row` as it stands, based on `revision`.
    pub fn of(
        lang: Lang,
        cat: Arc<Catalogue>,
        viewer: &'a Viewer,
        kind: EntryKind,
        row: &EntryRow,
        revision: i64,
    ) -> Self {
        Editing {
            lang,
            cat,
            viewer,
            kind,
            slug: Some(row.slug.clone()),
            revision,
            standing: standing(row, lang),
        }
    }

    fn page(&self) -> Page {
        match &self.slug {
            Some(slug) => Page::EditEntry(self.kind, slug.clone()),
            None => Page::NewEntry(self.kind),
        }
    }

    /// The form page for `doc` with `errors` beside their fields.
    pub fn form<E: Editable>(
        &self,
        doc: &Value,
        errors: &[FieldError],
        notice: &str,
        status: StatusCode,
    ) -> Result<HttpResponse, WebError> {
        let schema = schema_of::<E>();
        let locked: &[&str] = if self.slug.is_some() { &["slug"] } else { &[] };
        let u = Urls { lang: self.lang };
        let kind = self.kind.label(self.lang).to_lowercase();
        let title = match &self.slug {
            Some(_) => {
                let name = doc
                    .get("title")
                    .or_else(|| doc.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                format!("{} {kind}: {name}", self.lang.pick("Rediger", "Edit"))
            }
            None => format!("{} {kind}", self.lang.pick("Ny", "New")),
        };
        let page = self.page();
        let template = FormPage {
            l: Layout::new(self.lang, &page, "", title),
            action: page.path(self.lang),
            csrf: self.viewer.csrf_token.clone(),
            revision: self.revision,
            form: form::build(&schema, doc, errors, locked, self.lang),
            notice: notice.to_owned(),
            standing: self.standing.clone(),
            preview_href: self
                .slug
                .as_ref()
                .map(|s| u.preview_entry(self.kind, s))
                .unwrap_or_default(),
            datalists: datalists(&self.cat, self.lang),
        };
        Ok(html(self.lang, status, template.render()?))
    }
}

/// Where an entry stands, and what a save does to it, in words.
fn standing(row: &EntryRow, lang: Lang) -> String {
    let state = row.state();
    if row.is_public() {
        // An edit of a published entry is a draft (or submitted) revision beside the public one.
        let pending = if row.has_pending_change() {
            lang.pick(
                " Der er en ændring, som ikke er offentliggjort endnu.",
                " There is a change that is not published yet.",
            )
        } else {
            ""
        };
        return format!(
            "{}.{pending} {}",
            lang.pick("Offentliggjort", "Published"),
            lang.pick(
                "Når du gemmer, bliver ændringen en ventende ændring: offentligheden ser den \
                 offentliggjorte version, indtil en kurator offentliggør ændringen.",
                "Saving makes your change a pending change: the public sees the published \
                 version until a curator publishes the change.",
            )
        );
    }
    format!(
        "{}. {}",
        lang.pick(state.label_da(), state.label_en()),
        lang.pick(
            "Kun din organisation og kuratorerne kan se den.",
            "Only your organisation and the curators can see it.",
        )
    )
}

/// The page for a refusal that is not about the form's fields.
pub fn refused(lang: Lang, e: PublishError) -> HttpResponse {
    match e {
        PublishError::NotFound { .. } => respond(lang, Err(WebError::NotFound)),
        PublishError::OthersDraft { .. } => refusal::page(
            lang,
            StatusCode::FORBIDDEN,
            lang.pick("Du kan ikke åbne denne post", "You cannot open this entry"),
            &lang.pick(
                "Posten er en kladde, der tilhører en anden organisation. Kun dens redaktører og \
                 kuratorerne kan se og ændre den."
                    .to_owned(),
                "The entry is a draft of another organisation. Only its editors and the curators \
                 can see and change it."
                    .to_owned(),
            ),
        ),
        PublishError::Forbidden(why) => refusal::page(
            lang,
            StatusCode::FORBIDDEN,
            lang.pick(
                "Du kan ikke ændre denne post",
                "You cannot change this entry",
            ),
            &lang.pick(
                "Posten tilhører en anden organisation. Kun dens redaktører og kuratorerne kan \
                 ændre den."
                    .to_owned(),
                format!("{why}."),
            ),
        ),
        PublishError::Storage(e) => respond(lang, Err(WebError::Storage(e))),
        other => refusal::page(
            lang,
            StatusCode::CONFLICT,
            lang.pick("Det kunne ikke lade sig gøre", "That could not be done"),
            &other.to_string(),
        ),
    }
}
