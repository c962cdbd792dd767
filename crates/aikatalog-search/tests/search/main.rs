//! Integration tests of search on the real seed data: relevance, facets and filters, similar
//! entries and suggestions, and the index's life cycle alongside the database.

mod facets;
mod languages;
mod lifecycle;
mod limits;
mod mixed;
mod relevance;
mod util;
