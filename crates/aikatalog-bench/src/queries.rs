//! The fixed mix of 200 benchmark queries: Danish and English words, phrases, exclusions, OR,
//! typos (five of them inside compounds) and empty (browse) queries, most with one to three
//! facet filters.

use aikatalog_search::{Facet, Filters, Sort};

use crate::corpus::Rng;

const TEXTS: [&str; 48] = [
    // Danish, as municipal staff type it.
    "chatbot",
    "mailsortering",
    "ældrepleje",
    "aeldrepleje",
    "hjemmepleje",
    "talegenkendelse",
    "aktindsigt",
    "kunstig intelligens",
    "sortering af mails",
    "vejvedligeholdelse",
    "Sønderborg",
    "Koge",
    "billedgenkendelse",
    "generativ AI",
    "\"tidlig opsporing\"",
    "chatbot -Vejle",
    "graffiti OR mailsortering",
    "talegenkendlese",
    "sprogmodel",
    "beslutningsstøtte",
    "klimavarsling",
    "borgerservice",
    "anonymisering af data",
    "høringer",
    "sagsbehandling ledige",
    "pleje",
    "dokumentation",
    // English, as the other registers are written.
    "fraud detection",
    "machine learning",
    "document classification",
    "speech recognition",
    "translation",
    "image recognition",
    "predictive maintenance",
    "natural language processing",
    "customer service",
    "risk assessment",
    "satellite imagery",
    "large language model",
    "\"computer vision\"",
    "anomaly detection -fraud",
    "forecasting OR prediction",
    "elderly care",
    "transcription",
    "geospatial analysis",
    "cybersecurity",
    "data",
    "health",
];

/// Misspelt compounds, the costliest kind of query (near spellings over the whole vocabulary):
/// the start of a compound, and a misspelt second part. They replace a few queries at fixed
/// places, so the rest of the mix stays what earlier runs measured.
const COMPOUND_TYPOS: [&str; 2] = ["kommunkation", "borgerbetjenning"];
/// Every this many queries, one is a misspelt compound.
const COMPOUND_TYPO_EVERY: usize = 40;

/// One benchmark query.
#[derive(Debug, Clone)]
pub struct BenchQuery {
    pub q: String,
    pub filters: Filters,
    pub sort: Option<Sort>,
}

/// The 200 queries, the same on every run.
pub fn mix(categories: &[String], domains: &[String], regions: &[String]) -> Vec<BenchQuery> {
    let mut rng = Rng::new(0x5EA4C4);
    let stages = [
        "idea",
        "analysis",
        "pilot",
        "implementation",
        "in_operation",
        "stopped",
    ];
    (0..200)
        .map(|i| {
            // One in ten browses by facets alone.
            let q = if i % 10 == 9 {
                String::new()
            } else {
                (*rng.pick(&TEXTS)).to_owned()
            };
            let q = if i % COMPOUND_TYPO_EVERY == COMPOUND_TYPO_EVERY / 2 {
                let n = i / COMPOUND_TYPO_EVERY % COMPOUND_TYPOS.len();
                COMPOUND_TYPOS[n].to_owned()
            } else {
                q
            };
            let mut filters = Filters::default();
            if rng.chance(40) {
                for _ in 0..1 + rng.below(2) {
                    filters.add(Facet::Category, rng.pick(categories).clone());
                }
            }
            if rng.chance(30) {
                filters.add(Facet::Domain, rng.pick(domains).clone());
            }
            if rng.chance(25) {
                filters.add(Facet::Lifecycle, *rng.pick(&stages));
            }
            if rng.chance(15) {
                filters.add(Facet::Year, (2018 + rng.below(8)).to_string());
            }
            if rng.chance(15) {
                filters.add(Facet::Region, rng.pick(regions).clone());
            }
            let sort = match rng.below(20) {
                0 | 1 => Some(Sort::Newest),
                2 => Some(Sort::Title),
                _ => None,
            };
            BenchQuery { q, filters, sort }
        })
        .collect()
}
