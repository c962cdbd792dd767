//! The configuration: every environment variable the program reads, read here once at start,
//! checked, and passed on as typed values; no other crate reads the environment. A variable that
//! is set to a bad value stops the program with a message naming it (exit code 2), before
//! anything is opened. Unset and blank are the same: the default applies.
//!
//! | variable | default | |
//! |---|---|---|
//! | `AIKATALOG_DATABASE_URL` | `sqlite://data/aikatalog.db` | `sqlite://PATH` or `postgres://user:password@host:port/database` |
//! | `AIKATALOG_BIND` | `127.0.0.1:8080` | the address `serve` listens on |
//! | `AIKATALOG_DATA_DIR` | `data` | local state: the generated token secret, the default index folder |
//! | `AIKATALOG_JWT_SECRET` | (generated) | an HS256 secret of at least 32 bytes |
//! | `AIKATALOG_JWT_PUBLIC_KEY`, `AIKATALOG_JWT_ALGORITHM` | unset | a PEM public key file and `RS256` or `EdDSA`, instead of a secret |
//! | `AIKATALOG_JWT_PRIVATE_KEY` | unset | with a public key: a PEM private key file, so `aikatalog token` can sign |
//! | `AIKATALOG_JWT_ISSUER`, `AIKATALOG_JWT_AUDIENCE` | `aikatalog`, `aikatalog-api` | the `iss` and `aud` tokens must carry |
//! | `AIKATALOG_INDEX_DIR` | `AIKATALOG_DATA_DIR/index` | this server's search index |
//! | `AIKATALOG_SEARCH_THREADS` | the number of cores | threads one search may use |
//! | `AIKATALOG_SEARCH_MAX_QUERY_CHARS` | 500 | characters a search query may have |
//! | `AIKATALOG_SEARCH_MAX_QUERY_TERMS` | 32 | words a search query may have |
//! | `AIKATALOG_SEARCH_TIME_BUDGET_MS` | 2000 | milliseconds one search may run before it is stopped |
//! | `AIKATALOG_SYNONYMS` | `seed-data/synonyms.toml` if present, else the built-in list | the synonym list |
//! | `AIKATALOG_CROSSLINGUAL` | `seed-data/crosslingual.toml` if present, else the built-in one | the cross-language vocabulary (concepts, head words, word families) |
//! | `AIKATALOG_LOG_FORMAT` | `text` | `text` or `json` |
//! | `AIKATALOG_PUBLIC_URL` | unset | the `http(s)://host[/prefix]` users reach the catalogue at: absolute links are built from it, and `https` turns on HSTS; over https the session cookies are `Secure` |
//! | `AIKATALOG_TRUSTED_PROXIES` | none | comma-separated IPs/CIDRs of reverse proxies whose `X-Forwarded-*`/`Forwarded` headers are believed (when no public URL is set) |
//! | `AIKATALOG_DEV_LOGIN` | `0` | `1`: anyone may sign in to the pages as any organisation's editor or a curator; refused unless `AIKATALOG_BIND` is a loopback address |
//! | `AIKATALOG_SESSION_IDLE_MINUTES` | `30` | a signed-in session unused this long ends |
//! | `AIKATALOG_SESSION_MAX_HOURS` | `10` | a signed-in session ends this long after sign-in |
//! | `AIKATALOG_OIDC_ISSUER` | unset | the identity provider's issuer URL (discovery); turns on signing in with it; needs `AIKATALOG_PUBLIC_URL` and `AIKATALOG_OIDC_CLIENT_ID` |
//! | `AIKATALOG_OIDC_CLIENT_ID`, `AIKATALOG_OIDC_CLIENT_SECRET` | unset | this site's registration at the provider (no secret: a public client, PKCE alone) |
//! | `AIKATALOG_OIDC_ORG_CLAIM`, `AIKATALOG_OIDC_ROLE_CLAIM` | `organisation`, `role` | the ID token claims with the organisation code and the role (`editor` or `curator`) |
//! | `AIKATALOG_READY_MAX_LAG` | `100` | outbox changes this server's index may lag and `/readyz` still answer 200 |
//! | `AIKATALOG_METRICS_BIND` | unset (no metrics) | a second address `serve` listens on, the only one `/metrics` answers on |
//! | `AIKATALOG_CORS_ORIGINS` | unset (no CORS) | `*` or a comma list of origins (`https://a.dk,https://b.dk`) that may read the API from a browser |
//! | `AIKATALOG_RATE_LIMITS` | `on` | `off` turns every rate limit off |
//! | `AIKATALOG_RATE_LIMIT_WRITES` | `120` | API writes per client IP per minute |
//! | `AIKATALOG_RATE_LIMIT_AUTH_FAILURES` | `10` | failed authentications (401) per client IP per minute |
//! | `AIKATALOG_RATE_LIMIT_CORRECTIONS` | `5` | public correction-form submissions per client IP per hour |
//! | `AIKATALOG_SHUTDOWN_TIMEOUT` | `30` | seconds in-flight requests get to finish after SIGTERM or Ctrl-C |
//! | `AIKATALOG_REVIEW_MONTHS` | `12` | a published entry that states no review date is due this many months after publication |
//! | `AIKATALOG_REVIEW_NOTICE_DAYS` | `30` | days before its review date an entry counts as due |
//! | `AIKATALOG_SMTP_URL` | unset (no e-mails) | `smtp://host:port` (plain, or `?tls=required` for STARTTLS) or `smtps://host:port`, with `user:password@` if needed: turns on review reminder e-mails; needs `AIKATALOG_MAIL_FROM` and `AIKATALOG_PUBLIC_URL` |
//! | `AIKATALOG_MAIL_FROM` | unset | the reminders' sender, `AI-kataloget <noreply@kommune.dk>` |
//! | `AIKATALOG_REMINDER_INTERVAL_SECONDS` | `300` | how often `serve` looks for reminders to send |
//!
//! `RUST_LOG` filters the logs (default `info`); `tracing-subscriber` reads it.
//!
//! Secrets (the JWT secret, a private key) are held in `secrecy` types, whose `Debug` shows no
//! content; the database URL's password is hidden by [`DatabaseUrl`]'s own `Debug`.

