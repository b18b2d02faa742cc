//! The checked policy: every name resolved to an index, every literal validated and
//! converted to the unit the interpreter uses (percents as fractions, durations in
//! seconds). Later stages read this, never the AST.

use serde::{Deserialize, Serialize};

use crate::syntax::ast::{CmpOp, Scope, Sender, Span};

/// A fact, by its index in [`Model::facts`] (and in a table's `facts`).
pub type FactId = usize;
/// A phrase set, by its index in [`Model::phrase_sets`].
pub type SetId = usize;
/// Opening hours, by their index in [`Model::hours`].
pub type HoursId = usize;
/// A team, by its index in [`Model::teams`].
pub type TeamId = usize;
/// A rule, by its index in [`Model::rules`].
pub type RuleId = usize;

/// A whole checked policy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// The name of its `policy` line.
    pub name: String,
    /// The facts, in the order written.
    pub facts: Vec<FactDef>,
    /// The phrase sets, in the order written.
    pub phrase_sets: Vec<PhraseSetDef>,
    /// The opening hours, in the order written.
    pub hours: Vec<HoursDef>,
    /// The teams, in the order written.
    pub teams: Vec<TeamDef>,
    /// The policy-wide offline fallback.
    pub offline: Option<Fallback>,
    /// The rules, in the order written: the first that holds decides.
    pub rules: Vec<RuleDef>,
    /// What the context packet includes (all parts when the policy has no `handoff`).
    pub handoff: Vec<HandoffPart>,
    /// The policy's own `test` blocks, in the order written.
    pub tests: Vec<TestDef>,
    /// The signals the rules use, each once, in order of first use.
    pub signals: Vec<Signal>,
}

/// The type of a fact, or of a signal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Type {
    /// A number (`number`).
    Number,
    /// A percent (`percent`), held as a fraction.
    Percent,
    /// Yes or no (`bool`).
    Bool,
    /// A text (`text`).
    Text,
    /// A duration (`duration`), held in seconds.
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
    /// Yes or no.
    Bool(bool),
    /// A text, as written.
    Text(String),
    /// The index of a choice in its fact's type.
    Choice(usize),
}

/// A fact a request gives (`fact NAME: TYPE [= DEFAULT]`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactDef {
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: Type,
    /// `None` makes the fact required in every request.
    pub default: Option<Value>,
    /// Where it is declared.
    pub span: Span,
}

/// A built-in signal, computed from the transcript.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Signal {
    /// VADER's compound score of the latest customer message, -1 to 1.
    Sentiment,
    /// Earlier customer messages that say the same as the latest (word sets' Jaccard
    /// similarity at least 0.6).
    Repeats,
    /// Customer messages within this many seconds ending at the latest one.
    Burst(f64),
    /// Earlier bot messages like the latest bot message (Jaccard at least 0.8).
    BotLoops,
    /// Customer messages so far.
    Turns,
    /// Seconds from the first message to the decision's time.
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

    /// The type of the signal's value: a duration for `elapsed`, a number otherwise.
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

/// A named set of phrases (`phrases NAME = [...]`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhraseSetDef {
    /// Its name.
    pub name: String,
    /// Written `fuzzy`: a word of five letters or more also matches one edit away.
    pub fuzzy: bool,
    /// Its phrases, in the order written.
    pub phrases: Vec<Phrase>,
    /// Where it is declared.
    pub span: Span,
}

/// One phrase of a set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Phrase {
    /// As written.
    pub text: String,
    /// The words to match, lower-cased.
    pub words: Vec<PhraseWord>,
}

/// One word of a phrase.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhraseWord {
    /// The word, lower-cased (without its `*`).
    pub text: String,
    /// Written with a trailing `*`: matches any word starting with `text`.
    pub prefix: bool,
}

/// Opening hours (`hours NAME in "ZONE" { ... }`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HoursDef {
    /// Their name.
    pub name: String,
    /// An IANA time-zone name known to the bundled time-zone database.
    pub zone: String,
    /// Opening spans in local time, minutes from Monday 00:00 (0..10080); a span that
    /// crosses midnight is split in two, and Sunday night wraps to Monday morning.
    pub week: Vec<(u32, u32)>,
    /// The dates closed all day, in local time.
    pub closed: Vec<jiff::civil::Date>,
    /// Where they are declared.
    pub span: Span,
}

