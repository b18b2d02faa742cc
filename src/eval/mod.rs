//! The interpreter: a request is validated, the signals the policy uses are computed
//! from its transcript, the rows of the decision table are tried in order, and the
//! first that holds decides; routing, hours, availability and the offline fallback then
//! follow design section 4.
//!
//! Deciding allocates per request (the column values, the words of the messages), never
//! per rule or per row, and never fails once the request has been validated.

mod context;
pub mod decision;
pub mod explain;
pub(crate) mod facts;
mod read;
pub mod request;
mod session;
mod signals;
pub mod testing;

use std::sync::Arc;

use jiff::Timestamp;
use rustc_hash::FxHashMap;

use crate::check::model::{Handoff, HandoffPart, HoursRef, Signal, TargetRef, Type};
use crate::compile::hours::OpenHours;
use crate::compile::{Cell, Column, DecisionTable, RuleAction, TABLE_FORMAT};
use crate::spare;
use crate::syntax::ast::Scope;
use crate::text::phrases::PhraseMatcher;
pub use decision::{Context, Decision, Outcome, TranscriptLine};
pub use request::{Message, Request, RequestError, TeamStatus};
pub use session::Session;

/// A value of a column, for one request.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Val<'a> {
    /// Numbers, percents (as fractions) and durations (in seconds).
    Num(f64),
    /// A yes/no fact.
    Bool(bool),
    /// A text fact.
    Text(&'a str),
    /// A choice of an enumeration fact, by its index in the type's choices.
    Choice(usize),
}

impl Cell {
    /// Whether the value passes this cell's test.
    pub fn holds(&self, value: Val<'_>) -> bool {
        match (self, value) {
            (Cell::Range(intervals), Val::Num(x)) => intervals.iter().any(|i| i.contains(x)),
            (Cell::Choices(choices), Val::Choice(c)) => choices.contains(&c),
            (Cell::Text { values, negated }, Val::Text(t)) => {
                values.iter().any(|v| v == t) != *negated
            }
            (Cell::Is(b), Val::Bool(x)) => *b == x,
            _ => false,
        }
    }
}

/// A decision table that does not fit together (a hand-edited or foreign JSON table).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
#[error("this decision table cannot be used: {0}")]
#[diagnostic(
    code("bad-table"),
    help("compile the policy again with `baton compile --format json`")
)]
pub struct TableError(pub String);

/// What the signals need from the transcript, worked out once per policy.
#[derive(Clone, Debug, Default)]
struct Needs {
    sentiment: bool,
    repeats: bool,
    bot_loops: bool,
    /// Phrase sets looked for in the latest customer message.
    message_sets: bool,
    /// Phrase sets looked for in every customer message.
    conversation_sets: bool,
    /// The packet shows masked messages (transcript, entities or summary).
    packet_texts: bool,
    /// The packet lists the customer's entities (itself, or in the summary).
    packet_entities: bool,
    /// The latest customer message is cut into words (for phrases or `repeats`); its
    /// words then also let `sentiment` skip VADER (`vader::compound_of_words`).
    latest_words: bool,
}

/// A decision table ready to decide: the phrase matcher built, the time zones loaded,
/// names indexed.
#[derive(Clone, Debug)]
pub struct Engine {
    table: DecisionTable,
    matcher: PhraseMatcher,
    hours: Vec<OpenHours>,
    fact_index: FxHashMap<Arc<str>, usize>,
    team_index: FxHashMap<Arc<str>, usize>,
    needs: Needs,
    /// The fact named `intent`, which the summary mentions.
    intent_fact: Option<usize>,
    /// The packet's `facts` and `signals` maps with every key and no value yet (a
    /// signal keyed as written, `burst(30s)`): a packet clones them and fills the values
    /// in, instead of sorting the keys again.
    fact_map: context::KeyedValues,
    signal_map: context::KeyedValues,
}

