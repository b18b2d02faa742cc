//! Requests (design section 5) and their errors. A request's shape is checked when it
//! is read ([`Request::from_json`]); its facts and teams, which depend on the policy, are
//! checked by `Policy::decide`. Every error names the JSON path and the value found.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use miette::Diagnostic;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use thiserror::Error;

use crate::limits::{MAX_MESSAGES, MAX_REQUEST_BYTES, MAX_REQUEST_ERRORS, MAX_REQUEST_NESTING};
pub use crate::syntax::ast::Sender;
use crate::text::cards::mask_cards;

/// What a bot sends with each decision it asks for.
///
/// Read it with [`Request::from_json`], the fastest way. Its serde `Deserialize` (for a
/// request inside a larger message, or a web framework's JSON extractor) checks exactly
/// as [`Request::from_value`] does, through a `serde_json::Value`: the same requests are
/// taken, and a refused one fails with the same path and message.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Request {
    /// The moment of the decision; the last message's time when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub now: Option<Timestamp>,
    /// Fact name to value, as JSON: checked against the policy's facts.
    pub facts: serde_json::Map<String, Json>,
    /// The conversation so far, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<Message>,
    /// What the bot already tried.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Arc<str>>,
    /// Live availability of teams, by team name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub teams: BTreeMap<String, TeamStatus>,
}

/// One message of the conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// Who wrote it: `customer`, `bot` or `agent`.
    pub from: Sender,
    /// What was written. Shared, so that a decision's transcript holds the text without
    /// copying it.
    pub text: Arc<str>,
    /// When it was sent (RFC 3339 in JSON, with its offset).
    pub at: Timestamp,
}

/// What a bot knows of a team right now. Both counts may be left out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamStatus {
    /// Agents free now; `0` makes the team unreachable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available: Option<u32>,
    /// Customers waiting; orders the teams of a `skill` target, fewest first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting: Option<u32>,
}

/// A request Baton refuses: where (a JSON path such as `facts.confidence` or
/// `messages[2].at`) and what is wrong, with the value found.
///
/// A request with several mistakes is refused once, with all of them: this error is the
/// first found, [`also`](RequestError::also) holds the others (each with its own path),
/// and [`more`](RequestError::more) counts those past [`MAX_REQUEST_ERRORS`]. The same
/// mistake in several places of a list (every message written in another chat format,
/// say) is one error whose message names the other places. Its shape (`messages`,
/// `teams`, ...) is checked when a request is read, its facts and times when it is
/// decided: a request read without error may still be refused by the policy.
#[derive(Clone, Debug, PartialEq, Eq, Error, Diagnostic)]
#[error(
    "{path}{}{message}{}",
    if path.is_empty() { "" } else { ": " },
    others(also.len() + more)
)]
#[diagnostic(code("bad-request"))]
pub struct RequestError {
    /// Where in the request; empty for the request as a whole.
    pub path: String,
    /// What is wrong, quoting the value found (card numbers masked).
    pub message: String,
    /// How to write it instead, when Baton can tell.
    #[help]
    pub help: Option<String>,
    /// The request's other errors, in the order found; none of them has errors of its
    /// own here. With this one, at most [`MAX_REQUEST_ERRORS`].
    #[related]
    pub also: Vec<RequestError>,
    /// How many more errors were found than are reported.
    pub more: usize,
}

/// `" (and N more errors)"` after the first error's message, when there are others.
fn others(count: usize) -> String {
    match count {
        0 => String::new(),
        1 => " (and 1 more error)".into(),
        n => format!(" (and {n} more errors)"),
    }
}

impl RequestError {
    /// An error at `path`. Both are masked here, whatever they quote: a path may hold a
    /// key of the request (`teams.4111 1111 1111 1111`), and a message a value.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> RequestError {
        RequestError {
            path: mask_cards(&path.into()).into_owned(),
            message: mask_cards(&message.into()).into_owned(),
            help: None,
            also: Vec::new(),
            more: 0,
        }
    }

    /// This error and the others, each on its own: the way to print them all.
    pub fn all(&self) -> impl Iterator<Item = &RequestError> {
        std::iter::once(self).chain(&self.also)
    }

    /// A request of `bytes` bytes, over the limit of [`MAX_REQUEST_BYTES`].
    pub fn too_large(bytes: u64) -> RequestError {
        RequestError::new(
            "",
            format!(
                "the request is {bytes} bytes, more than the limit of {MAX_REQUEST_BYTES} bytes"
            ),
        )
    }

    /// The same error with a help, masked as the message is.
    pub fn with_help(mut self, help: impl Into<String>) -> RequestError {
        self.help = Some(mask_cards(&help.into()).into_owned());
        self
    }

    /// The same error with `help` when there is one.
    pub fn with_help_if(self, help: Option<String>) -> RequestError {
        match help {
            Some(help) => self.with_help(help),
            None => self,
        }
    }
}