use std::ffi::OsString;
use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::time::Duration;

use aikatalog_api::ops::{CorsOrigins, Operations, RateLimitConfig};

use aikatalog_search::{QueryLimits, SearchConfig};
use aikatalog_state::auth::PublicKeyAlgorithm;
use aikatalog_storage::DatabaseUrl;
use secrecy::{SecretSlice, SecretString};

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/aikatalog.db";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub const DEFAULT_DATA_DIR: &str = "data";
pub const DEFAULT_ISSUER: &str = "aikatalog";
pub const DEFAULT_AUDIENCE: &str = "aikatalog-api";
/// The index folder inside the data folder.
const INDEX_DIR_NAME: &str = "index";
const MIN_SECRET_BYTES: usize = 32;

/// A variable set to something the program cannot use.
#[derive(Debug, thiserror::Error)]
#[error("{variable}: {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

impl ConfigError {
    pub fn new(variable: &'static str, problem: impl Into<String>) -> Self {
        Self {
            variable,
            problem: problem.into(),
        }
    }
}

#[derive(Debug)]
pub struct Config {
    pub database_url: DatabaseUrl,
    pub bind: SocketAddr,
    pub data_dir: PathBuf,
    pub log_format: LogFormat,
    pub search: SearchConfig,
    pub tokens: TokenConfig,
    /// Where people reach the site: absolute links, HSTS, the sign-in redirect and cookies.
    pub public_url: Option<url::Url>,
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Signing in to the web pages (see [`SignInConfig`]).
    pub sign_in: SignInConfig,
    pub operations: Operations,
    pub rate_limits: RateLimitConfig,
    pub shutdown_timeout: Duration,
    /// Review dates and reminder e-mails (see [`ReviewConfig`]).
    pub reviews: ReviewConfig,
}

/// When published entries are due for review, and the reminder e-mails about it.
#[derive(Debug)]
pub struct ReviewConfig {
    pub policy: aikatalog_domain::ReviewPolicy,
    /// Set when `AIKATALOG_SMTP_URL` is.
    pub mail: Option<MailConfig>,
}

/// The reminder e-mails: the SMTP server and sender (in a ready mailer, which hides the URL's
/// credentials), and how often the job runs.
#[derive(Debug)]
pub struct MailConfig {
    pub mailer: aikatalog_reminders::Mailer,
    pub interval: Duration,
}

/// Signing in to the web pages: sessions and the development sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInConfig {
    pub dev_login: bool,
    pub idle_minutes: i64,
    pub max_hours: i64,
    pub oidc: Option<OidcConfig>,
}

/// The identity provider, when `AIKATALOG_OIDC_ISSUER` is set.
#[derive(Debug, Clone)]
pub struct OidcConfig {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<SecretString>,
    pub org_claim: String,
    pub role_claim: String,
}

impl PartialEq for OidcConfig {
    // The secret is left out: secrecy types do not compare.
    fn eq(&self, other: &Self) -> bool {
        (
            &self.issuer,
            &self.client_id,
            &self.org_claim,
            &self.role_claim,
        ) == (
            &other.issuer,
            &other.client_id,
            &other.org_claim,
            &other.role_claim,
        )
    }
}

impl Eq for OidcConfig {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// How bearer tokens are checked: the claims every token must carry, and the key.
#[derive(Debug)]
pub struct TokenConfig {
    pub issuer: String,
    pub audience: String,
    pub key: TokenKey,
}

#[derive(Debug)]
pub enum TokenKey {
    /// `AIKATALOG_JWT_SECRET`: HS256 with a secret shared by every server.
    Secret(SecretString),
    /// `AIKATALOG_JWT_PUBLIC_KEY`: verify an identity provider's tokens; sign too with a private
    /// key.
    PublicKey {
        algorithm: PublicKeyAlgorithm,
        public_pem: Vec<u8>,
        private_pem: Option<SecretSlice<u8>>,
    },
    /// Neither: HS256 with a secret generated once into the data folder.
    Generated,
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::read(&Env(&|name| std::env::var_os(name)))
    }

