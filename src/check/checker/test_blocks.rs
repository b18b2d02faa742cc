//! The checker's `test` blocks: their time, facts and messages, and what each expects.

use super::*;

impl Checker<'_> {
    pub(super) fn test(&mut self, t: &ast::Test) -> Option<TestDef> {
        let name = t.name.node.clone();
        let owner = format!("test `{name}`");
        let mut ok = true;
        let mut at_lines = Vec::new();
        let mut expects = Vec::new();
        let mut given: HashMap<FactId, Span> = HashMap::new();
        // The names of the facts the test writes, its values right or wrong.
        let mut written: Vec<String> = Vec::new();
        let mut facts = Vec::new();
        let mut messages = Vec::new();
        let mut available = Vec::new();
        let mut waiting = Vec::new();
        let mut actions = Vec::new();
        for line in &t.lines {
            match line {
                ast::TestLine::At(s) => at_lines.push(s),
                ast::TestLine::Expect(e) => expects.push(e),
                ast::TestLine::Facts(values, _) => {
                    for (fact, lit) in values {
                        written.push(fact.node.clone());
                        match self.test_fact(fact, lit) {
                            Some((id, v)) => {
                                if let Some(first) = given.insert(id, fact.span) {
                                    self.error(CheckError::DuplicateName {
                                        what: "fact value",
                                        name: fact.node.clone(),
                                        span: sp(fact.span),
                                        first: sp(first),
                                        help: Some("give each fact one value in a test".into()),
                                    });
                                    ok = false;
                                }
                                facts.push((id, v));
                            }
                            None => ok = false,
                        }
                    }
                }
                ast::TestLine::Message(m) => messages.push(m),
                ast::TestLine::Available(team, n) | ast::TestLine::Waiting(team, n) => {
                    let id = self.team_ref(team);
                    let count = self.count(n);
                    match (id, count) {
                        (Some(id), Some(count)) => {
                            if matches!(line, ast::TestLine::Available(..)) {
                                available.push((id, count));
                            } else {
                                waiting.push((id, count));
                            }
                        }
                        _ => ok = false,
                    }
                }
                ast::TestLine::Actions(list, _) => {
                    actions.extend(list.iter().map(|a| a.node.clone()));
                }
            }
        }
        for (what, spans) in [
            ("at", at_lines.iter().map(|a| a.span).collect::<Vec<_>>()),
            ("expect", expects.iter().map(|e| e.span).collect()),
        ] {
            if let [first, second, ..] = spans.as_slice() {
                self.error(CheckError::DuplicateLine {
                    owner: owner.clone(),
                    what,
                    span: sp(*second),
                    first: sp(*first),
                    help: Some(format!(
                        "a test has one `{what}` line; write another test for another case"
                    )),
                });
                ok = false;
            }
        }
        // Collected apart from `self.errors` so that the facts are read without a copy.
        let mut missing = Vec::new();
        for (id, fact) in self.fact_defs.iter().enumerate() {
            // A fact written with a wrong value has its own error already.
            if fact.default.is_none() && !given.contains_key(&id) && !written.contains(&fact.name) {
                let example = match &fact.ty {
                    Type::Percent => "90%".to_string(),
                    Type::Number => "1".to_string(),
                    Type::Bool => "true".to_string(),
                    Type::Text => "\"...\"".to_string(),
                    Type::Duration => "30s".to_string(),
                    Type::Choice(v) => v.first().cloned().unwrap_or_default(),
                };
                missing.push(CheckError::MissingFact {
                    test: name.clone(),
                    fact: fact.name.clone(),
                    span: sp(t.name.span),
                    help: Some(format!(
                        "every request must carry `{0}`; add it: `facts {{ {0}: {example} }}`, or give the fact a default in its declaration",
                        fact.name
                    )),
                });
            }
        }
        ok &= missing.is_empty();
        self.errors.extend(missing);

        let start = match at_lines.first() {
            Some(s) => match s.node.parse::<jiff::Timestamp>() {
                Ok(ts) => Some(ts),
                Err(_) => {
                    self.error(CheckError::InvalidTimestamp {
                        text: s.node.clone(),
                        span: sp(s.span),
                        reason: "expected a date, a time and an offset".into(),
                        help: timestamp_help(&s.node, &self.zones),
                    });
                    None
                }
            },
            None => DEFAULT_TEST_START.parse::<jiff::Timestamp>().ok(),
        };
        let mut msgs = Vec::new();
        if let Some(mut at) = start {
            for (i, m) in messages.iter().enumerate() {
                if i > 0 || m.after.is_some() {
                    let gap = m
                        .after
                        .as_ref()
                        .map_or(DEFAULT_TEST_GAP_SECONDS as f64, |a| a.node);
                    let next = jiff::SignedDuration::try_from_secs_f64(gap)
                        .ok()
                        .and_then(|d| at.checked_add(d).ok());
                    match next {
                        Some(next) => at = next,
                        None => {
                            let span = m.after.as_ref().map_or(m.span, |a| a.span);
                            self.error(CheckError::InvalidDuration {
                                text: self.source.get(span.range()).unwrap_or("").to_string(),
                                span: sp(span),
                                reason: "too long",
                                help: Some(
                                    "the gap between two messages must stay within a few years"
                                        .into(),
                                ),
                            });
                            ok = false;
                            break;
                        }
                    }
                }
                msgs.push(TestMessageDef {
                    from: m.from,
                    at,
                    text: m.text.node.clone(),
                });
            }
        }

        let expect = match expects.first() {
            None => {
                self.error(CheckError::MissingExpect {
                    test: name.clone(),
                    span: sp(t.name.span),
                });
                None
            }
            Some(e) => self.expect(e),
        };
        let (Some(at), Some(expect), true) = (start, expect, ok) else {
            return None;
        };
        Some(TestDef {
            name,
            at,
            facts,
            messages: msgs,
            available,
            waiting,
            actions,
            expect,
            span: t.name.span,
        })
    }

    fn test_fact(&mut self, fact: &ast::Ident, lit: &Spanned<Literal>) -> Option<(FactId, Value)> {
        if let Some(&id) = self.facts.get(&fact.node) {
            let ty = self.fact_defs.get(id)?.ty.clone();
            let v = self.literal(lit, &ty, &fact.node)?;
            return Some((id, v));
        }
        if Signal::NAMES.contains(&fact.node.as_str()) {
            self.error(CheckError::NotAFact {
                name: fact.node.clone(),
                span: sp(fact.span),
                help: Some(
                    "a test sets signals through its messages: add `customer \"...\"` lines".into(),
                ),
            });
            return None;
        }
        let help = did_you_mean(&fact.node, self.facts.keys().map(String::as_str))
            .unwrap_or_else(|| format!("declare it: `fact {}: text`", fact.node));
        self.error(CheckError::UnknownName {
            what: "fact",
            name: fact.node.clone(),
            span: sp(fact.span),
            help: Some(help),
        });
        None
    }

    fn count(&mut self, n: &Spanned<f64>) -> Option<u32> {
        let x = n.node;
        if x >= 0.0 && x.fract() == 0.0 && x <= f64::from(u32::MAX) {
            Some(x as u32)
        } else {
            self.error(CheckError::InvalidCount {
                text: self.source.get(n.span.range()).unwrap_or("").to_string(),
                span: sp(n.span),
            });
            None
        }
    }

    fn expect(&mut self, e: &ast::Expect) -> Option<ExpectDef> {
        let mut ok = true;
        let team = match &e.team {
            Some(t) => {
                let id = self.team_ref(t);
                ok &= id.is_some();
                id
            }
            None => None,
        };
        let priority = match &e.priority {
            Some(p) => {
                let p = self.priority(p);
                ok &= p.is_some();
                p
            }
            None => None,
        };
        let via = match &e.via {
            Some(v) => match Handoff::NAMES.iter().position(|n| *n == v.node) {
                Some(i) => [
                    Handoff::Live,
                    Handoff::Ticket,
                    Handoff::Callback,
                    Handoff::Queue,
                ]
                .get(i)
                .copied(),
                None => {
                    self.error(CheckError::UnknownHandoff {
                        name: v.node.clone(),
                        span: sp(v.span),
                        help: Some(did_you_mean(&v.node, Handoff::NAMES).unwrap_or_else(|| {
                            "the handoffs are `live`, `ticket`, `callback` and `queue`".into()
                        })),
                    });
                    ok = false;
                    None
                }
            },
            None => None,
        };
        let rule = match &e.rule {
            Some(r) => match self.rules.get(&r.node).copied() {
                Some((id, stays)) => {
                    if stays == e.escalate {
                        let (does, expected) = if stays {
                            ("stays with the bot", "escalate")
                        } else {
                            ("escalates", "stay")
                        };
                        self.error(CheckError::ImpossibleExpectation {
                            rule: r.node.clone(),
                            does,
                            expected,
                            span: sp(e.span),
                            help: Some(if stays {
                                format!("write `expect stay by {}`, or name the rule you expect to escalate", r.node)
                            } else {
                                format!("write `expect escalate by {}`, or name the stay rule you expect", r.node)
                            }),
                        });
                        ok = false;
                    }
                    Some(id)
                }
                None => {
                    let names: Vec<&str> = self.rules.keys().map(String::as_str).collect();
                    self.error(CheckError::UnknownName {
                        what: "rule",
                        name: r.node.clone(),
                        span: sp(r.span),
                        help: Some(
                            did_you_mean(&r.node, names.iter().copied()).unwrap_or_else(|| {
                                "name one of the policy's rules after `by`".into()
                            }),
                        ),
                    });
                    ok = false;
                    None
                }
            },
            None => None,
        };
        ok.then_some(ExpectDef {
            escalate: e.escalate,
            team,
            priority,
            via,
            rule,
            span: e.span,
        })
    }
}

