//! A policy's own `test` blocks (design section 3.9) as requests, and their
//! expectations checked against decisions. `baton test` and the tests of the shipped
//! examples both use this.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::{Decision, Message, Outcome, Request, TeamStatus};
use crate::check::model::{Action, Model, TargetRef, TestDef, Type, Value};

/// The request a test describes: its facts, its messages at their times, the
/// availability and waiting counts it gives, and its actions. With no messages, `now`
/// is the test's `at`.
pub fn request_for(model: &Model, test: &TestDef) -> Request {
    let facts = test
        .facts
        .iter()
        .filter_map(|(id, value)| {
            let fact = model.facts.get(*id)?;
            let json = match (value, &fact.ty) {
                (Value::Number(n), _) => Json::from(*n),
                (Value::Bool(b), _) => Json::Bool(*b),
                (Value::Text(t), _) => Json::String(t.clone()),
                (Value::Choice(c), Type::Choice(values)) => Json::String(values.get(*c)?.clone()),
                (Value::Choice(_), _) => return None,
            };
            Some((fact.name.clone(), json))
        })
        .collect();
    let mut teams: BTreeMap<String, TeamStatus> = BTreeMap::new();
    for (id, n) in &test.available {
        if let Some(team) = model.teams.get(*id) {
            teams.entry(team.name.clone()).or_default().available = Some(*n);
        }
    }
    for (id, n) in &test.waiting {
        if let Some(team) = model.teams.get(*id) {
            teams.entry(team.name.clone()).or_default().waiting = Some(*n);
        }
    }
    Request {
        now: test.messages.is_empty().then_some(test.at),
        facts,
        messages: test
            .messages
            .iter()
            .map(|m| Message {
                from: m.from,
                text: m.text.as_str().into(),
                at: m.at,
            })
            .collect(),
        actions: test.actions.iter().map(|a| a.as_str().into()).collect(),
        teams,
    }
}

/// The rules that would give what `test` expects, in the order they are tried: the
/// rule of its `by`; else, when it expects an escalation, every rule that escalates to
/// its team (by name, or by a skill the team has) with its priority, if it names them.
/// Empty for a `stay` expected without `by`, which needs no rule to hold.
pub fn rules_expected(model: &Model, test: &TestDef) -> Vec<usize> {
    let expect = &test.expect;
    if let Some(rule) = expect.rule {
        return vec![rule];
    }
    if !expect.escalate {
        return Vec::new();
    }
    model
        .rules
        .iter()
        .enumerate()
        .filter(|(_, rule)| match &rule.action {
            Action::Stay => false,
            Action::Escalate { targets, priority } => {
                let team = expect.team.is_none_or(|team| {
                    targets.iter().any(|target| match target {
                        TargetRef::Team(id) => *id == team,
                        TargetRef::Skill { teams, .. } => teams.contains(&team),
                    })
                });
                team && expect.priority.is_none_or(|p| p == *priority)
            }
        })
        .map(|(at, _)| at)
        .collect()
}

/// What in the decision differs from the test's `expect` line, in a support lead's
/// words; empty when the test passes.
pub fn mismatches(model: &Model, test: &TestDef, decision: &Decision) -> Vec<String> {
    let expect = &test.expect;
    let mut out = Vec::new();
    let outcome = if expect.escalate {
        Outcome::Escalate
    } else {
        Outcome::Stay
    };
    let word = |o: Outcome| match o {
        Outcome::Stay => "stay",
        Outcome::Escalate => "escalate",
    };
    if decision.outcome != outcome {
        out.push(format!(
            "expected {}, got {}",
            word(outcome),
            word(decision.outcome)
        ));
    }
    if let Some(team) = expect.team.and_then(|t| model.teams.get(t))
        && decision.team.as_deref() != Some(team.name.as_str())
    {
        out.push(format!(
            "expected team {}, got {}",
            team.name,
            decision.team.as_deref().unwrap_or("no team")
        ));
    }
    if let Some(priority) = expect.priority
        && decision.priority != Some(priority)
    {
        out.push(format!(
            "expected priority {}, got {}",
            priority.name(),
            decision.priority.map_or("none", |p| p.name())
        ));
    }
    if let Some(via) = expect.via
        && decision.handoff != Some(via)
    {
        let name = |h: crate::check::model::Handoff| h.name();
        out.push(format!(
            "expected handoff via {}, got {}",
            name(via),
            decision.handoff.map_or("none", name)
        ));
    }
    if let Some(rule) = expect.rule.and_then(|r| model.rules.get(r))
        && decision.rule.as_deref() != Some(rule.name.as_str())
    {
        out.push(format!(
            "expected rule {}, got {}",
            rule.name,
            decision.rule.as_deref().unwrap_or("no rule")
        ));
    }
    out
}

