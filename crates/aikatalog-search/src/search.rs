//! Searching: a query string, filters, a sort and a page in; hits, a total and facet counts
//! out.

use std::collections::BTreeMap;
use std::sync::Arc;

use aikatalog_domain::EntryKind;
use serde::Serialize;
use tantivy::query::{AllQuery, Query};

use crate::collector::{Collected, Deadline, FacetCollector, Sort};
use crate::correction::{Correction, Explainer};
use crate::error::SearchError;
use crate::facets::{Facet, FacetCount, Filters};
use crate::hits::{self, Highlighter, Hit};
use crate::index::SearchIndex;
use crate::limits::QueryLimits;
use crate::organisation_match::NamedOrganisation;
use crate::query::{self, Strictness};
use crate::term_stats::TermStats;

/// How deep paging may go: ranking keeps `offset + limit` candidates per segment.
pub const MAX_WINDOW: usize = 10_000;
/// Hits rendered per task on the search threads. Small tasks share the page out evenly
/// beside the own-words check and the facet lists (2 measured about 2% faster at p50 than 5,
/// and 1 no faster than 2).
const RENDER_CHUNK: usize = 2;
/// Facet values listed per facet, besides the selected ones.
const FACET_VALUES: usize = 50;

#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub q: String,
    pub filters: Filters,
    /// Restricts hits to one kind without making it a facet choice (the per-kind endpoints).
    pub kind: Option<EntryKind>,
    /// Only entries stating at least this percentage of the facts readers need (0 to 100;
    /// 0 for all).
    pub complete_min: u8,
    /// `None` picks relevance with a query and newest without.
    pub sort: Option<Sort>,
    pub limit: usize,
    pub offset: usize,
    /// Search the words exactly as typed: no near spellings (the "search instead for" link
    /// of a corrected search).
    pub exact: bool,
}

/// A page of hits with their total and the facet counts for the query and filters.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchResults {
    pub items: Vec<Hit>,
    pub total: u64,
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    /// How the words matched: all of them, all with near spellings, or any of them. Absent
    /// without a query.
    #[serde(rename = "match", skip_serializing_if = "Option::is_none")]
    pub matched: Option<Strictness>,
    /// `true` when the query's words matched nothing themselves (nor their synonyms) and every
    /// hit was found through the query's topic named in another language (the cross-language
    /// vocabulary): "mailsortering" finding only Dutch "e-mailclassificatie" entries.
    pub cross_language: bool,
    /// For every facet, its values with their counts (each facet's counts apply every filter
    /// but its own).
    #[schema(value_type = BTreeMap<String, Vec<FacetCount>>)]
    pub facets: BTreeMap<Facet, Vec<FacetCount>>,
    /// Which typed words, in no entry, were read as which of the catalogue's words. Absent
    /// when no word was corrected; `exact=true` searches what was typed instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected: Option<Correction>,
    /// Organisations the query names (at most three), whose pages a person may want first.
    pub organisations: Vec<NamedOrganisation>,
    /// When nothing was found: the catalogue's words nearest those typed that it does not
    /// know, to search for instead (at most five).
    pub near_terms: Vec<String>,
}

