//! Creating and editing entries in the browser: the form built from the record's schema, the
//! API's errors beside their fields, drafts, previews, submitting, pending changes, conflicts,
//! and who may do what.

use aikatalog_testing::{TestApp, TestResponse, each_seeded};
use aikatalog_web::AccountConfig;
use serde_json::json;

use crate::util::{PageText, decode_entities};

const NEW: &str = "/mit-arbejde/anvendelser/ny";
const PUBLISHED: &str = "ai-aktindsigt-soenderborg";

fn edit_uri(slug: &str) -> String {
    format!("/mit-arbejde/anvendelser/{slug}/rediger")
}

/// `name=value` of the cookie `name` the response sets.
fn cookie_pair(response: &TestResponse, name: &str) -> String {
    response
        .headers
        .get_all("set-cookie")
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
        .and_then(|c| c.split(';').next())
        .unwrap_or_else(|| panic!("no {name} cookie set: {:?}", response.headers))
        .to_owned()
}

/// The value of `attr` in an HTML tag.
fn attr(tag: &str, attr: &str) -> Option<String> {
    let start = tag.find(&format!(" {attr}=\""))? + attr.len() + 3;
    let rest = &tag[start..];
    Some(decode_entities(&rest[..rest.find('"')?]))
}

/// The fields a browser would send for the page's form that posts to `action`: inputs, ticked
/// boxes and radios, text areas and selected options. Buttons are left out; tests add the one
/// pressed.
fn fields_of(html: &str, action: &str) -> Vec<(String, String)> {
    let start = html
        .find(&format!("action=\"{action}\""))
        .unwrap_or_else(|| panic!("no form posts to {action}:\n{html}"));
    let mut out = Vec::new();
    let mut rest = &html[start..];
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let end = rest.find('>').unwrap_or(rest.len() - 1);
        let tag = &rest[..=end];
        if tag.starts_with("<input ") {
            let kind = attr(tag, "type").unwrap_or_default();
            let ticked = tag.contains(" checked");
            if (!matches!(kind.as_str(), "checkbox" | "radio") || ticked)
                && let Some(name) = attr(tag, "name")
            {
                out.push((name, attr(tag, "value").unwrap_or_default()));
            }
        } else if tag.starts_with("<textarea ") {
            let body = &rest[end + 1..];
            let text = &body[..body.find("</textarea>").unwrap_or(0)];
            if let Some(name) = attr(tag, "name") {
                // As a browser sends it: without the newline that follows the start tag, and
                // with every line break as CRLF.
                let text = decode_entities(text.strip_prefix('\n').unwrap_or(text));
                out.push((name, text.replace('\n', "\r\n")));
            }
        } else if tag.starts_with("<select ") {
            let body = &rest[end + 1..];
            let options = &body[..body.find("</select>").unwrap_or(0)];
            let selected = options
                .split("<option ")
                .find(|o| o.contains(" selected"))
                .and_then(|o| attr(&format!(" {o}"), "value"));
            if let (Some(name), Some(value)) = (attr(tag, "name"), selected) {
                out.push((name, value));
            }
        } else if tag.starts_with("</form") {
            break;
        }
        if end + 1 >= rest.len() {
            break;
        }
        rest = &rest[end + 1..];
    }
    out
}

fn set(fields: &mut Vec<(String, String)>, name: &str, value: &str) {
    fields.retain(|(n, _)| n != name);
    fields.push((name.to_owned(), value.to_owned()));
}

fn field<'f>(fields: &'f [(String, String)], name: &str) -> &'f str {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

/// A signed-in browser: its session cookie.
struct Browser<'a> {
    app: &'a TestApp,
    session: String,
}

impl Browser<'_> {
    async fn get(&self, uri: &str) -> TestResponse {
        self.app.get(uri).cookies(&[&self.session]).await
    }

    async fn post(&self, uri: &str, fields: &[(String, String)]) -> TestResponse {
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        self.app
            .post(uri)
            .cookies(&[&self.session])
            .form(&pairs)
            .await
    }

    /// Submits the form on the page at `uri` with `changes` made and `button` pressed.
    async fn submit(
        &self,
        uri: &str,
        page: &TestResponse,
        changes: &[(&str, &str)],
        button: (&str, &str),
    ) -> TestResponse {
        let mut fields = fields_of(&page.body, uri);
        for (name, value) in changes {
            set(&mut fields, name, value);
        }
        fields.push((button.0.to_owned(), button.1.to_owned()));
        self.post(uri, &fields).await
    }
}

