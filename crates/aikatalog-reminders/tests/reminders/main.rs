//! The reminder job against a real SMTP server (aiosmtpd, started by the tests), on every
//! backend: the review dates it acts on, exactly one e-mail per reminder across runs, restarts
//! and concurrent servers, and retries after a failed send.

mod jobs;
mod review_dates;
mod smtp_server;
mod util;
