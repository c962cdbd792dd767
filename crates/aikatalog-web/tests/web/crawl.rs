//! Every page, in both languages: follows every link from the two front pages and checks that
//! each page answers, is well-formed enough for assistive technology (a language, one main
//! heading, labelled landmarks) and that its language switch leads to its twin.

use aikatalog_testing::each_seeded_app;
use std::collections::{BTreeSet, VecDeque};

use crate::util::PageText;

/// Links that leave the pages: the API, its docs, downloads and static files.
fn is_page(href: &str) -> bool {
    href.starts_with('/')
        && !href.starts_with("/api/")
        && !href.starts_with("/docs")
        && !href.starts_with("/static/")
        && !href.contains(".csv")
        && !href.contains(".json")
        && !href.contains('#')
}

/// The accessible names of the page's named sections, asides and navigations: by
/// `aria-labelledby` (the labelling element's text) or `aria-label`.
fn landmark_names(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in body
        .split('<')
        .filter(|t| t.starts_with("section ") || t.starts_with("aside ") || t.starts_with("nav "))
    {
        let tag = tag.split('>').next().unwrap_or_default();
        let attr = |name: &str| {
            tag.split(&format!("{name}=\""))
                .nth(1)
                .and_then(|s| s.split('"').next())
        };
        if let Some(id) = attr("aria-labelledby") {
            let labelled = body
                .split(&format!("id=\"{id}\""))
                .nth(1)
                .and_then(|s| s.split_once('>'))
                .map(|(_, rest)| rest.split("</").next().unwrap_or_default())
                .unwrap_or_default();
            out.push(crate::util::visible_text(labelled));
        } else if let Some(label) = attr("aria-label") {
            out.push(label.to_owned());
        }
    }
    out
}

#[actix_web::test]
async fn every_linked_page_answers_in_both_languages() {
    each_seeded_app(|app| async move {
        let mut seen = BTreeSet::new();
        let mut queue: VecDeque<String> = ["/".to_owned(), "/en/".to_owned()].into();
        // Search pages multiply by filters; visiting a few hundred covers every kind of page.
        while let Some(uri) = queue.pop_front() {
            if !seen.insert(uri.clone()) || seen.len() > 400 {
                continue;
            }
            let page = app.page(&uri).await;
            let english = uri.starts_with("/en/");
            let lang = if english { "en" } else { "da" };
            assert!(
                page.body.contains(&format!("<html lang=\"{lang}\">")),
                "{uri}"
            );
            assert_eq!(
                page.body.matches("<h1").count(),
                1,
                "{uri} has one main heading"
            );
            assert!(page.body.contains("<main id=\"main\""), "{uri}");
            let names = landmark_names(&page.body);
            let mut unique = names.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(
                unique.len(),
                names.len(),
                "{uri} has landmarks of the same name: {names:?}"
            );
            // Every page's footer leads to the pages about the site.
            let footer = &page.body[page.body.find("<footer").unwrap_or(0)..];
            let prefix = if english { "/en" } else { "" };
            let (about, accessibility) = if english {
                ("/about", "/accessibility")
            } else {
                ("/om", "/tilgaengelighed")
            };
            for wanted in [about, accessibility] {
                assert!(
                    footer.contains(&format!("href=\"{prefix}{wanted}\"")),
                    "{uri}'s footer lacks {wanted}"
                );
            }
            let twin = page
                .body
                .split("class=\"lang-switch\" href=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or_default()
                .replace("&amp;", "&");
            assert!(!twin.is_empty(), "{uri} has a language switch");
            assert_eq!(twin.starts_with("/en/"), !english, "{uri}'s switch: {twin}");
            for href in page.links() {
                if is_page(&href) && !seen.contains(&href) {
                    queue.push_back(href);
                }
            }
        }
        eprintln!("visited {} pages", seen.len());
        for expected in [
            "/use-cases/ai-aktindsigt-soenderborg",
            "/en/use-cases/ai-aktindsigt-soenderborg",
            "/kategorier/perception",
            "/en/categories/perception",
            "/kommuner/540",
            "/en/municipalities/540",
            "/algoritmer/kk-gpt-sprogmodel",
            "/en/algorithms/kk-gpt-sprogmodel",
            "/om",
            "/en/about",
            "/tilgaengelighed",
            "/en/accessibility",
            "/api-dokumentation",
            "/en/api-documentation",
        ] {
            assert!(seen.contains(expected), "{expected} was not reached");
        }
    })
    .await;
}