impl Engine {
    /// Prepares a table, checking that its parts fit together.
    pub fn new(table: DecisionTable) -> Result<Engine, TableError> {
        validate(&table)?;
        let hours = table
            .hours
            .iter()
            .map(|h| {
                OpenHours::new(h).map_err(|z| {
                    TableError(format!(
                        "hours `{}` use an unknown time zone `{}`",
                        h.name, z.0
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut needs = Needs::default();
        for signal in &table.signals {
            match signal {
                Signal::Sentiment => needs.sentiment = true,
                Signal::Repeats => needs.repeats = true,
                Signal::BotLoops => needs.bot_loops = true,
                _ => {}
            }
        }
        for column in &table.columns {
            match column {
                Column::Mentions {
                    scope: Scope::Message,
                    ..
                } => needs.message_sets = true,
                Column::Mentions {
                    scope: Scope::Conversation,
                    ..
                } => needs.conversation_sets = true,
                _ => {}
            }
        }
        needs.latest_words = needs.message_sets || needs.conversation_sets || needs.repeats;
        let wants = |part: HandoffPart| table.handoff.contains(&part);
        needs.packet_entities = wants(HandoffPart::Entities) || wants(HandoffPart::Summary);
        needs.packet_texts = needs.packet_entities || wants(HandoffPart::Transcript);
        Ok(Engine {
            matcher: PhraseMatcher::new(&table.phrase_sets),
            hours,
            fact_index: table
                .facts
                .iter()
                .enumerate()
                .map(|(i, f)| (f.name.clone(), i))
                .collect(),
            team_index: table
                .teams
                .iter()
                .enumerate()
                .map(|(i, t)| (t.name.clone(), i))
                .collect(),
            intent_fact: table.facts.iter().position(|f| &*f.name == "intent"),
            fact_map: context::KeyedValues::new(table.facts.iter().map(|f| f.name.clone())),
            signal_map: context::KeyedValues::new(table.signals.iter().map(|s| Arc::from(s.key()))),
            needs,
            table,
        })
    }

    /// The decision table this engine runs.
    pub fn table(&self) -> &DecisionTable {
        &self.table
    }

    /// Decides a request.
    pub fn decide(&self, request: &Request) -> Result<Decision, RequestError> {
        let mut room = Room::take();
        let evaluation = self.evaluate_in(request, &mut room)?;
        Ok(room.recycle(evaluation))
    }

    /// Decides a request and keeps what the decision was made of, for `explain`.
    pub fn evaluate<'r>(&'r self, request: &'r Request) -> Result<Evaluation<'r>, RequestError> {
        self.evaluate_in(request, &mut Room::default())
    }

    fn evaluate_in<'r>(
        &'r self,
        request: &'r Request,
        room: &mut Room,
    ) -> Result<Evaluation<'r>, RequestError> {
        fetch_ahead(request);
        let (facts, now) = request::both(
            facts::validate(self, request, std::mem::take(&mut room.facts)),
            check_times(request, None),
        )?;
        let text = signals::analyse(self, request, now, room);
        Ok(self.conclude(request, facts, now, text, room, || {
            context::text_parts(self, request)
        }))
    }

    /// The rows tried, the first that holds decides, and the decision is made: from the
    /// facts and signals of a request or of a session. `request` gives the teams'
    /// availability and the actions; `texts` the masked texts of the packet, asked for
    /// only when the decision escalates.
    #[expect(
        clippy::indexing_slicing,
        reason = "the table was validated when the engine was built (`validate`): every column, rule, fact, set and hours index is in range, and the vectors indexed have one entry per column, rule, fact, signal and set"
    )]
    fn conclude<'r>(
        &self,
        request: &Request,
        facts: Vec<Val<'r>>,
        now: Timestamp,
        text: signals::Analysis,
        room: &mut Room,
        texts: impl FnOnce() -> context::TextParts,
    ) -> Evaluation<'r> {
        let mut values: Vec<Val<'r>> = std::mem::take(&mut room.columns);
        values.reserve(self.table.columns.len());
        for column in &self.table.columns {
            values.push(match *column {
                Column::Fact(f) => facts[f],
                Column::Signal(s) => Val::Num(text.signals[s]),
                Column::Mentions { scope, set } => Val::Bool(match scope {
                    Scope::Message => text.in_message[set],
                    Scope::Conversation => text.in_conversation[set],
                }),
                Column::Within(h) => Val::Bool(self.open(h, now)),
            });
        }

        let signals::Analysis {
            signals,
            in_message,
            in_conversation,
        } = text;
        room.in_message = cleared(in_message);
        room.in_conversation = cleared(in_conversation);
        let mut matched = std::mem::take(&mut room.matched);
        matched.resize(self.table.rules.len(), false);
        for row in &self.table.rows {
            if matched[row.rule] {
                continue;
            }
            if row.cells.iter().all(|(c, cell)| cell.holds(values[*c])) {
                matched[row.rule] = true;
            }
        }
        let decision = self.decision(request, now, &facts, &signals, &matched, texts);
        Evaluation {
            facts,
            signals,
            columns: values,
            matched,
            now,
            decision,
        }
    }

