//! Connecting: the backend is chosen from the URL's scheme (never by trying a connection, since
//! SQLite accepts any path), connections come from an r2d2 pool, and SQLite is tuned for a
//! server (WAL, busy timeout, foreign keys) on every connection the pool hands out.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::{PgConnection, SqliteConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::error::StorageError;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// How long to wait for a database before reporting that it cannot be reached.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// One connection to either backend; queries written against it run on both.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

/// Which backend a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        })
    }
}

/// A parsed `AIKATALOG_DATABASE_URL`.
#[derive(Clone)]
pub struct DatabaseUrl {
    backend: Backend,
    /// What diesel connects with: a file path for SQLite, the URL for PostgreSQL.
    target: String,
    /// The URL with any password removed, for messages and logs.
    display: String,
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display)
    }
}

impl DatabaseUrl {
    /// Parses `sqlite://PATH` (relative, or absolute as `sqlite:///abs/path`) or
    /// `postgres://…` / `postgresql://…`.
    pub fn parse(raw: &str) -> Result<Self, StorageError> {
        let raw = raw.trim();
        if let Some(path) = raw.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err(StorageError::BadUrl {
                    url: raw.to_owned(),
                    reason: "the SQLite URL names no file; write sqlite://data/aikatalog.db".into(),
                });
            }
            return Ok(Self {
                backend: Backend::Sqlite,
                target: path.to_owned(),
                display: raw.to_owned(),
            });
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            let mut url = url::Url::parse(raw).map_err(|e| StorageError::BadUrl {
                url: redact_unparsed(raw),
                reason: e.to_string(),
            })?;
            let mut shown = url.clone();
            // libpq waits as long as the network lets it unless told otherwise; a missing
            // database must be reported within seconds.
            if !url.query_pairs().any(|(k, _)| k == "connect_timeout") {
                url.query_pairs_mut()
                    .append_pair("connect_timeout", &CONNECT_TIMEOUT.as_secs().to_string());
            }
            if shown.password().is_some() {
                // Setting a password only fails for URLs that cannot have one, which these can.
                let _ = shown.set_password(Some("***"));
            }
            return Ok(Self {
                backend: Backend::Postgres,
                target: url.to_string(),
                display: shown.to_string(),
            });
        }
        Err(StorageError::BadUrl {
            url: redact_unparsed(raw),
            reason: "the scheme must be sqlite:// or postgres://".into(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The URL without its password.
    pub fn redacted(&self) -> &str {
        &self.display
    }

    /// For SQLite, the database file.
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        (self.backend == Backend::Sqlite).then(|| PathBuf::from(&self.target))
    }

    fn establish(&self) -> ConnectionResult<DbConnection> {
        match self.backend {
            Backend::Sqlite => SqliteConnection::establish(&self.target).map(DbConnection::Sqlite),
            Backend::Postgres => PgConnection::establish(&self.target).map(DbConnection::Postgres),
        }
    }
}

/// Removes what looks like a password from a URL that did not parse.
fn redact_unparsed(raw: &str) -> String {
    match (raw.find("://"), raw.rfind('@')) {
        (Some(start), Some(at)) if at > start => {
            let userinfo = &raw[start + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &raw[..start + 3],
                    &userinfo[..colon],
                    &raw[at..]
                ),
                None => raw.to_owned(),
            }
        }
        _ => raw.to_owned(),
    }
}

/// Per-connection settings for SQLite: WAL so readers never block the writer, a busy timeout so
/// a second writer waits instead of failing, and enforced foreign keys.
#[derive(Debug)]
struct SqliteTuning;

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for SqliteTuning {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        if let DbConnection::Sqlite(c) = conn {
            // The busy timeout comes first so the other settings wait for a busy file rather
            // than fail; WAL is set once in `connect`, as it is a property of the file.
            c.batch_execute(
                "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; \
                 PRAGMA synchronous = NORMAL;",
            )
            .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

pub type PooledConn = PooledConnection<ConnectionManager<DbConnection>>;

/// The connection pool's state: open connections, how many of them are idle, and the most it
/// opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUse {
    pub connections: u32,
    pub idle: u32,
    pub max: u32,
}

/// The catalogue's database: a pool plus what the code needs to know about the backend.
#[derive(Clone)]
pub struct Database {
    pool: Pool<ConnectionManager<DbConnection>>,
    url: DatabaseUrl,
    /// SQLite allows one writer at a time; writers in this process queue here rather than
    /// racing for the lock and failing with SQLITE_BUSY on upgrade.
    write_lock: Arc<Mutex<()>>,
}

impl fmt::Debug for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Database").field("url", &self.url).finish()
    }
}

/// Creates a new SQLite database file readable by its owner only (0600), in a folder created
/// owner-only (0700): the file holds unpublished drafts and editors' names. SQLite gives the
/// `-wal` and `-shm` files it makes later the database file's mode. An existing file or folder
/// is left as the operator made it.
fn create_private_sqlite_file(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        let mut folder = std::fs::DirBuilder::new();
        folder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut folder, 0o700);
        folder.create(dir)?;
    }
    let mut file = std::fs::OpenOptions::new();
    file.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut file, 0o600);
    match file.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

