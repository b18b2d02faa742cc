//! Every problem found in one policy file, as one value that is itself a
//! [`miette::Diagnostic`], and the positions (lines and columns) the machine formats use.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, NamedSource, Severity, SourceCode};

/// One problem: a parse error, a check error, a compile error, or a lint warning.
pub type Problem = Box<dyn Diagnostic + Send + Sync + 'static>;

/// The problems of one file, with its text so that they can be shown on it.
pub struct Diagnostics {
    name: String,
    source: NamedSource<String>,
    problems: Vec<Problem>,
}

impl Diagnostics {
    /// The problems found in `source`, the text of the file called `name`.
    pub fn new(name: &str, source: &str, problems: Vec<Problem>) -> Self {
        Diagnostics {
            name: name.to_string(),
            source: NamedSource::new(name, source.to_string()),
            problems,
        }
    }

    /// The file's name as given to [`crate::Policy::compile`].
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The file's text.
    pub fn source(&self) -> &str {
        self.source.inner()
    }

    /// The text with its name, for renderers.
    pub fn named_source(&self) -> &NamedSource<String> {
        &self.source
    }

    /// Every problem, errors and warnings, in the order found.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// How many problems are errors (a problem with no severity is an error).
    pub fn error_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| severity(p.as_ref()) == Severity::Error)
            .count()
    }

    /// How many problems are warnings (lints).
    pub fn warning_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| severity(p.as_ref()) == Severity::Warning)
            .count()
    }

    /// Whether any problem is an error: a policy with errors does not compile.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }
}

/// A problem's severity; miette's convention is that none means an error.
pub fn severity(d: &dyn Diagnostic) -> Severity {
    d.severity().unwrap_or(Severity::Error)
}

impl fmt::Debug for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<String> = self.problems.iter().map(|p| p.to_string()).collect();
        f.debug_struct("Diagnostics")
            .field("name", &self.name)
            .field("problems", &messages)
            .finish()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.error_count();
        let warnings = self.warning_count();
        write!(
            f,
            "`{}` has {}, {}",
            self.name,
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    }
}

impl std::error::Error for Diagnostics {}

impl Diagnostic for Diagnostics {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("invalid-policy"))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(
            self.problems.iter().map(|p| p.as_ref() as &dyn Diagnostic),
        ))
    }
}

/// The items as a sentence lists them, the last two joined by `word`: "a", "a or b",
/// "a, b and c".
pub(crate) fn joined(items: &[impl std::fmt::Display], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(ToString::to_string).collect();
            format!("{} {word} {last}", init.join(", "))
        }
    }
}

/// "1 error", "2 errors".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A count for people to read, its thousands separated: `1234567` as `1,234,567`.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A 1-based line and column (counted in characters) of a byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
}

/// Finds lines and columns of byte offsets in one text.
pub struct LineIndex<'a> {
    text: &'a str,
    /// The byte offset at which each line starts.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `text`.
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// The line and column of a byte offset; one inside a character counts as that
    /// character, and one past the end as the end.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        LineCol {
            line,
            column: self.text[start..offset].chars().count() + 1,
        }
    }
}

/// Where every diagnostic code is explained, with an example and its fix.
pub const DOCS: &str = "docs/diagnostics.md";

/// A problem's help, followed by where its code is explained.
pub fn help_with_docs(d: &dyn Diagnostic) -> Option<String> {
    let docs = d.code().map(|c| format!("see {DOCS}#{c}"));
    match (d.help(), docs) {
        (Some(help), Some(docs)) => Some(format!("{help}\n{docs}")),
        (Some(help), None) => Some(help.to_string()),
        (None, docs) => docs,
    }
}

/// The labels of a problem, the primary one (the first) first.
pub fn labels(d: &dyn Diagnostic) -> Vec<LabeledSpan> {
    d.labels().map(|l| l.collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(116_530), "116,530");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn lines_and_columns_are_one_based_and_count_characters() {
        let idx = LineIndex::new("ab\nçd\n");
        assert_eq!(idx.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(3), LineCol { line: 2, column: 1 });
        assert_eq!(idx.line_col(5), LineCol { line: 2, column: 2 });
        assert_eq!(idx.line_col(7), LineCol { line: 3, column: 1 });
        assert_eq!(idx.line_col(999), LineCol { line: 3, column: 1 });
    }
}