    #[expect(
        clippy::indexing_slicing,
        reason = "hours indexes were validated with the table; `self.hours` has one entry per hours of the table"
    )]
    fn open(&self, hours: HoursRef, now: Timestamp) -> bool {
        match hours {
            HoursRef::Always => true,
            HoursRef::Named(h) => self.hours[h].is_open(now),
        }
    }

    #[expect(
        clippy::indexing_slicing,
        reason = "rule and team indexes were validated with the table"
    )]
    fn decision(
        &self,
        request: &Request,
        now: Timestamp,
        facts: &[Val<'_>],
        signals: &[f64],
        matched: &[bool],
        texts: impl FnOnce() -> context::TextParts,
    ) -> Decision {
        // Sized first, so that no rule costs an allocation.
        let mut matched_names: Vec<Arc<str>> =
            Vec::with_capacity(matched.iter().filter(|m| **m).count());
        matched_names.extend(
            matched
                .iter()
                .zip(&self.table.rules)
                .filter(|(m, _)| **m)
                .map(|(_, r)| r.name.clone()),
        );
        // The first rule that held decides.
        let Some(rule_id) = matched.iter().position(|m| *m) else {
            return Decision {
                outcome: Outcome::Stay,
                rule: None,
                kind: None,
                team: None,
                priority: None,
                handoff: None,
                say: None,
                reason: None,
                matched: matched_names,
                context: None,
            };
        };
        let rule = &self.table.rules[rule_id];
        let RuleAction::Escalate { targets, priority } = &rule.action else {
            return Decision {
                outcome: Outcome::Stay,
                rule: Some(rule.name.clone()),
                kind: None,
                team: None,
                priority: None,
                handoff: None,
                say: None,
                reason: rule.own_reason.clone(),
                matched: matched_names,
                context: None,
            };
        };

        let candidates = self.candidates(targets, request);
        let reachable = candidates
            .iter()
            .copied()
            .find(|&t| self.reachable(t, request, now));
        let (team, handoff, say) = match reachable {
            Some(team) => (Some(team), Handoff::Live, rule.say.clone()),
            None => {
                let team = candidates.first().copied();
                match rule.offline.as_ref().or(self.table.offline.as_ref()) {
                    Some(fallback) => (
                        team,
                        match fallback.mode {
                            crate::compile::FallbackMode::Ticket => Handoff::Ticket,
                            crate::compile::FallbackMode::Callback => Handoff::Callback,
                        },
                        Some(fallback.message.clone()),
                    ),
                    None => (team, Handoff::Queue, rule.say.clone()),
                }
            }
        };
        let context = context::packet(
            self,
            &request.actions,
            facts,
            signals,
            &rule.reason,
            texts(),
        );
        Decision {
            outcome: Outcome::Escalate,
            rule: Some(rule.name.clone()),
            kind: rule.kind,
            team: team.map(|t| self.table.teams[t].name.clone()),
            priority: Some(*priority),
            handoff: Some(handoff),
            say,
            reason: Some(rule.reason.clone()),
            matched: matched_names,
            context: Some(context),
        }
    }

    /// The candidate teams in order: named teams as listed, a skill's teams by fewest
    /// waiting (then file order), each team once.
    fn candidates(&self, targets: &[TargetRef], request: &Request) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for target in targets {
            match target {
                TargetRef::Team(t) => {
                    if !out.contains(t) {
                        out.push(*t);
                    }
                }
                TargetRef::Skill { teams, .. } => {
                    let mut by_waiting: Vec<usize> = teams.clone();
                    // A stable sort keeps file order among equals.
                    by_waiting.sort_by_key(|&t| self.status(t, request).waiting.unwrap_or(0));
                    for t in by_waiting {
                        if !out.contains(&t) {
                            out.push(t);
                        }
                    }
                }
            }
        }
        out
    }

    #[expect(
        clippy::indexing_slicing,
        reason = "team indexes were validated with the table"
    )]
    fn status(&self, team: usize, request: &Request) -> TeamStatus {
        request
            .teams
            .get(&*self.table.teams[team].name)
            .copied()
            .unwrap_or_default()
    }

    /// Open now, and not reported as having no free agent.
    #[expect(
        clippy::indexing_slicing,
        reason = "team indexes were validated with the table"
    )]
    fn reachable(&self, team: usize, request: &Request, now: Timestamp) -> bool {
        self.open(self.table.teams[team].hours, now)
            && self.status(team, request).available != Some(0)
    }
}