/// Where `within` and a team's hours point.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum HoursRef {
    /// The predefined `always`.
    Always,
    /// Hours the policy declares.
    Named(HoursId),
}

/// A team (`team NAME { ... }`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamDef {
    /// Its name.
    pub name: String,
    /// Its skills, as written.
    pub skills: Vec<String>,
    /// When it is open; `always` when it names no hours.
    pub hours: HoursRef,
    /// Where it is declared.
    pub span: Span,
}

/// Why a rule escalates, as its `rule NAME: KIND` line says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The customer asked for a person.
    Explicit,
    /// The customer shows frustration: negative language, repeated questions, bursts of
    /// messages, a bot going round in circles.
    Signal,
    /// The bot reaches its limits: low confidence, too many failed attempts.
    Limit,
    /// A sensitive topic or customer: a hacked account, a charge, a legal matter, a VIP.
    Context,
}

impl Kind {
    /// The kinds as written, in the order of the variants.
    pub const NAMES: [&'static str; 4] = ["explicit", "signal", "limit", "context"];

    /// The kind as written.
    pub fn name(self) -> &'static str {
        // One name per variant, in the order of the variants.
        Self::NAMES.get(self as usize).copied().unwrap_or("?")
    }
}

/// An escalation's priority, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    /// `low`.
    Low,
    /// `normal`, when the rule gives none.
    Normal,
    /// `high`.
    High,
    /// `urgent`.
    Urgent,
}

impl Priority {
    /// The priorities as written, in the order of the variants.
    pub const NAMES: [&'static str; 4] = ["low", "normal", "high", "urgent"];

    /// The priority as written.
    pub fn name(self) -> &'static str {
        // One name per variant, in the order of the variants.
        Self::NAMES.get(self as usize).copied().unwrap_or("?")
    }
}

/// What an escalation does when no target is reachable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FallbackMode {
    /// Open a ticket the team answers later.
    Ticket,
    /// Offer the customer a call back.
    Callback,
}

/// An `offline ticket|callback "MESSAGE"` line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fallback {
    /// A ticket or a callback.
    pub mode: FallbackMode,
    /// What the bot tells the customer then.
    pub message: String,
}

/// How a decision hands the conversation over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Handoff {
    /// To a team reachable now.
    Live,
    /// As a ticket: no target was reachable (an `offline ticket` fallback).
    Ticket,
    /// As a callback: no target was reachable (an `offline callback` fallback).
    Callback,
    /// Into the first target's queue: no target was reachable, and no fallback was given.
    Queue,
}

impl Handoff {
    /// The handoffs as a decision writes them, in the order of the variants.
    pub const NAMES: [&'static str; 4] = ["live", "ticket", "callback", "queue"];

    /// The handoff as a decision writes it.
    pub fn name(self) -> &'static str {
        // One name per variant, in the order of the variants.
        Self::NAMES.get(self as usize).copied().unwrap_or("?")
    }
}

/// A part of the context packet (`handoff { include ... }`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HandoffPart {
    /// One line on the conversation.
    Summary,
    /// Order numbers, e-mails, phones, amounts and links the customer wrote.
    Entities,
    /// What the bot already tried.
    Actions,
    /// Why the conversation is escalated.
    Reason,
    /// Every message, card numbers masked.
    Transcript,
    /// Every fact with the value used.
    Facts,
    /// Every signal the policy uses, with its value.
    Signals,
}

