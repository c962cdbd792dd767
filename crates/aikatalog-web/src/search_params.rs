//! A search as it lives in the address bar: `?q=aktindsigt&category=knowledge-work&category=…
//! &sort=newest&page=2`. Filters use the search engine's facet names as parameters and repeat
//! for "any of these", so a search can be shared, bookmarked and exported as it stands.

use aikatalog_search::{Facet, Filters, MAX_WINDOW, SearchRequest, Sort};

pub const PER_PAGE: usize = 20;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchParams {
    pub q: String,
    pub filters: Filters,
    pub sort: Option<Sort>,
    /// The least completeness percentage a hit may have; 0 for any.
    pub complete_min: u8,
    /// 1-based.
    pub page: usize,
    /// Search the words exactly as typed, without near spellings (`exact=true`).
    pub exact: bool,
}

fn sort_name(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "relevance",
        Sort::Newest => "newest",
        Sort::Title => "title",
        Sort::Completeness => "completeness",
    }
}

impl SearchParams {
    /// Reads a query string; unknown parameters and values that do not parse are ignored, so
    /// an old or hand-edited link still shows a search.
    pub fn parse(query: &str) -> SearchParams {
        let mut out = SearchParams {
            page: 1,
            ..SearchParams::default()
        };
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            let value = value.trim();
            match key.as_ref() {
                "q" => out.q = value.to_owned(),
                "sort" => out.sort = Sort::parse(value),
                "complete_min" => {
                    out.complete_min = value.parse().ok().filter(|p| *p <= 100).unwrap_or(0);
                }
                "page" => out.page = value.parse().unwrap_or(1).max(1),
                "exact" => out.exact = value == "true",
                name => {
                    if let Some(facet) = Facet::parse(name)
                        && !value.is_empty()
                    {
                        out.filters.add(facet, value);
                    }
                }
            }
        }
        out.page = out.page.min(MAX_WINDOW / PER_PAGE);
        out
    }

    /// The search with its filters, without sort and page: what export and facet links keep.
    fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q".to_owned(), self.q.clone()));
        }
        for (facet, values) in self.filters.iter() {
            for v in values {
                pairs.push((facet.as_str().to_owned(), v.clone()));
            }
        }
        if self.complete_min > 0 {
            pairs.push(("complete_min".to_owned(), self.complete_min.to_string()));
        }
        if self.exact {
            pairs.push(("exact".to_owned(), "true".to_owned()));
        }
        pairs
    }

    fn encode(pairs: &[(String, String)]) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs {
            s.append_pair(k, v);
        }
        s.finish()
    }

    /// The query string of this search as it is (query, filters, sort, page).
    pub fn query_string(&self) -> String {
        self.with_page(self.page)
    }

    /// The query string of another page of this search.
    pub fn with_page(&self, page: usize) -> String {
        let mut pairs = self.pairs();
        if let Some(sort) = self.sort {
            pairs.push(("sort".into(), sort_name(sort).into()));
        }
        if page > 1 {
            pairs.push(("page".into(), page.to_string()));
        }
        Self::encode(&pairs)
    }

    /// The query string of this search without its minimum completeness, back on page one.
    pub fn without_complete_min(&self) -> String {
        SearchParams {
            complete_min: 0,
            page: 1,
            ..self.clone()
        }
        .query_string()
    }

    /// The query string of this search without one filter value, back on page one.
    pub fn without(&self, facet: Facet, value: &str) -> String {
        let mut pairs = self.pairs();
        pairs.retain(|(k, v)| !(k == facet.as_str() && v == value));
        if let Some(sort) = self.sort {
            pairs.push(("sort".into(), sort_name(sort).into()));
        }
        Self::encode(&pairs)
    }

    /// The query string for export: the whole result, so no page and no sort beyond the
    /// search's own.
    pub fn export_query(&self) -> String {
        let mut pairs = self.pairs();
        if let Some(sort) = self.sort {
            pairs.push(("sort".into(), sort_name(sort).into()));
        }
        Self::encode(&pairs)
    }

    pub fn request(&self, limit: usize, offset: usize) -> SearchRequest {
        SearchRequest {
            q: self.q.clone(),
            filters: self.filters.clone(),
            kind: None,
            complete_min: self.complete_min,
            sort: self.sort,
            limit,
            offset,
            exact: self.exact,
        }
    }

    pub fn page_request(&self) -> SearchRequest {
        self.request(PER_PAGE, (self.page - 1) * PER_PAGE)
    }
}

pub fn sort_param(sort: Sort) -> &'static str {
    sort_name(sort)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_repeated_filters_and_ignores_junk() {
        let p = SearchParams::parse(
            "q=aktindsigt&category=knowledge-work&category=intelligent-automation&sort=title&page=2&colour=red&lifecycle=",
        );
        assert_eq!(p.q, "aktindsigt");
        assert_eq!(
            p.filters.get(Facet::Category),
            ["knowledge-work", "intelligent-automation"]
        );
        assert!(p.filters.get(Facet::Lifecycle).is_empty());
        assert_eq!(p.sort, Some(Sort::Title));
        assert_eq!(p.page, 2);
        assert_eq!(
            p.query_string(),
            "q=aktindsigt&category=knowledge-work&category=intelligent-automation&sort=title&page=2"
        );
        assert_eq!(
            p.without(Facet::Category, "knowledge-work"),
            "q=aktindsigt&category=intelligent-automation&sort=title"
        );
    }

    #[test]
    fn a_minimum_completeness_is_kept_in_links_and_removable() {
        let p = SearchParams::parse("q=chatbot&complete_min=50&sort=completeness&page=2");
        assert_eq!(p.complete_min, 50);
        assert_eq!(p.sort, Some(Sort::Completeness));
        assert_eq!(p.page_request().complete_min, 50);
        assert_eq!(
            p.query_string(),
            "q=chatbot&complete_min=50&sort=completeness&page=2"
        );
        assert_eq!(p.without_complete_min(), "q=chatbot&sort=completeness");
    }

    #[test]
    fn pages_stay_within_the_window() {
        assert_eq!(SearchParams::parse("page=0").page, 1);
        assert_eq!(SearchParams::parse("complete_min=101").complete_min, 0);
        assert_eq!(SearchParams::parse("complete_min=x").complete_min, 0);
        assert_eq!(SearchParams::parse("page=x").page, 1);
        assert_eq!(
            SearchParams::parse("page=999999").page,
            MAX_WINDOW / PER_PAGE
        );
    }
}