/// A JSON value as an error message quotes it: short, with card numbers masked.
pub fn found(value: &Json) -> String {
    let text = match value {
        Json::Null => return "null".into(),
        Json::Array(_) => return "a list".into(),
        Json::Object(_) => return "an object".into(),
        Json::String(s) => {
            // Masked before it is cut, so that no part of a card number is shown.
            let masked = mask_cards(s);
            // 60 characters, and the marks written on the last of them (`é` typed as `e`
            // and an accent, an Indic vowel sign), so that no letter is shown cut.
            let cut = masked
                .char_indices()
                .nth(60)
                .map_or(masked.len(), |(at, _)| at);
            let rest = masked.get(cut..).unwrap_or_default();
            let marks: usize = rest
                .chars()
                .take_while(|&c| unicode_normalization::char::is_combining_mark(c))
                .map(char::len_utf8)
                .sum();
            let short = masked.get(..cut + marks).unwrap_or(&masked);
            let more = if short.len() < masked.len() {
                "…"
            } else {
                ""
            };
            crate::text::quoted(&format!("{short}{more}"))
        }
        other => other.to_string(),
    };
    mask_cards(&text).into_owned()
}

/// A request's errors as they are found, to be reported together as one [`RequestError`].
#[derive(Debug, Default)]
pub(crate) struct Errors {
    found: Vec<Found>,
    more: usize,
}

/// An error to report, and the other places where the same mistake was made.
#[derive(Debug)]
struct Found {
    error: RequestError,
    /// The path with its list indexes left out, the message and the help: two errors of
    /// the same shape are the same mistake in two items of a list.
    shape: String,
    same_at: Vec<String>,
    same_more: usize,
}

/// How many other places of the same mistake are named.
const SAME_AT_SHOWN: usize = 3;

impl Errors {
    /// Adds an error (and the errors it holds).
    pub fn push(&mut self, mut error: RequestError) {
        let also = std::mem::take(&mut error.also);
        self.more += std::mem::take(&mut error.more);
        for e in std::iter::once(error).chain(also) {
            self.add(e);
        }
    }

    fn add(&mut self, error: RequestError) {
        let shape = format!(
            "{}\n{}\n{}",
            without_indexes(&error.path),
            error.message,
            error.help.as_deref().unwrap_or_default()
        );
        if let Some(same) = self.found.iter_mut().find(|f| f.shape == shape) {
            if same.same_at.len() < SAME_AT_SHOWN {
                same.same_at.push(error.path);
            } else {
                same.same_more += 1;
            }
        } else if self.found.len() < MAX_REQUEST_ERRORS {
            self.found.push(Found {
                error,
                shape,
                same_at: Vec::new(),
                same_more: 0,
            });
        } else {
            self.more += 1;
        }
    }

    /// The value of `result`, or `None` with its error added.
    pub fn take<T>(&mut self, result: Result<T, RequestError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.push(e);
                None
            }
        }
    }

    /// `Ok` when no error was found, otherwise the first with the others. Inline, and
    /// the error built out of line: every decision checks, almost none is refused.
    #[inline]
    pub fn check(self) -> Result<(), RequestError> {
        if self.found.is_empty() {
            Ok(())
        } else {
            self.error().map_or(Ok(()), Err)
        }
    }

    /// The first error found, with the others; `None` when there is none.
    #[cold]
    #[inline(never)]
    fn error(self) -> Option<RequestError> {
        let mut found = self.found.into_iter().map(|f| {
            let mut error = f.error;
            if !f.same_at.is_empty() {
                let mut places: Vec<String> = f.same_at.iter().map(|p| format!("`{p}`")).collect();
                if f.same_more > 0 {
                    places.push(crate::plural(f.same_more, "more place"));
                }
                error.message = format!(
                    "{} (the same at {})",
                    error.message,
                    crate::diagnostic::joined(&places, "and")
                );
            }
            error
        });
        let mut first = found.next()?;
        first.also = found.collect();
        first.more = self.more;
        Some(first)
    }
}

