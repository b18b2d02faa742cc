//! What `baton explain` shows: for every test in every rule's condition, the value it
//! saw and whether it held, with the test's place in the source (for a `mentions` test,
//! the words found and the message they are in; for a signal, the messages it counted or
//! the words it found feeling in); and how the deciding rule's team was chosen.

use super::signals::{BOT_LOOPS_SIMILAR, REPEATS_SIMILAR, Words, in_burst, signal_text};
use super::{Engine, Evaluation, Request, Val};
use crate::check::model::{
    Expr, HoursRef, Model, Operand, PhraseSetDef, Signal, TargetRef, Test, Type, format_duration,
};
use crate::compile::{Column, DecisionTable, FallbackMode, RuleAction, test_cells};
use crate::limits::SIMILARITY_WINDOW;
use crate::syntax::ast::{Scope, Sender, Span};
use crate::text::cards::mask_cards;
use crate::text::phrases::{Mention, MentionHow, PhraseMatcher};
use crate::text::similarity::at_least;
use crate::text::vader;

/// One test of a condition, as evaluated.
#[derive(Clone, Debug, PartialEq)]
pub struct Seen {
    /// Where the test is written in the policy.
    pub span: Span,
    /// The value the test looked at, in the policy's words (`tier is standard`).
    pub seen: String,
    /// Whether the test held.
    pub held: bool,
}

/// What the tests of a request are explained with: the policy (its checked model and
/// its engine, which holds the table), the request and what it was decided from.
pub struct Explainer<'a> {
    /// The checked policy, whose source places the tests.
    pub model: &'a Model,
    /// The compiled policy that decided.
    pub engine: &'a Engine,
    /// The request decided.
    pub request: &'a Request,
    /// What the request was decided from: its facts, signals and columns.
    pub evaluation: &'a Evaluation<'a>,
    /// Built on the first `mentions` test that held.
    matcher: std::cell::OnceCell<PhraseMatcher>,
    /// The same phrase sets, each `fuzzy`: built on the first `mentions` test that did
    /// not hold, to find the words one typo from a phrase.
    loose: std::cell::OnceCell<PhraseMatcher>,
}

