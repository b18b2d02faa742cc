//! What `baton explain` shows: for every test in every rule's condition, the value it
//! saw and whether it held, with the test's place in the source.

use super::{Evaluation, Val};
use crate::check::model::{Expr, HoursRef, Model, Operand, Test, Type, Value, format_duration};
use crate::compile::{Column, DecisionTable};
use crate::syntax::ast::{CmpOp, Scope, Span};

/// One test of a condition, as evaluated.
#[derive(Clone, Debug, PartialEq)]
pub struct Seen {
    pub span: Span,
    /// The value the test looked at, in the policy's words (`tier is standard`).
    pub seen: String,
    pub held: bool,
}

/// Every test of one rule's condition, in the order of the source.
pub fn tests_seen(
    model: &Model,
    table: &DecisionTable,
    evaluation: &Evaluation<'_>,
    rule: usize,
) -> Vec<Seen> {
    let mut out = Vec::new();
    if let Some(rule) = model.rules.get(rule) {
        walk(&rule.when, model, table, evaluation, &mut out);
    }
    out.sort_by_key(|s| s.span.start);
    out
}

fn walk(
    expr: &Expr,
    model: &Model,
    table: &DecisionTable,
    ev: &Evaluation<'_>,
    out: &mut Vec<Seen>,
) {
    match expr {
        Expr::Or(children) | Expr::And(children) => {
            for c in children {
                walk(c, model, table, ev, out);
            }
        }
        Expr::Not(inner) => walk(inner, model, table, ev, out),
        Expr::Test(test, span) => {
            let (seen, held) = test_seen(test, model, table, ev);
            out.push(Seen {
                span: *span,
                seen,
                held,
            });
        }
    }
}

fn test_seen(
    test: &Test,
    model: &Model,
    table: &DecisionTable,
    ev: &Evaluation<'_>,
) -> (String, bool) {
    match test {
        Test::Compare { operand, op, value } => {
            let (name, ty, val) = operand_value(*operand, model, table, ev);
            let held = compare(val, *op, value);
            (format!("{name} is {}", show(&ty, val)), held)
        }
        Test::In {
            operand,
            negated,
            values,
        } => {
            let (name, ty, val) = operand_value(*operand, model, table, ev);
            let inside = values.iter().any(|v| compare(val, CmpOp::Eq, v));
            (format!("{name} is {}", show(&ty, val)), inside != *negated)
        }
        Test::Mentions { scope, sets } => {
            let found: Vec<&str> = sets
                .iter()
                .filter(|&&set| {
                    column(table, ev, Column::Mentions { scope: *scope, set })
                        == Some(Val::Bool(true))
                })
                .map(|&set| model.phrase_sets[set].name.as_str())
                .collect();
            let place = match scope {
                Scope::Message => "the latest message",
                Scope::Conversation => "the conversation",
            };
            if found.is_empty() {
                let names: Vec<&str> = sets
                    .iter()
                    .map(|&set| model.phrase_sets[set].name.as_str())
                    .collect();
                (
                    format!("no phrase of {} in {place}", names.join(" or ")),
                    false,
                )
            } else {
                (format!("{place} mentions {}", found.join(", ")), true)
            }
        }
        Test::Within(hours) => {
            let open = column(table, ev, Column::Within(*hours)) == Some(Val::Bool(true));
            let name = match hours {
                HoursRef::Always => "always",
                HoursRef::Named(h) => model.hours[*h].name.as_str(),
            };
            let seen = if open {
                format!("{name}: open now")
            } else {
                format!("{name}: closed now")
            };
            (seen, open)
        }
        Test::Flag(fact) => {
            let val = ev.facts.get(*fact).copied().unwrap_or(Val::Bool(false));
            let name = &model.facts[*fact].name;
            (
                format!("{name} is {}", show(&Type::Bool, val)),
                val == Val::Bool(true),
            )
        }
    }
}

fn column(table: &DecisionTable, ev: &Evaluation<'_>, wanted: Column) -> Option<Val<'static>> {
    let i = table.columns.iter().position(|c| *c == wanted)?;
    match ev.columns.get(i)? {
        Val::Bool(b) => Some(Val::Bool(*b)),
        _ => None,
    }
}

fn operand_value<'e>(
    operand: Operand,
    model: &Model,
    table: &DecisionTable,
    ev: &Evaluation<'e>,
) -> (String, Type, Val<'e>) {
    match operand {
        Operand::Fact(f) => (
            model.facts[f].name.clone(),
            model.facts[f].ty.clone(),
            ev.facts.get(f).copied().unwrap_or(Val::Num(f64::NAN)),
        ),
        Operand::Signal(s) => {
            let value = table
                .signals
                .iter()
                .position(|x| *x == s)
                .and_then(|i| ev.signals.get(i))
                .copied()
                .unwrap_or(f64::NAN);
            (s.key(), s.ty(), Val::Num(value))
        }
    }
}

fn compare(val: Val<'_>, op: CmpOp, literal: &Value) -> bool {
    match (val, literal) {
        (Val::Num(x), Value::Number(y)) => match op {
            CmpOp::Lt => x < *y,
            CmpOp::Le => x <= *y,
            CmpOp::Gt => x > *y,
            CmpOp::Ge => x >= *y,
            CmpOp::Eq => x == *y,
            CmpOp::Ne => x != *y,
        },
        (Val::Bool(a), Value::Bool(b)) => (a == *b) == (op == CmpOp::Eq),
        (Val::Text(a), Value::Text(b)) => (a == b) == (op == CmpOp::Eq),
        (Val::Choice(a), Value::Choice(b)) => (a == *b) == (op == CmpOp::Eq),
        _ => false,
    }
}

/// A value in the policy's words.
pub fn show(ty: &Type, val: Val<'_>) -> String {
    match (ty, val) {
        (Type::Percent, Val::Num(x)) => format!("{}%", (x * 100.0 * 1e6).round() / 1e6),
        (Type::Duration, Val::Num(x)) => format_duration(x),
        (_, Val::Num(x)) => format!("{x}"),
        (_, Val::Bool(b)) => if b { "true" } else { "false" }.into(),
        (_, Val::Text(t)) => format!("{:?}", crate::text::cards::mask_cards(t)),
        (Type::Choice(values), Val::Choice(c)) => values.get(c).cloned().unwrap_or_default(),
        (_, Val::Choice(c)) => c.to_string(),
    }
}