/// The `expect` line of a test, as a support lead would read it back:
/// `escalate to billing priority high via ticket by vip_billing`.
pub fn expected_text(model: &Model, test: &TestDef) -> String {
    let e = &test.expect;
    let mut out = String::from(if e.escalate { "escalate" } else { "stay" });
    if let Some(team) = e.team.and_then(|t| model.teams.get(t)) {
        out.push_str(&format!(" to {}", team.name));
    }
    if let Some(p) = e.priority {
        out.push_str(&format!(" priority {}", p.name()));
    }
    if let Some(via) = e.via {
        out.push_str(&format!(" via {}", via.name()));
    }
    if let Some(rule) = e.rule.and_then(|r| model.rules.get(r)) {
        out.push_str(&format!(" by {}", rule.name));
    }
    out
}

/// A decision in the words of an `expect` line, complete:
/// `escalate to tier1 priority normal via live by frustrated`, or `stay (no rule held)`.
pub fn decision_text(decision: &Decision) -> String {
    let mut out = String::new();
    match decision.outcome {
        Outcome::Stay => out.push_str("stay"),
        Outcome::Escalate => out.push_str("escalate"),
    }
    if let Some(team) = &decision.team {
        out.push_str(&format!(" to {team}"));
    }
    if let Some(p) = decision.priority {
        out.push_str(&format!(" priority {}", p.name()));
    }
    if let Some(h) = decision.handoff {
        out.push_str(&format!(" via {}", h.name()));
    }
    match &decision.rule {
        Some(rule) => out.push_str(&format!(" by {rule}")),
        None => out.push_str(" (no rule held)"),
    }
    out
}

/// What running one test gave.
#[derive(Clone, Debug)]
pub struct TestResult {
    /// The index of the test in [`Model::tests`].
    pub test: usize,
    /// The decision, or why the test's request was refused.
    pub decision: Result<Decision, super::RequestError>,
    /// What differs from the `expect` line; empty when the test passes.
    pub mismatches: Vec<String>,
}

impl TestResult {
    /// Whether the request was accepted and the decision is what `expect` says.
    pub fn passed(&self) -> bool {
        self.decision.is_ok() && self.mismatches.is_empty()
    }
}

/// Which rules the tests reach (their condition held) and decide.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coverage {
    /// Per rule: whether some test's request makes its condition hold.
    pub reached: Vec<bool>,
    /// Per rule: whether some test is decided by it.
    pub decided: Vec<bool>,
}

/// The coverage of a policy's rules by these results.
pub fn coverage(model: &Model, results: &[TestResult]) -> Coverage {
    let decisions: Vec<&Decision> = results
        .iter()
        .filter_map(|r| r.decision.as_ref().ok())
        .collect();
    Coverage {
        reached: model
            .rules
            .iter()
            .map(|rule| {
                decisions
                    .iter()
                    .any(|d| d.matched.iter().any(|m| **m == *rule.name))
            })
            .collect(),
        decided: model
            .rules
            .iter()
            .map(|rule| {
                decisions
                    .iter()
                    .any(|d| d.rule.as_deref() == Some(rule.name.as_str()))
            })
            .collect(),
    }
}
