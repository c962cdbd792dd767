//! "Who to ask" near the top of an entry's page: the entry's own contact, else its owner's AI
//! contact, else the owner's website. Where the catalogue knows none of these it says so and
//! points to how an entry is corrected, rather than to an organisation page with nothing on it.

use aikatalog_domain::sections::Contact;

use super::entry::{self, ContactView};
use crate::catalogue::Catalogue;
use crate::lang::Lang;
use crate::links;

/// What the contact box shows.
pub struct WhoToAsk {
    /// The person or team to ask: the entry's own contact, or the owner's AI contact.
    pub person: Option<ContactView>,
    /// Whether `person` is the owner's AI contact, as the entry names none of its own.
    pub via_owner: bool,
    /// The owner's name in the page's language, and its language when it differs.
    pub owner_name: String,
    pub owner_lang: &'static str,
    /// The owner's website, and the address as a person reads it ("www.norddjurs.dk"); empty
    /// when the reference data has none.
    pub website: String,
    pub website_text: String,
}

/// A contact that names nobody and no way to reach anyone counts as none.
fn usable(c: Option<&Contact>) -> Option<ContactView> {
    entry::contact(c).filter(|v| !(v.name.is_empty() && v.email.is_empty() && v.phone.is_empty()))
}

pub fn who_to_ask(cat: &Catalogue, own: Option<&Contact>, owner: &str, lang: Lang) -> WhoToAsk {
    let org = cat.organisation(owner);
    let own = usable(own);
    let via_owner = own.is_none();
    let person = own.or_else(|| usable(org.and_then(|o| o.ai_contact.as_ref())));
    let website = org.and_then(|o| o.website.as_ref());
    WhoToAsk {
        via_owner: via_owner && person.is_some(),
        person,
        owner_name: org.map_or_else(|| owner.to_owned(), |o| links::org_name(o, lang)),
        owner_lang: org.map_or("", |o| links::org_name_lang(o, lang)),
        website: website.map(ToString::to_string).unwrap_or_default(),
        website_text: website.map(readable_url).unwrap_or_default(),
    }
}

/// An address without its scheme and trailing slash, as it is printed on letters.
pub fn readable_url(url: &url::Url) -> String {
    let s = url.as_str();
    let s = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(s);
    s.strip_suffix('/').unwrap_or(s).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_read_without_scheme() {
        let url = url::Url::parse("https://www.norddjurs.dk/").expect("a url");
        assert_eq!(readable_url(&url), "www.norddjurs.dk");
        let url = url::Url::parse("https://digst.dk/tilsyn/").expect("a url");
        assert_eq!(readable_url(&url), "digst.dk/tilsyn");
    }
}