/// `messages[3].at` as `messages[].at`.
fn without_indexes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push(c);
            }
            ']' => {
                in_index = false;
                out.push(c);
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

/// What could be read of a request whose shape is wrong ([`Request::from_json_partly`]).
pub(crate) struct Readable {
    /// The request made of its parts that are right, and of every team named: a team
    /// whose availability has a mistake is kept with no counts, so that its name is
    /// checked against the policy too.
    pub(crate) request: Request,
    /// Whether its `facts` were an object.
    pub(crate) facts_read: bool,
    /// The time of each message of the request, at its index, where it could be read
    /// (a message left out for another mistake may still have one); empty when
    /// `messages` is no list or holds too many.
    pub(crate) times: Vec<Option<Timestamp>>,
}

impl Readable {
    /// What could be read of `value`, whose parts that are right make `request`.
    fn new(value: &Json, mut request: Request) -> Readable {
        let facts_read = value.get("facts").is_some_and(Json::is_object);
        if let Some(Json::Object(teams)) = value.get("teams") {
            for name in teams.keys() {
                request.teams.entry(name.clone()).or_default();
            }
        }
        let times = match value.get("messages") {
            Some(Json::Array(list)) if list.len() <= MAX_MESSAGES => list
                .iter()
                .map(|m| m.get("at")?.as_str()?.parse::<Timestamp>().ok())
                .collect(),
            _ => Vec::new(),
        };
        Readable {
            request,
            facts_read,
            times,
        }
    }
}

/// Both values, or every error of the two.
pub(crate) fn both<A, B>(
    a: Result<A, RequestError>,
    b: Result<B, RequestError>,
) -> Result<(A, B), RequestError> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(e), Ok(_)) | (Ok(_), Err(e)) => Err(e),
        (Err(a), Err(b)) => Err(together(a, b)),
    }
}

/// The errors of `a`, then those of `b`, as one error.
pub(crate) fn together(a: RequestError, b: RequestError) -> RequestError {
    let mut errors = Errors::default();
    errors.push(a.clone());
    errors.push(b);
    // `a` was pushed, so there is an error; `a` alone stands in all the same.
    errors.error().unwrap_or(a)
}

impl<'de> Deserialize<'de> for Request {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Request, D::Error> {
        let value = Json::deserialize(deserializer)?;
        Request::from_value(&value).map_err(|e| match &e.help {
            Some(help) => serde::de::Error::custom(format!("{e} ({help})")),
            None => serde::de::Error::custom(e),
        })
    }
}

const KEYS: [&str; 5] = ["now", "facts", "messages", "actions", "teams"];

/// Help for JSON as people write it by hand or print it from another language, where
/// the parser stopped: curly or single quotes, a trailing comma, Python's `True`, a
/// comment. `None` when the text there is none of these.
fn json_help(text: &str, e: &serde_json::Error) -> Option<String> {
    // serde_json counts lines from 1 and, within a line, bytes from 1; at the end of the
    // text it may point one past the last byte.
    let line = text.split('\n').nth(e.line().checked_sub(1)?)?;
    let here = line
        .get(e.column().saturating_sub(1)..)
        .or_else(|| line.get(e.column()..))?;
    let here = here.trim_start();
    if here.starts_with(crate::syntax::CURLY_QUOTES) {
        Some(
            "the JSON has curly quotes (“ ”), as word processors and chat apps write them; JSON needs straight double quotes `\"`",
        )
    } else if here.starts_with('\'') {
        Some(
            "JSON writes keys and texts in double quotes: `\"facts\"`, not `'facts'` (a Python dict printed as it is is not JSON: write it with `json.dumps`)",
        )
    } else if e.to_string().starts_with("trailing comma") {
        Some("remove the `,` before the closing bracket: JSON has no comma after the last item")
    } else if ["True", "False", "None"]
        .iter()
        .any(|w| here.starts_with(w))
    {
        Some(
            "JSON writes `true`, `false` and `null`, in lower case (a Python dict printed as it is is not JSON: write it with `json.dumps`)",
        )
    } else if here.starts_with("//") || here.starts_with("/*") || here.starts_with('#') {
        Some("JSON has no comments: remove them")
    } else if !text
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .starts_with(['{', '['])
    {
        // Not JSON at all: a word, YAML (`facts: ...`), a log line.
        Some(
            r#"a request is one JSON object, from `{` to `}`, such as `{"facts": {"confidence": 0.9}}`"#,
        )
    } else if here.starts_with(|c: char| c.is_alphabetic()) {
        // A word without quotes where a value goes: `"tier": vip`. serde_json stops
        // inside a word that starts like `null`, `true` or `false` (`normal`): the word
        // is taken whole, from its first letter.
        let wordy = |c: &char| c.is_alphanumeric() || *c == '_';
        let at = line.len() - here.len();
        let start = line
            .get(..at)
            .map_or(at, |b| at - b.chars().rev().take_while(wordy).map(char::len_utf8).sum::<usize>());
        let word: String = line
            .get(start..)
            .unwrap_or(here)
            .chars()
            .take_while(wordy)
            .take(40)
            .collect();
        return Some(format!(
            "a text in JSON goes between double quotes: `\"{word}\"`"
        ));
    } else {
        None
    }
    .map(str::to_string)
}

