//! The reminder job: queue what the review dates call for, then claim, send and mark each ready
//! reminder. Database work runs on tokio's blocking pool; sending is async.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use aikatalog_domain::review::reminder_recipient;
use aikatalog_domain::{Algorithm, Entry, EntryKind, Organisation, ReviewPolicy, UseCase};
use aikatalog_storage::Database;
use aikatalog_storage::models::entries::{EntryRow, parse_stored};
use aikatalog_storage::models::reference_records::{self, RefKind};
use aikatalog_storage::models::reminders::{self, Outcome, ReminderKey, ReminderStatus};
use aikatalog_storage::models::reviews::{self, DueFilter};
use anyhow::Context;
use chrono::{NaiveDateTime, TimeDelta};
use lettre::message::Mailbox;

use crate::mail::{self, Mailer, Reminder};

/// How long a claim holds before another server may take the reminder over. Longer than any
/// send may take (the SMTP timeout is 30 s).
const LEASE: TimeDelta = TimeDelta::minutes(10);
/// Reminders claimed per run at most; the rest wait for the next run.
const BATCH: i64 = 100;

/// How long to wait before attempt `attempts + 1` after `attempts` failed ones: 5 minutes,
/// doubling, at most 6 hours.
pub fn retry_delay(attempts: i64) -> TimeDelta {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 10)).unwrap_or(10);
    (TimeDelta::minutes(5) * 2_i32.pow(doublings)).min(TimeDelta::hours(6))
}

/// The public page and the edit page of an entry, absolute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryLinks {
    pub page: String,
    pub edit: String,
}

/// Builds an entry's links from its kind and slug (the pages' addresses are the web crate's).
pub type LinkFn = Arc<dyn Fn(EntryKind, &str) -> EntryLinks + Send + Sync>;

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunSummary {
    pub queued: usize,
    pub sent: usize,
    pub failed: usize,
    /// Claimed but not to be sent (no address, or the review date changed meanwhile).
    pub dropped: usize,
}

#[derive(Clone)]
pub struct ReminderJob {
    db: Database,
    policy: ReviewPolicy,
    mailer: Mailer,
    links: LinkFn,
    /// This server's name in claims, unique per process.
    worker: String,
}

impl std::fmt::Debug for ReminderJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReminderJob")
            .field("worker", &self.worker)
            .field("mailer", &self.mailer)
            .finish_non_exhaustive()
    }
}

/// One claimed reminder, resolved to what to send, or why not.
enum Plan {
    Send {
        to: Mailbox,
        recipient: String,
        subject: String,
        body: String,
    },
    Drop(ReminderStatus),
}

impl ReminderJob {
    pub fn new(db: Database, policy: ReviewPolicy, mailer: Mailer, links: LinkFn) -> Self {
        Self {
            db,
            policy,
            mailer,
            links,
            worker: format!("reminders-{}", uuid::Uuid::now_v7()),
        }
    }

