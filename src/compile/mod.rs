//! The compiler: a checked policy ([`Model`]) becomes a [`DecisionTable`].
//!
//! Each rule's condition is put in disjunctive normal form: one row per conjunction,
//! each row a few cells, each cell a unary test on one column (a fact, a signal, a
//! `mentions`, a `within`). Rows keep the order of their rules, so the first row that
//! holds decides. The table is plain data (serde): saved as JSON, it loads back without
//! the source and decides the same.

pub mod cells;
mod error;
pub mod hours;
mod render;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use cells::{Bound, Cell, Interval};
pub use error::CompileError;

use crate::check::model::{
    Action, Expr, FactId, HandoffPart, HoursDef, HoursRef, Kind, Model, Operand, PhraseSetDef,
    Priority, RuleId, SetId, Signal, TargetRef, Test, Type, Value,
};
pub use crate::check::model::{FactDef, FallbackMode};
use crate::limits::MAX_ROWS_PER_RULE;
use crate::syntax::ast::{CmpOp, Scope};

/// The version of the table's JSON form; a table of another version is refused.
pub const TABLE_FORMAT: u32 = 1;

/// A compiled policy: everything a decision needs, and nothing of the source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionTable {
    /// The version of this JSON form, [`TABLE_FORMAT`] for the tables this build writes.
    pub format: u32,
    /// The policy's name, from its `policy` line.
    pub policy: String,
    /// The facts a request gives, in the policy's order.
    pub facts: Vec<FactSpec>,
    /// The phrase sets, in the policy's order; `mentions` columns index them.
    pub phrase_sets: Vec<PhraseSetDef>,
    /// The opening hours, in the policy's order; teams and `within` columns index them.
    pub hours: Vec<HoursDef>,
    /// The teams, in the policy's order.
    pub teams: Vec<TeamSpec>,
    /// The signals the rules use, each once.
    pub signals: Vec<Signal>,
    /// What each column of the rows tests, each distinct column once.
    pub columns: Vec<Column>,
    /// In rule order: the first row that holds decides.
    pub rows: Vec<Row>,
    /// The rules, in the policy's order; rows name them by index.
    pub rules: Vec<RuleSpec>,
    /// The policy's own `offline` fallback, for rules that give none.
    pub offline: Option<FallbackSpec>,
    /// The parts of the context packet the policy's `handoff` asks for.
    pub handoff: Vec<HandoffPart>,
}

/// A fact as a request must give it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactSpec {
    /// The fact's name, the key in a request's `facts`.
    pub name: Arc<str>,
    /// Its type, which the request's value must have.
    pub ty: Type,
    /// `None`: required in every request.
    pub default: Option<Value>,
}

/// A team a rule can escalate to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamSpec {
    /// The team's name, as decisions and a request's `teams` give it.
    pub name: Arc<str>,
    /// Its skills, as written; a `skill` target picks among the teams that have one.
    pub skills: Vec<String>,
    /// When it is open: an index into [`DecisionTable::hours`], or every hour.
    pub hours: HoursRef,
}

/// What a column holds, for each request.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// A fact's value, by its index in [`DecisionTable::facts`].
    Fact(FactId),
    /// An index into [`DecisionTable::signals`].
    Signal(usize),
    /// Whether a phrase of a set is found in the text.
    Mentions {
        /// In the latest customer message, or in any of the customer's.
        scope: Scope,
        /// The set, by its index in [`DecisionTable::phrase_sets`].
        set: SetId,
    },
    /// Whether the decision's time falls within these opening hours.
    Within(HoursRef),
}

/// One conjunction of one rule's condition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// The rule this conjunction belongs to, by its index in [`DecisionTable::rules`].
    pub rule: RuleId,
    /// `(column, test)`, at most one per column, in column order; a column without a
    /// cell takes any value.
    pub cells: Vec<(usize, Cell)>,
}

