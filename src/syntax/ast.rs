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
    /// Where it starts.
    pub start: usize,
    /// Where it ends (exclusive).
    pub end: usize,
}

impl Span {
    /// The bytes `start..end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Its length in bytes.
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether it covers no byte.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The same bytes as a range, to slice the source with.
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
    /// The node.
    pub node: T,
    /// Where its text is.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// `node`, written at `span`.
    pub fn new(node: T, span: Span) -> Self {
        Spanned { node, span }
    }
}

/// A name as written: a fact, a phrase set, a team, a rule...
pub type Ident = Spanned<String>;

/// A whole policy file.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyFile {
    /// The name of its `policy` line.
    pub name: Spanned<String>,
    /// Its items, in the order written.
    pub items: Vec<Item>,
}

/// One item of a policy file.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `fact NAME: TYPE [= DEFAULT]`.
    Fact(Fact),
    /// `phrases NAME [fuzzy] = [...]`.
    Phrases(PhraseSet),
    /// `hours NAME in "ZONE" { ... }`.
    Hours(Hours),
    /// `team NAME { ... }`.
    Team(Team),
    /// The policy's `offline ticket|callback "MESSAGE"`.
    Offline(Offline),
    /// `rule NAME[: KIND] { ... }`.
    Rule(RuleItem),
    /// `handoff { include ... }`.
    Handoff(Handoff),
    /// `test "NAME" { ... }`.
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
    /// Its name.
    pub name: Ident,
    /// One word (`number`, `percent`...) or the values of an enumeration.
    pub ty: Vec<Ident>,
    /// Where the type is written.
    pub ty_span: Span,
    /// The value after `=`, when one is written.
    pub default: Option<Spanned<Literal>>,
    /// The whole item.
    pub span: Span,
}

/// `phrases NAME [fuzzy] = [...]`.
#[derive(Clone, Debug, PartialEq)]
pub struct PhraseSet {
    /// Its name.
    pub name: Ident,
    /// Written `fuzzy`.
    pub fuzzy: bool,
    /// The phrases, as written between their quotes.
    pub phrases: Vec<Spanned<String>>,
    /// The span of the brackets and what is between them.
    pub list_span: Span,
    /// The whole item.
    pub span: Span,
}

/// `hours NAME in "ZONE" { ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Hours {
    /// Their name.
    pub name: Ident,
    /// The time zone, as written between its quotes.
    pub zone: Spanned<String>,
    /// The opening spans.
    pub spans: Vec<HoursSpan>,
    /// The dates of its `closed` lines.
    pub closed: Vec<Spanned<DateLit>>,
    /// The whole item.
    pub span: Span,
}

/// `mon-fri, sat 08:00-20:00`.
#[derive(Clone, Debug, PartialEq)]
pub struct HoursSpan {
    /// The days, each a range (`mon-fri`) or one day (`sat`, as `(Sat, Sat)`).
    pub days: Vec<Spanned<(Weekday, Weekday)>>,
    /// The opening time.
    pub from: Spanned<ClockLit>,
    /// The closing time; before `from`, the span runs past midnight.
    pub to: Spanned<ClockLit>,
    /// The whole line.
    pub span: Span,
}

/// A day of the week, Monday first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

impl Weekday {
    /// Every day, Monday first.
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

    /// The day as written: `mon` to `sun`.
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
    /// Its name.
    pub name: Ident,
    /// Its skills, as written.
    pub skills: Vec<Ident>,
    /// Every `hours` line (more than one is an error the checker reports).
    pub hours: Vec<Ident>,
    /// The whole item.
    pub span: Span,
}

/// `offline ticket|callback "MESSAGE"`, for the policy or for one rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Offline {
    /// `ticket` or `callback`, as written.
    pub mode: Ident,
    /// What the bot tells the customer, as written between its quotes.
    pub message: Spanned<String>,
    /// The whole line.
    pub span: Span,
}

/// `rule NAME[: KIND] { when ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleItem {
    /// Its name.
    pub name: Ident,
    /// Its kind, when written.
    pub kind: Option<Ident>,
    /// Its `when` condition.
    pub when: Cond,
    /// Its other lines, in the order written.
    pub lines: Vec<RuleLine>,
    /// The span of the opening `rule` keyword and name, where rule-level errors point.
    pub head_span: Span,
    /// The whole item.
    pub span: Span,
}

/// A line of a rule other than its `when`.
#[derive(Clone, Debug, PartialEq)]
pub enum RuleLine {
    /// `escalate to ...`.
    Escalate(Escalate),
    /// `stay`.
    Stay(Span),
    /// `say "..."`.
    Say(Spanned<String>),
    /// `reason "..."`.
    Reason(Spanned<String>),
    /// `offline ticket|callback "..."`.
    Offline(Offline),
}

impl RuleLine {
    /// The whole line.
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
    /// The targets, in the order written.
    pub targets: Vec<Target>,
    /// The priority, when written.
    pub priority: Option<Ident>,
    /// The whole line.
    pub span: Span,
}

/// A target of `escalate to`.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A team.
    Team(Ident),
    /// `skill NAME`: every team with that skill.
    Skill(Ident),
}

/// A condition, with the span of its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Cond {
    /// What it says.
    pub kind: CondKind,
    /// Where it is written.
    pub span: Span,
}

