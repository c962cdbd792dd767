//! Search routes: `/search`, the query form of the entry lists, `/suggest` and `/similar`.

use aikatalog_testing::each_seeded_app;

#[actix_web::test]
async fn search_returns_typed_hits_with_marks_totals_and_facets() {
    each_seeded_app(|app| async move {
        let found = app.get("/api/v1/search?q=aeldrepleje").await;
        assert_eq!(found.status, 200, "{:?}", found.json);
        let first = &found.json["items"][0];
        assert_eq!(first["slug"], "aeldrepleje-signaturprojekt");
        assert_eq!(first["kind"], "use_case");
        assert!(
            first["highlights"]["title"]
                .as_str()
                .unwrap_or("")
                .contains("<mark>")
        );
        assert!(found.json["total"].as_u64().unwrap_or(0) >= 1);
        assert!(found.json["facets"]["category"].is_array());
        assert_eq!(found.json["match"], "all_words");

        // Repeated filters are ORed; the per-kind list delegates to search with the kind fixed.
        let filtered = app
            .get(
                "/api/v1/use-cases?category=conversational-interfaces&category=perception&lifecycle=pilot",
            )
            .await;
        assert_eq!(filtered.status, 200, "{:?}", filtered.json);
        let items = filtered.json["items"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(!items.is_empty());
        assert!(items.iter().all(|h| h["kind"] == "use_case"));
        let algorithms = app.get("/api/v1/algorithms?q=talegenkendelse").await;
        assert_eq!(algorithms.json["items"][0]["slug"], "talt-talegenkendelse");

        // A plain page stays a page of documents.
        let page = app.get("/api/v1/use-cases?limit=2").await;
        assert!(page.json["items"][0]["summary"].is_string());
    })
    .await;
}

#[actix_web::test]
async fn hits_say_their_language_and_lang_filters_and_counts() {
    each_seeded_app(|app| async move {
        let found = app.get("/api/v1/search?q=chatbot").await;
        assert_eq!(found.status, 200, "{:?}", found.json);
        assert_eq!(found.json["items"][0]["lang"], "da");
        assert_eq!(found.json["cross_language"], false);
        let total = found.json["total"].as_u64().unwrap_or(0);
        assert!(total > 0);
        let langs = found.json["facets"]["lang"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(langs.len(), 1, "{langs:?}");
        assert_eq!(langs[0]["value"], "da");
        assert_eq!(langs[0]["label"], "dansk");
        assert_eq!(langs[0]["count"].as_u64(), Some(total));

        // The seed data is all Danish: filtering by another language leaves nothing, and the
        // per-kind lists take the filter too.
        let dutch = app.get("/api/v1/use-cases?q=chatbot&lang=nl").await;
        assert_eq!(dutch.status, 200, "{:?}", dutch.json);
        assert_eq!(dutch.json["total"], 0);
        let either = app.get("/api/v1/algorithms?lang=nl&lang=da").await;
        assert_eq!(either.status, 200, "{:?}", either.json);
        assert!(either.json["total"].as_u64().unwrap_or(0) > 0);
    })
    .await;
}

#[actix_web::test]
async fn bad_search_parameters_are_problems_that_name_the_parameter() {
    each_seeded_app(|app| async move {
        for (uri, parameter) in [
            ("/api/v1/search?lifecycle=running", "lifecycle"),
            ("/api/v1/search?sort=best", "sort"),
            ("/api/v1/search?limit=0", "limit"),
            ("/api/v1/search?colour=red", "colour"),
            ("/api/v1/use-cases?q=x&kind=algorithm", "kind"),
            ("/api/v1/search?offset=10000", "offset"),
            ("/api/v1/search?lang=Danish", "lang"),
        ] {
            let reply = app.get(uri).await;
            assert_eq!(reply.status, 400, "{uri}");
            assert_eq!(reply.code(), "invalid_parameter", "{uri}");
            assert_eq!(reply.json["parameter"], parameter, "{uri}");
        }
    })
    .await;
}

#[actix_web::test]
async fn suggestions_and_similar_entries() {
    each_seeded_app(|app| async move {
        let s = app.get("/api/v1/suggest?q=mailsor").await;
        assert_eq!(s.status, 200);
        assert_eq!(s.json["items"][0]["key"], "smartmail-norddjurs");

        let similar = app
            .get("/api/v1/use-cases/berthagpt-vejle/similar?limit=3")
            .await;
        assert_eq!(similar.status, 200, "{:?}", similar.json);
        let slugs: Vec<&str> = similar.json["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|h| h["slug"].as_str())
            .collect();
        assert!(slugs.contains(&"gladgpt-gladsaxe"), "{slugs:?}");
        assert!(!slugs.contains(&"berthagpt-vejle"));
        let algorithm = app.get("/api/v1/algorithms/gladgpt-chatbot/similar").await;
        assert_eq!(algorithm.status, 200);
        let missing = app.get("/api/v1/use-cases/no-such-thing/similar").await;
        assert_eq!(missing.status, 404);
    })
    .await;
}

#[actix_web::test]
async fn completeness_filters_and_sorts_as_each_entry_reports_it() {
    each_seeded_app(|app| async move {
        // Every published use case's own percentage, from its page.
        let page = app.get("/api/v1/use-cases?limit=100").await;
        assert_eq!(page.status, 200, "{:?}", page.json);
        let mut percent = std::collections::BTreeMap::new();
        for item in page.json["items"].as_array().into_iter().flatten() {
            let slug = item["slug"].as_str().unwrap_or_default().to_owned();
            let one = app.get(&format!("/api/v1/use-cases/{slug}")).await;
            let p = one.json["meta"]["completeness"]["percent"]
                .as_u64()
                .expect("meta.completeness.percent");
            percent.insert(slug, p);
        }
        let levels: std::collections::BTreeSet<u64> = percent.values().copied().collect();
        let minimum = *levels.iter().nth(levels.len() / 2).expect("levels");

        let found = app
            .get(&format!(
                "/api/v1/use-cases?complete_min={minimum}&limit=100"
            ))
            .await;
        assert_eq!(found.status, 200, "{:?}", found.json);
        let mut got: Vec<String> = Vec::new();
        for hit in found.json["items"].as_array().into_iter().flatten() {
            let slug = hit["slug"].as_str().unwrap_or_default().to_owned();
            assert_eq!(hit["completeness"].as_u64(), Some(percent[&slug]), "{slug}");
            got.push(slug);
        }
        got.sort();
        let expected: Vec<String> = percent
            .iter()
            .filter(|(_, p)| **p >= minimum)
            .map(|(s, _)| s.clone())
            .collect();
        assert!(!expected.is_empty() && expected.len() < percent.len());
        assert_eq!(got, expected);

        let sorted = app.get("/api/v1/search?sort=completeness&limit=100").await;
        assert_eq!(sorted.status, 200, "{:?}", sorted.json);
        assert_eq!(sorted.json["sort"], "completeness");
        let order: Vec<u64> = sorted.json["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|h| h["completeness"].as_u64())
            .collect();
        assert!(order.len() > 1);
        assert!(order.windows(2).all(|w| w[0] >= w[1]), "{order:?}");

        for uri in [
            "/api/v1/search?complete_min=101",
            "/api/v1/search?complete_min=-1",
            "/api/v1/search?complete_min=half",
            "/api/v1/algorithms?complete_min=50.5",
        ] {
            let reply = app.get(uri).await;
            assert_eq!(reply.status, 400, "{uri}");
            assert_eq!(reply.json["parameter"], "complete_min", "{uri}");
        }
    })
    .await;
}

#[actix_web::test]
async fn not_stated_is_a_lifecycle_value_of_its_own() {
    each_seeded_app(|app| async move {
        let all = app.get("/api/v1/search?limit=1").await;
        let lifecycle = all.json["facets"]["lifecycle"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let not_stated = lifecycle
            .iter()
            .find(|c| c["value"] == "not_stated")
            .expect("a not_stated count");
        assert_eq!(not_stated["label"], "Ikke oplyst");
        let count = not_stated["count"].as_u64().unwrap_or(0);
        assert!(count > 0);

        let filtered = app
            .get("/api/v1/search?lifecycle=not_stated&limit=100")
            .await;
        assert_eq!(filtered.status, 200, "{:?}", filtered.json);
        assert_eq!(filtered.json["total"].as_u64(), Some(count));
        let items = filtered.json["items"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(items.iter().all(|h| h["lifecycle"] == "not_stated"));
    })
    .await;
}

/// The hostile query of issue 16: misspelt compounds `OR`ed together (400 of them are 9 KB),
/// written for a query string.
fn misspelt_compounds(n: usize) -> String {
    (0..n)
        .map(|i| format!("borgerbetjenning{i}"))
        .collect::<Vec<_>>()
        .join("+OR+")
}

#[actix_web::test]
async fn queries_over_the_limits_are_problems_that_state_the_limit() {
    each_seeded_app(|app| async move {
        // Before the limits the hostile query was answered 200, after seconds of work.
        let hostile = misspelt_compounds(400);
        let many_words = vec!["ai"; 33].join("+OR+");
        let many_parts = vec!["ai"; 25].join("+");
        for route in ["/api/v1/search", "/api/v1/use-cases", "/api/v1/algorithms"] {
            for (q, code, detail) in [
                (
                    hostile.as_str(),
                    "query_too_long",
                    format!(
                        "the query has {} characters; at most 500 are allowed",
                        hostile.len()
                    ),
                ),
                (
                    many_words.as_str(),
                    "query_too_complex",
                    "the query has 33 words; at most 32 are allowed".to_owned(),
                ),
                (
                    many_parts.as_str(),
                    "query_too_complex",
                    "the query has 25 parts (words, phrases, OR groups and exclusions); at most 24 are allowed"
                        .to_owned(),
                ),
            ] {
                let uri = format!("{route}?q={q}");
                let reply = app.get(&uri).await;
                assert_eq!(reply.status, 400, "{uri}: {:?}", reply.json);
                assert_eq!(reply.code(), code, "{uri}");
                assert_eq!(reply.json["parameter"], "q", "{uri}");
                assert_eq!(reply.json["detail"], detail.as_str(), "{uri}");
                assert!(
                    reply.content_type().starts_with("application/problem+json"),
                    "{uri}"
                );
            }
        }
        let suggest = app.get(&format!("/api/v1/suggest?q={many_words}")).await;
        assert_eq!(suggest.status, 400, "{:?}", suggest.json);
        assert_eq!(suggest.code(), "query_too_complex");
    })
    .await;
}

#[actix_web::test]
async fn a_query_just_under_the_limits_is_answered() {
    each_seeded_app(|app| async move {
        // 32 words in 24 parts: a misspelt compound, 22 more words and 9 alternatives.
        let mut q = vec!["borgerbetjenning"; 1];
        q.extend(vec!["borger"; 22]);
        let q = format!("{}+{}", q.join("+"), ["ai"; 9].join("+OR+"));
        for route in ["/api/v1/search", "/api/v1/use-cases"] {
            let reply = app.get(&format!("{route}?q={q}")).await;
            assert_eq!(reply.status, 200, "{route}: {:?}", reply.json);
            assert!(reply.json["total"].as_u64().unwrap_or(0) > 0, "{route}");
        }
        // 32 `OR`ed words, the most allowed.
        let short = (0..32)
            .map(|i| format!("bo{i}"))
            .collect::<Vec<_>>()
            .join("+OR+");
        let reply = app.get(&format!("/api/v1/search?q={short}")).await;
        assert_eq!(reply.status, 200, "{:?}", reply.json);
    })
    .await;
}
