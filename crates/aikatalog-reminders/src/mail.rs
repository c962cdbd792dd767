//! The e-mail itself (plain text, in Danish) and the SMTP transport (`lettre` on tokio, TLS by
//! rustls when the URL asks for it).

use aikatalog_domain::{EntryKind, ReviewState};
use chrono::{Datelike, NaiveDate};
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::{ExposeSecret, SecretString};

/// The SMTP settings cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error(
        "not an SMTP URL (smtp://host:port, smtp://host:port?tls=required or smtps://host:port, \
         with user:password@ when the server wants them): {0}"
    )]
    Url(String),
    #[error("not an e-mail address like `AI-kataloget <noreply@kommune.dk>`: {0}")]
    From(String),
}

/// Sends e-mails through one SMTP server.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    // The transport holds the credentials; only the sender is shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

impl Mailer {
    /// A mailer for `smtp_url` (`smtp://` plain or with `?tls=required` for STARTTLS, `smtps://`
    /// for TLS from the start) sending as `from`.
    pub fn new(smtp_url: &SecretString, from: &str) -> Result<Self, MailConfigError> {
        let from = Self::check_from(from)?;
        let url = smtp_url.expose_secret();
        let scheme_ok = url::Url::parse(url)
            .is_ok_and(|u| matches!(u.scheme(), "smtp" | "smtps") && u.host_str().is_some());
        if !scheme_ok {
            return Err(MailConfigError::Url(
                "the scheme must be smtp or smtps, with a host".into(),
            ));
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            // lettre's message may quote the URL; say only what kind of mistake it is.
            .map_err(|e| MailConfigError::Url(kind_of(&e)))?
            .timeout(Some(std::time::Duration::from_secs(30)))
            .build();
        Ok(Self { transport, from })
    }

    /// Checks a sender address (`name <address>` or a bare address).
    pub fn check_from(from: &str) -> Result<Mailbox, MailConfigError> {
        from.trim()
            .parse::<Mailbox>()
            .map_err(|e| MailConfigError::From(format!("`{from}`: {e}")))
    }

    pub fn from(&self) -> &Mailbox {
        &self.from
    }

    /// Sends one message; the error says what went wrong in words fit for a log and the
    /// reminder's `last_error` (no credentials).
    pub async fn send(&self, message: Message) -> Result<(), String> {
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

fn kind_of(e: &lettre::transport::smtp::Error) -> String {
    if e.is_client() {
        "the URL is malformed".into()
    } else {
        "the URL names an unusable transport".into()
    }
}

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

/// A date as Danish prose writes it: "1. december 2026".
fn danish_date(d: NaiveDate) -> String {
    let month = MONTHS.get(d.month0() as usize).copied().unwrap_or_default();
    format!("{}. {month} {}", d.day(), d.year())
}

/// What one reminder says.
pub struct Reminder<'a> {
    pub kind: EntryKind,
    pub state: ReviewState,
    pub title: &'a str,
    pub review_on: NaiveDate,
    /// The public page and the edit page, absolute.
    pub page_url: &'a str,
    pub edit_url: &'a str,
    /// The recipient's name, when known.
    pub name: Option<&'a str>,
    /// The owner's name, when the reminder goes to its AI contact because the entry names none.
    pub via_owner: Option<&'a str>,
}

/// The subject and the plain-text body of a reminder, in Danish.
pub fn compose(r: &Reminder<'_>) -> (String, String) {
    let what = match r.kind {
        EntryKind::UseCase => "use casen",
        EntryKind::Algorithm => "algoritmen",
    };
    let date = danish_date(r.review_on);
    let (subject, opening) = match r.state {
        ReviewState::Due => (
            format!("Påmindelse: «{}» skal gennemgås senest {date}", r.title),
            format!(
                "Oplysningerne om {what} «{}» i AI-kataloget skal gennemgås senest {date}.",
                r.title
            ),
        ),
        ReviewState::Overdue => (
            format!(
                "Gennemgang overskredet: «{}» skulle gennemgås {date}",
                r.title
            ),
            format!(
                "Oplysningerne om {what} «{}» i AI-kataloget skulle have været gennemgået {date}, \
                 og de er ikke gennemgået siden.",
                r.title
            ),
        ),
    };
    let greeting = r
        .name
        .map_or_else(|| "Hej".to_owned(), |n| format!("Hej {n}"));
    let why = match r.via_owner {
        Some(owner) => format!(
            "Du får denne mail, fordi du er {owner}s kontakt om AI, og {what} ikke selv \
             nævner en kontaktperson."
        ),
        None => format!("Du får denne mail, fordi du er kontakt for {what}."),
    };
    let body = format!(
        "{greeting}\n\n{opening}\n\nSe efter, om beskrivelsen stadig er rigtig, og ret den, hvis \
         noget har ændret sig. Når en ændring er offentliggjort, eller når I har sat en ny \
         gennemgangsdato, regnes gennemgangen fra den nye dato.\n\nSe {what}:\n{}\n\nRet {what}:\n{}\n\n\
         {why}\n\nVenlig hilsen\nAI-kataloget\n",
        r.page_url, r.edit_url
    );
    (subject, body)
}

/// The message for `to`, ready to send.
pub fn message(
    from: &Mailbox,
    to: Mailbox,
    subject: String,
    body: String,
) -> Result<Message, String> {
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_danish_prose() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
        assert_eq!(danish_date(d), "1. december 2026");
    }

    #[test]
    fn an_overdue_reminder_names_the_entry_the_date_and_both_links() {
        let (subject, body) = compose(&Reminder {
            kind: EntryKind::UseCase,
            state: ReviewState::Overdue,
            title: "Automatisk mailsortering",
            review_on: NaiveDate::from_ymd_opt(2026, 3, 5).expect("a date"),
            page_url: "https://aikatalog.dk/use-cases/smartmail",
            edit_url: "https://aikatalog.dk/mit-arbejde/anvendelser/smartmail/rediger",
            name: Some("Team AI"),
            via_owner: None,
        });
        assert!(subject.contains("«Automatisk mailsortering»"), "{subject}");
        assert!(subject.contains("5. marts 2026"), "{subject}");
        assert!(body.starts_with("Hej Team AI\n"), "{body}");
        assert!(
            body.contains("skulle have været gennemgået 5. marts 2026"),
            "{body}"
        );
        assert!(
            body.contains("https://aikatalog.dk/use-cases/smartmail\n"),
            "{body}"
        );
        assert!(
            body.contains("https://aikatalog.dk/mit-arbejde/anvendelser/smartmail/rediger\n"),
            "{body}"
        );
    }

    #[test]
    fn bad_settings_are_refused_without_echoing_the_url() {
        let secret: SecretString = "http://user:hunter2@mail.example".into();
        let err = Mailer::new(&secret, "AI-kataloget <noreply@example.dk>")
            .expect_err("http is not smtp");
        assert!(!err.to_string().contains("hunter2"), "{err}");
        let smtp: SecretString = "smtp://127.0.0.1:2525".into();
        assert!(Mailer::new(&smtp, "not an address").is_err());
        assert!(Mailer::new(&smtp, "AI-kataloget <noreply@example.dk>").is_ok());
    }
}
