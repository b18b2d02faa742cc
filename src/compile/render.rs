//! The text form of a decision table (`baton compile`): one line per row, its cells in
//! the policy's own words, aligned so a support lead can read down the columns.

use std::fmt::Write;

use super::{Cell, Column, DecisionTable, Interval, RuleAction};
use crate::check::model::{HoursRef, Priority, TargetRef, Type, format_duration};
use crate::diagnostic::plural;
use crate::syntax::ast::Scope;

pub fn table_text(table: &DecisionTable) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "policy \"{}\": {}, {}, {}",
        table.policy,
        plural(table.rules.len(), "rule"),
        plural(table.rows.len(), "row"),
        plural(table.columns.len(), "column")
    );
    let mut lines: Vec<[String; 5]> = vec![[
        "row".into(),
        "rule".into(),
        "kind".into(),
        "when".into(),
        "then".into(),
    ]];
    for (i, row) in table.rows.iter().enumerate() {
        // A table read from JSON is only sure to fit together once validated; an
        // unvalidated one is still printed, without the rows that do not fit.
        let Some(rule) = table.rules.get(row.rule) else {
            continue;
        };
        let when = if row.cells.is_empty() {
            "always".to_string()
        } else {
            row.cells
                .iter()
                .map(|(column, cell)| cell_text(table, *column, cell))
                .collect::<Vec<_>>()
                .join(" and ")
        };
        lines.push([
            (i + 1).to_string(),
            rule.name.to_string(),
            rule.kind.map_or("-", |k| k.name()).to_string(),
            when,
            action_text(table, &rule.action),
        ]);
    }
    let never: Vec<&str> = table
        .rules
        .iter()
        .enumerate()
        .filter(|(id, _)| !table.rows.iter().any(|r| r.rule == *id))
        .map(|(_, r)| &*r.name)
        .collect();
    let mut widths = [0usize; 5];
    for line in &lines {
        for (w, cell) in widths.iter_mut().zip(line) {
            *w = (*w).max(cell.chars().count());
        }
    }
    out.push('\n');
    for line in &lines {
        let mut text = String::new();
        for (k, (cell, w)) in line.iter().zip(widths).enumerate() {
            if k == 4 {
                text.push_str(cell);
            } else {
                let _ = write!(text, "{cell:<w$}  ");
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out.push_str("\nwhen no row holds: stay\n");
    if !never.is_empty() {
        let _ = writeln!(
            out,
            "rules with no row (their condition can never hold): {}",
            never.join(", ")
        );
    }
    out
}

fn column_name(table: &DecisionTable, column: usize) -> String {
    let missing = || "?".to_string();
    match table.columns.get(column) {
        None => missing(),
        Some(Column::Fact(f)) => table
            .facts
            .get(*f)
            .map_or_else(missing, |f| f.name.to_string()),
        Some(Column::Signal(s)) => table.signals.get(*s).map_or_else(missing, |s| s.key()),
        Some(Column::Mentions { scope, set }) => format!(
            "{} mentions {}",
            match scope {
                Scope::Message => "message",
                Scope::Conversation => "conversation",
            },
            table.phrase_sets.get(*set).map_or("?", |p| p.name.as_str())
        ),
        Some(Column::Within(HoursRef::Always)) => "within always".into(),
        Some(Column::Within(HoursRef::Named(h))) => format!(
            "within {}",
            table.hours.get(*h).map_or("?", |h| h.name.as_str())
        ),
    }
}

/// The type of the values in a column, to write numbers in their unit.
fn column_type(table: &DecisionTable, column: usize) -> Type {
    match table.columns.get(column) {
        Some(Column::Fact(f)) => table.facts.get(*f).map_or(Type::Number, |f| f.ty.clone()),
        Some(Column::Signal(s)) => table.signals.get(*s).map_or(Type::Number, |s| s.ty()),
        _ => Type::Bool,
    }
}

fn number(ty: &Type, value: f64) -> String {
    match ty {
        Type::Percent => format!("{}%", (value * 100.0 * 1e9).round() / 1e9),
        Type::Duration => format_duration(value),
        _ => format!("{value}"),
    }
}

fn cell_text(table: &DecisionTable, column: usize, cell: &Cell) -> String {
    let name = column_name(table, column);
    let ty = column_type(table, column);
    match cell {
        Cell::Is(true) => name,
        Cell::Is(false) => format!("not {name}"),
        Cell::Range(intervals) => {
            let parts: Vec<String> = intervals
                .iter()
                .map(|i| interval_text(&name, &ty, i))
                .collect();
            match parts.len() {
                0 => format!("{name} is nothing"),
                1 => parts.concat(),
                _ => format!("({})", parts.join(" or ")),
            }
        }
        Cell::Choices(choices) => {
            let words: Vec<&str> = match &ty {
                Type::Choice(values) => choices
                    .iter()
                    .filter_map(|c| values.get(*c).map(String::as_str))
                    .collect(),
                _ => Vec::new(),
            };
            if let [only] = words.as_slice() {
                format!("{name} is {only}")
            } else {
                format!("{name} in [{}]", words.join(", "))
            }
        }
        Cell::Text { values, negated } => {
            let list: Vec<String> = values.iter().map(|v| crate::text::quoted(v)).collect();
            let not = if *negated { "not " } else { "" };
            format!("{name} {not}in [{}]", list.join(", "))
        }
    }
}

fn interval_text(name: &str, ty: &Type, i: &Interval) -> String {
    match (i.low, i.high) {
        (None, None) => format!("{name} is anything"),
        (Some(l), Some(h)) if l.value == h.value => format!("{name} == {}", number(ty, l.value)),
        (Some(l), None) => {
            let op = if l.inclusive { ">=" } else { ">" };
            format!("{name} {op} {}", number(ty, l.value))
        }
        (None, Some(h)) => {
            let op = if h.inclusive { "<=" } else { "<" };
            format!("{name} {op} {}", number(ty, h.value))
        }
        (Some(l), Some(h)) => {
            let lo = if l.inclusive { "<=" } else { "<" };
            let hi = if h.inclusive { "<=" } else { "<" };
            format!(
                "{} {lo} {name} {hi} {}",
                number(ty, l.value),
                number(ty, h.value)
            )
        }
    }
}

fn action_text(table: &DecisionTable, action: &RuleAction) -> String {
    match action {
        RuleAction::Stay => "stay".into(),
        RuleAction::Escalate { targets, priority } => {
            let names: Vec<String> = targets
                .iter()
                .map(|t| match t {
                    TargetRef::Team(id) => table
                        .teams
                        .get(*id)
                        .map_or_else(|| "?".to_string(), |t| t.name.to_string()),
                    TargetRef::Skill { name, .. } => format!("skill {name}"),
                })
                .collect();
            let mut text = format!("escalate to {}", names.join(" or "));
            if *priority != Priority::Normal {
                let _ = write!(text, " priority {}", priority.name());
            }
            text
        }
    }
}
