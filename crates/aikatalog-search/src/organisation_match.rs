//! Organisations a query names: "Sønderborg", "Norddjurs Kommune", "Gemeente Amsterdam",
//! "KOMBIT". A person who types an organisation's name most likely wants its page, so search
//! offers it above the hits.
//!
//! Names are compared word by word, lower-cased and folded as the index folds (æ/ø/å and their
//! ASCII spellings meet), with a genitive `s` ignored (`Københavns Kommune` and `København`) and
//! the words that only say what kind of body it is optional (`Kommune`, `Gemeente`).

use std::sync::{Arc, Mutex, Weak};

use aikatalog_domain::{OrgKind, Organisation};
use serde::Serialize;

use crate::analysis;
use crate::index::SearchIndex;
use crate::reference::ReferenceData;

/// Organisations offered at most.
pub const MAX_ORGANISATIONS: usize = 3;

/// Words a person may leave out of an organisation's name.
const OPTIONAL_WORDS: [&str; 6] = [
    "kommune",
    "gemeente",
    "municipality",
    "council",
    "region",
    "city",
];

/// An organisation a query names.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct NamedOrganisation {
    /// Its code, which its page and the `organisation` filter use.
    pub code: String,
    pub name: String,
    pub kind: OrgKind,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

/// The words of a name or a query as compared: folded, without a genitive `s`, without the
/// optional words.
fn key(text: &str) -> Vec<String> {
    let mut folded = String::new();
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| {
            let bare = w.strip_suffix('s').unwrap_or(w);
            !OPTIONAL_WORDS.contains(&w.as_str()) && !OPTIONAL_WORDS.contains(&bare)
        })
        .map(|w| {
            analysis::fold(&w, &mut folded);
            match folded.strip_suffix('s') {
                Some(stem) if stem.chars().count() >= 3 => stem.to_owned(),
                _ => folded.clone(),
            }
        })
        .collect()
}

/// Where `needle` stands as a run of whole words in `haystack`.
fn contains_run(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// How well an organisation is named, smallest first: not the whole query, fewer words, not a
/// municipality, then its name.
type Rank<'a> = (bool, usize, bool, &'a str);

/// An organisation's names (its name, short and English names) as compared.
fn keys_of(org: &Organisation) -> Vec<Vec<String>> {
    std::iter::once(org.name.as_str())
        .chain(org.short_name.as_deref())
        .chain(org.name_en.as_deref())
        .map(key)
        .filter(|k| !k.is_empty())
        .collect()
}

