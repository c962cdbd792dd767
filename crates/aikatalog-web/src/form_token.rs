//! Bot protection for the public forms, without a third-party service: a signed, time-stamped
//! form token (this module) and a honeypot field (the form's, checked by its handler).
//!
//! The page that shows a form puts a token in it: `{issued}.{nonce}.{mac}`, where `issued` is
//! the Unix time the page was made, `nonce` 128 random bits, and `mac` the HMAC-SHA256 of both
//! and the form's purpose (which names the entry) under a key every server on the database
//! shares (`site_keys`, made on first use). A submission is accepted only with a token that
//!
//! - was signed here, for this form (a bot cannot make one up, nor move one to another entry);
//! - is at least [`MIN_AGE_SECS`] old: a person reads the page and types; a script that fetches
//!   and posts at once is too fast;
//! - is at most [`MAX_AGE_SECS`] old, so tokens harvested in bulk go stale;
//! - has not been used before: the nonce is stored with the suggestion, in a unique column, so
//!   the database refuses a replay whichever server it reaches.
//!
//! The token is not a CSRF defence (the form needs no sign-in, so there is nothing to forge);
//! the rate limit per client bounds what a determined sender can do with fresh tokens.

use std::sync::{Arc, OnceLock};

use aikatalog_storage::models::site_keys;
use aikatalog_storage::{Database, StorageError};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A token younger than this (seconds) was not filled in by a person.
pub const MIN_AGE_SECS: i64 = 3;
/// A token older than this (seconds) has gone stale: four hours, a long lunch with the tab open.
pub const MAX_AGE_SECS: i64 = 4 * 60 * 60;
/// The `site_keys` row the key is stored under.
const KEY_NAME: &str = "public_form_token";

type HmacSha256 = Hmac<Sha256>;

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    /// Missing, malformed, signed elsewhere or for another form.
    Invalid,
    /// Sent sooner than a person could have.
    TooFast,
    /// Older than [`MAX_AGE_SECS`].
    Expired,
}

/// The signing key, read from (or stored in) the database once per server; registered as app
/// data by `crate::routes`.
#[derive(Debug, Default)]
pub struct FormKeys(OnceLock<Arc<[u8]>>);

impl FormKeys {
    /// The key; reads the database on first use, so call it off the async workers.
    pub fn key(&self, db: &Database) -> Result<Arc<[u8]>, StorageError> {
        if let Some(key) = self.0.get() {
            return Ok(key.clone());
        }
        let stored = db.write(|c| {
            site_keys::get_or_create(c, KEY_NAME, || hex::encode(rand::random::<[u8; 32]>()))
        })?;
        let key: Arc<[u8]> = stored.into_bytes().into();
        Ok(self.0.get_or_init(|| key).clone())
    }
}

fn mac(key: &[u8], purpose: &str, issued: i64, nonce: &str) -> HmacSha256 {
    // HMAC takes keys of any length; this cannot fail.
    let mut mac = HmacSha256::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(purpose.as_bytes());
    mac.update(b"\n");
    mac.update(issued.to_string().as_bytes());
    mac.update(b"\n");
    mac.update(nonce.as_bytes());
    mac
}

/// A token for `purpose` issued at `issued` (Unix seconds) with `nonce`.
pub fn issue_at(key: &[u8], purpose: &str, issued: i64, nonce: &str) -> String {
    let tag = hex::encode(mac(key, purpose, issued, nonce).finalize().into_bytes());
    format!("{issued}.{nonce}.{tag}")
}

/// A fresh token for `purpose`, issued now.
pub fn issue(key: &[u8], purpose: &str) -> String {
    let nonce = hex::encode(rand::random::<[u8; 16]>());
    issue_at(key, purpose, now(), &nonce)
}

/// The current Unix time in seconds.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Checks `token` for `purpose` at `now`; returns its nonce, which the caller stores so the
/// token cannot be used again.
pub fn verify(key: &[u8], purpose: &str, token: &str, now: i64) -> Result<String, TokenProblem> {
    let mut parts = token.splitn(3, '.');
    let (Some(issued), Some(nonce), Some(tag)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(TokenProblem::Invalid);
    };
    let issued: i64 = issued.parse().map_err(|_| TokenProblem::Invalid)?;
    let tag = hex::decode(tag).map_err(|_| TokenProblem::Invalid)?;
    if nonce.len() != 32 || !nonce.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(TokenProblem::Invalid);
    }
    // Compared in constant time by the hmac crate.
    mac(key, purpose, issued, nonce)
        .verify_slice(&tag)
        .map_err(|_| TokenProblem::Invalid)?;
    let age = now - issued;
    if age < MIN_AGE_SECS {
        return Err(TokenProblem::TooFast);
    }
    if age > MAX_AGE_SECS {
        return Err(TokenProblem::Expired);
    }
    Ok(nonce.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"a key for the tests";
    const NONCE: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn a_token_is_good_for_its_form_between_three_seconds_and_four_hours() {
        let token = issue_at(KEY, "correction:use_case:x", 1_000, NONCE);
        let check = |purpose, at| verify(KEY, purpose, &token, at);
        assert_eq!(check("correction:use_case:x", 1_003), Ok(NONCE.to_owned()));
        assert_eq!(
            check("correction:use_case:x", 1_000 + MAX_AGE_SECS),
            Ok(NONCE.to_owned())
        );
        assert_eq!(
            check("correction:use_case:x", 1_002),
            Err(TokenProblem::TooFast)
        );
        assert_eq!(
            check("correction:use_case:x", 1_001 + MAX_AGE_SECS),
            Err(TokenProblem::Expired)
        );
        assert_eq!(
            check("correction:use_case:y", 1_010),
            Err(TokenProblem::Invalid)
        );
    }

    #[test]
    fn a_token_changed_or_signed_elsewhere_is_refused() {
        let token = issue_at(KEY, "p", 1_000, NONCE);
        let later = token.replacen("1000", "900", 1);
        assert_eq!(verify(KEY, "p", &later, 1_010), Err(TokenProblem::Invalid));
        assert_eq!(
            verify(b"another key", "p", &token, 1_010),
            Err(TokenProblem::Invalid)
        );
        for junk in ["", "1000", "1000.x.y", "x.y.z", &format!("1000.{NONCE}.zz")] {
            assert_eq!(
                verify(KEY, "p", junk, 1_010),
                Err(TokenProblem::Invalid),
                "{junk}"
            );
        }
    }
}
