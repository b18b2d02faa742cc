//! The typed syntax tree of a policy file: what was written, with byte spans, before any
//! name is resolved or any literal is validated.
//!
//! Every node owns its data (no pest types survive parsing). Spans are ignored by `==`,
//! so two trees compare equal when they say the same thing, wherever it was written.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A byte range in the source text.
#[derive(Clone, Copy, Default, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// Spans never make two trees different: see the module documentation.
impl PartialEq for Span {
    fn eq(&self, _other: &Span) -> bool {
        true
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start, span.len()).into()
    }
}

/// A node with the span of the text it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub node: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(node: T, span: Span) -> Self {
        Spanned { node, span }
    }
}

/// A name as written: a fact, a phrase set, a team, a rule...
pub type Ident = Spanned<String>;

/// A whole policy file.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyFile {
    pub name: Spanned<String>,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Fact(Fact),
    Phrases(PhraseSet),
    Hours(Hours),
    Team(Team),
    Offline(Offline),
    Rule(RuleItem),
    Handoff(Handoff),
    Test(Test),
}

impl Item {
    /// The span of the whole item, from its keyword to its end.
    pub fn span(&self) -> Span {
        match self {
            Item::Fact(x) => x.span,
            Item::Phrases(x) => x.span,
            Item::Hours(x) => x.span,
            Item::Team(x) => x.span,
            Item::Offline(x) => x.span,
            Item::Rule(x) => x.span,
            Item::Handoff(x) => x.span,
            Item::Test(x) => x.span,
        }
    }
}

/// `fact NAME: TYPE [= DEFAULT]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub name: Ident,
    /// One word (`number`, `percent`...) or the values of an enumeration.
    pub ty: Vec<Ident>,
    pub ty_span: Span,
    pub default: Option<Spanned<Literal>>,
    pub span: Span,
}

/// `phrases NAME [fuzzy] = [...]`.
#[derive(Clone, Debug, PartialEq)]
pub struct PhraseSet {
    pub name: Ident,
    pub fuzzy: bool,
    pub phrases: Vec<Spanned<String>>,
    /// The span of the brackets and what is between them.
    pub list_span: Span,
    pub span: Span,
}

/// `hours NAME in "ZONE" { ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Hours {
    pub name: Ident,
    pub zone: Spanned<String>,
    pub spans: Vec<HoursSpan>,
    pub closed: Vec<Spanned<DateLit>>,
    pub span: Span,
}

/// `mon-fri, sat 08:00-20:00`.
#[derive(Clone, Debug, PartialEq)]
pub struct HoursSpan {
    pub days: Vec<Spanned<(Weekday, Weekday)>>,
    pub from: Spanned<ClockLit>,
    pub to: Spanned<ClockLit>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    /// 0 for Monday to 6 for Sunday.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn name(self) -> &'static str {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .get(self.index())
            .copied()
            .unwrap_or("?")
    }
}

/// `team NAME { skills a, b; hours H }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Team {
    pub name: Ident,
    pub skills: Vec<Ident>,
    /// Every `hours` line (more than one is an error the checker reports).
    pub hours: Vec<Ident>,
    pub span: Span,
}

/// `offline ticket|callback "MESSAGE"`, for the policy or for one rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Offline {
    pub mode: Ident,
    pub message: Spanned<String>,
    pub span: Span,
}

/// `rule NAME[: KIND] { when ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleItem {
    pub name: Ident,
    pub kind: Option<Ident>,
    pub when: Cond,
    pub lines: Vec<RuleLine>,
    /// The span of the opening `rule` keyword and name, where rule-level errors point.
    pub head_span: Span,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RuleLine {
    Escalate(Escalate),
    Stay(Span),
    Say(Spanned<String>),
    Reason(Spanned<String>),
    Offline(Offline),
}

impl RuleLine {
    pub fn span(&self) -> Span {
        match self {
            RuleLine::Escalate(x) => x.span,
            RuleLine::Stay(span) => *span,
            RuleLine::Say(x) | RuleLine::Reason(x) => x.span,
            RuleLine::Offline(x) => x.span,
        }
    }
}

/// `escalate to T1 or skill S [priority P]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Escalate {
    pub targets: Vec<Target>,
    pub priority: Option<Ident>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Team(Ident),
    Skill(Ident),
}

