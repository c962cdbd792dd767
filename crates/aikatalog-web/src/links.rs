//! Links and names several pages share: an organisation, category or domain named in the page's
//! language and linked to its page, and text marked with its language.

use aikatalog_domain::{Category, OrgKind, Organisation};

use crate::catalogue::Catalogue;
use crate::lang::Lang;
use crate::urls::{Page, Urls};
/// A link as templates render it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub href: String,
    pub text: String,
    /// `"da"` when the text is Danish on a page in another language, else empty.
    pub lang: &'static str,
}

impl Link {
    /// A link whose text is in the page's language.
    pub fn new(href: impl Into<String>, text: impl Into<String>) -> Link {
        Link {
            href: href.into(),
            text: text.into(),
            lang: "",
        }
    }

    /// The text's ` lang="…"` attribute when it differs from the page's, for templates.
    pub fn lang_attr(&self) -> String {
        if self.lang.is_empty() {
            String::new()
        } else {
            format!(" lang=\"{}\"", self.lang)
        }
    }
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

/// The language of an organisation's name as a page in `lang` shows it: Danish authorities
/// without an English name keep their Danish one; vendors' names are brands, in no language;
/// a foreign body's name (an entry from another register) is not marked Danish.
pub fn org_name_lang(org: &Organisation, lang: Lang) -> &'static str {
    if lang == Lang::En
        && org.name_en.is_none()
        && org.kind != OrgKind::Vendor
        && org.country == aikatalog_domain::CountryCode::DENMARK
    {
        "da"
    } else {
        ""
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
            lang: org_name_lang(org, lang),
        },
        None => Link::new(String::new(), code),
    }
}

pub fn category_name(c: &Category, lang: Lang) -> String {
    lang.pick(&c.name_da, &c.name_en).clone()
}

pub fn category_link(cat: &Catalogue, slug: &str, lang: Lang) -> Link {
    Link::new(
        Urls { lang }.category(slug),
        cat.category(slug)
            .map_or_else(|| slug.to_owned(), |c| category_name(c, lang)),
    )
}

pub fn domain_name(cat: &Catalogue, slug: &str, lang: Lang) -> String {
    cat.domain(slug).map_or_else(
        || slug.to_owned(),
        |d| lang.pick(&d.name_da, &d.name_en).clone(),
    )
}
