//! Name resolution and type checking: the AST of a policy becomes a [`Model`], or every
//! error found in it is reported.

use std::collections::{BTreeMap, HashMap};

use miette::SourceSpan;

use super::error::CheckError;
use super::model::*;
use super::suggest::did_you_mean;
use crate::syntax::ast::{self, Atom, CmpOp, CondKind, Item, Literal, Span, Spanned};
use crate::text::words::words;

mod items;
mod rules;
mod test_blocks;

/// The first message of a test is at this time unless the test says `at`.
pub const DEFAULT_TEST_START: &str = "2026-01-05T15:00:00Z";
/// The gap between two messages of a test unless a message says `after`.
pub const DEFAULT_TEST_GAP_SECONDS: i64 = 10;

const TYPE_NAMES: [&str; 5] = ["number", "percent", "bool", "text", "duration"];

const FALLBACK_MODES: [&str; 2] = ["ticket", "callback"];

/// Baton's name for a type named as spreadsheets and programming languages name it.
fn type_synonym(name: &str) -> Option<&'static str> {
    Some(match name.to_lowercase().as_str() {
        "boolean" | "yesno" | "yes_no" | "flag" | "checkbox" => "bool",
        "int" | "integer" | "float" | "double" | "decimal" | "count" | "num" | "int64"
        | "money" | "amount" | "currency" | "price" => "number",
        "string" | "str" | "varchar" => "text",
        "percentage" | "pct" => "percent",
        "time" | "interval" | "timespan" | "seconds" | "minutes" => "duration",
        _ => return None,
    })
}

/// Help for a date as a fact's type, which Baton does not have: what to give instead.
fn date_type_help(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    ["date", "datetime", "timestamp", "day"]
        .contains(&lower.as_str())
        .then(|| {
            "a fact holds no date: give how long ago it was as a `duration` (`fact account_age: duration`), or test the time of the decision with opening hours and `within`".to_string()
        })
}

/// Checks a parsed policy. `source` is its text, for the default reasons of rules.
pub fn check(file: &ast::PolicyFile, source: &str) -> Result<Model, Vec<CheckError>> {
    let mut checker = Checker::new(source);
    checker.declare(file);
    let model = checker.resolve(file);
    if checker.errors.is_empty() {
        Ok(model)
    } else {
        Err(checker.errors)
    }
}

fn sp(span: Span) -> SourceSpan {
    span.into()
}

/// A number as a support lead would write it: `60`, `0.5`, never `60.00000000000001`.
fn num(x: f64) -> String {
    let rounded = (x * 1e6).round() / 1e6;
    format!("{rounded}")
}

struct Checker<'s> {
    source: &'s str,
    errors: Vec<CheckError>,
    facts: HashMap<String, FactId>,
    fact_defs: Vec<FactDef>,
    sets: HashMap<String, SetId>,
    hours: HashMap<String, HoursId>,
    teams: HashMap<String, TeamId>,
    team_names: Vec<String>,
    rules: HashMap<String, (RuleId, bool)>,
    skills: BTreeMap<String, Vec<TeamId>>,
    signals: Vec<Signal>,
    /// The time zones of the policy's hours, each once, in file order: a test's time
    /// written without its offset gets the offset of the policy's one zone.
    zones: Vec<String>,
}

impl<'s> Checker<'s> {
    fn new(source: &'s str) -> Self {
        Checker {
            source,
            errors: Vec::new(),
            facts: HashMap::new(),
            fact_defs: Vec::new(),
            sets: HashMap::new(),
            hours: HashMap::new(),
            teams: HashMap::new(),
            team_names: Vec::new(),
            rules: HashMap::new(),
            skills: BTreeMap::new(),
            signals: Vec::new(),
            zones: Vec::new(),
        }
    }

    fn error(&mut self, error: CheckError) {
        self.errors.push(error);
    }

