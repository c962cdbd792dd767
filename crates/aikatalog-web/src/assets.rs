//! The stylesheet and the little script, compiled into the binary: no build step, nothing
//! fetched from elsewhere. Each is served under a name that carries a hash of its bytes
//! (`/static/style.3f2a9c1b.css`), so a browser may keep it for a year: a changed file gets a
//! new name, and pages link the names of the files this binary carries. Any other name under
//! `/static/`, the old unhashed ones included, is not found.

use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use sha2::{Digest, Sha256};

/// A static file and the name it is served under.
pub struct Asset {
    pub href: String,
    content_type: &'static str,
    body: &'static str,
}

impl Asset {
    fn new(stem: &str, extension: &str, content_type: &'static str, body: &'static str) -> Self {
        let digest = Sha256::digest(body.as_bytes());
        // Eight hex digits tell the versions of one file apart; the name is no security token.
        let hash: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
        Asset {
            href: format!("/static/{stem}.{hash}.{extension}"),
            content_type,
            body,
        }
    }

    fn response(&self) -> HttpResponse {
        HttpResponse::Ok()
            .content_type(self.content_type)
            .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
            .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
            .body(self.body)
    }
}

pub static STYLE: LazyLock<Asset> = LazyLock::new(|| {
    Asset::new(
        "style",
        "css",
        "text/css; charset=utf-8",
        include_str!("../static/style.css"),
    )
});

pub static SCRIPT: LazyLock<Asset> = LazyLock::new(|| {
    Asset::new(
        "app",
        "js",
        "text/javascript; charset=utf-8",
        include_str!("../static/app.js"),
    )
});

pub fn routes(cfg: &mut web::ServiceConfig) {
    for asset in [&*STYLE, &*SCRIPT] {
        cfg.route(
            &asset.href,
            crate::get().to(move || async move { asset.response() }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_a_hash_of_the_bytes() {
        let a = Asset::new("style", "css", "text/css", "a { color: red }");
        let b = Asset::new("style", "css", "text/css", "a { color: blue }");
        assert_ne!(a.href, b.href);
        assert_eq!(
            a.href,
            Asset::new("style", "css", "text/css", "a { color: red }").href
        );
        assert!(a.href.starts_with("/static/style.") && a.href.ends_with(".css"));
        assert_eq!(a.href.len(), "/static/style.12345678.css".len());
    }
}
