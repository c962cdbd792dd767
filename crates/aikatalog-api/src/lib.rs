//! The HTTP API under `/api/v1`, plus `/healthz`. Handlers are thin: they parse the request,
//! run storage calls on the blocking pool, and map results and errors in one place
//! ([`error::ApiError`]).

pub mod auth;
pub mod body;
pub mod error;
mod paging;
pub mod routes;
pub mod state;

pub use routes::configure;
pub use state::AppState;
