//! The curators' pages: the review queue, a review's changes field by field, the workflow's
//! steps as forms, and reference data with its history; who may see them, CSRF, and stale
//! revisions. Sessions are stored directly in the database, as a sign-in would store them.

use aikatalog_storage::models::reference_history;
use aikatalog_storage::models::reference_records::{self, RefKind};
use aikatalog_storage::models::sessions::{self, NewSession};
use aikatalog_testing::tokens::editor;
use aikatalog_testing::{TestApp, TestDb, TestResponse, each_seeded};
use chrono::TimeDelta;
use serde_json::{Value, json};

use crate::util::PageText;

/// A signed-in browser: its session cookie and the session's CSRF token.
pub struct Browser {
    pub cookie: String,
    pub csrf: String,
}

/// Stores a live session for a curator (`org` None) or an editor of `org`.
pub fn signed_in(db: &TestDb, org: Option<&str>) -> Browser {
    let (role, name, fill) = match org {
        None => ("curator", "Kim Kurator", 'c'),
        Some(_) => ("editor", "Anne Redaktør", 'e'),
    };
    let raw = format!("{}{}", fill, org.unwrap_or("").repeat(3))
        .chars()
        .chain(std::iter::repeat(fill))
        .take(64)
        .collect::<String>();
    let csrf = "k".repeat(64);
    db.db
        .write(|c| {
            sessions::create(
                c,
                &raw,
                NewSession {
                    subject: name.split(' ').next().unwrap_or(name).to_lowercase(),
                    issuer: "test".into(),
                    display_name: name.into(),
                    role: role.into(),
                    org_code: org.map(str::to_owned),
                    csrf_token: csrf.clone(),
                },
                chrono::Utc::now().naive_utc(),
                TimeDelta::hours(10),
            )
        })
        .expect("store a session");
    Browser {
        cookie: format!("aikatalog_session={raw}"),
        csrf,
    }
}

impl Browser {
    pub async fn get(&self, app: &TestApp, uri: &str) -> TestResponse {
        app.get(uri).cookies(&[&self.cookie]).await
    }

    pub async fn post(&self, app: &TestApp, uri: &str, fields: &[(&str, &str)]) -> TestResponse {
        let mut form = vec![("csrf", self.csrf.as_str())];
        form.extend_from_slice(fields);
        app.post(uri).cookies(&[&self.cookie]).form(&form).await
    }
}

/// The value of the form field `name` on the page (an input's value or a textarea's text).
pub fn field_value(page: &TestResponse, name: &str) -> String {
    let body = &page.body;
    let at = body
        .find(&format!("name=\"{name}\""))
        .unwrap_or_else(|| panic!("no field {name} on the page:\n{body}"));
    let tag_start = body[..at].rfind('<').unwrap_or(0);
    let rest = &body[at..];
    let value = if body[tag_start..].starts_with("<textarea") {
        let open = rest.find('>').map_or(0, |i| i + 1);
        let close = rest.find("</textarea>").unwrap_or(open);
        &rest[open..close]
    } else {
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        tag.split("value=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap_or("")
    };
    crate::util::decode_entities(value)
}

/// Every `name=value` a form on the page would send, for the form whose action is `action`:
/// hidden fields, inputs, textareas and the selected option of each select.
pub fn form_fields(page: &TestResponse, action: &str) -> Vec<(String, String)> {
    let body = &page.body;
    let start = body
        .find(&format!("action=\"{action}\""))
        .unwrap_or_else(|| panic!("no form posting to {action}"));
    fields_in(&body[start..start + body[start..].find("</form>").unwrap_or(0)])
}

/// The fields of the review page's form for the workflow step `step` (`publish`, `reject`…).
pub fn step_form(page: &TestResponse, step: &str) -> Vec<(String, String)> {
    let marker = format!("name=\"action\" value=\"{step}\"");
    let form = page
        .body
        .split("<form")
        .find(|f| f.contains(&marker))
        .unwrap_or_else(|| panic!("no form for {step} on the page:\n{}", page.body));
    fields_in(&form[..form.find("</form>").unwrap_or(form.len())])
}

fn fields_in(form: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = form;
    while let Some(i) = rest.find(" name=\"") {
        let name_start = i + " name=\"".len();
        let name_end = name_start + rest[name_start..].find('"').unwrap_or(0);
        let name = rest[name_start..name_end].to_owned();
        let tag_start = rest[..i].rfind('<').unwrap_or(0);
        let tag = &rest[tag_start..];
        let value = if tag.starts_with("<select") {
            let end = tag.find("</select>").unwrap_or(tag.len());
            let select = &tag[..end];
            select
                .split("<option")
                .find(|o| o.contains(" selected"))
                .and_then(|o| o.split("value=\"").nth(1))
                .and_then(|v| v.split('"').next())
                .unwrap_or("")
                .to_owned()
        } else if tag.starts_with("<textarea") {
            let open = tag.find('>').map_or(0, |i| i + 1);
            let close = tag.find("</textarea>").unwrap_or(open);
            tag[open..close].to_owned()
        } else {
            let end = tag.find('>').unwrap_or(tag.len());
            tag[..end]
                .split("value=\"")
                .nth(1)
                .and_then(|v| v.split('"').next())
                .unwrap_or("")
                .to_owned()
        };
        if !tag.starts_with("<button") {
            out.push((name, crate::util::decode_entities(&value)));
        }
        rest = &rest[name_end..];
    }
    out
}

fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    let field = fields
        .iter_mut()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("the form has no field {name}"));
    field.1 = value.to_owned();
}