impl<'a> Explainer<'a> {
    /// An explainer of one decision; the phrase matchers it may need are built on
    /// first use.
    pub fn new(
        model: &'a Model,
        engine: &'a Engine,
        request: &'a Request,
        evaluation: &'a Evaluation<'a>,
    ) -> Explainer<'a> {
        Explainer {
            model,
            engine,
            request,
            evaluation,
            matcher: std::cell::OnceCell::new(),
            loose: std::cell::OnceCell::new(),
        }
    }

    /// Every test of one rule's condition, in the order of the source.
    pub fn tests_seen(&self, rule: usize) -> Vec<Seen> {
        let mut out = Vec::new();
        if let Some(rule) = self.model.rules.get(rule) {
            self.walk(&rule.when, &mut out);
        }
        out.sort_by_key(|s| s.span.start);
        out
    }

    fn walk(&self, expr: &Expr, out: &mut Vec<Seen>) {
        match expr {
            Expr::Or(children) | Expr::And(children) => {
                for c in children {
                    self.walk(c, out);
                }
            }
            Expr::Not(inner) => self.walk(inner, out),
            Expr::Test(test, span) => {
                let (seen, held) = test_seen(test, self);
                out.push(Seen {
                    span: *span,
                    seen,
                    held,
                });
            }
        }
    }

    /// Whether one rule's condition held, and why: the tests that settle it, in the
    /// order of the source. For a condition that held, every part of an `and` and the
    /// first part of an `or` that held; for one that did not, the first part of an `and`
    /// that failed and every part of an `or`; a `not` turns its inside around.
    pub fn reasons(&self, rule: usize) -> Option<(bool, Vec<Seen>)> {
        let (held, mut why) = self.settle(&self.model.rules.get(rule)?.when);
        why.sort_by_key(|s| s.span.start);
        Some((held, why))
    }

    /// Why the deciding rule decided, in one line: the tests that settle its condition
    /// ([`Explainer::reasons`]) as labelled, `; ` between them. `None` when no rule
    /// decided.
    pub fn because(&self) -> Option<String> {
        let name = self.evaluation.decision.rule.as_deref()?;
        let rule = self.model.rules.iter().position(|r| r.name == name)?;
        let (_, why) = self.reasons(rule)?;
        let why: Vec<String> = why.into_iter().map(|seen| seen.seen).collect();
        (!why.is_empty()).then(|| why.join("; "))
    }

    /// The value of `expr` and the tests that settle it.
    fn settle(&self, expr: &Expr) -> (bool, Vec<Seen>) {
        match expr {
            Expr::Test(test, span) => {
                let (seen, held) = test_seen(test, self);
                let span = *span;
                (held, vec![Seen { span, seen, held }])
            }
            Expr::Not(inner) => {
                let (value, why) = self.settle(inner);
                (!value, why)
            }
            Expr::And(children) | Expr::Or(children) => {
                // An `and` is settled by its first false part, an `or` by its first true
                // one; without such a part, by all of them.
                let decisive = matches!(expr, Expr::Or(_));
                let mut all = Vec::new();
                for child in children {
                    let (value, why) = self.settle(child);
                    if value == decisive {
                        return (decisive, why);
                    }
                    all.extend(why);
                }
                (!decisive, all)
            }
        }
    }

    /// Where the customer's messages mention phrase set `set`: the latest message, or
    /// the first that does (with its number in the request) for the conversation.
    fn mention(&self, scope: Scope, set: usize) -> Option<String> {
        let matcher = self
            .matcher
            .get_or_init(|| PhraseMatcher::new(&self.model.phrase_sets));
        self.mention_by(matcher, scope, set)
    }

    /// Where a word one typo from a phrase of `set` (a set that is not `fuzzy`) is, in
    /// what a `mentions` test that did not hold looked at: what the set would have
    /// matched were it `fuzzy`. Words of fewer than 5 letters allow no typo.
    fn near_miss(&self, scope: Scope, set: usize) -> Option<String> {
        if self.model.phrase_sets.get(set)?.fuzzy {
            return None;
        }
        let loose = self.loose.get_or_init(|| {
            let sets: Vec<PhraseSetDef> = self
                .model
                .phrase_sets
                .iter()
                .map(|s| PhraseSetDef {
                    fuzzy: true,
                    ..s.clone()
                })
                .collect();
            PhraseMatcher::new(&sets)
        });
        self.mention_by(loose, scope, set)
    }

    fn mention_by(&self, matcher: &PhraseMatcher, scope: Scope, set: usize) -> Option<String> {
        let mut customer = self
            .request
            .messages
            .iter()
            .enumerate()
            .filter(|(_, m)| m.from == Sender::Customer);
        match scope {
            Scope::Message => {
                let (_, latest) = customer.next_back()?;
                let text = signal_text(&latest.text);
                let found = matcher.first_mention(set, text)?;
                Some(format!("it says {}", mention_text(&found, text)))
            }
            Scope::Conversation => customer.find_map(|(i, m)| {
                let text = signal_text(&m.text);
                let found = matcher.first_mention(set, text)?;
                Some(format!(
                    "message {} says {}",
                    i + 1,
                    mention_text(&found, text)
                ))
            }),
        }
    }
}