/// A decision with what it was made of.
#[derive(Clone, Debug)]
pub struct Evaluation<'r> {
    /// Each fact's value (the request's or the default), in the policy's order.
    pub facts: Vec<Val<'r>>,
    /// Each signal the policy uses, in [`DecisionTable::signals`] order.
    pub signals: Vec<f64>,
    /// Each column's value, in [`DecisionTable::columns`] order.
    pub columns: Vec<Val<'r>>,
    /// For each rule, whether its condition held.
    pub matched: Vec<bool>,
    /// The time the request was decided at: its `now`, or its last message's time.
    pub now: Timestamp,
    /// The decision, as [`crate::Policy::decide`] returns it.
    pub decision: Decision,
}

/// The vectors one decision fills (facts, signals, flags, column values), kept per
/// thread from one decision to the next, so that deciding does not allocate them again.
/// Each is empty while kept.
#[derive(Default)]
pub(crate) struct Room {
    facts: Vec<Val<'static>>,
    columns: Vec<Val<'static>>,
    signals: Vec<f64>,
    in_message: Vec<bool>,
    in_conversation: Vec<bool>,
    matched: Vec<bool>,
}

thread_local! {
    static SPARE_ROOM: std::cell::Cell<Room> = const {
        std::cell::Cell::new(Room {
            facts: Vec::new(),
            columns: Vec::new(),
            signals: Vec::new(),
            in_message: Vec::new(),
            in_conversation: Vec::new(),
            matched: Vec::new(),
        })
    };
}

impl Room {
    /// The vectors kept on this thread, or new ones.
    pub(crate) fn take() -> Room {
        spare::take(&SPARE_ROOM)
    }

    /// Keeps the vectors of `evaluation`, emptied, for the next decision on this thread,
    /// and returns its decision.
    pub(crate) fn recycle(mut self, evaluation: Evaluation<'_>) -> Decision {
        let Evaluation {
            facts,
            signals,
            columns,
            matched,
            decision,
            ..
        } = evaluation;
        self.facts = spare::emptied_as(facts, || Val::Bool(false));
        self.columns = spare::emptied_as(columns, || Val::Bool(false));
        self.signals = cleared(signals);
        self.matched = cleared(matched);
        // They hold one entry per fact, column, signal, phrase set or rule: bounded by
        // the policy, not by the request.
        let bytes = size_of::<Val<'static>>() * (self.facts.capacity() + self.columns.capacity())
            + size_of::<f64>() * self.signals.capacity()
            + self.in_message.capacity()
            + self.in_conversation.capacity()
            + self.matched.capacity();
        spare::keep(&SPARE_ROOM, self, bytes);
        decision
    }
}

fn cleared<T>(mut v: Vec<T>) -> Vec<T> {
    v.clear();
    v
}

/// `now`, checked against the messages: times never go backwards. `before` is the time
/// of the message before the request's first (a session's last), if any.
pub(crate) fn check_times(
    request: &Request,
    before: Option<Timestamp>,
) -> Result<Timestamp, RequestError> {
    let mut errors = request::Errors::default();
    let times = request.messages.iter().map(|m| Some(m.at));
    let last = order_errors(times, before, request.now, &mut errors);
    let now = match (request.now, last) {
        (Some(now), _) => now,
        (None, Some(last)) => last,
        // No time at all: the clock's.
        (None, None) => Timestamp::now(),
    };
    errors.check()?;
    Ok(now)
}

/// An error for each message time earlier than the one before it, and for `now` earlier
/// than the last; gives the last time. `times` holds each message's time at its index in
/// the request; a time that could not be read (`None`, in a request whose shape is wrong)
/// is compared with neither of its neighbours, so that every error found is one the
/// request gives once its shape is right.
pub(crate) fn order_errors(
    times: impl Iterator<Item = Option<Timestamp>>,
    before: Option<Timestamp>,
    now: Option<Timestamp>,
    errors: &mut request::Errors,
) -> Option<Timestamp> {
    let mut last = before;
    for (i, at) in times.enumerate() {
        if let (Some(at), Some(before)) = (at, last)
            && at < before
        {
            errors.push(out_of_order(at, before, format!("messages[{i}].at")));
        }
        last = at;
    }
    if let (Some(now), Some(last)) = (now, last)
        && now < last
    {
        errors.push(RequestError::new(
            "now",
            format!("{now} is earlier than the last message ({last})"),
        ));
    }
    last
}

