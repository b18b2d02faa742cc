//! Renderers of diagnostics: miette's graphical report for people, JSON for scripts,
//! SARIF for code-scanning services and workflow commands for GitHub Actions.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, Severity,
    SourceCode,
};
use serde_json::{Value, json};

use crate::codes::{CODES, Level};
use crate::diagnostic::CharColumns;
use crate::{DOCS, Diagnostics, LineIndex, help_with_docs, labels, severity};

/// The width human output is wrapped at; fixed so that output is the same everywhere.
const WIDTH: usize = 100;

/// Every problem of a file, drawn on its source.
pub fn human(d: &Diagnostics, color: bool) -> String {
    let mut out = String::new();
    for problem in d.problems() {
        out.push_str(&human_one(problem.as_ref(), d.named_source(), color));
        out.push('\n');
    }
    out
}

/// One diagnostic drawn on a source that it does not carry itself.
pub fn human_one(problem: &dyn Diagnostic, source: &NamedSource<String>, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        .with_links(false);
    let mut out = String::new();
    let shown = WithSource {
        inner: problem,
        source: CharColumns(source),
    };
    // Writing into a String cannot fail.
    let _ = handler.render_report(&mut out, &shown);
    out
}

/// All the problems of all the files, as the JSON array of the design (section 6).
pub fn json(all: &[Diagnostics]) -> String {
    let records: Vec<Value> = all.iter().flat_map(records).collect();
    serde_json::to_string_pretty(&Value::Array(records)).unwrap_or_else(|_| "[]".into())
}

/// The JSON records of one file's problems.
pub fn records(d: &Diagnostics) -> Vec<Value> {
    let index = LineIndex::new(d.source());
    d.problems()
        .iter()
        .map(|p| {
            let labels = labels(p.as_ref());
            let spans: Vec<Value> = labels.iter().map(|l| label_json(&index, l)).collect();
            let (line, column) = labels.first().map_or((1, 1), |l| {
                let at = index.line_col(l.offset());
                (at.line, at.column)
            });
            json!({
                "file": d.name(),
                "severity": match severity(p.as_ref()) {
                    Severity::Warning | Severity::Advice => "warning",
                    Severity::Error => "error",
                },
                "code": p.code().map(|c| c.to_string()),
                "message": p.to_string(),
                "help": help_with_docs(p.as_ref()),
                "line": line,
                "column": column,
                "labels": spans,
            })
        })
        .collect()
}

/// All the problems of all the files as one SARIF 2.1.0 log: one rule per code of the
/// catalogue (with its summary and where it is explained), one result per problem.
#[expect(
    clippy::indexing_slicing,
    reason = "the values indexed were built just above by `json!` as objects, whose index does not panic; `ruleIndex` is a position found in `CODES`"
)]
pub fn sarif(all: &[Diagnostics]) -> String {
    let rules: Vec<Value> = CODES
        .iter()
        .map(|c| {
            json!({
                "id": c.code,
                "shortDescription": {"text": c.summary},
                "fullDescription": {"text": c.summary},
                "help": {"text": format!("{} See {DOCS}#{}.", c.summary, c.code)},
                "defaultConfiguration": {"level": match c.level {
                    Level::Error => "error",
                    Level::Warning => "warning",
                }},
            })
        })
        .collect();
    let mut results = Vec::new();
    for d in all {
        let index = LineIndex::new(d.source());
        for p in d.problems() {
            let code = p.code().map(|c| c.to_string()).unwrap_or_default();
            let labels = labels(p.as_ref());
            let location = |l: &LabeledSpan| {
                let start = index.line_col(l.offset());
                let end = index.line_col(l.offset() + l.len());
                let mut location = json!({
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(d.name())},
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                        },
                    },
                });
                if let Some(text) = l.label() {
                    location["message"] = json!({"text": text});
                }
                location
            };
            let mut message = p.to_string();
            if let Some(help) = p.help() {
                message.push_str(&format!("\nhelp: {help}"));
            }
            let mut result = json!({
                "ruleId": code,
                "level": match severity(p.as_ref()) {
                    Severity::Warning | Severity::Advice => "warning",
                    Severity::Error => "error",
                },
                "message": {"text": message},
                "locations": [labels.first().map_or_else(
                    || json!({"physicalLocation": {
                        "artifactLocation": {"uri": uri(d.name())},
                        "region": {"startLine": 1, "startColumn": 1},
                    }}),
                    location,
                )],
            });
            if let Some(i) = CODES.iter().position(|c| c.code == code) {
                result["ruleIndex"] = json!(i);
            }
            if labels.len() > 1 {
                result["relatedLocations"] = Value::Array(
                    labels
                        .iter()
                        .skip(1)
                        .enumerate()
                        .map(|(i, l)| {
                            let mut r = location(l);
                            r["id"] = json!(i);
                            r
                        })
                        .collect(),
                );
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "baton",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".into())
}

