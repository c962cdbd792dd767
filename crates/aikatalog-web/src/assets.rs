//! The stylesheet and the little script, compiled into the binary: no build step, nothing
//! fetched from elsewhere. Their URLs carry no version, so they are cached for an hour only.

use actix_web::http::header;
use actix_web::{HttpResponse, web};

const STYLE: &str = include_str!("../static/style.css");
const SCRIPT: &str = include_str!("../static/app.js");

fn asset(content_type: &'static str, body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(body)
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/static/style.css",
        web::get().to(|| async { asset("text/css; charset=utf-8", STYLE) }),
    )
    .route(
        "/static/app.js",
        web::get().to(|| async { asset("text/javascript; charset=utf-8", SCRIPT) }),
    );
}
