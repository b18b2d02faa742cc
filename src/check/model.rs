//! The checked policy: every name resolved to an index, every literal validated and
//! converted to the unit the interpreter uses (percents as fractions, durations in
//! seconds). Later stages read this, never the AST.

use serde::{Deserialize, Serialize};

use crate::syntax::ast::{CmpOp, Scope, Sender, Span};

pub type FactId = usize;
pub type SetId = usize;
pub type HoursId = usize;
pub type TeamId = usize;
pub type RuleId = usize;

/// A whole checked policy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub name: String,
    pub facts: Vec<FactDef>,
    pub phrase_sets: Vec<PhraseSetDef>,
    pub hours: Vec<HoursDef>,
    pub teams: Vec<TeamDef>,
    /// The policy-wide offline fallback.
    pub offline: Option<Fallback>,
    pub rules: Vec<RuleDef>,
    /// What the context packet includes (all parts when the policy has no `handoff`).
    pub handoff: Vec<HandoffPart>,
    pub tests: Vec<TestDef>,
    /// The signals the rules use, each once, in order of first use.
    pub signals: Vec<Signal>,
}

/// The type of a fact, or of a signal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Type {
    Number,
    Percent,
    Bool,
    Text,
    Duration,
    /// One of these words.
    Choice(Vec<String>),
}

impl Type {
    /// The type in a support lead's words, for messages.
    pub fn describe(&self) -> String {
        match self {
            Type::Number => "a number".into(),
            Type::Percent => "a percent".into(),
            Type::Bool => "a yes/no fact (`true` or `false`)".into(),
            Type::Text => "a text".into(),
            Type::Duration => "a duration".into(),
            Type::Choice(values) => {
                let list: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                format!("one of {}", list.join(", "))
            }
        }
    }

    /// Whether `<`, `<=`, `>` and `>=` apply.
    pub fn is_ordered(&self) -> bool {
        matches!(self, Type::Number | Type::Percent | Type::Duration)
    }
}

/// A value, in the interpreter's units.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// Numbers as they are, percents as fractions (85% is 0.85), durations in seconds.
    Number(f64),
    Bool(bool),
    Text(String),
    /// The index of a choice in its fact's type.
    Choice(usize),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactDef {
    pub name: String,
    pub ty: Type,
    /// `None` makes the fact required in every request.
    pub default: Option<Value>,
    pub span: Span,
}

/// A built-in signal, computed from the transcript.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Signal {
    Sentiment,
    Repeats,
    /// Customer messages within this many seconds ending at the latest one.
    Burst(f64),
    BotLoops,
    Turns,
    Elapsed,
}

impl Signal {
    /// The names of the signals, as written in a policy.
    pub const NAMES: [&'static str; 6] = [
        "sentiment",
        "repeats",
        "burst",
        "bot_loops",
        "turns",
        "elapsed",
    ];

    pub fn ty(self) -> Type {
        match self {
            Signal::Elapsed => Type::Duration,
            _ => Type::Number,
        }
    }

    /// The signal as written, which is also its key in a decision: `burst(30s)`.
    pub fn key(self) -> String {
        match self {
            Signal::Sentiment => "sentiment".into(),
            Signal::Repeats => "repeats".into(),
            Signal::Burst(seconds) => format!("burst({})", format_duration(seconds)),
            Signal::BotLoops => "bot_loops".into(),
            Signal::Turns => "turns".into(),
            Signal::Elapsed => "elapsed".into(),
        }
    }
}

