//! Search: `GET /search` over both kinds, `GET /suggest`, the similar entries of one entry, and
//! the query-and-filter form of `GET /use-cases` and `GET /algorithms`, which delegate here.
//!
//! Filters repeat for OR within a filter (`category=a&category=b`), so the query string is read
//! as pairs rather than into a struct; [`SearchParams`] only documents it.

use std::sync::Arc;

use actix_web::{HttpResponse, get, web};
use aikatalog_domain::algorithm::ModelType;
use aikatalog_domain::registers::{HOME_SOURCE, Registers};
use aikatalog_domain::{
    AiActClass, DataLevel, EntryKind, InfrastructureLevel, IntegrationLevel, Lifecycle, ModelLevel,
};
use aikatalog_search::{
    Facet, MAX_WINDOW, SearchIndex, SearchRequest, SearchResults, Sort, Suggestion,
};
use serde::{Deserialize, Serialize};

use super::blocking;
use crate::AppState;
use crate::error::{ApiError, bad_parameter as bad, whole_number as number};
use crate::paging::{DEFAULT_LIMIT, MAX_LIMIT};

/// The query string, as repeated `key=value` pairs.
type Pairs = web::Query<Vec<(String, String)>>;

/// What a search accepts. Every filter may repeat; values of one filter are ORed, filters are
/// ANDed.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "documents the parameters; the handler reads them as pairs"
)]
pub struct SearchParams {
    /// Words (all required; any when none has them all), `"phrases"`, `-excluded` words and
    /// `OR` between alternatives, in any language; æ/ø/å may be written ae/oe/aa or a/o. The
    /// field's terms also find entries naming the same topic in other languages, ranked after
    /// the entries in the query's own words (`cross_language` says when only those matched).
    q: Option<String>,
    /// `use_case` or `algorithm` (only on `/search`).
    kind: Option<Vec<String>>,
    /// A category slug, primary or secondary.
    category: Option<Vec<String>>,
    /// A domain slug.
    domain: Option<Vec<String>>,
    /// An organisation code: owner, partner or adopter.
    organisation: Option<Vec<String>>,
    /// A region code (the region of an owner, partner or adopter).
    region: Option<Vec<String>>,
    /// A lifecycle stage: `idea`, `analysis`, `pilot`, `implementation`, `in_operation`,
    /// `stopped`, or `not_stated` for entries whose sources do not say.
    lifecycle: Option<Vec<String>>,
    /// An EU AI Act class: `not_assessed`, `minimal`, `limited`, `high`, `prohibited`.
    ai_act: Option<Vec<String>>,
    /// A model level or algorithm model type: `proprietary`, `general`, `specific`,
    /// `specific_to_hyperlocal`, `hyperlocal`.
    model: Option<Vec<String>>,
    /// A data level of the needs profile.
    data_level: Option<Vec<String>>,
    /// An integration level of the needs profile.
    integration_level: Option<Vec<String>>,
    /// An infrastructure level of the needs profile.
    infrastructure_level: Option<Vec<String>>,
    /// A vendor's organisation code.
    vendor: Option<Vec<String>>,
    /// A technology, as the entry names it.
    technology: Option<Vec<String>>,
    /// `true` or `false`: whether source code is linked.
    has_source_code: Option<Vec<String>>,
    /// The year the project started.
    year: Option<Vec<i32>>,
    /// The register the entry comes from: `ai_kataloget` for this catalogue's own entries, or
    /// `nl_algoritmeregister`, `uk_atrs`, `eurocities`, `us_omb`, `jrc_ai_watch`, `cz_dia`.
    source: Option<Vec<String>>,
    /// The owner's country, an ISO 3166-1 alpha-2 code such as `DK` or `NL`.
    country: Option<Vec<String>>,
    /// The language the entry is written in, an ISO 639-1 code such as `da`, `en`, `nl` or
    /// `cs` (each hit's `lang`).
    lang: Option<Vec<String>>,
    /// Only entries that state at least this percentage (0 to 100) of the facts readers need,
    /// as in their `meta.completeness.percent`.
    #[param(minimum = 0, maximum = 100)]
    complete_min: Option<u8>,
    /// `relevance` (the default with `q`), `newest` (the default without), `title`, or
    /// `completeness` (most complete first, ties by relevance, then newest).
    sort: Option<String>,
    /// How many hits (1 to 100, default 20).
    limit: Option<i64>,
    /// How many hits to skip (default 0; `offset + limit` at most 10,000).
    offset: Option<i64>,
    /// `true` searches the words exactly as typed: a word no entry holds is not read as a near
    /// spelling of one (see `corrected` in the response). Default `false`.
    exact: Option<bool>,
}

fn internal(e: aikatalog_search::SearchError) -> ApiError {
    e.into()
}