/// Signs in with the development sign-in as an editor of `org` (or a curator, for `""`).
async fn sign_in<'a>(app: &'a TestApp, org: &str) -> Browser<'a> {
    let form = app.page("/log-ind").await;
    let pre = cookie_pair(&form, "aikatalog_signin");
    let fields = fields_of(&form.body, "/log-ind");
    let token = field(&fields, "csrf").to_owned();
    let role = if org.is_empty() { "curator" } else { "editor" };
    let signed_in = app
        .post("/log-ind")
        .cookies(&[&pre])
        .form(&[("csrf", &token), ("role", role), ("org", org), ("next", "")])
        .await;
    assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    Browser {
        app,
        session: cookie_pair(&signed_in, "aikatalog_session"),
    }
}

fn dev_login() -> AccountConfig {
    AccountConfig {
        dev_login: true,
        ..AccountConfig::default()
    }
}

/// The text of the error shown beside the field with HTML id `id`.
fn error_beside(page: &TestResponse, id: &str) -> String {
    let marker = format!("id=\"{id}-error\">");
    let at = page
        .body
        .find(&marker)
        .unwrap_or_else(|| panic!("no error beside {id}:\n{}", page.body));
    let rest = &page.body[at + marker.len()..];
    crate::util::visible_text(&rest[..rest.find("</p>").unwrap_or(0)])
}