    /// First pass: every name of every kind, with duplicates reported, so that later
    /// items can refer to earlier or later ones alike.
    fn declare(&mut self, file: &ast::PolicyFile) {
        let mut first: HashMap<(&'static str, String), Span> = HashMap::new();
        let mut seen =
            |what: &'static str, name: &ast::Ident, errors: &mut Vec<CheckError>| match first
                .get(&(what, name.node.clone()))
            {
                Some(first) => {
                    errors.push(CheckError::DuplicateName {
                        what,
                        name: name.node.clone(),
                        span: sp(name.span),
                        first: sp(*first),
                        help: Some(format!("give each {what} its own name")),
                    });
                    false
                }
                None => {
                    first.insert((what, name.node.clone()), name.span);
                    true
                }
            };
        let mut errors = Vec::new();
        for item in &file.items {
            match item {
                Item::Fact(f) => {
                    if Signal::NAMES.contains(&f.name.node.as_str()) {
                        errors.push(CheckError::SignalNameTaken {
                            name: f.name.node.clone(),
                            span: sp(f.name.span),
                        });
                    } else if seen("fact", &f.name, &mut errors) {
                        self.facts.insert(f.name.node.clone(), self.facts.len());
                    }
                }
                Item::Phrases(p) => {
                    if seen("phrase set", &p.name, &mut errors) {
                        self.sets.insert(p.name.node.clone(), self.sets.len());
                    }
                }
                Item::Hours(h) => {
                    if seen("hours", &h.name, &mut errors) {
                        self.hours.insert(h.name.node.clone(), self.hours.len());
                    }
                }
                Item::Team(t) => {
                    if seen("team", &t.name, &mut errors) {
                        let id = self.team_names.len();
                        self.teams.insert(t.name.node.clone(), id);
                        self.team_names.push(t.name.node.clone());
                        for skill in &t.skills {
                            let teams = self.skills.entry(skill.node.clone()).or_default();
                            if !teams.contains(&id) {
                                teams.push(id);
                            }
                        }
                    }
                }
                Item::Rule(r) => {
                    if seen("rule", &r.name, &mut errors) {
                        let stays = r.lines.iter().any(|l| matches!(l, ast::RuleLine::Stay(_)))
                            && !r
                                .lines
                                .iter()
                                .any(|l| matches!(l, ast::RuleLine::Escalate(_)));
                        self.rules
                            .insert(r.name.node.clone(), (self.rules.len(), stays));
                    }
                }
                Item::Test(t) => {
                    let name = ast::Ident::new(t.name.node.clone(), t.name.span);
                    seen("test", &name, &mut errors);
                }
                Item::Offline(_) | Item::Handoff(_) => {}
            }
        }
        self.errors.extend(errors);
    }

    /// What a name is, wherever it is declared, for "`x` is a team, not a phrase set".
    fn what_is(&self, name: &str) -> Option<&'static str> {
        if self.facts.contains_key(name) {
            Some("a fact")
        } else if Signal::NAMES.contains(&name) {
            Some("a signal")
        } else if self.sets.contains_key(name) {
            Some("a phrase set")
        } else if self.hours.contains_key(name) || name == "always" {
            Some("opening hours")
        } else if self.teams.contains_key(name) {
            Some("a team")
        } else if self.skills.contains_key(name) {
            Some("a skill")
        } else if self.rules.contains_key(name) {
            Some("a rule")
        } else {
            None
        }
    }

    fn resolve(&mut self, file: &ast::PolicyFile) -> Model {
        // Facts come first: conditions and tests need their types.
        for item in &file.items {
            if let Item::Fact(f) = item {
                self.fact(f);
            }
        }
        let mut model = Model {
            name: file.name.node.clone(),
            facts: Vec::new(),
            phrase_sets: Vec::new(),
            hours: Vec::new(),
            teams: Vec::new(),
            offline: None,
            rules: Vec::new(),
            handoff: HandoffPart::ALL.to_vec(),
            tests: Vec::new(),
            signals: Vec::new(),
        };
        for item in &file.items {
            if let Item::Hours(h) = item
                && jiff::tz::TimeZone::get(&h.zone.node).is_ok()
                && !self.zones.contains(&h.zone.node)
            {
                self.zones.push(h.zone.node.clone());
            }
        }
        let mut offline_span: Option<Span> = None;
        let mut handoff_span: Option<Span> = None;
        for item in &file.items {
            match item {
                Item::Fact(_) => {}
                Item::Phrases(p) => {
                    if let Some(set) = self.phrase_set(p) {
                        model.phrase_sets.push(set);
                    }
                }
                Item::Hours(h) => {
                    if let Some(hours) = self.hours_def(h) {
                        model.hours.push(hours);
                    }
                }
                Item::Team(t) => {
                    if let Some(team) = self.team(t) {
                        model.teams.push(team);
                    }
                }
                Item::Offline(o) => {
                    if let Some(first) = offline_span {
                        self.error(CheckError::DuplicateItem {
                            what: "offline",
                            span: sp(o.span),
                            first: sp(first),
                            help: Some(
                                "keep one policy-wide fallback; a rule can have its own `offline` line"
                                    .into(),
                            ),
                        });
                    } else {
                        offline_span = Some(o.span);
                        model.offline = self.fallback(o);
                    }
                }
                Item::Rule(r) => {
                    if let Some(rule) = self.rule(r) {
                        model.rules.push(rule);
                    }
                }
                Item::Handoff(h) => {
                    if let Some(first) = handoff_span {
                        self.error(CheckError::DuplicateItem {
                            what: "handoff",
                            span: sp(h.span),
                            first: sp(first),
                            help: Some(
                                "list every part of the context packet in one `handoff` item"
                                    .into(),
                            ),
                        });
                    } else {
                        handoff_span = Some(h.span);
                        model.handoff = self.handoff(h);
                    }
                }
                Item::Test(t) => {
                    if let Some(test) = self.test(t) {
                        model.tests.push(test);
                    }
                }
            }
        }
        model.facts = std::mem::take(&mut self.fact_defs);
        model.signals = std::mem::take(&mut self.signals);
        model
    }

