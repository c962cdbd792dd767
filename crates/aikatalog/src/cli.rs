//! The subcommands.

use std::path::PathBuf;
use std::process::ExitCode;

use aikatalog_import::ImportError;
use aikatalog_storage::Database;
use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config;

/// AI-kataloget: the shared catalogue of AI use cases and the algorithm register of Denmark's
/// municipalities.
#[derive(Debug, Parser)]
#[command(name = "aikatalog", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the catalogue over HTTP (runs migrations; fills an empty database with the seed data).
    Serve,
    /// Run pending database migrations.
    Migrate,
    /// Sync a folder or file of seed data into the database (all or nothing).
    Import {
        /// A seed-data folder, or one file in it.
        path: PathBuf,
        /// Check and report what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Connects and migrates: every command needs a current schema.
pub fn open_database() -> anyhow::Result<Database> {
    let url = config::database_url()?;
    let db = Database::connect(&url)?;
    let ran = db.migrate().context("cannot migrate the database")?;
    if !ran.is_empty() {
        tracing::info!(database.url = %url.redacted(), migrations = ?ran, "ran migrations");
    }
    Ok(db)
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve => {
            crate::serve::serve()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate => {
            let url = config::database_url()?;
            let db = Database::connect(&url)?;
            let ran = db.migrate()?;
            if ran.is_empty() {
                println!("{}: the schema is up to date", url.redacted());
            } else {
                println!(
                    "{}: ran {} migration(s): {}",
                    url.redacted(),
                    ran.len(),
                    ran.join(", ")
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Import { path, dry_run } => {
            let db = open_database()?;
            match aikatalog_import::import(&db, &path, dry_run) {
                Ok(summary) => {
                    println!("{summary}");
                    Ok(ExitCode::SUCCESS)
                }
                Err(ImportError::Invalid(problems)) => {
                    eprint!("{problems}");
                    Ok(ExitCode::FAILURE)
                }
                Err(e) => Err(e.into()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