impl Request {
    /// Reads a request from JSON text, checking its shape: every error names the path
    /// and the value found. A well-formed request is read straight from the text; any
    /// other is read again as a JSON value ([`Request::from_value`]), for its error.
    pub fn from_json(text: &str) -> Result<Request, RequestError> {
        Request::from_json_partly(text).map_err(|(e, _)| e)
    }

    /// [`Request::from_json`], giving with its error what could be read of a request
    /// whose shape is wrong, so that the policy can check it too
    /// ([`crate::Policy::read_request`]): the request made of its parts that are right (a
    /// message, action or team with a mistake left out), and whether its `facts` were an
    /// object. `None` with an error when the text is no JSON object.
    pub(crate) fn from_json_partly(
        text: &str,
    ) -> Result<Request, (RequestError, Option<Box<Readable>>)> {
        if text.len() > MAX_REQUEST_BYTES {
            return Err((RequestError::too_large(text.len() as u64), None));
        }
        if let Some(request) = super::read::well_formed(text) {
            return Ok(request);
        }
        let value = Request::json_value(text).map_err(|e| (e, None))?;
        match Request::read_value(&value) {
            Ok((request, errors)) => match errors.check() {
                Ok(()) => Ok(request),
                Err(e) => Err((e, Some(Box::new(Readable::new(&value, request))))),
            },
            Err(e) => Err((e, None)),
        }
    }

    /// The JSON value of a request's text, or an error saying where the text is no JSON
    /// and, for JSON as people write it by hand, how to write it.
    fn json_value(text: &str) -> Result<Json, RequestError> {
        if text.trim().is_empty() {
            // serde_json would say "EOF while parsing a value (line 1, column 0)".
            return Err(RequestError::new("", "the text is empty, with no JSON to read").with_help(
                r#"a request is one JSON object with at least the policy's facts, such as `{"facts": {"confidence": 0.9}}`"#,
            ));
        }
        serde_json::from_str(text).map_err(|e| {
            if e.to_string().contains("recursion limit") {
                return RequestError::new(
                    "",
                    format!("the JSON nests more than {MAX_REQUEST_NESTING} levels deep"),
                );
            }
            let what = e.to_string();
            let what = what.split(" at line").next().unwrap_or(&what);
            // serde_json's word for a bare word it took for the start of `true`, `false`
            // or `null`.
            let what = if what == "expected ident" {
                "a word that is not `true`, `false` or `null`".to_string()
            } else {
                what.to_string()
            };
            let error = RequestError::new(
                "",
                format!(
                    "not valid JSON: {what} (line {}, column {})",
                    e.line(),
                    e.column()
                ),
            );
            match json_help(text, &e) {
                Some(help) => error.with_help(help),
                None => error,
            }
        })
    }

    /// Reads a request from a JSON value, checking its shape. Every mistake is reported,
    /// not only the first ([`RequestError::also`]).
    pub fn from_value(value: &Json) -> Result<Request, RequestError> {
        let (request, errors) = Request::read_value(value)?;
        errors.check()?;
        Ok(request)
    }

