//! Baton's integration tests: one binary, one module per area.

mod alloc;
mod bad_input;
mod bench_cli;
mod check_fixtures;
mod cli;
mod conformance;
mod decide;
mod decisions;
mod differential;
mod eval_cli;
mod examples;
mod fmt;
mod formats;
mod fuzz_regressions;
mod library;
mod lints;
mod privacy;
mod request_errors;
mod request_json;
mod session;
mod test_cli;
mod text;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch folder for one test's files.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A policy written to `file` in the scratch folder `name`; its path, as text.
pub fn policy_file(name: &str, file: &str, source: &str) -> String {
    let path = scratch(name).join(file);
    std::fs::write(&path, source).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the built `baton` in `dir` with colour off.
pub fn baton(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baton"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the baton binary runs")
}

/// Runs the built `baton` in the repository root with `input` on standard input.
pub fn baton_with_stdin(args: &[&str], input: &str) -> Output {
    run_with_stdin(
        Command::new(env!("CARGO_BIN_EXE_baton"))
            .args(args)
            .current_dir(root())
            .env("NO_COLOR", "1"),
        input,
    )
}

/// Runs the built `baton` in the repository root with a terminal for its standard input,
/// output and error, and `input` typed into it: what `script` (util-linux) shows, both
/// streams together. `None` (with a note) where `script` is not installed.
pub fn baton_at_a_terminal(args: &[&str], input: &str) -> Option<String> {
    let script = Command::new("script")
        .args(["-qec", "true", "/dev/null"])
        .output();
    if !script.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: `script` (util-linux) is not here to give `baton` a terminal");
        return None;
    }
    let mut command = format!("'{}'", env!("CARGO_BIN_EXE_baton"));
    for arg in args {
        command.push_str(&format!(" '{arg}'"));
    }
    let out = run_with_stdin(
        Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .current_dir(root())
            .env("NO_COLOR", "1"),
        input,
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs `command` with `input` on standard input, its output collected.
pub fn run_with_stdin(command: &mut Command, input: impl AsRef<[u8]>) -> Output {
    use std::io::Write;
    let mut child = command
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the command runs");
    // A command that stops before reading (a policy it refuses) closes the pipe.
    let _ = child
        .stdin
        .take()
        .expect("standard input is piped")
        .write_all(input.as_ref());
    child.wait_with_output().expect("the command ends")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
