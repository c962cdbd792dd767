//! `GET /statistics`: the transparency statistics of the public catalogue, what the Dutch
//! algorithm register publishes about itself: published entries by AI Act class, stage, primary
//! category and the owner's region, reviews due and overdue, and entries with a FRIA or another
//! impact assessment done. Counted from the database on each request.

use actix_web::{HttpResponse, get, web};
use aikatalog_storage::models::statistics as counts;
use chrono::NaiveDate;
use serde::Serialize;

use super::blocking;
use crate::AppState;
use crate::error::ApiError;

/// The counts of the public catalogue. Every list names every value (with 0 where no entry has
/// it), in the scale's or the reference data's order.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Statistics {
    /// The day the review counts apply to.
    pub as_of: NaiveDate,
    pub published: PublishedCounts,
    /// Published entries (both kinds) by AI Act class (`AiActClass` values).
    pub by_ai_act_class: Vec<Count>,
    /// Published entries (both kinds) by stage (`Lifecycle` values).
    pub by_stage: Vec<Count>,
    /// Published use cases by primary category (category slugs).
    pub by_category: Vec<Count>,
    /// Published entries by the owner's region (region codes; `none` for owners in no region,
    /// such as national bodies and vendors).
    pub by_region: Vec<Count>,
    pub reviews: ReviewCounts,
    /// Published entries with a fundamental-rights impact assessment (FRIA, AI Act art. 27)
    /// done.
    pub with_fria: i64,
    /// Published entries with any impact assessment (DPIA, FRIA, …) done.
    pub with_impact_assessment: i64,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PublishedCounts {
    pub total: i64,
    pub use_cases: i64,
    pub algorithms: i64,
}

/// Published entries whose review date is near or past.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReviewCounts {
    /// The review date is within the notice period.
    pub due: i64,
    /// The review date has passed.
    pub overdue: i64,
}

/// How many entries have one value.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Count {
    pub key: String,
    pub count: i64,
}

impl From<counts::Statistics> for Statistics {
    fn from(s: counts::Statistics) -> Self {
        Self {
            as_of: NaiveDate::MIN,
            published: PublishedCounts {
                total: s.use_cases + s.algorithms,
                use_cases: s.use_cases,
                algorithms: s.algorithms,
            },
            by_ai_act_class: s
                .by_ai_act_class
                .into_iter()
                .map(|(c, count)| Count {
                    key: c.as_str().to_owned(),
                    count,
                })
                .collect(),
            by_stage: s
                .by_stage
                .into_iter()
                .map(|(l, count)| Count {
                    key: l.as_str().to_owned(),
                    count,
                })
                .collect(),
            by_category: s
                .by_category
                .into_iter()
                .map(|(key, count)| Count { key, count })
                .collect(),
            by_region: s
                .by_region
                .into_iter()
                .map(|(r, count)| Count {
                    key: r.unwrap_or_else(|| "none".to_owned()),
                    count,
                })
                .collect(),
            reviews: ReviewCounts {
                due: s.reviews_due,
                overdue: s.reviews_overdue,
            },
            with_fria: s.with_fria,
            with_impact_assessment: s.with_impact_assessment,
        }
    }
}

/// Counts of the public catalogue.
#[utoipa::path(
    tag = "statistics",
    responses(
        (status = 200, description = "The counts of the published entries.", body = Statistics),
    )
)]
#[get("/statistics")]
pub async fn get_statistics(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let db = state.db.clone();
    let policy = state.reviews;
    let today = chrono::Utc::now().date_naive();
    let counts = blocking(move || Ok(db.read_with(|c| counts::count(c, &policy, today))?)).await?;
    let mut body = Statistics::from(counts);
    body.as_of = today;
    Ok(HttpResponse::Ok().json(body))
}