impl Explainer<'_> {
    /// What a signal's value was made of, when it is not 0: the messages `repeats`,
    /// `bot_loops` and `burst` counted (numbered as in the request), the words
    /// `sentiment` found feeling in. `turns` and `elapsed` say it all themselves.
    pub fn signal_detail(&self, signal: Signal) -> Option<String> {
        let messages = &self.request.messages;
        match signal {
            Signal::Repeats | Signal::BotLoops => {
                let counted = self.counted_messages(signal)?;
                let sender = if signal == Signal::Repeats {
                    Sender::Customer
                } else {
                    Sender::Bot
                };
                let last = messages.iter().rposition(|m| m.from == sender)?;
                let says = if counted.len() == 1 { "says" } else { "say" };
                (!counted.is_empty()).then(|| {
                    format!(
                        "{} {says} again what message {} says",
                        numbered(&counted),
                        last + 1
                    )
                })
            }
            Signal::Burst(span) => {
                let counted = self.counted_messages(signal)?;
                Some(format!(
                    "{} in the last {}",
                    numbered(&counted),
                    format_duration(span)
                ))
            }
            Signal::Sentiment => {
                let latest = messages.iter().rfind(|m| m.from == Sender::Customer)?;
                let (_, words) = vader::scored_words(signal_text(&latest.text));
                let mut negative: Vec<&vader::ScoredWord> =
                    words.iter().filter(|w| w.valence < 0.0).collect();
                let mut positive: Vec<&vader::ScoredWord> =
                    words.iter().filter(|w| w.valence > 0.0).collect();
                let strongest = |a: &&vader::ScoredWord, b: &&vader::ScoredWord| {
                    b.valence.abs().total_cmp(&a.valence.abs())
                };
                negative.sort_by(strongest);
                positive.sort_by(strongest);
                let show = |label: &str, list: &[&vader::ScoredWord]| {
                    (!list.is_empty()).then(|| {
                        let words: Vec<String> = list
                            .iter()
                            .take(4)
                            .map(|w| {
                                let word = crate::text::quoted(&mask_cards(&w.word));
                                if w.negated {
                                    format!("{word} (negated)")
                                } else {
                                    word
                                }
                            })
                            .collect();
                        format!("{label} {}", words.join(", "))
                    })
                };
                let parts: Vec<String> = [show("negative", &negative), show("positive", &positive)]
                    .into_iter()
                    .flatten()
                    .collect();
                (!parts.is_empty()).then(|| parts.join("; "))
            }
            Signal::Turns | Signal::Elapsed => None,
        }
    }
}

impl Explainer<'_> {
    /// The messages (positions in the request) that `repeats`, `bot_loops` or `burst`
    /// counted, as many as its value; `None` for the other signals.
    pub fn counted_messages(&self, signal: Signal) -> Option<Vec<usize>> {
        let messages = &self.request.messages;
        let of = |sender: Sender| -> Vec<usize> {
            let from = messages
                .iter()
                .enumerate()
                .filter(|(_, m)| m.from == sender);
            from.map(|(i, _)| i).collect()
        };
        match signal {
            Signal::Repeats | Signal::BotLoops => {
                let (sender, (num, den)) = if signal == Signal::Repeats {
                    (Sender::Customer, REPEATS_SIMILAR)
                } else {
                    (Sender::Bot, BOT_LOOPS_SIMILAR)
                };
                let list = of(sender);
                let Some((&last, earlier)) = list.split_last() else {
                    return Some(Vec::new());
                };
                let last_set = word_set(&messages.get(last)?.text);
                let mut similar: Vec<usize> = earlier
                    .iter()
                    .rev()
                    .take(SIMILARITY_WINDOW)
                    .copied()
                    .filter(|&i| {
                        messages
                            .get(i)
                            .is_some_and(|m| at_least(&last_set, &word_set(&m.text), num, den))
                    })
                    .collect();
                similar.sort_unstable();
                Some(similar)
            }
            Signal::Burst(span) => Some(in_burst(messages, &of(Sender::Customer), span).collect()),
            Signal::Sentiment | Signal::Turns | Signal::Elapsed => None,
        }
    }
}

/// A text's word set as `repeats` and `bot_loops` compare them: the hashes of its
/// words, sorted, without repeats.
fn word_set(text: &str) -> Vec<u64> {
    // Cut as `decide` cuts it, by the same `Words`.
    let mut words = Words::default();
    words.cut_alone(signal_text(text), None);
    let mut set = Vec::new();
    words.set(0, &mut set);
    set
}

