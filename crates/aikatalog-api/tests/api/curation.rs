//! Curators replace reference data only from the version they read, and every version is kept.

use aikatalog_testing::each_seeded_app;
use aikatalog_testing::tokens::curator;
use serde_json::{Value, json};

const NORDDJURS: &str = "/api/v1/organisations/707";

fn renamed(org: &Value, name: &str) -> Value {
    let mut org = org.clone();
    org["name"] = json!(name);
    org
}

#[actix_web::test]
async fn a_reference_record_is_replaced_only_from_its_current_etag() {
    each_seeded_app(|app| async move {
        let token = curator();
        let read = app.get(NORDDJURS).await;
        assert_eq!(read.status, 200);
        let etag = read.etag.clone().expect("a GET carries an ETag");
        let zebra = renamed(&read.json, "Zebradjurs Kommune");

        let blind = app.put(NORDDJURS).bearer(&token).json(&zebra).await;
        assert_eq!(blind.status, 428, "{:?}", blind.json);
        let stale = app
            .put(NORDDJURS)
            .bearer(&token)
            .if_match(Some("\"organisation-707-0\""))
            .json(&zebra)
            .await;
        assert_eq!(stale.status, 412, "{:?}", stale.json);

        let first = app
            .put(NORDDJURS)
            .bearer(&token)
            .if_match(etag.as_str())
            .json(&zebra)
            .await;
        assert_eq!(first.status, 200, "{:?}", first.json);
        assert_ne!(first.etag.as_deref(), Some(etag.as_str()));
        // A second curator who read the same version does not overwrite the first.
        let second = app
            .put(NORDDJURS)
            .bearer(&token)
            .if_match(etag.as_str())
            .json(renamed(&read.json, "Okapidjurs Kommune"))
            .await;
        assert_eq!(second.status, 412, "{:?}", second.json);
        assert_eq!(app.get(NORDDJURS).await.json["name"], "Zebradjurs Kommune");

        let new_with_etag = app
            .put("/api/v1/domains/beredskab")
            .bearer(&token)
            .if_match(etag.as_str())
            .json(json!({
                "slug": "beredskab", "name_da": "Beredskab", "name_en": "Emergency services"
            }))
            .await;
        assert_eq!(
            new_with_etag.status, 412,
            "an If-Match on a record that does not exist matches nothing"
        );
        assert!(
            new_with_etag.json["detail"]
                .as_str()
                .is_some_and(|d| d.contains("does not exist")),
            "{:?}",
            new_with_etag.json
        );
        assert!(
            second.json["detail"]
                .as_str()
                .is_some_and(|d| d.contains("organisation has changed")),
            "{:?}",
            second.json
        );
    })
    .await;
}