impl Database {
    /// Connects, failing within a few seconds with the URL (password removed) and the reason.
    pub fn connect(url: &DatabaseUrl) -> Result<Self, StorageError> {
        if let Some(path) = url.sqlite_path() {
            create_private_sqlite_file(&path).map_err(|e| StorageError::Unreachable {
                url: url.redacted().to_owned(),
                reason: format!("cannot create {}: {e}", path.display()),
            })?;
        }
        // One direct attempt first: it reports the real reason (refused, bad password, no such
        // database) rather than the pool's generic timeout.
        let mut first = url.establish().map_err(|e| StorageError::Unreachable {
            url: url.redacted().to_owned(),
            // libpq's messages span lines; one line reads better in logs and terminals.
            reason: e
                .to_string()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        })?;
        if let DbConnection::Sqlite(c) = &mut first {
            // WAL lets readers run beside the writer. It is persistent, so it is set once here,
            // before the pool opens connections that would race to set it.
            c.batch_execute("PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL;")
                .map_err(|e| StorageError::Unreachable {
                    url: url.redacted().to_owned(),
                    reason: format!("cannot switch SQLite to WAL mode: {e}"),
                })?;
        }
        drop(first);
        let max_size = match url.backend() {
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        };
        let pool = Pool::builder()
            .max_size(max_size)
            // No idle minimum: with one, every checkout has r2d2 open a replacement connection
            // on its own thread, and a short command (`migrate`, `import`) could exit while that
            // thread was in a TLS handshake; OpenSSL's exit handlers then crashed the process
            // (SIGSEGV in about 1 of 10 `migrate` runs with sslmode=require). Without one, a
            // connection is only opened for a caller that waits for it.
            .min_idle(Some(0))
            .connection_timeout(CONNECT_TIMEOUT)
            .connection_customizer(Box::new(SqliteTuning))
            .build(ConnectionManager::new(url.target.clone()))
            .map_err(|e| StorageError::Unreachable {
                url: url.redacted().to_owned(),
                reason: e.to_string(),
            })?;
        Ok(Self {
            pool,
            url: url.clone(),
            write_lock: Arc::new(Mutex::new(())),
        })
    }

    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    pub fn backend(&self) -> Backend {
        self.url.backend
    }

    /// Runs pending migrations, then upgrades stored documents to the current document format if
    /// that has not been done, and returns the names of what it ran.
    pub fn migrate(&self) -> Result<Vec<String>, StorageError> {
        let mut conn = self.conn()?;
        let ran = match &mut *conn {
            DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
            DbConnection::Postgres(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
        }
        .map_err(|e| StorageError::Migration(e.to_string()))?;
        let mut names: Vec<String> = ran.iter().map(ToString::to_string).collect();
        drop(conn);
        // A new, empty database is recorded as upgraded without saying so.
        if let Some(count) = self.write_with(crate::models::document_upgrades::run)?
            && count > 0
        {
            names.push(format!(
                "document format {}: {count} entries upgraded",
                aikatalog_domain::schema_version::CURRENT
            ));
        }
        Ok(names)
    }

    /// How much of the connection pool is in use, for the metrics.
    pub fn pool_use(&self) -> PoolUse {
        let state = self.pool.state();
        PoolUse {
            connections: state.connections,
            idle: state.idle_connections,
            max: self.pool.max_size(),
        }
    }

    /// A connection from the pool.
    pub fn conn(&self) -> Result<PooledConn, StorageError> {
        self.pool.get().map_err(|e| StorageError::Unreachable {
            url: self.url.redacted().to_owned(),
            reason: e.to_string(),
        })
    }

    /// Runs `f` in one transaction: everything it writes lands, or nothing does.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&mut DbConnection) -> QueryResult<T>,
    ) -> Result<T, StorageError> {
        self.write_with(|c| f(c).map_err(StorageError::from))
    }

    /// Like [`Database::write`], for closures with their own error type.
    pub fn write_with<T, E>(
        &self,
        f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<diesel::result::Error> + From<StorageError>,
    {
        let _guard = match self.backend() {
            Backend::Sqlite => Some(self.write_lock.lock().unwrap_or_else(|p| p.into_inner())),
            Backend::Postgres => None,
        };
        let mut pooled = self.conn()?;
        let conn: &mut DbConnection = &mut pooled;
        conn.transaction(f)
    }

    /// Runs queries on a pooled connection, in a transaction so they see one snapshot.
    pub fn read<T>(
        &self,
        f: impl FnOnce(&mut DbConnection) -> QueryResult<T>,
    ) -> Result<T, StorageError> {
        self.read_with(|c| f(c).map_err(StorageError::from))
    }

    /// Like [`Database::read`], for closures with their own error type.
    pub fn read_with<T, E>(&self, f: impl FnOnce(&mut DbConnection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<diesel::result::Error> + From<StorageError>,
    {
        let mut pooled = self.conn()?;
        let conn: &mut DbConnection = &mut pooled;
        conn.transaction(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_backend_from_the_scheme() {
        let s = DatabaseUrl::parse("sqlite://data/x.db").expect("sqlite url");
        assert_eq!(s.backend(), Backend::Sqlite);
        assert_eq!(s.sqlite_path(), Some(PathBuf::from("data/x.db")));
        let abs = DatabaseUrl::parse("sqlite:///tmp/x.db").expect("absolute sqlite url");
        assert_eq!(abs.sqlite_path(), Some(PathBuf::from("/tmp/x.db")));
        let p = DatabaseUrl::parse("postgres://u:secret@db:5432/k").expect("pg url");
        assert_eq!(p.backend(), Backend::Postgres);
        assert!(!p.redacted().contains("secret"), "{}", p.redacted());
        assert!(p.target.contains("connect_timeout=5"));
    }

    #[test]
    fn refuses_unknown_schemes_without_leaking_passwords() {
        let err = DatabaseUrl::parse("mysql://u:secret@h/db").expect_err("mysql is refused");
        let text = err.to_string();
        assert!(text.contains("sqlite://"), "{text}");
        assert!(!text.contains("secret"), "{text}");
        assert!(DatabaseUrl::parse("sqlite://").is_err());
    }
}
