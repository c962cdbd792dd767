//! The token keys, made from the configuration ([`crate::config::TokenConfig`]) when a command
//! needs them (`serve`, `token`). Without a configured secret or key, a random HS256 secret is
//! generated once into `AIKATALOG_DATA_DIR/jwt-hs256.key`, so local tokens keep working across
//! restarts.

use std::path::Path;

use aikatalog_state::auth::AuthConfig;
use anyhow::Context;
use secrecy::{ExposeSecret, SecretSlice};

use crate::config::{ConfigError, TokenConfig, TokenKey};

pub fn load(tokens: &TokenConfig, data_dir: &Path) -> anyhow::Result<AuthConfig> {
    let (issuer, audience) = (tokens.issuer.as_str(), tokens.audience.as_str());
    match &tokens.key {
        TokenKey::Secret(secret) => Ok(AuthConfig::hs256(
            secret.expose_secret().as_bytes(),
            issuer,
            audience,
        )),
        TokenKey::PublicKey {
            algorithm,
            public_pem,
            private_pem,
        } => {
            // Checked one at a time, so the message names the variable whose key is bad.
            let verifying = AuthConfig::public_key(*algorithm, public_pem, None, issuer, audience)
                .map_err(|e| ConfigError::new("AIKATALOG_JWT_PUBLIC_KEY", e.0))?;
            let Some(private) = private_pem else {
                return Ok(verifying);
            };
            Ok(AuthConfig::public_key(
                *algorithm,
                public_pem,
                Some(private.expose_secret()),
                issuer,
                audience,
            )
            .map_err(|e| ConfigError::new("AIKATALOG_JWT_PRIVATE_KEY", e.0))?)
        }
        TokenKey::Generated => {
            let secret = local_secret(data_dir)?;
            Ok(AuthConfig::hs256(secret.expose_secret(), issuer, audience))
        }
    }
}

/// The generated local secret, created on first use with owner-only permissions.
fn local_secret(dir: &Path) -> anyhow::Result<SecretSlice<u8>> {
    let path = dir.join("jwt-hs256.key");
    if let Ok(text) = std::fs::read_to_string(&path) {
        return hex::decode(text.trim()).map(Into::into).with_context(|| {
            format!(
                "{} is not a hex secret; delete it to make a new one",
                path.display()
            )
        });
    }
    create_private_dir(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let secret: [u8; 32] = rand::random();
    write_private(&path, hex::encode(secret).as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    tracing::info!(path = %path.display(), "generated a local token signing secret");
    Ok(secret.to_vec().into())
}

/// The data folder holds the signing secret: owner-only (0700) when this program creates it.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut folder = std::fs::DirBuilder::new();
    folder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut folder, 0o700);
    folder.create(dir)
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