/// A condition's shape.
#[derive(Clone, Debug, PartialEq)]
pub enum CondKind {
    /// `a or b or ...`.
    Or(Vec<Cond>),
    /// `a and b and ...`.
    And(Vec<Cond>),
    /// `not a`.
    Not(Box<Cond>),
    /// One test.
    Atom(Atom),
}

/// One test of a condition; an atom of the condition (`Test` is the `test` item).
#[derive(Clone, Debug, PartialEq)]
pub enum Atom {
    /// `value OP literal`
    Compare {
        /// The fact or signal.
        value: ValueRef,
        /// The comparison.
        op: Spanned<CmpOp>,
        /// The literal.
        literal: Spanned<Literal>,
    },
    /// `value is [not] literal`
    Is {
        /// The fact or signal.
        value: ValueRef,
        /// Written `is not`.
        negated: bool,
        /// The literal.
        literal: Spanned<Literal>,
    },
    /// `value [not] in [literals]`
    In {
        /// The fact or signal.
        value: ValueRef,
        /// Written `not in`.
        negated: bool,
        /// The literals between the brackets.
        literals: Vec<Spanned<Literal>>,
        /// Where the brackets and what is between them are.
        list_span: Span,
    },
    /// `message|conversation mentions SET, SET`
    Mentions {
        /// `message` or `conversation`.
        scope: Spanned<Scope>,
        /// The phrase sets.
        sets: Vec<Ident>,
    },
    /// `within HOURS`
    Within {
        /// The hours.
        hours: Ident,
    },
    /// A yes/no fact on its own: `escalate_button`.
    Flag {
        /// The fact.
        value: ValueRef,
    },
}

/// A fact or a signal, with its argument if it has one: `burst(30s)`.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueRef {
    /// The fact's or signal's name.
    pub name: Ident,
    /// The argument between parentheses, when written.
    pub arg: Option<Spanned<Literal>>,
    /// The whole value, argument included.
    pub span: Span,
}

/// A comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CmpOp {
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
    /// `==`, or `is`.
    Eq,
    /// `!=`, or `is not`.
    Ne,
}

impl CmpOp {
    /// The comparison as written with a symbol.
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

/// Which customer messages `mentions` reads.
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
    /// A number.
    Number(f64),
    /// The number written before `%`: `85%` is `Percent(85.0)`.
    Percent(f64),
    /// In seconds.
    Duration(f64),
    /// `true` or `false`.
    Bool(bool),
    /// A text, as written between its quotes (escapes resolved).
    Text(String),
    /// A bare word, such as an enumeration value: `vip`.
    Word(String),
    /// A time of day: `08:00`.
    Clock(ClockLit),
    /// A date: `2026-12-25`.
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

/// A time of day, as written (checked later).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClockLit {
    /// The hour.
    pub hour: u32,
    /// The minute.
    pub minute: u32,
}

/// A date, as written (checked later).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateLit {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12 when valid.
    pub month: u32,
    /// The day of the month.
    pub day: u32,
}

/// `handoff { include summary, entities, ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Handoff {
    /// The parts, as written.
    pub parts: Vec<Ident>,
    /// The whole item.
    pub span: Span,
}

/// `test "NAME" { ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Test {
    /// Its name, as written between its quotes.
    pub name: Spanned<String>,
    /// Its lines, in the order written.
    pub lines: Vec<TestLine>,
    /// The whole item.
    pub span: Span,
}

/// A line of a test.
#[derive(Clone, Debug, PartialEq)]
pub enum TestLine {
    /// `at "TIME"`: the first message's time.
    At(Spanned<String>),
    /// `facts { NAME: VALUE, ... }`, and the whole line.
    Facts(Vec<(Ident, Spanned<Literal>)>, Span),
    /// `customer|bot|agent [after D] "TEXT"`.
    Message(TestMessage),
    /// `available TEAM N`.
    Available(Ident, Spanned<f64>),
    /// `waiting TEAM N`.
    Waiting(Ident, Spanned<f64>),
    /// `actions ["...", ...]`, and the whole line.
    Actions(Vec<Spanned<String>>, Span),
    /// `expect ...`.
    Expect(Expect),
}

impl TestLine {
    /// The whole line.
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

/// Who wrote a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sender {
    /// The customer.
    Customer,
    /// The bot.
    Bot,
    /// A person of the support team.
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

/// A message line of a test.
#[derive(Clone, Debug, PartialEq)]
pub struct TestMessage {
    /// Who wrote it.
    pub from: Sender,
    /// The gap after the previous message, in seconds, when written with `after`.
    pub after: Option<Spanned<f64>>,
    /// What was written, between its quotes.
    pub text: Spanned<String>,
    /// The whole line.
    pub span: Span,
}

/// `expect stay [by RULE]` or `expect escalate [to T] [priority P] [via V] [by RULE]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Expect {
    /// `escalate` rather than `stay`.
    pub escalate: bool,
    /// `to TEAM`.
    pub team: Option<Ident>,
    /// `priority P`.
    pub priority: Option<Ident>,
    /// `via V`.
    pub via: Option<Ident>,
    /// `by RULE`.
    pub rule: Option<Ident>,
    /// The whole line.
    pub span: Span,
}