    // ----- facts ---------------------------------------------------------------------

    fn fact(&mut self, f: &ast::Fact) {
        let ty = match f.ty.as_slice() {
            [one] => match one.node.as_str() {
                "number" => Some(Type::Number),
                "percent" => Some(Type::Percent),
                "bool" => Some(Type::Bool),
                "text" => Some(Type::Text),
                "duration" => Some(Type::Duration),
                other => {
                    let help = type_synonym(other)
                        .map(|t| format!("Baton's name for this type is `{t}`"))
                        .or_else(|| date_type_help(other))
                        .or_else(|| did_you_mean(other, TYPE_NAMES))
                        .or_else(|| {
                        Some(format!(
                            "the types are `number`, `percent`, `bool`, `text` and `duration`; for a choice list two or more words: `{other} | other`"
                        ))
                    });
                    self.error(CheckError::UnknownType {
                        name: other.to_string(),
                        span: sp(one.span),
                        help,
                    });
                    None
                }
            },
            values => {
                let mut seen: HashMap<&str, Span> = HashMap::new();
                for v in values {
                    if let Some(first) = seen.insert(&v.node, v.span) {
                        self.error(CheckError::DuplicateName {
                            what: "choice",
                            name: v.node.clone(),
                            span: sp(v.span),
                            first: sp(first),
                            help: Some("list each choice once".into()),
                        });
                    }
                }
                Some(Type::Choice(
                    values.iter().map(|v| v.node.clone()).collect(),
                ))
            }
        };
        let Some(ty) = ty else { return };
        let default = match &f.default {
            Some(lit) => match self.literal(lit, &ty, &f.name.node) {
                Some(v) => Some(v),
                None => return,
            },
            None => None,
        };
        // Only a fact that was declared once has an index to fill.
        if self.facts.get(&f.name.node) == Some(&self.fact_defs.len()) {
            self.fact_defs.push(FactDef {
                name: f.name.node.clone(),
                ty,
                default,
                span: f.name.span,
            });
        }
    }

