//! Black-box tests of the `aikatalog` binary: each runs the built executable as a user would,
//! against a fresh database on every backend the environment offers (SQLite always, PostgreSQL
//! when `AIKATALOG_TEST_POSTGRES_URL` is set; see `aikatalog_storage::testing`).
//!
//! The child processes run in the repository root, so paths in their messages read
//! `seed-data/…` and `tests/fixtures/…`, as a user's would.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use aikatalog_domain::{EntryKind, OrgKind};
use aikatalog_storage::Backend;
use aikatalog_storage::models::entries;
use aikatalog_storage::models::reference_records as reference;
use aikatalog_storage::testing::{TestDb, each_backend};
use diesel::prelude::*;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_aikatalog");

/// The repository root.
fn repo() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .canonicalize()
        .expect("the repository root exists")
}

/// The binary, run in the repository root against `url`, with quiet, colourless logs and no
/// configuration but the database from the test's own environment.
fn command(url: &str) -> Command {
    let mut cmd = Command::new(BIN);
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("AIKATALOG_") {
            cmd.env_remove(name);
        }
    }
    cmd.current_dir(repo())
        .env("AIKATALOG_DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .env("NO_COLOR", "1");
    cmd
}

fn run(url: &str, args: &[&str]) -> Output {
    command(url)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"))
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs a command that must succeed and returns its stdout.
fn run_ok(url: &str, args: &[&str]) -> String {
    let out = run(url, args);
    assert!(
        out.status.success(),
        "`aikatalog {}` failed ({})\nstdout:\n{}\nstderr:\n{}",
        args.join(" "),
        out.status,
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

// --- Import summaries ---------------------------------------------------------------------------

/// Created, updated, unchanged.
type Counts = (usize, usize, usize);

/// Reads the table an import prints:
///
/// ```text
///                 created  updated  unchanged
/// organisations       114        0          0
/// use cases            26        0          0
/// ```
fn summary(out: &str) -> BTreeMap<String, Counts> {
    let mut rows = BTreeMap::new();
    for line in out.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.len() < 4 {
            continue;
        }
        let (name, numbers) = words.split_at(words.len() - 3);
        let numbers: Vec<usize> = numbers.iter().filter_map(|n| n.parse().ok()).collect();
        if let [created, updated, unchanged] = numbers[..] {
            rows.insert(name.join(" "), (created, updated, unchanged));
        }
    }
    assert!(!rows.is_empty(), "no summary table in:\n{out}");
    rows
}

/// How many records of each kind `seed-data/` holds, counted from the files themselves.
fn seed_counts() -> BTreeMap<String, usize> {
    let seed = repo().join("seed-data");
    let tables = |file: &str, header: &str| {
        std::fs::read_to_string(seed.join(file))
            .map(|text| text.lines().filter(|l| l.trim() == header).count())
            .unwrap_or(0)
    };
    let files = |dir: &str| {
        std::fs::read_dir(seed.join(dir))
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
                    .count()
            })
            .unwrap_or(0)
    };
    BTreeMap::from([
        (
            "organisations".to_owned(),
            tables("organisations.toml", "[[organisation]]"),
        ),
        (
            "categories".to_owned(),
            tables("categories.toml", "[[category]]"),
        ),
        ("domains".to_owned(), tables("domains.toml", "[[domain]]")),
        ("algorithms".to_owned(), files("algorithms")),
        ("use cases".to_owned(), files("use-cases")),
        (
            "adoptions".to_owned(),
            tables("adoptions.toml", "[[adoption]]"),
        ),
    ])
}

/// Asserts that an import created every seed record and touched nothing else.
fn assert_created_everything(out: &str) {
    let got = summary(out);
    for (kind, &n) in &seed_counts() {
        assert_eq!(
            got.get(kind),
            Some(&(n, 0, 0)),
            "{kind}: expected {n} created\n{out}"
        );
    }
    assert!(!out.contains("no changes"), "{out}");
}

/// What the database holds: categories, organisations, use cases, algorithms (public or not).
fn stored(db: &TestDb) -> [usize; 4] {
    db.db
        .read(|c| {
            Ok([
                reference::list_categories(c)?.len(),
                reference::list_organisations(c, None)?.len(),
                entries::all_slugs(c, EntryKind::UseCase)?.len(),
                entries::all_slugs(c, EntryKind::Algorithm)?.len(),
            ])
        })
        .expect("read the test database")
}

// --- import -------------------------------------------------------------------------------------

