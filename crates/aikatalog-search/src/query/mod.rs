//! From what a person typed to tantivy queries: the syntax, then a plan that adds synonyms,
//! compounds and near spellings.

mod compound;
mod plan;
mod syntax;

pub(crate) use plan::Planner;
pub use plan::Strictness;
pub use syntax::{Item, Parsed, parse};
