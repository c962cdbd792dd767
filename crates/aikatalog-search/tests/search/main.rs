//! Integration tests of search on the real seed data: relevance, facets and filters, similar
//! entries and suggestions, and the index's life cycle alongside the database.

mod explain;
mod facets;
mod graded;
mod languages;
mod lifecycle;
mod limits;
mod mixed;
mod relevance;
mod similar;
mod util;
