//! Every problem found in one policy file, as one value that is itself a
//! [`miette::Diagnostic`], and the positions (lines and columns) the machine formats use.

use std::borrow::Borrow;
use std::fmt;

use miette::{
    Diagnostic, LabeledSpan, MietteError, MietteSpanContents, NamedSource, Severity, SourceCode,
    SourceSpan, SpanContents,
};

/// One problem: a parse error, a check error, a compile error, or a lint warning.
pub type Problem = Box<dyn Diagnostic + Send + Sync + 'static>;

/// The problems of one file, with its text so that they can be shown on it.
pub struct Diagnostics {
    name: String,
    source: CharColumns<NamedSource<String>>,
    problems: Vec<Problem>,
}

impl Diagnostics {
    /// The problems found in `source`, the text of the file called `name`.
    pub fn new(name: &str, source: &str, problems: Vec<Problem>) -> Self {
        Diagnostics {
            name: name.to_string(),
            source: CharColumns(NamedSource::new(name, source.to_string())),
            problems,
        }
    }

    /// The file's name as given to [`crate::Policy::compile`].
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The file's text.
    pub fn source(&self) -> &str {
        self.source.0.inner()
    }

    /// The text with its name, for renderers.
    pub fn named_source(&self) -> &NamedSource<String> {
        &self.source.0
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

/// A policy's text and name as miette reads them, but for the column of the
/// `file:line:column` a report starts with: miette counts it in bytes, so that an accent
/// earlier on the line moves it on, where editors, and Baton's machine formats, count
/// characters. A byte order mark opening the file is not counted either.
pub(crate) struct CharColumns<S>(pub(crate) S);

impl<S: Borrow<NamedSource<String>> + Send + Sync> SourceCode for CharColumns<S> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let source: &NamedSource<String> = self.0.borrow();
        let read = source.read_span(span, context_lines_before, context_lines_after)?;
        // With lines before the span, miette gives column 0 and draws without it.
        if context_lines_before > 0 {
            return Ok(read);
        }
        let Some(column) = char_column(source.inner(), span.offset()) else {
            return Ok(read);
        };
        Ok(Box::new(MietteSpanContents::new_named(
            source.name().to_string(),
            read.data(),
            *read.span(),
            read.line(),
            column,
            read.line_count(),
        )))
    }
}

/// The characters between the start of `offset`'s line and `offset` (a line ends at
/// `\n` or `\r`, as miette reads lines), less a byte order mark opening the text; `None`
/// when `offset` is not a character boundary of `text`.
fn char_column(text: &str, offset: usize) -> Option<usize> {
    let before = text.get(..offset)?;
    let line = match before.rfind(['\n', '\r']) {
        // `\n` and `\r` are one byte each, so `at + 1` is a character boundary.
        Some(at) => before.get(at + 1..)?,
        None => before.strip_prefix('\u{feff}').unwrap_or(before),
    };
    Some(line.chars().count())
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
        // A byte order mark opening the text is not a column: editors do not show it.
        let bom = '\u{feff}'.len_utf8();
        let start = if start == 0 && self.text.starts_with('\u{feff}') && offset >= bom {
            bom
        } else {
            start
        };
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
    fn columns_count_characters_from_the_line_start_and_skip_a_first_byte_order_mark() {
        let text = "\u{feff}ab\ncafé x\r\nnaïve\ry";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(char_column(text, x), Some(5));
        assert_eq!(index.line_col(x), LineCol { line: 2, column: 6 });
        // The mark opening the text is not a column; `a` is the first.
        assert_eq!(char_column(text, 3), Some(0));
        assert_eq!(index.line_col(3), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_col(0), LineCol { line: 1, column: 1 });
        // A lone `\r` ends a line for miette, so its column restarts there.
        assert_eq!(char_column(text, text.find('y').unwrap()), Some(0));
        // Inside a character: no column, and miette's own is kept.
        assert_eq!(char_column(text, text.find('é').unwrap() + 1), None);
    }

    #[test]
    fn a_library_report_gives_the_column_in_characters() {
        let source =
            "policy \"x\"\nphrases p = [\"café\"] rule r { when message mentions q\n stay }\n";
        let Err(problems) = crate::Policy::compile("accents.baton", source) else {
            panic!("`q` is not declared");
        };
        let mut drawn = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .render_report(&mut drawn, &problems)
            .unwrap();
        // `q` is the 53rd character of line 2 and its 54th byte.
        let line = source.lines().nth(1).unwrap();
        let q = line.rfind('q').unwrap();
        assert_eq!((line[..q].chars().count() + 1, q + 1), (53, 54));
        assert!(drawn.contains("[accents.baton:2:53]"), "{drawn}");
    }

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