/// A file name as a SARIF URI: relative paths kept relative (to the folder `check` ran
/// in), with forward slashes and the characters URIs reserve escaped.
fn uri(name: &str) -> String {
    let mut out = String::new();
    for c in name.replace('\\', "/").chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' | '_' | '~' | '/' => out.push(c),
            c => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out
}

/// All the problems as GitHub Actions workflow commands
/// (`::error file=F,line=L,col=C::message`), one per line; GitHub shows each as an
/// annotation on the pull request's diff.
pub fn github(all: &[Diagnostics]) -> String {
    let mut out = String::new();
    for d in all {
        let index = LineIndex::new(d.source());
        for p in d.problems() {
            let command = match severity(p.as_ref()) {
                Severity::Warning | Severity::Advice => "warning",
                Severity::Error => "error",
            };
            let labels = labels(p.as_ref());
            let place = labels.first().map(|l| {
                let start = index.line_col(l.offset());
                let end = index.line_col(l.offset() + l.len());
                (start, end)
            });
            let mut props = format!("file={}", property(d.name()));
            if let Some((start, end)) = place {
                props.push_str(&format!(",line={},col={}", start.line, start.column));
                if end.line > start.line {
                    props.push_str(&format!(",endLine={}", end.line));
                } else {
                    props.push_str(&format!(",endColumn={}", end.column));
                }
            }
            if let Some(code) = p.code() {
                props.push_str(&format!(",title={}", property(&code.to_string())));
            }
            let mut message = p.to_string();
            if let Some(help) = help_with_docs(p.as_ref()) {
                message.push_str(&format!("\nhelp: {help}"));
            }
            out.push_str(&format!("::{command} {props}::{}\n", data(&message)));
        }
    }
    out
}

/// One workflow command: `::error file=F,line=L,col=C,title=T::message`.
pub fn github_command(
    command: &str,
    file: &str,
    at: Option<(usize, usize)>,
    title: &str,
    message: &str,
) -> String {
    let mut props = format!("file={}", property(file));
    if let Some((line, column)) = at {
        props.push_str(&format!(",line={line},col={column}"));
    }
    props.push_str(&format!(",title={}", property(title)));
    format!("::{command} {props}::{}\n", data(message))
}

/// A workflow command's message: `%`, carriage returns and newlines escaped.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: also `:` and `,` escaped.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A label's place: 1-based lines and columns, the end column just after its last
/// character.
fn label_json(index: &LineIndex<'_>, label: &LabeledSpan) -> Value {
    let start = index.line_col(label.offset());
    let end = index.line_col(label.offset() + label.len());
    json!({
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
        "text": label.label(),
    })
}

/// A problem shown with its file's text.
struct WithSource<'a> {
    inner: &'a dyn Diagnostic,
    source: CharColumns<&'a NamedSource<String>>,
}

impl fmt::Debug for WithSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.inner, f)
    }
}

impl fmt::Display for WithSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.inner, f)
    }
}

impl std::error::Error for WithSource<'_> {}

impl Diagnostic for WithSource<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.code()
    }
    fn severity(&self) -> Option<Severity> {
        self.inner.severity()
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        help_with_docs(self.inner).map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.url()
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.inner.labels()
    }
}
