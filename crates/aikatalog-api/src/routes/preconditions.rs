//! Optimistic concurrency for every writable resource: a change names the version it is based
//! on in `If-Match`, as the `ETag` of a read gave it, and is refused if that is not current.

use actix_web::HttpRequest;
use actix_web::http::header;

use aikatalog_publishing::{BasedOn, RevisionTag};

use crate::error::ApiError;

/// The `If-Match` header, read before work moves to the blocking pool.
pub fn if_match(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(header::IF_MATCH)
        .map(|v| v.to_str().unwrap_or("").to_owned())
}

/// Whether an `If-Match` value (one ETag or a list) names `current`.
fn etag_matches(if_match: &str, current: &str) -> bool {
    if_match
        .split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == current)
}

/// Checks an `If-Match` value against what is stored now (`what`, at `revision`, whose ETag is
/// `current`). Missing → 428; another ETag → 412.
pub fn check_etag(
    if_match: Option<&str>,
    current: &str,
    what: &'static str,
    revision: i64,
) -> Result<(), ApiError> {
    let Some(value) = if_match else {
        return Err(ApiError::PreconditionRequired);
    };
    if etag_matches(value, current) {
        Ok(())
    } else {
        Err(ApiError::PreconditionFailed {
            what,
            current: revision,
        })
    }
}

/// What an entry change's `If-Match` says it is based on, for the publishing service: the
/// revisions its ETags (`"{entry id}-{revision}"`, as [`super::entry_access::etag`] writes them)
/// name. A tag in another form names no revision, so it never matches; no header is `None`.
pub fn based_on(if_match: Option<&str>) -> Option<BasedOn> {
    let tags = if_match?
        .split(',')
        .filter_map(|t| {
            let quoted = t.trim().trim_start_matches("W/");
            let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
            let (entry_id, revision) = inner.rsplit_once('-')?;
            let number: i64 = revision.parse().ok()?;
            // Only the form an ETag is written in: `"x-07"` names nothing, as before.
            (number.to_string() == revision).then(|| RevisionTag {
                entry_id: entry_id.to_owned(),
                revision: number,
            })
        })
        .collect();
    Some(BasedOn::AnyOf(tags))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(entry_id: &str, revision: i64) -> RevisionTag {
        RevisionTag {
            entry_id: entry_id.into(),
            revision,
        }
    }

    #[test]
    fn if_match_names_the_revisions_of_its_etags() {
        let id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        assert_eq!(
            based_on(Some(&format!(r#""{id}-3", W/"{id}-12""#))),
            Some(BasedOn::AnyOf(vec![tag(id, 3), tag(id, 12)]))
        );
        assert_eq!(based_on(None), None);
        // Unquoted, padded or non-numeric tags name no revision: a 412, never a match.
        assert_eq!(
            based_on(Some(&format!(r#"{id}-3, "{id}-03", "{id}-x", *"#))),
            Some(BasedOn::AnyOf(vec![]))
        );
    }
}
