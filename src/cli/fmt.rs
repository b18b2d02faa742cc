//! `baton fmt [--check | --diff] PATH...`: rewrite policies in the canonical layout,
//! keeping every comment; `--check` only says which files would change, `--diff` shows
//! how, as a unified diff.

use std::path::{Path, PathBuf};

use clap::Args;

use super::check::{collect, read_text};
use super::{Color, exit, render};
use crate::{Diagnostics, Problem, plural};

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Policy files, or folders searched (recursively) for `*.baton` files; `-` formats
    /// standard input to standard output.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Change nothing: list the files that are not in the canonical layout, and fail
    /// (exit 1) when there is one.
    #[arg(long)]
    pub check: bool,

    /// Change nothing: print what would change as a unified diff (`git apply` takes it,
    /// from the folder `baton fmt` ran in), and fail (exit 1) when something would.
    #[arg(long, conflicts_with = "check")]
    pub diff: bool,

    /// When to colour error messages and the diff.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

/// The syntax errors of a text that does not parse, drawn on it.
fn report(name: &str, source: &str, errors: Vec<crate::syntax::ParseError>, color: bool) {
    let problems: Vec<Problem> = errors.into_iter().map(|e| Box::new(e) as Problem).collect();
    eprint!(
        "{}",
        render::human(&Diagnostics::new(name, source, problems), color)
    );
}

/// The 1-based line at which two texts first differ, line ends included (a line that
/// only loses its `\r` or gains its last `\n` differs).
fn first_difference(a: &str, b: &str) -> usize {
    let (a, b) = (a.split_inclusive('\n'), b.split_inclusive('\n'));
    let shorter = a.clone().count().min(b.clone().count());
    a.zip(b).position(|(x, y)| x != y).unwrap_or(shorter) + 1
}

/// What formatting `name` changes, as a unified diff with three lines of context:
/// `a/NAME` and `b/NAME` as `git diff` writes them (the name alone when it is absolute),
/// so that `git apply` takes it. Coloured as `git diff` colours, when `color`.
fn unified_diff(name: &str, before: &str, after: &str, color: bool) -> String {
    let name = name.strip_prefix("./").unwrap_or(name);
    let (a, b) = if Path::new(name).is_absolute() {
        (name.to_string(), name.to_string())
    } else {
        (format!("a/{name}"), format!("b/{name}"))
    };
    let diff = similar::TextDiff::from_lines(before, after);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&a, &b)
        .to_string();
    if !color {
        return text;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for line in text.split_inclusive('\n') {
        let paint = if line.starts_with("---") || line.starts_with("+++") {
            "1"
        } else if line.starts_with("@@") {
            "36"
        } else if line.starts_with('-') {
            "31"
        } else if line.starts_with('+') {
            "32"
        } else {
            ""
        };
        if paint.is_empty() {
            out.push_str(line);
        } else {
            let body = line.trim_end_matches('\n');
            out.push_str(&format!("\x1b[{paint}m{body}\x1b[0m"));
            out.push_str(&line[body.len()..]);
        }
    }
    out
}

/// Replaces a file's text without a moment where it is missing or half written: the
/// new text goes to a file beside it, which then takes its place. A symbolic link is
/// followed, so the file it points at is formatted and the link stays a link.
fn replace(path: &Path, text: &str) -> std::io::Result<()> {
    let path = &std::fs::canonicalize(path)?;
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".baton-fmt-tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, text)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

pub fn run(args: &FmtArgs) -> u8 {
    let color = args.color.enabled_on_stderr();
    let diff_color = args.color.enabled();
    let check = args.check || args.diff;
    if matches!(args.paths.as_slice(), [only] if only == Path::new("-")) {
        let source = match read_text(Path::new("-")) {
            Ok(Ok(source)) => source,
            Ok(Err(diagnostics)) => {
                eprint!("{}", render::human(&diagnostics, color));
                return exit::PROBLEMS;
            }
            Err(message) => {
                eprintln!("error: {message}");
                return exit::USAGE;
            }
        };
        return match crate::fmt::format(&source) {
            Ok(text) if args.diff && text != source => {
                super::print_out(&unified_diff("<stdin>", &source, &text, diff_color));
                exit::PROBLEMS
            }
            Ok(text) if check && text != source => {
                eprintln!(
                    "standard input is not in the canonical layout (from line {})",
                    first_difference(&source, &text)
                );
                exit::PROBLEMS
            }
            Ok(text) => {
                if !check {
                    super::print_out(&text);
                }
                exit::OK
            }
            Err(errors) => {
                report("<stdin>", &source, errors, color);
                exit::PROBLEMS
            }
        };
    }

    if args.paths.len() > 1 && args.paths.iter().any(|p| super::check::is_stdin(p)) {
        eprintln!(
            "error: `-` formats standard input to standard output, alone\n  help: give `-` without other paths, or the files without `-`"
        );
        return exit::USAGE;
    }
    let (files, mut failures) = collect(&args.paths);
    let mut broken = 0;
    let mut changed = 0;
    for file in &files {
        let name = file.display().to_string();
        let source = match read_text(file) {
            Ok(Ok(text)) => text,
            Ok(Err(diagnostics)) => {
                eprint!("{}", render::human(&diagnostics, color));
                broken += 1;
                continue;
            }
            Err(message) => {
                eprintln!("error: {message}");
                failures += 1;
                continue;
            }
        };
        let text = match crate::fmt::format(&source) {
            Ok(text) => text,
            Err(errors) => {
                report(&name, &source, errors, color);
                broken += 1;
                continue;
            }
        };
        if text == source {
            continue;
        }
        changed += 1;
        if args.diff {
            super::print_out(&unified_diff(&name, &source, &text, diff_color));
        } else if args.check {
            super::print_out(&format!(
                "{name}: not in the canonical layout (from line {})\n",
                first_difference(&source, &text)
            ));
        } else if let Err(e) = replace(file, &text) {
            eprintln!("error: cannot write `{name}`: {e}");
            failures += 1;
        } else {
            super::print_out(&format!("formatted {name}\n"));
        }
    }
    let summary = if check {
        format!(
            "{} checked: {} would change",
            plural(files.len(), "file"),
            changed
        )
    } else {
        format!(
            "{} checked: {} formatted",
            plural(files.len(), "file"),
            changed
        )
    };
    eprintln!("{summary}");
    if broken > 0 {
        eprintln!(
            "error: {} did not parse and {} left as {}",
            plural(broken, "file"),
            if broken == 1 { "was" } else { "were" },
            if broken == 1 { "it was" } else { "they were" }
        );
    }
    if failures > 0 {
        exit::USAGE
    } else if broken > 0 || (check && changed > 0) {
        exit::PROBLEMS
    } else {
        exit::OK
    }
}

#[cfg(test)]
mod tests {
    use super::first_difference;

    #[test]
    fn the_first_different_line_counts_line_ends() {
        assert_eq!(first_difference("a\nb\n", "a\nc\n"), 2);
        // Only the line end differs: the line is named, not one past the end.
        assert_eq!(first_difference("a\r\nb\r\n", "a\nb\n"), 1);
        assert_eq!(first_difference("a\r\nb\n", "a\r\nb\r\n"), 2);
        assert_eq!(first_difference("a\nb", "a\nb\n"), 2);
        // A line added after the last one.
        assert_eq!(first_difference("a\n", "a\nb\n"), 2);
    }
}
