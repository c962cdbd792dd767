//! The publishing service: every change to an entry, whoever asks for it. The HTTP API and the
//! signed-in web pages both call these functions, so an entry is created, edited, reviewed and
//! adopted under one set of rules: the caller's right to the owning organisation, the domain's
//! validation, the workflow, and the revision the caller read.
//!
//! Error policy: every operation returns [`PublishError`], which says what went wrong in terms
//! of the catalogue (not found, forbidden, invalid fields, a stale revision, a step the workflow
//! refuses) and leaves the words and status codes to each edge. Storage failures pass through
//! as [`PublishError::Storage`]; a write that lost a race to another writer is reported as
//! [`PublishError::Stale`], exactly like a caller who read an old revision.
//!
//! The operations are blocking (they run database transactions); the HTTP crates call them on
//! actix's blocking pool. Each runs in one transaction: nothing is half-written.

mod adoptions;
mod caller;
mod editing;
mod error;
mod guard;
mod messages;

pub use adoptions::{AdoptionRequest, adopt, withdraw_adoption};
pub use caller::Caller;
pub use editing::{Saved, create, edit, open_for_change, replace, transition, what};
pub use error::PublishError;
pub use guard::{BasedOn, RevisionTag};
pub use messages::{MAX_MESSAGE, transition_message};
