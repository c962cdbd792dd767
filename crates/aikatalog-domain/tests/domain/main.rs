//! The domain's rules and the reading of documents, as the API and the importer use them.

mod document;
mod fixtures;
mod validation;
