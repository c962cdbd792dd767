//! The subcommands.

use std::path::PathBuf;
use std::process::ExitCode;

use aikatalog_seed::ImportError;
use aikatalog_storage::Database;
use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::Config;

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
    /// Sync a folder or file of seed data into the database, or with `--format` import another
    /// register's file (all or nothing).
    Import {
        /// A seed-data folder or one file in it; with `--format`, the register's file or a
        /// folder of them.
        path: PathBuf,
        /// Another register's format: nl-algoritmeregister, uk-atrs, eurocities, us-omb,
        /// jrc-ai-watch, cz-dia.
        #[arg(long)]
        format: Option<aikatalog_interop::Format>,
        /// Check and report what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the public catalogue as a seed-data folder that `import` reads back, or with
    /// `--format` in another register's format.
    Export {
        /// A new or empty folder (without `--format`).
        #[arg(required_unless_present = "format", conflicts_with_all = ["format", "entry", "output"])]
        folder: Option<PathBuf>,
        /// Another register's format (see `import`).
        #[arg(long)]
        format: Option<aikatalog_interop::Format>,
        /// Only this public use case (slug or id).
        #[arg(long, requires = "format")]
        entry: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(long, requires = "format")]
        output: Option<PathBuf>,
    },
    /// Rebuild this server's search index from the database (stop the server first).
    Reindex,
    /// Print the OpenAPI document (regenerate the committed copy with
    /// `cargo run -p aikatalog -- openapi > openapi/openapi.json`).
    Openapi,
    /// Print a bearer token the local server accepts.
    Token {
        /// `editor` (acts for one organisation) or `curator` (KL/KOMBIT: everything).
        #[arg(long, value_parser = ["editor", "curator"])]
        role: String,
        /// The organisation code the editor acts for, e.g. 707 for Norddjurs.
        #[arg(long)]
        org: Option<String>,
        /// Who the token is for (the `sub` claim).
        #[arg(long, default_value = "local-user")]
        subject: String,
        /// How long the token is valid: 30m, 1h, 7d.
        #[arg(long, default_value = "1h", value_parser = parse_ttl)]
        ttl: u64,
    },
}

/// Parses 90s, 30m, 1h or 7d into seconds.
fn parse_ttl(raw: &str) -> Result<u64, String> {
    let (number, unit) = raw.split_at(raw.find(|c: char| !c.is_ascii_digit()).unwrap_or(raw.len()));
    let n: u64 = number
        .parse()
        .map_err(|_| format!("`{raw}` is not a duration like 30m or 1h"))?;
    let scale = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => {
            return Err(format!(
                "unknown unit `{unit}` in `{raw}`; use s, m, h or d"
            ));
        }
    };
    match n.checked_mul(scale) {
        Some(0) | None => Err(format!("`{raw}` is not a usable lifetime")),
        Some(s) => Ok(s),
    }
}

/// The import's progress bar on stderr (indicatif draws nothing when stderr is not a terminal).
struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    fn start(&mut self, documents: usize) {
        let bar = indicatif::ProgressBar::new(documents as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        self.0 = Some(bar);
    }

    fn advance(&mut self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }
}

impl aikatalog_seed::Progress for Bar {
    fn start(&mut self, documents: usize) {
        Bar::start(self, documents);
    }

    fn advance(&mut self) {
        Bar::advance(self);
    }
}

impl aikatalog_interop::Progress for Bar {
    fn start(&mut self, records: usize) {
        Bar::start(self, records);
    }

    fn advance(&mut self) {
        Bar::advance(self);
    }
}