async fn post_fields(
    app: &TestApp,
    who: &Browser,
    uri: &str,
    fields: &[(String, String)],
) -> TestResponse {
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post(uri).cookies(&[&who.cookie]).form(&form).await
}

/// A new use case of Norddjurs, as an editor's draft through the API; returns its ETag.
pub async fn draft(app: &TestApp, slug: &str, title: &str) -> String {
    let created = app
        .post("/api/v1/use-cases")
        .bearer(editor("707"))
        .json(json!({
            "slug": slug,
            "title": title,
            "summary": "Indgående post journaliseres automatisk på den rigtige sag.",
            "owner": "707",
            "domains": ["administration"],
            "primary_category": "intelligent-automation",
            "lifecycle": "pilot",
            "technologies": ["OCR"],
            "contact": {"name": "Digitaliseringsteamet", "email": "digitalisering@example.dk"}
        }))
        .await;
    assert_eq!(created.status, 201, "{:?}", created.json);
    created.etag.expect("an ETag")
}

/// Submits an entry as Norddjurs' editor; returns the new ETag.
pub async fn submit(app: &TestApp, slug: &str, etag: &str) -> String {
    let submitted = app
        .post(&format!("/api/v1/use-cases/{slug}/submit"))
        .bearer(editor("707"))
        .if_match(etag)
        .await;
    assert_eq!(submitted.status, 200, "{:?}", submitted.json);
    submitted.etag.expect("an ETag")
}

/// Edits Norddjurs' published SmartMail use case (a pending change, which also gives it the
/// contact that submitting needs) and submits it.
pub async fn change_smartmail(app: &TestApp, mut patch: Value) -> String {
    patch["contact"] =
        json!({"name": "Digitaliseringsteamet", "email": "digitalisering@example.dk"});
    let uri = "/api/v1/use-cases/smartmail-norddjurs";
    let current = app.get(uri).bearer(editor("707")).await;
    let patched = app
        .patch(uri)
        .bearer(editor("707"))
        .if_match(current.etag.as_deref())
        .json(patch)
        .await;
    assert_eq!(patched.status, 200, "{:?}", patched.json);
    submit(
        app,
        "smartmail-norddjurs",
        patched.etag.as_deref().unwrap_or(""),
    )
    .await
}

