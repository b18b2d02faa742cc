//! Baton: escalation policies for customer-service bots.
//!
//! A support team writes, in a `*.baton` file, when a bot hands a conversation to a
//! person, to which team, with what message and context. This crate reads such a file,
//! checks it (every mistake reported with its place and its fix), compiles it to a
//! decision table, and decides requests in microseconds.
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
//!   say "Connecting you with a person now."
//! }
//! "#;
//! let policy = baton::Policy::compile("shop.baton", source).expect("the policy is valid");
//!
//! let request = baton::Request::from_json(r#"{
//!     "facts": {"confidence": 0.9},
//!     "messages": [{"from": "customer", "text": "Can I talk to a human?", "at": "2026-11-24T15:00:00Z"}]
//! }"#).expect("the request is well formed");
//! let decision = policy.decide(&request).expect("the request fits the policy");
//! assert_eq!(decision.outcome, baton::Outcome::Escalate);
//! assert_eq!(decision.team.as_deref(), Some("support"));
//! assert_eq!(decision.say.as_deref(), Some("Connecting you with a person now."));
//!
//! // A request that does not fit the policy is refused, naming the place.
//! let bad = baton::Request::from_json(r#"{"facts": {"confidence": 90}}"#).unwrap();
//! let error = policy.decide(&bad).unwrap_err();
//! assert_eq!(error.path, "facts.confidence");
//!
//! // A mistake in a policy is reported with its place and a fix.
//! let broken = source.replace("confidence < 40%", "confidnce < 40%");
//! let problems = baton::Policy::compile("shop.baton", &broken).unwrap_err();
//! let first = &problems.problems()[0];
//! assert_eq!(first.code().unwrap().to_string(), "unknown-name");
//! assert_eq!(first.help().unwrap().to_string(), "did you mean `confidence`?");
//!
//! // A bot that asks after every message keeps a session per conversation: each request
//! // carries only the new messages, and each message is read once.
//! let mut session = policy.session();
//! let first = baton::Request::from_json(r#"{"facts": {"confidence": 0.9},
//!     "messages": [{"from": "customer", "text": "Hi, where is my parcel?", "at": "2026-11-24T15:00:00Z"}]}"#).unwrap();
//! assert_eq!(session.decide(&first).unwrap().outcome, baton::Outcome::Stay);
//! let next = baton::Request::from_json(r#"{"facts": {"confidence": 0.9},
//!     "messages": [{"from": "customer", "text": "I want a real person", "at": "2026-11-24T15:01:00Z"}]}"#).unwrap();
//! let decision = session.decide(&next).unwrap();
//! assert_eq!(decision.team.as_deref(), Some("support"));
//! // The same decision `decide` makes on the whole transcript.
//! let whole = baton::Request::from_json(r#"{"facts": {"confidence": 0.9}, "messages": [
//!     {"from": "customer", "text": "Hi, where is my parcel?", "at": "2026-11-24T15:00:00Z"},
//!     {"from": "customer", "text": "I want a real person", "at": "2026-11-24T15:01:00Z"}]}"#).unwrap();
//! assert_eq!(decision, policy.decide(&whole).unwrap());
//! ```

#![forbid(unsafe_code)]
// Every public item says what it is: bot engineers read the API on docs.rs, and CI's
// `clippy -D warnings` turns a missing doc into a failure.
#![warn(missing_docs)]
// Input is untrusted: no panic paths in library code. Where an index or an `expect` is
// proven safe, the function says why in an `#[expect(..., reason = "...")]`.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod check;
pub mod codes;
pub mod compile;
mod diagnostic;
pub mod eval;
pub mod fmt;
pub mod limits;
pub mod lint;
mod spare;
pub mod syntax;
pub mod text;

#[cfg(feature = "cli")]
pub mod cli;

pub use check::Model;
pub use compile::DecisionTable;
pub use diagnostic::{
    DOCS, Diagnostics, LineCol, LineIndex, Problem, help_with_docs, labels, plural, severity,
};
pub use eval::{Decision, Evaluation, Outcome, Request, RequestError, Session, TableError};

/// A compiled policy, ready to decide. `Send + Sync`: share one across threads (behind
/// an `Arc`) rather than compiling it per thread.
#[derive(Clone, Debug)]
pub struct Policy {
    engine: eval::Engine,
    /// The checked source, when the policy was compiled from it (not loaded from a
    /// table).
    model: Option<Model>,
}

impl Policy {
    /// Parses, checks and compiles a policy. `name` names the file in diagnostics.
    ///
    /// On failure, every problem found is returned, not only the first: all the syntax
    /// errors of the file, or, when it parses, all its check errors.
    pub fn compile(name: &str, source: &str) -> Result<Policy, Diagnostics> {
        build(source)
            .map(|built| built.policy)
            .map_err(|problems| Diagnostics::new(name, source, problems))
    }

    /// A policy from a decision table saved by `baton compile --format json`, without
    /// its source.
    pub fn from_table(table: DecisionTable) -> Result<Policy, TableError> {
        Ok(Policy {
            engine: eval::Engine::new(table)?,
            model: None,
        })
    }

    /// Decides a request: the outcome, the rule, the team, the handoff and the context
    /// packet. A request that does not fit the policy is an error naming its place in
    /// the JSON; deciding never panics.
    pub fn decide(&self, request: &Request) -> Result<Decision, RequestError> {
        self.engine.decide(request)
    }

