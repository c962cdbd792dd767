//! One module per page (or family of pages); each has a handler that reads the snapshot and
//! renders a template, and leaves errors to [`crate::site::respond`].

pub mod account;
pub mod algorithms;
pub mod categories;
mod entry;
pub mod export;
pub mod home;
pub mod organisations;
pub mod search;
pub mod use_case;

use actix_web::HttpResponse;

use crate::error::WebError;
use crate::lang::Lang;
use crate::site::respond;

/// Unknown addresses under the catalogue's own sections: an HTML page, not the API's JSON.
pub async fn not_found(lang: Lang) -> HttpResponse {
    respond(lang, Err(WebError::NotFound))
}
