//! `GET /statistics`: counts of the public catalogue, checked against known changes to the seed
//! catalogue.

use aikatalog_testing::each_seeded_app;
use aikatalog_testing::tokens::editor;
use chrono::{TimeDelta, Utc};
use serde_json::{Value, json};

use crate::util::{create_use_case, publish_change};

fn count(stats: &Value, list: &str, key: &str) -> i64 {
    stats[list]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["key"] == key))
        .and_then(|i| i["count"].as_i64())
        .unwrap_or_else(|| panic!("{list} has no `{key}`: {stats}"))
}

fn sum(stats: &Value, list: &str) -> i64 {
    stats[list]
        .as_array()
        .map(|items| items.iter().filter_map(|i| i["count"].as_i64()).sum())
        .unwrap_or_default()
}

#[actix_web::test]
async fn the_statistics_count_what_is_published() {
    each_seeded_app(|app| async move {
        let before = app.get("/api/v1/statistics").await;
        assert_eq!(before.status, 200, "{:?}", before.json);
        let before = before.json;
        let use_cases = app.get("/api/v1/use-cases").await.json["total"].as_i64();
        let algorithms = app.get("/api/v1/algorithms").await.json["total"].as_i64();
        assert_eq!(before["published"]["use_cases"].as_i64(), use_cases);
        assert_eq!(before["published"]["algorithms"].as_i64(), algorithms);
        let total = before["published"]["total"].as_i64().unwrap_or_default();
        assert_eq!(Some(total), use_cases.zip(algorithms).map(|(u, a)| u + a));
        // Every seed entry is "not assessed" under the AI Act, names no FRIA and was just
        // published; every list accounts for every entry.
        assert_eq!(count(&before, "by_ai_act_class", "not_assessed"), total);
        assert_eq!(count(&before, "by_ai_act_class", "high"), 0);
        assert_eq!(sum(&before, "by_stage"), total);
        assert_eq!(sum(&before, "by_region"), total);
        assert_eq!(Some(sum(&before, "by_category")), use_cases);
        assert_eq!(before["by_category"].as_array().map(Vec::len), Some(12));
        assert_eq!(before["with_fria"], 0);
        assert_eq!(before["reviews"], json!({"due": 0, "overdue": 0}));

        // Norddjurs' mail sorting becomes high-risk with a FRIA done, and overdue for review.
        let past = (Utc::now().date_naive() - TimeDelta::days(3)).to_string();
        publish_change(
            &app,
            "/api/v1/use-cases/smartmail-norddjurs",
            json!({
                "ai_act": {"class": "high"},
                "assessments": [{"kind": "fria", "status": "done"}],
                "review_on": past,
                "contact": {"name": "AI-teamet", "email": "ai@norddjurs.dk"}
            }),
        )
        .await;
        // A new pilot in Copenhagen (Region Hovedstaden, 1084) is published.
        let created = create_use_case(&app, &editor("101"), "ny-pilot", "101").await;
        let submitted = app
            .post("/api/v1/use-cases/ny-pilot/submit")
            .as_editor("101")
            .if_match(created.etag.as_deref())
            .await;
        assert_eq!(submitted.status, 200, "{:?}", submitted.json);
        let published = app
            .post("/api/v1/use-cases/ny-pilot/publish")
            .as_curator()
            .if_match(submitted.etag.as_deref())
            .await;
        assert_eq!(published.status, 200, "{:?}", published.json);

        let after = app.get("/api/v1/statistics").await.json;
        assert_eq!(after["published"]["total"].as_i64(), Some(total + 1));
        assert_eq!(
            after["published"]["use_cases"].as_i64(),
            use_cases.map(|n| n + 1)
        );
        assert_eq!(count(&after, "by_ai_act_class", "high"), 1);
        assert_eq!(count(&after, "by_ai_act_class", "not_assessed"), total);
        assert_eq!(after["with_fria"], 1);
        assert_eq!(
            after["with_impact_assessment"].as_i64(),
            before["with_impact_assessment"].as_i64().map(|n| n + 1)
        );
        assert_eq!(after["reviews"], json!({"due": 0, "overdue": 1}));
        assert_eq!(
            count(&after, "by_stage", "pilot"),
            count(&before, "by_stage", "pilot") + 1
        );
        assert_eq!(
            count(&after, "by_region", "1084"),
            count(&before, "by_region", "1084") + 1
        );
        assert_eq!(
            count(&after, "by_category", "intelligent-automation"),
            count(&before, "by_category", "intelligent-automation") + 1
        );
        assert_eq!(
            count(&after, "by_region", "1082"),
            count(&before, "by_region", "1082")
        );
    })
    .await;
}
