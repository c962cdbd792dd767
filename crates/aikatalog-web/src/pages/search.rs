//! The search page: hits with their marked snippets, facet checkboxes with counts that combine
//! (any value within a facet, every facet together), sorting and paging, all in the URL.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use aikatalog_domain::algorithm::ModelType;
use aikatalog_domain::{
    AiActClass, DataLevel, EntryKind, InfrastructureLevel, IntegrationLevel, Lifecycle, ModelLevel,
};
use aikatalog_search::{Facet, FacetCount, Hit, SearchResults, Sort};
use askama::Template;

use crate::catalogue::Catalogue;
use crate::error::WebError;
use crate::lang::{Label, Lang};
use crate::links::{self, Link};
use crate::popular::PopularSearches;
use crate::public::{self, Loaded};
use crate::search_params::{PER_PAGE, SearchParams, sort_param};
use crate::site::{Layout, Site, blocking, html, respond};
use crate::source;
use crate::urls::{Page, Urls};

/// The order facets are offered in: what people narrow by most first.
const FACET_ORDER: [Facet; 18] = [
    Facet::Kind,
    Facet::Category,
    Facet::Lifecycle,
    Facet::Source,
    Facet::Country,
    Facet::Lang,
    Facet::Domain,
    Facet::Region,
    Facet::Organisation,
    Facet::AiAct,
    Facet::Model,
    Facet::DataLevel,
    Facet::IntegrationLevel,
    Facet::InfrastructureLevel,
    Facet::Vendor,
    Facet::Technology,
    Facet::HasSourceCode,
    Facet::Year,
];

/// Facets open without a selection of their own.
const OPEN_BY_DEFAULT: [Facet; 3] = [Facet::Kind, Facet::Category, Facet::Lifecycle];

pub struct FacetValue {
    pub id: String,
    pub value: String,
    pub label: String,
    pub count: u32,
    pub selected: bool,
}

pub struct FacetGroup {
    pub name: &'static str,
    pub legend: &'static str,
    pub values: Vec<FacetValue>,
    pub selected: usize,
    pub open: bool,
}

pub struct HitView {
    pub href: String,
    pub kind: &'static str,
    pub lifecycle: &'static str,
    /// The share of the facts readers need that the entry states, e.g. "67 % udfyldt".
    pub completeness: String,
    /// HTML from the search engine: escaped text with `<mark>` around matched words.
    pub title_html: String,
    pub summary_html: String,
    pub body_html: String,
    pub owner: Link,
    pub categories: Vec<Link>,
    /// The badge of an entry from another register; empty for this catalogue's own.
    pub badge: String,
    /// The language the entry's text is written in.
    pub lang: String,
}

pub struct SortOption {
    pub value: &'static str,
    pub label: &'static str,
    pub selected: bool,
}

/// A choice of minimum completeness: a radio button in the filters.
pub struct CompleteOption {
    pub id: String,
    pub value: u8,
    pub label: String,
    pub selected: bool,
}

/// The minimums offered; 0 is "any".
const COMPLETE_MINIMUMS: [u8; 5] = [0, 25, 50, 75, 100];

fn complete_options(selected: u8, lang: Lang) -> Vec<CompleteOption> {
    let t = lang.t();
    let mut values = COMPLETE_MINIMUMS.to_vec();
    // A minimum from a hand-edited link is offered too, so the form keeps it.
    if !values.contains(&selected) {
        values.push(selected);
        values.sort_unstable();
    }
    values
        .into_iter()
        .map(|value| CompleteOption {
            id: format!("complete_min-{value}"),
            value,
            label: match value {
                0 => t.complete_min_any.to_owned(),
                100 => t.complete_min_all.to_owned(),
                v => format!("{} {v} %", t.complete_min_at_least),
            },
            selected: value == selected,
        })
        .collect()
}

pub struct PageLink {
    pub number: usize,
    pub href: String,
    pub current: bool,
    pub gap: bool,
}

/// "Viser resultater for »aktindsigt«. Søg i stedet efter »aktindsit«".
pub struct CorrectionView {
    /// The query the results are for, with the corrected words.
    pub read_as: String,
    /// The query as typed, and the same search run exactly so.
    pub typed: String,
    pub exact_href: String,
}

