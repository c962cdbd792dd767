//! Signing in: server-side sessions, the signed-in user as an extractor, CSRF protection for
//! every state-changing form, and safe return paths. The pages themselves (sign-in, sign-out,
//! "Mit arbejde") are in `crate::pages::account`.
//!
//! - [`config`]: how sessions behave ([`AccountConfig`], filled by the binary).
//! - [`session`]: the session cookie, the database rows behind it, and the middleware that
//!   resolves the signed-in user once per request ([`session::frame`]).
//! - [`csrf`]: the [`csrf::CsrfForm`] extractor every state-changing form POST goes through.
//! - [`oidc`]: signing in with the identity provider (OpenID Connect, code flow with PKCE).
//! - [`return_to`]: where to send a user after signing in, refusing anything off-site.
//!
//! A new form plugs in by taking [`session::SignedIn`] (or `Editor`-like checks on its
//! [`session::Viewer`]) and [`csrf::CsrfForm`], and putting `viewer.csrf_token` in a hidden
//! `csrf` field.

pub mod config;
pub mod csrf;
pub mod curator;
pub mod oidc;
pub mod refusal;
pub mod return_to;
pub mod session;

pub use config::AccountConfig;
