//! Reading what `eval`, `explain` and `compile` work on: a policy (its source, or a
//! table saved by `baton compile --format json`) and requests.

use std::io::Read;
use std::path::Path;

use super::check::{has_extension, hint_at_terminal, is_stdin};
use super::{exit, render};
use crate::limits::MAX_REQUEST_BYTES;
use crate::{DecisionTable, Policy};

/// A policy read from a file, with its source when it has one.
pub struct Loaded {
    pub policy: Policy,
    pub name: String,
    pub source: Option<String>,
}

/// Says that `what` cannot be read, in words for the commonest reason.
fn print_cannot_read(what: &str, e: &std::io::Error) {
    if e.kind() == std::io::ErrorKind::NotFound {
        eprintln!("error: cannot read {what}: no such file");
    } else {
        eprintln!("error: cannot read {what}: {e}");
    }
}

/// Reads and compiles a policy, printing what is wrong with it; the error is the exit
/// status to end with.
pub fn load(path: &Path, color: bool) -> Result<Loaded, u8> {
    let name = path.display().to_string();
    if path.is_dir() {
        eprintln!("error: `{name}` is a folder, where one policy file goes");
        if let Some(first) = policies_in(path).first() {
            eprintln!(
                "  help: name one of its policies, such as `{}`",
                first.display()
            );
        }
        return Err(exit::USAGE);
    }
    let bytes = std::fs::read(path).map_err(|e| {
        print_cannot_read(&format!("`{name}`"), &e);
        exit::USAGE
    })?;
    if has_extension(path, "json") {
        let table: DecisionTable = serde_json::from_slice(without_bom(&bytes)).map_err(|e| {
            eprintln!(
                "error: `{name}` is not a decision table: {e}\n  help: a table is what `baton compile --format json` writes; a policy's source ends in `.baton`"
            );
            exit::PROBLEMS
        })?;
        let policy = Policy::from_table(table).map_err(|e| {
            eprintln!("error: `{name}`: {e}\n  help: compile the policy again with `baton compile --format json`");
            exit::PROBLEMS
        })?;
        return Ok(Loaded {
            policy,
            name,
            source: None,
        });
    }
    let diagnostics = match String::from_utf8(bytes) {
        Ok(source) => match Policy::compile(&name, &source) {
            Ok(policy) => {
                return Ok(Loaded {
                    policy,
                    name,
                    source: Some(source),
                });
            }
            Err(d) => d,
        },
        Err(e) => super::check::not_utf8(&name, &e),
    };
    eprint!("{}", render::human(&diagnostics, color));
    eprintln!(
        "error: `{name}` has {}; fix the policy first (`baton check {name}`)",
        crate::plural(diagnostics.error_count(), "error")
    );
    Err(exit::PROBLEMS)
}

/// The `.baton` files directly in a folder, sorted; none when it cannot be read.
fn policies_in(dir: &Path) -> Vec<std::path::PathBuf> {
    files_in(dir, &["baton"])
}

/// The files directly in a folder with one of `extensions` (in any case), sorted; none
/// when it cannot be read.
fn files_in(dir: &Path, extensions: &[&str]) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && extensions.iter().any(|x| has_extension(p, x)))
        .collect();
    found.sort();
    found
}

/// Refuses the policy and the requests given the other way round (`baton eval
/// request.json acme.baton`), before either is read: the error shows the right order.
pub fn in_order(command: &str, policy: &Path, requests: Option<&Path>) -> Result<(), u8> {
    let is_policy = |p: &Path| has_extension(p, "baton");
    match requests {
        Some(requests) if is_policy(requests) && !is_policy(policy) => {
            eprintln!(
                "error: `{}` is a policy, given where the requests go\n  help: the policy comes first: `baton {command} {} {}`",
                requests.display(),
                requests.display(),
                policy.display()
            );
            Err(exit::USAGE)
        }
        _ => Ok(()),
    }
}

/// What a person at a terminal is told when the request is read from it.
const STDIN_HINT: &str = "reading the request from the terminal: paste its JSON, then press Ctrl-D (Ctrl-Z and Enter on Windows); or give a request file after the policy";

/// Refuses a folder given where requests go, naming a request file in it; the error is
/// the exit status. (Opening a folder succeeds on Linux, and reading it fails with "Is a
/// directory (os error 21)".)
fn not_a_folder(path: &Path) -> Result<(), u8> {
    if !path.is_dir() {
        return Ok(());
    }
    eprintln!(
        "error: `{}` is a folder, where one request file goes (`.json`, or `.jsonl` with one request per line)",
        path.display()
    );
    if let Some(first) = files_in(path, &["json", "jsonl"]).first() {
        eprintln!(
            "  help: name one of its requests, such as `{}`",
            first.display()
        );
    }
    Err(exit::USAGE)
}

