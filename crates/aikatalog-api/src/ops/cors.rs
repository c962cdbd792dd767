//! CORS for the public read API: browsers on the configured origins may read what anyone may
//! read (GET and HEAD, preflight with OPTIONS), without credentials, so a page elsewhere can
//! never act with a visitor's cookies or tokens. Writes are never allowed cross-origin. Off
//! unless `AIKATALOG_CORS_ORIGINS` is set.

use actix_cors::Cors;
use actix_web::http::{Method, header};
use actix_web::middleware::Condition;

/// Which origins may read the API from a browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorsOrigins {
    Off,
    /// `*`: any origin (the data is public).
    Any,
    /// Exact origins, like `https://kommune.dk`.
    List(Vec<String>),
}

/// The CORS middleware for `origins` (a pass-through when off).
pub fn middleware(origins: &CorsOrigins) -> Condition<Cors> {
    let cors = Cors::default()
        .allowed_methods([Method::GET, Method::HEAD])
        .allowed_headers([
            header::ACCEPT,
            header::ACCEPT_LANGUAGE,
            header::IF_NONE_MATCH,
        ])
        .expose_headers([header::ETAG, header::LINK, super::request_id::HEADER])
        .max_age(3600)
        // A request from another origin is answered as usual, only without CORS headers (so the
        // browser keeps the answer from the page); forms on this site send an Origin too.
        .block_on_origin_mismatch(false);
    let cors = match origins {
        CorsOrigins::Off => cors,
        CorsOrigins::Any => cors.allow_any_origin().send_wildcard(),
        CorsOrigins::List(list) => list.iter().fold(cors, |c, o| c.allowed_origin(o)),
    };
    Condition::new(*origins != CorsOrigins::Off, cors)
}