#[test]
fn import_creates_everything_then_a_second_run_changes_nothing() {
    let seed = seed_counts();
    assert_eq!(seed["categories"], 12);
    assert!(seed["use cases"] >= 25, "{seed:?}");
    each_backend(|db| {
        let first = run_ok(&db.url, &["import", "seed-data"]);
        assert_created_everything(&first);
        let [categories, organisations, use_cases, algorithms] = stored(db);
        assert_eq!(categories, 12);
        assert_eq!(organisations, seed["organisations"]);
        assert_eq!(use_cases, seed["use cases"]);
        assert_eq!(algorithms, seed["algorithms"]);
        let municipalities = db
            .db
            .read(|c| reference::list_organisations(c, Some(OrgKind::Municipality)))
            .expect("read municipalities");
        assert_eq!(municipalities.len(), 98);

        let second = run_ok(&db.url, &["import", "seed-data"]);
        assert!(
            second.contains("no changes"),
            "a second import must say it changed nothing:\n{second}"
        );
        for (kind, &n) in &seed {
            assert_eq!(summary(&second).get(kind), Some(&(0, 0, n)), "{second}");
        }
    });
}

#[test]
fn a_dry_run_reports_the_changes_and_writes_nothing() {
    each_backend(|db| {
        let dry = run_ok(&db.url, &["import", "seed-data", "--dry-run"]);
        assert_created_everything(&dry);
        assert!(dry.contains("dry run"), "{dry}");
        assert_eq!(stored(db), [0, 0, 0, 0], "a dry run wrote to the database");

        let real = run_ok(&db.url, &["import", "seed-data"]);
        assert_created_everything(&real);
    });
}

#[test]
fn another_registers_file_imports_into_a_catalogue_never_started() {
    let file = "../shared/datasets/nl_algoritmeregister/templates_1.0/Centric.json";
    each_backend(|db| {
        let out = run(
            &db.url,
            &["import", "--format", "nl-algoritmeregister", file],
        );
        assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
        assert!(
            stdout(&out).contains("entries: 7 created"),
            "{}",
            stdout(&out)
        );
        assert!(
            stderr(&out).contains("imported the bundled seed data first"),
            "{}",
            stderr(&out)
        );
    });
}