#[actix_web::test]
async fn every_version_of_reference_data_is_kept_and_authors_are_shown_to_curators() {
    each_seeded_app(|app| async move {
        let read = app.get(NORDDJURS).await;
        let saved = app
            .put(NORDDJURS)
            .as_curator()
            .if_match(read.etag.as_deref())
            .json(renamed(&read.json, "Zebradjurs Kommune"))
            .await;
        assert_eq!(saved.status, 200, "{:?}", saved.json);

        let history = app
            .get(&format!("{NORDDJURS}/revisions"))
            .as_curator()
            .await;
        assert_eq!(history.status, 200, "{:?}", history.json);
        let items = history.json["items"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let names: Vec<&str> = items
            .iter()
            .filter_map(|i| i["document"]["name"].as_str())
            .collect();
        assert_eq!(names, ["Norddjurs Kommune", "Zebradjurs Kommune"]);
        assert_eq!(items[0]["actor"], "import");
        assert!(
            items[1]["actor"]
                .as_str()
                .is_some_and(|a| a.starts_with("curator:")),
            "{:?}",
            items[1]
        );

        // Paged like the other lists (issue 16, defect 10).
        let first = app.get(&format!("{NORDDJURS}/revisions?limit=1")).await;
        assert_eq!(first.json["total"], 2, "{:?}", first.json);
        assert_eq!(
            first.json["items"][0]["document"]["name"],
            "Norddjurs Kommune"
        );
        let next = first.json["next"].as_str().expect("a next link");
        assert_eq!(next, format!("{NORDDJURS}/revisions?limit=1&offset=1"));
        let second = app.get(next).await;
        assert_eq!(
            second.json["items"][0]["document"]["name"],
            "Zebradjurs Kommune"
        );
        assert!(second.json.get("next").is_none(), "{:?}", second.json);
        let refused = app.get(&format!("{NORDDJURS}/revisions?limit=0")).await;
        assert_eq!(refused.status, 400);

        let public = app.get(&format!("{NORDDJURS}/revisions")).await;
        assert_eq!(public.status, 200);
        assert!(
            public.json["items"]
                .as_array()
                .into_iter()
                .flatten()
                .all(|i| i.get("actor").is_none()),
            "the public sees who changed reference data"
        );
        for uri in [
            "/api/v1/categories/perception/revisions",
            "/api/v1/domains/administration/revisions",
        ] {
            let reply = app.get(uri).await;
            assert_eq!(reply.status, 200, "{uri}");
            assert_eq!(
                reply.json["items"].as_array().map(Vec::len),
                Some(1),
                "{uri}"
            );
        }
        let domain = app.get("/api/v1/domains/administration").await;
        assert_eq!(domain.status, 200);
        assert!(domain.etag.is_some());
        assert_eq!(
            app.get("/api/v1/organisations/999/revisions").await.status,
            404
        );
    })
    .await;
}

/// The statuses of `n` PUTs of `uri` sent at once, each with its own body from `body(i)`.
async fn racing_puts(
    app: &aikatalog_testing::TestApp,
    uri: &str,
    if_match: Option<&str>,
    n: usize,
    body: impl Fn(usize) -> Value,
) -> Vec<u16> {
    let puts = (0..n).map(|i| {
        app.put(uri)
            .as_curator()
            .if_match(if_match)
            .json(body(i))
            .send()
    });
    futures_util::future::join_all(puts)
        .await
        .into_iter()
        .map(|r| {
            assert!(
                r.status.is_success() || ["stale_etag", "if_match_required"].contains(&r.code()),
                "{} {:?}",
                r.status,
                r.json
            );
            r.status.as_u16()
        })
        .collect()
}

#[actix_web::test]
async fn of_curators_replacing_the_same_revision_at_once_exactly_one_wins() {
    const SKIVE: &str = "/api/v1/organisations/101";
    const ROUNDS: usize = 6;
    each_seeded_app(|app| async move {
        for round in 0..ROUNDS {
            let read = app.get(SKIVE).await;
            assert_eq!(read.status, 200);
            // Different names, so a second winner would be a lost update, not a no-op.
            let mut statuses = racing_puts(&app, SKIVE, read.etag.as_deref(), 8, |i| {
                renamed(&read.json, &format!("Kommune {round}-{i}"))
            })
            .await;
            statuses.sort_unstable();
            assert_eq!(
                statuses,
                [200, 412, 412, 412, 412, 412, 412, 412],
                "round {round}"
            );
        }
        let history = app.get(&format!("{SKIVE}/revisions")).as_curator().await;
        let versions = history.json["items"].as_array().map_or(0, Vec::len);
        assert_eq!(versions, 1 + ROUNDS, "one new version per round");
    })
    .await;
}

#[actix_web::test]
async fn of_curators_creating_the_same_record_at_once_one_creates_and_the_rest_are_refused() {
    each_seeded_app(|app| async move {
        let template = app.get(NORDDJURS).await.json;
        for round in 0..4 {
            let code = format!("99{round}");
            let uri = format!("/api/v1/organisations/{code}");
            let statuses = racing_puts(&app, &uri, None, 8, |i| {
                let mut org = renamed(&template, &format!("Ny Kommune {i}"));
                org["code"] = json!(code);
                org
            })
            .await;
            // A loser that read no record lost the race (412); one that read the winner's
            // record sent no If-Match for it (428), as it would have one request later.
            assert_eq!(
                statuses.iter().filter(|&&s| s == 201).count(),
                1,
                "{statuses:?}"
            );
            assert!(
                statuses.iter().all(|s| [201, 412, 428].contains(s)),
                "round {round}: {statuses:?}"
            );
            let history = app.get(&format!("{uri}/revisions")).as_curator().await;
            assert_eq!(history.json["items"].as_array().map_or(0, Vec::len), 1);
        }
    })
    .await;
}
