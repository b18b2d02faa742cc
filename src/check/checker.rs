//! Name resolution and type checking: the AST of a policy becomes a [`Model`], or every
//! error found in it is reported.

use std::collections::{BTreeMap, HashMap};

use miette::SourceSpan;

use super::error::CheckError;
use super::model::*;
use super::suggest::did_you_mean;
use crate::syntax::ast::{self, Atom, CmpOp, CondKind, Item, Literal, Span, Spanned};
use crate::text::words::words;

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

    // ----- phrase sets ---------------------------------------------------------------

    fn phrase_set(&mut self, p: &ast::PhraseSet) -> Option<PhraseSetDef> {
        if p.phrases.is_empty() {
            self.error(CheckError::EmptyPhraseSet {
                name: p.name.node.clone(),
                span: sp(p.list_span),
            });
            return None;
        }
        let mut phrases = Vec::new();
        let mut ok = true;
        for phrase in &p.phrases {
            match self.phrase(phrase) {
                Some(words) => phrases.push(Phrase {
                    text: phrase.node.clone(),
                    words,
                }),
                None => ok = false,
            }
        }
        ok.then(|| PhraseSetDef {
            name: p.name.node.clone(),
            fuzzy: p.fuzzy,
            phrases,
            span: p.name.span,
        })
    }

    fn phrase(&mut self, phrase: &Spanned<String>) -> Option<Vec<PhraseWord>> {
        let text = &phrase.node;
        // The text's offsets map to the source one to one only without escapes; labels
        // point inside the quotes when they can, at the whole phrase otherwise.
        let raw = self.source.get(phrase.span.range()).unwrap_or("");
        let exact = raw.len() == text.len() + 2;
        let at = |start: usize, len: usize| -> SourceSpan {
            if exact {
                (phrase.span.start + 1 + start, len).into()
            } else {
                sp(phrase.span)
            }
        };
        let found = words(text);
        if found.is_empty() {
            self.error(CheckError::EmptyPhrase {
                span: sp(phrase.span),
            });
            return None;
        }
        if found.len() > crate::limits::MAX_PHRASE_WORDS {
            self.error(CheckError::PhraseTooLong {
                words: found.len(),
                limit: crate::limits::MAX_PHRASE_WORDS,
                span: sp(phrase.span),
            });
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for (i, star) in text.match_indices('*') {
            let ends_word = found.iter().any(|w| w.end == i);
            let next_is_word = text[i + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            if !ends_word || next_is_word {
                // `refund.*`: a regular expression's "anything", written in a phrase.
                let stem = text[..i]
                    .strip_suffix('.')
                    .filter(|_| i > 0)
                    .and_then(|before| found.iter().rev().find(|w| w.end == before.len()));
                let help = match stem {
                    Some(word) => format!(
                        "phrases are words, not regular expressions: `{}*` matches every word that starts with `{}`",
                        word.text, word.text
                    ),
                    None => "`refund*` matches refund, refunds and refunded; a `*` alone or inside a word matches nothing".to_string(),
                };
                self.error(CheckError::InvalidWildcard {
                    span: at(i, star.len()),
                    help,
                });
                ok = false;
            }
        }
        for w in &found {
            out.push(PhraseWord {
                text: w.text.clone(),
                prefix: text[w.end..].starts_with('*'),
            });
        }
        ok.then_some(out)
    }

    // ----- hours ---------------------------------------------------------------------

    fn hours_def(&mut self, h: &ast::Hours) -> Option<HoursDef> {
        let mut ok = true;
        if jiff::tz::TimeZone::get(&h.zone.node).is_err() {
            let names: Vec<String> = jiff::tz::db().available().map(|n| n.to_string()).collect();
            let help = Some(super::zones::unknown_zone_help(&h.zone.node, &names));
            self.error(CheckError::UnknownTimeZone {
                name: h.zone.node.clone(),
                span: sp(h.zone.span),
                help,
            });
            ok = false;
        }
        let mut week = Vec::new();
        for line in &h.spans {
            let from = self.clock(&line.from, false);
            let to = self.clock(&line.to, true);
            let (Some(from), Some(to)) = (from, to) else {
                ok = false;
                continue;
            };
            if from == to || (from == 0 && to == 0) {
                let text = self
                    .source
                    .get(line.from.span.start..line.to.span.end)
                    .unwrap_or("");
                self.error(CheckError::EmptyTimeSpan {
                    text: text.to_string(),
                    span: sp(line.from.span.join(line.to.span)),
                });
                ok = false;
                continue;
            }
            for days in &line.days {
                let (first, last) = days.node;
                let mut d = first.index();
                loop {
                    let day = d as u32 * 1440;
                    if from < to {
                        week.push((day + from, day + to));
                    } else {
                        // Crosses midnight: the rest of this day, then the next morning.
                        week.push((day + from, day + 1440));
                        let next = ((d as u32 + 1) % 7) * 1440;
                        if to > 0 {
                            week.push((next, next + to));
                        }
                    }
                    if d == last.index() {
                        break;
                    }
                    d = (d + 1) % 7;
                }
            }
        }
        if h.spans.is_empty() {
            self.error(CheckError::EmptyHours {
                name: h.name.node.clone(),
                span: sp(h.name.span),
            });
            ok = false;
        }
        let mut closed = Vec::new();
        for date in &h.closed {
            match self.date(date) {
                Some(d) => closed.push(d),
                None => ok = false,
            }
        }
        week.sort_unstable();
        closed.sort_unstable();
        closed.dedup();
        ok.then(|| HoursDef {
            name: h.name.node.clone(),
            zone: h.zone.node.clone(),
            week,
            closed,
            span: h.name.span,
        })
    }

    /// Minutes from midnight; `24:00` only where a span ends.
    fn clock(&mut self, c: &Spanned<ast::ClockLit>, is_end: bool) -> Option<u32> {
        let ast::ClockLit { hour, minute } = c.node;
        if (hour < 24 && minute < 60) || (is_end && hour == 24 && minute == 0) {
            Some(hour * 60 + minute)
        } else {
            self.error(CheckError::InvalidTime {
                text: self.source.get(c.span.range()).unwrap_or("").to_string(),
                span: sp(c.span),
            });
            None
        }
    }

    fn date(&mut self, d: &Spanned<ast::DateLit>) -> Option<jiff::civil::Date> {
        let ast::DateLit { year, month, day } = d.node;
        let text = self.source.get(d.span.range()).unwrap_or("").to_string();
        let reason = if !(1..=12).contains(&month) {
            Some((
                format!("there is no month {month}"),
                "months run from 01 to 12".to_string(),
            ))
        } else {
            match (i8::try_from(month), i8::try_from(day), i16::try_from(year)) {
                (Ok(m), Ok(dd), Ok(y)) => match jiff::civil::Date::new(y, m, dd) {
                    Ok(date) => return Some(date),
                    Err(_) => {
                        let days = jiff::civil::Date::new(y, m, 1)
                            .map(|first| first.days_in_month())
                            .unwrap_or(31);
                        Some((
                            format!("month {month} of {year} has {days} days"),
                            format!("write a day from 01 to {days}"),
                        ))
                    }
                },
                _ => Some((
                    "out of range".to_string(),
                    "write a date such as `2026-12-25`".to_string(),
                )),
            }
        };
        if let Some((reason, help)) = reason {
            self.error(CheckError::InvalidDate {
                text,
                span: sp(d.span),
                reason,
                help: Some(help),
            });
        }
        None
    }

    // ----- teams, fallbacks, handoff -----------------------------------------------------

    fn team(&mut self, t: &ast::Team) -> Option<TeamDef> {
        if let [first, second, ..] = t.hours.as_slice() {
            self.error(CheckError::DuplicateLine {
                owner: format!("team `{}`", t.name.node),
                what: "hours",
                span: sp(second.span),
                first: sp(first.span),
                help: Some("a team has one set of opening hours".into()),
            });
        }
        let hours = match t.hours.first() {
            None => HoursRef::Always,
            Some(h) => self.hours_ref(h)?,
        };
        let mut skills: Vec<String> = Vec::new();
        for s in &t.skills {
            if !skills.contains(&s.node) {
                skills.push(s.node.clone());
            }
        }
        Some(TeamDef {
            name: t.name.node.clone(),
            skills,
            hours,
            span: t.name.span,
        })
    }

    fn hours_ref(&mut self, h: &ast::Ident) -> Option<HoursRef> {
        if h.node == "always" {
            return Some(HoursRef::Always);
        }
        if let Some(&id) = self.hours.get(&h.node) {
            return Some(HoursRef::Named(id));
        }
        match self.what_is(&h.node) {
            Some(actual) => self.error(CheckError::NotHours {
                name: h.node.clone(),
                actual,
                span: sp(h.span),
                help: Some(self.hours_help(&h.node)),
            }),
            None => self.error(CheckError::UnknownName {
                what: "hours",
                name: h.node.clone(),
                span: sp(h.span),
                help: Some(self.hours_help(&h.node)),
            }),
        }
        None
    }

    fn hours_help(&self, name: &str) -> String {
        let mut names: Vec<&str> = self.hours.keys().map(String::as_str).collect();
        names.push("always");
        did_you_mean(name, names.iter().copied()).unwrap_or_else(|| {
            format!("declare them: `hours {name} in \"America/New_York\" {{ mon-fri 08:00-20:00 }}`, or write `always`")
        })
    }

    fn fallback(&mut self, o: &ast::Offline) -> Option<Fallback> {
        let mode = match o.mode.node.as_str() {
            "ticket" => FallbackMode::Ticket,
            "callback" => FallbackMode::Callback,
            other => {
                self.error(CheckError::UnknownOfflineMode {
                    name: other.to_string(),
                    span: sp(o.mode.span),
                    help: Some(did_you_mean(other, FALLBACK_MODES).unwrap_or_else(|| {
                        "write `offline ticket \"...\"` or `offline callback \"...\"`".into()
                    })),
                });
                return None;
            }
        };
        Some(Fallback {
            mode,
            message: o.message.node.clone(),
        })
    }

    fn handoff(&mut self, h: &ast::Handoff) -> Vec<HandoffPart> {
        let mut parts = Vec::new();
        for p in &h.parts {
            match HandoffPart::NAMES.iter().position(|n| *n == p.node) {
                Some(i) => {
                    if let Some(&part) = HandoffPart::ALL.get(i)
                        && !parts.contains(&part)
                    {
                        parts.push(part);
                    }
                }
                None => self.error(CheckError::UnknownName {
                    what: "part of the context packet",
                    name: p.node.clone(),
                    span: sp(p.span),
                    help: Some(
                        did_you_mean(&p.node, HandoffPart::NAMES).unwrap_or_else(|| {
                            format!(
                                "the parts are {}",
                                HandoffPart::NAMES.map(|n| format!("`{n}`")).join(", ")
                            )
                        }),
                    ),
                }),
            }
        }
        parts
    }

    // ----- rules ---------------------------------------------------------------------

    fn rule(&mut self, r: &ast::RuleItem) -> Option<RuleDef> {
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

    fn priority(&mut self, p: &ast::Ident) -> Option<Priority> {
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

    fn team_ref(&mut self, t: &ast::Ident) -> Option<TeamId> {
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

    // ----- tests ---------------------------------------------------------------------

    fn test(&mut self, t: &ast::Test) -> Option<TestDef> {
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
