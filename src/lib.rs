//! Baton: escalation policies for customer-service bots.
//!
//! A support team writes, in a `*.baton` file, when a bot hands a conversation to a
//! person, to which team, with what message and context. This crate reads such a file,
//! checks it and reports every mistake with its place and its fix.
//!
//! ```
//! let source = r#"
//! policy "shop"
//! fact confidence: percent
//! phrases asks_for_human = ["talk to a human", "real person"]
//! team support { skills general }
//! rule asks_for_human: explicit {
//!   when message mentions asks_for_human or confidence < 40%
//!   escalate to support
//! }
//! "#;
//! let policy = baton::Policy::compile("shop.baton", source).expect("the policy is valid");
//! assert_eq!(policy.model().rules[0].name, "asks_for_human");
//!
//! // A mistake is reported with its place and a fix.
//! let broken = source.replace("confidence < 40%", "confidnce < 40%");
//! let problems = baton::Policy::compile("shop.baton", &broken).unwrap_err();
//! let first = &problems.problems()[0];
//! assert_eq!(first.code().unwrap().to_string(), "unknown-name");
//! assert_eq!(first.help().unwrap().to_string(), "did you mean `confidence`?");
//! ```

#![forbid(unsafe_code)]

pub mod check;
mod diagnostic;
pub mod limits;
pub mod syntax;
pub mod text;

#[cfg(feature = "cli")]
pub mod cli;

pub use check::Model;
pub use diagnostic::{Diagnostics, LineCol, LineIndex, Problem, labels, plural, severity};

/// A checked policy, ready for later stages.
#[derive(Clone, Debug)]
pub struct Policy {
    model: Model,
}

impl Policy {
    /// Parses and checks a policy. `name` names the file in diagnostics.
    ///
    /// On failure, every problem found is returned, not only the first: all the syntax
    /// errors of the file, or, when it parses, all its check errors.
    pub fn compile(name: &str, source: &str) -> Result<Policy, Diagnostics> {
        let problems: Vec<Problem> = match syntax::parse(source) {
            Err(errors) => errors.into_iter().map(|e| Box::new(e) as Problem).collect(),
            Ok(file) => match check::check(&file, source) {
                Ok(model) => return Ok(Policy { model }),
                Err(mut errors) => {
                    // Found pass by pass; shown in the order of the text.
                    errors.sort_by_key(|e| labels(e).first().map_or(0, |l| l.offset()));
                    errors.into_iter().map(|e| Box::new(e) as Problem).collect()
                }
            },
        };
        Err(Diagnostics::new(name, source, problems))
    }

    /// The checked policy: facts, phrase sets, hours, teams, rules and tests, with every
    /// name resolved.
    pub fn model(&self) -> &Model {
        &self.model
    }
}

/// Checks a policy and returns every problem found (none when it is clean).
pub fn check_source(name: &str, source: &str) -> Diagnostics {
    match Policy::compile(name, source) {
        Ok(_) => Diagnostics::new(name, source, Vec::new()),
        Err(diagnostics) => diagnostics,
    }
}
