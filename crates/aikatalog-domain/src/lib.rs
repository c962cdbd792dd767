//! The catalogue's domain: what a use case, an algorithm and the reference data are, and the
//! rules a document must satisfy before it is stored. No I/O lives here, so the importer, the
//! storage layer and the HTTP API all validate with exactly the same rules.

pub mod algorithm;
pub mod diff;
pub mod document;
pub mod entry;
pub mod ids;
mod json_schema;
pub mod levels;
pub mod reference;
pub mod sections;
pub mod use_case;
pub mod validation;
pub mod workflow;

pub use algorithm::Algorithm;
pub use entry::{Adoption, Entry, EntryKind, EntryMeta, PublicationState, Relation};
pub use ids::{OrgCode, Slug};
pub use levels::{
    AiActClass, Challenge, DataLevel, InfrastructureLevel, IntegrationLevel, Lifecycle, ModelLevel,
    NeedsProfile,
};
pub use reference::{Category, Domain, OrgKind, Organisation};
pub use use_case::UseCase;
pub use validation::{FieldError, FieldErrors};
