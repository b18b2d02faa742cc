//! The errors of reading a policy's text: everything that stops the text from having a
//! shape, said in words ("expected a condition after `when`"), never in grammar names.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// An error found while reading the text of a policy.
#[derive(Clone, Debug, Error, Diagnostic, PartialEq)]
pub enum ParseError {
    #[error("{message}")]
    #[diagnostic(code("syntax-error"))]
    Syntax {
        message: String,
        #[label("{label}")]
        span: SourceSpan,
        label: String,
        #[help]
        help: Option<String>,
    },

    #[error("a policy file starts with `policy \"NAME\"`")]
    #[diagnostic(code("expected-policy"))]
    ExpectedPolicy {
        #[label("expected `policy \"NAME\"` here")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("a rule needs `when` and a condition")]
    #[diagnostic(
        code("missing-when"),
        help(
            "start the rule with its condition, for example `when message mentions asks_for_human`"
        )
    )]
    MissingWhen {
        #[label("expected `when` here")]
        span: SourceSpan,
    },

    #[error("this text has no closing quote")]
    #[diagnostic(
        code("unclosed-string"),
        help("end the text with `\"` on the same line; write `\\\"` for a quote inside a text")
    )]
    UnclosedString {
        #[label("the text starts here")]
        span: SourceSpan,
    },

    #[error("`\\{escape}` is not an escape Baton knows")]
    #[diagnostic(
        code("invalid-escape"),
        help(
            "inside a text, write `\\\"` for a quote, `\\\\` for a backslash, `\\n` for a new line and `\\t` for a tab"
        )
    )]
    InvalidEscape {
        escape: char,
        #[label("unknown escape")]
        span: SourceSpan,
    },

    #[error("`{word}` is a reserved word and cannot be used as a name")]
    #[diagnostic(code("reserved-word"))]
    ReservedWord {
        word: String,
        #[label("a reserved word")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("this condition is nested more than {limit} levels deep")]
    #[diagnostic(
        code("too-deep"),
        help("split it into simpler rules, or remove parentheses and `not`s that cancel out")
    )]
    TooDeep {
        limit: usize,
        #[label("too deep from here")]
        span: SourceSpan,
    },

    #[error("the policy is {size} bytes long, more than the {limit} bytes Baton reads")]
    #[diagnostic(
        code("too-large"),
        help("split the policy into smaller files, one per support team")
    )]
    TooLarge {
        size: usize,
        limit: usize,
        #[label("this file")]
        span: SourceSpan,
    },

    #[error("this file is not UTF-8 text")]
    #[diagnostic(
        code("not-utf8"),
        help("save the policy as UTF-8 (every editor can); Baton reads nothing else")
    )]
    NotUtf8 {
        #[label("the first byte that is not UTF-8")]
        span: SourceSpan,
    },
}
