//! Reading a policy: the pest grammar (`grammar/baton.pest`) and the typed AST it becomes.
//!
//! This module knows nothing of the later stages; pest types never leave it.

pub mod ast;
mod error;
mod expected;
mod helps;
mod parser;

pub use error::ParseError;
pub(crate) use expected::CURLY_QUOTES;
pub(crate) use helps::duration_written;
pub use parser::parse;

#[cfg(test)]
mod tests;
