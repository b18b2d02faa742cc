//! The `baton` command line. The only module that reads files, writes to the terminal
//! or picks a renderer.

// `eprintln!` and `eprint!` for every command, defined before the modules so that they
// replace the standard ones there: std's panic when standard error cannot be written (a
// reader that went away, `baton eval ... 2>&1 | head`), and a message that cannot be
// shown is no reason to stop a command.
macro_rules! eprintln {
    ($($arg:tt)*) => {
        $crate::cli::print_err(&format!("{}\n", format_args!($($arg)*)))
    };
}
macro_rules! eprint {
    ($($arg:tt)*) => {
        $crate::cli::print_err(&format!($($arg)*))
    };
}

mod bench;
mod check;
mod compile;
mod eval;
mod explain;
mod fmt;
mod policy;
mod render;
mod test;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Escalation policies for customer-service bots.
///
/// A policy (`*.baton`) says when a bot hands a conversation to a person, to which team,
/// with what message and context. `baton check` reads policies and reports every
/// mistake with its place and its fix; `baton eval` decides requests with a policy,
/// `baton explain` shows why, and `baton compile` prints the decision table.
#[derive(Debug, Parser)]
#[command(
    name = "baton",
    version,
    propagate_version = true,
    after_help = "A first session:\n  \
                  baton check rules-examples/                  # every mistake, with its place and its fix\n  \
                  baton test rules-examples/                   # the policies' own tests\n  \
                  baton eval rules-examples/acme.baton rules-examples/requests/acme-vip-billing.json\n  \
                  baton explain rules-examples/acme.baton rules-examples/requests/acme-vip-billing.json   # why\n  \
                  baton fmt --check rules-examples/            # in the canonical layout?\n\n\
                  `baton help COMMAND` (or `baton COMMAND --help`) explains a command, with examples."
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands of `baton`, each with its arguments.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse and check policies: every error and warning, with its line and its fix.
    ///
    /// Warnings (lints) point at rules that can never decide, contradictions, a stay rule
    /// hiding a request for a person, and a policy not ready for customers (no explicit
    /// rule, no limit rule, no offline fallback, unused definitions, a thin handoff). A
    /// `# allow: CODE` comment above an item silences one. Every code is explained in
    /// docs/diagnostics.md.
    ///
    /// Exit status: 0 when every file is clean (or has warnings only), 1 when a file has
    /// errors (or warnings, with --deny-warnings), 2 when a path cannot be read.
    #[command(
        alias = "lint",
        alias = "validate",
        after_help = "Examples:\n  baton check rules-examples/\n  baton check --deny-warnings policies/\n  baton check --format json acme.baton > problems.json\n  baton check --format sarif policies/ > baton.sarif     # for code scanning\n  baton check --format github policies/                 # annotations in GitHub Actions"
    )]
    Check(check::CheckArgs),

    /// Run the `test` blocks of policies: each test passes or shows what it expected,
    /// what it got, and the rules that held, on the test's source.
    ///
    /// The last line is `N passed, N failed`. With --coverage, each policy also lists
    /// the rules no test reaches (their condition never held) and the rules no test
    /// decides. Exit status: 0 when every test passes and every policy checks, 1 when a
    /// test fails or a policy has errors, 2 when a path cannot be read.
    #[command(
        after_help = "Examples:\n  baton test rules-examples/\n  baton test --filter vip acme.baton\n  baton test --coverage policies/\n  baton test --format github policies/      # failing tests as annotations in GitHub Actions"
    )]
    Test(test::TestArgs),

    /// Decide requests: one decision as JSON, or one per line for a `.jsonl` input.
    ///
    /// A request is a JSON object: `facts` (fact name to value), and optionally `now`,
    /// `messages` (`[{"from": "customer"|"bot"|"agent", "text": ..., "at":
    /// "2026-11-24T15:00:00Z"}]`, oldest first), `actions` (what the bot tried) and `teams`
    /// (`{"billing": {"available": 2, "waiting": 7}}`). Exit status: 0 when every request
    /// was decided, 1 when a request (or the policy) is wrong, 2 when a file cannot be read.
    #[command(
        alias = "decide",
        after_help = "Examples:\n  baton eval rules-examples/acme.baton request.json\n  echo '{\"facts\": {\"confidence\": 0.9}}' | baton eval acme.baton -\n  baton eval acme.baton requests.jsonl > decisions.jsonl\n  baton eval acme-table.json request.json     # a table saved by `baton compile --format json`"
    )]
    Eval(eval::EvalArgs),

    /// Show why: the decision, then the policy's source with every condition labelled with
    /// the value it saw and whether it held, then the signals, how the team was chosen, and
    /// the decision in full.
    #[command(
        after_help = "Examples:\n  baton explain rules-examples/acme.baton request.json\n  \
                            baton explain rules-examples/acme.baton --test \"VIP billing dispute\"   # a test of the policy\n  \
                            baton explain acme.baton requests.jsonl --line 57   # line 57 of a JSON Lines file"
    )]
    Explain(explain::ExplainArgs),

    /// Print the decision table a policy compiles to: one row per case of each rule,
    /// in the order they are tried.
    #[command(
        after_help = "Examples:\n  baton compile rules-examples/acme.baton\n  baton compile --format json acme.baton > acme-table.json"
    )]
    Compile(compile::CompileArgs),

    /// Rewrite policies in the one canonical layout, keeping every comment in place.
    ///
    /// Two spaces inside blocks, one item per line or block, lists and conditions filled
    /// to 100 columns, aligned team lines, at most one blank line between items. The
    /// policy means exactly what it meant: the formatted text parses to the same syntax.
    /// Exit status: 0 when done (or, with --check or --diff, when every file is already
    /// formatted), 1 when a file does not parse (it is left as it was) or, with --check or
    /// --diff, would change, 2 when a path cannot be read or written.
    #[command(
        alias = "format",
        after_help = "Examples:\n  baton fmt rules-examples/\n  baton fmt --check policies/           # in CI: fail when a file is not formatted\n  baton fmt --diff policies/            # and show how; `| git apply` applies it\n  baton fmt - < acme.baton              # standard input to standard output"
    )]
    Fmt(fmt::FmtArgs),

    /// Measure how fast a policy decides your own requests: decisions per second and
    /// the latency of one decision (p50, p90, p99), one thread.
    ///
    /// REQUESTS holds one JSON request per line, as `baton eval` reads them. Every
    /// request is decided once first (a request that cannot be decided is reported and
    /// nothing is measured), then they are decided in order, again and again, for
    /// --duration seconds, each decision timed on its own. A progress line shows on a
    /// terminal. Exit status: 0 when measured, 1 when the policy or a request is wrong,
    /// 2 when a file cannot be read.
    #[command(after_help = "Examples:
  baton bench rules-examples/acme.baton requests.jsonl
  baton bench --duration 10 policy.baton traffic.jsonl
  baton bench --format json acme-table.json requests.jsonl > bench.json")]
    Bench(bench::BenchArgs),
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: the policy's text with the problem underlined.
    Human,
    /// One JSON array of diagnostics, for scripts.
    Json,
    /// SARIF 2.1.0, for code-scanning services (GitHub code scanning, GitLab, Azure).
    Sarif,
    /// GitHub Actions workflow commands: each problem becomes an annotation on the line.
    Github,
}

