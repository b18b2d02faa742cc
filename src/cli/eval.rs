//! `baton eval POLICY [REQUEST|-]`: decisions as JSON, one request or a `.jsonl` file of
//! them.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use super::policy::{load, looks_like_json_lines, print_request_error, read_input, request_line};
use super::{Color, exit};
use crate::Request;

/// From how many lines a JSON Lines file shows its progress, and how often.
const PROGRESS_FROM: usize = 10_000;
const PROGRESS_EVERY: usize = 1_000;

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The policy: a `.baton` file, or a table saved by `baton compile --format json`.
    #[arg(value_name = "POLICY")]
    pub policy: PathBuf,

    /// The request (JSON); `-` or nothing reads standard input. A file ending in
    /// `.jsonl` holds one request per line.
    #[arg(value_name = "REQUEST")]
    pub request: Option<PathBuf>,

    /// Read one request per line (JSON Lines) and print one decision per line.
    #[arg(long)]
    pub jsonl: bool,

    /// Print each decision on one line.
    #[arg(long)]
    pub compact: bool,

    /// When to colour error messages about the policy.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

pub fn run(args: &EvalArgs) -> u8 {
    if let Err(code) = super::policy::in_order("eval", &args.policy, args.request.as_deref()) {
        return code;
    }
    let loaded = match load(&args.policy, args.color.enabled_on_stderr()) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let input = match read_input(args.request.as_deref()) {
        Ok(text) => text,
        Err(code) => return code,
    };
    let lines = args.jsonl || super::policy::is_json_lines_file(args.request.as_deref());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if !lines {
        let decision = Request::from_json(&input).and_then(|r| loaded.policy.decide(&r));
        return match decision {
            Ok(d) => {
                let text = if args.compact {
                    serde_json::to_string(&d)
                } else {
                    serde_json::to_string_pretty(&d)
                };
                if let Err(e) =
                    writeln!(out, "{}", text.unwrap_or_default()).and_then(|()| out.flush())
                {
                    super::output_failed(&e);
                }
                exit::OK
            }
            Err(e) => {
                print_request_error(&e, None);
                if looks_like_json_lines(&input) {
                    eprintln!(
                        "  help: this is one request per line (JSON Lines): add `--jsonl`, or name the file `.jsonl`"
                    );
                }
                exit::PROBLEMS
            }
        };
    }
    let mut bad = 0;
    // A long file shows its progress on a terminal (never in a pipe or a log).
    let total = input.lines().count();
    let progress = total >= PROGRESS_FROM && std::io::stderr().is_terminal();
    for (i, line) in input.lines().map(request_line).enumerate() {
        if progress && i % PROGRESS_EVERY == 0 {
            eprint!("\rdecided {i} of {total} lines");
        }
        if line.trim().is_empty() {
            continue;
        }
        let number = i + 1;
        let text = match Request::from_json(line).and_then(|r| loaded.policy.decide(&r)) {
            Ok(d) => serde_json::to_string(&d).unwrap_or_default(),
            Err(e) => {
                bad += 1;
                print_request_error(&e, Some(number));
                json!({"error": {"line": number, "path": e.path, "message": e.message, "help": e.help}}).to_string()
            }
        };
        if let Err(e) = writeln!(out, "{text}") {
            // A reader that went away (a closed pipe) leaves nothing more to say; any
            // other failure makes the command exit 2.
            super::output_failed(&e);
            break;
        }
    }
    if let Err(e) = out.flush() {
        super::output_failed(&e);
    }
    if progress {
        eprintln!("\rdecided {total} of {total} lines");
    }
    if bad > 0 {
        eprintln!(
            "{} of the requests could not be decided",
            crate::plural(bad, "line")
        );
        exit::PROBLEMS
    } else {
        exit::OK
    }
}
