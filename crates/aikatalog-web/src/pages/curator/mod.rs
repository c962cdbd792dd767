//! The curators' pages: the review queue (`/kurator/gennemgang`, `/en/curator/review`), one
//! entry's review with its changes against what is published and the workflow's steps
//! (publish, reject with a reason, archive, restore), and the reference data (organisations,
//! categories, domains) with their forms and histories. Every page takes
//! `crate::account::curator::SignedInCurator`: editors get a 403 page, signed-out visitors are
//! sent to sign in. Every change goes through a CSRF-checked form and is guarded by the
//! revision the curator saw; entries change only through the publishing service
//! (`aikatalog_publishing`), reference records through the storage's guarded sync, as the
//! API's do.

mod act;
mod actor;
mod changes;
mod labels;
pub mod queue;
pub mod reference;
mod reference_form;
pub mod reference_history;
pub mod review;

use actix_web::web;

use crate::lang::Lang;
use crate::urls::Patterns;

/// Registers the curators' pages in both languages.
pub fn routes(cfg: &mut web::ServiceConfig) {
    for lang in [Lang::Da, Lang::En] {
        let p = Patterns::of(lang);
        cfg.route(&p.review_queue, crate::get().to(queue::show))
            .route(&p.review, crate::get().to(review::show))
            .route(&p.review, web::post().to(act::act))
            .route(&p.reference_data, crate::get().to(reference::list))
            .route(&p.reference_record, crate::get().to(reference::edit))
            .route(&p.reference_record, web::post().to(reference::save))
            .route(
                &p.reference_history,
                crate::get().to(reference_history::show),
            );
    }
}
