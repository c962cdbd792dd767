//! `GET /reviews/due`: published entries whose review date is near or past, for their editors
//! and for curators.

use aikatalog_testing::each_seeded_app;
use chrono::{TimeDelta, Utc};
use serde_json::{Value, json};

use crate::util::publish_change;

/// Publishing needs a contact, which the seed entries do not name.
fn contact(email: &str) -> Value {
    json!({"name": "AI-teamet", "email": email})
}

fn listed(body: &Value) -> Vec<(String, String, String)> {
    body["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|i| {
            (
                i["slug"].as_str().unwrap_or_default().to_owned(),
                i["state"].as_str().unwrap_or_default().to_owned(),
                i["review_on"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[actix_web::test]
async fn due_and_overdue_reviews_are_listed_for_the_owner_and_curators() {
    each_seeded_app(|app| async move {
        // The seeds were published just now and state no review date: due in twelve months.
        let none = app.get("/api/v1/reviews/due").as_curator().await;
        assert_eq!(none.status, 200, "{:?}", none.json);
        assert_eq!(none.json["total"], 0, "{:?}", none.json);

        let today = Utc::now().date_naive();
        let past = (today - TimeDelta::days(40)).to_string();
        let soon = (today + TimeDelta::days(10)).to_string();
        publish_change(
            &app,
            "/api/v1/use-cases/smartmail-norddjurs",
            json!({"review_on": past, "contact": contact("ai@norddjurs.dk")}),
        )
        .await;
        publish_change(
            &app,
            "/api/v1/use-cases/ai-aktindsigt-soenderborg",
            json!({"review_on": soon, "contact": contact("ai@sonderborg.dk")}),
        )
        .await;

        let all = app.get("/api/v1/reviews/due").as_curator().await;
        assert_eq!(all.status, 200, "{:?}", all.json);
        assert_eq!(
            listed(&all.json),
            [
                ("smartmail-norddjurs".into(), "overdue".into(), past.clone()),
                (
                    "ai-aktindsigt-soenderborg".into(),
                    "due".into(),
                    soon.clone()
                ),
            ],
            "the earliest date first"
        );
        assert_eq!(all.json["total"], 2);
        assert_eq!(all.json["items"][0]["stated"], true);
        assert_eq!(all.json["items"][0]["kind"], "use_case");
        assert_eq!(all.json["items"][0]["owner"], "707");

        let overdue = app
            .get("/api/v1/reviews/due?state=overdue")
            .as_curator()
            .await;
        assert_eq!(
            listed(&overdue.json),
            [("smartmail-norddjurs".into(), "overdue".into(), past.clone())]
        );
        let due = app.get("/api/v1/reviews/due?state=due").as_curator().await;
        assert_eq!(
            listed(&due.json),
            [(
                "ai-aktindsigt-soenderborg".into(),
                "due".into(),
                soon.clone()
            )]
        );
        let paged = app
            .get("/api/v1/reviews/due?limit=1&offset=1")
            .as_curator()
            .await;
        assert_eq!(paged.json["total"], 2);
        assert_eq!(
            listed(&paged.json),
            [("ai-aktindsigt-soenderborg".into(), "due".into(), soon)]
        );

        // Editors see their own organisation's entries only.
        let norddjurs = app.get("/api/v1/reviews/due").as_editor("707").await;
        assert_eq!(
            listed(&norddjurs.json),
            [("smartmail-norddjurs".into(), "overdue".into(), past)]
        );
        let other = app.get("/api/v1/reviews/due").as_editor("101").await;
        assert_eq!(other.json["total"], 0, "{:?}", other.json);

        // A new published version that states no date is due twelve months after publishing.
        publish_change(
            &app,
            "/api/v1/use-cases/smartmail-norddjurs",
            json!({"review_on": null}),
        )
        .await;
        let after = app.get("/api/v1/reviews/due").as_editor("707").await;
        assert_eq!(after.json["total"], 0, "{:?}", after.json);
    })
    .await;
}

#[actix_web::test]
async fn the_review_list_needs_a_token_and_checks_its_parameters() {
    each_seeded_app(|app| async move {
        let anonymous = app.get("/api/v1/reviews/due").await;
        assert_eq!(
            (anonymous.status.as_u16(), anonymous.code()),
            (401, "unauthenticated")
        );
        let bad = app.get("/api/v1/reviews/due?state=late").as_curator().await;
        assert_eq!(
            (bad.status.as_u16(), bad.code()),
            (400, "invalid_parameter")
        );
        assert_eq!(bad.json["parameter"], "state");
        let limit = app.get("/api/v1/reviews/due?limit=0").as_curator().await;
        assert_eq!(limit.json["parameter"], "limit");
        let unknown = app.get("/api/v1/reviews/due?owner=707").as_curator().await;
        assert_eq!(unknown.status, 400, "{:?}", unknown.json);
    })
    .await;
}
