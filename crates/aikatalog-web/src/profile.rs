//! A needs profile drawn against its category's: one ordinal scale per dimension of KL/KOMBIT's
//! evaluation model (model, data, integration, infrastructure), the category's place as a ring
//! and the use case's as a dot. Each scale keeps its own steps — they are ordinal, so a common
//! 0–100 axis would claim more than the data says — and a table gives the same facts in words.

use aikatalog_domain::{
    DataLevel, InfrastructureLevel, IntegrationLevel, ModelLevel, NeedsProfile,
};
use askama::Template;

use crate::lang::{Label, Lang};

/// One dimension: its name, and where the use case and its category stand on it.
#[derive(Debug, Clone)]
pub struct Row {
    pub dimension: &'static str,
    pub own: &'static str,
    pub category: &'static str,
    pub differs: bool,
    // Drawing: the scale's y, the x of each step, and the two markers.
    pub y: u32,
    pub steps: Vec<u32>,
    pub own_x: u32,
    pub category_x: u32,
    pub lowest: &'static str,
    pub highest: &'static str,
}

#[derive(Template)]
#[template(path = "profile.svg", escape = "html")]
pub struct Chart {
    pub rows: Vec<Row>,
    pub height: u32,
    pub title: String,
    pub description: String,
    pub own_legend: &'static str,
    pub category_legend: String,
}

const LEFT: u32 = 24;
const RIGHT: u32 = 616;
const TOP: u32 = 104;
const ROW_HEIGHT: u32 = 78;

/// The x of step `rank` (1-based) of `steps` along the scale.
fn x_of(rank: u8, steps: usize) -> u32 {
    let span = RIGHT - LEFT;
    let last = steps.saturating_sub(1).max(1) as u32;
    LEFT + span * u32::from(rank.saturating_sub(1)) / last
}

fn row<T: Label + PartialEq>(
    y: u32,
    dimension: &'static str,
    all: &[T],
    rank: fn(T) -> u8,
    own: T,
    category: T,
    lang: Lang,
) -> Row {
    Row {
        dimension,
        own: own.label(lang),
        category: category.label(lang),
        differs: own != category,
        y,
        steps: (1..=all.len() as u8).map(|r| x_of(r, all.len())).collect(),
        own_x: x_of(rank(own), all.len()),
        category_x: x_of(rank(category), all.len()),
        lowest: all.first().map_or("", |v| v.label(lang)),
        highest: all.last().map_or("", |v| v.label(lang)),
    }
}

/// The chart of `own` (the use case's profile) against `category` (its primary category's).
pub fn chart(own: NeedsProfile, category: NeedsProfile, category_name: &str, lang: Lang) -> Chart {
    let t = lang.t();
    let y = |i: u32| TOP + i * ROW_HEIGHT;
    let rows = vec![
        row(
            y(0),
            t.dim_model,
            ModelLevel::ALL,
            ModelLevel::rank,
            own.model,
            category.model,
            lang,
        ),
        row(
            y(1),
            t.dim_data,
            DataLevel::ALL,
            DataLevel::rank,
            own.data,
            category.data,
            lang,
        ),
        row(
            y(2),
            t.dim_integration,
            IntegrationLevel::ALL,
            IntegrationLevel::rank,
            own.integration,
            category.integration,
            lang,
        ),
        row(
            y(3),
            t.dim_infrastructure,
            InfrastructureLevel::ALL,
            InfrastructureLevel::rank,
            own.infrastructure,
            category.infrastructure,
            lang,
        ),
    ];
    let description = rows
        .iter()
        .map(|r| {
            format!(
                "{}: {} ({} {})",
                r.dimension, r.own, t.category_short, r.category
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    Chart {
        height: TOP + 4 * ROW_HEIGHT - 30,
        rows,
        title: t.profile_heading.to_owned(),
        description,
        own_legend: t.profile_own_legend,
        category_legend: format!("{} ({category_name})", t.profile_category_legend),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_span_the_scale() {
        assert_eq!(x_of(1, 3), LEFT);
        assert_eq!(x_of(3, 3), RIGHT);
        assert_eq!(x_of(2, 3), (LEFT + RIGHT) / 2);
    }
}