/// The help for a test's `at` that is no timestamp. A date and time without an offset
/// (the commonest slip) gets the offset it has in the policy's one time zone, computed
/// for that date (so `-05:00` in November and `-04:00` in July for New York).
fn timestamp_help(text: &str, zones: &[String]) -> String {
    const GENERAL: &str =
        "write it as in `at \"2026-11-24T10:00:00-05:00\"` or `at \"2026-11-24T15:00:00Z\"`";
    let Ok(civil) = text.trim().parse::<jiff::civil::DateTime>() else {
        return GENERAL.to_string();
    };
    let written = civil.strftime("%Y-%m-%dT%H:%M:%S").to_string();
    let in_zone = match zones {
        [zone] => jiff::tz::TimeZone::get(zone)
            .ok()
            .and_then(|tz| tz.to_ambiguous_zoned_datetime(civil).compatible().ok())
            .map(|at| (zone, at.strftime("%:z").to_string())),
        _ => None,
    };
    match in_zone {
        Some((zone, offset)) => format!(
            "the time has no offset from UTC: at {written} in {zone}, the zone of the policy's hours, write `at \"{written}{offset}\"`; `at \"{written}Z\"` is UTC"
        ),
        None => format!(
            "the time has no offset from UTC: write `at \"{written}Z\"` for UTC, or its offset, such as `at \"{written}-05:00\"` for New York in winter"
        ),
    }
}