    fn read(env: &Env<'_>) -> Result<Self, ConfigError> {
        let data_dir = PathBuf::from(
            env.get("AIKATALOG_DATA_DIR")?
                .unwrap_or_else(|| DEFAULT_DATA_DIR.into()),
        );
        Ok(Self {
            database_url: {
                let raw = env
                    .get("AIKATALOG_DATABASE_URL")?
                    .unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
                DatabaseUrl::parse(&raw)
                    .map_err(|e| ConfigError::new("AIKATALOG_DATABASE_URL", e.to_string()))?
            },
            bind: {
                let raw = env
                    .get("AIKATALOG_BIND")?
                    .unwrap_or_else(|| DEFAULT_BIND.into());
                raw.trim().parse().map_err(|_| {
                    ConfigError::new(
                        "AIKATALOG_BIND",
                        format!("`{raw}` is not an address like {DEFAULT_BIND}"),
                    )
                })?
            },
            log_format: match env.get("AIKATALOG_LOG_FORMAT")?.as_deref().map(str::trim) {
                None | Some("text") => LogFormat::Text,
                Some("json") => LogFormat::Json,
                Some(other) => {
                    return Err(ConfigError::new(
                        "AIKATALOG_LOG_FORMAT",
                        format!("`{other}` is not `text` or `json`"),
                    ));
                }
            },
            search: SearchConfig {
                index_dir: env
                    .get("AIKATALOG_INDEX_DIR")?
                    .map_or_else(|| data_dir.join(INDEX_DIR_NAME), PathBuf::from),
                synonyms: env.get("AIKATALOG_SYNONYMS")?.map(PathBuf::from),
                crosslingual: env.get("AIKATALOG_CROSSLINGUAL")?.map(PathBuf::from),
                search_threads: match env.get("AIKATALOG_SEARCH_THREADS")? {
                    Some(raw) => raw
                        .trim()
                        .parse::<usize>()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| {
                            ConfigError::new(
                                "AIKATALOG_SEARCH_THREADS",
                                format!("`{raw}` is not a whole number of threads above 0"),
                            )
                        })?,
                    None => std::thread::available_parallelism().map_or(1, usize::from),
                },
                limits: query_limits(env)?,
            },
            tokens: tokens(env)?,
            public_url: public_url(env)?,
            trusted_proxies: trusted_proxies(env)?,
            sign_in: sign_in(env)?,
            operations: operations(env)?,
            rate_limits: rate_limits(env)?,
            shutdown_timeout: Duration::from_secs(whole_number(
                env,
                "AIKATALOG_SHUTDOWN_TIMEOUT",
                30,
                "seconds",
            )?),
            reviews: reviews(env)?,
            data_dir,
        })
        .and_then(Self::checked)
    }

    /// Checks that need several variables.
    fn checked(self) -> Result<Self, ConfigError> {
        if self.sign_in.dev_login && !self.bind.ip().is_loopback() {
            return Err(ConfigError::new(
                "AIKATALOG_DEV_LOGIN",
                format!(
                    "the development sign-in lets anyone sign in as anyone, so it only runs on a \
                     loopback address, but AIKATALOG_BIND is {}; unset AIKATALOG_DEV_LOGIN or \
                     bind to 127.0.0.1",
                    self.bind
                ),
            ));
        }
        Ok(self)
    }
}

fn sign_in(env: &Env<'_>) -> Result<SignInConfig, ConfigError> {
    let dev_login = match env.get("AIKATALOG_DEV_LOGIN")?.as_deref().map(str::trim) {
        None | Some("0") => false,
        Some("1") => true,
        Some(other) => {
            return Err(ConfigError::new(
                "AIKATALOG_DEV_LOGIN",
                format!("`{other}` is not 1 (on) or 0 (off)"),
            ));
        }
    };
    let positive = |name: &'static str, default: i64| -> Result<i64, ConfigError> {
        match env.get(name)? {
            None => Ok(default),
            Some(raw) => raw
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=10_000).contains(n))
                .ok_or_else(|| {
                    ConfigError::new(
                        name,
                        format!("`{raw}` is not a whole number from 1 to 10000"),
                    )
                }),
        }
    };
    Ok(SignInConfig {
        dev_login,
        idle_minutes: positive("AIKATALOG_SESSION_IDLE_MINUTES", 30)?,
        max_hours: positive("AIKATALOG_SESSION_MAX_HOURS", 10)?,
        oidc: oidc(env)?,
    })
}

