//! Test helpers: publishing a seeded entry's new version, and a job with test links.

use std::sync::Arc;

use aikatalog_domain::{Entry, PublicationState, ReviewPolicy};
use aikatalog_reminders::{EntryLinks, Mailer, ReminderJob};
use aikatalog_storage::Database;
use aikatalog_storage::models::entries::{self, Change, Save};
use secrecy::SecretString;

/// Publishes a new version of the seeded entry `slug` with `patch`'s top-level fields set;
/// returns the entry's id.
pub fn publish<E: Entry>(db: &Database, slug: &str, patch: serde_json::Value) -> String {
    let row = db
        .read(|c| entries::find(c, E::KIND, slug))
        .expect("read")
        .unwrap_or_else(|| panic!("{slug} is seeded"));
    let current: E = row.current_document().expect("it parses");
    let mut doc = serde_json::to_value(&current).expect("serialise");
    for (key, value) in patch.as_object().expect("a patch is an object") {
        doc[key] = value.clone();
    }
    doc["meta"] = serde_json::Value::Null;
    let edited: E = serde_json::from_value(doc).expect("the edited document parses");
    db.write_with(|c| {
        entries::save(
            c,
            Some(&row),
            &edited,
            Save {
                state: PublicationState::Published,
                publish: true,
            },
            Change {
                actor: "test",
                transition: "publish",
                message: None,
            },
        )
    })
    .expect("publish")
    .id
}

/// A job sending through `smtp_url`, linking to `https://aikatalog.example`.
pub fn job(db: &Database, smtp_url: &str) -> ReminderJob {
    let mailer = Mailer::new(
        &SecretString::from(smtp_url.to_owned()),
        "AI-kataloget <noreply@aikatalog.example>",
    )
    .expect("a mailer");
    ReminderJob::new(
        db.clone(),
        ReviewPolicy::default(),
        mailer,
        Arc::new(|kind, slug| EntryLinks {
            page: format!("https://aikatalog.example/{}/{slug}", kind.as_str()),
            edit: format!("https://aikatalog.example/rediger/{}/{slug}", kind.as_str()),
        }),
    )
}

/// Gives organisation `code` an AI contact with `email`.
pub fn set_ai_contact(db: &Database, code: &str, email: &str) {
    use aikatalog_domain::Organisation;
    use aikatalog_domain::sections::Contact;
    use aikatalog_storage::models::reference_records::{self, RefKind};
    db.write_with(|c| {
        let stored = reference_records::current(c, RefKind::Organisation, code)?
            .unwrap_or_else(|| panic!("{code} is seeded"));
        let mut org: Organisation =
            serde_json::from_str(&stored.document).expect("an organisation");
        org.ai_contact = Some(Contact {
            email: Some(email.to_owned()),
            ..Contact::default()
        });
        reference_records::sync_organisation(c, &org, "test").map(|_| ())
    })
    .expect("update the organisation");
}