impl SearchIndex {
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let _timer = crate::metrics::QueryTimer::start();
        let deadline = Arc::new(Deadline::new(self.limits.time_budget));
        let parsed = self.limits.parse(&request.q)?;
        let searcher = self.searcher();
        // Searching exactly what was typed: no word may be widened to near spellings.
        let exact_limits;
        let limits = if request.exact {
            exact_limits = QueryLimits {
                max_fuzzy_words: 0,
                ..self.limits.clone()
            };
            &exact_limits
        } else {
            &self.limits
        };
        let stats = TermStats::new(&searcher);
        let plan = query::Planner::new(self, &stats, limits).plan(&parsed);
        let sort = request.sort.unwrap_or(if parsed.is_empty() {
            Sort::Newest
        } else {
            Sort::Relevance
        });
        let window = (request.offset + request.limit).min(MAX_WINDOW);
        let required = match request.kind {
            Some(kind) => Filters::default().with(Facet::Kind, kind.as_str()),
            None => Filters::default(),
        };
        let collector = FacetCollector::new(
            self.facets.clone(),
            &request.filters,
            &required,
            request.complete_min,
            sort,
            window,
            deadline.clone(),
        );
        let timed_out = |e: tantivy::TantivyError| -> SearchError {
            if deadline.tripped() {
                SearchError::TimedOut(deadline.budget())
            } else {
                e.into()
            }
        };
        let run = |q: &dyn Query| -> Result<Collected, SearchError> {
            searcher
                .search_with_statistics_provider(q, &collector, &stats)
                .map_err(timed_out)
        };
        // Whether the query's own words found anything: asked only of a query that was
        // widened to other languages and found something, beside rendering the page.
        let mut own_words: Option<Box<dyn Query>> = None;
        let (collected, matched, query) = match plan.query(Strictness::AllWords) {
            None => (run(&AllQuery)?, None, None),
            Some(strict) => {
                let strictness = if plan.near_spellings {
                    Strictness::AllWordsFuzzy
                } else {
                    Strictness::AllWords
                };
                let mut outcome = (run(strict.as_ref())?, strictness, strict);
                if outcome.0.total == 0
                    && plan.clauses.len() > 1
                    && let Some(q) = plan.query(Strictness::AnyWord)
                {
                    outcome = (run(q.as_ref())?, Strictness::AnyWord, q);
                }
                let strictness = match outcome.1 {
                    Strictness::AnyWord => Strictness::AnyWord,
                    _ => Strictness::AllWords,
                };
                if plan.cross_language && outcome.0.total > 0 {
                    own_words = plan.own_query(strictness);
                }
                (outcome.0, Some(outcome.1), Some(outcome.2))
            }
        };
        if deadline.passed() {
            return Err(SearchError::TimedOut(deadline.budget()));
        }
        let explainer = Explainer {
            searcher: &searcher,
            fields: &self.fields,
            analyzers: &self.analyzers,
        };
        let corrected = match (&query, matched) {
            (Some(q), Some(Strictness::AllWordsFuzzy)) if collected.total > 0 => {
                explainer.correction(&request.q, &plan.near_words, q.as_ref())?
            }
            _ => None,
        };
        let near_terms = if collected.total == 0 && !parsed.is_empty() {
            explainer.near_terms_for(&request.q)?
        } else {
            Vec::new()
        };
        // The corrected words' stems are marked too: near-spelling queries name no terms.
        let marked: Option<Box<dyn Query>> = match (&query, &corrected) {
            (Some(q), Some(c)) => {
                let mut any = explainer.highlight_terms(c);
                any.push(q.box_clone());
                Some(Box::new(tantivy::query::BooleanQuery::union(any)))
            }
            (q, _) => q.as_ref().map(|q| q.box_clone()),
        };
        let highlighter =
            Highlighter::new(&stats, marked.as_deref(), &self.fields, &self.analyzers);
        // Reading stored fields and marking snippets is most of a cheap query's time: the
        // page is rendered in chunks on the search threads, beside the rest of what the
        // response needs, each on whichever thread is free.
        let page = collected.hits.get(request.offset..).unwrap_or_default();
        let mut jobs: Vec<Job<'_>> = page.chunks(RENDER_CHUNK).map(Job::Render).collect();
        jobs.extend(own_words.as_deref().map(Job::OwnWords));
        jobs.push(Job::Lists);
        let done = searcher.index().search_executor().map(
            |job| {
                Ok(match job {
                    Job::Render(chunk) => Done::Hits(
                        chunk
                            .iter()
                            .map(|r| {
                                hits::render(&searcher, &self.fields, &highlighter, r.doc, r.score)
                            })
                            .collect(),
                    ),
                    Job::OwnWords(own) => {
                        Done::OwnWords(collector.matches_any(&searcher, own).map_err(timed_out))
                    }
                    Job::Lists => Done::Lists(
                        self.facet_counts(&collected, &request.filters),
                        self.organisations_named(&request.q),
                    ),
                })
            },
            jobs.into_iter(),
        )?;
        let mut items = Vec::with_capacity(page.len());
        let mut cross_language = false;
        let mut lists = None;
        // `map` hands the results back in the jobs' order: the hits stay in rank order.
        for d in done {
            match d {
                Done::Hits(hits) => {
                    for hit in hits {
                        items.push(hit?);
                    }
                }
                Done::OwnWords(matched) => cross_language = !matched?,
                Done::Lists(facets, organisations) => lists = Some((facets, organisations)),
            }
        }
        if deadline.passed() {
            return Err(SearchError::TimedOut(deadline.budget()));
        }
        let (facets, organisations) = lists.unwrap_or_default();
        Ok(SearchResults {
            items,
            total: collected.total,
            limit: request.limit,
            offset: request.offset,
            sort,
            matched,
            cross_language,
            facets,
            corrected,
            organisations,
            near_terms,
        })
    }

    fn facet_counts(
        &self,
        collected: &Collected,
        filters: &Filters,
    ) -> BTreeMap<Facet, Vec<FacetCount>> {
        let refs = self.reference();
        let values = self.facets.values.read().unwrap_or_else(|p| p.into_inner());
        let mut out: BTreeMap<Facet, Vec<FacetCount>> =
            Facet::ALL.iter().map(|f| (*f, Vec::new())).collect();
        for (id, &count) in collected.counts.iter().enumerate() {
            let Some((facet, value)) = values.get(id as u32) else {
                continue;
            };
            let selected = filters.get(*facet).contains(value);
            if count == 0 && !selected {
                continue;
            }
            out.entry(*facet).or_default().push(FacetCount {
                value: value.clone(),
                label: facet.label(value, &refs),
                count,
                selected,
            });
        }
        // Selected values nobody has still show, with 0, so a person can unselect them.
        for (facet, wanted) in filters.iter() {
            let list = out.entry(facet).or_default();
            for value in wanted {
                if !list.iter().any(|c| &c.value == value) {
                    list.push(FacetCount {
                        value: value.clone(),
                        label: facet.label(value, &refs),
                        count: 0,
                        selected: true,
                    });
                }
            }
        }
        for (facet, list) in out.iter_mut() {
            order(*facet, list);
            let mut kept = 0;
            list.retain(|c| {
                kept += 1;
                c.selected || kept <= FACET_VALUES
            });
        }
        out
    }
}