/// What an empty result offers instead: near words of the catalogue, its categories and a
/// way to add what is missing.
pub struct EmptyHelp {
    pub near: Vec<Link>,
    /// What others searched for most, with results.
    pub popular: Vec<Link>,
    pub categories: Vec<Link>,
    pub propose_href: String,
}

pub struct SearchView {
    pub q: String,
    pub corrected: Option<CorrectionView>,
    /// Organisations the query names, linked to their pages, above the hits (first page only).
    pub organisations: Vec<Link>,
    pub empty_help: Option<EmptyHelp>,
    pub total_text: String,
    pub note: &'static str,
    /// Why the search could not run (a query over a limit), shown instead of hits.
    pub problem: Option<String>,
    pub facets: Vec<FacetGroup>,
    pub chips: Vec<Link>,
    pub clear_href: String,
    pub hits: Vec<HitView>,
    pub first: usize,
    pub sorts: Vec<SortOption>,
    pub complete_options: Vec<CompleteOption>,
    pub complete_selected: bool,
    pub pages: Vec<PageLink>,
    pub prev_href: Option<String>,
    pub next_href: Option<String>,
    pub csv_href: String,
    pub json_href: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    l: Layout,
    v: SearchView,
}

/// A facet value's label in the page's language.
pub fn facet_label(cat: &Catalogue, facet: Facet, value: &str, lang: Lang) -> String {
    fn enum_label<T: Label>(parsed: Option<T>, lang: Lang) -> Option<String> {
        parsed.map(|v| v.label(lang).to_owned())
    }
    let t = lang.t();
    let label = match facet {
        Facet::Kind => enum_label(EntryKind::parse(value), lang),
        Facet::Lifecycle => enum_label(Lifecycle::parse(value), lang),
        Facet::AiAct => enum_label(AiActClass::parse(value), lang),
        Facet::Model => enum_label(ModelLevel::parse(value), lang)
            .or_else(|| enum_label(ModelType::parse(value), lang)),
        Facet::DataLevel => enum_label(DataLevel::parse(value), lang),
        Facet::IntegrationLevel => enum_label(IntegrationLevel::parse(value), lang),
        Facet::InfrastructureLevel => enum_label(InfrastructureLevel::parse(value), lang),
        Facet::HasSourceCode => Some(if value == "true" { t.yes } else { t.no }.to_owned()),
        Facet::Category => cat.category(value).map(|c| links::category_name(c, lang)),
        Facet::Domain => Some(links::domain_name(cat, value, lang)),
        Facet::Organisation | Facet::Region | Facet::Vendor => {
            cat.organisation(value).map(|o| links::org_name(o, lang))
        }
        Facet::Source => Some(source::source_name(value, lang)),
        Facet::Country => Some(source::country_name(value, lang)),
        Facet::Lang => Some(source::language_name(value, lang)),
        Facet::Technology | Facet::Year => None,
    };
    label.unwrap_or_else(|| value.to_owned())
}

/// A checkbox's id, stable across searches (so focus can return to it after the page reloads)
/// and valid whatever the value holds: its readable part plus a hash of the value.
fn facet_id(facet: Facet, value: &str) -> String {
    let readable: String = value
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(24)
        .collect();
    // FNV-1a: small, and stable across builds, unlike the std hasher.
    let hash = value.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("f-{}-{readable}-{hash:08x}", facet.as_str())
}

fn facet_groups(
    cat: &Catalogue,
    facets: &BTreeMap<Facet, Vec<FacetCount>>,
    lang: Lang,
) -> Vec<FacetGroup> {
    let t = lang.t();
    FACET_ORDER
        .iter()
        .filter_map(|&facet| {
            let counts = facets.get(&facet)?;
            if counts.is_empty() {
                return None;
            }
            let values: Vec<FacetValue> = counts
                .iter()
                .map(|c| FacetValue {
                    id: facet_id(facet, &c.value),
                    value: c.value.clone(),
                    label: facet_label(cat, facet, &c.value, lang),
                    count: c.count,
                    selected: c.selected,
                })
                .collect();
            let selected = values.iter().filter(|v| v.selected).count();
            Some(FacetGroup {
                name: facet.as_str(),
                legend: t.facet_names[facet.index()],
                open: selected > 0 || OPEN_BY_DEFAULT.contains(&facet),
                selected,
                values,
            })
        })
        .collect()
}