    /// The parts of a request that could be read, and the errors of the others; an error
    /// alone when the value is no object.
    fn read_value(value: &Json) -> Result<(Request, Errors), RequestError> {
        let Json::Object(top) = value else {
            let error = RequestError::new(
                "",
                format!(
                    "expected a JSON object with `facts`, found {}",
                    found(value)
                ),
            );
            // A list of requests, as a batch: one request per line is the form for that.
            return Err(error.with_help_if(matches!(value, Json::Array(_)).then(|| {
                "a request is one object; to decide several, write one per line \
                 (JSON Lines: `baton eval` reads a `.jsonl` file, or `--jsonl` on standard input)"
                    .to_string()
            })));
        };
        let mut errors = Errors::default();
        for key in top.keys() {
            if !KEYS.contains(&key.as_str()) {
                let e = RequestError::new(
                    key.clone(),
                    format!(
                        "unknown key; a request has `now`, `facts`, `messages`, `actions` and `teams`, found `{}`",
                        mask_cards(key)
                    ),
                );
                errors.push(match name_here(key, &REQUEST_KEYS_ELSEWHERE, &KEYS) {
                    Some(Here::Named(name)) => e.with_help(format!(
                        "write `{name}`: it is what other formats call `{key}`"
                    )),
                    Some(Here::Close(name)) => e.with_help(format!("did you mean `{name}`?")),
                    None => e,
                });
            }
        }
        let now = match top.get("now") {
            None | Some(Json::Null) => None,
            Some(v) => errors.take(timestamp(v, "now")),
        };
        let facts = match top.get("facts") {
            Some(Json::Object(map)) => map.clone(),
            Some(other) => {
                errors.push(RequestError::new(
                    "facts",
                    format!(
                        "expected an object of fact names and values, found {}",
                        found(other)
                    ),
                ));
                serde_json::Map::new()
            }
            None => {
                errors.push(RequestError::new(
                    "facts",
                    "missing: every request has `facts` (it may be `{}` when the policy requires none)",
                ));
                serde_json::Map::new()
            }
        };
        let messages = match top.get("messages") {
            None | Some(Json::Null) => Vec::new(),
            Some(Json::Array(list)) if list.len() > MAX_MESSAGES => {
                errors.push(
                    RequestError::new(
                        "messages",
                        format!(
                            "{} messages, more than the {} a request may hold",
                            list.len(),
                            MAX_MESSAGES
                        ),
                    )
                    .with_help("send the conversation's latest messages: they are what decides"),
                );
                Vec::new()
            }
            Some(Json::Array(list)) => list
                .iter()
                .enumerate()
                .filter_map(|(i, m)| message(m, i, &mut errors))
                .collect(),
            Some(other) => {
                let e = RequestError::new(
                    "messages",
                    format!("expected a list of messages, found {}", found(other)),
                );
                errors.push(if other.is_object() {
                    e.with_help("put the message in a list, even when it is the only one: `\"messages\": [{...}]`")
                } else {
                    e
                });
                Vec::new()
            }
        };
        let actions = match top.get("actions") {
            None | Some(Json::Null) => Vec::new(),
            Some(Json::Array(list)) => list
                .iter()
                .enumerate()
                .filter_map(|(i, a)| match a {
                    Json::String(s) => Some(Arc::from(s.as_str())),
                    other => {
                        errors.push(RequestError::new(
                            format!("actions[{i}]"),
                            format!("expected a text, found {}", found(other)),
                        ));
                        None
                    }
                })
                .collect(),
            Some(other) => {
                let e = RequestError::new(
                    "actions",
                    format!("expected a list of texts, found {}", found(other)),
                );
                errors.push(match other {
                    Json::String(s) => e.with_help(format!(
                        "put the action in a list, even when it is the only one: `\"actions\": [{}]`",
                        Json::String(s.clone())
                    )),
                    _ => e,
                });
                Vec::new()
            }
        };
        let teams = match top.get("teams") {
            None | Some(Json::Null) => BTreeMap::new(),
            Some(Json::Object(map)) => map
                .iter()
                .filter_map(|(name, status)| {
                    Some((name.clone(), team_status(status, name, &mut errors)?))
                })
                .collect(),
            Some(other) => {
                let e = RequestError::new(
                    "teams",
                    format!(
                        "expected an object of team names and their availability, found {}",
                        found(other)
                    ),
                );
                let named = other.as_array().and_then(|teams| named_teams_help(teams));
                errors.push(e.with_help_if(named));
                BTreeMap::new()
            }
        };
        let request = Request {
            now,
            facts,
            messages,
            actions,
            teams,
        };
        Ok((request, errors))
    }
}

fn timestamp(value: &Json, path: &str) -> Result<Timestamp, RequestError> {
    let bad = || {
        RequestError::new(
            path,
            format!(
                "expected a time such as \"2026-11-24T15:00:00Z\", found {}",
                found(value)
            ),
        )
        .with_help(timestamp_help(value))
    };
    match value {
        Json::String(s) => s.parse::<Timestamp>().map_err(|_| bad()),
        _ => Err(bad()),
    }
}

