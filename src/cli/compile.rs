//! `baton compile POLICY`: the decision table, as aligned text or as JSON that `eval`
//! loads back.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::policy::load;
use super::{Color, exit};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// One aligned line per row, for people.
    Text,
    /// The whole table; `baton eval TABLE.json` decides with it, without the source.
    Json,
}

#[derive(Debug, Args)]
pub struct CompileArgs {
    /// The policy (`.baton`).
    #[arg(value_name = "POLICY")]
    pub policy: PathBuf,

    #[arg(long, value_enum, default_value_t = TableFormat::Text)]
    pub format: TableFormat,

    /// When to colour error messages about the policy.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

pub fn run(args: &CompileArgs) -> u8 {
    let loaded = match load(&args.policy, args.color.enabled_on_stderr()) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let table = loaded.policy.table();
    match args.format {
        TableFormat::Text => super::print_out(&table.to_text()),
        TableFormat::Json => match serde_json::to_string_pretty(table) {
            Ok(text) => super::print_out(&format!("{text}\n")),
            Err(e) => {
                eprintln!("error: the table cannot be written as JSON: {e}");
                return exit::PROBLEMS;
            }
        },
    }
    exit::OK
}