/// What the search threads do once the hits are ranked.
enum Job<'a> {
    /// Read and mark some of the page's hits.
    Render(&'a [crate::collector::Ranked]),
    /// Whether the query's own words match anything that every filter accepts.
    OwnWords(&'a dyn Query),
    /// The facet lists and the organisations the query names.
    Lists,
}

enum Done {
    Hits(Vec<Result<Hit, SearchError>>),
    OwnWords(Result<bool, SearchError>),
    Lists(BTreeMap<Facet, Vec<FacetCount>>, Vec<NamedOrganisation>),
}

/// Orders a facet's values the way people scan them: scales in their own order, years newest
/// first, everything else by count.
fn order(facet: Facet, list: &mut [FacetCount]) {
    use aikatalog_domain::{
        AiActClass, DataLevel, InfrastructureLevel, IntegrationLevel, Lifecycle, ModelLevel,
    };
    let rank = |value: &str| -> Option<u8> {
        match facet {
            Facet::Lifecycle => Lifecycle::parse(value).map(Lifecycle::rank),
            Facet::AiAct => AiActClass::parse(value).map(AiActClass::rank),
            Facet::Model => ModelLevel::parse(value).map(ModelLevel::rank),
            Facet::DataLevel => DataLevel::parse(value).map(DataLevel::rank),
            Facet::IntegrationLevel => IntegrationLevel::parse(value).map(IntegrationLevel::rank),
            Facet::InfrastructureLevel => {
                InfrastructureLevel::parse(value).map(InfrastructureLevel::rank)
            }
            _ => None,
        }
    };
    match facet {
        Facet::Year => list.sort_by(|a, b| b.value.cmp(&a.value)),
        Facet::Lifecycle
        | Facet::AiAct
        | Facet::Model
        | Facet::DataLevel
        | Facet::IntegrationLevel
        | Facet::InfrastructureLevel => {
            list.sort_by_key(|c| (rank(&c.value).unwrap_or(u8::MAX), c.value.clone()))
        }
        _ => list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label))),
    }
}
