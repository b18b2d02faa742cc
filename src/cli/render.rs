//! Renderers of diagnostics: miette's graphical report for people, JSON for scripts.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, Severity,
    SourceCode,
};
use serde_json::{Value, json};

use crate::{Diagnostics, LineIndex, labels, severity};

/// The width human output is wrapped at; fixed so that output is the same everywhere.
const WIDTH: usize = 100;

/// Every problem of a file, drawn on its source.
pub fn human(d: &Diagnostics, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        .with_links(false);
    let mut out = String::new();
    for problem in d.problems() {
        let shown = WithSource {
            inner: problem.as_ref(),
            source: d.named_source(),
        };
        // Writing into a String cannot fail.
        let _ = handler.render_report(&mut out, &shown);
        out.push('\n');
    }
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
                "help": p.help().map(|h| h.to_string()),
                "line": line,
                "column": column,
                "labels": spans,
            })
        })
        .collect()
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
    source: &'a NamedSource<String>,
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
        self.inner.help()
    }
    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.url()
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.inner.labels()
    }
}
