//! Who asks for a change: an organisation's editor or a curator. The API's token `Principal`
//! and the pages' signed-in viewer both convert into a [`Caller`].

use aikatalog_domain::{OrgCode, Role};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The identity provider's (or token's) subject, recorded in revisions.
    pub subject: String,
    pub role: Role,
    /// The organisation an editor acts for (curators may have one too).
    pub org: Option<OrgCode>,
}

impl Caller {
    pub fn is_curator(&self) -> bool {
        self.role == Role::Curator
    }

    /// Whether this caller may change (and see unpublished states of) an entry owned by `owner`.
    pub fn may_edit(&self, owner: &OrgCode) -> bool {
        self.is_curator() || self.org.as_ref() == Some(owner)
    }

    /// [`Caller::may_edit`] for an owner code as stored; a code that does not parse is nobody's.
    pub fn may_edit_code(&self, owner: &str) -> bool {
        OrgCode::try_from(owner).is_ok_and(|owner| self.may_edit(&owner))
    }

    /// The actor recorded in revisions: `role:subject@org`.
    pub fn actor(&self) -> String {
        match &self.org {
            Some(org) => format!("{}:{}@{}", self.role.as_str(), self.subject, org),
            None => format!("{}:{}", self.role.as_str(), self.subject),
        }
    }
}
