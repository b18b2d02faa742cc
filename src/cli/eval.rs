//! `baton eval POLICY [REQUEST|-]`: decisions as JSON, one request or a `.jsonl` file of
//! them.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;

use super::policy::{
    Line, RequestLines, load, looks_like_json_lines, print_request_error, read_input,
    request_error_json,
};
use super::{Color, exit};

/// From what size a JSON Lines file shows its progress (on a terminal), and how often, in
/// lines.
const PROGRESS_FROM_BYTES: u64 = 4 * 1024 * 1024;
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

    /// Read one request per line (JSON Lines) and print one decision per line, each as
    /// soon as its line is read.
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
    let lines = args.jsonl || super::policy::is_json_lines_file(args.request.as_deref());
    if lines {
        return decide_lines(&loaded.policy, args.request.as_deref());
    }
    let input = match read_input(args.request.as_deref()) {
        Ok(text) => text,
        Err(code) => return code,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let decision = loaded
        .policy
        .read_request(&input)
        .and_then(|r| loaded.policy.decide(&r));
    match decision {
        Ok(d) => {
            let text = if args.compact {
                serde_json::to_string(&d)
            } else {
                serde_json::to_string_pretty(&d)
            };
            if let Err(e) = writeln!(out, "{}", text.unwrap_or_default()).and_then(|()| out.flush())
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
    }
}

/// One decision per line of JSON Lines, in order, read and written a line at a time: a
/// line that cannot be decided gets an error object in its place, and the exit status
/// is 1 at the end.
fn decide_lines(policy: &crate::Policy, path: Option<&std::path::Path>) -> u8 {
    let mut requests = match RequestLines::open(path, super::policy::STDIN_LINES_HINT) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // A stream gets each decision as its line arrives; a file, in large writes.
    let flush_each = requests.is_stream();
    // A large file shows its progress on a terminal (never in a pipe or a log).
    let progress =
        requests.size.is_some_and(|s| s >= PROGRESS_FROM_BYTES) && std::io::stderr().is_terminal();
    let mut bad = 0;
    let mut decided = 0;
    loop {
        let (number, line) = match requests.next_line() {
            Ok(Some(next)) => next,
            Ok(None) => break,
            Err(e) => {
                let _ = out.flush();
                if progress {
                    eprintln!("");
                }
                eprintln!("error: cannot read {}: {e}", requests.what);
                return exit::USAGE;
            }
        };
        if progress && number % PROGRESS_EVERY == 0 {
            let size = requests.size.unwrap_or(1).max(1);
            eprint!(
                "\rdecided {number} lines, {}% of {}",
                requests.read * 100 / size,
                requests.what
            );
        }
        if let Line::Utf16 = line {
            super::policy::print_utf16_error(&requests.what);
            return exit::PROBLEMS;
        }
        if matches!(&line, Line::Text(text) if text.trim().is_empty()) {
            continue;
        }
        let outcome = line
            .text()
            .and_then(|text| policy.read_request(&text))
            .and_then(|r| policy.decide(&r));
        let text = match outcome {
            Ok(d) => {
                decided += 1;
                serde_json::to_string(&d).unwrap_or_default()
            }
            Err(e) => {
                bad += 1;
                print_request_error(&e, Some(number));
                request_error_json(&e, number).to_string()
            }
        };
        let written =
            writeln!(out, "{text}").and_then(|()| if flush_each { out.flush() } else { Ok(()) });
        if let Err(e) = written {
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
        eprintln!("\rdecided {decided} requests of {}", requests.what);
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