fn oidc(env: &Env<'_>) -> Result<Option<OidcConfig>, ConfigError> {
    let Some(issuer) = env.get("AIKATALOG_OIDC_ISSUER")? else {
        return Ok(None);
    };
    let issuer = issuer.trim().to_owned();
    if url::Url::parse(&issuer).is_err() {
        return Err(ConfigError::new(
            "AIKATALOG_OIDC_ISSUER",
            format!("`{issuer}` is not a URL"),
        ));
    }
    let client_id = env.get("AIKATALOG_OIDC_CLIENT_ID")?.ok_or_else(|| {
        ConfigError::new(
            "AIKATALOG_OIDC_CLIENT_ID",
            "AIKATALOG_OIDC_ISSUER needs it: this site's client id at the provider",
        )
    })?;
    if env.get("AIKATALOG_PUBLIC_URL")?.is_none() {
        return Err(ConfigError::new(
            "AIKATALOG_PUBLIC_URL",
            "AIKATALOG_OIDC_ISSUER needs it: the redirect URI is {AIKATALOG_PUBLIC_URL}/auth/callback",
        ));
    }
    Ok(Some(OidcConfig {
        issuer,
        client_id: client_id.trim().to_owned(),
        client_secret: env.get("AIKATALOG_OIDC_CLIENT_SECRET")?.map(Into::into),
        org_claim: env
            .get("AIKATALOG_OIDC_ORG_CLAIM")?
            .unwrap_or_else(|| "organisation".into()),
        role_claim: env
            .get("AIKATALOG_OIDC_ROLE_CLAIM")?
            .unwrap_or_else(|| "role".into()),
    }))
}

/// An optional whole number (0 allowed), `default` when unset.
fn whole_number(
    env: &Env<'_>,
    name: &'static str,
    default: u64,
    unit: &str,
) -> Result<u64, ConfigError> {
    match env.get(name)? {
        None => Ok(default),
        Some(raw) => raw.trim().parse().map_err(|_| {
            ConfigError::new(name, format!("`{raw}` is not a whole number of {unit}"))
        }),
    }
}

fn operations(env: &Env<'_>) -> Result<Operations, ConfigError> {
    let ready_max_lag = whole_number(
        env,
        "AIKATALOG_READY_MAX_LAG",
        aikatalog_api::ops::DEFAULT_READY_MAX_LAG as u64,
        "outbox changes",
    )?;
    let metrics_bind = match env.get("AIKATALOG_METRICS_BIND")? {
        None => None,
        Some(raw) => Some(raw.trim().parse().map_err(|_| {
            ConfigError::new(
                "AIKATALOG_METRICS_BIND",
                format!("`{raw}` is not an address like 127.0.0.1:9464"),
            )
        })?),
    };
    Ok(Operations {
        ready_max_lag: i64::try_from(ready_max_lag).unwrap_or(i64::MAX),
        metrics_bind,
        cors_origins: cors_origins(env)?,
        warming: Default::default(),
    })
}

fn cors_origins(env: &Env<'_>) -> Result<CorsOrigins, ConfigError> {
    const NAME: &str = "AIKATALOG_CORS_ORIGINS";
    let Some(raw) = env.get(NAME)? else {
        return Ok(CorsOrigins::Off);
    };
    if raw.trim() == "*" {
        return Ok(CorsOrigins::Any);
    }
    let mut origins = Vec::new();
    for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        // An origin is a scheme, a host and maybe a port: nothing after it, not even a slash.
        let parsed = url::Url::parse(part).ok().filter(|u| {
            matches!(u.scheme(), "http" | "https")
                && u.host().is_some()
                && u.origin().ascii_serialization() == part
        });
        if parsed.is_none() {
            return Err(ConfigError::new(
                NAME,
                format!("`{part}` is not an origin like https://kommune.dk (no path, no slash)"),
            ));
        }
        origins.push(part.to_owned());
    }
    Ok(CorsOrigins::List(origins))
}

fn rate_limits(env: &Env<'_>) -> Result<RateLimitConfig, ConfigError> {
    match env.get("AIKATALOG_RATE_LIMITS")?.as_deref().map(str::trim) {
        None | Some("on") => {}
        Some("off") => return Ok(RateLimitConfig::off()),
        Some(other) => {
            return Err(ConfigError::new(
                "AIKATALOG_RATE_LIMITS",
                format!("`{other}` is not `on` or `off`"),
            ));
        }
    }
    // 0 turns one limit off.
    let limit = |name, default: u32, unit| -> Result<Option<NonZeroU32>, ConfigError> {
        let n = whole_number(env, name, u64::from(default), unit)?;
        let n = u32::try_from(n)
            .map_err(|_| ConfigError::new(name, format!("{n} is more than {}", u32::MAX)))?;
        Ok(NonZeroU32::new(n))
    };
    Ok(RateLimitConfig {
        writes_per_minute: limit(
            "AIKATALOG_RATE_LIMIT_WRITES",
            RateLimitConfig::DEFAULT_WRITES_PER_MINUTE,
            "writes per minute",
        )?,
        auth_failures_per_minute: limit(
            "AIKATALOG_RATE_LIMIT_AUTH_FAILURES",
            RateLimitConfig::DEFAULT_AUTH_FAILURES_PER_MINUTE,
            "failures per minute",
        )?,
        corrections_per_hour: limit(
            "AIKATALOG_RATE_LIMIT_CORRECTIONS",
            RateLimitConfig::DEFAULT_CORRECTIONS_PER_HOUR,
            "corrections per hour",
        )?,
    })
}