/// The wire names a closed facet accepts, or `None` for open ones (slugs, codes, free text).
fn allowed(facet: Facet) -> Option<Vec<&'static str>> {
    fn names<T: Copy>(all: &[T], f: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|v| f(*v)).collect()
    }
    Some(match facet {
        Facet::Kind => names(EntryKind::ALL, EntryKind::as_str),
        Facet::Lifecycle => names(Lifecycle::ALL, Lifecycle::as_str),
        Facet::AiAct => names(AiActClass::ALL, AiActClass::as_str),
        Facet::Model => {
            let mut all = names(ModelLevel::ALL, ModelLevel::as_str);
            all.extend(names(ModelType::ALL, ModelType::as_str));
            all.sort_unstable();
            all.dedup();
            all
        }
        Facet::DataLevel => names(DataLevel::ALL, DataLevel::as_str),
        Facet::IntegrationLevel => names(IntegrationLevel::ALL, IntegrationLevel::as_str),
        Facet::InfrastructureLevel => names(InfrastructureLevel::ALL, InfrastructureLevel::as_str),
        Facet::HasSourceCode => vec!["true", "false"],
        Facet::Source => std::iter::once(HOME_SOURCE)
            .chain(
                Registers::bundled()
                    .registers
                    .iter()
                    .map(|r| r.scheme.as_str()),
            )
            .collect(),
        _ => return None,
    })
}

/// Whether a list request asks for more than a plain page, and so is a search.
pub(crate) fn is_search(pairs: &[(String, String)]) -> bool {
    pairs.iter().any(|(k, _)| k != "limit" && k != "offset")
}

/// Reads a search request from the query string; `kind` fixes the kind for per-kind lists.
fn request(pairs: &[(String, String)], kind: Option<EntryKind>) -> Result<SearchRequest, ApiError> {
    let mut out = SearchRequest {
        kind,
        limit: DEFAULT_LIMIT as usize,
        ..SearchRequest::default()
    };
    for (key, value) in pairs {
        match key.as_str() {
            "q" => out.q = value.clone(),
            "sort" => {
                out.sort = Some(Sort::parse(value).ok_or_else(|| {
                    bad(
                        "sort",
                        format!(
                            "sort must be relevance, newest, title or completeness, got `{value}`"
                        ),
                    )
                })?)
            }
            "complete_min" => {
                out.complete_min = value
                    .parse::<u8>()
                    .ok()
                    .filter(|p| *p <= 100)
                    .ok_or_else(|| {
                        bad(
                            "complete_min",
                            format!(
                                "complete_min must be a whole percentage from 0 to 100, got `{value}`"
                            ),
                        )
                    })?;
            }
            "limit" => {
                let limit = number("limit", value)?;
                if !(1..=MAX_LIMIT).contains(&limit) {
                    return Err(bad(
                        "limit",
                        format!("limit must be between 1 and {MAX_LIMIT}, got {limit}"),
                    ));
                }
                out.limit = limit as usize;
            }
            "offset" => {
                let offset = number("offset", value)?;
                if offset < 0 {
                    return Err(bad(
                        "offset",
                        format!("offset must be 0 or more, got {offset}"),
                    ));
                }
                out.offset = offset as usize;
            }
            "exact" => {
                out.exact = match value.as_str() {
                    "true" => true,
                    "false" => false,
                    _ => {
                        return Err(bad(
                            "exact",
                            format!("exact must be true or false, got `{value}`"),
                        ));
                    }
                }
            }
            "kind" if kind.is_some() => {
                return Err(bad(
                    "kind",
                    "this list holds one kind; use /api/v1/search for both".into(),
                ));
            }
            other => {
                let Some(facet) = Facet::parse(other) else {
                    return Err(bad(other, format!("unknown parameter `{other}`")));
                };
                if let Some(values) = allowed(facet)
                    && !values.contains(&value.as_str())
                {
                    return Err(bad(
                        other,
                        format!(
                            "unknown {other} `{value}`; expected one of {}",
                            values.join(", ")
                        ),
                    ));
                }
                if facet == Facet::Year {
                    number("year", value)?;
                }
                if facet == Facet::Lang
                    && !(value.len() == 2 && value.bytes().all(|b| b.is_ascii_lowercase()))
                {
                    return Err(bad(
                        "lang",
                        format!(
                            "lang must be a two-letter ISO 639-1 code such as `da` or `nl`, got `{value}`"
                        ),
                    ));
                }
                out.filters.add(facet, value.clone());
            }
        }
    }
    if out.offset + out.limit > MAX_WINDOW {
        return Err(bad(
            "offset",
            format!("offset + limit may be at most {MAX_WINDOW}; narrow the search instead"),
        ));
    }
    Ok(out)
}

async fn run(index: Arc<SearchIndex>, request: SearchRequest) -> Result<HttpResponse, ApiError> {
    let results = blocking(move || index.search(&request).map_err(internal)).await?;
    Ok(HttpResponse::Ok().json(results))
}

/// The page of a plain list request (one that [`is_search`] says is not a search).
pub(crate) fn page_query(pairs: &[(String, String)]) -> Result<crate::paging::PageQuery, ApiError> {
    let mut page = crate::paging::PageQuery {
        limit: None,
        offset: None,
    };
    for (key, value) in pairs {
        let n = number(key, value)?;
        match key.as_str() {
            "limit" => page.limit = Some(n),
            _ => page.offset = Some(n),
        }
    }
    Ok(page)
}