/// The error for a message at `at`, earlier than the one before it, at `before`.
pub(crate) fn out_of_order(at: Timestamp, before: Timestamp, path: String) -> RequestError {
    RequestError::new(
        path,
        format!("{at} is earlier than the message before it ({before}); messages go oldest first"),
    )
}

/// Checks that every index in a table points at something, so that deciding cannot
/// fail on a table loaded from JSON.
#[expect(
    clippy::indexing_slicing,
    reason = "each index is compared with the length of what it indexes before it is used"
)]
fn validate(t: &DecisionTable) -> Result<(), TableError> {
    let bad = |what: String| Err(TableError(what));
    if t.format != TABLE_FORMAT {
        return bad(format!(
            "it is in format {}, and this Baton reads format {TABLE_FORMAT}",
            t.format
        ));
    }
    let hours_ok = |h: &HoursRef| match h {
        HoursRef::Always => true,
        HoursRef::Named(i) => *i < t.hours.len(),
    };
    for (i, c) in t.columns.iter().enumerate() {
        let ok = match c {
            Column::Fact(f) => *f < t.facts.len(),
            Column::Signal(s) => *s < t.signals.len(),
            Column::Mentions { set, .. } => *set < t.phrase_sets.len(),
            Column::Within(h) => hours_ok(h),
        };
        if !ok {
            return bad(format!("column {i} points at nothing"));
        }
    }
    for (i, row) in t.rows.iter().enumerate() {
        if row.rule >= t.rules.len() || row.cells.iter().any(|(c, _)| *c >= t.columns.len()) {
            return bad(format!("row {} points at nothing", i + 1));
        }
        for (c, cell) in &row.cells {
            let kind_ok = match (&t.columns[*c], cell) {
                (Column::Fact(f), _) => matches!(
                    (&t.facts[*f].ty, cell),
                    (
                        Type::Number | Type::Percent | Type::Duration,
                        Cell::Range(_)
                    ) | (Type::Choice(_), Cell::Choices(_))
                        | (Type::Text, Cell::Text { .. })
                        | (Type::Bool, Cell::Is(_))
                ),
                (Column::Signal(_), Cell::Range(_)) => true,
                (Column::Mentions { .. } | Column::Within(_), Cell::Is(_)) => true,
                _ => false,
            };
            if !kind_ok {
                return bad(format!(
                    "row {} tests a column with the wrong kind of cell",
                    i + 1
                ));
            }
        }
    }
    for team in &t.teams {
        if !hours_ok(&team.hours) {
            return bad(format!("team `{}` has hours that do not exist", team.name));
        }
    }
    for rule in &t.rules {
        if let RuleAction::Escalate { targets, .. } = &rule.action {
            let ok = !targets.is_empty()
                && targets.iter().all(|target| match target {
                    TargetRef::Team(id) => *id < t.teams.len(),
                    TargetRef::Skill { teams, .. } => teams.iter().all(|id| *id < t.teams.len()),
                });
            if !ok {
                return bad(format!(
                    "rule `{}` escalates to teams that do not exist",
                    rule.name
                ));
            }
        }
    }
    for fact in &t.facts {
        if let (Type::Choice(values), Some(crate::check::model::Value::Choice(c))) =
            (&fact.ty, &fact.default)
            && *c >= values.len()
        {
            return bad(format!(
                "fact `{}` has a default that is not one of its choices",
                fact.name
            ));
        }
    }
    Ok(())
}

/// Reads a few bytes of every message's text, one loop for all, so that the processor
/// fetches them together, each fetch overlapping the others, instead of one text at a
/// time as the work reaches it. A request's texts are separate allocations, and when the
/// request was made long before the decision, each first read of one waits on memory.
fn fetch_ahead(request: &Request) {
    let mut seen = 0u8;
    let mut read = |bytes: &[u8]| {
        // Its first bytes, a byte per 64 (a cache line) of the next 192, and its last.
        for &b in bytes.iter().step_by(64).take(4) {
            seen ^= b;
        }
        seen ^= bytes.last().copied().unwrap_or(0);
    };
    for m in &request.messages {
        read(signals::signal_text(&m.text).as_bytes());
    }
    // The bytes read are kept, or the compiler would leave the reads out.
    std::hint::black_box(seen);
}
