//! Errors of the compiler. A checked policy compiles unless a condition would explode
//! into too many rows.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// Why a checked policy does not compile.
#[derive(Clone, Debug, Error, Diagnostic)]
pub enum CompileError {
    /// A rule's condition, in disjunctive normal form, has more rows than
    /// [`crate::limits::MAX_ROWS_PER_RULE`].
    #[error("the condition of rule `{rule}` expands to more than {limit} cases")]
    #[diagnostic(
        code("too-many-cases"),
        help(
            "each `or` inside an `and` multiplies the cases a rule has to try; split this rule into several rules with simpler conditions"
        )
    )]
    TooManyCases {
        /// The rule's name.
        rule: String,
        /// The limit, written with thousands separators.
        limit: String,
        /// Where the rule is written.
        #[label("this rule")]
        span: SourceSpan,
    },
}
