//! Every page's address in both languages, in one place: routing registers these patterns, links
//! are built from them, and the language switch maps a page to its twin by them.
//!
//! Danish addresses use Danish words (`/kategorier`), English ones English words under `/en`
//! (`/en/categories`). Entry slugs and organisation codes are the same in both.

use aikatalog_domain::EntryKind;
use aikatalog_storage::models::reference_records::RefKind;

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
    /// Curators' pages (`crate::pages::curator`): the review queue, one entry's review, the
    /// reference data, one record's form and its history.
    ReviewQueue,
    Review(EntryKind, String),
    ReferenceData,
    ReferenceRecord(RefKind, String),
    ReferenceHistory(RefKind, String),
    /// Whole-catalogue downloads (`crate::pages::export`).
    UseCasesCsv,
    UseCasesJson,
    AlgorithmsCsv,
    AlgorithmsJson,
    /// Creating, editing and previewing an entry (`crate::pages::editing`).
    NewEntry(EntryKind),
    EditEntry(EntryKind, String),
    PreviewEntry(EntryKind, String),
    /// Reuse and corrections (`crate::pages::corrections`, `crate::pages::adoption`,
    /// `crate::pages::account::corrections`): "Foreslå en rettelse" on a public entry and its
    /// receipt, one suggestion on the work list, and "Vi bruger den også".
    SuggestCorrection(EntryKind, String),
    CorrectionReceived(EntryKind, String),
    Correction(String),
    Adopt(EntryKind, String),
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
const REVIEW: (&str, &str) = ("kurator/gennemgang", "curator/review");
const REFERENCE: (&str, &str) = ("kurator/referencedata", "curator/reference-data");
const HISTORY: (&str, &str) = ("historik", "history");

/// The path word of an entry kind on the review pages.
pub fn kind_word(lang: Lang, kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::UseCase => "use-case",
        EntryKind::Algorithm => lang.pick("algoritme", "algorithm"),
    }
}

/// The entry kind a review page's path word names.
pub fn kind_of_word(lang: Lang, word: &str) -> Option<EntryKind> {
    [EntryKind::UseCase, EntryKind::Algorithm]
        .into_iter()
        .find(|&k| kind_word(lang, k) == word)
}

/// The path word of a kind of reference record.
pub fn ref_word(lang: Lang, kind: RefKind) -> &'static str {
    match kind {
        RefKind::Organisation => word(lang, ORGANISATIONS),
        RefKind::Category => word(lang, CATEGORIES),
        RefKind::Domain => lang.pick("fagomraader", "domains"),
    }
}

/// The kind of reference record a path word names.
pub fn ref_of_word(lang: Lang, w: &str) -> Option<RefKind> {
    [RefKind::Organisation, RefKind::Category, RefKind::Domain]
        .into_iter()
        .find(|&k| ref_word(lang, k) == w)
}

/// The DCAT-AP catalogue description (`crate::pages::dcat`): one address for harvesters.
pub const DCAT: &str = "/dcat.jsonld";
// The editing pages, under "Mit arbejde": `/mit-arbejde/anvendelser/ny`,
// `/en/my-work/use-cases/{slug}/edit`.
const MY_USE_CASES: (&str, &str) = ("anvendelser", "use-cases");
const MY_ALGORITHMS: (&str, &str) = ("algoritmer", "algorithms");
const NEW: (&str, &str) = ("ny", "new");
const EDIT: (&str, &str) = ("rediger", "edit");
const PREVIEW: (&str, &str) = ("forhaandsvisning", "preview");
const SUGGEST: (&str, &str) = ("foreslaa-rettelse", "suggest-correction");
const THANKS: (&str, &str) = ("tak", "thanks");
const CORRECTIONS: (&str, &str) = ("rettelser", "corrections");
const ADOPT: (&str, &str) = ("vi-bruger-den", "we-use-it");

/// Where an entry kind's editing pages live, under "Mit arbejde".
fn my_kind(lang: Lang, kind: EntryKind) -> String {
    let words = match kind {
        EntryKind::UseCase => MY_USE_CASES,
        EntryKind::Algorithm => MY_ALGORITHMS,
    };
    format!(
        "{}/{}/{}",
        prefix(lang),
        word(lang, MY_WORK),
        word(lang, words)
    )
}

