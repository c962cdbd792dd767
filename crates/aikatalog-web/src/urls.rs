//! Every page's address in both languages, in one place: routing registers these patterns, links
//! are built from them, and the language switch maps a page to its twin by them.
//!
//! Danish addresses use Danish words (`/kategorier`), English ones English words under `/en`
//! (`/en/categories`). Entry slugs and organisation codes are the same in both.

use crate::lang::Lang;

/// A page of the catalogue, with the key it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Home,
    Search,
    SearchCsv,
    SearchJson,
    UseCase(String),
    Categories,
    Category(String),
    Municipalities,
    /// A municipality's page.
    Municipality(String),
    /// Any other organisation's page (national bodies, vendors, regions).
    Organisation(String),
    Algorithms,
    Algorithm(String),
    /// What the catalogue is, who runs it, where the data comes from.
    About,
    /// The web accessibility statement (tilgængelighedserklæring).
    Accessibility,
    /// What the API offers, before the Swagger UI.
    ApiDocs,
    /// Signing in and out, and the signed-in user's work list (`crate::pages::account`).
    SignIn,
    SignOut,
    MyWork,
    /// The transparency statistics (`crate::pages::statistics`).
    Statistics,
}

/// The path words of each section, Danish then English.
const SEARCH: (&str, &str) = ("soeg", "search");
const USE_CASES: (&str, &str) = ("use-cases", "use-cases");
const CATEGORIES: (&str, &str) = ("kategorier", "categories");
const MUNICIPALITIES: (&str, &str) = ("kommuner", "municipalities");
const ORGANISATIONS: (&str, &str) = ("organisationer", "organisations");
const ALGORITHMS: (&str, &str) = ("algoritmer", "algorithms");
const ABOUT: (&str, &str) = ("om", "about");
const ACCESSIBILITY: (&str, &str) = ("tilgaengelighed", "accessibility");
const API_DOCS: (&str, &str) = ("api-dokumentation", "api-documentation");
const SIGN_IN: (&str, &str) = ("log-ind", "sign-in");
const SIGN_OUT: (&str, &str) = ("log-ud", "sign-out");
const MY_WORK: (&str, &str) = ("mit-arbejde", "my-work");
const STATISTICS: (&str, &str) = ("statistik", "statistics");

fn word(lang: Lang, pair: (&'static str, &'static str)) -> &'static str {
    lang.pick(pair.0, pair.1)
}

fn prefix(lang: Lang) -> &'static str {
    lang.pick("", "/en")
}

impl Page {
    pub fn path(&self, lang: Lang) -> String {
        let p = prefix(lang);
        match self {
            Page::Home => format!("{p}/"),
            Page::Search => format!("{p}/{}", word(lang, SEARCH)),
            Page::SearchCsv => format!("{p}/{}.csv", word(lang, SEARCH)),
            Page::SearchJson => format!("{p}/{}.json", word(lang, SEARCH)),
            Page::UseCase(slug) => format!("{p}/{}/{}", word(lang, USE_CASES), enc(slug)),
            Page::Categories => format!("{p}/{}", word(lang, CATEGORIES)),
            Page::Category(slug) => format!("{p}/{}/{}", word(lang, CATEGORIES), enc(slug)),
            Page::Municipalities => format!("{p}/{}", word(lang, MUNICIPALITIES)),
            Page::Municipality(code) => {
                format!("{p}/{}/{}", word(lang, MUNICIPALITIES), enc(code))
            }
            Page::Organisation(code) => {
                format!("{p}/{}/{}", word(lang, ORGANISATIONS), enc(code))
            }
            Page::Algorithms => format!("{p}/{}", word(lang, ALGORITHMS)),
            Page::Algorithm(slug) => format!("{p}/{}/{}", word(lang, ALGORITHMS), enc(slug)),
            Page::About => format!("{p}/{}", word(lang, ABOUT)),
            Page::Accessibility => format!("{p}/{}", word(lang, ACCESSIBILITY)),
            Page::ApiDocs => format!("{p}/{}", word(lang, API_DOCS)),
            Page::SignIn => format!("{p}/{}", word(lang, SIGN_IN)),
            Page::SignOut => format!("{p}/{}", word(lang, SIGN_OUT)),
            Page::MyWork => format!("{p}/{}", word(lang, MY_WORK)),
            Page::Statistics => format!("{p}/{}", word(lang, STATISTICS)),
        }
    }
}

/// Slugs and codes are URL-safe by construction; this guards against one that is not.
fn enc(key: &str) -> String {
    url::form_urlencoded::byte_serialize(key.as_bytes()).collect()
}

/// The route patterns of one language, for registration.
pub struct Patterns {
    pub home: String,
    pub search: String,
    pub search_csv: String,
    pub search_json: String,
    pub use_case: String,
    pub categories: String,
    pub category: String,
    pub municipalities: String,
    pub municipality: String,
    pub organisation: String,
    pub algorithms: String,
    pub algorithm: String,
    pub about: String,
    pub accessibility: String,
    pub api_docs: String,
    pub statistics: String,
}