#[actix_web::test]
async fn the_queue_lists_submitted_entries_and_pending_changes_oldest_first() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        let first = draft(&app, "foerste-forslag-707", "Norddjurs' første forslag").await;
        submit(&app, "foerste-forslag-707", &first).await;
        change_smartmail(&app, json!({"title": "SmartMail med ny model"})).await;
        draft(&app, "stadig-kladde-707", "Norddjurs' kladde").await;

        let curator = signed_in(&db, None);
        let queue = curator.get(&app, "/kurator/gennemgang").await;
        assert_eq!(queue.status, 200, "{}", queue.body);
        queue.shows(&[
            "Til gennemgang",
            "Venter på gennemgang (2)",
            "Norddjurs' første forslag Use case Norddjurs Kommune Ny tester (redaktør, Norddjurs Kommune)",
            "SmartMail med ny model Use case Norddjurs Kommune Ændring af offentliggjort",
        ]);
        queue.does_not_show(&["Norddjurs' kladde"]);
        let text = queue.text();
        assert!(
            text.find("første forslag") < text.find("SmartMail med ny model"),
            "oldest first: {text}"
        );
        assert!(
            queue
                .links()
                .contains(&"/kurator/gennemgang/use-case/smartmail-norddjurs".to_owned())
        );
        let english = curator.get(&app, "/en/curator/review").await;
        english.shows(&["Review queue", "Change to a published entry", "Submitted by"]);
    })
    .await;
}

#[actix_web::test]
async fn a_review_shows_the_changed_fields_against_what_is_published() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        change_smartmail(
            &app,
            json!({
                "title": "SmartMail med ny model",
                "technologies": ["SmartMail", "AI-model til sortering af mails", "regelbaseret sortering", "sprogmodel"],
                "domains": ["administration", "employment"]
            }),
        )
        .await;
        let curator = signed_in(&db, None);
        let review = curator
            .get(&app, "/kurator/gennemgang/use-case/smartmail-norddjurs")
            .await;
        assert_eq!(review.status, 200, "{}", review.body);
        review.shows(&[
            "En ændring af en offentliggjort use case",
            "Ændringer (4)",
            "Titel Offentliggjort Automatisk mailsortering (SmartMail) Ny version SmartMail med ny model",
            "Fagområder Offentliggjort Administration (administration) Ny version Administration (administration)",
            "(ny)",
            "sprogmodel (ny)",
            "Seneste ændring (indsendt): tester (redaktør, Norddjurs Kommune)",
        ]);
        // Fields that did not change are not listed.
        review.does_not_show(&["Resumé", "Beskrivelse"]);
        assert!(review.links().contains(&"/use-cases/smartmail-norddjurs".to_owned()));

        let etag = draft(&app, "helt-ny-707", "Helt ny use case").await;
        submit(&app, "helt-ny-707", &etag).await;
        let new = curator
            .get(&app, "/en/curator/review/use-case/helt-ny-707")
            .await;
        assert_eq!(new.status, 200, "{}", new.body);
        new.does_not_show(&["Partners", "Vendors"]);
        new.shows(&[
            "A new use case, never published: everything below is new.",
            "Title Published (not stated) New version Helt ny use case",
            "Contact Published (not stated) New version Email: digitalisering@example.dk Name: Digitaliseringsteamet",
        ]);
        assert_eq!(
            curator.get(&app, "/kurator/gennemgang/use-case/findes-ikke").await.status,
            404
        );
        assert_eq!(
            curator.get(&app, "/kurator/gennemgang/kage/smartmail-norddjurs").await.status,
            404
        );
    })
    .await;
}