/// A condition, with the span of its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Cond {
    pub kind: CondKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CondKind {
    Or(Vec<Cond>),
    And(Vec<Cond>),
    Not(Box<Cond>),
    Atom(Atom),
}

/// One test of a condition; an atom of the condition (`Test` is the `test` item).
#[derive(Clone, Debug, PartialEq)]
pub enum Atom {
    /// `value OP literal`
    Compare {
        value: ValueRef,
        op: Spanned<CmpOp>,
        literal: Spanned<Literal>,
    },
    /// `value is [not] literal`
    Is {
        value: ValueRef,
        negated: bool,
        literal: Spanned<Literal>,
    },
    /// `value [not] in [literals]`
    In {
        value: ValueRef,
        negated: bool,
        literals: Vec<Spanned<Literal>>,
        list_span: Span,
    },
    /// `message|conversation mentions SET, SET`
    Mentions {
        scope: Spanned<Scope>,
        sets: Vec<Ident>,
    },
    /// `within HOURS`
    Within { hours: Ident },
    /// A yes/no fact on its own: `escalate_button`.
    Flag { value: ValueRef },
}

/// A fact or a signal, with its argument if it has one: `burst(30s)`.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueRef {
    pub name: Ident,
    pub arg: Option<Spanned<Literal>>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The latest customer message.
    Message,
    /// Every customer message so far.
    Conversation,
}

/// A literal as written. Ranges (a percent above 100%, `25:00`, February 30th) are
/// checked later, so that the checker can say what is wrong with them.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Number(f64),
    /// The number written before `%`: `85%` is `Percent(85.0)`.
    Percent(f64),
    /// In seconds.
    Duration(f64),
    Bool(bool),
    Text(String),
    /// A bare word, such as an enumeration value: `vip`.
    Word(String),
    Clock(ClockLit),
    Date(DateLit),
}

impl Literal {
    /// What kind of value this is, in a support lead's words.
    pub fn describe(&self) -> &'static str {
        match self {
            Literal::Number(_) => "a number",
            Literal::Percent(_) => "a percent",
            Literal::Duration(_) => "a duration",
            Literal::Bool(_) => "`true` or `false`",
            Literal::Text(_) => "a text in quotes",
            Literal::Word(_) => "a word",
            Literal::Clock(_) => "a time of day",
            Literal::Date(_) => "a date",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClockLit {
    pub hour: u32,
    pub minute: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateLit {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// `handoff { include summary, entities, ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Handoff {
    pub parts: Vec<Ident>,
    pub span: Span,
}

/// `test "NAME" { ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Test {
    pub name: Spanned<String>,
    pub lines: Vec<TestLine>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TestLine {
    At(Spanned<String>),
    Facts(Vec<(Ident, Spanned<Literal>)>, Span),
    Message(TestMessage),
    Available(Ident, Spanned<f64>),
    Waiting(Ident, Spanned<f64>),
    Actions(Vec<Spanned<String>>, Span),
    Expect(Expect),
}

impl TestLine {
    pub fn span(&self) -> Span {
        match self {
            TestLine::At(x) => x.span,
            TestLine::Facts(_, span) | TestLine::Actions(_, span) => *span,
            TestLine::Message(m) => m.span,
            TestLine::Available(t, n) | TestLine::Waiting(t, n) => t.span.join(n.span),
            TestLine::Expect(e) => e.span,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sender {
    Customer,
    Bot,
    Agent,
}

impl Sender {
    /// The sender a request or a policy's test names: `customer`, `bot` or `agent`.
    pub fn from_name(name: &str) -> Option<Sender> {
        match name {
            "customer" => Some(Sender::Customer),
            "bot" => Some(Sender::Bot),
            "agent" => Some(Sender::Agent),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TestMessage {
    pub from: Sender,
    /// The gap after the previous message, in seconds, when written with `after`.
    pub after: Option<Spanned<f64>>,
    pub text: Spanned<String>,
    pub span: Span,
}

/// `expect stay [by RULE]` or `expect escalate [to T] [priority P] [via V] [by RULE]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Expect {
    pub escalate: bool,
    pub team: Option<Ident>,
    pub priority: Option<Ident>,
    pub via: Option<Ident>,
    pub rule: Option<Ident>,
    pub span: Span,
}