impl Patterns {
    pub fn of(lang: Lang) -> Patterns {
        let p = prefix(lang);
        let section = |pair| format!("{p}/{}", word(lang, pair));
        Patterns {
            home: format!("{p}/"),
            search: section(SEARCH),
            search_csv: format!("{}.csv", section(SEARCH)),
            search_json: format!("{}.json", section(SEARCH)),
            use_case: format!("{}/{{key}}", section(USE_CASES)),
            categories: section(CATEGORIES),
            category: format!("{}/{{key}}", section(CATEGORIES)),
            municipalities: section(MUNICIPALITIES),
            municipality: format!("{}/{{key}}", section(MUNICIPALITIES)),
            organisation: format!("{}/{{key}}", section(ORGANISATIONS)),
            algorithms: section(ALGORITHMS),
            algorithm: format!("{}/{{key}}", section(ALGORITHMS)),
            about: section(ABOUT),
            accessibility: section(ACCESSIBILITY),
            api_docs: section(API_DOCS),
            statistics: section(STATISTICS),
        }
    }
}

/// Link builders for templates, bound to the page's language.
#[derive(Debug, Clone, Copy)]
pub struct Urls {
    pub lang: Lang,
}

impl Urls {
    pub fn home(&self) -> String {
        Page::Home.path(self.lang)
    }
    pub fn search(&self) -> String {
        Page::Search.path(self.lang)
    }
    /// The search page filtered by one facet value.
    pub fn search_by(&self, facet: &str, value: &str) -> String {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair(facet, value)
            .finish();
        format!("{}?{query}", self.search())
    }
    pub fn use_case(&self, slug: &str) -> String {
        Page::UseCase(slug.to_owned()).path(self.lang)
    }
    pub fn categories(&self) -> String {
        Page::Categories.path(self.lang)
    }
    pub fn category(&self, slug: &str) -> String {
        Page::Category(slug.to_owned()).path(self.lang)
    }
    pub fn municipalities(&self) -> String {
        Page::Municipalities.path(self.lang)
    }
    pub fn algorithms(&self) -> String {
        Page::Algorithms.path(self.lang)
    }
    pub fn algorithm(&self, slug: &str) -> String {
        Page::Algorithm(slug.to_owned()).path(self.lang)
    }
    pub fn about(&self) -> String {
        Page::About.path(self.lang)
    }
    pub fn accessibility(&self) -> String {
        Page::Accessibility.path(self.lang)
    }
    pub fn api_docs(&self) -> String {
        Page::ApiDocs.path(self.lang)
    }
    pub fn sign_in(&self) -> String {
        Page::SignIn.path(self.lang)
    }
    pub fn sign_out(&self) -> String {
        Page::SignOut.path(self.lang)
    }
    pub fn my_work(&self) -> String {
        Page::MyWork.path(self.lang)
    }
    // Review reminders and statistics (issue 14).
    pub fn statistics(&self) -> String {
        Page::Statistics.path(self.lang)
    }
    /// An entry's public page, by kind.
    pub fn entry(&self, kind: aikatalog_domain::EntryKind, slug: &str) -> String {
        match kind {
            aikatalog_domain::EntryKind::UseCase => self.use_case(slug),
            aikatalog_domain::EntryKind::Algorithm => self.algorithm(slug),
        }
    }
    /// An entry's edit form for its editors, at the address the editing pages (issue 12) use:
    /// `/mit-arbejde/anvendelser/{slug}/rediger`, `/en/my-work/algorithms/{slug}/edit`.
    pub fn edit_entry(&self, kind: aikatalog_domain::EntryKind, slug: &str) -> String {
        let section = match kind {
            aikatalog_domain::EntryKind::UseCase => self.lang.pick("anvendelser", "use-cases"),
            aikatalog_domain::EntryKind::Algorithm => self.lang.pick("algoritmer", "algorithms"),
        };
        format!(
            "{}/{section}/{}/{}",
            self.my_work(),
            enc(slug),
            self.lang.pick("rediger", "edit")
        )
    }
    /// The JSON of a use case in the API.
    pub fn use_case_json(&self, slug: &str) -> String {
        format!("/api/v1/use-cases/{}", enc(slug))
    }
    pub fn algorithm_json(&self, slug: &str) -> String {
        format!("/api/v1/algorithms/{}", enc(slug))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_have_danish_and_english_addresses() {
        assert_eq!(Page::Home.path(Lang::Da), "/");
        assert_eq!(Page::Home.path(Lang::En), "/en/");
        assert_eq!(Page::Search.path(Lang::Da), "/soeg");
        assert_eq!(Page::SearchCsv.path(Lang::En), "/en/search.csv");
        assert_eq!(
            Page::Category("perception".into()).path(Lang::En),
            "/en/categories/perception"
        );
        assert_eq!(
            Page::Municipality("540".into()).path(Lang::Da),
            "/kommuner/540"
        );
    }

    #[test]
    fn patterns_match_paths() {
        let p = Patterns::of(Lang::Da);
        assert_eq!(p.use_case, "/use-cases/{key}");
        assert_eq!(Patterns::of(Lang::En).algorithms, "/en/algorithms");
        assert_eq!(Patterns::of(Lang::Da).accessibility, "/tilgaengelighed");
        assert_eq!(Page::About.path(Lang::En), "/en/about");
    }
}