#[actix_web::test]
async fn editors_get_a_403_page_and_signed_out_visitors_are_sent_to_sign_in() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        let editor = signed_in(&db, Some("707"));
        let pages = [
            "/kurator/gennemgang",
            "/en/curator/review",
            "/kurator/gennemgang/use-case/smartmail-norddjurs",
            "/kurator/referencedata",
            "/kurator/referencedata/organisationer/707",
            "/en/curator/reference-data/domains/administration/history",
        ];
        for uri in pages {
            let refused = editor.get(&app, uri).await;
            assert_eq!(refused.status, 403, "{uri}: {}", refused.body);
            refused.shows(&[if uri.starts_with("/en") {
                "For curators only"
            } else {
                "Kun for kuratorer"
            }]);
            let away = app.get(uri).await;
            assert_eq!(away.status, 303, "{uri}");
            assert!(
                away.header("location").unwrap_or("").contains("next="),
                "{uri}: {:?}",
                away.header("location")
            );
        }
        // Their own organisation's record too: reference data is the curators'.
        let write = editor
            .post(
                &app,
                "/kurator/referencedata/organisationer/707",
                &[
                    ("revision", "1"),
                    ("kind", "municipality"),
                    ("name", "Overtaget"),
                ],
            )
            .await;
        assert_eq!(write.status, 403, "{}", write.body);
        let stored = db
            .db
            .write(|c| reference_records::current(c, RefKind::Organisation, "707"))
            .expect("read")
            .expect("707 exists");
        assert!(stored.document.contains("Norddjurs Kommune"));
    })
    .await;
}

#[actix_web::test]
async fn a_curator_edits_an_organisation_and_the_change_is_kept_in_its_history() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        let curator = signed_in(&db, None);
        let list = curator.get(&app, "/kurator/referencedata").await;
        assert_eq!(list.status, 200, "{}", list.body);
        list.shows(&["Referencedata", "Norddjurs Kommune", "Fagområder"]);
        let uri = "/kurator/referencedata/organisationer/707";
        assert!(list.links().contains(&uri.to_owned()));

        let form = curator.get(&app, uri).await;
        assert_eq!(form.status, 200, "{}", form.body);
        assert_eq!(field_value(&form, "name"), "Norddjurs Kommune");
        assert_eq!(field_value(&form, "website"), "https://www.norddjurs.dk/");
        let before = db
            .db
            .read(|c| reference_records::current(c, RefKind::Organisation, "707"))
            .expect("read")
            .expect("707");
        assert_eq!(field_value(&form, "revision"), before.revision.to_string());

        let mut fields = form_fields(&form, uri);
        set(&mut fields, "ai_contact.name", "Digitaliseringsteamet");
        set(&mut fields, "ai_contact.email", "ai@norddjurs.dk");
        set(&mut fields, "website", "https://norddjurs.dk/ai");
        set(&mut fields, "identifiers[0].scheme", "cvr");
        set(&mut fields, "identifiers[0].value", "29189889");
        let saved = post_fields(&app, &curator, uri, &fields).await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        let revision = before.revision + 1;
        assert_eq!(
            saved.header("location"),
            Some(format!("{uri}?saved={revision}").as_str())
        );
        let after = db
            .db
            .read(|c| reference_records::current(c, RefKind::Organisation, "707"))
            .expect("read")
            .expect("707");
        assert_eq!(after.revision, revision);
        let doc: Value = serde_json::from_str(&after.document).expect("json");
        assert_eq!(doc["ai_contact"], json!({"name": "Digitaliseringsteamet", "email": "ai@norddjurs.dk"}));
        assert_eq!(doc["identifiers"], json!([{"scheme": "cvr", "value": "29189889"}]));
        assert_eq!(doc["region"], json!("1082"), "untouched fields are kept");
        let history = db
            .db
            .read(|c| reference_history::list(c, RefKind::Organisation, "707"))
            .expect("history");
        let newest = history.last().expect("a version");
        assert_eq!((newest.revision, newest.actor.as_str()), (revision, "curator:kim"));

        let shown = curator.get(&app, &format!("{uri}?saved={revision}")).await;
        shown.shows(&[&format!("Gemt. Posten er nu revision {revision}.")]);
        // The API reads the same record.
        let api = app.get("/api/v1/organisations/707").await;
        assert_eq!(api.json["ai_contact"]["email"], json!("ai@norddjurs.dk"));

        let history_page = curator.get(&app, &format!("{uri}/historik")).await;
        assert_eq!(history_page.status, 200, "{}", history_page.body);
        history_page.shows(&[
            &format!("Revision {revision}"),
            "kim (kurator)",
            "Websted Før https://www.norddjurs.dk/ Efter https://norddjurs.dk/ai",
            "Kontakt om AI Før (ikke angivet) Efter E-mail: ai@norddjurs.dk Navn: Digitaliseringsteamet",
            "Registernumre, nr. 1 Før (ikke angivet) Efter Register: cvr Værdi: 29189889",
        ]);
        // Saving the same again stores nothing new.
        let form = curator.get(&app, uri).await;
        let again = post_fields(&app, &curator, uri, &form_fields(&form, uri)).await;
        assert_eq!(again.status, 303, "{}", again.body);
        assert_eq!(
            again.header("location"),
            Some(format!("{uri}?saved={revision}").as_str())
        );
    })
    .await;
}

