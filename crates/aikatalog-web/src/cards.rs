//! The card an entry is listed with on the home, search, category, organisation and algorithm
//! pages: what it is, whose, and a line of what it does.

use aikatalog_domain::{Algorithm, EntryKind, UseCase};

use crate::catalogue::Catalogue;
use crate::format;
use crate::lang::{Label, Lang};
use crate::links::{Link, category_link, org_link};
use crate::source;
use crate::urls::Urls;

/// An entry in a list: what it is, whose, and a line of what it does.
#[derive(Debug, Clone)]
pub struct Card {
    pub href: String,
    pub title: String,
    pub kind: &'static str,
    pub owner: Link,
    pub summary: String,
    pub lifecycle: &'static str,
    /// When the use case started, as far as known ("marts 2024"); empty when not given.
    pub started: String,
    pub categories: Vec<Link>,
    /// When a person last changed the public version, as a day; empty while it is as imported.
    pub changed: String,
    /// The badge of an entry from another register; empty for this catalogue's own.
    pub badge: String,
    /// The language the title and summary are written in.
    pub lang: String,
}

fn badge(provenance: &aikatalog_domain::Provenance, lang: Lang) -> String {
    source::of(provenance, lang)
        .map(|s| s.badge)
        .unwrap_or_default()
}

/// The first sentence or so of a text, for cards.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

const CARD_SUMMARY: usize = 240;

/// "Showing the 60 most recently published of 30000": empty when the list shows them all.
pub fn newest_shown(shown: usize, total: usize, lang: Lang) -> String {
    if shown >= total {
        return String::new();
    }
    lang.t()
        .list_newest_shown
        .replace("{shown}", &shown.to_string())
        .replace("{total}", &total.to_string())
}

/// When a person last changed what the public reads, as a day; empty while the entry is as the
/// seed import left it (that date says when the catalogue was filled, not when anything
/// changed).
pub fn changed(cat: &Catalogue, kind: EntryKind, slug: &str, lang: Lang) -> String {
    cat.edited_at(kind, slug)
        .map(|t| format::datetime(t, lang))
        .unwrap_or_default()
}

pub fn use_case_card(cat: &Catalogue, uc: &UseCase, lang: Lang) -> Card {
    let categories = std::iter::once(&uc.primary_category)
        .chain(&uc.secondary_categories)
        .map(|c| category_link(cat, c.as_str(), lang))
        .collect();
    Card {
        href: Urls { lang }.use_case(uc.slug.as_str()),
        title: uc.title.clone(),
        kind: EntryKind::UseCase.label(lang),
        owner: org_link(cat, uc.owner.as_str(), lang),
        summary: excerpt(&uc.summary, CARD_SUMMARY),
        lifecycle: uc.lifecycle.label(lang),
        started: uc
            .started
            .map(|d| format::partial_date(d, lang))
            .unwrap_or_default(),
        categories,
        changed: changed(cat, EntryKind::UseCase, uc.slug.as_str(), lang),
        badge: badge(&uc.provenance, lang),
        lang: source::content_lang(&uc.provenance),
    }
}

pub fn algorithm_card(cat: &Catalogue, alg: &Algorithm, lang: Lang) -> Card {
    Card {
        href: Urls { lang }.algorithm(alg.slug.as_str()),
        title: alg.name.clone(),
        kind: EntryKind::Algorithm.label(lang),
        owner: org_link(cat, alg.owner.as_str(), lang),
        summary: excerpt(&alg.purpose, CARD_SUMMARY),
        lifecycle: alg.lifecycle.label(lang),
        started: String::new(),
        categories: Vec::new(),
        changed: changed(cat, EntryKind::Algorithm, alg.slug.as_str(), lang),
        badge: badge(&alg.provenance, lang),
        lang: source::content_lang(&alg.provenance),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_at_a_word() {
        assert_eq!(excerpt("kort tekst", 50), "kort tekst");
        assert_eq!(excerpt("en, to, tre fire", 9), "en, to…");
    }
}