#[test]
fn another_registers_file_imports_with_its_report_and_exports_back() {
    let file = "../shared/datasets/nl_algoritmeregister/templates_1.0/Centric.json";
    let args = ["import", "--format", "nl-algoritmeregister", file];
    each_backend(|db| {
        run_ok(&db.url, &["import", "seed-data"]);
        let before = stored(db);
        let dry = run_ok(&db.url, &[&args[..], &["--dry-run"]].concat());
        assert!(dry.contains("entries: 7 created"), "{dry}");
        assert!(dry.contains("dry run: nothing was written"), "{dry}");
        assert_eq!(stored(db), before, "a dry run wrote to the database");

        let real = run_ok(&db.url, &args);
        assert!(real.contains("entries: 7 created"), "{real}");
        assert!(
            real.contains("for review: ../shared/datasets/nl_algoritmeregister/templates_1.0/Centric.json, record 1"),
            "{real}"
        );
        let again = run_ok(&db.url, &args);
        assert!(again.contains("no changes"), "{again}");

        let out = run(
            &db.url,
            &[
                "export",
                "--format",
                "nl-algoritmeregister",
                "--entry",
                "nl-centric-pko-kennissystemen",
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let record: Value = serde_json::from_slice(&out.stdout).expect("the export is JSON");
        assert_eq!(record["id"], "centric-pko-kennissystemen");
        assert_eq!(record["schema"], "1.0.0");
        assert!(
            stderr(&out).contains(
                "nl-centric-pko-kennissystemen: the nl-algoritmeregister standard requires"
            ),
            "{}",
            stderr(&out)
        );
    });
}

#[test]
fn bad_files_are_all_reported_at_once_and_nothing_is_written() {
    // (file, ":line" or "" where the problem has no line, text naming the field, problem code):
    // one mistake per file, see the README.
    let expected = [
        (
            "use-cases/duplicate-b.toml",
            ":2",
            "slug:",
            "[duplicate_key]",
        ),
        ("use-cases/malformed.toml", ":5", "", "[syntax]"),
        (
            "use-cases/missing-field.toml",
            "",
            "summary: ",
            "[missing_field]",
        ),
        (
            "use-cases/unknown-category.toml",
            ":7",
            "primary_category:",
            "[unknown_category]",
        ),
        (
            "use-cases/unknown-organisation.toml",
            ":5",
            "owner:",
            "[unknown_organisation]",
        ),
        (
            "use-cases/wrong-enum.toml",
            ":8",
            "lifecycle:",
            "[unknown_value]",
        ),
    ];
    each_backend(|db| {
        let out = run(&db.url, &["import", "tests/fixtures/bad-seed"]);
        let err = stderr(&out);
        assert!(!out.status.success(), "a bad import must fail:\n{err}");
        assert!(err.contains("nothing was written"), "{err}");
        for (file, line, field, code) in expected {
            let place = format!("tests/fixtures/bad-seed/{file}{line}: ");
            let reported = err
                .lines()
                .find(|l| l.contains(&place))
                .unwrap_or_else(|| panic!("no problem reported at {place}\n{err}"));
            assert!(
                reported.contains(field) && reported.contains(code),
                "expected {field} and {code} in: {reported}"
            );
        }
        for valid in [
            "organisations.toml",
            "categories.toml",
            "domains.toml",
            "good.toml",
            "duplicate-a.toml",
        ] {
            assert!(
                !err.contains(&format!("{valid}:")),
                "{valid} is valid but was reported:\n{err}"
            );
        }
        assert_eq!(
            stored(db),
            [0, 0, 0, 0],
            "a failed import wrote to the database"
        );

        // Nothing of the bad folder is in the way of a real import.
        let real = run_ok(&db.url, &["import", "seed-data"]);
        assert_created_everything(&real);
    });
}

// --- Connecting and migrating -------------------------------------------------------------------

#[test]
fn an_unreachable_database_fails_fast_naming_the_url_without_its_password() {
    each_backend(|db| {
        // Per backend, a database that cannot be opened.
        let blocker = tempfile::NamedTempFile::new().expect("temporary file");
        let (url, shown) = match db.backend() {
            Backend::Postgres => (
                "postgres://u:secret@127.0.0.1:1/x".to_owned(),
                "postgres://u:***@127.0.0.1:1/x".to_owned(),
            ),
            // A folder cannot be created inside a regular file.
            Backend::Sqlite => {
                let url = format!("sqlite://{}/sub/x.db", blocker.path().display());
                (url.clone(), url)
            }
        };
        for args in [&["migrate"][..], &["import", "seed-data"]] {
            let started = Instant::now();
            let out = run(&url, args);
            let elapsed = started.elapsed();
            let err = stderr(&out);
            assert!(!out.status.success(), "{err}");
            assert!(
                elapsed < Duration::from_secs(10),
                "took {elapsed:?} to give up"
            );
            assert!(
                err.contains(&shown),
                "the message must name {shown}:\n{err}"
            );
            assert!(!err.contains("secret"), "the password leaked:\n{err}");
        }
    });
}

/// A database that exists but has no tables yet, dropped afterwards.
struct Blank {
    url: String,
    _dir: Option<tempfile::TempDir>,
    pg_drop: Option<(String, String)>,
}

impl Blank {
    fn new(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary folder");
                let url = format!("sqlite://{}", dir.path().join("new/blank.db").display());
                Self {
                    url,
                    _dir: Some(dir),
                    pg_drop: None,
                }
            }
            Backend::Postgres => {
                let admin = std::env::var("AIKATALOG_TEST_POSTGRES_URL")
                    .expect("AIKATALOG_TEST_POSTGRES_URL for a PostgreSQL test");
                let nanos = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos());
                let name = format!("aikatalog_test_cli_{}_{nanos}", std::process::id());
                let mut conn = PgConnection::establish(&admin).expect("reach the test server");
                diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
                    .execute(&mut conn)
                    .expect("create a blank database");
                let mut url = url::Url::parse(&admin).expect("AIKATALOG_TEST_POSTGRES_URL parses");
                url.set_path(&format!("/{name}"));
                Self {
                    url: url.to_string(),
                    _dir: None,
                    pg_drop: Some((admin, name)),
                }
            }
        }
    }
}

impl Drop for Blank {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg_drop.take()
            && let Ok(mut conn) = PgConnection::establish(&admin)
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .execute(&mut conn);
        }
    }
}

#[test]
fn migrate_creates_the_schema_and_a_second_run_is_a_no_op() {
    each_backend(|db| {
        let blank = Blank::new(db.backend());
        let first = run_ok(&blank.url, &["migrate"]);
        let migrations = std::fs::read_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../migrations/sqlite"
        ))
        .expect("the migrations folder")
        .filter(|e| e.as_ref().is_ok_and(|e| e.path().is_dir()))
        .count();
        assert!(
            first.contains(&format!("ran {migrations} migration(s)")),
            "{first}"
        );
        let second = run_ok(&blank.url, &["migrate"]);
        assert!(second.contains("up to date"), "{second}");
        // The test database was migrated by the harness: the binary agrees it is current.
        let current = run_ok(&db.url, &["migrate"]);
        assert!(current.contains("up to date"), "{current}");
    });
}

