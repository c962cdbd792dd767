//! The twelve categories as KL/KOMBIT's matrix, and a page per category.

use aikatalog_testing::each_seeded_app;

use crate::util::PageText;

#[actix_web::test]
async fn the_matrix_and_a_category_in_both_languages() {
    each_seeded_app(|app| async move {
        let matrix = app.page("/kategorier").await;
        matrix.shows(&[
            "De tolv AI-kategorier",
            "# Kategori Forretning og risiko Model Data Integrationer Infrastruktur Use cases",
            "1 Perception objektdetektering, objektgenkendelse, objektanalyse Få enkeltstående use cases Hyperlokal Mange specifikke data Flere integrationer Realtids-compute",
            "6 Beslutningsintelligens",
            "Lovlighed Specifik > hyperlokal Specifikke data Integreret del af andre systemer Baggrundsproces",
        ]);
        assert_eq!(matrix.body.matches("<th scope=\"row\">").count(), 12);

        let en = app.page("/en/categories").await;
        en.shows(&[
            "The twelve AI categories",
            "# Category Business and risk Model Data Integrations Infrastructure Use cases",
            "1 Perception objektdetektering, objektgenkendelse, objektanalyse Few one-off use cases Hyperlocal Much specific data Several integrations Real-time compute",
            "Lawfulness",
        ]);

        let one = app.page("/kategorier/intelligent-automation").await;
        one.shows(&[
            "Kategori 2 / 12",
            "Intelligent automatisering",
            "Intelligent automatisering indebærer brugen af AI og automatiseringsteknologier",
            "Kommunale eksempler",
            "Forudsætninger",
            "Use cases i kategorien (4)",
            "AI først – nem behandling af aktindsigt",
            "Automatisk mailsortering (SmartMail)",
            "Forretning og risiko Mange oplagte use cases",
            "Model Specifik",
        ]);
        assert!(one.links().iter().any(|l| l == "/soeg?category=intelligent-automation"));
        let one_en = app.page("/en/categories/intelligent-automation").await;
        one_en.shows(&[
            "Category 2 / 12",
            "Intelligent automation is the use of AI and automation technologies",
            "Municipal examples",
            "Prerequisites",
            "Use cases in this category (4)",
            "Business and risk Many obvious use cases",
        ]);
        assert_eq!(app.get("/kategorier/findes-ikke").await.status, 404);
    })
    .await;
}
