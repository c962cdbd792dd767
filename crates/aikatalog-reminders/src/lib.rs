//! Review reminder e-mails. Every published entry has a review date (`aikatalog_domain::review`);
//! when it comes near (`due`) and when it has passed (`overdue`) the entry's contact, else its
//! owner's AI contact, gets one e-mail in Danish with links to the entry and its edit page.
//!
//! [`ReminderJob`] runs in `aikatalog serve` when SMTP is configured. Each run queues the
//! reminders the review dates call for (one row per entry, review date and kind, so none is
//! queued twice), then claims each ready one with a guarded update committed before anything is
//! sent (of several servers sharing the database exactly one wins), sends it, and marks it sent.
//! A failed send is put back with a later attempt time (backoff), so it is neither lost nor
//! sent twice; a server that stops mid-send leaves a claim whose lease runs out, and the
//! reminder is then tried again. State lives in the database only, so a restart changes nothing.
//!
//! Errors: a run's database failures are `anyhow` errors logged once by the loop; a failed send
//! is data (the row's `last_error`), not an error of the run.

mod job;
mod mail;

pub use job::{EntryLinks, LinkFn, ReminderJob, RunSummary, retry_delay};
pub use mail::{MailConfigError, Mailer, compose};