/// A short command exits cleanly every time. The pool used to keep one idle connection and open
/// its replacement on a background thread at each checkout; over TLS (as CI's PostgreSQL
/// demands) a command could exit mid-handshake and crash in OpenSSL's exit handlers, in about 1
/// of 10 runs. Forty runs catch that with a probability above 98 %.
#[test]
fn migrate_exits_cleanly_every_time() {
    each_backend(|db| {
        for attempt in 1..=40 {
            let out = run(&db.url, &["migrate"]);
            assert!(
                out.status.success(),
                "run {attempt} of `aikatalog migrate` ended with {}\nstderr:\n{}",
                out.status,
                stderr(&out)
            );
        }
    });
}

/// The database holds drafts and editors' names: a new SQLite file and its folder are private to
/// the user the server runs as, whatever the umask (issue 16, defect 10).
#[cfg(unix)]
#[test]
fn a_new_sqlite_database_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().expect("a temporary folder");
    let dir = root.path().join("data");
    let file = dir.join("aikatalog.db");
    let url = format!("sqlite://{}", file.display());
    run_ok(&url, &["migrate"]);
    let mode = |p: &Path| {
        std::fs::metadata(p)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(&dir), 0o700, "the folder");
    assert_eq!(mode(&file), 0o600, "the database file");
    // `-wal` and `-shm` exist while a connection is open, and take the file's mode.
    let db = aikatalog_storage::Database::connect(
        &aikatalog_storage::DatabaseUrl::parse(&url).expect("the URL"),
    )
    .expect("open the database");
    db.read(reference::list_categories).expect("a read");
    for side in ["aikatalog.db-wal", "aikatalog.db-shm"] {
        let path = dir.join(side);
        if path.exists() {
            assert_eq!(mode(&path), 0o600, "{side}");
        }
    }
}

// --- serve --------------------------------------------------------------------------------------

/// A running `aikatalog serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    log: tempfile::NamedTempFile,
    /// `AIKATALOG_DATA_DIR`, so the server's local state stays out of the checkout.
    data: tempfile::TempDir,
}

impl Server {
    fn start(url: &str) -> Self {
        Self::start_in(url, tempfile::tempdir().expect("data folder"))
    }

    /// Starts `serve` with `data` as its data folder (its search index and token key).
    fn start_in(url: &str, data: tempfile::TempDir) -> Self {
        Self::start_with(url, data, &[])
    }

    /// Starts `serve` with `data` as its data folder and more settings in `env`.
    fn start_with(url: &str, data: tempfile::TempDir, env: &[(&str, &str)]) -> Self {
        let port = free_port();
        let log = tempfile::NamedTempFile::new().expect("log file");
        let child = command(url)
            .envs(env.iter().copied())
            .arg("serve")
            .env("AIKATALOG_BIND", format!("127.0.0.1:{port}"))
            .env("AIKATALOG_DATA_DIR", data.path())
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(log.reopen().expect("log file handle"))
            .spawn()
            .expect("start aikatalog serve");
        let mut server = Self {
            child,
            port,
            log,
            data,
        };
        server.wait_until_healthy(Duration::from_secs(180));
        server
    }

    /// Kills the server with SIGKILL, as `kill -9` does: no shutdown code runs. Returns its data
    /// folder, to start another server on.
    fn kill_9(mut self) -> tempfile::TempDir {
        self.child.kill().expect("SIGKILL the server");
        self.child.wait().expect("reap the server");
        let data = tempfile::tempdir().expect("an empty folder");
        std::mem::replace(&mut self.data, data)
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.log.path()).unwrap_or_default()
    }

    /// Sends SIGTERM, as a service manager does, and waits up to `patience` for the exit.
    fn terminate(&mut self, patience: Duration) -> std::process::ExitStatus {
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -TERM failed");
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the server") {
                return status;
            }
            assert!(
                started.elapsed() < patience,
                "serve did not stop within {patience:?} of SIGTERM:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_until_healthy(&mut self, patience: Duration) {
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("serve exited with {status}:\n{}", self.log());
            }
            if let Ok(r) = get(self.port, "/healthz")
                && r.status == 200
            {
                return;
            }
            assert!(
                started.elapsed() < patience,
                "serve did not become healthy within {patience:?}:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// GETs `path`, expecting a JSON body with `status`.
    fn json(&self, path: &str, status: u16) -> Value {
        let r = get(self.port, path).unwrap_or_else(|e| panic!("GET {path}: {e}"));
        assert_eq!(r.status, status, "GET {path}: {}", r.body);
        serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("GET {path}: {e}: {}", r.body))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

struct Response {
    status: u16,
    content_type: String,
    etag: Option<String>,
    body: String,
}

/// A minimal HTTP/1.1 GET, so the tests need no HTTP client library.
fn get(port: u16, path: &str) -> std::io::Result<Response> {
    request(port, "GET", path, &[], None)
}

/// A minimal HTTP/1.1 request with extra headers and an optional JSON body.
fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&Value>,
) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: application/json\r\nConnection: close\r\n"
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() {
        head.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    write!(stream, "{head}\r\n{body}")?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw);
    let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| bad("no header end"))?;
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("no status line"))?;
    let header = |name: &str| {
        head.lines()
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_owned())
    };
    let body = if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Ok(Response {
        status,
        content_type: header("content-type").unwrap_or_default(),
        etag: header("etag"),
        body,
    })
}

