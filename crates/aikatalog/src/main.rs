//! `aikatalog`: the one binary of AI-kataloget.

#[cfg(target_os = "linux")]
mod arenas;
mod auth;
mod cli;
mod config;
mod serve;
mod telemetry;

use std::process::ExitCode;

use clap::Parser;

use crate::config::{Config, ConfigError};

/// The exit code for a bad configuration, as clap uses for a bad command line.
const BAD_CONFIGURATION: u8 = 2;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    #[cfg(target_os = "linux")]
    if matches!(cli.command, cli::Command::Serve) {
        arenas::limit();
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(BAD_CONFIGURATION);
        }
    };
    telemetry::init(config.log_format);
    match cli::run(cli, &config) {
        Ok(code) => code,
        Err(e) => {
            // The chain says what failed and why; `{:#}` keeps it on one line.
            eprintln!("error: {e:#}");
            // A key file that does not parse is only found when the keys are made.
            if e.chain().any(|cause| cause.is::<ConfigError>()) {
                ExitCode::from(BAD_CONFIGURATION)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
