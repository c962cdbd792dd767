//! Tokens for test requests, signed with the test key the [`crate::TestApp`] trusts by default.

use aikatalog_api::auth::{AuthConfig, Principal, Role};
use aikatalog_domain::OrgCode;

/// The HS256 secret of [`auth_config`], for tests that sign tokens of their own.
pub const SECRET: &[u8] = b"test-secret-of-at-least-thirty-two-bytes!";
pub const ISSUER: &str = "aikatalog-test";
pub const AUDIENCE: &str = "aikatalog-api";

/// The token configuration of [`crate::TestApp::new`]: HS256 with [`SECRET`].
pub fn auth_config() -> AuthConfig {
    AuthConfig::hs256(SECRET, ISSUER, AUDIENCE)
}

/// A token valid for an hour for `role`, acting for `org` if given.
pub fn token(role: Role, org: Option<&str>) -> String {
    let principal = Principal {
        subject: "tester".into(),
        role,
        org: org.map(|o| OrgCode::try_from(o).expect("a valid organisation code")),
    };
    auth_config()
        .issue(&principal, 3600)
        .expect("the test key signs")
}

/// An editor's token for `org`.
pub fn editor(org: &str) -> String {
    token(Role::Editor, Some(org))
}

/// A curator's token (curators act for no organisation).
pub fn curator() -> String {
    token(Role::Curator, None)
}