/// Help for a time Baton does not read, naming the time it most likely is where its
/// form says so: a Unix time, a time without its offset, a date alone, an e-mail date.
fn timestamp_help(value: &Json) -> String {
    const GENERAL: &str =
        "write the date, `T`, the time and the offset from UTC (`Z` for UTC, or `-05:00`)";
    match value {
        Json::Number(n) => {
            // A number the error masks as a card number is not turned into a time that
            // would give its digits back.
            let masked = matches!(mask_cards(&n.to_string()), std::borrow::Cow::Owned(_));
            let unix = n.as_i64().filter(|_| !masked).and_then(|n| match n {
                1_000_000_000..10_000_000_000 => Some((Timestamp::from_second(n).ok()?, "seconds")),
                1_000_000_000_000..10_000_000_000_000 => {
                    Some((Timestamp::from_millisecond(n).ok()?, "milliseconds"))
                }
                _ => None,
            });
            match unix {
                Some((at, unit)) => format!(
                    "times are text, not numbers: if this is a Unix time in {unit}, write \"{at}\""
                ),
                None => format!("times are text, not numbers: {GENERAL}"),
            }
        }
        Json::String(s) => {
            let s = s.trim();
            let date_only = !s.contains(['T', 't', ' ']);
            if let (true, Ok(date)) = (date_only, s.parse::<jiff::civil::Date>()) {
                format!(
                    "a date alone is not a time: write the time and the offset too, such as \"{date}T09:30:00Z\""
                )
            } else if let Ok(civil) = s.parse::<jiff::civil::DateTime>() {
                format!(
                    "the time has no offset from UTC: write \"{}Z\" if it is UTC, or add its offset, such as \"-05:00\"",
                    civil.strftime("%Y-%m-%dT%H:%M:%S%.f")
                )
            } else if let Ok(zoned) = jiff::fmt::rfc2822::parse(s) {
                format!(
                    "this is an e-mail style date; Baton reads RFC 3339, the same time written \"{}\"",
                    zoned.timestamp()
                )
            } else {
                GENERAL.to_string()
            }
        }
        _ => GENERAL.to_string(),
    }
}

/// The keys of a message.
const MESSAGE_KEYS: [&str; 3] = ["from", "text", "at"];

/// What other formats (chat logs, bot platforms) call a request's keys.
const REQUEST_KEYS_ELSEWHERE: [(&str, &str); 16] = [
    ("conversation", "messages"),
    ("history", "messages"),
    ("transcript", "messages"),
    ("chat", "messages"),
    ("dialog", "messages"),
    ("turns", "messages"),
    ("context", "facts"),
    ("metadata", "facts"),
    ("slots", "facts"),
    ("variables", "facts"),
    ("attributes", "facts"),
    ("entities", "facts"),
    ("timestamp", "now"),
    ("time", "now"),
    ("availability", "teams"),
    ("queues", "teams"),
];

/// What other chat formats (and people converting from them) call a message's keys.
const MESSAGE_KEYS_ELSEWHERE: [(&str, &str); 14] = [
    ("role", "from"),
    ("sender", "from"),
    ("author", "from"),
    ("speaker", "from"),
    ("content", "text"),
    ("message", "text"),
    ("body", "text"),
    ("msg", "text"),
    ("timestamp", "at"),
    ("time", "at"),
    ("ts", "at"),
    ("date", "at"),
    ("created_at", "at"),
    ("sent_at", "at"),
];

/// Who may send a message.
const SENDERS: [&str; 3] = ["customer", "bot", "agent"];

/// What other chat formats call the senders: a chat model's `user` is the customer
/// and its `assistant` (`model` for Gemini, `ai` for LangChain) the bot.
const SENDERS_ELSEWHERE: [(&str, &str); 9] = [
    ("user", "customer"),
    ("client", "customer"),
    ("visitor", "customer"),
    ("assistant", "bot"),
    ("model", "bot"),
    ("ai", "bot"),
    ("chatbot", "bot"),
    ("operator", "agent"),
    ("human_agent", "agent"),
];

/// Help for a sender of other chat formats that is no one party of the conversation: a
/// chat model's instructions and tool results, which the customer never saw, and
/// `human`, which a chat model's transcript uses for the customer and a support team for
/// its agents.
fn sender_help(sender: &str) -> Option<String> {
    let role = sender.to_ascii_lowercase();
    match role.as_str() {
        "system" | "developer" => Some(format!(
            "a \"{role}\" message instructs the bot and is not part of the conversation: leave it out of `messages`"
        )),
        "tool" | "function" => Some(format!(
            "a \"{role}\" message is a tool's output, which the customer never saw: leave it out of `messages`, and give what the bot learnt from it as `facts`"
        )),
        "human" => Some(
            "write \"customer\" for what the customer wrote (a chat model's \"human\"), or \"agent\" for a person of the support team"
                .into(),
        ),
        _ => None,
    }
}

