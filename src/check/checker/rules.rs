//! The checker's rules: their conditions (each test, its operands and literals) and what
//! an escalating rule hands over to.

use super::*;

impl Checker<'_> {
    pub(super) fn rule(&mut self, r: &ast::RuleItem) -> Option<RuleDef> {
        let name = r.name.node.clone();
        let owner = format!("rule `{name}`");
        let mut ok = true;

        let kind = match &r.kind {
            None => None,
            Some(k) => match Kind::NAMES.iter().position(|n| *n == k.node) {
                Some(i) => [Kind::Explicit, Kind::Signal, Kind::Limit, Kind::Context]
                    .get(i)
                    .copied(),
                None => {
                    self.error(CheckError::UnknownKind {
                        name: k.node.clone(),
                        span: sp(k.span),
                        help: Some(did_you_mean(&k.node, Kind::NAMES).unwrap_or_else(|| {
                            "the kinds are `explicit` (the customer asked), `signal` (frustration), `limit` (the bot's limits) and `context` (a sensitive topic)".into()
                        })),
                    });
                    ok = false;
                    None
                }
            },
        };

        let when = self.expr(&r.when);
        ok &= when.is_some();

        let mut escalates = Vec::new();
        let mut stays = Vec::new();
        let mut says = Vec::new();
        let mut reasons = Vec::new();
        let mut offlines = Vec::new();
        for line in &r.lines {
            match line {
                ast::RuleLine::Escalate(e) => escalates.push(e),
                ast::RuleLine::Stay(span) => stays.push(*span),
                ast::RuleLine::Say(s) => says.push(s),
                ast::RuleLine::Reason(s) => reasons.push(s),
                ast::RuleLine::Offline(o) => offlines.push(o),
            }
        }
        let twice = |what: &'static str, spans: Vec<Span>, this: &mut Self| {
            if let [first, second, ..] = spans.as_slice() {
                this.error(CheckError::DuplicateLine {
                    owner: owner.clone(),
                    what,
                    span: sp(*second),
                    first: sp(*first),
                    help: Some(match what {
                        "escalate" => {
                            "list every team in one line: `escalate to billing or tier1`".into()
                        }
                        _ => format!("keep one `{what}` line"),
                    }),
                });
                false
            } else {
                true
            }
        };
        ok &= twice("escalate", escalates.iter().map(|e| e.span).collect(), self);
        ok &= twice("stay", stays.clone(), self);
        ok &= twice("say", says.iter().map(|s| s.span).collect(), self);
        ok &= twice("reason", reasons.iter().map(|s| s.span).collect(), self);
        ok &= twice("offline", offlines.iter().map(|o| o.span).collect(), self);

        let action = match (escalates.first(), stays.first()) {
            (Some(e), Some(s)) => {
                self.error(CheckError::ConflictingAction {
                    rule: name.clone(),
                    escalate: sp(e.span),
                    stay: sp(*s),
                });
                None
            }
            (Some(e), None) => {
                if r.kind.is_none() {
                    self.error(CheckError::MissingKind {
                        rule: name.clone(),
                        span: sp(r.name.span),
                    });
                    ok = false;
                }
                self.escalate(e)
            }
            (None, Some(_)) => {
                if let Some(k) = &r.kind {
                    self.error(CheckError::KindOnStay {
                        rule: name.clone(),
                        kind: k.node.clone(),
                        span: sp(k.span),
                    });
                    ok = false;
                }
                if let Some(s) = says.first() {
                    self.error(CheckError::NotForStay {
                        what: "say",
                        span: sp(s.span),
                        rule: name.clone(),
                        help: Some(
                            "the bot goes on answering; remove `say`, or make the rule escalate"
                                .into(),
                        ),
                    });
                    ok = false;
                }
                if let Some(o) = offlines.first() {
                    self.error(CheckError::NotForStay {
                        what: "offline",
                        span: sp(o.span),
                        rule: name.clone(),
                        help: Some("a fallback applies only when a rule escalates and no team is open; remove it".into()),
                    });
                    ok = false;
                }
                Some(Action::Stay)
            }
            (None, None) => {
                self.error(CheckError::MissingAction {
                    rule: name.clone(),
                    span: sp(r.head_span),
                });
                None
            }
        };
        let offline = match offlines.first() {
            Some(o) => {
                let f = self.fallback(o);
                ok &= f.is_some();
                f
            }
            None => None,
        };
        let (Some(when), Some(action), true) = (when, action, ok) else {
            return None;
        };
        Some(RuleDef {
            name,
            kind,
            when,
            when_text: crate::fmt::condition_text(self.source, &r.when),
            action,
            say: says.first().map(|s| s.node.clone()),
            reason: reasons.first().map(|s| s.node.clone()),
            offline,
            span: r.name.span,
        })
    }

    fn escalate(&mut self, e: &ast::Escalate) -> Option<Action> {
        let mut targets = Vec::new();
        let mut ok = true;
        for target in &e.targets {
            match target {
                ast::Target::Team(t) => match self.team_ref(t) {
                    Some(id) => targets.push(TargetRef::Team(id)),
                    None => ok = false,
                },
                ast::Target::Skill(s) => match self.skills.get(&s.node) {
                    Some(teams) => targets.push(TargetRef::Skill {
                        name: s.node.clone(),
                        teams: teams.clone(),
                    }),
                    None => {
                        let team = self.teams.contains_key(&s.node).then(|| {
                            format!(
                                "`{0}` is a team, not a skill: write `escalate to {0}`",
                                s.node
                            )
                        });
                        let help = team
                            .or_else(|| did_you_mean(&s.node, self.skills.keys().map(String::as_str)))
                            .unwrap_or_else(|| {
                                format!("no team has this skill; list it in a team: `team NAME {{ skills {} }}`", s.node)
                            });
                        self.error(CheckError::UnknownName {
                            what: "skill",
                            name: s.node.clone(),
                            span: sp(s.span),
                            help: Some(help),
                        });
                        ok = false;
                    }
                },
            }
        }
        let priority = match &e.priority {
            None => Priority::Normal,
            Some(p) => self.priority(p)?,
        };
        ok.then_some(Action::Escalate { targets, priority })
    }

    pub(super) fn priority(&mut self, p: &ast::Ident) -> Option<Priority> {
        match Priority::NAMES.iter().position(|n| *n == p.node) {
            Some(i) => [
                Priority::Low,
                Priority::Normal,
                Priority::High,
                Priority::Urgent,
            ]
            .get(i)
            .copied(),
            None => {
                self.error(CheckError::UnknownPriority {
                    name: p.node.clone(),
                    span: sp(p.span),
                    help: Some(
                        did_you_mean(&p.node, Priority::NAMES)
                            .or_else(|| priority_meant(&p.node))
                            .unwrap_or_else(|| {
                                "the priorities are `low`, `normal`, `high` and `urgent`".into()
                            }),
                    ),
                });
                None
            }
        }
    }

    pub(super) fn team_ref(&mut self, t: &ast::Ident) -> Option<TeamId> {
        if let Some(&id) = self.teams.get(&t.node) {
            return Some(id);
        }
        let close = did_you_mean(&t.node, self.team_names.iter().map(String::as_str));
        match self.what_is(&t.node) {
            Some("a skill") => self.error(CheckError::NotATeam {
                name: t.node.clone(),
                actual: "a skill",
                span: sp(t.span),
                help: Some(format!(
                    "write `skill {}` to reach every team with this skill",
                    t.node
                )),
            }),
            Some(actual) => self.error(CheckError::NotATeam {
                name: t.node.clone(),
                actual,
                span: sp(t.span),
                help: close.or_else(|| {
                    Some(format!(
                        "declare it: `team {} {{ skills general }}`",
                        t.node
                    ))
                }),
            }),
            None => self.error(CheckError::UnknownName {
                what: "team",
                name: t.node.clone(),
                span: sp(t.span),
                help: close.or_else(|| {
                    Some(format!(
                        "declare it: `team {} {{ skills general }}`",
                        t.node
                    ))
                }),
            }),
        }
        None
    }

    // ----- conditions ------------------------------------------------------------------

    fn expr(&mut self, c: &ast::Cond) -> Option<Expr> {
        match &c.kind {
            CondKind::Or(parts) | CondKind::And(parts) => {
                let checked: Vec<Option<Expr>> = parts.iter().map(|p| self.expr(p)).collect();
                let checked: Option<Vec<Expr>> = checked.into_iter().collect();
                let checked = checked?;
                Some(if matches!(c.kind, CondKind::Or(_)) {
                    Expr::Or(checked)
                } else {
                    Expr::And(checked)
                })
            }
            CondKind::Not(inner) => Some(Expr::Not(Box::new(self.expr(inner)?))),
            CondKind::Atom(atom) => Some(Expr::Test(self.atom(atom)?, c.span)),
        }
    }

    fn atom(&mut self, atom: &Atom) -> Option<Test> {
        match atom {
            Atom::Compare { value, op, literal } => {
                let (operand, ty) = self.operand(value)?;
                if !ty.is_ordered() && !matches!(op.node, CmpOp::Eq | CmpOp::Ne) {
                    self.bad_comparison(value, op.node, &literal.node, &ty, op.span);
                    return None;
                }
                let v = self.literal(literal, &ty, &value.name.node)?;
                Some(Test::Compare {
                    operand,
                    op: op.node,
                    value: v,
                })
            }
            Atom::Is {
                value,
                negated,
                literal,
            } => {
                let (operand, ty) = self.operand(value)?;
                let v = self.literal(literal, &ty, &value.name.node)?;
                Some(Test::Compare {
                    operand,
                    op: if *negated { CmpOp::Ne } else { CmpOp::Eq },
                    value: v,
                })
            }
            Atom::In {
                value,
                negated,
                literals,
                ..
            } => {
                let (operand, ty) = self.operand(value)?;
                let values: Vec<Option<Value>> = literals
                    .iter()
                    .map(|l| self.literal(l, &ty, &value.name.node))
                    .collect();
                Some(Test::In {
                    operand,
                    negated: *negated,
                    values: values.into_iter().collect::<Option<Vec<_>>>()?,
                })
            }
            Atom::Mentions { scope, sets } => {
                let mut ids = Vec::new();
                for set in sets {
                    if let Some(&id) = self.sets.get(&set.node) {
                        ids.push(id);
                        continue;
                    }
                    let help = did_you_mean(&set.node, self.sets.keys().map(String::as_str))
                        .or_else(|| {
                            Some(format!("declare it: `phrases {} = [\"...\"]`", set.node))
                        });
                    match self.what_is(&set.node) {
                        Some(actual) => self.error(CheckError::NotAPhraseSet {
                            name: set.node.clone(),
                            actual,
                            span: sp(set.span),
                            help,
                        }),
                        None => self.error(CheckError::UnknownName {
                            what: "phrase set",
                            name: set.node.clone(),
                            span: sp(set.span),
                            help,
                        }),
                    }
                }
                (ids.len() == sets.len()).then_some(Test::Mentions {
                    scope: scope.node,
                    sets: ids,
                })
            }
            Atom::Within { hours } => self.hours_ref(hours).map(Test::Within),
            Atom::Flag { value } => {
                let (operand, ty) = self.operand(value)?;
                match (operand, &ty) {
                    (Operand::Fact(id), Type::Bool) => Some(Test::Flag(id)),
                    _ => {
                        let name = value.name.node.clone();
                        // As written, with its argument: `burst(30s)`.
                        let written = self
                            .source
                            .get(value.span.range())
                            .unwrap_or(name.as_str())
                            .to_string();
                        let help = match &ty {
                            Type::Choice(values) => format!(
                                "compare it with a choice: `{name} is {}`",
                                values.first().map_or("", String::as_str)
                            ),
                            Type::Text => format!("compare it with a text: `{name} is \"...\"`"),
                            _ => format!("compare it: `{written} >= ...`"),
                        };
                        self.error(CheckError::NotAFlag {
                            name,
                            span: sp(value.span),
                            ty: ty.describe(),
                            help: Some(help),
                        });
                        None
                    }
                }
            }
        }
    }

    fn bad_comparison(
        &mut self,
        value: &ast::ValueRef,
        op: CmpOp,
        literal: &Literal,
        ty: &Type,
        span: Span,
    ) {
        let name = &value.name.node;
        let help = match ty {
            Type::Choice(values) => ordered_choice_help(name, values, op, literal),
            Type::Bool => format!("write `{name}` or `not {name}`"),
            _ => format!("use `is` or `in`: `{name} is \"...\"`"),
        };
        self.error(CheckError::BadComparison {
            op: op.symbol(),
            subject: name.clone(),
            ty: ty.describe(),
            span: sp(span),
            help: Some(help),
        });
    }

    /// A fact or a signal in a condition, with its type.
    fn operand(&mut self, v: &ast::ValueRef) -> Option<(Operand, Type)> {
        let name = v.name.node.as_str();
        if let Some(&id) = self.facts.get(name) {
            if let Some(arg) = &v.arg {
                self.error(CheckError::UnexpectedArgument {
                    name: name.to_string(),
                    span: sp(arg.span),
                    help: Some(format!("`{name}` is a fact; facts take no argument")),
                });
                return None;
            }
            let ty = self.fact_defs.get(id).map(|f| f.ty.clone())?;
            return Some((Operand::Fact(id), ty));
        }
        let signal = match name {
            "sentiment" => Some(Signal::Sentiment),
            "repeats" => Some(Signal::Repeats),
            "bot_loops" => Some(Signal::BotLoops),
            "turns" => Some(Signal::Turns),
            "elapsed" => Some(Signal::Elapsed),
            "burst" => None,
            _ => return self.not_an_operand(v),
        };
        let signal = match (signal, &v.arg) {
            (Some(s), None) => s,
            (Some(_), Some(arg)) => {
                self.error(CheckError::UnexpectedArgument {
                    name: name.to_string(),
                    span: sp(arg.span),
                    help: Some(format!(
                        "write `{name}` alone; only `burst` takes an argument, its time span"
                    )),
                });
                return None;
            }
            (None, None) => {
                self.error(CheckError::MissingArgument {
                    name: "burst".into(),
                    needs: "a time span, as in `burst(30s)`",
                    span: sp(v.span),
                    help: Some("`burst(30s) >= 4` holds when the customer sent 4 messages or more within 30 seconds".into()),
                });
                return None;
            }
            (None, Some(arg)) => {
                let seconds = self.literal(arg, &Type::Duration, "burst")?;
                let Value::Number(seconds) = seconds else {
                    return None;
                };
                if seconds <= 0.0 {
                    self.error(CheckError::InvalidDuration {
                        text: self.source.get(arg.span.range()).unwrap_or("").to_string(),
                        span: sp(arg.span),
                        reason: "an empty span",
                        help: Some(
                            "a burst is counted over a span longer than 0s, such as `burst(30s)`"
                                .into(),
                        ),
                    });
                    return None;
                }
                Signal::Burst(seconds)
            }
        };
        if !self.signals.contains(&signal) {
            self.signals.push(signal);
        }
        Some((Operand::Signal(signal), signal.ty()))
    }

    fn not_an_operand(&mut self, v: &ast::ValueRef) -> Option<(Operand, Type)> {
        let name = v.name.node.clone();
        match self.what_is(&name) {
            Some(actual) => {
                let help = match actual {
                    "a phrase set" => {
                        format!("to test what the customer wrote, write `message mentions {name}`")
                    }
                    "opening hours" => format!("to test the time, write `within {name}`"),
                    _ => "conditions test facts (declared with `fact`) and signals".into(),
                };
                self.error(CheckError::NotAValue {
                    name,
                    actual,
                    span: sp(v.name.span),
                    help: Some(help),
                });
            }
            None => {
                let mut candidates: Vec<&str> = self.facts.keys().map(String::as_str).collect();
                candidates.extend(Signal::NAMES);
                let help = self
                    .choice_help(&name)
                    .or_else(|| self.time_word_help(&name))
                    .or_else(|| did_you_mean(&name, candidates.iter().copied()))
                    .unwrap_or_else(|| {
                    format!(
                        "declare it with `fact {name}: number` (or `percent`, `bool`, `text`, `duration`), or use a signal: `sentiment`, `repeats`, `burst(30s)`, `bot_loops`, `turns`, `elapsed`"
                    )
                    });
                self.error(CheckError::UnknownName {
                    what: "fact or signal",
                    name,
                    span: sp(v.name.span),
                    help: Some(help),
                });
            }
        }
        None
    }

    /// Help for a choice of an enumeration fact written alone, as a condition
    /// (`tier is vip or gold`): the test it stands for.
    fn choice_help(&self, name: &str) -> Option<String> {
        let fact = self
            .fact_defs
            .iter()
            .find(|f| matches!(&f.ty, Type::Choice(values) if values.iter().any(|v| v == name)))?;
        let fact = &fact.name;
        Some(format!(
            "`{name}` is a choice of `{fact}`: write `{fact} is {name}`; for several choices, `{fact} in [...]`"
        ))
    }

    /// Help for a word of the clock or the calendar used as a value (`time > 17:00`,
    /// `weekday is sat`): a policy tests the time with opening hours and `within`.
    fn time_word_help(&self, name: &str) -> Option<String> {
        const TIME_WORDS: [&str; 12] = [
            "time",
            "hour",
            "now",
            "day",
            "weekday",
            "weekend",
            "date",
            "clock",
            "today",
            "open",
            "closed",
            "business_hours",
        ];
        if !TIME_WORDS.contains(&name.to_ascii_lowercase().as_str()) {
            return None;
        }
        // The hours declared first.
        let first = self.hours.iter().min_by_key(|(_, id)| **id).map(|(n, _)| n);
        Some(match first {
            Some(first) => format!(
                "to test the time or the day, write `within {first}` (or `not within {first}`): hours say when, in their own time zone"
            ),
            None => "to test the time or the day, declare opening hours, `hours office in \"America/New_York\" { mon-fri 09:00-17:00 }`, and write `within office`".into(),
        })
    }
}

