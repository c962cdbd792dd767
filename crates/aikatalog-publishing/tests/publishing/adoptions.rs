use aikatalog_domain::{OrgCode, UseCase};
use aikatalog_publishing::{AdoptionRequest, PublishError, adopt, withdraw_adoption};

use crate::util::{curator, each_seeded, editor};

const SLUG: &str = "ai-aktindsigt-soenderborg";

#[test]
fn an_organisation_withdraws_its_own_adoption_and_no_one_else_s() {
    each_seeded(|db| {
        let request = AdoptionRequest {
            note: Some("Bruges i Norddjurs".into()),
            ..AdoptionRequest::default()
        };
        let adopted = adopt::<UseCase>(&db.db, &editor("707"), SLUG, request).expect("adopted");
        assert!(adopted.iter().any(|a| a.organisation.as_str() == "707"));

        let other = withdraw_adoption::<UseCase>(
            &db.db,
            &editor("101"),
            SLUG,
            Some(OrgCode::try_from("707").expect("a code")),
        );
        assert!(
            matches!(other, Err(PublishError::Forbidden(_))),
            "{other:?}"
        );

        let left =
            withdraw_adoption::<UseCase>(&db.db, &editor("707"), SLUG, None).expect("withdrawn");
        assert!(
            left.iter().all(|a| a.organisation.as_str() != "707"),
            "{left:?}"
        );

        // Nothing left to withdraw: said so, not silently accepted.
        let again = withdraw_adoption::<UseCase>(&db.db, &editor("707"), SLUG, None);
        assert!(
            matches!(
                again,
                Err(PublishError::NotFound {
                    what: "adoption",
                    ..
                })
            ),
            "{again:?}"
        );
        let by_curator = withdraw_adoption::<UseCase>(&db.db, &curator(), SLUG, None);
        assert!(
            matches!(by_curator, Err(PublishError::Invalid(_))),
            "{by_curator:?}"
        );
    });
}