/// What a rule does when it decides.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// The rule's name, as decisions report it.
    pub name: Arc<str>,
    /// `None` for a stay rule.
    pub kind: Option<Kind>,
    /// Stay with the bot, or escalate to its targets.
    pub action: RuleAction,
    /// What the bot tells the customer (the rule's `say`).
    pub say: Option<Arc<str>>,
    /// What the agent is told: the rule's `reason`, or its name, kind and condition.
    pub reason: Arc<str>,
    /// The rule's own `reason` line, if any (what a stay decision reports).
    pub own_reason: Option<Arc<str>>,
    /// The rule's own `offline` fallback; the policy's applies when it is `None`.
    pub offline: Option<FallbackSpec>,
    /// The condition as written.
    pub when: String,
}

/// A rule's action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleAction {
    /// The bot keeps the conversation.
    Stay,
    /// A person takes over.
    Escalate {
        /// The teams and skills to try, in the order written: the first open and
        /// available one is chosen.
        targets: Vec<TargetRef>,
        /// The escalation's priority.
        priority: Priority,
    },
}

/// What an escalation does when none of its targets is reachable (closed, or with no
/// agent available).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FallbackSpec {
    /// A ticket or a callback, the decision's `handoff`.
    pub mode: FallbackMode,
    /// What the bot tells the customer then, the decision's `say`.
    pub message: Arc<str>,
}

impl DecisionTable {
    /// The text form of `baton compile`: one aligned line per row, readable by a support
    /// lead.
    pub fn to_text(&self) -> String {
        render::table_text(self)
    }
}

