//! `aikatalog`: the one binary of AI-kataloget.

mod auth_config;
mod bench;
mod cli;
mod config;
mod serve;
mod telemetry;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    telemetry::init();
    match cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            // The chain says what failed and why; `{:#}` keeps it on one line.
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