fn dechunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 || after.len() < size {
            break;
        }
        out.push_str(&after[..size]);
        rest = after[size..].trim_start_matches("\r\n");
    }
    out
}

fn total(page: &Value) -> u64 {
    page["total"]
        .as_u64()
        .unwrap_or_else(|| panic!("no total in {page}"))
}

#[test]
fn serve_fills_an_empty_database_with_the_seed_data() {
    each_backend(|db| {
        assert_eq!(stored(db), [0, 0, 0, 0]);
        let server = Server::start(&db.url);

        let categories = server.json("/api/v1/categories", 200);
        assert_eq!(total(&categories), 12);
        assert_eq!(categories["items"].as_array().map(Vec::len), Some(12));

        let municipalities = server.json("/api/v1/organisations?kind=municipality", 200);
        assert_eq!(total(&municipalities), 98);

        let use_cases = server.json("/api/v1/use-cases?limit=100", 200);
        assert!(total(&use_cases) >= 25, "{use_cases}");
        let first = use_cases["items"][0]["slug"]
            .as_str()
            .unwrap_or_else(|| panic!("no slug in {use_cases}"));
        let one = server.json(&format!("/api/v1/use-cases/{first}"), 200);
        assert_eq!(one["slug"], first);

        let algorithms = server.json("/api/v1/algorithms", 200);
        assert!(total(&algorithms) >= 8, "{algorithms}");

        // Errors are problem+json with a stable code.
        let missing = get(server.port, "/api/v1/use-cases/no-such-use-case").expect("GET");
        assert_eq!(missing.status, 404);
        assert!(
            missing.content_type.starts_with("application/problem+json"),
            "{}",
            missing.content_type
        );
        let problem: Value = serde_json::from_str(&missing.body).expect("a JSON problem");
        assert_eq!(problem["code"], "not_found", "{problem}");
        drop(server);

        // The seeding was an ordinary import: importing the same files changes nothing.
        let again = run_ok(&db.url, &["import", "seed-data"]);
        assert!(again.contains("no changes"), "{again}");
    });
}

/// A token for the server whose data folder is `data` (where `serve` keeps its signing key).
fn token(url: &str, data: &Path, args: &[&str]) -> String {
    let out = command(url)
        .env("AIKATALOG_DATA_DIR", data)
        .arg("token")
        .args(args)
        .output()
        .expect("run aikatalog token");
    assert!(out.status.success(), "token: {}", stderr(&out));
    stdout(&out).trim().to_owned()
}

/// Creates, submits and publishes a use case through the API, as an editor and a curator would.
fn publish(server: &Server, editor: &str, curator: &str, slug: &str, title: &str) {
    try_publish(server.port, editor, curator, slug, title).unwrap_or_else(|e| panic!("{e}"));
}

/// [`publish`], saying what failed instead of panicking: Ok only once the publish was
/// acknowledged with 200.
fn try_publish(
    port: u16,
    editor: &str,
    curator: &str,
    slug: &str,
    title: &str,
) -> Result<(), String> {
    let bearer = |t: &str| format!("Bearer {t}");
    let draft = serde_json::json!({
        "slug": slug,
        "title": title,
        "summary": "Droner fotograferer vandløb, og en model finder grøde, der skal skæres.",
        "owner": "707",
        "domains": ["administration"],
        "primary_category": "perception",
        "lifecycle": "pilot",
        "contact": {"name": "Vandløbsteamet", "email": "vandloeb@example.dk"},
    });
    let created = request(
        port,
        "POST",
        "/api/v1/use-cases",
        &[("Authorization", &bearer(editor))],
        Some(&draft),
    )
    .map_err(|e| format!("create {slug}: {e}"))?;
    if created.status != 201 {
        return Err(format!(
            "create {slug}: {} {}",
            created.status, created.body
        ));
    }
    let mut etag = created.etag.ok_or("no ETag on the created entry")?;
    for (action, token) in [("submit", editor), ("publish", curator)] {
        let r = request(
            port,
            "POST",
            &format!("/api/v1/use-cases/{slug}/{action}"),
            &[("Authorization", &bearer(token)), ("If-Match", &etag)],
            Some(&serde_json::json!({ "message": action })),
        )
        .map_err(|e| format!("{action} {slug}: {e}"))?;
        if r.status != 200 {
            return Err(format!("{action} {slug}: {} {}", r.status, r.body));
        }
        etag = r.etag.ok_or("no ETag after the transition")?;
    }
    Ok(())
}

