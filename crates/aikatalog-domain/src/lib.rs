//! The catalogue's domain: what a use case, an algorithm and the reference data are, and the
//! rules a document must satisfy before it is stored. No I/O lives here, so the importer, the
//! storage layer and the HTTP API all validate with exactly the same rules.

pub mod ai_act;
pub mod algorithm;
pub mod assessments;
pub mod completeness;
pub mod correction;
pub mod data_sources;
pub mod dates;
pub mod diff;
pub mod document;
pub mod entry;
pub mod ids;
mod json_schema;
pub mod levels;
pub mod organisation;
pub mod people;
pub mod provenance;
pub mod readiness;
mod record_rules;
pub mod reference;
pub mod registers;
pub mod review;
pub mod role;
pub mod schema_version;
pub mod sections;
pub mod sourcing;
pub mod use_case;
pub mod validation;
pub mod workflow;

pub use algorithm::{Algorithm, LearningType};
pub use assessments::{AssessmentKind, AssessmentStatus, FriaElements, ImpactAssessment};
pub use completeness::{Completeness, ReaderField};
pub use data_sources::{DataPurpose, DataSource, SensitiveAttribute};
pub use dates::PartialDate;
pub use entry::{
    Adoption, Entry, EntryKind, EntryMeta, PublicationState, Relation, StatisticsFacts,
};
pub use ids::{OrgCode, Slug};
pub use json_schema::standalone as standalone_schema;
pub use levels::{
    AiActClass, Challenge, DataLevel, InfrastructureLevel, IntegrationLevel, Lifecycle, ModelLevel,
    NeedsProfile,
};
pub use organisation::{CountryCode, IdentifierScheme, OrgIdentifier, PostalAddress};
pub use people::HowItWorks;
pub use provenance::{ExternalReference, Provenance};
pub use reference::{Category, Domain, OrgKind, Organisation};
pub use review::{ReviewPolicy, ReviewState};
pub use role::Role;
pub use schema_version::SchemaVersion;
pub use sourcing::{Cost, GainsRealised, Money, Sourcing};
pub use use_case::UseCase;
pub use validation::{FieldError, FieldErrors};
