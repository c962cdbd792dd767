//! One module per page (or family of pages); each has a handler that reads the snapshot and
//! renders a template, and leaves errors to [`crate::site::respond`].

pub mod account;
pub mod adoption;
pub mod ai_act;
pub mod algorithms;
pub mod categories;
mod contact;
pub mod corrections;
pub mod curator;
pub mod dcat;
pub mod editing;
mod entry;
pub mod export;
pub mod home;
pub mod info;
pub mod organisations;
pub mod search;
pub mod statistics;
pub mod use_case;