    /// Reads a request from JSON text for this policy: [`Request::from_json`], and, when
    /// the request's shape is wrong, what the policy finds wrong in the parts that could
    /// be read as well (unknown, missing and wrong facts, unknown teams, messages whose
    /// times are out of order), so that one answer holds every mistake. A request read
    /// without error is checked against the policy when it is decided, as any request is.
    ///
    /// ```
    /// let policy = baton::Policy::compile("p.baton", r#"
    /// policy "p"
    /// fact confidence: percent
    /// team people { skills general }
    /// rule unsure: context { when confidence < 50% escalate to people }
    /// "#).unwrap();
    /// // A message with `role` and `content` (another format's names), and a misspelt fact.
    /// let e = policy
    ///     .read_request(r#"{"facts": {"confidance": 0.3}, "messages": [
    ///         {"role": "user", "content": "hi", "at": "2026-11-24T15:00:00Z"}]}"#)
    ///     .unwrap_err();
    /// let paths: Vec<&str> = e.all().map(|e| e.path.as_str()).collect();
    /// assert_eq!(paths, ["messages[0].content", "messages[0].role", "facts.confidance"]);
    /// ```
    pub fn read_request(&self, text: &str) -> Result<Request, RequestError> {
        Request::from_json_partly(text).map_err(|(shape, readable)| match readable {
            Some(readable) => eval::facts::with_policy_errors(&self.engine, shape, &readable),
            None => shape,
        })
    }

    /// Decides a request and returns what the decision was made of: each fact, signal
    /// and column value and which rules held (what `baton explain` shows).
    pub fn evaluate<'a>(&'a self, request: &'a Request) -> Result<Evaluation<'a>, RequestError> {
        self.engine.evaluate(request)
    }

    /// What `baton explain` shows of an evaluation of `request` (from
    /// [`Policy::evaluate`]): each test of each rule with the value it saw, the phrase
    /// and message a `mentions` test found, and how the team was chosen. `None` for a
    /// policy loaded from a table, which has no source to explain.
    pub fn explainer<'a>(
        &'a self,
        request: &'a Request,
        evaluation: &'a Evaluation<'a>,
    ) -> Option<eval::explain::Explainer<'a>> {
        let model = self.model.as_ref()?;
        Some(eval::explain::Explainer::new(
            model,
            &self.engine,
            request,
            evaluation,
        ))
    }

    /// A new conversation, decided message by message: each request given to
    /// [`Session::decide`] carries only the messages that are new since the last one, and
    /// each message is read once. The decisions are those [`Policy::decide`] makes on the
    /// whole transcript.
    ///
    /// To keep sessions beyond the borrow (in a map of conversations, on other threads),
    /// open them on a shared policy: `Session::new(Arc::clone(&policy))`.
    pub fn session(&self) -> Session<&Policy> {
        Session::new(self)
    }

    pub(crate) fn engine(&self) -> &eval::Engine {
        &self.engine
    }

    /// The decision table.
    pub fn table(&self) -> &DecisionTable {
        self.engine.table()
    }

    /// Runs the policy's own `test` blocks (design section 3.9) whose name contains
    /// `filter` (all of them with `None`), in file order. A policy loaded from a table
    /// has no tests.
    pub fn run_tests(&self, filter: Option<&str>) -> Vec<eval::testing::TestResult> {
        let Some(model) = &self.model else {
            return Vec::new();
        };
        model
            .tests
            .iter()
            .enumerate()
            .filter(|(_, t)| filter.is_none_or(|f| t.name.contains(f)))
            .map(|(i, test)| {
                let request = eval::testing::request_for(model, test);
                let decision = self.decide(&request);
                let mismatches = match &decision {
                    Ok(d) => eval::testing::mismatches(model, test, d),
                    Err(_) => Vec::new(),
                };
                eval::testing::TestResult {
                    test: i,
                    decision,
                    mismatches,
                }
            })
            .collect()
    }

    /// The checked policy (facts, phrase sets, hours, teams, rules and tests with every
    /// name resolved), when it was compiled from source.
    pub fn model(&self) -> Option<&Model> {
        self.model.as_ref()
    }
}

/// A policy compiled from source, with the syntax tree the lints read.
struct Built {
    file: syntax::ast::PolicyFile,
    policy: Policy,
}

/// Parses, checks and compiles; on failure, every problem found: all the syntax errors
/// of the file, or, when it parses, all its check errors.
fn build(source: &str) -> Result<Built, Vec<Problem>> {
    let file = syntax::parse(source).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| Box::new(e) as Problem)
            .collect::<Vec<_>>()
    })?;
    let model = check::check(&file, source).map_err(|mut errors| {
        // Found pass by pass; shown in the order of the text.
        errors.sort_by_key(|e| labels(e).first().map_or(0, |l| l.offset()));
        errors
            .into_iter()
            .map(|e| Box::new(e) as Problem)
            .collect::<Vec<_>>()
    })?;
    let table = compile::compile(&model).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| Box::new(e) as Problem)
            .collect::<Vec<_>>()
    })?;
    let engine = eval::Engine::new(table).map_err(|e| vec![Box::new(e) as Problem])?;
    Ok(Built {
        file,
        policy: Policy {
            engine,
            model: Some(model),
        },
    })
}

/// Checks a policy and returns every problem found (none when it is clean): the errors
/// that stop it compiling or, when it compiles, the lint warnings (design section 6).
pub fn check_source(name: &str, source: &str) -> Diagnostics {
    let problems = match build(source) {
        Err(problems) => problems,
        Ok(Built { file, policy }) => match &policy.model {
            Some(model) => lint::lint(&file, source, model, policy.table())
                .into_iter()
                .map(|l| Box::new(l) as Problem)
                .collect(),
            None => Vec::new(),
        },
    };
    Diagnostics::new(name, source, problems)
}
