//! Token configuration, read from the environment:
//!
//! - `AIKATALOG_JWT_SECRET`: an HS256 secret (at least 32 bytes). Several servers behind one
//!   load balancer must share it.
//! - `AIKATALOG_JWT_PUBLIC_KEY` + `AIKATALOG_JWT_ALGORITHM` (`RS256` or `EdDSA`): verify tokens
//!   from an identity provider with its PEM public key (a file path).
//!   `AIKATALOG_JWT_PRIVATE_KEY` (a file path) optionally lets `aikatalog token` sign too.
//! - `AIKATALOG_JWT_ISSUER` (default `aikatalog`) and `AIKATALOG_JWT_AUDIENCE` (default
//!   `aikatalog-api`): the `iss` and `aud` every token must carry.
//! - Neither secret nor key: a random HS256 secret is generated once into
//!   `AIKATALOG_DATA_DIR/jwt-hs256.key` (default `data/`), so local tokens keep working across
//!   restarts.

use std::path::{Path, PathBuf};

use aikatalog_api::auth::{AuthConfig, PublicKeyAlgorithm};
use anyhow::{Context, bail};

use crate::config::var;

pub const DEFAULT_ISSUER: &str = "aikatalog";
pub const DEFAULT_AUDIENCE: &str = "aikatalog-api";
const MIN_SECRET_BYTES: usize = 32;

pub fn data_dir() -> anyhow::Result<PathBuf> {
    Ok(PathBuf::from(
        var("AIKATALOG_DATA_DIR")?.unwrap_or_else(|| "data".into()),
    ))
}

pub fn load() -> anyhow::Result<AuthConfig> {
    let issuer = var("AIKATALOG_JWT_ISSUER")?.unwrap_or_else(|| DEFAULT_ISSUER.into());
    let audience = var("AIKATALOG_JWT_AUDIENCE")?.unwrap_or_else(|| DEFAULT_AUDIENCE.into());
    let secret = var("AIKATALOG_JWT_SECRET")?;
    let public = var("AIKATALOG_JWT_PUBLIC_KEY")?;
    match (secret, public) {
        (Some(_), Some(_)) => bail!(
            "set either AIKATALOG_JWT_SECRET or AIKATALOG_JWT_PUBLIC_KEY, not both: \
             the token algorithm must be unambiguous"
        ),
        (Some(secret), None) => {
            if secret.len() < MIN_SECRET_BYTES {
                bail!("AIKATALOG_JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes long");
            }
            Ok(AuthConfig::hs256(secret.as_bytes(), &issuer, &audience))
        }
        (None, Some(public_path)) => {
            let algorithm = match var("AIKATALOG_JWT_ALGORITHM")?.as_deref() {
                Some("RS256") => PublicKeyAlgorithm::Rs256,
                Some("EdDSA") => PublicKeyAlgorithm::EdDsa,
                Some(other) => bail!("AIKATALOG_JWT_ALGORITHM `{other}` is not RS256 or EdDSA"),
                None => {
                    bail!("AIKATALOG_JWT_PUBLIC_KEY needs AIKATALOG_JWT_ALGORITHM (RS256 or EdDSA)")
                }
            };
            let public = read_key(Path::new(&public_path), "AIKATALOG_JWT_PUBLIC_KEY")?;
            let private = var("AIKATALOG_JWT_PRIVATE_KEY")?
                .map(|p| read_key(Path::new(&p), "AIKATALOG_JWT_PRIVATE_KEY"))
                .transpose()?;
            AuthConfig::public_key(algorithm, &public, private.as_deref(), &issuer, &audience)
                .map_err(|e| anyhow::anyhow!("{e}"))
        }
        (None, None) => {
            let secret = local_secret(&data_dir()?)?;
            Ok(AuthConfig::hs256(&secret, &issuer, &audience))
        }
    }
}

fn read_key(path: &Path, var: &str) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("{var}: cannot read {}", path.display()))
}

/// The generated local secret, created on first use with owner-only permissions.
fn local_secret(dir: &Path) -> anyhow::Result<Vec<u8>> {
    let path = dir.join("jwt-hs256.key");
    if let Ok(text) = std::fs::read_to_string(&path) {
        return hex::decode(text.trim()).with_context(|| {
            format!(
                "{} is not a hex secret; delete it to make a new one",
                path.display()
            )
        });
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let secret: [u8; 32] = rand::random();
    write_private(&path, hex::encode(secret).as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    tracing::info!(path = %path.display(), "generated a local token signing secret");
    Ok(secret.to_vec())
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents)
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, contents)
}
