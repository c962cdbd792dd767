//! The HTTP API, in-process, on every backend. Modules mirror the routes.

mod auth;
mod authz;
mod curation;
mod editing;
mod hardening;
mod history;
mod interop;
mod nul;
mod openapi;
mod operations;
mod provider_tokens;
mod reference;
mod search;
mod util;
mod work;
mod workflow;