    /// Runs the job every `interval` until `stop` is set (checked every second, so a shutdown
    /// waits at most for the send under way). A failed run is logged and the next one tries
    /// again.
    pub fn spawn(self, interval: Duration, stop: Arc<AtomicBool>) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let now = chrono::Utc::now().naive_utc();
                match self.run_once(now).await {
                    Ok(summary) if summary != RunSummary::default() => tracing::info!(
                        queued = summary.queued,
                        sent = summary.sent,
                        failed = summary.failed,
                        dropped = summary.dropped,
                        "review reminders: run done"
                    ),
                    Ok(_) => {}
                    Err(e) => {
                        tracing::error!(error = format!("{e:#}"), "review reminders: run failed")
                    }
                }
                let mut waited = Duration::ZERO;
                while waited < interval && !stop.load(Ordering::Relaxed) {
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    waited += Duration::from_secs(1);
                }
            }
        })
    }

    /// One run at `now` (UTC): queue, then claim, send and mark every ready reminder.
    pub async fn run_once(&self, now: NaiveDateTime) -> anyhow::Result<RunSummary> {
        let mut summary = RunSummary {
            queued: self.blocking(move |job| job.queue(now)).await?,
            ..RunSummary::default()
        };
        let ready = self
            .blocking(move |job| Ok(job.db.read(|c| reminders::claimable(c, now, BATCH))?))
            .await?;
        for row in ready {
            let Some(kind) = row.kind() else { continue };
            let key = ReminderKey {
                entry_id: row.entry_id.clone(),
                review_on: row.review_on,
                kind,
            };
            let claim_key = key.clone();
            let plan = self
                .blocking(move |job| job.claim_and_plan(&claim_key, now))
                .await?;
            let outcome = match plan {
                None => continue,
                Some(Plan::Drop(status)) => {
                    summary.dropped += 1;
                    Outcome::Dropped(status)
                }
                Some(Plan::Send {
                    to,
                    recipient,
                    subject,
                    body,
                }) => {
                    let sent = match mail::message(self.mailer.from(), to, subject, body) {
                        Ok(message) => self.mailer.send(message).await,
                        Err(e) => Err(e),
                    };
                    match sent {
                        Ok(()) => {
                            summary.sent += 1;
                            tracing::info!(
                                entry.id = %key.entry_id,
                                review_on = %key.review_on,
                                kind = key.kind.as_str(),
                                "review reminder sent"
                            );
                            Outcome::Sent { recipient }
                        }
                        Err(error) => {
                            summary.failed += 1;
                            let retry_at = now + retry_delay(row.attempts + 1);
                            tracing::warn!(
                                entry.id = %key.entry_id,
                                kind = key.kind.as_str(),
                                %error,
                                %retry_at,
                                "review reminder not sent; will retry"
                            );
                            Outcome::Failed { error, retry_at }
                        }
                    }
                }
            };
            let finished_at = chrono::Utc::now().naive_utc().max(now);
            self.blocking(move |job| {
                Ok(job
                    .db
                    .write(|c| reminders::finish(c, &key, &job.worker, outcome, finished_at))?)
            })
            .await?;
        }
        Ok(summary)
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Self) -> anyhow::Result<T> + Send + 'static,
    ) -> anyhow::Result<T> {
        let job = self.clone();
        tokio::task::spawn_blocking(move || f(&job))
            .await
            .context("the reminder job's database task stopped")?
    }

    /// Queues a reminder for every public entry due or overdue for review today, each in its
    /// own transaction (another server may queue the same one at the same moment).
    fn queue(&self, now: NaiveDateTime) -> anyhow::Result<usize> {
        let today = now.date();
        let due = self
            .db
            .read(|c| reviews::list_due(c, &self.policy, &DueFilter::default(), today))?;
        let mut queued = 0;
        for review in due {
            let key = ReminderKey {
                entry_id: review.entry.id,
                review_on: review.review_on,
                kind: review.state,
            };
            if self.db.write(|c| reminders::queue(c, &key, now))? {
                queued += 1;
            }
        }
        Ok(queued)
    }

    /// Claims the reminder (committed before anything is sent) and works out what to send:
    /// `None` when another server claimed it first.
    fn claim_and_plan(
        &self,
        key: &ReminderKey,
        now: NaiveDateTime,
    ) -> anyhow::Result<Option<Plan>> {
        let won = self
            .db
            .write(|c| reminders::claim(c, key, &self.worker, now, now + LEASE))?;
        if !won {
            return Ok(None);
        }
        let plan = self.db.read_with(|c| -> anyhow::Result<Plan> {
            let Some(entry) = reminders::entry_of(c, &key.entry_id)? else {
                return Ok(Plan::Drop(ReminderStatus::Obsolete));
            };
            // The review date may have moved since the reminder was queued (a new version was
            // published, or the owner set a new date): then this reminder is moot.
            let current = reviews::review_date_of(c, &self.policy, &entry)?;
            if current != Some(key.review_on)
                || self.policy.state(key.review_on, now.date()).is_none()
            {
                return Ok(Plan::Drop(ReminderStatus::Obsolete));
            }
            let owner: Option<Organisation> =
                reference_records::current(c, RefKind::Organisation, &entry.owner_code)?
                    .and_then(|stored| serde_json::from_str(&stored.document).ok());
            self.plan(&entry, key, owner.as_ref())
        })?;
        Ok(Some(plan))
    }

    fn plan(
        &self,
        entry: &EntryRow,
        key: &ReminderKey,
        owner: Option<&Organisation>,
    ) -> anyhow::Result<Plan> {
        let document = entry.published_document.as_deref().unwrap_or_default();
        let kind = EntryKind::parse(&entry.kind).context("an entry of an unknown kind")?;
        let (title, own_contact) = match kind {
            EntryKind::UseCase => {
                let doc: UseCase = parse_stored(document)?;
                (doc.title.clone(), doc.contact().cloned())
            }
            EntryKind::Algorithm => {
                let doc: Algorithm = parse_stored(document)?;
                (doc.name.clone(), doc.contact().cloned())
            }
        };
        let owner_contact = owner.and_then(|o| o.ai_contact.as_ref());
        let Some(contact) = reminder_recipient(own_contact.as_ref(), owner_contact) else {
            return Ok(Plan::Drop(ReminderStatus::NoRecipient));
        };
        // The entry's own contact is chosen whenever it has an address.
        let via_owner = own_contact
            .as_ref()
            .and_then(|c| c.email.as_deref())
            .is_none_or(|e| e.trim().is_empty());
        let email = contact.email.clone().unwrap_or_default();
        let Ok(address) = email.trim().parse() else {
            return Ok(Plan::Drop(ReminderStatus::NoRecipient));
        };
        let to = Mailbox::new(contact.name.clone(), address);
        let links = (self.links)(kind, &entry.slug);
        let (subject, body) = mail::compose(&Reminder {
            kind,
            state: key.kind,
            title: &title,
            review_on: key.review_on,
            page_url: &links.page,
            edit_url: &links.edit,
            name: contact.name.as_deref(),
            via_owner: via_owner
                .then(|| owner.map_or(entry.owner_code.as_str(), |o| o.name.as_str())),
        });
        Ok(Plan::Send {
            to,
            recipient: email.trim().to_owned(),
            subject,
            body,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_from_five_minutes_to_six_hours() {
        assert_eq!(retry_delay(1), TimeDelta::minutes(5));
        assert_eq!(retry_delay(2), TimeDelta::minutes(10));
        assert_eq!(retry_delay(3), TimeDelta::minutes(20));
        assert_eq!(retry_delay(50), TimeDelta::hours(6));
    }
}