/// Message positions as a support lead reads them: `message 3`, `messages 1, 3 and 5`,
/// `messages 1, 2, 3, 4, 5 and 7 more`.
fn numbered(positions: &[usize]) -> String {
    let shown: Vec<String> = positions
        .iter()
        .take(5)
        .map(|i| (i + 1).to_string())
        .collect();
    match (positions.len(), shown.split_last()) {
        (1, _) => format!("message {}", shown.join("")),
        (n, _) if n > 5 => format!("messages {} and {} more", shown.join(", "), n - 5),
        (_, Some((last, rest))) => format!("messages {} and {last}", rest.join(", ")),
        (_, None) => "no message".to_string(),
    }
}

/// One team the deciding rule's targets name, in the order they are tried (design
/// section 4).
#[derive(Clone, Debug, PartialEq)]
pub struct CandidateSeen {
    /// The team's name.
    pub team: String,
    /// The skill that put it on the list, when no target named it.
    pub skill: Option<String>,
    /// Its hours' name, or `None` for a team that is always open.
    pub hours: Option<String>,
    /// The time its hours read, when it keeps hours (`Tue 24 Nov 23:30 in Europe/London`).
    pub local_time: Option<String>,
    /// Whether its hours were open at the decision's time.
    pub open: bool,
    /// Agents free, as the request reports it.
    pub available: Option<u32>,
    /// Customers waiting, as the request reports it.
    pub waiting: Option<u32>,
    /// Open, and not reported to have no agent free.
    pub reachable: bool,
}

/// How the deciding rule's team was chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct RoutingSeen {
    /// Every team the targets name, in the order tried.
    pub candidates: Vec<CandidateSeen>,
    /// When no candidate was reachable: the fallback used, and whose it is.
    pub fallback: Option<FallbackSeen>,
}

/// Whose fallback an escalation with no reachable team took.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FallbackSeen {
    /// The rule's own `offline` line.
    Rule(FallbackMode),
    /// The policy's `offline` item.
    Policy(FallbackMode),
    /// No fallback anywhere: the customer waits in the first team's queue.
    Queue,
}

impl Explainer<'_> {
    /// The candidates of the rule that decided, each with what made it reachable or
    /// not; `None` when no rule escalated.
    #[expect(
        clippy::indexing_slicing,
        reason = "team and hours indexes were validated with the table"
    )]
    pub fn routing(&self) -> Option<RoutingSeen> {
        let engine = self.engine;
        let table = engine.table();
        let name = self.evaluation.decision.rule.as_deref()?;
        let rule = table.rules.iter().find(|r| &*r.name == name)?;
        let RuleAction::Escalate { targets, .. } = &rule.action else {
            return None;
        };
        let now = self.evaluation.now;
        let candidates: Vec<CandidateSeen> = engine
            .candidates(targets, self.request)
            .into_iter()
            .map(|t| {
                let team = &table.teams[t];
                let status = engine.status(t, self.request);
                // The first target that lists the team is the one that put it there.
                let skill = targets.iter().find_map(|target| match target {
                    TargetRef::Team(id) if *id == t => Some(None),
                    TargetRef::Skill { name, teams } if teams.contains(&t) => {
                        Some(Some(name.clone()))
                    }
                    _ => None,
                });
                let (hours, local_time) = match team.hours {
                    HoursRef::Always => (None, None),
                    HoursRef::Named(h) => (
                        Some(table.hours[h].name.clone()),
                        Some(engine.hours[h].local_time(now)),
                    ),
                };
                CandidateSeen {
                    team: team.name.to_string(),
                    skill: skill.flatten(),
                    hours,
                    local_time,
                    open: engine.open(team.hours, now),
                    available: status.available,
                    waiting: status.waiting,
                    reachable: engine.reachable(t, self.request, now),
                }
            })
            .collect();
        let fallback = match (&rule.offline, &table.offline) {
            (Some(own), _) => FallbackSeen::Rule(own.mode),
            (None, Some(policy)) => FallbackSeen::Policy(policy.mode),
            (None, None) => FallbackSeen::Queue,
        };
        let fallback = (!candidates.iter().any(|c| c.reachable)).then_some(fallback);
        Some(RoutingSeen {
            candidates,
            fallback,
        })
    }
}