/// A name Baton knows, for a help: what a word means here, or the name it misspells.
enum Here {
    Named(&'static str),
    Close(&'static str),
}

/// What `word` is called here: its meaning when other formats use it (`elsewhere`, any
/// case), else the closest of `names`.
fn name_here(
    word: &str,
    elsewhere: &[(&str, &'static str)],
    names: &[&'static str],
) -> Option<Here> {
    if let Some(&(_, name)) = elsewhere
        .iter()
        .find(|(other, _)| other.eq_ignore_ascii_case(word))
    {
        return Some(Here::Named(name));
    }
    crate::check::closest(word, names.iter().copied()).map(Here::Close)
}

/// A message of the request, or `None` with its errors added to `errors`: every field's.
fn message(value: &Json, i: usize, errors: &mut Errors) -> Option<Message> {
    let path = format!("messages[{i}]");
    let Json::Object(map) = value else {
        errors.push(RequestError::new(
            path,
            format!(
                "expected a message such as {{\"from\": \"customer\", \"text\": \"hi\", \"at\": \"2026-11-24T15:00:00Z\"}}, found {}",
                found(value)
            ),
        ));
        return None;
    };
    // The fields an unknown key is taken for (`role` for `from`): not also reported
    // missing, since its help already says to rename it.
    let mut renamed: Vec<&str> = Vec::new();
    for key in map.keys() {
        if !MESSAGE_KEYS.contains(&key.as_str()) {
            let e = RequestError::new(
                format!("{path}.{}", mask_cards(key)),
                "unknown key; a message has `from`, `text` and `at`",
            );
            let here = name_here(key, &MESSAGE_KEYS_ELSEWHERE, &MESSAGE_KEYS);
            if let Some(Here::Named(name) | Here::Close(name)) = here {
                renamed.push(name);
            }
            errors.push(match here {
                // `with_help` masks card numbers, in a key as anywhere.
                Some(Here::Named(name)) => e.with_help(format!(
                    "write `{name}`: it is what other chat formats call `{key}`"
                )),
                Some(Here::Close(name)) => e.with_help(format!("did you mean `{name}`?")),
                None => e,
            });
        }
    }
    let from = match map.get("from") {
        Some(value) => errors.take(sender(value, &path)),
        None => missing(
            errors,
            &renamed,
            &path,
            "from",
            "missing: who sent the message, \"customer\", \"bot\" or \"agent\"",
        ),
    };
    let text = match map.get("text") {
        Some(Json::String(s)) => Some(Arc::from(s.as_str())),
        Some(other) => {
            errors.push(RequestError::new(
                format!("{path}.text"),
                format!("expected a text, found {}", found(other)),
            ));
            None
        }
        None => missing(
            errors,
            &renamed,
            &path,
            "text",
            "missing: the text of the message",
        ),
    };
    let at = match map.get("at") {
        Some(v) => errors.take(timestamp(v, &format!("{path}.at"))),
        None => missing(
            errors,
            &renamed,
            &path,
            "at",
            "missing: when the message was sent, such as \"2026-11-24T15:00:00Z\"",
        ),
    };
    Some(Message {
        from: from?,
        text: text?,
        at: at?,
    })
}

/// `None`, with the error for a missing field unless an unknown key was taken for it.
fn missing<T>(
    errors: &mut Errors,
    renamed: &[&str],
    path: &str,
    field: &str,
    what: &str,
) -> Option<T> {
    if !renamed.contains(&field) {
        errors.push(RequestError::new(format!("{path}.{field}"), what));
    }
    None
}

/// A message's sender.
fn sender(value: &Json, path: &str) -> Result<Sender, RequestError> {
    value.as_str().and_then(Sender::from_name).ok_or_else(|| {
        let e = RequestError::new(
            format!("{path}.from"),
            format!(
                "expected \"customer\", \"bot\" or \"agent\", found {}",
                found(value)
            ),
        );
        if let Some(help) = value.as_str().and_then(sender_help) {
            return e.with_help(help);
        }
        match value
            .as_str()
            .and_then(|s| name_here(s, &SENDERS_ELSEWHERE, &SENDERS))
        {
            Some(Here::Named(name)) => e.with_help(format!(
                "write \"{name}\": it is what other chat formats call {}",
                found(value)
            )),
            Some(Here::Close(name)) => e.with_help(format!("did you mean \"{name}\"?")),
            None => e,
        }
    })
}

/// The keys of a team's status.
const TEAM_KEYS: [&str; 2] = ["available", "waiting"];

/// What other systems call a team's counts.
const TEAM_KEYS_ELSEWHERE: [(&str, &str); 12] = [
    ("agents", "available"),
    ("free", "available"),
    ("free_agents", "available"),
    ("available_agents", "available"),
    ("agents_available", "available"),
    ("capacity", "available"),
    ("queue", "waiting"),
    ("queued", "waiting"),
    ("queue_length", "waiting"),
    ("queue_size", "waiting"),
    ("in_queue", "waiting"),
    ("waiting_customers", "waiting"),
];

/// Keys that say whether a team is open, which the policy's hours decide.
const TEAM_OPEN_KEYS: [&str; 6] = ["open", "closed", "is_open", "status", "state", "online"];

/// Help for `teams` written as a list of teams with their names inside: the object of
/// Baton, keyed by name, shown with the first team.
fn named_teams_help(teams: &[Json]) -> Option<String> {
    let first = teams.first()?.as_object()?;
    let name = first.get("name").or_else(|| first.get("team"))?.as_str()?;
    let counts: Vec<String> = TEAM_KEYS
        .iter()
        .filter_map(|k| first.get(*k).map(|v| format!("\"{k}\": {v}")))
        .collect();
    let counts = if counts.is_empty() {
        "\"available\": 2".to_string()
    } else {
        counts.join(", ")
    };
    let name = serde_json::to_string(name).ok()?;
    (name.len() <= 60)
        .then(|| format!("key each team by its name: \"teams\": {{{name}: {{{counts}}}}}"))
}

/// Help for a team's status written as a bare count of agents.
fn bare_count_help(value: &Json) -> Option<String> {
    let n = value.as_u64()?;
    let agents = crate::plural(usize::try_from(n).unwrap_or(usize::MAX), "agent");
    Some(format!(
        "for {agents} free now, write {{\"available\": {n}}}"
    ))
}

/// A team's status, or `None` with its errors added to `errors`: every key's.
fn team_status(value: &Json, name: &str, errors: &mut Errors) -> Option<TeamStatus> {
    let path = format!("teams.{}", mask_cards(name));
    let Json::Object(map) = value else {
        let e = RequestError::new(
            path,
            format!(
                "expected an object such as {{\"available\": 2, \"waiting\": 7}}, found {}",
                found(value)
            ),
        );
        let help = bare_count_help(value)
            .or_else(|| value.as_array().and_then(|teams| named_teams_help(teams)));
        errors.push(e.with_help_if(help));
        return None;
    };
    let mut good = true;
    let mut status = TeamStatus::default();
    for (key, v) in map {
        let slot = match key.as_str() {
            "available" => &mut status.available,
            "waiting" => &mut status.waiting,
            _ => {
                let e = RequestError::new(
                    format!("{path}.{}", mask_cards(key)),
                    "unknown key; a team has `available` and `waiting`",
                );
                let help = if TEAM_OPEN_KEYS.contains(&key.to_ascii_lowercase().as_str()) {
                    Some(
                        "the policy's hours say when a team is open; to say that no one can take a conversation now, write \"available\": 0"
                            .to_string(),
                    )
                } else {
                    match name_here(key, &TEAM_KEYS_ELSEWHERE, &TEAM_KEYS) {
                        Some(Here::Named("available")) => {
                            Some("write `available`: the number of agents free now".into())
                        }
                        Some(Here::Named(_)) => {
                            Some("write `waiting`: the number of customers waiting".into())
                        }
                        Some(Here::Close(name)) => Some(format!("did you mean `{name}`?")),
                        None => None,
                    }
                };
                errors.push(e.with_help_if(help));
                good = false;
                continue;
            }
        };
        match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) => *slot = Some(n),
            None => {
                let e = RequestError::new(
                    format!("{path}.{key}"),
                    format!(
                        "expected a whole number of people, 0 or more, found {}",
                        found(v)
                    ),
                );
                let quoted = v.as_str().and_then(|t| t.trim().parse::<u32>().ok());
                errors.push(match quoted {
                    Some(n) => e.with_help(format!("write it without quotes: {n}")),
                    None => e,
                });
                good = false;
            }
        }
    }
    good.then_some(status)
}