/// `import --format`: another register's file, with its report.
fn import_foreign(
    config: &Config,
    format: aikatalog_interop::Format,
    path: &std::path::Path,
    dry_run: bool,
) -> anyhow::Result<ExitCode> {
    let inputs = aikatalog_interop::Input::read_path(format, path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let db = open_database(config)?;
    // A catalogue that was never started has no categories or domains for the crosswalks to
    // map to: every record would be refused. A dry run writes nothing, so it is left empty.
    if !dry_run && crate::serve::seed_if_empty(&db)? {
        eprintln!("the catalogue was empty: imported the bundled seed data first");
    }
    let mut bar = Bar(None);
    let imported = aikatalog_interop::import(&db, format, &inputs, dry_run, &mut bar);
    if let Some(bar) = bar.0 {
        bar.finish_and_clear();
    }
    match imported {
        Ok(report) => {
            println!("{report}");
            Ok(ExitCode::SUCCESS)
        }
        Err(aikatalog_interop::ImportError::Invalid(report)) => {
            eprintln!("{report}");
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.into()),
    }
}

/// `export --format`: the catalogue or one entry in another register's format; the required
/// fields the entries could not fill go to standard error.
fn export_foreign(
    config: &Config,
    format: aikatalog_interop::Format,
    entry: Option<&str>,
    output: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    let db = open_database(config)?;
    let exported = aikatalog_interop::export(&db, format, entry)?;
    match output {
        Some(path) => std::fs::write(path, &exported.body)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            use std::io::Write;
            std::io::stdout()
                .write_all(&exported.body)
                .context("cannot write to standard output")?;
        }
    }
    for gap in &exported.missing_required {
        eprintln!(
            "{}: the {format} standard requires {}, which the entry does not state",
            gap.entry,
            gap.fields.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Connects and migrates: every command needs a current schema.
pub fn open_database(config: &Config) -> anyhow::Result<Database> {
    let url = &config.database_url;
    let db = Database::connect(url)?;
    let ran = db.migrate().context("cannot migrate the database")?;
    if !ran.is_empty() {
        tracing::info!(database.url = %url.redacted(), migrations = ?ran, "ran migrations");
    }
    Ok(db)
}

pub fn run(cli: Cli, config: &Config) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve => {
            crate::serve::serve(config)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate => {
            let url = &config.database_url;
            let db = Database::connect(url)?;
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
        Command::Import {
            path,
            format: Some(format),
            dry_run,
        } => import_foreign(config, format, &path, dry_run),
        Command::Import {
            path,
            format: None,
            dry_run,
        } => {
            let db = open_database(config)?;
            let mut bar = Bar(None);
            let imported = aikatalog_seed::import_reporting(&db, &path, dry_run, &mut bar);
            if let Some(bar) = bar.0 {
                bar.finish_and_clear();
            }
            match imported {
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
        Command::Export {
            format: Some(format),
            entry,
            output,
            ..
        } => export_foreign(config, format, entry.as_deref(), output.as_deref()),
        Command::Export {
            folder: Some(folder),
            ..
        } => {
            let db = open_database(config)?;
            let exported = aikatalog_seed::export(&db, &folder)?;
            println!("{exported}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { .. } => {
            anyhow::bail!("export needs a folder, or --format FORMAT")
        }
        Command::Reindex => {
            let db = open_database(config)?;
            let search = &config.search;
            let synonyms = std::sync::Arc::new(aikatalog_search::Synonyms::load(
                search.synonyms.as_deref(),
            )?);
            let rebuilt = aikatalog_search::rebuild::reindex(&search.index_dir, &db, synonyms)
                .with_context(|| format!("cannot rebuild {}", search.index_dir.display()))?;
            println!(
                "{}: indexed {} entries in {} ms (outbox position {})",
                search.index_dir.display(),
                rebuilt.documents,
                rebuilt.duration_ms,
                rebuilt.checkpoint.outbox_seq
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Openapi => {
            let spec = aikatalog_api::openapi()
                .to_pretty_json()
                .context("cannot render the OpenAPI document")?;
            println!("{spec}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Token {
            role,
            org,
            subject,
            ttl,
        } => {
            let role = aikatalog_api::auth::Role::parse(&role)
                .ok_or_else(|| anyhow::anyhow!("unknown role `{role}`"))?;
            let org = org
                .map(aikatalog_domain::OrgCode::try_from)
                .transpose()
                .map_err(|e| anyhow::anyhow!("--org: {e}"))?;
            if role == aikatalog_api::auth::Role::Editor && org.is_none() {
                anyhow::bail!("an editor token needs --org, the organisation code it acts for");
            }
            let auth = crate::auth::load(&config.tokens, &config.data_dir)?;
            let principal = aikatalog_api::auth::Principal { subject, role, org };
            let token = auth
                .issue(&principal, ttl)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{token}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[test]
fn the_command_line_is_well_formed() {
    <Cli as clap::CommandFactory>::command().debug_assert();
}