#[actix_web::test]
async fn a_new_use_case_shows_the_api_errors_beside_its_fields_then_saves_previews_and_submits() {
    each_seeded(|db| async move {
        let app = TestApp::with_account(&db, dev_login()).await;
        let editor = sign_in(&app, "707").await;
        let form = editor.get(NEW).await;
        assert_eq!(form.status, 200, "{}", form.body);
        assert_eq!(
            field(&fields_of(&form.body, NEW), "owner"),
            "707",
            "the owner is preset"
        );

        // Rows of a list are added without JavaScript: the button re-renders the form.
        let with_row = editor.submit(NEW, &form, &[], ("_add", "results")).await;
        assert_eq!(with_row.status, 200, "{}", with_row.body);
        assert!(
            with_row.body.contains("name=\"results[0].metric\""),
            "no new row"
        );

        let typed = [
            ("slug", "chatbot-norddjurs"),
            ("title", "AB"),
            (
                "summary",
                "En chatbot svarer borgerne om affald og genbrug døgnet rundt.",
            ),
            ("domains[0]", "administration"),
            ("primary_category", "intelligent-automation"),
            ("lifecycle", "pilot"),
            ("results[0].metric", "Besvarede spørgsmål"),
            ("results[0].value", "mange"),
            ("results[0].unit", "%"),
        ];
        let refused = editor
            .submit(NEW, &with_row, &typed, ("_action", "save"))
            .await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        // The API answers the same document with the same paths and codes.
        let api = app
            .post("/api/v1/use-cases")
            .as_editor("707")
            .json(json!({
                "slug": "chatbot-norddjurs", "title": "AB",
                "summary": "En chatbot svarer borgerne om affald og genbrug døgnet rundt.",
                "owner": "707", "domains": ["administration"],
                "primary_category": "intelligent-automation", "lifecycle": "pilot",
                "results": [{"metric": "Besvarede spørgsmål", "value": "mange", "unit": "%"}],
            }))
            .await;
        assert_eq!(api.status, 422, "{:?}", api.json);
        let api_errors = api.json["errors"].as_array().expect("errors").clone();
        assert_eq!(api_errors.len(), 2, "{api_errors:?}");
        for e in &api_errors {
            let (path, code) = (
                e["field"].as_str().unwrap_or(""),
                e["code"].as_str().unwrap_or(""),
            );
            let id = format!("f-{}", path.replace(['[', '.'], "-").replace(']', ""));
            assert!(
                error_beside(&refused, &id).contains(&format!("({code})")),
                "{path} lacks {code} beside it"
            );
            assert!(
                refused.body.contains(&format!("href=\"#{id}\"")),
                "the summary links {id}"
            );
            assert!(
                refused.body.contains(&format!("id=\"{id}\""))
                    && refused.body.contains("aria-invalid=\"true\""),
                "{id} is not marked invalid"
            );
        }
        // Everything typed is still there, the faulty value too.
        let kept = fields_of(&refused.body, NEW);
        for (name, value) in typed {
            assert_eq!(field(&kept, name), value, "{name} was not kept");
        }
        assert!(
            refused.body.contains("aria-describedby=\"f-title-error\""),
            "the title's error is not tied to it"
        );

        // Fixed, with a contact so it can go to review: saved as a draft.
        let fixes = [
            ("title", "Chatbot om affald"),
            ("results[0].value", "86,5"),
            ("contact.name", "Digitaliseringsteamet"),
            ("contact.email", "digital@norddjurs.dk"),
        ];
        let saved = editor
            .submit(NEW, &refused, &fixes, ("_action", "save"))
            .await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        let edit = edit_uri("chatbot-norddjurs");
        assert_eq!(
            saved.header("location"),
            Some(format!("{edit}?notice=saved").as_str())
        );
        let stored = app
            .get("/api/v1/use-cases/chatbot-norddjurs")
            .as_editor("707")
            .await;
        assert_eq!(stored.json["meta"]["state"], "draft");
        assert_eq!(stored.json["results"][0]["value"], json!(86.5));

        // A draft is the owner's alone.
        assert_eq!(app.get("/use-cases/chatbot-norddjurs").await.status, 404);
        let other = sign_in(&app, "540").await;
        assert_eq!(
            other.get(&edit).await.status,
            403,
            "another municipality is refused the draft's form"
        );
        assert_eq!(
            other
                .get("/mit-arbejde/anvendelser/chatbot-norddjurs/forhaandsvisning")
                .await
                .status,
            403,
            "another municipality is refused the draft's preview"
        );

        let preview = editor
            .get("/mit-arbejde/anvendelser/chatbot-norddjurs/forhaandsvisning")
            .await;
        assert_eq!(preview.status, 200, "{}", preview.body);
        preview.shows(&[
            "Forhåndsvisning",
            "Chatbot om affald",
            "Besvarede spørgsmål",
        ]);

        let form = editor.get(&format!("{edit}?notice=saved")).await;
        assert_eq!(form.status, 200);
        form.shows(&["Kladden er gemt", "Kladde. Kun din organisation"]);
        let submitted = editor
            .submit(&edit, &form, &[], ("_action", "submit"))
            .await;
        assert_eq!(submitted.status, 303, "{}", submitted.body);
        let stored = app
            .get("/api/v1/use-cases/chatbot-norddjurs")
            .as_editor("707")
            .await;
        assert_eq!(stored.json["meta"]["state"], "submitted");
        assert_eq!(app.get("/use-cases/chatbot-norddjurs").await.status, 404);
    })
    .await;
}

#[actix_web::test]
async fn editing_a_published_use_case_leaves_the_public_page_as_published() {
    each_seeded(|db| async move {
        let app = TestApp::with_account(&db, dev_login()).await;
        let editor = sign_in(&app, "540").await;
        let public_before = app.page(&format!("/use-cases/{PUBLISHED}")).await;
        let old_title = field(
            &fields_of(
                &editor.get(&edit_uri(PUBLISHED)).await.body,
                &edit_uri(PUBLISHED),
            ),
            "title",
        )
        .to_owned();
        assert!(public_before.body.contains(&old_title));

        let form = editor.get(&edit_uri(PUBLISHED)).await;
        form.shows(&["offentligheden ser den offentliggjorte version"]);
        let saved = editor
            .submit(
                &edit_uri(PUBLISHED),
                &form,
                &[("title", "Ny titel på aktindsigt")],
                ("_action", "save"),
            )
            .await;
        assert_eq!(saved.status, 303, "{}", saved.body);

        let public = app.page(&format!("/use-cases/{PUBLISHED}")).await;
        assert!(
            public.body.contains(&old_title),
            "the public lost the published version"
        );
        public.does_not_show(&["Ny titel på aktindsigt"]);
        let own = app
            .get(&format!("/api/v1/use-cases/{PUBLISHED}"))
            .as_editor("540")
            .await;
        assert_eq!(own.json["title"], "Ny titel på aktindsigt");
        let (revision, published) = (
            &own.json["meta"]["revision"],
            &own.json["meta"]["published_revision"],
        );
        assert!(
            revision.as_i64() > published.as_i64(),
            "{revision} is not a pending change over {published}"
        );
        editor.get("/mit-arbejde").await.shows(&[
            "Offentliggjort, med en ændring der venter (1)",
            "Ny titel på aktindsigt",
        ]);
        editor
            .get(&edit_uri(PUBLISHED))
            .await
            .shows(&["Der er en ændring, som ikke er offentliggjort endnu"]);
        // The entry page offers its editors the form, and no one else.
        let entry = editor.get(&format!("/use-cases/{PUBLISHED}")).await;
        assert!(
            entry
                .body
                .contains(&format!("href=\"{}\"", edit_uri(PUBLISHED)))
        );
        assert!(!public.body.contains(&edit_uri(PUBLISHED)));
    })
    .await;
}

