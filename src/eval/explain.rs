//! What `baton explain` shows: for every test in every rule's condition, the value it
//! saw and whether it held, with the test's place in the source.

use super::{Evaluation, Val};
use crate::check::model::{Expr, HoursRef, Model, Operand, Test, Type, format_duration};
use crate::compile::{Column, DecisionTable, test_cells};
use crate::syntax::ast::{Scope, Span};

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

#[expect(
    clippy::indexing_slicing,
    reason = "the cells and columns come from the model the table was compiled from, and the evaluation has one value per column and per fact"
)]
fn test_seen(
    test: &Test,
    model: &Model,
    table: &DecisionTable,
    ev: &Evaluation<'_>,
) -> (String, bool) {
    // Whether it held: by the cells the table uses for it, on the values decided with.
    let held = test_cells(model, &table.columns, test)
        .iter()
        .any(|(c, cell)| ev.columns.get(*c).is_some_and(|v| cell.holds(*v)));
    let seen = match test {
        Test::Compare { operand, .. } | Test::In { operand, .. } => {
            let (name, ty, val) = operand_value(*operand, model, table, ev);
            format!("{name} is {}", show(&ty, val))
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
                format!("no phrase of {} in {place}", names.join(" or "))
            } else {
                format!("{place} mentions {}", found.join(", "))
            }
        }
        Test::Within(hours) => {
            let name = match hours {
                HoursRef::Always => "always",
                HoursRef::Named(h) => model.hours[*h].name.as_str(),
            };
            let state = if held { "open" } else { "closed" };
            format!("{name}: {state} now")
        }
        Test::Flag(fact) => {
            let val = ev.facts.get(*fact).copied().unwrap_or(Val::Bool(false));
            format!("{} is {}", model.facts[*fact].name, show(&Type::Bool, val))
        }
    };
    (seen, held)
}

fn column(table: &DecisionTable, ev: &Evaluation<'_>, wanted: Column) -> Option<Val<'static>> {
    let i = table.columns.iter().position(|c| *c == wanted)?;
    match ev.columns.get(i)? {
        Val::Bool(b) => Some(Val::Bool(*b)),
        _ => None,
    }
}

#[expect(
    clippy::indexing_slicing,
    reason = "fact ids come from the model the table was compiled from, and the evaluation has one value per fact and per signal of that table"
)]
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