/// The words a mention was found in, as the message has them (card numbers masked),
/// and how they match the phrase when they are not the phrase as written.
fn mention_text(found: &Mention, text: &str) -> String {
    let words = text.get(found.range.clone()).unwrap_or_default();
    let words: Vec<&str> = words.split_whitespace().collect();
    let shown = crate::text::quoted(&mask_cards(&words.join(" ")));
    match found.how {
        MentionHow::AsWritten => shown,
        MentionHow::ByPrefix => format!("{shown} ({})", found.phrase),
        MentionHow::WithinOneEdit => format!(
            "{shown}, one typo from {}",
            crate::text::quoted(&found.phrase)
        ),
    }
}

#[expect(
    clippy::indexing_slicing,
    reason = "the cells and columns come from the model the table was compiled from, and the evaluation has one value per column and per fact"
)]
fn test_seen(test: &Test, explainer: &Explainer<'_>) -> (String, bool) {
    let Explainer {
        model,
        engine,
        evaluation: ev,
        ..
    } = *explainer;
    let table = engine.table();
    // Whether it held: by the cells the table uses for it, on the values decided with.
    let held = test_cells(model, &table.columns, test)
        .iter()
        .any(|(c, cell)| ev.columns.get(*c).is_some_and(|v| cell.holds(*v)));
    let seen = match test {
        Test::Compare { operand, .. } | Test::In { operand, .. } => {
            let (name, ty, val) = operand_value(*operand, model, table, ev);
            let detail = match (operand, val) {
                (Operand::Signal(s), Val::Num(x)) if x != 0.0 => explainer.signal_detail(*s),
                _ => None,
            };
            match detail {
                Some(detail) => format!("{name} is {}: {detail}", show(&ty, val)),
                None => format!("{name} is {}", show(&ty, val)),
            }
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
                let none = format!("no phrase of {} in {place}", names.join(" or "));
                // A typo the set does not allow is worth saying: it is why many a test
                // of a new phrase fails.
                let near: Vec<String> = sets
                    .iter()
                    .filter_map(|&set| {
                        let miss = explainer.near_miss(*scope, set)?;
                        let name = &model.phrase_sets[set].name;
                        Some(format!("{miss}: `phrases {name} fuzzy` would match it"))
                    })
                    .collect();
                if near.is_empty() {
                    none
                } else {
                    format!("{none} ({})", near.join("; "))
                }
            } else {
                // Each set found, with where: `billing: message 2 says "refunded" (refund*)`.
                let shown: Vec<String> = sets
                    .iter()
                    .filter(|&&set| found.contains(&model.phrase_sets[set].name.as_str()))
                    .map(|&set| {
                        let name = &model.phrase_sets[set].name;
                        match explainer.mention(*scope, set) {
                            Some(place) => format!("{name}: {place}"),
                            None => name.clone(),
                        }
                    })
                    .collect();
                format!("{place} mentions {}", shown.join("; "))
            }
        }
        Test::Within(hours) => {
            let name = match hours {
                HoursRef::Always => "always",
                HoursRef::Named(h) => model.hours[*h].name.as_str(),
            };
            let state = if held { "open" } else { "closed" };
            match hours {
                HoursRef::Always => format!("{name}: {state} now"),
                HoursRef::Named(h) => format!(
                    "{name}: {state} now, {}",
                    explainer.engine.hours[*h].local_time(ev.now)
                ),
            }
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
        (_, Val::Text(t)) => crate::text::quoted(&crate::text::cards::mask_cards(t)),
        (Type::Choice(values), Val::Choice(c)) => values.get(c).cloned().unwrap_or_default(),
        (_, Val::Choice(c)) => c.to_string(),
    }
}