#[actix_web::test]
async fn a_refused_save_shows_each_error_next_to_its_field_and_keeps_what_was_typed() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        let curator = signed_in(&db, None);
        let uri = "/kurator/referencedata/organisationer/707";
        let form = curator.get(&app, uri).await;
        let before = field_value(&form, "revision");
        let mut fields = form_fields(&form, uri);
        set(&mut fields, "ai_contact.email", "ikke-en-adresse");
        set(&mut fields, "name", "");
        set(&mut fields, "short_name", "Norddjurs ny");
        let refused = post_fields(&app, &curator, uri, &fields).await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        refused.shows(&["Intet er gemt: ret felterne herunder.", "Ret disse felter"]);
        let email_error =
            crate::util::element_text(&refused.body, "form-error\" id=\"f-ai_contact-email-error");
        assert!(
            email_error.contains("Er ikke en gyldig e-mailadresse."),
            "{email_error}"
        );
        assert!(
            email_error.contains("(email:"),
            "the domain's code: {email_error}"
        );
        let name_error = crate::util::element_text(&refused.body, "form-error\" id=\"f-name-error");
        assert!(
            name_error.contains("Skal udfyldes. (missing_field"),
            "{name_error}"
        );
        assert_eq!(field_value(&refused, "ai_contact.email"), "ikke-en-adresse");
        assert_eq!(field_value(&refused, "short_name"), "Norddjurs ny");
        assert_eq!(field_value(&refused, "revision"), before);
        let stored = db
            .db
            .read(|c| reference_records::current(c, RefKind::Organisation, "707"))
            .expect("read")
            .expect("707");
        assert_eq!(stored.revision.to_string(), before, "nothing stored");
        assert!(stored.document.contains("\"short_name\":\"Norddjurs\""));

        // A category's number must be a number; a domain needs its English name.
        let cat_uri = "/en/curator/reference-data/categories/perception";
        let cat_form = curator.get(&app, cat_uri).await;
        assert_eq!(cat_form.status, 200, "{}", cat_form.body);
        let mut cat_fields = form_fields(&cat_form, cat_uri);
        set(&mut cat_fields, "number", "twelve");
        let refused = post_fields(&app, &curator, cat_uri, &cat_fields).await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        let number_error =
            crate::util::element_text(&refused.body, "form-error\" id=\"f-number-error");
        assert!(number_error.contains("(invalid_type"), "{number_error}");
    })
    .await;
}