/// The route patterns of one kind's editing pages in one language: new, edit, preview.
pub fn editing_patterns(lang: Lang, kind: EntryKind) -> (String, String, String) {
    let base = my_kind(lang, kind);
    (
        format!("{base}/{}", word(lang, NEW)),
        format!("{base}/{{key}}/{}", word(lang, EDIT)),
        format!("{base}/{{key}}/{}", word(lang, PREVIEW)),
    )
}
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
            Page::ReviewQueue => format!("{p}/{}", word(lang, REVIEW)),
            Page::Review(kind, slug) => format!(
                "{p}/{}/{}/{}",
                word(lang, REVIEW),
                kind_word(lang, *kind),
                enc(slug)
            ),
            Page::ReferenceData => format!("{p}/{}", word(lang, REFERENCE)),
            Page::ReferenceRecord(kind, key) => format!(
                "{p}/{}/{}/{}",
                word(lang, REFERENCE),
                ref_word(lang, *kind),
                enc(key)
            ),
            Page::ReferenceHistory(kind, key) => format!(
                "{}/{}",
                Page::ReferenceRecord(*kind, key.clone()).path(lang),
                word(lang, HISTORY)
            ),
            Page::SuggestCorrection(kind, slug) => {
                format!("{}/{}", entry_path(*kind, slug, lang), word(lang, SUGGEST))
            }
            Page::CorrectionReceived(kind, slug) => format!(
                "{}/{}/{}",
                entry_path(*kind, slug, lang),
                word(lang, SUGGEST),
                word(lang, THANKS)
            ),
            Page::Correction(id) => format!(
                "{p}/{}/{}/{}",
                word(lang, MY_WORK),
                word(lang, CORRECTIONS),
                enc(id)
            ),
            Page::Adopt(kind, slug) => {
                format!("{}/{}", entry_path(*kind, slug, lang), word(lang, ADOPT))
            }
            Page::Statistics => format!("{p}/{}", word(lang, STATISTICS)),
            Page::UseCasesCsv => format!("{p}/{}.csv", word(lang, USE_CASES)),
            Page::UseCasesJson => format!("{p}/{}.json", word(lang, USE_CASES)),
            Page::AlgorithmsCsv => format!("{p}/{}.csv", word(lang, ALGORITHMS)),
            Page::AlgorithmsJson => format!("{p}/{}.json", word(lang, ALGORITHMS)),
            Page::NewEntry(kind) => format!("{}/{}", my_kind(lang, *kind), word(lang, NEW)),
            Page::EditEntry(kind, slug) => {
                format!(
                    "{}/{}/{}",
                    my_kind(lang, *kind),
                    enc(slug),
                    word(lang, EDIT)
                )
            }
            Page::PreviewEntry(kind, slug) => {
                format!(
                    "{}/{}/{}",
                    my_kind(lang, *kind),
                    enc(slug),
                    word(lang, PREVIEW)
                )
            }
        }
    }
}

/// An entry's public page.
fn entry_path(kind: EntryKind, slug: &str, lang: Lang) -> String {
    match kind {
        EntryKind::UseCase => Page::UseCase(slug.to_owned()).path(lang),
        EntryKind::Algorithm => Page::Algorithm(slug.to_owned()).path(lang),
    }
}

/// The route patterns of reuse and corrections in one language (see [`Page::Adopt`]).
pub struct ReusePatterns {
    /// Per entry kind: the suggestion form, its receipt, and the adoption form's target.
    pub suggest: [(EntryKind, String); 2],
    pub received: [(EntryKind, String); 2],
    pub adopt: [(EntryKind, String); 2],
    /// One suggestion on the work list (`{id}`).
    pub correction: String,
}

