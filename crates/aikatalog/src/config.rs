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
//! | `AIKATALOG_SYNONYMS` | `seed-data/synonyms.toml` if present, else the built-in list | the synonym list |
//! | `AIKATALOG_LOG_FORMAT` | `text` | `text` or `json` |
//! | `AIKATALOG_PUBLIC_URL` | unset | the `http(s)://host[/prefix]` users reach the catalogue at: absolute links are built from it, and `https` turns on HSTS |
//! | `AIKATALOG_TRUSTED_PROXIES` | none | comma-separated IPs/CIDRs of reverse proxies whose `X-Forwarded-*`/`Forwarded` headers are believed (when no public URL is set) |
//!
//! `RUST_LOG` filters the logs (default `info`); `tracing-subscriber` reads it.
//!
//! Secrets (the JWT secret, a private key) are held in `secrecy` types, whose `Debug` shows no
//! content; the database URL's password is hidden by [`DatabaseUrl`]'s own `Debug`.

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;

use aikatalog_search::SearchConfig;
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
    pub public_url: Option<url::Url>,
    pub trusted_proxies: Vec<ipnet::IpNet>,
}

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
            },
            tokens: tokens(env)?,
            public_url: public_url(env)?,
            trusted_proxies: trusted_proxies(env)?,
            data_dir,
        })
    }
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
        assert_eq!(config.tokens.issuer, "aikatalog");
        assert_eq!(config.tokens.audience, "aikatalog-api");
        assert!(matches!(config.tokens.key, TokenKey::Generated));
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
    }

    #[test]
    fn a_bad_value_names_its_variable() {
        for (name, value) in [
            ("AIKATALOG_BIND", "nonsense"),
            ("AIKATALOG_SEARCH_THREADS", "0"),
            ("AIKATALOG_SEARCH_THREADS", "many"),
            ("AIKATALOG_DATABASE_URL", "mysql://x"),
            ("AIKATALOG_LOG_FORMAT", "xml"),
            ("AIKATALOG_JWT_SECRET", "short"),
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