/// The limits on one search query; see `aikatalog_search::QueryLimits` for the rest.
fn query_limits(env: &Env<'_>) -> Result<QueryLimits, ConfigError> {
    let mut limits = QueryLimits::default();
    let positive = |variable: &'static str| -> Result<Option<usize>, ConfigError> {
        env.get(variable)?
            .map(|raw| {
                raw.trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| {
                        ConfigError::new(variable, format!("`{raw}` is not a whole number above 0"))
                    })
            })
            .transpose()
    };
    if let Some(n) = positive("AIKATALOG_SEARCH_MAX_QUERY_CHARS")? {
        limits.max_chars = n;
    }
    if let Some(n) = positive("AIKATALOG_SEARCH_MAX_QUERY_TERMS")? {
        limits.max_terms = n;
    }
    if let Some(ms) = positive("AIKATALOG_SEARCH_TIME_BUDGET_MS")? {
        limits.time_budget = Duration::from_millis(ms as u64);
    }
    Ok(limits)
}

fn tokens(env: &Env<'_>) -> Result<TokenConfig, ConfigError> {
    let issuer = env
        .get("AIKATALOG_JWT_ISSUER")?
        .unwrap_or_else(|| DEFAULT_ISSUER.into());
    let audience = env
        .get("AIKATALOG_JWT_AUDIENCE")?
        .unwrap_or_else(|| DEFAULT_AUDIENCE.into());
    let key = match (
        env.get("AIKATALOG_JWT_SECRET")?,
        env.get("AIKATALOG_JWT_PUBLIC_KEY")?,
    ) {
        (Some(_), Some(_)) => {
            return Err(ConfigError::new(
                "AIKATALOG_JWT_PUBLIC_KEY",
                "set either it or AIKATALOG_JWT_SECRET, not both: \
                 the token algorithm must be unambiguous",
            ));
        }
        (Some(secret), None) => {
            if secret.len() < MIN_SECRET_BYTES {
                return Err(ConfigError::new(
                    "AIKATALOG_JWT_SECRET",
                    format!("must be at least {MIN_SECRET_BYTES} bytes long"),
                ));
            }
            TokenKey::Secret(secret.into())
        }
        (None, Some(public_path)) => {
            let algorithm = match env.get("AIKATALOG_JWT_ALGORITHM")?.as_deref() {
                Some("RS256") => PublicKeyAlgorithm::Rs256,
                Some("EdDSA") => PublicKeyAlgorithm::EdDsa,
                Some(other) => {
                    return Err(ConfigError::new(
                        "AIKATALOG_JWT_ALGORITHM",
                        format!("`{other}` is not RS256 or EdDSA"),
                    ));
                }
                None => {
                    return Err(ConfigError::new(
                        "AIKATALOG_JWT_ALGORITHM",
                        "AIKATALOG_JWT_PUBLIC_KEY needs it: RS256 or EdDSA",
                    ));
                }
            };
            TokenKey::PublicKey {
                algorithm,
                public_pem: read_key("AIKATALOG_JWT_PUBLIC_KEY", &public_path)?,
                private_pem: env
                    .get("AIKATALOG_JWT_PRIVATE_KEY")?
                    .map(|path| read_key("AIKATALOG_JWT_PRIVATE_KEY", &path).map(Into::into))
                    .transpose()?,
            }
        }
        (None, None) => TokenKey::Generated,
    };
    Ok(TokenConfig {
        issuer,
        audience,
        key,
    })
}

fn reviews(env: &Env<'_>) -> Result<ReviewConfig, ConfigError> {
    let in_range =
        |name: &'static str, default: u32, range: std::ops::RangeInclusive<u32>| match env
            .get(name)?
        {
            None => Ok(default),
            Some(raw) => raw
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| range.contains(n))
                .ok_or_else(|| {
                    ConfigError::new(
                        name,
                        format!(
                            "`{raw}` is not a whole number from {} to {}",
                            range.start(),
                            range.end()
                        ),
                    )
                }),
        };
    let defaults = aikatalog_domain::ReviewPolicy::default();
    let policy = aikatalog_domain::ReviewPolicy {
        months: in_range("AIKATALOG_REVIEW_MONTHS", defaults.months, 1..=120)?,
        notice_days: in_range(
            "AIKATALOG_REVIEW_NOTICE_DAYS",
            defaults.notice_days,
            0..=365,
        )?,
    };
    let Some(smtp_url) = env.get("AIKATALOG_SMTP_URL")? else {
        return Ok(ReviewConfig { policy, mail: None });
    };
    let from = env.get("AIKATALOG_MAIL_FROM")?.ok_or_else(|| {
        ConfigError::new(
            "AIKATALOG_MAIL_FROM",
            "AIKATALOG_SMTP_URL needs it: the reminders' sender, e.g. `AI-kataloget <noreply@kommune.dk>`",
        )
    })?;
    if env.get("AIKATALOG_PUBLIC_URL")?.is_none() {
        return Err(ConfigError::new(
            "AIKATALOG_PUBLIC_URL",
            "AIKATALOG_SMTP_URL needs it: the reminders link to the entries' pages",
        ));
    }
    let smtp_url = SecretString::from(smtp_url.trim().to_owned());
    let mailer = aikatalog_reminders::Mailer::new(&smtp_url, &from).map_err(|e| match e {
        aikatalog_reminders::MailConfigError::From(_) => {
            ConfigError::new("AIKATALOG_MAIL_FROM", e.to_string())
        }
        aikatalog_reminders::MailConfigError::Url(_) => {
            ConfigError::new("AIKATALOG_SMTP_URL", e.to_string())
        }
    })?;
    let interval = in_range("AIKATALOG_REMINDER_INTERVAL_SECONDS", 300, 1..=86_400)?;
    Ok(ReviewConfig {
        policy,
        mail: Some(MailConfig {
            mailer,
            interval: Duration::from_secs(u64::from(interval)),
        }),
    })
}