/// `GET /use-cases` or `GET /algorithms` with a query or filters.
pub(crate) async fn list_kind(
    state: &AppState,
    kind: EntryKind,
    pairs: &[(String, String)],
) -> Result<HttpResponse, ApiError> {
    run(state.search.clone(), request(pairs, Some(kind))?).await
}

/// Search published use cases and algorithms.
///
/// Every hit is typed (`kind`) and carries the entry's id, title, owner, categories, a
/// relevance score and highlighted snippets (`<mark>…</mark>`, HTML-escaped). `facets` counts
/// every filter's values for the query and the other filters.
#[utoipa::path(
    tag = "search",
    params(SearchParams),
    responses(
        (status = 200, description = "Hits, their total and the facet counts.", body = SearchResults),
        (status = 400, response = crate::openapi::SearchBadRequest),
        (status = 503, response = crate::openapi::SearchTimedOut),
    )
)]
#[get("/search")]
pub async fn search(state: web::Data<AppState>, pairs: Pairs) -> Result<HttpResponse, ApiError> {
    run(state.search.clone(), request(&pairs, None)?).await
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SuggestQuery {
    /// What the person has typed so far.
    q: String,
    /// How many titles (1 to 20, default 8); a few organisations, categories and domains come
    /// after them.
    limit: Option<usize>,
}

/// Completions of what was typed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Suggestions {
    pub items: Vec<Suggestion>,
}

/// Complete titles, organisations, categories and domains as a person types.
#[utoipa::path(
    tag = "search",
    params(SuggestQuery),
    responses(
        (status = 200, description = "Entry titles first, then organisations, categories and domains.", body = Suggestions),
        (status = 400, response = crate::openapi::SearchBadRequest),
    )
)]
#[get("/suggest")]
pub async fn suggest(
    state: web::Data<AppState>,
    query: web::Query<SuggestQuery>,
) -> Result<HttpResponse, ApiError> {
    let SuggestQuery { q, limit } = query.into_inner();
    let limit = limit.unwrap_or(8);
    if !(1..=20).contains(&limit) {
        return Err(bad(
            "limit",
            format!("limit must be between 1 and 20, got {limit}"),
        ));
    }
    let index = state.search.clone();
    let items = blocking(move || index.suggest(&q, limit).map_err(internal)).await?;
    Ok(HttpResponse::Ok().json(Suggestions { items }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SimilarQuery {
    /// How many entries (1 to 50, default 5).
    limit: Option<usize>,
}

/// Entries most like another.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Similar {
    pub items: Vec<aikatalog_search::Hit>,
}

/// `GET /{kind}/{id}/similar`, for the per-kind routes.
pub async fn similar(
    state: &AppState,
    kind: EntryKind,
    key: String,
    query: SimilarQuery,
) -> Result<HttpResponse, ApiError> {
    let limit = query.limit.unwrap_or(5);
    if !(1..=50).contains(&limit) {
        return Err(bad(
            "limit",
            format!("limit must be between 1 and 50, got {limit}"),
        ));
    }
    let index = state.search.clone();
    let what = match kind {
        EntryKind::UseCase => "use case",
        EntryKind::Algorithm => "algorithm",
    };
    let items = blocking(move || {
        index
            .similar(kind, &key, limit)
            .map_err(internal)?
            .ok_or(ApiError::NotFound { what, key })
    })
    .await?;
    Ok(HttpResponse::Ok().json(Similar { items }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn repeated_filters_accumulate_and_bad_values_are_named() {
        let r = request(
            &pairs(&[
                ("q", "chatbot"),
                ("category", "a"),
                ("category", "b"),
                ("year", "2024"),
            ]),
            None,
        )
        .expect("valid");
        assert_eq!(r.filters.get(Facet::Category), ["a", "b"]);
        assert_eq!(r.q, "chatbot");
        let err = request(&pairs(&[("lifecycle", "running")]), None).expect_err("unknown stage");
        assert!(err.to_string().contains("in_operation"), "{err}");
        assert!(request(&pairs(&[("colour", "red")]), None).is_err());
        assert!(
            request(&pairs(&[("exact", "true")]), None)
                .expect("valid")
                .exact
        );
        assert!(request(&pairs(&[("exact", "yes")]), None).is_err());
        let r = request(&pairs(&[("lang", "nl"), ("lang", "cs")]), None).expect("languages");
        assert_eq!(r.filters.get(Facet::Lang), ["nl", "cs"]);
        let err = request(&pairs(&[("lang", "Dutch")]), None).expect_err("not a code");
        assert!(err.to_string().contains("ISO 639-1"), "{err}");
        assert!(request(&pairs(&[("kind", "use_case")]), Some(EntryKind::UseCase)).is_err());
        assert!(request(&pairs(&[("offset", "9999"), ("limit", "2")]), None).is_err());
        assert!(is_search(&pairs(&[("q", "")])));
        assert!(!is_search(&pairs(&[("limit", "5")])));
    }
}
