//! Decisions (design section 5): exactly the JSON a bot receives. Keys are always
//! present, `null` where they do not apply.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::check::model::{Handoff, Kind, Priority};
use crate::syntax::ast::Sender;
use crate::text::entities::Entities;

/// Whether the bot keeps the conversation or hands it to a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The bot keeps the conversation.
    Stay,
    /// A person takes over.
    Escalate,
}

/// What Baton decided for one request: the JSON of design section 5, every key present
/// (`null` where it does not apply).
///
/// ```
/// # let policy = baton::Policy::compile("p.baton", "policy \"p\"\nteam t {}\nrule r: limit {\n  when turns > 3\n  escalate to t\n}\n").unwrap();
/// # let request = baton::Request::from_json(r#"{"facts": {}, "messages": [
/// #   {"from": "customer", "text": "a", "at": "2026-11-24T15:00:00Z"}]}"#).unwrap();
/// let decision = policy.decide(&request)?;
/// if decision.outcome == baton::Outcome::Escalate {
///     // Hand over to `decision.team`, telling the customer `decision.say`.
/// }
/// let json = serde_json::to_string(&decision).expect("a decision is always JSON");
/// # assert!(json.contains("\"outcome\":\"stay\""));
/// # Ok::<(), baton::RequestError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Stay with the bot, or escalate to a person.
    pub outcome: Outcome,
    /// The rule that decided; `null` when no rule held (the outcome is then `stay`).
    pub rule: Option<Arc<str>>,
    /// The deciding rule's kind (`explicit`, `signal`, `limit`, `context`); `null` for
    /// a stay.
    pub kind: Option<Kind>,
    /// The team chosen: the first reachable one of the rule's targets, or the first
    /// named when none is reachable. `null` for a stay.
    pub team: Option<Arc<str>>,
    /// The escalation's priority; `null` for a stay.
    pub priority: Option<Priority>,
    /// How the conversation is handed over: `live` to a reachable team, else the
    /// `offline` fallback (`ticket`, `callback`), else `queue`. `null` for a stay.
    pub handoff: Option<Handoff>,
    /// What the bot tells the customer.
    pub say: Option<Arc<str>>,
    /// What the agent is told (for `stay`, the stay rule's own reason, if any).
    pub reason: Option<Arc<str>>,
    /// Every rule whose condition held, in file order.
    pub matched: Vec<Arc<str>>,
    /// The context packet, for an escalation.
    pub context: Option<Context>,
}

/// What the agent receives with the conversation. A part the policy's `handoff` leaves
/// out is `null`. Card numbers are masked in every part.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// One line for the agent: the `intent` fact when the policy has one, the reason,
    /// the entities found, and the start of the customer's first message.
    pub summary: Option<String>,
    /// The order numbers, e-mail addresses, phone numbers, amounts and links the
    /// customer wrote.
    pub entities: Option<Entities>,
    /// What the bot already tried, from the request.
    pub actions: Option<Vec<Arc<str>>>,
    /// Why the conversation is escalated, as the decision's `reason`.
    pub reason: Option<Arc<str>>,
    /// Shared: a session hands the same transcript to every decision it makes.
    pub transcript: Option<Arc<Vec<TranscriptLine>>>,
    /// Every fact of the policy with the value used (defaults included): percents as
    /// fractions, durations in seconds.
    pub facts: Option<BTreeMap<Arc<str>, serde_json::Value>>,
    /// Every signal the policy uses, keyed as written (`burst(30s)`); durations in
    /// seconds.
    pub signals: Option<BTreeMap<Arc<str>, serde_json::Value>>,
}

/// One message of the transcript the agent receives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranscriptLine {
    /// Who wrote it.
    pub from: Sender,
    /// What was written, card numbers masked.
    pub text: Arc<str>,
    /// When.
    pub at: Timestamp,
}
