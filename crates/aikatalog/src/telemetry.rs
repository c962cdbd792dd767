//! Logging, set up in one place: human-readable text by default, JSON lines with
//! `AIKATALOG_LOG_FORMAT=json`, filtered by `RUST_LOG`. Logs go to stderr so command output on
//! stdout stays clean.

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colour codes only help a person at a terminal; in files and pipes they are noise.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    // A second init (in tests) is harmless: the first subscriber stays.
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}