impl ReusePatterns {
    pub fn of(lang: Lang) -> ReusePatterns {
        // A placeholder that survives the paths' encoding, then the pattern's parameter.
        let pattern = |page: Page, name: &str| page.path(lang).replace("__key__", name);
        let per_kind = |page: fn(EntryKind, String) -> Page| {
            [EntryKind::UseCase, EntryKind::Algorithm]
                .map(|k| (k, pattern(page(k, "__key__".to_owned()), "{key}")))
        };
        ReusePatterns {
            suggest: per_kind(Page::SuggestCorrection),
            received: per_kind(Page::CorrectionReceived),
            adopt: per_kind(Page::Adopt),
            correction: pattern(Page::Correction("__key__".to_owned()), "{id}"),
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
    /// The curators' pages; `{kind}` is a path word ([`kind_word`], [`ref_word`]).
    pub review_queue: String,
    pub review: String,
    pub reference_data: String,
    pub reference_record: String,
    pub reference_history: String,
    pub use_cases_csv: String,
    pub use_cases_json: String,
    pub algorithms_csv: String,
    pub algorithms_json: String,
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
            review_queue: section(REVIEW),
            review: format!("{}/{{kind}}/{{key}}", section(REVIEW)),
            reference_data: section(REFERENCE),
            reference_record: format!("{}/{{kind}}/{{key}}", section(REFERENCE)),
            reference_history: format!(
                "{}/{{kind}}/{{key}}/{}",
                section(REFERENCE),
                word(lang, HISTORY)
            ),
            use_cases_csv: Page::UseCasesCsv.path(lang),
            use_cases_json: Page::UseCasesJson.path(lang),
            algorithms_csv: Page::AlgorithmsCsv.path(lang),
            algorithms_json: Page::AlgorithmsJson.path(lang),
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
    pub fn review_queue(&self) -> String {
        Page::ReviewQueue.path(self.lang)
    }
    pub fn review(&self, kind: EntryKind, slug: &str) -> String {
        Page::Review(kind, slug.to_owned()).path(self.lang)
    }
    pub fn reference_data(&self) -> String {
        Page::ReferenceData.path(self.lang)
    }
    pub fn reference_record(&self, kind: RefKind, key: &str) -> String {
        Page::ReferenceRecord(kind, key.to_owned()).path(self.lang)
    }
    pub fn reference_history(&self, kind: RefKind, key: &str) -> String {
        Page::ReferenceHistory(kind, key.to_owned()).path(self.lang)
    }
    pub fn use_cases_csv(&self) -> String {
        Page::UseCasesCsv.path(self.lang)
    }
    pub fn use_cases_json(&self) -> String {
        Page::UseCasesJson.path(self.lang)
    }
    pub fn algorithms_csv(&self) -> String {
        Page::AlgorithmsCsv.path(self.lang)
    }
    pub fn algorithms_json(&self) -> String {
        Page::AlgorithmsJson.path(self.lang)
    }
    /// The DCAT-AP description of the catalogue, the same in both languages.
    pub fn dcat(&self) -> &'static str {
        DCAT
    }
    /// The JSON Schemas of the records, in the API.
    pub fn schemas(&self) -> &'static str {
        "/api/v1/schemas"
    }
    pub fn new_entry(&self, kind: EntryKind) -> String {
        Page::NewEntry(kind).path(self.lang)
    }
    pub fn edit_entry(&self, kind: EntryKind, slug: &str) -> String {
        Page::EditEntry(kind, slug.to_owned()).path(self.lang)
    }
    pub fn preview_entry(&self, kind: EntryKind, slug: &str) -> String {
        Page::PreviewEntry(kind, slug.to_owned()).path(self.lang)
    }
    pub fn statistics(&self) -> String {
        Page::Statistics.path(self.lang)
    }
    /// An entry's public page, by kind.
    pub fn entry(&self, kind: EntryKind, slug: &str) -> String {
        match kind {
            EntryKind::UseCase => self.use_case(slug),
            EntryKind::Algorithm => self.algorithm(slug),
        }
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
    fn reuse_pages_sit_under_their_entry_in_both_languages() {
        let da = ReusePatterns::of(Lang::Da);
        assert_eq!(da.suggest[0].1, "/use-cases/{key}/foreslaa-rettelse");
        assert_eq!(da.received[1].1, "/algoritmer/{key}/foreslaa-rettelse/tak");
        assert_eq!(da.correction, "/mit-arbejde/rettelser/{id}");
        let en = ReusePatterns::of(Lang::En);
        assert_eq!(en.adopt[1].1, "/en/algorithms/{key}/we-use-it");
        assert_eq!(
            Page::SuggestCorrection(EntryKind::UseCase, "a b".into()).path(Lang::En),
            "/en/use-cases/a+b/suggest-correction"
        );
    }

    #[test]
    fn patterns_match_paths() {
        let p = Patterns::of(Lang::Da);
        assert_eq!(p.use_case, "/use-cases/{key}");
        assert_eq!(Patterns::of(Lang::En).algorithms, "/en/algorithms");
        assert_eq!(Patterns::of(Lang::Da).accessibility, "/tilgaengelighed");
        assert_eq!(Page::About.path(Lang::En), "/en/about");
        assert_eq!(Patterns::of(Lang::Da).algorithms_csv, "/algoritmer.csv");
        assert_eq!(Patterns::of(Lang::En).use_cases_json, "/en/use-cases.json");
    }

    #[test]
    fn curator_pages_have_both_addresses_and_read_back() {
        assert_eq!(Page::ReviewQueue.path(Lang::Da), "/kurator/gennemgang");
        assert_eq!(
            Page::Review(EntryKind::Algorithm, "x".into()).path(Lang::En),
            "/en/curator/review/algorithm/x"
        );
        assert_eq!(
            Page::ReferenceHistory(RefKind::Domain, "skole".into()).path(Lang::Da),
            "/kurator/referencedata/fagomraader/skole/historik"
        );
        for lang in [Lang::Da, Lang::En] {
            for kind in [EntryKind::UseCase, EntryKind::Algorithm] {
                assert_eq!(kind_of_word(lang, kind_word(lang, kind)), Some(kind));
            }
            for kind in [RefKind::Organisation, RefKind::Category, RefKind::Domain] {
                assert_eq!(ref_of_word(lang, ref_word(lang, kind)), Some(kind));
            }
        }
    }

    #[test]
    fn editing_pages_live_under_my_work() {
        assert_eq!(
            Page::NewEntry(EntryKind::UseCase).path(Lang::Da),
            "/mit-arbejde/anvendelser/ny"
        );
        assert_eq!(
            Page::EditEntry(EntryKind::Algorithm, "x".into()).path(Lang::En),
            "/en/my-work/algorithms/x/edit"
        );
        let (new, edit, preview) = editing_patterns(Lang::Da, EntryKind::UseCase);
        assert_eq!(new, "/mit-arbejde/anvendelser/ny");
        assert_eq!(edit, "/mit-arbejde/anvendelser/{key}/rediger");
        assert_eq!(preview, "/mit-arbejde/anvendelser/{key}/forhaandsvisning");
    }
}