/// Marks a snippet that starts or ends inside its text with "…", so a passage cut mid-number
/// ("500 sager" out of "1.500 sager") does not read as the whole.
fn ellipsize(snippet_html: &str, full: &str) -> String {
    let plain = snippet_html
        .replace("<mark>", "")
        .replace("</mark>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let plain = plain.trim();
    if plain.is_empty() || full.is_empty() {
        return snippet_html.to_owned();
    }
    let mut out = String::new();
    if !full.trim_start().starts_with(plain.trim_end_matches('…')) {
        out.push_str("… ");
    }
    out.push_str(snippet_html.trim());
    let stop = |s: &str| {
        s.trim_end()
            .trim_end_matches(['.', '!', '?', ':'])
            .to_owned()
    };
    if !plain.ends_with('…') && !stop(full).ends_with(&stop(plain)) {
        out.push_str(" …");
    }
    out
}

fn hit_view(cat: &Catalogue, loaded: &Loaded, hit: &Hit, lang: Lang) -> HitView {
    let u = Urls { lang };
    let (href, full, provenance) = match hit.kind {
        EntryKind::UseCase => {
            let entry = loaded.use_case(&hit.slug);
            (
                u.use_case(&hit.slug),
                entry.map_or("", |e| e.summary.as_str()),
                entry.map(|e| &e.provenance),
            )
        }
        EntryKind::Algorithm => {
            let entry = loaded.algorithm(&hit.slug);
            (
                u.algorithm(&hit.slug),
                entry.map_or("", |e| e.purpose.as_str()),
                entry.map(|e| &e.provenance),
            )
        }
    };
    HitView {
        href,
        kind: hit.kind.label(lang),
        lifecycle: Lifecycle::parse(&hit.lifecycle).map_or("", |l| l.label(lang)),
        completeness: format!("{} % {}", hit.completeness, lang.t().completeness_on_hit),
        title_html: hit.highlights.title.clone(),
        summary_html: ellipsize(&hit.highlights.summary, full),
        body_html: hit
            .highlights
            .body
            .as_ref()
            .map(|b| format!("… {b} …"))
            .unwrap_or_default(),
        owner: links::org_link(cat, &hit.owner.code, lang),
        categories: hit
            .categories
            .iter()
            .map(|c| links::category_link(cat, &c.slug, lang))
            .collect(),
        badge: provenance
            .and_then(|p| source::of(p, lang))
            .map(|s| s.badge)
            .unwrap_or_default(),
        lang: provenance.map_or_else(|| "da".to_owned(), source::content_lang),
    }
}

/// Page numbers around the current one, with gaps: 1 … 4 5 [6] 7 8 … 20.
fn pages(params: &SearchParams, total: u64, path: &str) -> Vec<PageLink> {
    let count = (total as usize)
        .div_ceil(PER_PAGE)
        .min(aikatalog_search::MAX_WINDOW / PER_PAGE);
    let current = params.page;
    let mut out: Vec<PageLink> = Vec::new();
    for n in 1..=count {
        let near = n.abs_diff(current) <= 2;
        if n == 1 || n == count || near {
            out.push(PageLink {
                number: n,
                href: format!("{path}?{}", params.with_page(n)),
                current: n == current,
                gap: false,
            });
        } else if out.last().is_some_and(|p| !p.gap) {
            out.push(PageLink {
                number: n,
                href: String::new(),
                current: false,
                gap: true,
            });
        }
    }
    out
}

/// "2 resultater for »aktindsigt«": for the query the results are for, which is the corrected
/// one when a word was corrected.
fn total_text(q: &str, total: u64, lang: Lang) -> String {
    let t = lang.t();
    let noun = if total == 1 {
        t.result_one
    } else {
        t.result_many
    };
    if q.is_empty() {
        format!("{total} {noun}")
    } else {
        format!("{total} {noun} {} »{q}«", t.results_for)
    }
}

/// The search page for one query, as a fresh search.
fn search_for(q: &str, lang: Lang) -> String {
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("q", q)
        .finish();
    format!("{}?{query}", Page::Search.path(lang))
}

fn empty_help(cat: &Catalogue, results: &SearchResults, lang: Lang) -> EmptyHelp {
    let u = Urls { lang };
    EmptyHelp {
        near: results
            .near_terms
            .iter()
            .map(|term| Link::new(search_for(term, lang), term.clone()))
            .collect(),
        popular: Vec::new(),
        categories: cat
            .categories
            .iter()
            .map(|c| Link::new(u.category(c.slug.as_str()), links::category_name(c, lang)))
            .collect(),
        propose_href: Page::NewEntry(EntryKind::UseCase).path(lang),
    }
}

pub fn view(
    cat: &Catalogue,
    loaded: &Loaded,
    params: &SearchParams,
    results: &SearchResults,
    lang: Lang,
) -> SearchView {
    let t = lang.t();
    let path = Page::Search.path(lang);
    let with = |query: String| {
        if query.is_empty() {
            path.clone()
        } else {
            format!("{path}?{query}")
        }
    };
    let mut chips: Vec<Link> = params
        .filters
        .iter()
        .flat_map(|(facet, values)| values.iter().map(move |v| (facet, v.clone())))
        .map(|(facet, value)| {
            Link::new(
                with(params.without(facet, &value)),
                format!(
                    "{}: {}",
                    t.facet_names[facet.index()],
                    facet_label(cat, facet, &value, lang)
                ),
            )
        })
        .collect();
    if params.complete_min > 0 {
        chips.push(Link::new(
            with(params.without_complete_min()),
            format!("{} {} %", t.complete_min_chip, params.complete_min),
        ));
    }
    let clear = SearchParams {
        q: params.q.clone(),
        ..SearchParams::default()
    };
    let sorts = [
        Sort::Relevance,
        Sort::Newest,
        Sort::Title,
        Sort::Completeness,
    ]
    .into_iter()
    .map(|s| SortOption {
        value: sort_param(s),
        label: match s {
            Sort::Relevance => t.sort_relevance,
            Sort::Newest => t.sort_newest,
            Sort::Title => t.sort_title,
            Sort::Completeness => t.sort_completeness,
        },
        selected: s == results.sort,
    })
    .collect();
    let pages = pages(params, results.total, &path);
    let current = params.page;
    let last = pages.last().map_or(1, |p| p.number);
    let export = params.export_query();
    let export_href = |page: Page| {
        let p = page.path(lang);
        if export.is_empty() {
            p
        } else {
            format!("{p}?{export}")
        }
    };
    let corrected = results.corrected.as_ref().map(|c| CorrectionView {
        read_as: c.query.clone(),
        typed: params.q.clone(),
        exact_href: with(
            SearchParams {
                exact: true,
                page: 1,
                ..params.clone()
            }
            .query_string(),
        ),
    });
    let shown_q = corrected.as_ref().map_or(params.q.as_str(), |c| &c.read_as);
    SearchView {
        q: params.q.clone(),
        total_text: total_text(shown_q, results.total, lang),
        organisations: if current == 1 {
            results
                .organisations
                .iter()
                .filter(|o| cat.organisation(&o.code).is_some())
                .map(|o| links::org_link(cat, &o.code, lang))
                .collect()
        } else {
            Vec::new()
        },
        empty_help: (results.total == 0).then(|| empty_help(cat, results, lang)),
        note: match results.matched {
            _ if results.cross_language => t.note_cross_language,
            // The correction says more precisely what near spellings did.
            _ if corrected.is_some() => "",
            Some(aikatalog_search::query::Strictness::AllWordsFuzzy) => t.note_fuzzy,
            Some(aikatalog_search::query::Strictness::AnyWord) => t.note_any_word,
            _ => "",
        },
        problem: None,
        corrected,
        facets: facet_groups(cat, &results.facets, lang),
        chips,
        clear_href: with(clear.query_string()),
        hits: results
            .items
            .iter()
            .map(|h| hit_view(cat, loaded, h, lang))
            .collect(),
        first: results.offset + 1,
        sorts,
        complete_options: complete_options(params.complete_min, lang),
        complete_selected: params.complete_min > 0,
        prev_href: (current > 1).then(|| with(params.with_page(current - 1))),
        next_href: (current < last).then(|| with(params.with_page(current + 1))),
        pages,
        csv_href: export_href(Page::SearchCsv),
        json_href: export_href(Page::SearchJson),
    }
}

pub async fn show(lang: Lang, site: Site, req: HttpRequest) -> HttpResponse {
    let params = SearchParams::parse(req.query_string());
    let popular = req.app_data::<web::Data<PopularSearches>>().cloned();
    respond(lang, render(lang, site, params, popular).await)
}

async fn render(
    lang: Lang,
    site: Site,
    params: SearchParams,
    popular: Option<web::Data<PopularSearches>>,
) -> Result<HttpResponse, WebError> {
    let cat = site.catalogue().await?;
    let index = site.index().clone();
    let request = params.page_request();
    let db = site.db().clone();
    let searched = blocking(move || {
        let results = index.search(&request)?;
        // The hits' own texts (the summary a highlight is cut from, the source) for this
        // page's hits only.
        let loaded = db.read_with(|c| public::load_hits(c, &results.items))?;
        Ok((results, loaded))
    })
    .await;
    // A query over a limit is answered on the search page itself, with the box still filled
    // in, so the person can shorten it.
    let ((results, loaded), problem) = match searched {
        Ok(found) => (found, None),
        Err(e) => match crate::error::search_problem(&e, lang) {
            Some(problem) => (
                (nothing_found(&params), Loaded::default()),
                Some((e.status(), problem)),
            ),
            None => return Err(e),
        },
    };
    let title = if params.q.is_empty() {
        lang.t().search_heading.to_owned()
    } else {
        format!("{} »{}«", lang.t().search_heading, params.q)
    };
    let mut v = view(&cat, &loaded, &params, &results, lang);
    let status = problem
        .as_ref()
        .map_or(StatusCode::OK, |(status, _)| *status);
    v.problem = problem.map(|(_, text)| text);
    if v.problem.is_some() {
        // The search did not run: nothing to suggest instead of its results.
        v.empty_help = None;
    }
    if let Some(popular) = popular {
        let db = site.db().clone();
        if results.total > 0 && params.page == 1 && !params.q.is_empty() {
            if popular.count(&params.q) {
                // Added in the background: the page does not wait for the write.
                actix_web::rt::spawn(async move {
                    let _ = web::block(move || popular.flush(&db)).await;
                });
            }
        } else if let Some(help) = v.empty_help.as_mut() {
            let top = web::block(move || popular.top(&db)).await?;
            help.popular = top
                .into_iter()
                .filter(|q| Some(q) != crate::popular::normalise(&params.q).as_ref())
                .map(|q| Link::new(search_for(&q, lang), q))
                .collect();
        }
    }
    let template = SearchPage {
        l: Layout::new(lang, &Page::Search, &params.query_string(), title),
        v,
    };
    Ok(html(lang, status, template.render()?))
}

/// Empty results, for a search that could not run.
fn nothing_found(params: &SearchParams) -> SearchResults {
    SearchResults {
        items: Vec::new(),
        total: 0,
        limit: PER_PAGE,
        offset: 0,
        sort: params.page_request().sort.unwrap_or(Sort::Relevance),
        matched: None,
        cross_language: false,
        facets: BTreeMap::new(),
        corrected: None,
        organisations: Vec::new(),
        near_terms: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_snippets_show_where_they_were_cut() {
        let full = "Kommunen har ca. 1.500 sager om aktindsigt om året.";
        assert_eq!(
            ellipsize("500 sager om <mark>aktindsigt</mark> om", full),
            "… 500 sager om <mark>aktindsigt</mark> om …"
        );
        assert_eq!(ellipsize(full, full), full);
        assert_eq!(
            ellipsize("Kommunen har ca. 1.500 sager…", full),
            "Kommunen har ca. 1.500 sager…"
        );
    }

    #[test]
    fn pager_shows_ends_and_neighbours() {
        let params = SearchParams {
            page: 6,
            ..SearchParams::default()
        };
        let numbers: Vec<String> = pages(&params, 400, "/soeg")
            .iter()
            .map(|p| {
                if p.gap {
                    "…".into()
                } else {
                    p.number.to_string()
                }
            })
            .collect();
        assert_eq!(numbers, ["1", "…", "4", "5", "6", "7", "8", "…", "20"]);
    }
}
