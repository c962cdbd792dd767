//! From what a person typed to tantivy queries: the syntax, then a plan that adds synonyms,
//! compounds and near spellings.

mod bonus;
mod compound;
mod fields;
mod plan;
mod syntax;

pub use plan::Strictness;
pub(crate) use plan::{NearWord, Planner};
pub use syntax::{Item, Parsed, parse};
