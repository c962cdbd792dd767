//! The card an entry is listed with on the home, search, category, organisation and algorithm
//! pages: what it is, whose, and a line of what it does.

use aikatalog_domain::{Algorithm, UseCase};

use crate::catalogue::Catalogue;
use crate::format;
use crate::lang::{Label, Lang};
use crate::links::{Link, category_link, org_link};
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
    /// When the public version last changed (its newest publication), as a day.
    pub changed: String,
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

/// The newest publication is when what the public reads last changed; drafts and edits awaiting
/// review do not move it.
pub fn changed(meta: Option<&aikatalog_domain::EntryMeta>, lang: Lang) -> String {
    meta.and_then(|m| m.published_at)
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
        kind: aikatalog_domain::EntryKind::UseCase.label(lang),
        owner: org_link(cat, uc.owner.as_str(), lang),
        summary: excerpt(&uc.summary, CARD_SUMMARY),
        lifecycle: uc.lifecycle.label(lang),
        started: uc
            .started
            .map(|d| format::partial_date(d, lang))
            .unwrap_or_default(),
        categories,
        changed: changed(uc.meta.as_ref(), lang),
    }
}

pub fn algorithm_card(cat: &Catalogue, alg: &Algorithm, lang: Lang) -> Card {
    Card {
        href: Urls { lang }.algorithm(alg.slug.as_str()),
        title: alg.name.clone(),
        kind: aikatalog_domain::EntryKind::Algorithm.label(lang),
        owner: org_link(cat, alg.owner.as_str(), lang),
        summary: excerpt(&alg.purpose, CARD_SUMMARY),
        lifecycle: alg.lifecycle.label(lang),
        started: String::new(),
        categories: Vec::new(),
        changed: changed(alg.meta.as_ref(), lang),
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