/// The help for `tier >= gold` when `tier` is `standard | gold | vip`: the choices on
/// that side of `gold` in the order they are declared, written as a condition (`tier in
/// [gold, vip]`), and which they are in words; for a value that is not a choice, the
/// general form.
fn ordered_choice_help(name: &str, values: &[String], op: CmpOp, literal: &Literal) -> String {
    let general = || {
        format!(
            "use `is` or `in`: `{name} is {0}` or `{name} in [{0}, ...]`",
            values.last().map_or("", String::as_str)
        )
    };
    let Literal::Word(word) = literal else {
        return general();
    };
    let Some(at) = values.iter().position(|v| v == word) else {
        return general();
    };
    // Which side of `word`, and whether `word` itself is meant.
    let (range, side, with_word) = match op {
        CmpOp::Lt => (0..at, "before", false),
        CmpOp::Le => (0..at + 1, "before", true),
        CmpOp::Gt => (at + 1..values.len(), "after", false),
        CmpOp::Ge => (at..values.len(), "after", true),
        CmpOp::Eq | CmpOp::Ne => return general(),
    };
    let meant: Vec<&str> = values
        .get(range)
        .unwrap_or_default()
        .iter()
        .map(String::as_str)
        .collect();
    let others = meant.len().saturating_sub(usize::from(with_word));
    let choices = if others == 1 { "choice" } else { "choices" };
    let which = match (with_word, others) {
        (_, 0) => format!("no choice is declared {side} `{word}`"),
        (true, _) => format!("`{word}` and the {choices} declared {side} it"),
        (false, _) => format!("the {choices} declared {side} `{word}`"),
    };
    let condition = match meant.as_slice() {
        [] => {
            return format!(
                "choices are not ordered, and {which}: compare with `is` or `in`, such as `{name} is {word}`"
            );
        }
        [one] => format!("{name} is {one}"),
        many => format!("{name} in [{}]", many.join(", ")),
    };
    format!("choices are not ordered: name the ones you mean, such as `{condition}` ({which})")
}

/// The priority a word from another tool's scale most likely means (`critical`, `P1`,
/// `medium`), for a help that names Baton's four.
fn priority_meant(word: &str) -> Option<String> {
    let meant = match word.to_ascii_lowercase().as_str() {
        "critical" | "emergency" | "asap" | "highest" | "p0" | "p1" | "sev1" => "urgent",
        "important" | "elevated" | "p2" | "sev2" => "high",
        "medium" | "default" | "standard" | "moderate" | "p3" | "sev3" => "normal",
        "lowest" | "minor" | "p4" | "p5" | "sev4" => "low",
        _ => return None,
    };
    Some(format!(
        "write `{meant}`: Baton's priorities are `low`, `normal`, `high` and `urgent`"
    ))
}
