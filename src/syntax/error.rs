//! The errors of reading a policy's text: everything that stops the text from having a
//! shape, said in words ("expected a condition after `when`"), never in grammar names.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// An error found while reading the text of a policy.
#[derive(Clone, Debug, Error, Diagnostic, PartialEq)]
pub enum ParseError {
    /// Text that does not fit the grammar where it stands.
    #[error("{message}")]
    #[diagnostic(code("syntax-error"))]
    Syntax {
        /// What was found and what was expected there, in words.
        message: String,
        /// Where it is, in the policy.
        #[label("{label}")]
        span: SourceSpan,
        /// The label on the place: what was expected.
        label: String,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// A file that does not start with its `policy` line.
    #[error("a policy file starts with `policy \"NAME\"`")]
    #[diagnostic(code("expected-policy"))]
    ExpectedPolicy {
        /// Where it is, in the policy.
        #[label("expected `policy \"NAME\"` here")]
        span: SourceSpan,
        /// How to fix it.
        #[help]
        help: String,
    },

    /// A rule that does not start with its condition.
    #[error("a rule needs `when` and a condition")]
    #[diagnostic(code("missing-when"))]
    MissingWhen {
        /// Where it is, in the policy.
        #[label("expected `when` here")]
        span: SourceSpan,
        /// How to fix it.
        #[help]
        help: String,
    },

    /// A text whose closing quote is missing.
    #[error("this text has no closing quote")]
    #[diagnostic(
        code("unclosed-string"),
        help("end the text with `\"` on the same line; write `\\\"` for a quote inside a text")
    )]
    UnclosedString {
        /// Where it is, in the policy.
        #[label("the text starts here")]
        span: SourceSpan,
    },

    /// A backslash in a text followed by a character that has no escape.
    #[error("`\\{escape}` is not an escape Baton knows")]
    #[diagnostic(
        code("invalid-escape"),
        help(
            "inside a text, write `\\\"` for a quote, `\\\\` for a backslash, `\\n` for a new line and `\\t` for a tab"
        )
    )]
    InvalidEscape {
        /// The character after the backslash.
        escape: char,
        /// Where it is, in the policy.
        #[label("unknown escape")]
        span: SourceSpan,
    },

    /// A keyword written where a name goes.
    #[error("`{word}` is a reserved word and cannot be used as a name")]
    #[diagnostic(code("reserved-word"))]
    ReservedWord {
        /// The keyword.
        word: String,
        /// Where it is, in the policy.
        #[label("a reserved word")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// A condition nested deeper than Baton reads.
    #[error("this condition is nested more than {limit} levels deep")]
    #[diagnostic(
        code("too-deep"),
        help("split it into simpler rules, or remove parentheses and `not`s that cancel out")
    )]
    TooDeep {
        /// The deepest nesting Baton reads.
        limit: usize,
        /// Where it is, in the policy.
        #[label("too deep from here")]
        span: SourceSpan,
    },

    /// A policy longer than Baton reads.
    #[error("the policy is {size} bytes long, more than the {limit} bytes Baton reads")]
    #[diagnostic(
        code("too-large"),
        help("split the policy into smaller files, one per support team")
    )]
    TooLarge {
        /// Its size, in bytes.
        size: usize,
        /// The most Baton reads, in bytes.
        limit: usize,
        /// Where it is, in the policy.
        #[label("this file")]
        span: SourceSpan,
    },

    /// A file that is not UTF-8 text.
    #[error("this file is not UTF-8 text")]
    #[diagnostic(
        code("not-utf8"),
        help("save the policy as UTF-8 (every editor can); Baton reads nothing else")
    )]
    NotUtf8 {
        /// Where it is, in the policy.
        #[label("the first byte that is not UTF-8")]
        span: SourceSpan,
    },
}
