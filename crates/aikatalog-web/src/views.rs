//! Small view models several pages share: links, names in the page's language, and the card an
//! entry is listed with.

use aikatalog_domain::{Algorithm, Category, OrgKind, Organisation, UseCase};

use crate::catalogue::Catalogue;
use crate::format;
use crate::lang::{Label, Lang};
use crate::urls::{Page, Urls};

/// A link as templates render it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub href: String,
    pub text: String,
}

/// What is known of a name's language, so an English page can mark Danish text as Danish for
/// screen readers and translation tools.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    /// `Some("da")` when the text is not in the page's language.
    pub lang: Option<&'static str>,
}

impl Text {
    /// Text written in Danish, shown on a page in `page`.
    pub fn danish(text: impl Into<String>, page: Lang) -> Text {
        Text {
            text: text.into(),
            lang: (page != Lang::Da).then_some("da"),
        }
    }

    /// The English text when there is one and the page is English, else the Danish.
    pub fn pick(da: &str, en: Option<&str>, page: Lang) -> Text {
        match (page, en) {
            (Lang::En, Some(en)) => Text {
                text: en.to_owned(),
                lang: None,
            },
            _ => Text::danish(da, page),
        }
    }

    pub fn lang_attr(&self) -> &'static str {
        self.lang.unwrap_or("")
    }
}

/// An organisation's name in the page's language (only some have an English one).
pub fn org_name(org: &Organisation, lang: Lang) -> String {
    match (lang, &org.name_en) {
        (Lang::En, Some(en)) => en.clone(),
        _ => org.name.clone(),
    }
}

/// The page of an organisation: municipalities under the municipalities section.
pub fn org_page(org: &Organisation) -> Page {
    match org.kind {
        OrgKind::Municipality => Page::Municipality(org.code.to_string()),
        _ => Page::Organisation(org.code.to_string()),
    }
}

/// A link to an organisation, or its bare code if the reference data lacks it.
pub fn org_link(cat: &Catalogue, code: &str, lang: Lang) -> Link {
    match cat.organisation(code) {
        Some(org) => Link {
            href: org_page(org).path(lang),
            text: org_name(org, lang),
        },
        None => Link {
            href: String::new(),
            text: code.to_owned(),
        },
    }
}

pub fn category_name(c: &Category, lang: Lang) -> String {
    lang.pick(&c.name_da, &c.name_en).clone()
}

pub fn category_link(cat: &Catalogue, slug: &str, lang: Lang) -> Link {
    Link {
        href: Urls { lang }.category(slug),
        text: cat
            .category(slug)
            .map_or_else(|| slug.to_owned(), |c| category_name(c, lang)),
    }
}

pub fn domain_name(cat: &Catalogue, slug: &str, lang: Lang) -> String {
    cat.domain(slug).map_or_else(
        || slug.to_owned(),
        |d| lang.pick(&d.name_da, &d.name_en).clone(),
    )
}

/// An entry in a list: what it is, whose, and a line of what it does.
#[derive(Debug, Clone)]
pub struct Card {
    pub href: String,
    pub title: String,
    pub kind: &'static str,
    pub owner: Link,
    pub summary: String,
    pub lifecycle: &'static str,
    pub categories: Vec<Link>,
    pub published: String,
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

fn published(meta: Option<&aikatalog_domain::EntryMeta>, lang: Lang) -> String {
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
        categories,
        published: published(uc.meta.as_ref(), lang),
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
        categories: Vec::new(),
        published: published(alg.meta.as_ref(), lang),
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
