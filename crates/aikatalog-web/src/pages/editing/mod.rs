//! Creating and editing use cases and algorithms in the browser (`/mit-arbejde/anvendelser/ny`,
//! `/mit-arbejde/anvendelser/{slug}/rediger`, `…/forhaandsvisning`, and the same for
//! algorithms and in English under `/en/my-work/`). The form is built from the record's JSON
//! Schema (`crate::editing`); every change goes through the publishing service, as the API's
//! do, so the rules, the errors' paths and codes, and the revision guard are the API's.
//!
//! - A form carries the revision it was loaded from (`_revision`); saving over a newer one
//!   shows what changed in between and lets the person merge field by field (`conflict.rs`).
//! - Buttons: `_action` = `save`, `preview` (save, then show the page as the public would) or
//!   `submit` (save, then submit for review); `_add` and `_remove` add or remove a list row
//!   and only re-render the form.
//! - Every POST goes through `CsrfForm`; signed-out visitors are sent to sign in and back.

mod conflict;
mod handlers;
mod view;

use actix_web::web;
use aikatalog_domain::{Algorithm, EntryKind, UseCase};

use crate::catalogue::Catalogue;
use crate::error::WebError;
use crate::lang::Lang;
use crate::public::{self, Loaded};
use crate::urls::{Urls, editing_patterns};

/// An entry kind the pages can edit: what its public page looks like in a preview.
pub trait Editable: aikatalog_domain::Entry {
    /// The public entries the page of `doc` shows beside it (a use case's algorithms, an
    /// algorithm's users).
    fn linked(
        conn: &mut aikatalog_storage::DbConnection,
        doc: &Self,
    ) -> Result<Loaded, aikatalog_storage::StorageError>;

    fn preview(
        cat: &Catalogue,
        loaded: &Loaded,
        doc: &Self,
        back: String,
        lang: Lang,
    ) -> Result<actix_web::HttpResponse, WebError>;
}

impl Editable for UseCase {
    fn linked(
        conn: &mut aikatalog_storage::DbConnection,
        doc: &Self,
    ) -> Result<Loaded, aikatalog_storage::StorageError> {
        let algorithms: Vec<&str> = doc.algorithms.iter().map(|a| a.as_str()).collect();
        public::load(conn, &[], &algorithms)
    }

    fn preview(
        cat: &Catalogue,
        loaded: &Loaded,
        doc: &Self,
        back: String,
        lang: Lang,
    ) -> Result<actix_web::HttpResponse, WebError> {
        super::use_case::render_preview(cat, loaded, doc, back, lang)
    }
}

impl Editable for Algorithm {
    fn linked(
        conn: &mut aikatalog_storage::DbConnection,
        doc: &Self,
    ) -> Result<Loaded, aikatalog_storage::StorageError> {
        let users: Vec<&str> = doc
            .meta
            .iter()
            .flat_map(|m| &m.used_by)
            .map(String::as_str)
            .collect();
        public::load(conn, &users, &[])
    }

    fn preview(
        cat: &Catalogue,
        loaded: &Loaded,
        doc: &Self,
        back: String,
        lang: Lang,
    ) -> Result<actix_web::HttpResponse, WebError> {
        super::algorithms::render_algorithm(cat, loaded, doc, Vec::new(), None, Some(back), lang)
    }
}

/// Registers the editing pages of both kinds in both languages.
pub fn routes(cfg: &mut web::ServiceConfig) {
    for lang in [Lang::Da, Lang::En] {
        register::<UseCase>(cfg, lang);
        register::<Algorithm>(cfg, lang);
    }
}

fn register<E: Editable>(cfg: &mut web::ServiceConfig, lang: Lang) {
    let (new, edit, preview) = editing_patterns(lang, E::KIND);
    cfg.route(&new, crate::get().to(handlers::new_form::<E>))
        .route(&new, web::post().to(handlers::create::<E>))
        .route(&edit, crate::get().to(handlers::edit_form::<E>))
        .route(&edit, web::post().to(handlers::save::<E>))
        .route(&preview, crate::get().to(handlers::preview::<E>));
}

/// The edit form's address for an entry page, when the signed-in viewer may change the entry.
pub fn edit_href(kind: EntryKind, slug: &str, owner: &str, lang: Lang) -> Option<String> {
    let viewer = crate::account::session::current_frame().viewer?;
    viewer
        .may_edit(owner)
        .then(|| Urls { lang }.edit_entry(kind, slug))
}