#[actix_web::test]
async fn a_save_over_a_newer_revision_is_refused_with_what_changed_meanwhile() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        let curator = signed_in(&db, None);
        let uri = "/kurator/referencedata/fagomraader/administration";
        let form = curator.get(&app, uri).await;
        assert_eq!(form.status, 200, "{}", form.body);
        let loaded: i64 = field_value(&form, "revision").parse().expect("a number");

        // Another curator renames the domain through the API meanwhile.
        let api = app.get("/api/v1/domains/administration").await;
        let mut doc = api.json.clone();
        doc["name_en"] = json!("Administration and finance");
        let put = app
            .put("/api/v1/domains/administration")
            .as_curator()
            .if_match(api.etag.as_deref())
            .json(&doc)
            .await;
        assert_eq!(put.status, 200, "{:?}", put.json);

        let mut fields = form_fields(&form, uri);
        set(&mut fields, "name_da", "Administration og økonomi");
        let refused = post_fields(&app, &curator, uri, &fields).await;
        assert_eq!(refused.status, 409, "{}", refused.body);
        refused.shows(&[
            &format!(
                "en anden har ændret posten, mens du redigerede (nu revision {})",
                loaded + 1
            ),
            "Ændret imens",
            "Navn på engelsk Da du åbnede formularen Administration Nu Administration and finance",
        ]);
        assert_eq!(
            field_value(&refused, "name_da"),
            "Administration og økonomi"
        );
        assert_eq!(field_value(&refused, "revision"), (loaded + 1).to_string());
        let stored = db
            .db
            .read(|c| reference_records::current(c, RefKind::Domain, "administration"))
            .expect("read")
            .expect("the domain");
        assert_eq!(
            stored.revision,
            loaded + 1,
            "the other curator's change stands"
        );
        assert!(stored.document.contains("Administration and finance"));
        assert!(!stored.document.contains("økonomi"));

        // Saving again from the refreshed form, knowingly, replaces it.
        let saved = post_fields(&app, &curator, uri, &form_fields(&refused, uri)).await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        let stored = db
            .db
            .read(|c| reference_records::current(c, RefKind::Domain, "administration"))
            .expect("read")
            .expect("the domain");
        assert_eq!(stored.revision, loaded + 2);
        assert!(stored.document.contains("Administration og økonomi"));
    })
    .await;
}

#[actix_web::test]
async fn a_curators_form_without_the_right_csrf_token_is_refused() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        let curator = signed_in(&db, None);
        let uri = "/kurator/referencedata/fagomraader/administration";
        let form = curator.get(&app, uri).await;
        let mut fields = form_fields(&form, uri);
        set(&mut fields, "name_da", "Overtaget");
        set(&mut fields, "csrf", &"0".repeat(64));
        let refused = post_fields(&app, &curator, uri, &fields).await;
        assert_eq!(refused.status, 403, "{}", refused.body);
        refused.shows(&["Formularen blev afvist"]);
        let stored = db
            .db
            .read(|c| reference_records::current(c, RefKind::Domain, "administration"))
            .expect("read")
            .expect("the domain");
        assert!(!stored.document.contains("Overtaget"));
    })
    .await;
}

/// The review page of one of Norddjurs' use cases.
fn review_uri(slug: &str) -> String {
    format!("/kurator/gennemgang/use-case/{slug}")
}

fn entry(db: &TestDb, slug: &str) -> aikatalog_storage::models::entries::EntryRow {
    db.db
        .read(|c| {
            aikatalog_storage::models::entries::find(c, aikatalog_domain::EntryKind::UseCase, slug)
        })
        .expect("read")
        .unwrap_or_else(|| panic!("{slug} exists"))
}

#[actix_web::test]
async fn a_rejection_needs_a_reason_and_the_editor_reads_it() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        let slug = "afvises-707";
        let etag = draft(&app, slug, "Norddjurs' forslag til afvisning").await;
        submit(&app, slug, &etag).await;
        let curator = signed_in(&db, None);
        let uri = review_uri(slug);
        let page = curator.get(&app, &uri).await;
        let fields = step_form(&page, "reject");
        assert!(fields.iter().any(|(k, _)| k == "reason"));

        let refused = post_fields(&app, &curator, &uri, &fields).await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        refused.shows(&[
            "Intet er gjort: skriv en begrundelse, før du sender den tilbage.",
            "Skriv, hvad redaktøren skal rette.",
        ]);
        assert!(
            refused
                .body
                .contains("aria-invalid=\"true\" aria-describedby=\"reason-error\"")
        );
        assert_eq!(entry(&db, slug).state, "submitted", "nothing was done");

        let mut fields = step_form(&refused, "reject");
        set(&mut fields, "reason", "  Angiv kilden til tallene.  ");
        let rejected = post_fields(&app, &curator, &uri, &fields).await;
        assert_eq!(rejected.status, 303, "{}", rejected.body);
        assert_eq!(
            rejected.header("location"),
            Some(format!("{uri}?done=reject").as_str())
        );
        let row = entry(&db, slug);
        assert_eq!(row.state, "draft");
        let after = curator.get(&app, &format!("{uri}?done=reject")).await;
        after.shows(&["Sendt tilbage til redaktøren med din begrundelse."]);

        let editor = signed_in(&db, Some("707"));
        let mine = editor.get(&app, "/mit-arbejde").await;
        mine.shows(&[
            "Sendt tilbage af kurator (1)",
            "Norddjurs' forslag til afvisning",
            "Kuratorens begrundelse: Angiv kilden til tallene.",
        ]);
        // The queue no longer holds it.
        let queue = curator.get(&app, "/kurator/gennemgang").await;
        queue.does_not_show(&["Norddjurs' forslag til afvisning"]);
    })
    .await;
}

