//! The test harness of the api, web and search crates' integration tests: databases seeded
//! with the bundled data on every backend the environment offers, an in-memory search index,
//! and the whole app (the API and the pages, as `aikatalog serve` mounts them) in-process,
//! with a small builder for requests:
//!
//! ```no_run
//! # use aikatalog_testing::each_seeded_app;
//! # async fn example() {
//! each_seeded_app(|app| async move {
//!     let reply = app.get("/api/v1/use-cases/smartmail-norddjurs").as_editor("707").await;
//!     assert_eq!(reply.status, 200, "{:?}", reply.json);
//! })
//! .await;
//! # }
//! ```
//!
//! A dev-dependency only. The api and search crates depend on it while it depends on them; the
//! cycle is fine for integration tests under `tests/`, which link the one copy of each library.

mod app;
mod databases;
mod index;
mod request;
mod response;
pub mod tokens;

pub use aikatalog_storage::Backend;
pub use aikatalog_storage::testing::{TestDb, backends};
pub use app::TestApp;
pub use databases::{each_seeded, each_seeded_app, each_seeded_blocking, seeded};
pub use index::{index, synonyms};
pub use request::RequestBuilder;
pub use response::TestResponse;
