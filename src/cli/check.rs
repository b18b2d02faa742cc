//! `baton check PATH...`: parse and check files and folders of policies.

use std::path::{Path, PathBuf};

use clap::Args;

use super::render;
use super::{Color, Format, exit};
use crate::{Diagnostics, check_source, plural};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Policy files, or folders searched (recursively) for `*.baton` files; `-` reads a
    /// policy from standard input (named `<stdin>`).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How to print the problems found.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    pub deny_warnings: bool,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

/// The policy files named by the paths, in order, each folder's files sorted; the
/// paths that could not be read are reported and counted.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, usize) {
    let mut files = Vec::new();
    let mut failures = 0;
    for path in paths {
        if is_stdin(path) {
            files.push(path.clone());
        } else if path.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
                .follow_links(true)
                .into_iter()
                .filter_map(|entry| match entry {
                    Ok(entry) => Some(entry),
                    Err(e) => {
                        eprintln!("error: cannot read `{}`: {e}", path.display());
                        failures += 1;
                        None
                    }
                })
                .filter(|e| e.file_type().is_file() && has_extension(e.path(), "baton"))
                .map(|e| e.into_path())
                .collect();
            if found.is_empty() {
                eprintln!(
                    "error: no `.baton` files in `{}`\n  help: policies are files ending in `.baton`",
                    path.display()
                );
                failures += 1;
            }
            found.sort();
            files.extend(found);
        } else {
            match std::fs::metadata(path) {
                // A file, or what reads as one: a pipe (`baton check <(generate)`), a
                // device.
                Ok(_) => files.push(path.clone()),
                Err(e) => {
                    if e.kind() == std::io::ErrorKind::NotFound {
                        eprintln!(
                            "error: cannot read `{}`: no such file or folder",
                            path.display()
                        );
                    } else {
                        eprintln!("error: cannot read `{}`: {e}", path.display());
                    }
                    failures += 1;
                }
            }
        }
    }
    (files, failures)
}

/// Reads a policy file: its text, or the problem that it is not text; `Err` when the
/// file cannot be read at all.
pub fn read_text(path: &Path) -> Result<Result<String, Diagnostics>, String> {
    let name = name_of(path);
    let bytes = if is_stdin(path) {
        policy_from_stdin().map_err(|e| format!("cannot read standard input: {e}"))?
    } else {
        std::fs::read(path).map_err(|e| format!("cannot read `{name}`: {e}"))?
    };
    Ok(String::from_utf8(bytes).map_err(|e| not_utf8(&name, &e)))
}

/// The bytes of a policy given as `-`. At a terminal, a line on standard error first says
/// what is awaited and how to end it, rather than a silent wait.
pub fn policy_from_stdin() -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    hint_at_terminal(
        "reading a policy from the terminal: type or paste it, then press Ctrl-D (Ctrl-Z and Enter on Windows); or give the policy's file instead of `-`",
    );
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Whether `path` ends in `.ext`, in any case: `ACME.BATON`, saved on a file system that
/// ignores case, is a policy too, and a folder search must not pass over it.
pub fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case(ext))
}

/// Says on standard error what is awaited, when standard input is a terminal: someone
/// who typed a command without its input would otherwise face a silent wait. A pipe gets
/// nothing.
pub fn hint_at_terminal(hint: &str) {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        eprintln!("{hint}");
    }
}

/// Whether a path names standard input (`-`): a policy an editor has not saved yet.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// How a policy read from `path` is named in what is printed: `<stdin>` for `-`.
pub fn name_of(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Reads and checks a policy file: its problems (none when it is clean).
pub fn read(path: &Path) -> Result<Diagnostics, String> {
    let name = name_of(path);
    Ok(match read_text(path)? {
        Ok(text) => check_source(&name, &text),
        Err(d) => d,
    })
}

/// The diagnostic for a file that is not UTF-8 text, pointing at the first bad byte.
pub fn not_utf8(name: &str, e: &std::string::FromUtf8Error) -> Diagnostics {
    let at = e.utf8_error().valid_up_to();
    let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
    let problem = crate::syntax::ParseError::NotUtf8 {
        span: (at, 1).into(),
    };
    Diagnostics::new(name, &text, vec![Box::new(problem)])
}

pub fn run(args: &CheckArgs) -> u8 {
    let (files, mut failures) = collect(&args.paths);
    let mut results = Vec::new();
    for file in &files {
        match read(file) {
            Ok(d) => results.push(d),
            Err(message) => {
                eprintln!("error: {message}");
                failures += 1;
            }
        }
    }
    let errors: usize = results.iter().map(Diagnostics::error_count).sum();
    let warnings: usize = results.iter().map(Diagnostics::warning_count).sum();
    let summary = format!(
        "checked {}: {}, {}",
        plural(results.len(), "file"),
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    match args.format {
        Format::Human => {
            let color = args.color.enabled();
            for d in &results {
                super::print_out(&render::human(d, color));
            }
            super::print_out(&format!("{summary}\n"));
        }
        Format::Json => {
            super::print_out(&format!("{}\n", render::json(&results)));
            eprintln!("{summary}");
        }
        Format::Sarif => {
            super::print_out(&format!("{}\n", render::sarif(&results)));
            eprintln!("{summary}");
        }
        Format::Github => {
            super::print_out(&render::github(&results));
            eprintln!("{summary}");
        }
    }
    if failures > 0 {
        exit::USAGE
    } else if errors > 0 || (args.deny_warnings && warnings > 0) {
        exit::PROBLEMS
    } else {
        exit::OK
    }
}