/// Seconds in the largest unit that divides them: 30s, 5m, 2h, 1d.
pub fn format_duration(seconds: f64) -> String {
    for (unit, size) in [("d", 86_400.0), ("h", 3_600.0), ("m", 60.0)] {
        if seconds >= size && (seconds / size).fract() == 0.0 {
            return format!("{}{unit}", seconds / size);
        }
    }
    format!("{seconds}s")
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhraseSetDef {
    pub name: String,
    pub fuzzy: bool,
    pub phrases: Vec<Phrase>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Phrase {
    /// As written.
    pub text: String,
    /// The words to match, lower-cased.
    pub words: Vec<PhraseWord>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhraseWord {
    pub text: String,
    /// Written with a trailing `*`: matches any word starting with `text`.
    pub prefix: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HoursDef {
    pub name: String,
    /// An IANA time-zone name known to the bundled time-zone database.
    pub zone: String,
    /// Opening spans in local time, minutes from Monday 00:00 (0..10080); a span that
    /// crosses midnight is split in two, and Sunday night wraps to Monday morning.
    pub week: Vec<(u32, u32)>,
    pub closed: Vec<jiff::civil::Date>,
    pub span: Span,
}

/// Where `within` and a team's hours point.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum HoursRef {
    /// The predefined `always`.
    Always,
    Named(HoursId),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamDef {
    pub name: String,
    pub skills: Vec<String>,
    pub hours: HoursRef,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Explicit,
    Signal,
    Limit,
    Context,
}

impl Kind {
    pub const NAMES: [&'static str; 4] = ["explicit", "signal", "limit", "context"];

    pub fn name(self) -> &'static str {
        // One name per variant, in the order of the variants.
        Self::NAMES.get(self as usize).copied().unwrap_or("?")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

impl Priority {
    pub const NAMES: [&'static str; 4] = ["low", "normal", "high", "urgent"];

    pub fn name(self) -> &'static str {
        // One name per variant, in the order of the variants.
        Self::NAMES.get(self as usize).copied().unwrap_or("?")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FallbackMode {
    Ticket,
    Callback,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fallback {
    pub mode: FallbackMode,
    pub message: String,
}

/// How a decision hands the conversation over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Handoff {
    Live,
    Ticket,
    Callback,
    Queue,
}

impl Handoff {
    pub const NAMES: [&'static str; 4] = ["live", "ticket", "callback", "queue"];

    pub fn name(self) -> &'static str {
        // One name per variant, in the order of the variants.
        Self::NAMES.get(self as usize).copied().unwrap_or("?")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HandoffPart {
    Summary,
    Entities,
    Actions,
    Reason,
    Transcript,
    Facts,
    Signals,
}

impl HandoffPart {
    pub const ALL: [HandoffPart; 7] = [
        HandoffPart::Summary,
        HandoffPart::Entities,
        HandoffPart::Actions,
        HandoffPart::Reason,
        HandoffPart::Transcript,
        HandoffPart::Facts,
        HandoffPart::Signals,
    ];
    pub const NAMES: [&'static str; 7] = [
        "summary",
        "entities",
        "actions",
        "reason",
        "transcript",
        "facts",
        "signals",
    ];
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleDef {
    pub name: String,
    /// `None` for a stay rule.
    pub kind: Option<Kind>,
    pub when: Expr,
    /// The condition as written, for the default reason and for `explain`.
    pub when_text: String,
    pub action: Action,
    pub say: Option<String>,
    /// As written; the default reason is built from the name, kind and condition.
    pub reason: Option<String>,
    pub offline: Option<Fallback>,
    pub span: Span,
}

impl RuleDef {
    /// The reason a decision by this rule gives the agent.
    pub fn reason_text(&self) -> String {
        match (&self.reason, self.kind) {
            (Some(reason), _) => reason.clone(),
            (None, Some(kind)) => format!("{} ({}): {}", self.name, kind.name(), self.when_text),
            (None, None) => format!("{}: {}", self.name, self.when_text),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    Stay,
    Escalate {
        targets: Vec<TargetRef>,
        priority: Priority,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TargetRef {
    Team(TeamId),
    /// Every team with this skill, in file order (the interpreter orders them by how many
    /// customers wait).
    Skill {
        name: String,
        teams: Vec<TeamId>,
    },
}

/// A checked condition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Expr {
    Or(Vec<Expr>),
    And(Vec<Expr>),
    Not(Box<Expr>),
    Test(Test, Span),
}

/// What a value in a condition is.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Operand {
    Fact(FactId),
    Signal(Signal),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Test {
    /// `value OP literal`; `is` and `is not` are `==` and `!=`.
    Compare {
        operand: Operand,
        op: CmpOp,
        value: Value,
    },
    /// `value [not] in [...]`.
    In {
        operand: Operand,
        negated: bool,
        values: Vec<Value>,
    },
    Mentions {
        scope: Scope,
        sets: Vec<SetId>,
    },
    Within(HoursRef),
    /// A yes/no fact on its own.
    Flag(FactId),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TestDef {
    pub name: String,
    /// The time of the first message.
    pub at: jiff::Timestamp,
    pub facts: Vec<(FactId, Value)>,
    pub messages: Vec<TestMessageDef>,
    pub available: Vec<(TeamId, u32)>,
    pub waiting: Vec<(TeamId, u32)>,
    pub actions: Vec<String>,
    pub expect: ExpectDef,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TestMessageDef {
    pub from: Sender,
    pub at: jiff::Timestamp,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExpectDef {
    pub escalate: bool,
    pub team: Option<TeamId>,
    pub priority: Option<Priority>,
    pub via: Option<Handoff>,
    pub rule: Option<RuleId>,
    pub span: Span,
}