/// The text of a request: a file, or standard input for `-` or no path.
pub fn read_input(path: Option<&Path>) -> Result<String, u8> {
    let mut bytes = Vec::new();
    let limit = MAX_REQUEST_BYTES as u64 + 1;
    let from_stdin = |bytes: &mut Vec<u8>| {
        hint_at_terminal(STDIN_HINT);
        std::io::stdin().take(limit).read_to_end(bytes)
    };
    let (what, result) = match path.filter(|p| !is_stdin(p)) {
        None => ("standard input".to_string(), from_stdin(&mut bytes)),
        Some(p) => {
            not_a_folder(p)?;
            (
                format!("`{}`", p.display()),
                std::fs::File::open(p).and_then(|f| f.take(limit).read_to_end(&mut bytes)),
            )
        }
    };
    if let Err(e) = result {
        print_cannot_read(&what, &e);
        return Err(exit::USAGE);
    }
    if bytes.len() > MAX_REQUEST_BYTES {
        eprintln!("error: {what} is larger than the limit of {MAX_REQUEST_BYTES} bytes");
        return Err(exit::PROBLEMS);
    }
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    String::from_utf8(bytes).map_err(|e| {
        if UTF16_BOMS.iter().any(|bom| e.as_bytes().starts_with(bom)) {
            print_utf16_error(&what);
        } else {
            eprintln!(
                "error: {what} is not UTF-8 text (byte {} is not valid)",
                e.utf8_error().valid_up_to()
            );
            eprintln!("  help: {NOT_UTF8_HELP}");
        }
        exit::PROBLEMS
    })
}

/// The byte order mark that some editors (Notepad among them) write at the start of a
/// UTF-8 file. JSON allows a reader to ignore it (RFC 8259, section 8.1), and Baton
/// does, as it does at the start of a policy.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The byte order marks of UTF-16 text, little- and big-endian: a file that starts with
/// one was saved in an encoding Baton does not read, and the error says so.
const UTF16_BOMS: [&[u8]; 2] = [b"\xFF\xFE", b"\xFE\xFF"];

/// What a person at a terminal is told when requests are read from it one per line, to
/// be decided as they come.
pub const STDIN_LINES_HINT: &str = "reading requests from the terminal, one per line: each is decided when you press Enter; Ctrl-D (Ctrl-Z and Enter on Windows) ends";

/// One line of JSON Lines as read: its text, or why it has none.
pub enum Line {
    /// The line without its line end or a byte order mark at its start.
    Text(String),
    /// A line longer than a request may be: its length in bytes (it was skipped).
    TooLong(u64),
    /// A line that is not UTF-8: the position of its first bad byte.
    NotUtf8(usize),
    /// The first line starts as UTF-16 text does: the whole input is in an encoding
    /// Baton does not read.
    Utf16,
}

impl Line {
    /// The line's text, or the error that stands in the place of its request. The
    /// caller handles [`Line::Utf16`] first: it refuses the whole input, not a line.
    pub fn text(self) -> Result<String, crate::RequestError> {
        match self {
            Line::Text(text) => Ok(text),
            Line::TooLong(bytes) => Err(crate::RequestError::too_large(bytes)),
            Line::NotUtf8(at) => Err(crate::RequestError::new(
                "",
                format!("the line is not UTF-8 text (byte {at} is not valid)"),
            )
            .with_help(NOT_UTF8_HELP)),
            Line::Utf16 => Err(
                crate::RequestError::new("", "the text is UTF-16, not UTF-8").with_help(UTF16_HELP),
            ),
        }
    }
}

/// What to do about requests that are not UTF-8.
const NOT_UTF8_HELP: &str =
    "Baton reads requests as UTF-8, as JSON requires; save or convert the text to UTF-8";

/// What to do about requests saved as UTF-16.
const UTF16_HELP: &str =
    "it is UTF-16 text (what some Windows editors call \"Unicode\"); save it as UTF-8";

/// The error for text that starts as UTF-16 does, as a person reads it.
pub fn print_utf16_error(what: &str) {
    eprintln!("error: {what} is not UTF-8 text (byte 0 is not valid)");
    eprintln!("  help: {UTF16_HELP}");
}

/// Requests read one line at a time, from a file or standard input, so that a file of
/// any size is decided in as little memory as its longest line, and a stream (`tail -f
/// requests.jsonl | baton eval --jsonl POLICY`) gets each decision as its line arrives.
pub struct RequestLines {
    reader: Box<dyn std::io::BufRead>,
    /// How the input is named in errors: `` `requests.jsonl` `` or `standard input`.
    pub what: String,
    /// The size of a regular file, for progress; `None` for standard input, a pipe or a
    /// device.
    pub size: Option<u64>,
    /// Bytes read so far.
    pub read: u64,
    /// The number of the line read last, from 1.
    number: usize,
}