#[actix_web::test]
async fn saving_over_a_newer_revision_shows_the_change_in_between_and_merges() {
    each_seeded(|db| async move {
        let app = TestApp::with_account(&db, dev_login()).await;
        let editor = sign_in(&app, "540").await;
        let edit = edit_uri(PUBLISHED);
        let form = editor.get(&edit).await;

        // Meanwhile someone changes the summary through the API.
        let api = format!("/api/v1/use-cases/{PUBLISHED}");
        let tag = app.get(&api).as_editor("540").await.etag;
        let theirs = "Et nyt resumé, skrevet af en kollega imens.";
        let patched = app
            .patch(&api)
            .as_editor("540")
            .if_match(tag.as_deref())
            .json(json!({"summary": theirs}))
            .await;
        assert_eq!(patched.status, 200, "{:?}", patched.json);

        let conflict = editor
            .submit(
                &edit,
                &form,
                &[("title", "Min nye titel")],
                ("_action", "save"),
            )
            .await;
        assert_eq!(conflict.status, 409, "{}", conflict.body);
        conflict.shows(&["summary", theirs]);
        let stored = app.get(&api).as_editor("540").await;
        assert_eq!(
            stored.json["summary"], theirs,
            "the form overwrote the newer revision"
        );

        // Take theirs for the summary; keep my title.
        let merged = editor
            .submit(
                &edit,
                &conflict,
                &[("_take_0", "theirs")],
                ("_action", "merge"),
            )
            .await;
        assert_eq!(merged.status, 303, "{}", merged.body);
        let stored = app.get(&api).as_editor("540").await;
        assert_eq!(stored.json["summary"], theirs);
        assert_eq!(stored.json["title"], "Min nye titel");
    })
    .await;
}

#[actix_web::test]
async fn another_municipality_the_signed_out_and_forged_posts_are_refused() {
    each_seeded(|db| async move {
        let app = TestApp::with_account(&db, dev_login()).await;
        let edit = edit_uri(PUBLISHED);
        let signed_out = app.get(&edit).await;
        assert_eq!(signed_out.status, 303);
        assert!(
            signed_out
                .header("location")
                .is_some_and(|l| l.starts_with("/log-ind?")),
            "{:?}",
            signed_out.header("location")
        );

        let owner = sign_in(&app, "540").await;
        let form = owner.get(&edit).await;
        let other = sign_in(&app, "707").await;
        let refused = other.get(&edit).await;
        assert_eq!(refused.status, 403, "{}", refused.body);
        refused.shows(&["Du kan ikke ændre denne post"]);
        // Even with its own valid CSRF token, its POST changes nothing.
        let own_token = field(&fields_of(&other.get(NEW).await.body, NEW), "csrf").to_owned();
        let mut fields = fields_of(&form.body, &edit);
        set(&mut fields, "csrf", &own_token);
        set(&mut fields, "title", "Overtaget af Norddjurs");
        fields.push(("_action".into(), "save".into()));
        assert_eq!(other.post(&edit, &fields).await.status, 403);

        // A POST without the session's token is refused, and nothing is stored.
        let mut forged = fields_of(&form.body, &edit);
        forged.retain(|(n, _)| n != "csrf");
        set(&mut forged, "title", "Uden token");
        forged.push(("_action".into(), "save".into()));
        assert_eq!(owner.post(&edit, &forged).await.status, 403);
        let stored = app
            .get(&format!("/api/v1/use-cases/{PUBLISHED}"))
            .as_editor("540")
            .await;
        assert_ne!(stored.json["title"], "Uden token");
        assert_ne!(stored.json["title"], "Overtaget af Norddjurs");
    })
    .await;
}

