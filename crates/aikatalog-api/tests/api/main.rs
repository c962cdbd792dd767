//! The HTTP API, in-process, on every backend. Modules mirror the routes.

mod ai_act;
mod auth;
mod authz;
mod corrections;
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
mod reviews;
mod schemas;
mod search;
mod statistics;
mod util;
mod work;
mod workflow;