impl RequestLines {
    /// Opens the requests (standard input for `-` or no path), printing why it cannot
    /// be; the error is the exit status. `hint` is said first when standard input is a
    /// terminal.
    pub fn open(path: Option<&Path>, hint: &str) -> Result<RequestLines, u8> {
        match path.filter(|p| !is_stdin(p)) {
            None => {
                hint_at_terminal(hint);
                Ok(RequestLines {
                    reader: Box::new(std::io::BufReader::new(std::io::stdin())),
                    what: "standard input".into(),
                    size: None,
                    read: 0,
                    number: 0,
                })
            }
            Some(p) => {
                not_a_folder(p)?;
                let what = format!("`{}`", p.display());
                let file = std::fs::File::open(p).map_err(|e| {
                    print_cannot_read(&what, &e);
                    exit::USAGE
                })?;
                // A named pipe or a device is a stream, as standard input is.
                let size = file
                    .metadata()
                    .ok()
                    .filter(|m| m.is_file())
                    .map(|m| m.len());
                Ok(RequestLines {
                    reader: Box::new(std::io::BufReader::with_capacity(1 << 16, file)),
                    what,
                    size,
                    read: 0,
                    number: 0,
                })
            }
        }
    }

    /// Whether the requests come from standard input, a pipe or a device, where they may
    /// arrive one by one.
    pub fn is_stream(&self) -> bool {
        self.size.is_none()
    }

    /// The next line and its number (from 1), `None` at the end. A line longer than a
    /// request may be is skipped to its end without being kept.
    pub fn next_line(&mut self) -> std::io::Result<Option<(usize, Line)>> {
        use std::io::BufRead;
        let mut bytes = Vec::new();
        let limit = MAX_REQUEST_BYTES as u64 + 1;
        let n = (&mut self.reader)
            .take(limit)
            .read_until(b'\n', &mut bytes)?;
        if n == 0 {
            return Ok(None);
        }
        self.read += n as u64;
        self.number += 1;
        let ended = bytes.last() == Some(&b'\n');
        if !ended && bytes.len() > MAX_REQUEST_BYTES {
            let mut length = bytes.len() as u64;
            loop {
                let chunk = self.reader.fill_buf()?;
                if chunk.is_empty() {
                    break;
                }
                let (used, done) = match chunk.iter().position(|b| *b == b'\n') {
                    Some(i) => (i + 1, true),
                    None => (chunk.len(), false),
                };
                self.reader.consume(used);
                length += used as u64;
                self.read += used as u64;
                if done {
                    break;
                }
            }
            return Ok(Some((self.number, Line::TooLong(length))));
        }
        if ended {
            bytes.pop();
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
        }
        if self.number == 1 && UTF16_BOMS.iter().any(|bom| bytes.starts_with(bom)) {
            return Ok(Some((self.number, Line::Utf16)));
        }
        let line = match String::from_utf8(bytes) {
            Ok(mut text) => {
                let mark = text.len() - request_line(&text).len();
                text.drain(..mark);
                Line::Text(text)
            }
            Err(e) => Line::NotUtf8(e.utf8_error().valid_up_to()),
        };
        Ok(Some((self.number, line)))
    }
}

/// Whether the requests come as a `.jsonl` file: one request per line.
pub fn is_json_lines_file(path: Option<&Path>) -> bool {
    path.is_some_and(|p| has_extension(p, "jsonl"))
}

/// One line of a `.jsonl` file, without the byte order mark it starts with when files
/// saved by an editor that writes one were joined (`cat a.jsonl b.jsonl`): the line's
/// request is read as if it were not there.
pub fn request_line(line: &str) -> &str {
    line.strip_prefix('\u{feff}').unwrap_or(line)
}

/// Whether `input`, which does not read as one request, is rather one request per line
/// (JSON Lines): more than one line holds something, and the first of them is a JSON
/// object on its own.
pub fn looks_like_json_lines(input: &str) -> bool {
    let mut lines = input
        .lines()
        .map(request_line)
        .filter(|l| !l.trim().is_empty());
    let first = lines.next();
    lines.next().is_some()
        && first.is_some_and(|l| {
            serde_json::from_str::<serde_json::Value>(l).is_ok_and(|v| v.is_object())
        })
}

/// `bytes` without a UTF-8 byte order mark at the start.
fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes)
}

/// Prints a request's errors the way a person reads them: each with its path and help,
/// then how many more there are.
pub fn print_request_error(e: &crate::RequestError, line: Option<usize>) {
    let place = line.map(|l| format!("line {l}: ")).unwrap_or_default();
    for e in e.all() {
        let path = if e.path.is_empty() {
            "request"
        } else {
            &e.path
        };
        eprintln!("error: {place}{path}: {}", e.message);
        if let Some(help) = &e.help {
            eprintln!("  help: {help}");
        }
    }
    if e.more > 0 {
        let errors = if e.more == 1 { "error" } else { "errors" };
        eprintln!("{place}and {} more {errors} in this request", e.more);
    }
}

/// A request's errors as the JSON of an error object (`baton eval --jsonl`): the first
/// error's `path`, `message` and `help`, the others in `also`, and how many more in `more`.
pub fn request_error_json(e: &crate::RequestError, line: usize) -> serde_json::Value {
    let also: Vec<serde_json::Value> = e
        .also
        .iter()
        .map(|a| serde_json::json!({"path": a.path, "message": a.message, "help": a.help}))
        .collect();
    serde_json::json!({"error": {
        "line": line,
        "path": e.path,
        "message": e.message,
        "help": e.help,
        "also": also,
        "more": e.more,
    }})
}
