use aikatalog_domain::UseCase;
use aikatalog_domain::workflow::Action;
use aikatalog_publishing::{BasedOn, PublishError, edit, open_for_change, transition};

use crate::util::{curator, each_seeded, editor};

const SLUG: &str = "ai-aktindsigt-soenderborg";

#[test]
fn a_change_based_on_an_older_revision_is_refused_naming_the_current_one() {
    each_seeded(|db| {
        let opened = open_for_change::<UseCase>(&db.db, &editor("540"), SLUG).expect("opens");
        let read = opened.row.revision;
        let first = edit::<UseCase>(
            &db.db,
            &editor("540"),
            SLUG,
            Some(&BasedOn::Revision(read)),
            |doc| {
                doc["title"] = "Første ændring".into();
                Ok(())
            },
        )
        .expect("the first change is stored");
        assert_eq!(first.row.revision, read + 1);
        assert!(
            first.row.has_pending_change(),
            "the published version stays public"
        );

        // A second editor who read the same revision does not overwrite the first change.
        let second = edit::<UseCase>(
            &db.db,
            &curator(),
            SLUG,
            Some(&BasedOn::Revision(read)),
            |doc| {
                doc["title"] = "Anden ændring".into();
                Ok(())
            },
        );
        assert!(
            matches!(second, Err(PublishError::Stale { current, .. }) if current == read + 1),
            "{second:?}"
        );
        let now = open_for_change::<UseCase>(&db.db, &curator(), SLUG).expect("opens");
        assert_eq!(now.doc.title, "Første ændring");

        // A change that names no revision is refused as such.
        let unguarded =
            transition::<UseCase>(&db.db, &editor("540"), SLUG, None, Action::Submit, None);
        assert!(
            matches!(unguarded, Err(PublishError::RevisionRequired)),
            "{unguarded:?}"
        );
    });
}

#[test]
fn another_organisations_entry_cannot_be_opened_for_change() {
    each_seeded(|db| {
        let refused = open_for_change::<UseCase>(&db.db, &editor("707"), SLUG);
        assert!(
            matches!(refused, Err(PublishError::Forbidden(_))),
            "{refused:?}"
        );
        let missing = open_for_change::<UseCase>(&db.db, &editor("707"), "findes-ikke");
        assert!(
            matches!(missing, Err(PublishError::NotFound { .. })),
            "{missing:?}"
        );
    });
}