/// Compiles a checked policy. The only failure is a condition that expands to more rows
/// than [`MAX_ROWS_PER_RULE`].
pub fn compile(model: &Model) -> Result<DecisionTable, Vec<CompileError>> {
    let mut builder = Builder {
        model,
        columns: Vec::new(),
    };
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (rule_id, rule) in model.rules.iter().enumerate() {
        match builder.dnf(&rule.when, false) {
            Ok(conjunctions) => rows.extend(conjunctions.into_iter().map(|mut cells| {
                cells.sort_by_key(|(column, _)| *column);
                Row {
                    rule: rule_id,
                    cells,
                }
            })),
            Err(TooMany) => errors.push(CompileError::TooManyCases {
                rule: rule.name.clone(),
                limit: crate::diagnostic::thousands(MAX_ROWS_PER_RULE as u64),
                span: (rule.span.start, rule.span.end - rule.span.start).into(),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let fallback = |f: &crate::check::model::Fallback| FallbackSpec {
        mode: f.mode,
        message: f.message.as_str().into(),
    };
    Ok(DecisionTable {
        format: TABLE_FORMAT,
        policy: model.name.clone(),
        facts: model
            .facts
            .iter()
            .map(|f| FactSpec {
                name: f.name.as_str().into(),
                ty: f.ty.clone(),
                default: f.default.clone(),
            })
            .collect(),
        phrase_sets: model.phrase_sets.clone(),
        hours: model.hours.clone(),
        teams: model
            .teams
            .iter()
            .map(|t| TeamSpec {
                name: t.name.as_str().into(),
                skills: t.skills.clone(),
                hours: t.hours,
            })
            .collect(),
        signals: model.signals.clone(),
        columns: builder.columns,
        rows,
        rules: model
            .rules
            .iter()
            .map(|r| RuleSpec {
                name: r.name.as_str().into(),
                kind: r.kind,
                action: match &r.action {
                    Action::Stay => RuleAction::Stay,
                    Action::Escalate { targets, priority } => RuleAction::Escalate {
                        targets: targets.clone(),
                        priority: *priority,
                    },
                },
                say: r.say.as_deref().map(Arc::from),
                reason: r.reason_text().into(),
                own_reason: r.reason.as_deref().map(Arc::from),
                offline: r.offline.as_ref().map(fallback),
                when: r.when_text.clone(),
            })
            .collect(),
        offline: model.offline.as_ref().map(fallback),
        handoff: model.handoff.clone(),
    })
}

/// The cells one test of a condition compiles to, as alternatives (it holds when any
/// does), on the columns given; a column not among them is added after them. This is
/// how `explain` tells whether a test held with the very cells the table uses.
pub fn test_cells(model: &Model, columns: &[Column], test: &Test) -> Vec<(usize, Cell)> {
    let mut builder = Builder {
        model,
        columns: columns.to_vec(),
    };
    builder.test(test)
}

/// A condition that would need more rows than allowed.
struct TooMany;

type Conjunction = Vec<(usize, Cell)>;

struct Builder<'a> {
    model: &'a Model,
    columns: Vec<Column>,
}

impl Builder<'_> {
    fn column(&mut self, column: Column) -> usize {
        match self.columns.iter().position(|c| *c == column) {
            Some(i) => i,
            None => {
                self.columns.push(column);
                self.columns.len() - 1
            }
        }
    }

    /// How many choices the enumeration in a column has (0 for other columns).
    #[expect(
        clippy::indexing_slicing,
        reason = "columns are positions returned by `Builder::column`, and fact ids come from the checked model"
    )]
    fn choices(&self, column: usize) -> usize {
        match self.columns[column] {
            Column::Fact(f) => match &self.model.facts[f].ty {
                Type::Choice(values) => values.len(),
                _ => 0,
            },
            _ => 0,
        }
    }

    /// The rows of `expr` (of `not expr` when `negated`): an empty list never holds.
    fn dnf(&mut self, expr: &Expr, negated: bool) -> Result<Vec<Conjunction>, TooMany> {
        match (expr, negated) {
            (Expr::Not(inner), _) => self.dnf(inner, !negated),
            (Expr::Or(children), false) | (Expr::And(children), true) => {
                let mut out = Vec::new();
                for child in children {
                    out.extend(self.dnf(child, negated)?);
                    if out.len() > MAX_ROWS_PER_RULE {
                        return Err(TooMany);
                    }
                }
                Ok(out)
            }
            (Expr::And(children), false) | (Expr::Or(children), true) => {
                let mut out: Vec<Conjunction> = vec![Vec::new()];
                for child in children {
                    let rows = self.dnf(child, negated)?;
                    if out.len().saturating_mul(rows.len()) > MAX_ROWS_PER_RULE {
                        return Err(TooMany);
                    }
                    let mut next = Vec::with_capacity(out.len() * rows.len());
                    for left in &out {
                        for right in &rows {
                            if let Some(both) = conjoin(left, right) {
                                next.push(both);
                            }
                        }
                    }
                    out = next;
                }
                Ok(out)
            }
            (Expr::Test(test, _), _) => {
                let alternatives = self.test(test);
                if !negated {
                    return Ok(alternatives
                        .into_iter()
                        .filter(|(_, cell)| !cell.is_empty())
                        .map(|cell| vec![cell])
                        .collect());
                }
                // not (a or b) = not a and not b: one row of complements.
                let mut row: Conjunction = Vec::new();
                for (column, cell) in alternatives {
                    let complement = cell.complement(self.choices(column));
                    match conjoin(&row, &[(column, complement)]) {
                        Some(r) => row = r,
                        None => return Ok(Vec::new()),
                    }
                }
                if row.iter().any(|(_, c)| c.is_empty()) {
                    return Ok(Vec::new());
                }
                Ok(vec![row])
            }
        }
    }

    /// A test as alternatives: it holds when any of these cells holds.
    fn test(&mut self, test: &Test) -> Vec<(usize, Cell)> {
        match test {
            Test::Compare { operand, op, value } => {
                let column = self.operand(*operand);
                vec![(column, compare_cell(*op, value, self.choices(column)))]
            }
            Test::In {
                operand,
                negated,
                values,
            } => {
                let column = self.operand(*operand);
                if let Some(Value::Bool(_)) = values.first() {
                    // A yes/no value in a list: one alternative per value it may take.
                    return [true, false]
                        .into_iter()
                        .filter(|b| values.contains(&Value::Bool(*b)) != *negated)
                        .map(|b| (column, Cell::Is(b)))
                        .collect();
                }
                let cell = in_cell(values);
                let cell = if *negated {
                    cell.complement(self.choices(column))
                } else {
                    cell
                };
                vec![(column, cell)]
            }
            Test::Mentions { scope, sets } => sets
                .iter()
                .map(|&set| {
                    let column = self.column(Column::Mentions { scope: *scope, set });
                    (column, Cell::Is(true))
                })
                .collect(),
            Test::Within(hours) => vec![(self.column(Column::Within(*hours)), Cell::Is(true))],
            Test::Flag(fact) => vec![(self.column(Column::Fact(*fact)), Cell::Is(true))],
        }
    }

    fn operand(&mut self, operand: Operand) -> usize {
        match operand {
            Operand::Fact(f) => self.column(Column::Fact(f)),
            Operand::Signal(signal) => {
                let index = self
                    .model
                    .signals
                    .iter()
                    .position(|s| *s == signal)
                    .unwrap_or(0);
                self.column(Column::Signal(index))
            }
        }
    }
}

