//! Review dates as the reminders and the work lists see them: stated in the document, else the
//! publication date plus the configured months.

use aikatalog_domain::{ReviewPolicy, ReviewState, UseCase};
use aikatalog_storage::models::reviews::{self, DueFilter};
use aikatalog_storage::schema::entries;
use aikatalog_testing::each_seeded;
use chrono::{Months, NaiveDate, TimeDelta, Utc};
use diesel::prelude::*;
use serde_json::json;

use crate::util::publish;

/// Moves an entry's publication back to `on`, as if it had been published then.
fn published_on(db: &aikatalog_storage::Database, id: &str, on: NaiveDate) {
    db.write(|c| {
        diesel::update(entries::table.find(id))
            .set(entries::published_at.eq(on.and_hms_opt(13, 0, 0)))
            .execute(c)
    })
    .expect("backdate");
}

fn listed(
    db: &aikatalog_storage::Database,
    today: NaiveDate,
) -> Vec<(String, NaiveDate, bool, ReviewState)> {
    db.read(|c| reviews::list_due(c, &ReviewPolicy::default(), &DueFilter::default(), today))
        .expect("read")
        .into_iter()
        .map(|d| (d.entry.slug, d.review_on, d.stated, d.state))
        .collect()
}

#[actix_web::test]
async fn an_entry_without_a_stated_date_is_due_its_publication_plus_twelve_months() {
    each_seeded(|db| async move {
        let today = Utc::now().date_naive();
        assert_eq!(listed(&db.db, today), [], "the seeds were published today");
        let twelve = Months::new(12);
        let old = publish::<UseCase>(&db.db, "smartmail-norddjurs", json!({}));
        let recent = publish::<UseCase>(&db.db, "ai-aktindsigt-soenderborg", json!({}));
        let fresh = publish::<UseCase>(&db.db, "kommunegpt", json!({}));
        let old_on = today - twelve - TimeDelta::days(3);
        let recent_on = today - twelve + TimeDelta::days(5);
        published_on(&db.db, &old, old_on);
        published_on(&db.db, &recent, recent_on);
        published_on(&db.db, &fresh, today - Months::new(10));
        assert_eq!(
            listed(&db.db, today),
            [
                (
                    "smartmail-norddjurs".to_owned(),
                    old_on + twelve,
                    false,
                    ReviewState::Overdue
                ),
                (
                    "ai-aktindsigt-soenderborg".to_owned(),
                    recent_on + twelve,
                    false,
                    ReviewState::Due
                ),
            ]
        );
        // A stated date wins over the default, either way.
        let later = today + TimeDelta::days(200);
        publish::<UseCase>(
            &db.db,
            "smartmail-norddjurs",
            json!({"review_on": later.to_string()}),
        );
        published_on(&db.db, &old, old_on);
        let slugs: Vec<String> = listed(&db.db, today).into_iter().map(|d| d.0).collect();
        assert_eq!(slugs, ["ai-aktindsigt-soenderborg"]);
    })
    .await;
}