fn public_url(env: &Env<'_>) -> Result<Option<url::Url>, ConfigError> {
    const VAR: &str = "AIKATALOG_PUBLIC_URL";
    let Some(raw) = env.get(VAR)? else {
        return Ok(None);
    };
    let url = url::Url::parse(raw.trim())
        .map_err(|e| ConfigError::new(VAR, format!("`{raw}` is not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || !url.has_host() {
        return Err(ConfigError::new(
            VAR,
            format!("`{raw}` is not an http(s)://host URL"),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(ConfigError::new(
            VAR,
            format!("`{raw}` must not have a query or a fragment"),
        ));
    }
    Ok(Some(url))
}

fn trusted_proxies(env: &Env<'_>) -> Result<Vec<ipnet::IpNet>, ConfigError> {
    const VAR: &str = "AIKATALOG_TRUSTED_PROXIES";
    let Some(raw) = env.get(VAR)? else {
        return Ok(Vec::new());
    };
    raw.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            // A bare address is a network of one.
            p.parse::<ipnet::IpNet>()
                .or_else(|_| p.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| ConfigError::new(VAR, format!("`{p}` is not an IP address or CIDR")))
        })
        .collect()
}

fn read_key(variable: &'static str, path: &str) -> Result<Vec<u8>, ConfigError> {
    std::fs::read(path).map_err(|e| ConfigError::new(variable, format!("cannot read {path}: {e}")))
}

/// The environment, as a lookup so tests can supply their own.
struct Env<'a>(&'a dyn Fn(&str) -> Option<OsString>);

impl Env<'_> {
    /// An optional variable: unset or blank is `None`; set but not UTF-8 is an error.
    fn get(&self, name: &'static str) -> Result<Option<String>, ConfigError> {
        match (self.0)(name).map(OsString::into_string) {
            None => Ok(None),
            Some(Ok(v)) if v.trim().is_empty() => Ok(None),
            Some(Ok(v)) => Ok(Some(v)),
            Some(Err(_)) => Err(ConfigError::new(name, "is not valid UTF-8")),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use secrecy::ExposeSecret;

    use super::*;

    fn read(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, OsString> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), OsString::from(v)))
            .collect();
        Config::read(&Env(&|name| vars.get(name).cloned()))
    }

    fn problem(vars: &[(&str, &str)]) -> ConfigError {
        match read(vars) {
            Ok(config) => panic!("{vars:?} was accepted: {config:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn nothing_set_gives_the_documented_defaults() {
        let config = read(&[]).expect("the defaults are valid");
        assert_eq!(config.database_url.redacted(), DEFAULT_DATABASE_URL);
        assert_eq!(config.bind.to_string(), DEFAULT_BIND);
        assert_eq!(config.data_dir, PathBuf::from("data"));
        assert_eq!(config.log_format, LogFormat::Text);
        assert_eq!(config.search.index_dir, PathBuf::from("data/index"));
        assert_eq!(config.search.synonyms, None);
        assert!(config.search.search_threads >= 1);
        assert_eq!(config.search.limits, QueryLimits::default());
        assert_eq!(config.tokens.issuer, "aikatalog");
        assert_eq!(config.tokens.audience, "aikatalog-api");
        assert!(matches!(config.tokens.key, TokenKey::Generated));
        assert_eq!(config.operations.ready_max_lag, 100);
        assert_eq!(config.operations.metrics_bind, None);
        assert_eq!(config.operations.cors_origins, CorsOrigins::Off);
        assert_eq!(config.rate_limits, RateLimitConfig::default());
        assert_eq!(config.shutdown_timeout, Duration::from_secs(30));
    }

    #[test]
    fn review_and_mail_settings_are_read_and_checked() {
        let config = read(&[]).expect("the defaults are valid");
        assert_eq!(
            config.reviews.policy,
            aikatalog_domain::ReviewPolicy::default()
        );
        assert!(config.reviews.mail.is_none());
        let smtp = ("AIKATALOG_SMTP_URL", "smtp://mailer:s3cret@127.0.0.1:2525");
        let from = ("AIKATALOG_MAIL_FROM", "AI-kataloget <noreply@kommune.dk>");
        let public = ("AIKATALOG_PUBLIC_URL", "https://aikatalog.dk");
        let config = read(&[
            smtp,
            from,
            public,
            ("AIKATALOG_REVIEW_MONTHS", "6"),
            ("AIKATALOG_REMINDER_INTERVAL_SECONDS", "60"),
        ])
        .expect("valid");
        assert_eq!(config.reviews.policy.months, 6);
        let mail = config.reviews.mail.as_ref().expect("mail is on");
        assert_eq!(mail.interval, Duration::from_secs(60));
        assert!(
            !format!("{config:?}").contains("s3cret"),
            "the password is hidden"
        );
        assert_eq!(problem(&[smtp, public]).variable, "AIKATALOG_MAIL_FROM");
        assert_eq!(problem(&[smtp, from]).variable, "AIKATALOG_PUBLIC_URL");
        assert_eq!(
            problem(&[("AIKATALOG_SMTP_URL", "http://mail"), from, public]).variable,
            "AIKATALOG_SMTP_URL"
        );
        assert_eq!(
            problem(&[smtp, ("AIKATALOG_MAIL_FROM", "nobody"), public]).variable,
            "AIKATALOG_MAIL_FROM"
        );
        assert_eq!(
            problem(&[("AIKATALOG_REVIEW_MONTHS", "0")]).variable,
            "AIKATALOG_REVIEW_MONTHS"
        );
    }

    #[test]
    fn operations_settings_are_read() {
        let config = read(&[
            ("AIKATALOG_READY_MAX_LAG", "0"),
            ("AIKATALOG_METRICS_BIND", "127.0.0.1:9464"),
            (
                "AIKATALOG_CORS_ORIGINS",
                "https://kommune.dk, http://localhost:3000",
            ),
            ("AIKATALOG_RATE_LIMIT_WRITES", "0"),
            ("AIKATALOG_RATE_LIMIT_AUTH_FAILURES", "3"),
            ("AIKATALOG_SHUTDOWN_TIMEOUT", "5"),
        ])
        .expect("valid");
        assert_eq!(config.operations.ready_max_lag, 0);
        assert_eq!(
            config.operations.metrics_bind,
            Some("127.0.0.1:9464".parse().expect("an address"))
        );
        assert_eq!(
            config.operations.cors_origins,
            CorsOrigins::List(vec![
                "https://kommune.dk".into(),
                "http://localhost:3000".into()
            ])
        );
        assert_eq!(config.rate_limits.writes_per_minute, None, "0 turns it off");
        assert_eq!(
            config.rate_limits.auth_failures_per_minute,
            NonZeroU32::new(3)
        );
        assert_eq!(config.shutdown_timeout, Duration::from_secs(5));
        let any = read(&[("AIKATALOG_CORS_ORIGINS", "*")]).expect("valid");
        assert_eq!(any.operations.cors_origins, CorsOrigins::Any);
        let off = read(&[("AIKATALOG_RATE_LIMITS", "off")]).expect("valid");
        assert_eq!(off.rate_limits, RateLimitConfig::off());
        assert_eq!(config.public_url, None);
        assert!(config.trusted_proxies.is_empty());
    }

    #[test]
    fn the_public_url_and_trusted_proxies_are_read() {
        let config = read(&[
            ("AIKATALOG_PUBLIC_URL", "https://ai.kl.dk/katalog"),
            ("AIKATALOG_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.1,::1"),
        ])
        .expect("valid");
        assert_eq!(
            config.public_url.map(String::from).as_deref(),
            Some("https://ai.kl.dk/katalog")
        );
        let proxies: Vec<String> = config
            .trusted_proxies
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(proxies, ["10.0.0.0/8", "192.0.2.1/32", "::1/128"]);
    }

    #[test]
    fn blank_is_unset_and_the_index_follows_the_data_folder() {
        let config =
            read(&[("AIKATALOG_BIND", "  "), ("AIKATALOG_DATA_DIR", "/srv/ai")]).expect("valid");
        assert_eq!(config.bind.to_string(), DEFAULT_BIND);
        assert_eq!(config.search.index_dir, PathBuf::from("/srv/ai/index"));
        let own = read(&[("AIKATALOG_INDEX_DIR", "/fast/index")]).expect("valid");
        assert_eq!(own.search.index_dir, PathBuf::from("/fast/index"));
        let limits = read(&[
            ("AIKATALOG_SEARCH_MAX_QUERY_CHARS", "1000"),
            ("AIKATALOG_SEARCH_MAX_QUERY_TERMS", "16"),
            ("AIKATALOG_SEARCH_TIME_BUDGET_MS", "250"),
        ])
        .expect("valid")
        .search
        .limits;
        assert_eq!(
            (limits.max_chars, limits.max_terms, limits.time_budget),
            (1000, 16, Duration::from_millis(250))
        );
    }

    #[test]
    fn a_bad_value_names_its_variable() {
        for (name, value) in [
            ("AIKATALOG_BIND", "nonsense"),
            ("AIKATALOG_SEARCH_THREADS", "0"),
            ("AIKATALOG_SEARCH_THREADS", "many"),
            ("AIKATALOG_SEARCH_MAX_QUERY_CHARS", "0"),
            ("AIKATALOG_SEARCH_MAX_QUERY_TERMS", "lots"),
            ("AIKATALOG_SEARCH_TIME_BUDGET_MS", "-5"),
            ("AIKATALOG_DATABASE_URL", "mysql://x"),
            ("AIKATALOG_LOG_FORMAT", "xml"),
            ("AIKATALOG_JWT_SECRET", "short"),
            ("AIKATALOG_DEV_LOGIN", "yes"),
            ("AIKATALOG_PUBLIC_URL", "not a url"),
            ("AIKATALOG_PUBLIC_URL", "ftp://example.org"),
            ("AIKATALOG_SESSION_IDLE_MINUTES", "0"),
            ("AIKATALOG_SESSION_MAX_HOURS", "forever"),
            ("AIKATALOG_READY_MAX_LAG", "-1"),
            ("AIKATALOG_METRICS_BIND", "9464"),
            ("AIKATALOG_CORS_ORIGINS", "https://kommune.dk/"),
            ("AIKATALOG_CORS_ORIGINS", "kommune.dk"),
            ("AIKATALOG_RATE_LIMITS", "maybe"),
            ("AIKATALOG_RATE_LIMIT_WRITES", "lots"),
            ("AIKATALOG_SHUTDOWN_TIMEOUT", "soon"),
            ("AIKATALOG_PUBLIC_URL", "ai.kl.dk"),
            ("AIKATALOG_PUBLIC_URL", "ftp://ai.kl.dk/"),
            ("AIKATALOG_PUBLIC_URL", "https://ai.kl.dk/?x=1"),
            ("AIKATALOG_TRUSTED_PROXIES", "10.0.0.0/33"),
            ("AIKATALOG_TRUSTED_PROXIES", "10.0.0.1,proxy.local"),
        ] {
            let e = problem(&[(name, value)]);
            assert_eq!(e.variable, name, "{e}");
            assert!(e.to_string().starts_with(name), "{e}");
        }
        let e = problem(&[("AIKATALOG_JWT_PUBLIC_KEY", "/nonexistent.pem")]);
        assert_eq!(e.variable, "AIKATALOG_JWT_ALGORITHM", "{e}");
        let e = problem(&[
            ("AIKATALOG_JWT_PUBLIC_KEY", "/nonexistent.pem"),
            ("AIKATALOG_JWT_ALGORITHM", "EdDSA"),
        ]);
        assert_eq!(e.variable, "AIKATALOG_JWT_PUBLIC_KEY", "{e}");
        assert!(e.problem.contains("/nonexistent.pem"), "{e}");
    }

    #[test]
    fn the_development_sign_in_is_refused_off_loopback() {
        let on = read(&[("AIKATALOG_DEV_LOGIN", "1")]).expect("loopback by default");
        assert!(on.sign_in.dev_login);
        let v6 = read(&[
            ("AIKATALOG_DEV_LOGIN", "1"),
            ("AIKATALOG_BIND", "[::1]:8080"),
        ]);
        assert!(v6.expect("IPv6 loopback").sign_in.dev_login);
        let e = problem(&[
            ("AIKATALOG_DEV_LOGIN", "1"),
            ("AIKATALOG_BIND", "0.0.0.0:8080"),
        ]);
        assert_eq!(e.variable, "AIKATALOG_DEV_LOGIN", "{e}");
        assert!(e.problem.contains("0.0.0.0:8080"), "{e}");
        let off = read(&[("AIKATALOG_BIND", "0.0.0.0:8080")]).expect("valid");
        assert!(!off.sign_in.dev_login);
    }

    #[test]
    fn the_identity_provider_needs_a_client_and_the_public_url() {
        let e = problem(&[("AIKATALOG_OIDC_ISSUER", "https://login.example")]);
        assert_eq!(e.variable, "AIKATALOG_OIDC_CLIENT_ID", "{e}");
        let e = problem(&[
            ("AIKATALOG_OIDC_ISSUER", "https://login.example"),
            ("AIKATALOG_OIDC_CLIENT_ID", "aikatalog"),
        ]);
        assert_eq!(e.variable, "AIKATALOG_PUBLIC_URL", "{e}");
        let config = read(&[
            ("AIKATALOG_OIDC_ISSUER", "https://login.example"),
            ("AIKATALOG_OIDC_CLIENT_ID", "aikatalog"),
            ("AIKATALOG_OIDC_CLIENT_SECRET", "hush-hush"),
            ("AIKATALOG_PUBLIC_URL", "https://ai.example"),
        ])
        .expect("valid");
        let oidc = config.sign_in.oidc.expect("configured");
        assert_eq!(
            (oidc.org_claim.as_str(), oidc.role_claim.as_str()),
            ("organisation", "role")
        );
        assert!(!format!("{oidc:?}").contains("hush-hush"));
    }

    #[test]
    fn secrets_never_print() {
        let secret = "a-secret-of-at-least-thirty-two-bytes-long";
        let config = read(&[("AIKATALOG_JWT_SECRET", secret)]).expect("valid");
        match &config.tokens.key {
            TokenKey::Secret(s) => assert_eq!(s.expose_secret(), secret),
            other => panic!("{other:?}"),
        }
        let shown = format!("{config:?}");
        assert!(!shown.contains(secret), "{shown}");
    }
}