/// The conjunction of two rows, merging cells of the same column; `None` when they
/// contradict each other.
fn conjoin(left: &[(usize, Cell)], right: &[(usize, Cell)]) -> Option<Conjunction> {
    let mut out: Conjunction = left.to_vec();
    for (column, cell) in right {
        match out.iter_mut().find(|(c, _)| c == column) {
            Some((_, existing)) => *existing = existing.intersect(cell)?,
            None => out.push((*column, cell.clone())),
        }
    }
    Some(out)
}

fn point(value: f64) -> Interval {
    let b = Some(Bound {
        value,
        inclusive: true,
    });
    Interval { low: b, high: b }
}

fn compare_cell(op: CmpOp, value: &Value, choices: usize) -> Cell {
    let equal = in_cell(std::slice::from_ref(value));
    match (op, value) {
        (CmpOp::Eq, _) => equal,
        (CmpOp::Ne, _) => equal.complement(choices),
        (_, Value::Number(v)) => {
            let b = |inclusive| {
                Some(Bound {
                    value: *v,
                    inclusive,
                })
            };
            let interval = match op {
                CmpOp::Lt => Interval {
                    low: None,
                    high: b(false),
                },
                CmpOp::Le => Interval {
                    low: None,
                    high: b(true),
                },
                CmpOp::Gt => Interval {
                    low: b(false),
                    high: None,
                },
                _ => Interval {
                    low: b(true),
                    high: None,
                },
            };
            Cell::Range(vec![interval])
        }
        // The checker allows order comparisons on numbers only.
        _ => equal,
    }
}

/// The cell that holds for exactly these values (all of one type).
fn in_cell(values: &[Value]) -> Cell {
    match values.first() {
        Some(Value::Number(_)) => {
            let mut points: Vec<f64> = values
                .iter()
                .filter_map(|v| match v {
                    Value::Number(n) => Some(*n),
                    _ => None,
                })
                .collect();
            points.sort_by(f64::total_cmp);
            points.dedup();
            Cell::Range(points.into_iter().map(point).collect())
        }
        Some(Value::Choice(_)) => {
            let mut choices: Vec<usize> = values
                .iter()
                .filter_map(|v| match v {
                    Value::Choice(c) => Some(*c),
                    _ => None,
                })
                .collect();
            choices.sort_unstable();
            choices.dedup();
            Cell::Choices(choices)
        }
        // A yes/no value is compared with one literal at a time (see `test`).
        Some(Value::Bool(b)) => Cell::Is(*b),
        Some(Value::Text(_)) | None => {
            let mut texts: Vec<String> = Vec::new();
            for v in values {
                if let Value::Text(t) = v
                    && !texts.contains(t)
                {
                    texts.push(t.clone());
                }
            }
            Cell::Text {
                values: texts,
                negated: false,
            }
        }
    }
}