/// The organisations whose name (or short or English name) the query holds as whole words,
/// at most [`MAX_ORGANISATIONS`]: those the query names entirely first, then longer names,
/// then municipalities before other bodies. Each comes with its names' keys ([`keys_of`]).
pub fn named<'a>(
    q: &str,
    organisations: impl Iterator<Item = (&'a [Vec<String>], &'a Organisation)>,
) -> Vec<&'a Organisation> {
    let query = key(q);
    if query.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(Rank<'a>, &Organisation)> = Vec::new();
    for (keys, org) in organisations {
        let best = keys
            .iter()
            .filter(|name| contains_run(&query, name))
            .map(|name| (name.len() == query.len(), name.len()))
            .max();
        if let Some((whole, words)) = best {
            let rank = (
                !whole,
                usize::MAX - words,
                org.kind != OrgKind::Municipality,
                org.name.as_str(),
            );
            found.push((rank, org));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
        .into_iter()
        .take(MAX_ORGANISATIONS)
        .map(|(_, o)| o)
        .collect()
}

/// The organisations' name keys for one version of the reference data: folding every name for
/// every query would cost more than the search itself once the registers' thousands of bodies
/// are imported.
struct NameKeys {
    reference: Weak<ReferenceData>,
    keys: Vec<(String, Vec<Vec<String>>)>,
}

static NAME_KEYS: Mutex<Option<Arc<NameKeys>>> = Mutex::new(None);

fn name_keys(reference: &Arc<ReferenceData>) -> Arc<NameKeys> {
    let mut cached = NAME_KEYS.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(keys) = cached.as_ref()
        && keys
            .reference
            .upgrade()
            .is_some_and(|r| Arc::ptr_eq(&r, reference))
    {
        return keys.clone();
    }
    let built = Arc::new(NameKeys {
        reference: Arc::downgrade(reference),
        keys: reference
            .organisations
            .values()
            .map(|o| (o.code.to_string(), keys_of(o)))
            .collect(),
    });
    *cached = Some(built.clone());
    built
}

impl SearchIndex {
    /// The organisations `q` names, for a card linking to their pages.
    pub fn organisations_named(&self, q: &str) -> Vec<NamedOrganisation> {
        let refs = self.reference();
        let keys = name_keys(&refs);
        let candidates = keys
            .keys
            .iter()
            .filter_map(|(code, k)| refs.organisations.get(code).map(|o| (k.as_slice(), o)));
        named(q, candidates)
            .into_iter()
            .map(|o| NamedOrganisation {
                code: o.code.to_string(),
                name: o.name.clone(),
                kind: o.kind,
                country: o.country.to_string(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(code: &str, kind: &str, name: &str, short: Option<&str>) -> Organisation {
        let mut value = serde_json::json!({"code": code, "kind": kind, "name": name});
        if let Some(s) = short {
            value["short_name"] = s.into();
        }
        serde_json::from_value(value).expect("a valid organisation")
    }

    fn names(q: &str, orgs: &[Organisation]) -> Vec<String> {
        let keys: Vec<Vec<Vec<String>>> = orgs.iter().map(keys_of).collect();
        named(q, keys.iter().map(Vec::as_slice).zip(orgs))
            .into_iter()
            .map(|o| o.name.clone())
            .collect()
    }

    #[test]
    fn kommune_is_optional_and_letters_fold() {
        let orgs = [
            org(
                "540",
                "municipality",
                "Sønderborg Kommune",
                Some("Sønderborg"),
            ),
            org("707", "municipality", "Norddjurs Kommune", None),
            org("101", "municipality", "Københavns Kommune", None),
            org("nl-ams", "other", "Gemeente Amsterdam", None),
            org("kombit", "national_body", "KOMBIT", Some("KOMBIT")),
        ];
        assert_eq!(names("Sønderborg", &orgs), ["Sønderborg Kommune"]);
        assert_eq!(names("sonderborg kommune", &orgs), ["Sønderborg Kommune"]);
        assert_eq!(names("Soenderborg", &orgs), ["Sønderborg Kommune"]);
        assert_eq!(names("Norddjurs Kommune", &orgs), ["Norddjurs Kommune"]);
        assert_eq!(names("københavn", &orgs), ["Københavns Kommune"]);
        assert_eq!(names("Gemeente Amsterdam", &orgs), ["Gemeente Amsterdam"]);
        assert_eq!(names("Amsterdam", &orgs), ["Gemeente Amsterdam"]);
        assert_eq!(names("kombit", &orgs), ["KOMBIT"]);
        assert_eq!(names("KOMBIT chatbot", &orgs), ["KOMBIT"]);
        // Only whole words: a longer word that starts with a name names nothing.
        assert!(names("kombitter", &orgs).is_empty());
        assert!(names("kommune", &orgs).is_empty());
        assert!(names("mailsortering", &orgs).is_empty());
    }

    #[test]
    fn at_most_three_and_whole_names_first() {
        let orgs = [
            org("a", "municipality", "Vest Kommune", None),
            org("b", "municipality", "Vest Nord Kommune", None),
            org("c", "vendor", "Nord", None),
            org("d", "vendor", "Vest Nord", None),
            org("e", "municipality", "Nord Kommune", None),
        ];
        let found = names("vest nord", &orgs);
        assert_eq!(found.len(), MAX_ORGANISATIONS);
        assert_eq!(found[0], "Vest Nord Kommune");
        assert_eq!(found[1], "Vest Nord");
    }
}
