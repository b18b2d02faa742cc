//! The values a fact or a signal can take, and the comparisons no such value passes:
//! `sentiment < -1.5`, `repeats < 0`, `confidence < 0%`. Such a test is a mistake
//! whatever else the condition says, so it is reported on its own (`never-true`), or
//! named in the `never-matches` warning of a rule it keeps from ever matching.

use crate::check::model::{Expr, Model, Operand, Signal, Test, Type, Value};
use crate::syntax::ast::{CmpOp, Span};

/// The numbers a value can take: from `low` up to `high` (none: no end), only whole
/// ones when `whole`.
struct Range {
    low: f64,
    high: Option<f64>,
    whole: bool,
}

impl Range {
    /// Whether some value of the range passes `value OP literal`.
    fn admits(&self, op: CmpOp, literal: f64) -> bool {
        let below_high = |strict: bool| {
            self.high
                .is_none_or(|h| if strict { h > literal } else { h >= literal })
        };
        match op {
            CmpOp::Lt => self.low < literal,
            CmpOp::Le => self.low <= literal,
            CmpOp::Gt => below_high(true),
            CmpOp::Ge => below_high(false),
            CmpOp::Eq => {
                self.low <= literal && below_high(false) && (!self.whole || literal.fract() == 0.0)
            }
            // Every range here holds more than one value.
            CmpOp::Ne => true,
        }
    }
}

/// A test of a rule's condition that no request passes, with what to tell its author.
pub struct Dead {
    pub span: Span,
    /// Why, in a few words: "`sentiment` runs from -1 to 1".
    pub why: String,
    /// How to mend it, with an example.
    pub help: String,
}

/// The numbers `operand` can take, why, and a test it can pass; `None` for a value
/// that can be any number.
fn range_of(model: &Model, operand: Operand) -> Option<(Range, String, String)> {
    let counts = |name: &str, what: &str| {
        Some((
            Range {
                low: 0.0,
                high: None,
                whole: true,
            },
            format!("`{name}` counts {what}: 0, 1, 2 and so on"),
            format!("compare `{name}` with a whole number from 0 up, such as `{name} >= 2`"),
        ))
    };
    let duration = |name: &str| {
        Some((
            Range {
                low: 0.0,
                high: None,
                whole: false,
            },
            format!("`{name}` is a duration, never below 0s"),
            format!("compare `{name}` with a duration, such as `{name} > 10m`"),
        ))
    };
    match operand {
        Operand::Fact(f) => {
            let fact = model.facts.get(f)?;
            let name = fact.name.as_str();
            match fact.ty {
                Type::Percent => Some((
                    Range {
                        low: 0.0,
                        high: Some(1.0),
                        whole: false,
                    },
                    format!("`{name}` is a percent, from 0% to 100%"),
                    format!(
                        "compare `{name}` with a percent from 0% to 100%, such as `{name} < 60%`"
                    ),
                )),
                Type::Duration => duration(name),
                _ => None,
            }
        }
        Operand::Signal(signal) => {
            let key = signal.key();
            match signal {
                Signal::Sentiment => Some((
                    Range {
                        low: -1.0,
                        high: Some(1.0),
                        whole: false,
                    },
                    "`sentiment` runs from -1 to 1".to_string(),
                    "`sentiment` scores the latest customer message from -1 (most negative) to 1 \
                     (most positive): compare it with a number in that range, such as \
                     `sentiment <= -0.6`"
                        .to_string(),
                )),
                Signal::Repeats => counts(&key, "repeated messages"),
                Signal::BotLoops => counts(&key, "repeated bot answers"),
                Signal::Burst(_) => counts(&key, "messages"),
                Signal::Turns => counts(&key, "messages"),
                Signal::Elapsed => duration(&key),
            }
        }
    }
}

/// The tests of `expr` that no request passes, in the order of the text.
pub fn dead_tests(model: &Model, expr: &Expr) -> Vec<Dead> {
    let mut out = Vec::new();
    collect(model, expr, &mut out);
    out
}

fn collect(model: &Model, expr: &Expr, out: &mut Vec<Dead>) {
    match expr {
        Expr::Or(list) | Expr::And(list) => list.iter().for_each(|e| collect(model, e, out)),
        Expr::Not(e) => collect(model, e, out),
        Expr::Test(
            Test::Compare {
                operand,
                op,
                value: Value::Number(literal),
            },
            span,
        ) => {
            if let Some((range, why, help)) = range_of(model, *operand)
                && !range.admits(*op, *literal)
            {
                out.push(Dead {
                    span: *span,
                    why,
                    help,
                });
            }
        }
        Expr::Test(..) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_admits_exactly_the_comparisons_some_value_passes() {
        let sentiment = Range {
            low: -1.0,
            high: Some(1.0),
            whole: false,
        };
        assert!(!sentiment.admits(CmpOp::Lt, -1.0));
        assert!(sentiment.admits(CmpOp::Le, -1.0));
        assert!(!sentiment.admits(CmpOp::Gt, 1.0));
        assert!(sentiment.admits(CmpOp::Ge, 1.0));
        assert!(!sentiment.admits(CmpOp::Eq, 1.5));
        assert!(sentiment.admits(CmpOp::Eq, 0.25));
        let count = Range {
            low: 0.0,
            high: None,
            whole: true,
        };
        assert!(!count.admits(CmpOp::Lt, 0.0));
        assert!(count.admits(CmpOp::Lt, 0.5));
        assert!(count.admits(CmpOp::Gt, 1e9));
        assert!(!count.admits(CmpOp::Eq, 1.5));
        assert!(count.admits(CmpOp::Eq, 2.0));
        assert!(count.admits(CmpOp::Ne, 0.0));
    }
}
