//! The HTTP API, in-process, on every backend. Modules mirror the routes.

mod auth;
mod authz;
mod curation;
mod editing;
mod hardening;
mod history;
mod nul;
mod openapi;
mod operations;
mod provider_tokens;
mod reference;
mod reviews;
mod search;
mod statistics;
mod util;
mod work;
mod workflow;
