//! The job end to end: an overdue entry's contact gets one e-mail, whatever runs after.

use aikatalog_domain::UseCase;
use aikatalog_storage::models::reminders;
use aikatalog_testing::each_seeded;
use chrono::{Datelike, NaiveDate, SubsecRound, TimeDelta, Utc};
use serde_json::json;

use crate::smtp_server;
use crate::util::{job, publish};

fn danish(d: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ];
    format!("{}. {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

#[actix_web::test]
async fn an_overdue_entry_gets_exactly_one_reminder_across_runs_and_restarts() {
    each_seeded(|db| async move {
        let Some(server) = smtp_server::start() else {
            return;
        };
        let past = Utc::now().date_naive() - TimeDelta::days(40);
        let id = publish::<UseCase>(
            &db.db,
            "smartmail-norddjurs",
            json!({
                "review_on": past.to_string(),
                "contact": {"name": "AI-teamet", "email": "ai-team@norddjurs.example"}
            }),
        );
        let now = Utc::now().naive_utc();
        let summary = job(&db.db, &server.url())
            .run_once(now)
            .await
            .expect("a run");
        assert_eq!((summary.queued, summary.sent, summary.failed), (1, 1, 0));

        let mails = server.messages();
        assert_eq!(mails.len(), 1, "{mails:?}");
        let mail = &mails[0];
        assert!(mail.to.contains("<ai-team@norddjurs.example>"), "{mail:?}");
        assert!(mail.to.contains("AI-teamet"), "{mail:?}");
        assert!(mail.from.contains("noreply@aikatalog.example"), "{mail:?}");
        assert_eq!(mail.content_type, "text/plain");
        assert!(
            mail.subject
                .contains("«Automatisk mailsortering (SmartMail)» skulle gennemgås"),
            "{mail:?}"
        );
        assert!(mail.body.starts_with("Hej AI-teamet\n"), "{}", mail.body);
        assert!(mail.body.contains(&danish(past)), "{}", mail.body);
        assert!(
            mail.body
                .contains("https://aikatalog.example/use_case/smartmail-norddjurs\n"),
            "{}",
            mail.body
        );
        assert!(
            mail.body
                .contains("https://aikatalog.example/rediger/use_case/smartmail-norddjurs\n"),
            "{}",
            mail.body
        );

        // The next run, and a restarted server (a new job, as `serve` makes at start), send
        // nothing more.
        let again = job(&db.db, &server.url())
            .run_once(now + TimeDelta::minutes(5))
            .await;
        assert_eq!(again.expect("a run").sent, 0);
        let restarted = job(&db.db, &server.url());
        let after_restart = restarted
            .run_once(Utc::now().naive_utc() + TimeDelta::hours(1))
            .await
            .expect("a run");
        assert_eq!((after_restart.queued, after_restart.sent), (0, 0));
        assert_eq!(server.messages().len(), 1);

        let rows = db.db.read(|c| reminders::of_entry(c, &id)).expect("read");
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].status, "sent");
        assert_eq!(rows[0].kind, "overdue");
        assert_eq!(rows[0].review_on, past);
        assert_eq!(
            rows[0].recipient.as_deref(),
            Some("ai-team@norddjurs.example")
        );
    })
    .await;
}

