//! Page tests: the real routes (API and pages together, as `aikatalog serve` mounts them) on a
//! seeded database per backend, requested in-process. Modules mirror the pages; `browser`
//! drives the built binary in headless Chromium and is ignored unless asked for (`-- --ignored`).

mod account;
mod adoption;
mod ai_act;
mod algorithms;
mod browser;
mod categories;
mod contact;
mod corrections;
mod crawl;
mod curator;
mod dcat;
mod editing;
mod english;
mod errors;
mod export;
mod hardening;
mod home;
mod info_pages;
mod municipalities;
mod oidc;
mod other_registers;
mod publication;
mod search;
mod search_explained;
mod use_case;
mod util;