#[actix_web::test]
async fn an_algorithm_is_created_from_the_english_form() {
    each_seeded(|db| async move {
        let app = TestApp::with_account(&db, dev_login()).await;
        let editor = sign_in(&app, "707").await;
        let new = "/en/my-work/algorithms/new";
        let form = editor.get(new).await;
        assert_eq!(form.status, 200, "{}", form.body);
        form.shows(&["New algorithm", "Save draft", "Model type"]);
        let empty = editor
            .submit(new, &form, &[("owner", "")], ("_action", "save"))
            .await;
        assert_eq!(empty.status, 422, "{}", empty.body);
        for id in ["f-slug", "f-name", "f-purpose", "f-owner"] {
            assert!(
                error_beside(&empty, id).contains("(missing_field)"),
                "{id}: {}",
                error_beside(&empty, id)
            );
        }
        let typed = [
            ("slug", "sorteringsmodel-norddjurs"),
            ("name", "Sorteringsmodel"),
            ("purpose", "Sorterer indgående post til den rette afdeling."),
            ("owner", "707"),
            ("lifecycle", "pilot"),
        ];
        let model = fields_of(&empty.body, new);
        // The first model type the select offers, whatever the domain calls it.
        let chosen = empty
            .body
            .split("name=\"model_type\"")
            .nth(1)
            .and_then(|rest| rest.split("<option value=\"").nth(2))
            .and_then(|o| o.split('"').next())
            .unwrap_or_default()
            .to_owned();
        assert!(!chosen.is_empty(), "no model types offered: {model:?}");
        let mut changes = typed.to_vec();
        changes.push(("model_type", &chosen));
        let saved = editor
            .submit(new, &empty, &changes, ("_action", "save"))
            .await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        assert_eq!(
            saved.header("location"),
            Some("/en/my-work/algorithms/sorteringsmodel-norddjurs/edit?notice=saved")
        );
        let stored = app
            .get("/api/v1/algorithms/sorteringsmodel-norddjurs")
            .as_editor("707")
            .await;
        assert_eq!(stored.json["model_type"], chosen.as_str());
        assert_eq!(stored.json["meta"]["state"], "draft");
    })
    .await;
}

#[actix_web::test]
async fn every_seeded_entry_survives_its_form_unchanged() {
    use aikatalog_domain::EntryKind;
    use aikatalog_storage::models::entries;
    each_seeded(|db| async move {
        let app = TestApp::with_account(&db, dev_login()).await;
        let curator = sign_in(&app, "").await;
        for (kind, words) in [
            (EntryKind::UseCase, "anvendelser"),
            (EntryKind::Algorithm, "algoritmer"),
        ] {
            let rows = db.db.read(|c| entries::all_public(c, kind)).expect("read");
            assert!(!rows.is_empty());
            for row in rows {
                let uri = format!("/mit-arbejde/{words}/{}/rediger", row.slug);
                let form = curator.get(&uri).await;
                assert_eq!(form.status, 200, "{uri}: {}", form.body);
                // Every field the record states is in the form and reads back as it was, so
                // saving the form untouched stores no new revision.
                let saved = curator.submit(&uri, &form, &[], ("_action", "save")).await;
                assert_eq!(saved.status, 303, "{uri}: {}", saved.body);
                let after = db
                    .db
                    .read(|c| entries::find(c, kind, &row.slug))
                    .expect("read")
                    .expect("still there");
                if after.revision != row.revision {
                    let api = match kind {
                        EntryKind::UseCase => "use-cases",
                        EntryKind::Algorithm => "algorithms",
                    };
                    let diff = app
                        .get(&format!(
                            "/api/v1/{api}/{}/revisions/{}/diff",
                            row.slug, after.revision
                        ))
                        .as_curator()
                        .await;
                    panic!(
                        "{uri}: the unchanged form changed the record: {}",
                        diff.json
                    );
                }
            }
        }
    })
    .await;
}