#[actix_web::test]
async fn publishing_shows_the_entry_to_the_public_and_search_finds_it_once_the_index_catches_up() {
    each_seeded(|db| async move {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (index, checkpoint) = aikatalog_search::rebuild::open_or_rebuild(
            &dir.path().join("index"),
            &db.db,
            aikatalog_testing::synonyms(),
        )
        .expect("the index opens");
        let index = std::sync::Arc::new(index);
        let mut indexer = aikatalog_search::Indexer::new(index.clone(), db.db.clone(), &checkpoint)
            .expect("an indexer");
        let app = TestApp::with_index(&db, index).await;

        let slug = "zebrarobot-707";
        let etag = draft(&app, slug, "Zebrarobotten sorterer posten").await;
        submit(&app, slug, &etag).await;
        assert_eq!(app.get(&format!("/use-cases/{slug}")).await.status, 404);
        let curator = signed_in(&db, None);
        let uri = review_uri(slug);
        let page = curator.get(&app, &uri).await;
        let published = post_fields(&app, &curator, &uri, &step_form(&page, "publish")).await;
        assert_eq!(published.status, 303, "{}", published.body);
        assert_eq!(
            published.header("location"),
            Some(format!("{uri}?done=publish").as_str())
        );
        let row = entry(&db, slug);
        assert_eq!(
            (row.state.as_str(), row.published_revision),
            ("published", Some(row.revision))
        );
        let actor = db
            .db
            .read(|c| aikatalog_storage::models::revisions::find(c, &row.id, row.revision))
            .expect("read")
            .expect("the revision");
        assert_eq!(
            (actor.transition.as_str(), actor.actor.as_str()),
            ("publish", "curator:kim")
        );

        let public = app.page(&format!("/use-cases/{slug}")).await;
        public.shows(&["Zebrarobotten sorterer posten"]);
        let before = app.page("/soeg?q=zebrarobotten").await;
        before.does_not_show(&["Zebrarobotten sorterer posten"]);
        assert!(indexer.catch_up().expect("the index catches up") > 0);
        let found = app.page("/soeg?q=zebrarobotten").await;
        found.shows(&["Zebrarobotten sorterer posten"]);

        // A pending change to a published entry: the public sees it once it is published.
        change_smartmail(&app, json!({"title": "SmartMail med ny model"})).await;
        app.page("/use-cases/smartmail-norddjurs")
            .await
            .does_not_show(&["SmartMail med ny model"]);
        let uri = review_uri("smartmail-norddjurs");
        let page = curator.get(&app, &uri).await;
        let published = post_fields(&app, &curator, &uri, &step_form(&page, "publish")).await;
        assert_eq!(published.status, 303, "{}", published.body);
        app.page("/use-cases/smartmail-norddjurs")
            .await
            .shows(&["SmartMail med ny model"]);
        let done = curator.get(&app, &format!("{uri}?done=publish")).await;
        done.shows(&[
            "Offentliggjort. Offentligheden ser nu denne version.",
            "Ingen ændring venter",
        ]);
        done.does_not_show(&["Send tilbage til redaktøren"]);
    })
    .await;
}