    /// Checks a literal against the type `subject` has, and converts it.
    fn literal(&mut self, lit: &Spanned<Literal>, ty: &Type, subject: &str) -> Option<Value> {
        let text = self.source.get(lit.span.range()).unwrap_or("").to_string();
        let mismatch = |help: Option<String>| CheckError::TypeMismatch {
            subject: subject.to_string(),
            expected: ty.describe(),
            found: lit.node.describe(),
            span: sp(lit.span),
            help,
        };
        let result = match (ty, &lit.node) {
            (_, Literal::Number(x)) | (_, Literal::Percent(x)) | (_, Literal::Duration(x))
                if !x.is_finite() =>
            {
                Err(CheckError::InvalidNumber {
                    text,
                    span: sp(lit.span),
                })
            }
            (Type::Number, Literal::Number(x)) => Ok(Value::Number(*x)),
            (Type::Number, Literal::Percent(p)) => Err(mismatch(Some(format!(
                "`{subject}` is a plain number; write `{}` instead of `{text}`",
                num(p / 100.0)
            )))),
            (Type::Percent, Literal::Percent(p)) => {
                if (0.0..=100.0).contains(p) {
                    Ok(Value::Number(p / 100.0))
                } else {
                    Err(CheckError::PercentOutOfRange {
                        text,
                        span: sp(lit.span),
                        help: Some("a percent runs from `0%` to `100%`".into()),
                    })
                }
            }
            (Type::Percent, Literal::Number(x)) => {
                let suggestion = if (0.0..=1.0).contains(x) {
                    format!("write `{}%`", num(x * 100.0))
                } else {
                    format!("write a percent such as `{}%`", num(x.clamp(0.0, 100.0)))
                };
                Err(mismatch(Some(format!(
                    "`{subject}` is a percent: {suggestion}"
                ))))
            }
            (Type::Duration, Literal::Duration(s)) => Ok(Value::Number(*s)),
            (Type::Duration, Literal::Number(x)) => Err(mismatch(Some(format!(
                "add a unit: `{0}s`, `{0}m`, `{0}h` or `{0}d`",
                num(*x)
            )))),
            (Type::Bool, Literal::Bool(b)) => Ok(Value::Bool(*b)),
            (Type::Bool, _) => Err(mismatch(Some("write `true` or `false`".into()))),
            (Type::Text, Literal::Text(t)) => Ok(Value::Text(t.clone())),
            (Type::Text, Literal::Word(w)) => {
                Err(mismatch(Some(format!("put the text in quotes: `\"{w}\"`"))))
            }
            (Type::Choice(values), Literal::Word(w) | Literal::Text(w)) => {
                let quoted = matches!(lit.node, Literal::Text(_));
                match values.iter().position(|v| v == w) {
                    Some(_) if quoted => Err(mismatch(Some(format!(
                        "write the choice without quotes: `{w}`"
                    )))),
                    Some(i) => Ok(Value::Choice(i)),
                    None => Err(CheckError::UnknownValue {
                        value: w.clone(),
                        fact: subject.to_string(),
                        span: sp(lit.span),
                        help: Some(
                            did_you_mean(w, values.iter().map(String::as_str))
                                .unwrap_or_else(|| format!("`{subject}` is {}", ty.describe())),
                        ),
                    }),
                }
            }
            (Type::Number, Literal::Word(w))
                if subject == "sentiment" && sentiment_word(w).is_some() =>
            {
                Err(mismatch(sentiment_word(w).map(str::to_string)))
            }
            (Type::Number | Type::Percent | Type::Duration, Literal::Word(_)) => {
                let example = match ty {
                    // A score from -1 to 1: `2` would be no example of it.
                    Type::Number if subject == "sentiment" => "-0.5",
                    Type::Number => "2",
                    Type::Percent => "85%",
                    _ => "10m",
                };
                Err(mismatch(Some(format!(
                    "`{subject}` is {}: write one, such as `{example}`",
                    ty.describe()
                ))))
            }
            (Type::Number | Type::Percent | Type::Duration, Literal::Text(t))
                if t.len() <= 20 && !t.trim().is_empty() =>
            {
                let t = t.trim();
                let plausible =
                    !t.contains(char::is_whitespace) && t.contains(|c: char| c.is_ascii_digit());
                let example = match ty {
                    _ if plausible => t,
                    Type::Number if subject == "sentiment" => "-0.5",
                    Type::Number => "2",
                    Type::Percent => "60%",
                    _ => "30s",
                };
                Err(mismatch(Some(format!(
                    "only texts go in quotes: write `{example}`"
                ))))
            }
            (Type::Choice(values), _) => Err(mismatch(Some(format!(
                "write one of the choices, such as `{}`",
                values.first().map_or("", String::as_str)
            )))),
            _ => Err(mismatch(None)),
        };
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.error(e);
                None
            }
        }
    }
}

/// For `sentiment is negative` and its like: the comparison that says it. VADER's own
/// guide counts a compound score of 0.05 or more as positive and -0.05 or less as
/// negative.
fn sentiment_word(word: &str) -> Option<&'static str> {
    Some(match word.to_ascii_lowercase().as_str() {
        "negative" | "bad" | "unhappy" | "upset" | "angry" | "frustrated" | "annoyed" => {
            "`sentiment` is a score from -1 (most negative) to 1 (most positive): for negative, write `sentiment <= -0.05`, or `sentiment <= -0.5` for clearly negative"
        }
        "positive" | "good" | "happy" | "pleased" | "satisfied" => {
            "`sentiment` is a score from -1 (most negative) to 1 (most positive): for positive, write `sentiment >= 0.05`, or `sentiment >= 0.5` for clearly positive"
        }
        "neutral" => {
            "`sentiment` is a score from -1 (most negative) to 1 (most positive): for neutral, write `sentiment > -0.05 and sentiment < 0.05`"
        }
        _ => return None,
    })
}
