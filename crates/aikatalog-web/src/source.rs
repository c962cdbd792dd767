//! Where an entry comes from, as the pages show it: the badge of an entry from another public
//! register (`aikatalog_domain::registers`, data in `seed-data/registers.toml`), the link to the
//! original record, the licence it was published under, and the language its text is written
//! in (for `lang` attributes: an imported Dutch record is marked `nl`, not `da`).

use aikatalog_domain::Provenance;
use aikatalog_domain::registers::{HOME_SOURCE, Register, Registers};

use crate::lang::Lang;

/// An entry from another register, as its page and cards show it.
#[derive(Debug, Clone)]
pub struct SourceView {
    /// "Fra det hollandske algoritmeregister".
    pub badge: String,
    pub register: String,
    pub register_href: String,
    /// The record in the other register; empty when the import gave no address.
    pub original_href: String,
    /// The licence's name, or that the register states none.
    pub licence: String,
    pub licence_href: String,
}

fn view(register: &Register, provenance: &Provenance, lang: Lang) -> SourceView {
    let t = lang.t();
    SourceView {
        badge: lang.pick(&register.from_da, &register.from_en).clone(),
        register: lang.pick(&register.name_da, &register.name_en).clone(),
        register_href: register.home_page.to_string(),
        original_href: provenance
            .references
            .first()
            .and_then(|r| r.url.as_ref())
            .map(ToString::to_string)
            .unwrap_or_default(),
        licence: register
            .licence
            .as_ref()
            .map_or_else(|| t.source_no_licence.to_owned(), |l| l.name.clone()),
        licence_href: register
            .licence
            .as_ref()
            .and_then(|l| l.url.as_ref())
            .map(ToString::to_string)
            .unwrap_or_default(),
    }
}

/// The entry's register, or `None` for this catalogue's own entries.
pub fn of(provenance: &Provenance, lang: Lang) -> Option<SourceView> {
    Registers::bundled()
        .source_of(provenance)
        .map(|r| view(r, provenance, lang))
}

/// The name of a source facet value: a register's, or this catalogue's.
pub fn source_name(key: &str, lang: Lang) -> String {
    if key == HOME_SOURCE {
        return "AI-kataloget".to_owned();
    }
    Registers::bundled().get(key).map_or_else(
        || key.to_owned(),
        |r| lang.pick(&r.name_da, &r.name_en).clone(),
    )
}

/// A country's name in the page's language, or its code when the list has none.
pub fn country_name(code: &str, lang: Lang) -> String {
    Registers::bundled().country(code).map_or_else(
        || code.to_owned(),
        |c| lang.pick(&c.name_da, &c.name_en).clone(),
    )
}

/// Languages entries are written in, by ISO 639-1 code, with their Danish and English names.
const LANGUAGES: [(&str, &str, &str); 10] = [
    ("da", "dansk", "Danish"),
    ("en", "engelsk", "English"),
    ("nl", "nederlandsk", "Dutch"),
    ("cs", "tjekkisk", "Czech"),
    ("fi", "finsk", "Finnish"),
    ("sv", "svensk", "Swedish"),
    ("de", "tysk", "German"),
    ("fr", "fransk", "French"),
    ("es", "spansk", "Spanish"),
    ("it", "italiensk", "Italian"),
];

/// A language's name in the page's language, or its code when the list has none.
pub fn language_name(code: &str, lang: Lang) -> String {
    LANGUAGES.iter().find(|(c, _, _)| *c == code).map_or_else(
        || code.to_owned(),
        |(_, da, en)| (*lang.pick(da, en)).to_owned(),
    )
}

/// The BCP 47 code of the language the entry's text is written in.
pub fn content_lang(provenance: &Provenance) -> String {
    let code = provenance.language.as_str();
    // Validation keeps it two characters; anything but letters would make a broken attribute.
    if code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase()) {
        code.to_owned()
    } else {
        "da".to_owned()
    }
}

/// Whether the entry is this catalogue's own, written by a Danish organisation here (not
/// imported from another register): what the front page's Danish figures count.
pub fn is_home(provenance: &Provenance) -> bool {
    Registers::bundled().source_of(provenance).is_none()
}