#[actix_web::test]
async fn a_failed_send_is_retried_later_and_sent_once() {
    each_seeded(|db| async move {
        let Some(server) = smtp_server::start() else {
            return;
        };
        let past = Utc::now().date_naive() - TimeDelta::days(1);
        let id = publish::<UseCase>(
            &db.db,
            "ai-aktindsigt-soenderborg",
            json!({
                "review_on": past.to_string(),
                "contact": {"email": "aktindsigt@sonderborg.example"}
            }),
        );
        // Stored timestamps keep microseconds (PostgreSQL's precision).
        let now = Utc::now().naive_utc().trunc_subsecs(6);
        let down = job(&db.db, &format!("smtp://127.0.0.1:{}", closed_port()));
        let failed = down.run_once(now).await.expect("a run");
        assert_eq!((failed.sent, failed.failed), (0, 1));
        let rows = db.db.read(|c| reminders::of_entry(c, &id)).expect("read");
        assert_eq!(rows[0].status, "pending");
        assert_eq!(rows[0].attempts, 1);
        assert_eq!(rows[0].next_attempt_at, now + TimeDelta::minutes(5));
        assert!(rows[0].last_error.is_some());

        // Not before its time, then once.
        let up = job(&db.db, &server.url());
        assert_eq!(up.run_once(now).await.expect("a run").sent, 0);
        assert!(server.messages().is_empty());
        let later = now + TimeDelta::minutes(6);
        assert_eq!(up.run_once(later).await.expect("a run").sent, 1);
        assert_eq!(up.run_once(later).await.expect("a run").sent, 0);
        let mails = server.messages();
        assert_eq!(mails.len(), 1, "{mails:?}");
        assert!(mails[0].to.contains("aktindsigt@sonderborg.example"));
        // No name on the contact: a plain greeting.
        assert!(mails[0].body.starts_with("Hej\n"), "{}", mails[0].body);
    })
    .await;
}

#[actix_web::test]
async fn of_two_servers_running_at_once_exactly_one_sends() {
    each_seeded(|db| async move {
        let Some(server) = smtp_server::start() else {
            return;
        };
        let past = Utc::now().date_naive() - TimeDelta::days(2);
        publish::<UseCase>(
            &db.db,
            "smartmail-norddjurs",
            json!({
                "review_on": past.to_string(),
                "contact": {"name": "AI-teamet", "email": "ai-team@norddjurs.example"}
            }),
        );
        let (a, b) = (job(&db.db, &server.url()), job(&db.db, &server.url()));
        let now = Utc::now().naive_utc();
        let (ra, rb) = futures_util::future::join(a.run_once(now), b.run_once(now)).await;
        let (ra, rb) = (ra.expect("run a"), rb.expect("run b"));
        assert_eq!(ra.sent + rb.sent, 1, "{ra:?} {rb:?}");
        assert_eq!(server.messages().len(), 1);
    })
    .await;
}

#[actix_web::test]
async fn an_entry_due_soon_gets_a_due_reminder_and_one_without_an_address_none() {
    each_seeded(|db| async move {
        let Some(server) = smtp_server::start() else {
            return;
        };
        let soon = Utc::now().date_naive() + TimeDelta::days(10);
        // The entry names no contact, but its owner has an AI contact.
        let id = publish::<UseCase>(
            &db.db,
            "smartmail-norddjurs",
            json!({"review_on": soon.to_string()}),
        );
        let no_address = publish::<UseCase>(
            &db.db,
            "ai-aktindsigt-soenderborg",
            json!({"review_on": soon.to_string()}),
        );
        crate::util::set_ai_contact(&db.db, "707", "ai@norddjurs.example");
        let run = job(&db.db, &server.url())
            .run_once(Utc::now().naive_utc())
            .await
            .expect("a run");
        assert_eq!((run.queued, run.sent, run.dropped), (2, 1, 1));
        let mails = server.messages();
        assert_eq!(mails.len(), 1, "{mails:?}");
        assert!(mails[0].to.contains("ai@norddjurs.example"));
        assert!(
            mails[0].subject.contains("skal gennemgås senest"),
            "{:?}",
            mails[0]
        );
        assert!(mails[0].body.contains("kontakt om AI"), "{}", mails[0].body);
        let rows = db.db.read(|c| reminders::of_entry(c, &id)).expect("read");
        assert_eq!(
            (rows[0].kind.as_str(), rows[0].status.as_str()),
            ("due", "sent")
        );
        let rows = db
            .db
            .read(|c| reminders::of_entry(c, &no_address))
            .expect("read");
        assert_eq!(rows[0].status, "no_recipient");
    })
    .await;
}
