//! The search page: hits with marked words, facets that combine, sorting, paging.

use aikatalog_testing::each_seeded_app;

use crate::util::{PageText, tags_with};

#[actix_web::test]
async fn searching_marks_the_words_and_offers_facets_with_counts() {
    each_seeded_app(|app| async move {
        let page = app.page("/soeg?q=aktindsigt").await;
        page.shows(&[
            "2 resultater for »aktindsigt«",
            "AI først – nem behandling af aktindsigt",
            "Sønderborg Kommune",
            "Afgræns",
            "Intelligent automatisering (2)",
            "Vidensarbejde (2)",
            "Use case (1)",
            "Algoritme (1)",
        ]);
        assert!(
            page.body.contains("<mark>aktindsigt</mark>"),
            "matched words are marked"
        );
        assert!(
            page.links()
                .contains(&"/use-cases/ai-aktindsigt-soenderborg".to_owned()),
            "the hit links to the use case"
        );
        // Every checkbox has a label, and the query stays in the box.
        for input in tags_with(&page.body, "type=\"checkbox\"") {
            let id = input
                .split("id=\"")
                .nth(1)
                .and_then(|s| s.split('"').next());
            let id = id.expect("a checkbox has an id");
            assert!(
                page.body.contains(&format!("<label for=\"{id}\">")),
                "{id} is labelled"
            );
        }
        assert!(page.body.contains(r#"value="aktindsigt""#));

        let en = app.page("/en/search?q=aktindsigt").await;
        en.shows(&[
            "2 results for »aktindsigt«",
            "Intelligent automation (2)",
            "Knowledge work (2)",
            "Use case (1)",
            "Algorithm (1)",
            "Stage",
        ]);
    })
    .await;
}

#[actix_web::test]
async fn facets_combine_and_live_in_the_url() {
    each_seeded_app(|app| async move {
        let all = app.page("/soeg").await;
        all.shows(&["36 resultater"]);

        // Two values of one facet: either (the seed's two sets do not overlap); a second
        // facet: both.
        let automation = app.page("/soeg?category=intelligent-automation").await;
        automation.shows(&["7 resultater", "Kategori: Intelligent automatisering"]);
        app.page("/soeg?category=perception")
            .await
            .shows(&["4 resultater"]);
        let either = app
            .page("/soeg?category=intelligent-automation&category=perception")
            .await;
        either.shows(&[
            "11 resultater",
            "Kategori: Intelligent automatisering",
            "Kategori: Perception",
        ]);
        let both = app
            .page("/soeg?category=intelligent-automation&category=perception&kind=use_case")
            .await;
        // Four and two with either as primary category, one more with it as secondary.
        both.shows(&["7 resultater", "Type: Use case"]);
        both.does_not_show(&["Algoritme ·"]);
        // (Checkboxes only: the minimum completeness's "any" radio is checked too.)
        let checked: Vec<&str> = tags_with(&both.body, "checked")
            .into_iter()
            .filter(|t| t.contains("checkbox"))
            .collect();
        assert_eq!(
            checked.len(),
            3,
            "the three chosen values stay ticked: {checked:?}"
        );
        // A chip removes its filter and keeps the others.
        assert!(
            both.links()
                .iter()
                .any(|l| l == "/soeg?kind=use_case&category=intelligent-automation")
        );

        let aktindsigt_in_category = app
            .page("/soeg?q=aktindsigt&category=knowledge-work&kind=use_case")
            .await;
        aktindsigt_in_category.shows(&[
            "1 resultat for »aktindsigt«",
            "AI først – nem behandling af aktindsigt",
        ]);

        // Nothing matches: the page says so and keeps the filters removable.
        let none = app.page("/soeg?q=aktindsigt&category=perception").await;
        none.shows(&[
            "0 resultater",
            "Ingen poster passer på søgningen",
            "Fjern alle filtre",
        ]);
    })
    .await;
}

#[actix_web::test]
async fn sorting_and_paging() {
    each_seeded_app(|app| async move {
        let first = app.page("/soeg?sort=title").await;
        first.shows(&["36 resultater", "Næste"]);
        assert!(first.body.contains(r#"<option value="title" selected>"#));
        assert_eq!(first.body.matches("class=\"hit\"").count(), 20);
        let second = app.page("/soeg?sort=title&page=2").await;
        assert_eq!(second.body.matches("class=\"hit\"").count(), 16);
        assert!(second.body.contains(r#"<ol class="hits" start="21">"#));
        second.shows(&["Forrige"]);
        // Titles come in order (ignoring case) across the two pages.
        let titles: Vec<String> = [first, second]
            .iter()
            .flat_map(|p| {
                p.body
                    .split("<li class=\"hit\">")
                    .skip(1)
                    .map(|h| {
                        let title = h.split("<h3 class=\"card-title\">").nth(1).unwrap_or("");
                        crate::util::visible_text(title.split("</h3>").next().unwrap_or(""))
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(titles.len(), 36);
        assert!(titles.iter().any(|t| t.starts_with("AI først")));
    })
    .await;
}

#[actix_web::test]
async fn works_without_javascript_and_escapes_what_was_typed() {
    each_seeded_app(|app| async move {
        let page = app.page("/soeg?q=aktindsigt").await;
        // Filters and sorting are one GET form with its own submit buttons, so ticking boxes
        // and pressing "Anvend filtre" works with scripts off; the script only submits sooner.
        let form = tags_with(&page.body, "form class=\"search-form\"");
        assert_eq!(form.len(), 1);
        assert!(form[0].contains("action=\"/soeg\"") && form[0].contains("method=\"get\""));
        assert!(
            page.body
                .contains("<button type=\"submit\" class=\"apply\">Anvend filtre</button>")
        );
        assert!(
            page.body
                .contains("<button type=\"submit\" class=\"secondary\">Sortér</button>")
        );

        let hostile = app
            .page("/soeg?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
            .await;
        assert!(
            !hostile.body.contains("<script>alert"),
            "the query is escaped"
        );
        hostile.shows(&["»<script>alert(1)</script>«"]);
    })
    .await;
}

#[actix_web::test]
async fn completeness_filters_and_sorts_without_javascript() {
    each_seeded_app(|app| async move {
        // The page keeps the entries the API keeps for the same minimum.
        let api = app.get("/api/v1/search?complete_min=50&limit=1").await;
        let total = api.json["total"].as_u64().expect("a total");
        let page = app.page("/soeg?complete_min=50").await;
        page.shows(&[
            &format!("{total} resultat"),
            "Oplysninger udfyldt",
            "Udfyldt mindst 50 %",
            "Mest udfyldte først",
        ]);
        assert!(
            page.body
                .contains(r#"name="complete_min" value="50" checked"#),
            "the chosen minimum stays chosen"
        );
        // Its chip removes the minimum.
        assert!(page.links().iter().any(|l| l == "/soeg"));

        let sorted = app.page("/soeg?sort=completeness").await;
        assert!(
            sorted
                .body
                .contains(r#"<option value="completeness" selected>"#)
        );
        let percents: Vec<u32> = sorted
            .body
            .split("<p class=\"card-kind\">")
            .skip(1)
            .filter_map(|h| {
                let line = h.split("</p>").next()?;
                let (before, _) = line.rsplit_once(" % udfyldt")?;
                before.rsplit(' ').next()?.parse().ok()
            })
            .collect();
        assert_eq!(percents.len(), 20, "every hit shows its completeness");
        assert!(percents.windows(2).all(|w| w[0] >= w[1]), "{percents:?}");

        let en = app
            .page("/en/search?complete_min=100&sort=completeness")
            .await;
        en.shows(&[
            "Information filled in",
            "Everything filled in",
            "Filled in at least 100 %",
            "Most complete first",
        ]);
    })
    .await;
}

#[actix_web::test]
async fn not_stated_is_offered_and_filtered_as_a_stage_of_its_own() {
    each_seeded_app(|app| async move {
        let api = app.get("/api/v1/search?lifecycle=not_stated&limit=1").await;
        let total = api.json["total"].as_u64().expect("a total");
        assert!(total > 0);
        app.page("/soeg")
            .await
            .shows(&[&format!("Ikke oplyst ({total})")]);
        app.page("/en/search")
            .await
            .shows(&[&format!("Not stated ({total})")]);
        let filtered = app.page("/soeg?lifecycle=not_stated").await;
        filtered.shows(&[&format!("{total} resultat"), "Fase: Ikke oplyst"]);
        assert!(
            filtered
                .body
                .contains(r#"name="lifecycle" value="not_stated" checked"#)
        );
    })
    .await;
}

#[actix_web::test]
async fn an_over_limit_query_is_explained_on_the_search_page_and_refused_by_exports() {
    each_seeded_app(|app| async move {
        let many = vec!["ai"; 33].join("+OR+");
        let long = "a".repeat(501);
        for (uri, wanted) in [
            (
                format!("/soeg?q={many}"),
                "Søgningen har 33 ord; der må højst være 32.",
            ),
            (
                format!("/en/search?q={many}"),
                "The search has 33 words; at most 32 are allowed.",
            ),
            (
                format!("/soeg?q={long}"),
                "Søgningen har 501 tegn; der må højst være 500.",
            ),
        ] {
            let page = app.get(&uri).await;
            assert_eq!(page.status, 400, "{uri}");
            assert!(page.content_type().starts_with("text/html"), "{uri}");
            page.shows(&[wanted]);
            // The search form is still there, with what was typed, to shorten it.
            assert!(page.body.contains("id=\"q\""), "{uri}");
        }
        for uri in [
            format!("/soeg.csv?q={many}"),
            format!("/soeg.json?q={many}"),
            format!("/en/search.csv?q={long}"),
        ] {
            let reply = app.get(&uri).await;
            assert_eq!(reply.status, 400, "{uri}");
            assert!(!reply.body.contains("ai,"), "{uri}: no rows");
        }
        // 32 words are allowed.
        let page = app
            .page(&format!("/soeg?q={}", vec!["ai"; 32].join("+OR+")))
            .await;
        assert!(!page.body.contains("role=\"alert\""));
    })
    .await;
}

#[actix_web::test]
async fn the_entries_language_is_a_facet_named_in_the_pages_language() {
    each_seeded_app(|app| async move {
        let page = app.page("/soeg?q=aktindsigt").await;
        page.shows(&["Sprog", "dansk (2)"]);
        let en = app.page("/en/search?q=aktindsigt").await;
        en.shows(&["Language", "Danish (2)"]);
        // A chosen language nobody writes in still shows, with 0, so it can be unchosen.
        let dutch = app.page("/soeg?q=aktindsigt&lang=nl").await;
        dutch.shows(&["nederlandsk (0)"]);
    })
    .await;
}
