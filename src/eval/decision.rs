//! Decisions (design section 5): exactly the JSON a bot receives. Keys are always
//! present, `null` where they do not apply.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::check::model::{Handoff, Kind, Priority};
use crate::syntax::ast::Sender;
use crate::text::entities::Entities;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The bot keeps the conversation.
    Stay,
    /// A person takes over.
    Escalate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub outcome: Outcome,
    /// The rule that decided; `null` when no rule held (the outcome is then `stay`).
    pub rule: Option<Arc<str>>,
    pub kind: Option<Kind>,
    pub team: Option<Arc<str>>,
    pub priority: Option<Priority>,
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
    pub summary: Option<String>,
    pub entities: Option<Entities>,
    pub actions: Option<Vec<Arc<str>>>,
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranscriptLine {
    pub from: Sender,
    pub text: Arc<str>,
    pub at: Timestamp,
}
