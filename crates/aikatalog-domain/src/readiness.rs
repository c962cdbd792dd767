//! What an entry needs before it goes to review or to the public, beyond what a draft needs:
//! a draft may be saved half-written, but readers must be able to ask someone about what they
//! read, so submitting and publishing require a contact.

use crate::entry::Entry;
use crate::sections::Contact;
use crate::validation::{FieldError, FieldErrors};

/// Checks that `doc` may be submitted or published; the errors name the fields to fill in.
pub fn check_ready<E: Entry>(doc: &E) -> Result<(), FieldErrors> {
    let mut out = FieldErrors::default();
    check_contact(doc.contact(), &mut out);
    out.into_result()
}

fn check_contact(contact: Option<&Contact>, out: &mut FieldErrors) {
    let Some(contact) = contact else {
        out.push(FieldError::new(
            "contact",
            "required",
            "an entry needs a contact (a name or team and an e-mail address) before it is \
             submitted or published",
        ));
        return;
    };
    if contact.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
        out.push(FieldError::new(
            "contact.name",
            "required",
            "the contact needs a person's or a team's name before the entry is submitted or \
             published",
        ));
    }
    if contact.email.is_none() {
        out.push(FieldError::new(
            "contact.email",
            "required",
            "the contact needs an e-mail address (a shared mailbox is fine) before the entry is \
             submitted or published",
        ));
    }
}
