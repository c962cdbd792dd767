//! The authorisation matrix: role × endpoint × own/other organisation × entry state.

use actix_web::http::Method;
use serde_json::json;

use crate::util::{Reply, app, curator, editor, new_use_case, seeded_databases};

/// Who is calling.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Caller {
    Anonymous,
    OwnEditor,
    OtherEditor,
    Curator,
}

const CALLERS: [Caller; 4] = [
    Caller::Anonymous,
    Caller::OwnEditor,
    Caller::OtherEditor,
    Caller::Curator,
];

fn token(caller: Caller) -> Option<String> {
    match caller {
        Caller::Anonymous => None,
        Caller::OwnEditor => editor("707"),
        Caller::OtherEditor => editor("101"),
        Caller::Curator => curator(),
    }
}

/// The status each caller must get for an action on an entry in `state`.
fn expected(action: &str, state: &str, caller: Caller) -> u16 {
    let public = state == "published";
    let may_see = match caller {
        Caller::OwnEditor | Caller::Curator => true,
        Caller::OtherEditor | Caller::Anonymous => public,
    };
    match (action, caller) {
        ("read", _) => {
            if may_see {
                200
            } else {
                404
            }
        }
        (_, Caller::Anonymous) => 401,
        (_, Caller::OtherEditor) => {
            if public {
                403
            } else {
                404
            }
        }
        ("edit", _) => 200,
        ("submit", _) => {
            if state == "draft" {
                200
            } else {
                409
            }
        }
        ("publish", Caller::OwnEditor) => 403,
        ("publish", _) => {
            if state == "published" {
                409
            } else {
                200
            }
        }
        ("archive", Caller::OwnEditor) => 403,
        ("archive", _) => 200,
        _ => unreachable!("unknown action {action}"),
    }
}

#[actix_web::test]
async fn every_role_gets_exactly_its_rights() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let mut n = 0;
        for state in ["draft", "submitted", "published"] {
            for action in ["read", "edit", "submit", "publish", "archive"] {
                for caller in CALLERS {
                    n += 1;
                    // A fresh entry of Norddjurs (707) in the wanted state for every cell.
                    let slug = format!("matrix-{n}");
                    let uri = format!("/api/v1/use-cases/{slug}");
                    let owner = editor("707");
                    let created = app.create_use_case(owner.as_deref(), &slug, "707").await;
                    let mut tag = created.etag.clone();
                    if state != "draft" {
                        tag = app
                            .post(
                                &format!("{uri}/submit"),
                                owner.as_deref(),
                                tag.as_deref(),
                                None,
                            )
                            .await
                            .etag;
                    }
                    if state == "published" {
                        tag = app
                            .post(
                                &format!("{uri}/publish"),
                                curator().as_deref(),
                                tag.as_deref(),
                                None,
                            )
                            .await
                            .etag;
                    }
                    let t = token(caller);
                    let reply: Reply = match action {
                        "read" => app.get(&uri, t.as_deref()).await,
                        "edit" => {
                            app.patch(
                                &uri,
                                t.as_deref(),
                                tag.as_deref(),
                                json!({"started": "2024"}),
                            )
                            .await
                        }
                        other => {
                            app.send(
                                Method::POST,
                                &format!("{uri}/{other}"),
                                t.as_deref(),
                                tag.as_deref(),
                                None,
                            )
                            .await
                        }
                    };
                    let want = expected(action, state, caller);
                    assert_eq!(
                        reply.status.as_u16(),
                        want,
                        "{caller:?} {action} on a {state} entry: {:?}",
                        reply.body
                    );
                }
            }
        }
    }
}

#[actix_web::test]
async fn editors_create_only_for_their_own_organisation() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let other = app
            .post(
                "/api/v1/use-cases",
                editor("707").as_deref(),
                None,
                Some(new_use_case("for-andre", "101")),
            )
            .await;
        assert_eq!(other.status, 403);
        let anonymous = app
            .post(
                "/api/v1/use-cases",
                None,
                None,
                Some(new_use_case("anonym", "707")),
            )
            .await;
        assert_eq!(anonymous.status, 401);
        // A curator creates for any organisation (the helper asserts the 201).
        app.create_use_case(curator().as_deref(), "kurator", "101")
            .await;
        // Handing an own entry to another organisation is refused too.
        let mine = app
            .create_use_case(editor("707").as_deref(), "mit", "707")
            .await;
        let given = app
            .patch(
                "/api/v1/use-cases/mit",
                editor("707").as_deref(),
                mine.etag.as_deref(),
                json!({"owner": "101"}),
            )
            .await;
        assert_eq!(given.status, 403);
    }
}

#[actix_web::test]
async fn only_curators_maintain_reference_data() {
    for db in seeded_databases() {
        let app = app(&db).await;
        let domain =
            json!({"slug": "beredskab", "name_da": "Beredskab", "name_en": "Emergency services"});
        let by_editor = app
            .put(
                "/api/v1/domains/beredskab",
                editor("707").as_deref(),
                None,
                domain.clone(),
            )
            .await;
        assert_eq!(by_editor.status, 403);
        let anonymous = app
            .put("/api/v1/domains/beredskab", None, None, domain.clone())
            .await;
        assert_eq!(anonymous.status, 401);
        let created = app
            .put(
                "/api/v1/domains/beredskab",
                curator().as_deref(),
                None,
                domain.clone(),
            )
            .await;
        assert_eq!(created.status, 201, "{:?}", created.body);
        let again = app
            .put(
                "/api/v1/domains/beredskab",
                curator().as_deref(),
                created.etag.as_deref(),
                domain,
            )
            .await;
        assert_eq!(again.status, 200, "{:?}", again.body);
        let listed = app.get("/api/v1/domains", None).await;
        assert!(
            listed.body["items"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|d| d["slug"] == "beredskab")
        );
        let mismatch = app
            .put(
                "/api/v1/organisations/999",
                curator().as_deref(),
                None,
                json!({"code": "998", "kind": "other", "name": "X Y"}),
            )
            .await;
        assert_eq!(mismatch.status, 422);
        let vendor = app
            .put(
                "/api/v1/organisations/ny-leverandor",
                curator().as_deref(),
                None,
                json!({"code": "ny-leverandor", "kind": "vendor", "name": "Ny Leverandør A/S"}),
            )
            .await;
        assert_eq!(vendor.status, 201, "{:?}", vendor.body);
    }
}