/// When to use colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always, even into a file or a pipe.
    Always,
    /// Never, even on a terminal.
    Never,
}

impl Color {
    /// Whether to colour what goes to standard output.
    fn enabled(self) -> bool {
        self.enabled_for(std::io::stdout().is_terminal())
    }

    /// Whether to colour what goes to standard error.
    fn enabled_on_stderr(self) -> bool {
        self.enabled_for(std::io::stderr().is_terminal())
    }

    fn enabled_for(self, terminal: bool) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

/// Exit statuses shared by the commands.
pub mod exit {
    /// The work is done and found nothing wrong (warnings allowed).
    pub const OK: u8 = 0;
    /// The work is done and found problems: errors, failed tests, bad requests, or
    /// warnings with `--deny-warnings`.
    pub const PROBLEMS: u8 = 1;
    /// The command could not do its work: a bad argument, a path that cannot be read,
    /// output that cannot be written.
    pub const USAGE: u8 = 2;
}

/// Set when writing the output failed for a reason other than a reader that went away
/// (a full disk, say): the command then exits 2 whatever its work earned.
static OUTPUT_FAILED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
/// Set when the reader of standard output went away (`baton test | head`): what is
/// left to print is dropped.
static OUTPUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes `text` to standard output. A reader that went away (`| head`) is not an error
/// of the command: the rest of the output is dropped, and the command still ends with
/// the status its work earned. Any other failure is said on standard error, and makes
/// the command exit 2, so that output lost to a full disk is never taken for a result.
pub fn print_out(text: &str) {
    use std::io::Write as _;
    use std::sync::atomic::Ordering;
    if OUTPUT_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        output_failed(&e);
    }
}

/// Writes `text` to standard error, dropping it when standard error cannot be written.
pub fn print_err(text: &str) {
    use std::io::Write as _;
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// Notes a failure to write standard output (see [`print_out`]).
pub fn output_failed(e: &std::io::Error) {
    use std::sync::atomic::Ordering;
    if OUTPUT_CLOSED.swap(true, Ordering::Relaxed) {
        return;
    }
    if e.kind() != std::io::ErrorKind::BrokenPipe {
        OUTPUT_FAILED.store(true, Ordering::Relaxed);
        eprintln!("error: could not write the output: {e}");
    }
}

/// Whether standard output's reader went away or writing it failed: nothing more will
/// be printed.
pub fn output_closed() -> bool {
    OUTPUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Runs the command line and returns the process's exit status.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` and `--version` are not errors.
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Compile(args) => compile::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Bench(args) => bench::run(&args),
    };
    if OUTPUT_FAILED.load(std::sync::atomic::Ordering::Relaxed) {
        return ExitCode::from(exit::USAGE);
    }
    ExitCode::from(code)
}
