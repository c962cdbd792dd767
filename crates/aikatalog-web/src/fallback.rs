//! What answers an address no route claims (the app's default service): a trailing slash is
//! dropped by a permanent redirect (`/algoritmer/` → `/algoritmer`, the query kept), anything
//! else gets the site's own "not found" page in the language of its address. The API answers
//! its own unknown addresses under `/api/` with problem+json before this is reached.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};

use crate::error::WebError;
use crate::lang::Lang;
use crate::site::respond;

pub async fn unknown_address(req: HttpRequest) -> HttpResponse {
    match without_trailing_slash(req.path()) {
        Some(path) => {
            let location = match req.query_string() {
                "" => path.to_owned(),
                query => format!("{path}?{query}"),
            };
            HttpResponse::PermanentRedirect()
                .insert_header((header::LOCATION, location))
                .finish()
        }
        None => respond(Lang::of_path(req.path()), Err(WebError::NotFound)),
    }
}

/// The address without its trailing slashes, when it has some and is not a front page.
fn without_trailing_slash(path: &str) -> Option<&str> {
    let trimmed = path.trim_end_matches('/');
    // `//host/` must not become `//host`, which a browser reads as another site.
    if trimmed.len() == path.len() || trimmed.is_empty() || trimmed.starts_with("//") {
        None
    } else {
        Some(trimmed)
    }
}

#[cfg(test)]
mod tests {
    use super::without_trailing_slash;

    #[test]
    fn only_a_trailing_slash_is_dropped_and_never_into_another_host() {
        assert_eq!(without_trailing_slash("/algoritmer/"), Some("/algoritmer"));
        assert_eq!(without_trailing_slash("/en/search//"), Some("/en/search"));
        assert_eq!(without_trailing_slash("/algoritmer"), None);
        assert_eq!(without_trailing_slash("/"), None);
        assert_eq!(without_trailing_slash("//"), None);
        assert_eq!(without_trailing_slash("//evil.example/"), None);
    }
}