impl HandoffPart {
    /// Every part, in the order of the variants.
    pub const ALL: [HandoffPart; 7] = [
        HandoffPart::Summary,
        HandoffPart::Entities,
        HandoffPart::Actions,
        HandoffPart::Reason,
        HandoffPart::Transcript,
        HandoffPart::Facts,
        HandoffPart::Signals,
    ];
    /// The parts as written, in the order of the variants.
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

/// A rule (`rule NAME[: KIND] { ... }`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleDef {
    /// Its name.
    pub name: String,
    /// `None` for a stay rule.
    pub kind: Option<Kind>,
    /// Its condition.
    pub when: Expr,
    /// The condition as written, for the default reason and for `explain`.
    pub when_text: String,
    /// Stay, or escalate to its targets.
    pub action: Action,
    /// What the bot tells the customer (`say`).
    pub say: Option<String>,
    /// As written; the default reason is built from the name, kind and condition.
    pub reason: Option<String>,
    /// Its own `offline` line, which overrides the policy's.
    pub offline: Option<Fallback>,
    /// Where it is declared.
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

/// What a rule does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// `stay`: the bot keeps the conversation.
    Stay,
    /// `escalate to ...`: a person takes over.
    Escalate {
        /// The teams and skills, in the order tried.
        targets: Vec<TargetRef>,
        /// Its priority (`normal` when not written).
        priority: Priority,
    },
}

/// A target of `escalate to`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TargetRef {
    /// A team by name.
    Team(TeamId),
    /// Every team with this skill, in file order (the interpreter orders them by how many
    /// customers wait).
    Skill {
        /// The skill, as written.
        name: String,
        /// The teams that have it.
        teams: Vec<TeamId>,
    },
}

/// A checked condition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Expr {
    /// Holds when any holds.
    Or(Vec<Expr>),
    /// Holds when all hold.
    And(Vec<Expr>),
    /// Holds when the inner one does not.
    Not(Box<Expr>),
    /// One test, and where it is written.
    Test(Test, Span),
}

/// What a value in a condition is.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Operand {
    /// A fact.
    Fact(FactId),
    /// A built-in signal.
    Signal(Signal),
}

/// One test of a condition, as a decision-table cell does it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Test {
    /// `value OP literal`; `is` and `is not` are `==` and `!=`.
    Compare {
        /// The value compared.
        operand: Operand,
        /// The comparison.
        op: CmpOp,
        /// The literal, in the interpreter's units.
        value: Value,
    },
    /// `value [not] in [...]`.
    In {
        /// The value looked for.
        operand: Operand,
        /// Written `not in`.
        negated: bool,
        /// The literals, in the interpreter's units.
        values: Vec<Value>,
    },
    /// `message|conversation mentions SET, ...`: any phrase of any set.
    Mentions {
        /// The latest customer message, or every customer message.
        scope: Scope,
        /// The sets.
        sets: Vec<SetId>,
    },
    /// `within HOURS`: the decision's time is within these hours.
    Within(HoursRef),
    /// A yes/no fact on its own.
    Flag(FactId),
}

/// A `test` block: a request written in the policy, and the decision expected.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TestDef {
    /// Its name.
    pub name: String,
    /// The time of the first message.
    pub at: jiff::Timestamp,
    /// The facts given.
    pub facts: Vec<(FactId, Value)>,
    /// The messages, oldest first.
    pub messages: Vec<TestMessageDef>,
    /// The `available` counts given.
    pub available: Vec<(TeamId, u32)>,
    /// The `waiting` counts given.
    pub waiting: Vec<(TeamId, u32)>,
    /// The bot's actions given.
    pub actions: Vec<String>,
    /// What the decision must be.
    pub expect: ExpectDef,
    /// Where it is written.
    pub span: Span,
}

/// One message of a test.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TestMessageDef {
    /// Who wrote it.
    pub from: Sender,
    /// When: the test's `at` for the first message, then each one 10 seconds (or its
    /// `after DURATION`) after the one before.
    pub at: jiff::Timestamp,
    /// What was written.
    pub text: String,
}

/// A test's `expect` line; a part not written is not checked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExpectDef {
    /// `escalate` rather than `stay`.
    pub escalate: bool,
    /// `to TEAM`.
    pub team: Option<TeamId>,
    /// `priority P`.
    pub priority: Option<Priority>,
    /// `via live|ticket|callback|queue`.
    pub via: Option<Handoff>,
    /// `by RULE`.
    pub rule: Option<RuleId>,
    /// Where it is written.
    pub span: Span,
}
