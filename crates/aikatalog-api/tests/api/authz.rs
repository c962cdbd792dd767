//! The authorisation matrix: role × endpoint × own/other organisation × entry state.

use aikatalog_testing::tokens::{curator, editor};
use aikatalog_testing::{RequestBuilder, each_seeded_app};
use serde_json::json;

use crate::util::{create_use_case, new_use_case};

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

/// `request` as `caller` sends it.
fn as_caller(request: RequestBuilder<'_>, caller: Caller) -> RequestBuilder<'_> {
    match caller {
        Caller::Anonymous => request,
        Caller::OwnEditor => request.as_editor("707"),
        Caller::OtherEditor => request.as_editor("101"),
        Caller::Curator => request.as_curator(),
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
    each_seeded_app(|app| async move {
        let mut n = 0;
        for state in ["draft", "submitted", "published"] {
            for action in ["read", "edit", "submit", "publish", "archive"] {
                for caller in CALLERS {
                    n += 1;
                    // A fresh entry of Norddjurs (707) in the wanted state for every cell.
                    let slug = format!("matrix-{n}");
                    let uri = format!("/api/v1/use-cases/{slug}");
                    let owner = editor("707");
                    let created = create_use_case(&app, &owner, &slug, "707").await;
                    let mut tag = created.etag.clone();
                    if state != "draft" {
                        tag = app
                            .post(&format!("{uri}/submit"))
                            .bearer(&owner)
                            .if_match(tag.as_deref())
                            .await
                            .etag;
                    }
                    if state == "published" {
                        tag = app
                            .post(&format!("{uri}/publish"))
                            .as_curator()
                            .if_match(tag.as_deref())
                            .await
                            .etag;
                    }
                    let request = match action {
                        "read" => app.get(&uri),
                        "edit" => app
                            .patch(&uri)
                            .if_match(tag.as_deref())
                            .json(json!({"started": "2024"})),
                        other => app.post(&format!("{uri}/{other}")).if_match(tag.as_deref()),
                    };
                    let reply = as_caller(request, caller).await;
                    let want = expected(action, state, caller);
                    assert_eq!(
                        reply.status.as_u16(),
                        want,
                        "{caller:?} {action} on a {state} entry: {:?}",
                        reply.json
                    );
                }
            }
        }
    })
    .await;
}

#[actix_web::test]
async fn editors_create_only_for_their_own_organisation() {
    each_seeded_app(|app| async move {
        let other = app
            .post("/api/v1/use-cases")
            .as_editor("707")
            .json(new_use_case("for-andre", "101"))
            .await;
        assert_eq!(other.status, 403);
        let anonymous = app
            .post("/api/v1/use-cases")
            .json(new_use_case("anonym", "707"))
            .await;
        assert_eq!(anonymous.status, 401);
        // A curator creates for any organisation (the helper asserts the 201).
        create_use_case(&app, &curator(), "kurator", "101").await;
        // Handing an own entry to another organisation is refused too.
        let mine = create_use_case(&app, &editor("707"), "mit", "707").await;
        let given = app
            .patch("/api/v1/use-cases/mit")
            .as_editor("707")
            .if_match(mine.etag.as_deref())
            .json(json!({"owner": "101"}))
            .await;
        assert_eq!(given.status, 403);
    })
    .await;
}

#[actix_web::test]
async fn only_curators_maintain_reference_data() {
    each_seeded_app(|app| async move {
        let domain =
            json!({"slug": "beredskab", "name_da": "Beredskab", "name_en": "Emergency services"});
        let by_editor = app
            .put("/api/v1/domains/beredskab")
            .as_editor("707")
            .json(&domain)
            .await;
        assert_eq!(by_editor.status, 403);
        let anonymous = app.put("/api/v1/domains/beredskab").json(&domain).await;
        assert_eq!(anonymous.status, 401);
        let created = app
            .put("/api/v1/domains/beredskab")
            .as_curator()
            .json(&domain)
            .await;
        assert_eq!(created.status, 201, "{:?}", created.json);
        let again = app
            .put("/api/v1/domains/beredskab")
            .as_curator()
            .if_match(created.etag.as_deref())
            .json(&domain)
            .await;
        assert_eq!(again.status, 200, "{:?}", again.json);
        let listed = app.get("/api/v1/domains").await;
        assert!(
            listed.json["items"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|d| d["slug"] == "beredskab")
        );
        let mismatch = app
            .put("/api/v1/organisations/999")
            .as_curator()
            .json(json!({"code": "998", "kind": "other", "name": "X Y"}))
            .await;
        assert_eq!(mismatch.status, 422);
        let vendor = app
            .put("/api/v1/organisations/ny-leverandor")
            .as_curator()
            .json(json!({"code": "ny-leverandor", "kind": "vendor", "name": "Ny Leverandør A/S"}))
            .await;
        assert_eq!(vendor.status, 201, "{:?}", vendor.json);
    })
    .await;
}