/// Searches until `slug` is a hit for `q`, for up to `patience`; returns how long it took.
fn found_within(server: &Server, q: &str, slug: &str, patience: Duration) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < patience {
        let page = server.json(&format!("/api/v1/search?q={q}"), 200);
        let hits = page["items"].as_array().cloned().unwrap_or_default();
        if hits.iter().any(|h| h["slug"] == slug) {
            return Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn a_published_use_case_is_found_at_once_and_after_kill_9() {
    // Generous: a debug build on a busy CI machine. The second is measured by hand with a
    // release build (the issue's closing note); this asserts the behaviour.
    let patience = Duration::from_secs(10);
    each_backend(|db| {
        let server = Server::start(&db.url);
        let editor = token(
            &db.url,
            server.data.path(),
            &["--role", "editor", "--org", "707"],
        );
        let curator = token(&db.url, server.data.path(), &["--role", "curator"]);
        assert_eq!(
            total(&server.json("/api/v1/search?q=vandl%C3%B8bsdroner", 200)),
            0,
            "the word is new to the catalogue"
        );

        publish(
            &server,
            &editor,
            &curator,
            "vandloebsdroner",
            "Vandløbsdroner finder grøde",
        );
        let took = found_within(&server, "vandl%C3%B8bsdroner", "vandloebsdroner", patience)
            .unwrap_or_else(|| panic!("not searchable after {patience:?}:\n{}", server.log()));
        eprintln!("published use case searchable after {took:?}");

        // Killed after indexing: the restarted server opens its index and finds the entry.
        let data = server.kill_9();
        let server = Server::start_in(&db.url, data);
        assert!(
            found_within(&server, "vandl%C3%B8bsdroner", "vandloebsdroner", patience).is_some(),
            "lost after kill -9:\n{}",
            server.log()
        );

        // Killed straight after publishing, perhaps before indexing: the restarted server
        // catches up from the outbox.
        publish(
            &server,
            &editor,
            &curator,
            "groedeskaering-test",
            "Grødeskæring planlagt med satellitbilleder",
        );
        let data = server.kill_9();
        let server = Server::start_in(&db.url, data);
        assert!(
            found_within(
                &server,
                "satellitbilleder+gr%C3%B8desk%C3%A6ring",
                "groedeskaering-test",
                patience
            )
            .is_some(),
            "not caught up after kill -9:\n{}",
            server.log()
        );
        // Both restarts continued from the index's checkpoint instead of rebuilding it.
        assert!(
            !server.log().contains("rebuilding the search index"),
            "{}",
            server.log()
        );
    });
}

/// Issue 16: a server killed with SIGKILL in the middle of a publishing loop loses nothing it
/// acknowledged: every use case whose publish answered 200 is there, published, after a restart.
#[test]
fn every_acknowledged_publish_survives_kill_9() {
    each_backend(|db| {
        let server = Server::start(&db.url);
        let editor = token(
            &db.url,
            server.data.path(),
            &["--role", "editor", "--org", "707"],
        );
        let curator = token(&db.url, server.data.path(), &["--role", "curator"]);
        let acked = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
        let publisher = {
            let (port, acked) = (server.port, acked.clone());
            std::thread::spawn(move || {
                for i in 0.. {
                    let slug = format!("kill-9-loekke-{i}");
                    match try_publish(port, &editor, &curator, &slug, "Droner over vandløb") {
                        Ok(()) => acked.lock().expect("the list").push(slug),
                        // The server is gone: the kill landed during this use case.
                        Err(_) => return i,
                    }
                }
                unreachable!("the loop ends when the server is killed")
            })
        };
        let started = Instant::now();
        while acked.lock().expect("the list").len() < 8
            && started.elapsed() < Duration::from_secs(60)
        {
            std::thread::sleep(Duration::from_millis(10));
        }
        let data = server.kill_9();
        let attempted = publisher.join().expect("the publisher");
        let acked = acked.lock().expect("the list").clone();
        assert!(
            acked.len() >= 8,
            "only {} publishes before the kill",
            acked.len()
        );
        eprintln!(
            "killed during use case {attempted}; {} publishes acknowledged",
            acked.len()
        );

        let server = Server::start_in(&db.url, data);
        for slug in &acked {
            let entry = server.json(&format!("/api/v1/use-cases/{slug}"), 200);
            assert_eq!(entry["meta"]["state"], "published", "{slug}: {entry}");
        }
    });
}

/// Issue 16: an import killed with SIGKILL at any moment leaves all or nothing (it is one
/// transaction), and the database still opens and migrates; a second import completes it.
#[test]
fn an_import_killed_at_any_moment_leaves_all_or_nothing() {
    let seed = seed_counts();
    let all = [
        12,
        seed["organisations"],
        seed["use cases"],
        seed["algorithms"],
    ];
    each_backend(|db| {
        let mut outcomes = BTreeMap::new();
        for delay_ms in (0..300).step_by(20) {
            let mut import = command(&db.url)
                .args(["import", "seed-data"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start aikatalog import");
            std::thread::sleep(Duration::from_millis(delay_ms));
            let killed = matches!(import.try_wait(), Ok(None));
            import.kill().expect("SIGKILL the import");
            import.wait().expect("reap the import");
            let after = stored(db);
            assert!(
                after == [0, 0, 0, 0] || after == all,
                "killed after {delay_ms} ms: half-written {after:?} (all is {all:?})"
            );
            *outcomes.entry((killed, after == all)).or_insert(0) += 1;
            let migrated = run_ok(&db.url, &["migrate"]);
            assert!(migrated.contains("up to date"), "{migrated}");
            if after == all {
                break;
            }
        }
        // (killed while running, everything stored): at least one kill landed mid-way.
        assert!(
            outcomes.contains_key(&(true, false)),
            "no kill landed during the import: {outcomes:?}"
        );
        run_ok(&db.url, &["import", "seed-data"]);
        assert_eq!(stored(db), all);
    });
}

// --- The command line ---------------------------------------------------------------------------

#[test]
fn help_lists_the_subcommands() {
    let out = Command::new(BIN)
        .arg("--help")
        .output()
        .expect("run aikatalog --help");
    assert!(out.status.success());
    let help = stdout(&out);
    for sub in ["serve", "migrate", "import"] {
        assert!(help.contains(sub), "--help does not list {sub}:\n{help}");
    }
}

#[test]
fn a_bad_setting_stops_the_program_with_code_2_naming_the_variable() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let db = dir.path().join("never.db");
    let url = format!("sqlite://{}", db.display());
    let garbage = dir.path().join("garbage.pem");
    std::fs::write(&garbage, "not a key").expect("write a file");
    let garbage = garbage.display().to_string();
    // The variables set, the one the message must name, and the command.
    type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a [&'a str]);
    let cases: [Case<'_>; 5] = [
        (
            vec![("AIKATALOG_SEARCH_THREADS", "0")],
            "AIKATALOG_SEARCH_THREADS",
            &["migrate"],
        ),
        (
            vec![("AIKATALOG_BIND", "nonsense")],
            "AIKATALOG_BIND",
            &["migrate"],
        ),
        (
            vec![("AIKATALOG_LOG_FORMAT", "xml")],
            "AIKATALOG_LOG_FORMAT",
            &["migrate"],
        ),
        // Anyone could sign in as anyone: only on a loopback address.
        (
            vec![
                ("AIKATALOG_DEV_LOGIN", "1"),
                ("AIKATALOG_BIND", "0.0.0.0:8080"),
            ],
            "AIKATALOG_DEV_LOGIN",
            &["serve"],
        ),
        // A key file that is no key is found when the keys are made.
        (
            vec![
                ("AIKATALOG_JWT_PUBLIC_KEY", &garbage),
                ("AIKATALOG_JWT_ALGORITHM", "RS256"),
            ],
            "AIKATALOG_JWT_PUBLIC_KEY",
            &["token", "--role", "curator"],
        ),
    ];
    for (vars, named, args) in cases {
        let out = command(&url)
            .envs(vars.iter().copied())
            .args(args)
            .output()
            .expect("run aikatalog");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{vars:?}: {err}");
        assert!(
            err.contains(named),
            "{vars:?}: the message must name {named}:\n{err}"
        );
        assert!(
            !db.exists(),
            "{vars:?}: the database was opened before the check"
        );
    }
}

// --- Operations ---------------------------------------------------------------------------------

#[test]
fn serve_stops_gracefully_on_sigterm_and_logs_request_ids() {
    each_backend(|db| {
        let mut server = Server::start(&db.url);
        let ready = server.json("/readyz", 200);
        assert_eq!(ready["status"], "ready", "{ready}");
        let r = request(
            server.port,
            "GET",
            "/api/v1/categories",
            &[("X-Request-Id", "cli-sigterm-42")],
            None,
        )
        .expect("GET");
        assert_eq!(r.status, 200);

        let status = server.terminate(Duration::from_secs(15));
        let log = server.log();
        assert!(status.success(), "serve exited with {status}:\n{log}");
        // The request's log line carries its id.
        assert!(
            log.lines()
                .any(|l| l.contains("cli-sigterm-42") && l.contains("request handled")),
            "{log}"
        );
        for said in [
            "stopping: no new connections",
            "the search indexer committed and stopped",
            "the server stopped",
        ] {
            assert!(log.contains(said), "the log must say `{said}`:\n{log}");
        }
    });
}

/// A token signed with `secret`, the key every server in a group shares.
fn shared_token(url: &str, secret: &str, args: &[&str]) -> String {
    let out = command(url)
        .env("AIKATALOG_JWT_SECRET", secret)
        .arg("token")
        .args(args)
        .output()
        .expect("run aikatalog token");
    assert!(out.status.success(), "token: {}", stderr(&out));
    stdout(&out).trim().to_owned()
}

/// Issue 16: several servers on one PostgreSQL, each with its own index kept in step from the
/// outbox. What one server writes, the other finds; one dying leaves the other serving; the dead
/// one restarts and catches up. (SQLite is one file for one server; this runs on PostgreSQL.)
#[test]
fn two_servers_on_one_postgresql_stay_in_step() {
    let secret = "a-token-key-shared-by-every-server-in-the-group";
    let within = Duration::from_secs(1);
    each_backend(|db| {
        if db.db.backend() != Backend::Postgres {
            return;
        }
        let metrics_port = free_port().to_string();
        let metrics_bind = format!("127.0.0.1:{metrics_port}");
        let env_a = [
            ("AIKATALOG_JWT_SECRET", secret),
            ("AIKATALOG_METRICS_BIND", metrics_bind.as_str()),
        ];
        let env_b = [("AIKATALOG_JWT_SECRET", secret)];
        let a = Server::start_with(&db.url, tempfile::tempdir().expect("folder"), &env_a);
        let b = Server::start_with(&db.url, tempfile::tempdir().expect("folder"), &env_b);
        let editor = shared_token(&db.url, secret, &["--role", "editor", "--org", "707"]);
        let curator = shared_token(&db.url, secret, &["--role", "curator"]);

        // Written through A, found on B within a second.
        publish(
            &a,
            &editor,
            &curator,
            "to-servere-a",
            "Vandløbsdroner fra server A",
        );
        let took = found_within(&b, "vandl%C3%B8bsdroner", "to-servere-a", within)
            .unwrap_or_else(|| panic!("B did not find A's entry within {within:?}:\n{}", b.log()));
        eprintln!("written through A, searchable on B after {took:?}");
        assert_eq!(b.json("/readyz", 200)["status"], "ready");
        let metrics = get(metrics_port.parse().expect("a port"), "/metrics").expect("GET");
        assert_eq!(metrics.status, 200, "{}", metrics.body);
        assert!(
            metrics.body.contains("aikatalog_outbox_lag"),
            "{}",
            metrics.body
        );

        // A dies; B goes on reading and writing.
        let data_a = a.kill_9();
        assert_eq!(
            total(&b.json("/api/v1/search?q=vandl%C3%B8bsdroner", 200)),
            1
        );
        publish(
            &b,
            &editor,
            &curator,
            "to-servere-b",
            "Satellitgrødeskæring fra server B",
        );
        assert!(
            found_within(&b, "satellitgr%C3%B8desk%C3%A6ring", "to-servere-b", within).is_some(),
            "B did not find its own entry:\n{}",
            b.log()
        );

        // A restarts on its own index and catches up with what B wrote meanwhile.
        let a = Server::start_with(&db.url, data_a, &env_a);
        assert!(
            found_within(&a, "satellitgr%C3%B8desk%C3%A6ring", "to-servere-b", within).is_some(),
            "A did not catch up:\n{}",
            a.log()
        );
        assert_eq!(a.json("/readyz", 200)["outbox_lag"], 0);
        assert!(
            !a.log().contains("rebuilding the search index"),
            "{}",
            a.log()
        );
    });
}
