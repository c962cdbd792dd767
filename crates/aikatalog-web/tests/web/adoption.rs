//! "Vi bruger den også": an editor of another organisation declares on the entry's page that
//! their organisation uses it, sees it listed, and may withdraw it; nobody else gets the form.

use aikatalog_testing::{TestApp, each_seeded};

use crate::account::{dev_login, location, sign_in};
use crate::util::PageText;

const PAGE: &str = "/use-cases/smartmail-norddjurs";
const ADOPT: &str = "/use-cases/smartmail-norddjurs/vi-bruger-den";

#[actix_web::test]
async fn an_editor_of_another_organisation_records_and_withdraws_reuse() {
    each_seeded(|db| async move {
        let app = TestApp::with_account(&db, dev_login()).await;
        let anonymous = app.page(PAGE).await;
        assert!(!anonymous.body.contains(ADOPT), "no form for the public");
        let (owner, _) = sign_in(&app, "editor", "707", "").await;
        let own = app.get(PAGE).cookies(&[&owner.session]).await;
        assert!(
            !own.body.contains(ADOPT),
            "no form on the owner's own entry"
        );
        let (curator, _) = sign_in(&app, "curator", "", "").await;
        assert!(
            !app.get(PAGE)
                .cookies(&[&curator.session])
                .await
                .body
                .contains(ADOPT)
        );

        let (editor, _) = sign_in(&app, "editor", "540", "").await;
        let page = app.get(PAGE).cookies(&[&editor.session]).await;
        page.shows(&["Bruger Sønderborg Kommune den?", "Vi bruger den også"]);
        assert!(page.body.contains(&format!("action=\"{ADOPT}\"")));

        let adopted = app
            .post(ADOPT)
            .cookies(&[&editor.session])
            .form(&[
                ("csrf", &editor.csrf),
                ("action", "adopt"),
                ("note", "Vi sorterer borgerpost med den."),
            ])
            .await;
        assert_eq!(adopted.status, 303, "{}", adopted.body);
        assert_eq!(
            location(&adopted),
            "/use-cases/smartmail-norddjurs#orgs-heading"
        );
        let after = app.get(PAGE).cookies(&[&editor.session]).await;
        after.shows(&[
            "Sønderborg Kommune står som bruger siden",
            "Vi sorterer borgerpost med den.",
            "Vi bruger den ikke længere",
        ]);
        // The public page lists Sønderborg among the adopters too.
        let public = app.page(PAGE).await;
        public.shows(&["Sønderborg Kommune", "Vi sorterer borgerpost med den."]);

        let withdrawn = app
            .post(ADOPT)
            .cookies(&[&editor.session])
            .form(&[("csrf", &editor.csrf), ("action", "withdraw")])
            .await;
        assert_eq!(withdrawn.status, 303, "{}", withdrawn.body);
        let gone = app.page(PAGE).await;
        gone.does_not_show(&["Vi sorterer borgerpost med den."]);
        let again = app.get(PAGE).cookies(&[&editor.session]).await;
        again.does_not_show(&["står som bruger siden"]);
    })
    .await;
}

#[actix_web::test]
async fn reuse_is_refused_without_csrf_on_ones_own_entry_and_for_drafts() {
    each_seeded(|db| async move {
        let app = TestApp::with_account(&db, dev_login()).await;
        let (editor, _) = sign_in(&app, "editor", "540", "").await;
        let forged = app
            .post(ADOPT)
            .cookies(&[&editor.session])
            .form(&[("action", "adopt")])
            .await;
        assert_eq!(forged.status, 403, "{}", forged.body);
        let signed_out = app.post(ADOPT).form(&[("action", "adopt")]).await;
        assert_eq!(signed_out.status, 303, "{}", signed_out.body);
        assert!(
            location(&signed_out).starts_with("/log-ind?"),
            "signed out: sent to sign in, nothing recorded"
        );
        app.page(PAGE)
            .await
            .does_not_show(&["Sønderborg Kommune (siden"]);

        let (owner, _) = sign_in(&app, "editor", "707", "").await;
        let own = app
            .post(ADOPT)
            .cookies(&[&owner.session])
            .form(&[("csrf", &owner.csrf), ("action", "adopt")])
            .await;
        assert_eq!(own.status, 409, "{}", own.body);
        own.shows(&["Jeres organisation ejer selv denne side"]);

        let bad_note = app
            .post("/en/use-cases/smartmail-norddjurs/we-use-it")
            .cookies(&[&editor.session])
            .form(&[
                ("csrf", &editor.csrf),
                ("action", "adopt"),
                ("note", "Bruges \u{202e}baglæns"),
            ])
            .await;
        assert_eq!(bad_note.status, 422, "{}", bad_note.body);
        bad_note.shows(&["The note contains characters that cannot be stored"]);
        assert!(
            bad_note.body.contains("baglæns</textarea>"),
            "the note is kept"
        );

        let draft = app
            .post("/api/v1/use-cases")
            .as_editor("707")
            .json(serde_json::json!({
                "slug": "hemmelig-kladde", "title": "En kladde", "summary": "Ikke offentlig endnu.",
                "owner": "707", "domains": ["administration"],
                "primary_category": "intelligent-automation", "lifecycle": "pilot"
            }))
            .await;
        assert_eq!(draft.status, 201, "{}", draft.body);
        let hidden = app
            .post("/use-cases/hemmelig-kladde/vi-bruger-den")
            .cookies(&[&editor.session])
            .form(&[("csrf", &editor.csrf), ("action", "adopt")])
            .await;
        assert_eq!(hidden.status, 404, "{}", hidden.body);
    })
    .await;
}