#[actix_web::test]
async fn a_curator_archives_and_restores_a_published_entry() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        let curator = signed_in(&db, None);
        let uri = review_uri("smartmail-norddjurs");
        let page = curator.get(&app, &uri).await;
        page.does_not_show(&["Genopret"]);
        let archived = post_fields(&app, &curator, &uri, &step_form(&page, "archive")).await;
        assert_eq!(archived.status, 303, "{}", archived.body);
        assert_eq!(app.get("/use-cases/smartmail-norddjurs").await.status, 404);
        assert_eq!(entry(&db, "smartmail-norddjurs").state, "archived");

        let page = curator.get(&app, &format!("{uri}?done=archive")).await;
        page.shows(&[
            "Arkiveret. Offentligheden ser den ikke længere.",
            "Genopret",
        ]);
        page.does_not_show(&["Arkivér"]);
        let restored = post_fields(&app, &curator, &uri, &step_form(&page, "restore")).await;
        assert_eq!(restored.status, 303, "{}", restored.body);
        assert_eq!(entry(&db, "smartmail-norddjurs").state, "published");
        app.page("/use-cases/smartmail-norddjurs")
            .await
            .shows(&["Automatisk mailsortering (SmartMail)"]);
    })
    .await;
}

#[actix_web::test]
async fn a_step_on_a_revision_the_curator_has_not_seen_is_refused() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        let slug = "skifter-imens-707";
        let etag = draft(&app, slug, "Første udgave").await;
        let etag = submit(&app, slug, &etag).await;
        let curator = signed_in(&db, None);
        let uri = review_uri(slug);
        let page = curator.get(&app, &uri).await;
        let seen = entry(&db, slug).revision;

        // The editor changes the entry after the curator opened it.
        let edited = app
            .patch(&format!("/api/v1/use-cases/{slug}"))
            .bearer(editor("707"))
            .if_match(etag.as_str())
            .json(json!({"title": "Anden udgave"}))
            .await;
        assert_eq!(edited.status, 200, "{:?}", edited.json);
        submit(&app, slug, edited.etag.as_deref().unwrap_or("")).await;
        let now = seen + 2;

        let refused = post_fields(&app, &curator, &uri, &step_form(&page, "publish")).await;
        assert_eq!(refused.status, 409, "{}", refused.body);
        refused.shows(&[
            &format!("Intet er gjort: der er kommet en nyere version (revision {now})"),
            "Titel Offentliggjort (ikke angivet) Ny version Anden udgave",
        ]);
        let row = entry(&db, slug);
        assert_eq!(row.published_revision, None, "nothing was published");
        assert_eq!(row.revision, now);
        // The page's forms now carry the revision it shows.
        let again = step_form(&refused, "publish");
        assert!(again.contains(&("revision".to_owned(), now.to_string())));
        // A reason typed for a rejection is kept through the refusal.
        let mut reject = step_form(&page, "reject");
        set(&mut reject, "reason", "Ret titlen.");
        let refused = post_fields(&app, &curator, &uri, &reject).await;
        assert_eq!(refused.status, 409, "{}", refused.body);
        assert_eq!(field_value(&refused, "reason"), "Ret titlen.");
    })
    .await;
}

#[actix_web::test]
async fn a_workflow_step_without_the_csrf_token_or_by_an_editor_is_refused() {
    each_seeded(|db| async move {
        let app = TestApp::new(&db).await;
        let curator = signed_in(&db, None);
        let uri = review_uri("smartmail-norddjurs");
        let page = curator.get(&app, &uri).await;
        let mut fields = step_form(&page, "archive");
        set(&mut fields, "csrf", "");
        let refused = post_fields(&app, &curator, &uri, &fields).await;
        assert_eq!(refused.status, 403, "{}", refused.body);
        refused.shows(&["Formularen blev afvist"]);

        let editor = signed_in(&db, Some("707"));
        let mut fields = step_form(&page, "archive");
        set(&mut fields, "csrf", &editor.csrf);
        let refused = post_fields(&app, &editor, &uri, &fields).await;
        assert_eq!(refused.status, 403, "{}", refused.body);
        refused.shows(&["Kun for kuratorer"]);
        assert_eq!(entry(&db, "smartmail-norddjurs").state, "published");
    })
    .await;
}
