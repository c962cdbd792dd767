//! The editorial workflow as a pure function: which action is allowed in which state, and
//! what it leads to. draft → submitted → published; a rejection goes back to draft; curators
//! archive and restore. An edit to a published entry is a pending revision: the entry's working
//! state is draft while the public keeps the published revision.

use crate::entry::PublicationState::{self, Archived, Draft, Published, Submitted};

/// What a caller asks to do to an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Edit,
    Submit,
    Publish,
    Reject,
    Archive,
    Restore,
}

impl Action {
    /// The name recorded as the revision's transition.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Edit => "update",
            Action::Submit => "submit",
            Action::Publish => "publish",
            Action::Reject => "reject",
            Action::Archive => "archive",
            Action::Restore => "restore",
        }
    }

    /// Whether only curators may take this action.
    pub fn curator_only(self) -> bool {
        matches!(
            self,
            Action::Publish | Action::Reject | Action::Archive | Action::Restore
        )
    }
}

/// Where an allowed action leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub state: PublicationState,
    /// Whether the new revision becomes the public one.
    pub publish: bool,
}

/// The facts about an entry the workflow needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Situation {
    pub state: PublicationState,
    /// Whether some revision has been published.
    pub has_published: bool,
    /// Whether the newest revision differs from the published one.
    pub pending: bool,
}

/// Applies `action` to an entry in `situation`, or says why it cannot be done.
pub fn apply(situation: Situation, action: Action) -> Result<Outcome, String> {
    let to = |state, publish| Ok(Outcome { state, publish });
    match (action, situation.state) {
        (Action::Edit, Archived) => {
            Err("an archived entry must be restored before it is edited".into())
        }
        (Action::Edit, _) => to(Draft, false),
        (Action::Submit, Draft) => to(Submitted, false),
        (Action::Submit, Submitted) => Err("the entry is already submitted for review".into()),
        (Action::Submit, Published) => {
            Err("the entry is published and has no pending change to submit".into())
        }
        (Action::Publish, Draft | Submitted) => to(Published, true),
        (Action::Publish, Published) => Err("the entry is already published".into()),
        (Action::Reject, Submitted) => to(Draft, false),
        (Action::Reject, _) => Err("only a submitted entry can be rejected".into()),
        (Action::Archive, Archived) => Err("the entry is already archived".into()),
        (Action::Archive, _) => to(Archived, false),
        (Action::Restore, Archived) => {
            if situation.has_published && !situation.pending {
                to(Published, false)
            } else {
                to(Draft, false)
            }
        }
        (Action::Restore, _) => Err("only an archived entry can be restored".into()),
        (Action::Submit | Action::Publish, Archived) => {
            Err("an archived entry must be restored first".into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(state: PublicationState) -> Situation {
        Situation {
            state,
            has_published: false,
            pending: false,
        }
    }

    #[test]
    fn the_happy_path_runs_draft_submitted_published() {
        let submitted = apply(at(Draft), Action::Submit).expect("submit");
        assert_eq!(
            submitted,
            Outcome {
                state: Submitted,
                publish: false
            }
        );
        let published = apply(at(Submitted), Action::Publish).expect("publish");
        assert_eq!(
            published,
            Outcome {
                state: Published,
                publish: true
            }
        );
    }

    #[test]
    fn a_rejection_returns_to_draft_and_other_moves_are_refused() {
        assert_eq!(
            apply(at(Submitted), Action::Reject).map(|o| o.state),
            Ok(Draft)
        );
        assert!(apply(at(Draft), Action::Reject).is_err());
        assert!(apply(at(Published), Action::Publish).is_err());
        assert!(apply(at(Archived), Action::Edit).is_err());
        assert!(apply(at(Published), Action::Restore).is_err());
    }

    #[test]
    fn restoring_returns_to_the_published_revision_when_there_is_one() {
        let published = Situation {
            state: Archived,
            has_published: true,
            pending: false,
        };
        assert_eq!(
            apply(published, Action::Restore).map(|o| o.state),
            Ok(Published)
        );
        let never = at(Archived);
        assert_eq!(apply(never, Action::Restore).map(|o| o.state), Ok(Draft));
        // Restoring never republishes by itself.
        assert!(!apply(published, Action::Restore).expect("restore").publish);
    }
}
