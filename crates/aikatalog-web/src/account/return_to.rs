//! Where a user goes after signing in: back to the page they came from, but only to a path on
//! this site. Anything else (another host, a scheme, `//host`, a backslash some browsers read as
//! a slash, control characters) is refused and the user lands on the front page instead, so the
//! sign-in link cannot be made into an open redirect.

/// The longest return path kept; longer ones are refused rather than cut.
const MAX_LEN: usize = 2048;

/// `raw` if it is a same-site path (with its query), else `None`.
pub fn safe(raw: &str) -> Option<&str> {
    let ok = raw.len() <= MAX_LEN
        && raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.contains('\\')
        && !raw.chars().any(|c| c.is_control() || c.is_whitespace());
    ok.then_some(raw)
}

/// The sign-in page's address that returns to `path` afterwards.
pub fn sign_in_then(sign_in: &str, path: &str) -> String {
    match safe(path) {
        Some(path) => format!(
            "{sign_in}?next={}",
            url::form_urlencoded::byte_serialize(path.as_bytes()).collect::<String>()
        ),
        None => sign_in.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_on_this_site_are_kept() {
        for good in ["/", "/mit-arbejde", "/en/my-work?x=1", "/soeg?q=a%20b"] {
            assert_eq!(safe(good), Some(good), "{good}");
        }
        for bad in [
            "",
            "https://evil.example/",
            "//evil.example/x",
            "/\\evil.example",
            "javascript:alert(1)",
            "mit-arbejde",
            "/a\nb",
            "/a b",
        ] {
            assert_eq!(safe(bad), None, "{bad:?}");
        }
        assert_eq!(safe(&format!("/{}", "a".repeat(MAX_LEN))), None);
    }

    #[test]
    fn the_sign_in_link_carries_the_path_encoded() {
        assert_eq!(
            sign_in_then("/log-ind", "/soeg?q=a%20b"),
            "/log-ind?next=%2Fsoeg%3Fq%3Da%2520b"
        );
        assert_eq!(sign_in_then("/log-ind", "//evil"), "/log-ind");
    }
}
