//! Curators replace reference data only from the version they read, and every version is kept.

use serde_json::{Value, json};

use crate::util::{app, curator, seeded_databases};

const NORDDJURS: &str = "/api/v1/organisations/707";

fn renamed(org: &Value, name: &str) -> Value {
    let mut org = org.clone();
    org["name"] = json!(name);
    org
}

#[actix_web::test]
async fn a_reference_record_is_replaced_only_from_its_current_etag() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let token = curator();
        let read = app.get(NORDDJURS, None).await;
        assert_eq!(read.status, 200);
        let etag = read.etag.clone().expect("a GET carries an ETag");
        let zebra = renamed(&read.body, "Zebradjurs Kommune");

        let blind = app
            .put(NORDDJURS, token.as_deref(), None, zebra.clone())
            .await;
        assert_eq!(blind.status, 428, "{:?}", blind.body);
        let stale = app
            .put(
                NORDDJURS,
                token.as_deref(),
                Some("\"organisation-707-0\""),
                zebra.clone(),
            )
            .await;
        assert_eq!(stale.status, 412, "{:?}", stale.body);

        let first = app
            .put(NORDDJURS, token.as_deref(), Some(&etag), zebra)
            .await;
        assert_eq!(first.status, 200, "{:?}", first.body);
        assert_ne!(first.etag.as_deref(), Some(etag.as_str()));
        // A second curator who read the same version does not overwrite the first.
        let second = app
            .put(
                NORDDJURS,
                token.as_deref(),
                Some(&etag),
                renamed(&read.body, "Okapidjurs Kommune"),
            )
            .await;
        assert_eq!(second.status, 412, "{:?}", second.body);
        assert_eq!(
            app.get(NORDDJURS, None).await.body["name"],
            "Zebradjurs Kommune"
        );

        let new_with_etag = app
            .put(
                "/api/v1/domains/beredskab",
                token.as_deref(),
                Some(&etag),
                json!({"slug": "beredskab", "name_da": "Beredskab", "name_en": "Emergency services"}),
            )
            .await;
        assert_eq!(
            new_with_etag.status, 412,
            "an If-Match on a record that does not exist matches nothing"
        );
        assert!(
            new_with_etag.body["detail"]
                .as_str()
                .is_some_and(|d| d.contains("does not exist")),
            "{:?}",
            new_with_etag.body
        );
        assert!(
            second.body["detail"]
                .as_str()
                .is_some_and(|d| d.contains("organisation has changed")),
            "{:?}",
            second.body
        );
    }
}

#[actix_web::test]
async fn every_version_of_reference_data_is_kept_and_authors_are_shown_to_curators() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let read = app.get(NORDDJURS, None).await;
        let saved = app
            .put(
                NORDDJURS,
                curator().as_deref(),
                read.etag.as_deref(),
                renamed(&read.body, "Zebradjurs Kommune"),
            )
            .await;
        assert_eq!(saved.status, 200, "{:?}", saved.body);

        let history = app
            .get(&format!("{NORDDJURS}/revisions"), curator().as_deref())
            .await;
        assert_eq!(history.status, 200, "{:?}", history.body);
        let items = history.body["items"]
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

        let public = app.get(&format!("{NORDDJURS}/revisions"), None).await;
        assert_eq!(public.status, 200);
        assert!(
            public.body["items"]
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
            let reply = app.get(uri, None).await;
            assert_eq!(reply.status, 200, "{uri}");
            assert_eq!(
                reply.body["items"].as_array().map(Vec::len),
                Some(1),
                "{uri}"
            );
        }
        let domain = app.get("/api/v1/domains/administration", None).await;
        assert_eq!(domain.status, 200);
        assert!(domain.etag.is_some());
        assert_eq!(
            app.get("/api/v1/organisations/999/revisions", None)
                .await
                .status,
            404
        );
    }
}
