//! How sign-in and sessions behave. The binary reads the environment and fills
//! [`AccountConfig`]; pages read it from actix's app data and fall back to
//! [`AccountConfig::default`] (no development sign-in, cookies without `Secure`) when none is
//! registered.

use std::sync::Arc;

use chrono::TimeDelta;

use super::oidc::Oidc;

#[derive(Debug, Clone)]
pub struct AccountConfig {
    /// `AIKATALOG_DEV_LOGIN=1`: anyone can sign in as any organisation's editor or as a curator.
    /// The binary refuses it unless the server listens on a loopback address only.
    pub dev_login: bool,
    /// Whether the site is served over HTTPS (`AIKATALOG_PUBLIC_URL` starts with `https:`): the
    /// cookies are then `Secure` and `__Host-` prefixed.
    pub secure_cookies: bool,
    /// A session unused this long has ended.
    pub idle_timeout: TimeDelta,
    /// A session ends this long after sign-in, however active.
    pub absolute_timeout: TimeDelta,
    /// Signing in with the identity provider, when `AIKATALOG_OIDC_ISSUER` is set.
    pub oidc: Option<Arc<Oidc>>,
}

impl AccountConfig {
    pub const DEFAULT_IDLE_MINUTES: i64 = 30;
    pub const DEFAULT_ABSOLUTE_HOURS: i64 = 10;
}

impl Default for AccountConfig {
    fn default() -> Self {
        Self {
            dev_login: false,
            secure_cookies: false,
            idle_timeout: TimeDelta::minutes(Self::DEFAULT_IDLE_MINUTES),
            absolute_timeout: TimeDelta::hours(Self::DEFAULT_ABSOLUTE_HOURS),
            oidc: None,
        }
    }
}
