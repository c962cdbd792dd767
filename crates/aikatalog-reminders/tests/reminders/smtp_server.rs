//! A local SMTP server for the tests: `python -m aiosmtpd` with its Maildir handler, so every
//! message it accepts is a file. `AIKATALOG_TEST_SMTP_PYTHON` names the Python that has aiosmtpd
//! (default `python3`); without it the tests print SKIPPED and pass, unless
//! `AIKATALOG_TEST_REQUIRE_SMTP=1` (as `.ci/run` sets) makes that a failure.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct SmtpServer {
    child: Child,
    pub port: u16,
    maildir: tempfile::TempDir,
}

fn python() -> String {
    std::env::var("AIKATALOG_TEST_SMTP_PYTHON")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "python3".to_owned())
}

/// Starts a server on a free loopback port, or `None` (with a message) when aiosmtpd is not
/// available and not required.
pub fn start() -> Option<SmtpServer> {
    let python = python();
    let available = Command::new(&python)
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !available {
        let why = format!(
            "`{python}` cannot import aiosmtpd; set AIKATALOG_TEST_SMTP_PYTHON to a Python with \
             `pip install aiosmtpd`"
        );
        if std::env::var("AIKATALOG_TEST_REQUIRE_SMTP").as_deref() == Ok("1") {
            panic!("AIKATALOG_TEST_REQUIRE_SMTP=1 but {why}");
        }
        eprintln!("SKIPPED: {why}");
        return None;
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let maildir = tempfile::tempdir().expect("a temporary folder");
    let child = Command::new(&python)
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
        // The handler's argument follows its class path.
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(maildir.path().join("mail"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start aiosmtpd");
    let server = SmtpServer {
        child,
        port,
        maildir,
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "aiosmtpd did not start on {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(server)
}

impl SmtpServer {
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, decoded by Python's own e-mail parser (headers and
    /// body as a reader sees them, whatever transfer encoding the sender chose).
    pub fn messages(&self) -> Vec<Mail> {
        let new: PathBuf = self.maildir.path().join("mail").join("new");
        let Ok(files) = std::fs::read_dir(&new) else {
            return Vec::new();
        };
        let mut out: Vec<Mail> = files
            .filter_map(Result::ok)
            .map(|f| decode(&f.path()))
            .collect();
        out.sort_by(|a, b| a.to.cmp(&b.to));
        out
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One received e-mail.
#[derive(Debug, Clone)]
pub struct Mail {
    pub from: String,
    pub to: String,
    pub subject: String,
    pub content_type: String,
    pub body: String,
}

fn decode(path: &std::path::Path) -> Mail {
    const SCRIPT: &str = "import email, email.policy, sys\n\
        m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)\n\
        sys.stdout.write('\\x1f'.join([str(m['From']), str(m['To']), str(m['Subject']), \
        m.get_content_type(), m.get_content()]))\n";
    let out = Command::new(python())
        .args(["-c", SCRIPT])
        .arg(path)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let mut parts = text.split('\u{1f}').map(str::to_owned);
    let mut next = || parts.next().unwrap_or_default();
    Mail {
        from: next(),
        to: next(),
        subject: next(),
        content_type: next(),
        body: next(),
    }
}
