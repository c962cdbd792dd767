//! Paging parameters and the list envelope shared by every list endpoint.

use serde::{Deserialize, Serialize};

use crate::error::ApiError;

pub const DEFAULT_LIMIT: i64 = 20;
pub const MAX_LIMIT: i64 = 100;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    /// How many items (1 to 100, default 20).
    pub limit: Option<i64>,
    /// How many items to skip (default 0).
    pub offset: Option<i64>,
}

impl PageQuery {
    /// The checked (limit, offset).
    pub fn bounds(&self) -> Result<(i64, i64), ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ApiError::BadParameter {
                parameter: "limit".into(),
                message: format!("limit must be between 1 and {MAX_LIMIT}, got {limit}"),
            });
        }
        let offset = self.offset.unwrap_or(0);
        if offset < 0 {
            return Err(ApiError::BadParameter {
                parameter: "offset".into(),
                message: format!("offset must be 0 or more, got {offset}"),
            });
        }
        Ok((limit, offset))
    }
}

/// A page of results.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

/// A complete, unpaged list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct List<T> {
    pub items: Vec<T>,
    pub total: usize,
}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        let total = items.len();
        Self { items, total }
    }
}

/// The body of a list endpoint that searches when given `q` or a filter: a [`Page`] of
/// documents, or the search's hits. Documented as `anyOf`, not `oneOf`: an empty search result
/// has every field a page has, so it matches both (issue 16, defect 7).
fn page_or_hits<T: utoipa::ToSchema>() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    use utoipa::openapi::schema::AnyOfBuilder;
    use utoipa::openapi::{Ref, RefOr};
    RefOr::T(
        AnyOfBuilder::new()
            .item(<Page<T> as utoipa::PartialSchema>::schema())
            .item(Ref::from_schema_name(
                <aikatalog_search::SearchResults as utoipa::ToSchema>::name(),
            ))
            .description(Some(
                "Without `q` or a filter, a page of documents; with either, search hits \
                 (`SearchResults`) of this kind.",
            ))
            .into(),
    )
}

type Schemas = Vec<(
    String,
    utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
)>;

fn page_or_hits_schemas<T: utoipa::ToSchema>(out: &mut Schemas) {
    out.push((
        T::name().into_owned(),
        <T as utoipa::PartialSchema>::schema(),
    ));
    T::schemas(out);
    out.push((
        <aikatalog_search::SearchResults as utoipa::ToSchema>::name().into_owned(),
        <aikatalog_search::SearchResults as utoipa::PartialSchema>::schema(),
    ));
    <aikatalog_search::SearchResults as utoipa::ToSchema>::schemas(out);
}

/// [`page_or_hits`] of use cases, for `GET /use-cases`.
pub struct UseCasesOrHits;
/// [`page_or_hits`] of algorithms, for `GET /algorithms`.
pub struct AlgorithmsOrHits;

impl utoipa::PartialSchema for UseCasesOrHits {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        page_or_hits::<aikatalog_domain::UseCase>()
    }
}

impl utoipa::ToSchema for UseCasesOrHits {
    fn schemas(out: &mut Schemas) {
        page_or_hits_schemas::<aikatalog_domain::UseCase>(out);
    }
}

impl utoipa::PartialSchema for AlgorithmsOrHits {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        page_or_hits::<aikatalog_domain::Algorithm>()
    }
}

impl utoipa::ToSchema for AlgorithmsOrHits {
    fn schemas(out: &mut Schemas) {
        page_or_hits_schemas::<aikatalog_domain::Algorithm>(out);
    }
}
