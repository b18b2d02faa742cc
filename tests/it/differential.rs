//! The compiled decision table against a plain tree-walking evaluation of each rule's
//! checked condition, on 10,000 generated requests per shipped example. The walker
//! computes everything its own simple way (its own word splitter, phrase scan, edit
//! distance, Jaccard with sets of strings, local time with jiff); only VADER, checked
//! against vaderSentiment's own scores elsewhere, is shared.

use std::collections::HashSet;
use std::sync::Arc;

use baton::check::model::{Expr, HoursRef, Model, Operand, Signal, Test, Type, Value};
use baton::syntax::ast::{CmpOp, Scope};
use jiff::Timestamp;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value as Json, json};

use crate::root;

/// A fact's value as the walker sees it.
#[derive(Clone, Debug, PartialEq)]
enum V {
    Num(f64),
    Bool(bool),
    Text(String),
    Choice(usize),
}

#[derive(Clone, Debug)]
pub struct Msg {
    from: &'static str,
    text: String,
    at: Timestamp,
}

#[derive(Clone, Debug)]
pub struct Case {
    facts: Vec<Option<V>>,
    pub messages: Vec<Msg>,
    now: Timestamp,
    explicit_now: bool,
    /// What the request says of some teams: (team, available, waiting).
    teams: Vec<(usize, Option<u32>, Option<u32>)>,
}

// ---- the walker --------------------------------------------------------------------

/// Words as design section 3.2 defines them, with whether only white space came before:
/// letters and digits with the combining marks written after them (variation selectors
/// aside), an apostrophe or zero-width (non-)joiner kept between two word characters;
/// a Chinese character or a hiragana is a word of its own, with its marks; lower-cased
/// (the Turkish `İ` as `i`), full-width letters and digits read as ASCII, half-width
/// katakana as full-width, `’` read as
/// `'`, the joiners left out, composed (NFC).
pub fn words(text: &str) -> Vec<(String, bool)> {
    use unicode_normalization::UnicodeNormalization;
    // Han and hiragana, in the blocks the tests use.
    let own = |c: char| {
        matches!(u32::from(c), 0x3005 | 0x3007 | 0x3021..=0x3029 | 0x3038..=0x303B
            | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFA6D | 0xFA70..=0xFAD9
            | 0x20000..=0x2A6DF | 0x3041..=0x3096 | 0x309D..=0x309F)
    };
    let starts = |c: char| c.is_alphanumeric() && !own(c);
    let mark = |c: char| {
        unicode_normalization::char::is_combining_mark(c)
            && !matches!(c, '\u{180B}'..='\u{180D}' | '\u{180F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
    };
    let lower = |c: char, w: &mut String| {
        if c == '\u{130}' {
            w.push('i');
        } else if ('\u{FF61}'..='\u{FF9F}').contains(&c) {
            // Half-width katakana: NFKC's full-width one.
            w.extend(c.to_string().nfkc());
        } else if let Some(ascii) = ('\u{FF01}'..='\u{FF5E}')
            .contains(&c)
            .then(|| char::from_u32(u32::from(c) - 0xFF01 + 0x21))
            .flatten()
        {
            w.push(ascii.to_ascii_lowercase());
        } else {
            w.extend(c.to_lowercase());
        }
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut i = 0;
    let mut only_space = false;
    while i < chars.len() {
        let c = chars[i];
        let mut w = String::new();
        if own(c) {
            lower(c, &mut w);
            i += 1;
            while i < chars.len() && mark(chars[i]) {
                lower(chars[i], &mut w);
                i += 1;
            }
        } else if starts(c) {
            lower(c, &mut w);
            i += 1;
            while i < chars.len() {
                let c = chars[i];
                if starts(c) || mark(c) {
                    lower(c, &mut w);
                    i += 1;
                } else if matches!(c, '\'' | '’' | '\u{200C}' | '\u{200D}')
                    && chars.get(i + 1).is_some_and(|&n| starts(n))
                {
                    if matches!(c, '\'' | '’') {
                        w.push('\'');
                    }
                    i += 1;
                } else {
                    break;
                }
            }
        } else {
            if !c.is_whitespace() {
                only_space = false;
            }
            i += 1;
            continue;
        }
        let joined = only_space && !out.is_empty();
        out.push((w.nfc().collect(), joined));
        only_space = true;
    }
    out
}

fn mentions(model: &Model, set: usize, text: &str) -> bool {
    let ws = words(text);
    let def = &model.phrase_sets[set];
    def.phrases.iter().any(|phrase| {
        let n = phrase.words.len();
        (0..ws.len()).any(|start| {
            start + n <= ws.len()
                && phrase.words.iter().enumerate().all(|(k, pw)| {
                    let (w, joined) = &ws[start + k];
                    (k == 0 || *joined)
                        && if pw.prefix {
                            w.starts_with(&pw.text)
                        } else if def.fuzzy && pw.text.chars().count() >= 5 {
                            strsim::osa_distance(&pw.text, w) <= 1
                        } else {
                            *w == pw.text
                        }
                })
        })
    })
}

fn word_set(text: &str) -> HashSet<String> {
    words(text).into_iter().map(|(w, _)| w).collect()
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        0.0
    } else {
        a.intersection(b).count() as f64 / union as f64
    }
}

fn secs(a: Timestamp, b: Timestamp) -> f64 {
    (b.as_nanosecond() - a.as_nanosecond()) as f64 / 1e9
}

/// Earlier messages whose word set has a Jaccard similarity of at least `threshold` with
/// the latest one's.
fn similar_to_latest(messages: &[&Msg], threshold: f64) -> f64 {
    match messages.split_last() {
        Some((last, earlier)) => {
            let l = word_set(&last.text);
            earlier
                .iter()
                .rev()
                .take(baton::limits::SIMILARITY_WINDOW)
                .filter(|m| jaccard(&l, &word_set(&m.text)) >= threshold)
                .count() as f64
        }
        None => 0.0,
    }
}

fn signal(case: &Case, s: Signal) -> f64 {
    let customer: Vec<&Msg> = case
        .messages
        .iter()
        .filter(|m| m.from == "customer")
        .collect();
    let bots: Vec<&Msg> = case.messages.iter().filter(|m| m.from == "bot").collect();
    match s {
        Signal::Sentiment => customer
            .last()
            .map_or(0.0, |m| baton::text::vader::compound(&m.text)),
        Signal::Repeats => similar_to_latest(&customer, 0.6),
        Signal::BotLoops => similar_to_latest(&bots, 0.8),
        Signal::Burst(d) => match customer.last() {
            Some(last) => customer.iter().filter(|m| secs(m.at, last.at) <= d).count() as f64,
            None => 0.0,
        },
        Signal::Turns => customer.len() as f64,
        Signal::Elapsed => case.messages.first().map_or(0.0, |m| secs(m.at, case.now)),
    }
}

fn within(model: &Model, hours: HoursRef, at: Timestamp) -> bool {
    let HoursRef::Named(h) = hours else {
        return true;
    };
    let def = &model.hours[h];
    let local = jiff::tz::TimeZone::get(&def.zone).unwrap().to_datetime(at);
    if def.closed.contains(&local.date()) {
        return false;
    }
    let minute = local.weekday().to_monday_zero_offset() as u32 * 1440
        + local.hour() as u32 * 60
        + local.minute() as u32;
    def.week.iter().any(|&(a, b)| a <= minute && minute < b)
}

fn value_of(model: &Model, case: &Case, operand: Operand) -> V {
    match operand {
        Operand::Fact(f) => {
            case.facts[f]
                .clone()
                .unwrap_or_else(|| match model.facts[f].default.clone().unwrap() {
                    Value::Number(n) => V::Num(n),
                    Value::Bool(b) => V::Bool(b),
                    Value::Text(t) => V::Text(t),
                    Value::Choice(c) => V::Choice(c),
                })
        }
        Operand::Signal(s) => V::Num(signal(case, s)),
    }
}

fn equal(v: &V, lit: &Value) -> bool {
    match (v, lit) {
        (V::Num(a), Value::Number(b)) => a == b,
        (V::Bool(a), Value::Bool(b)) => a == b,
        (V::Text(a), Value::Text(b)) => a == b,
        (V::Choice(a), Value::Choice(b)) => a == b,
        _ => panic!("the checker let {v:?} meet {lit:?}"),
    }
}

fn holds(model: &Model, case: &Case, expr: &Expr) -> bool {
    match expr {
        Expr::Or(cs) => cs.iter().any(|c| holds(model, case, c)),
        Expr::And(cs) => cs.iter().all(|c| holds(model, case, c)),
        Expr::Not(c) => !holds(model, case, c),
        Expr::Test(test, _) => match test {
            Test::Compare { operand, op, value } => {
                let v = value_of(model, case, *operand);
                match (op, &v, value) {
                    (CmpOp::Eq, ..) => equal(&v, value),
                    (CmpOp::Ne, ..) => !equal(&v, value),
                    (CmpOp::Lt, V::Num(a), Value::Number(b)) => a < b,
                    (CmpOp::Le, V::Num(a), Value::Number(b)) => a <= b,
                    (CmpOp::Gt, V::Num(a), Value::Number(b)) => a > b,
                    (CmpOp::Ge, V::Num(a), Value::Number(b)) => a >= b,
                    _ => panic!("an order comparison on {v:?}"),
                }
            }
            Test::In {
                operand,
                negated,
                values,
            } => {
                let v = value_of(model, case, *operand);
                values.iter().any(|lit| equal(&v, lit)) != *negated
            }
            Test::Mentions { scope, sets } => {
                let customer: Vec<&Msg> = case
                    .messages
                    .iter()
                    .filter(|m| m.from == "customer")
                    .collect();
                let texts: Vec<&Msg> = match scope {
                    Scope::Message => customer.last().into_iter().copied().collect(),
                    Scope::Conversation => customer,
                };
                sets.iter()
                    .any(|&s| texts.iter().any(|m| mentions(model, s, &m.text)))
            }
            Test::Within(h) => within(model, *h, case.now),
            Test::Flag(f) => value_of(model, case, Operand::Fact(*f)) == V::Bool(true),
        },
    }
}

// ---- generating requests -------------------------------------------------------------

/// Every literal each fact is compared with, so generated values sit on and around the
/// thresholds.
fn literals(expr: &Expr, out: &mut Vec<(usize, Value)>) {
    match expr {
        Expr::Or(cs) | Expr::And(cs) => cs.iter().for_each(|c| literals(c, out)),
        Expr::Not(c) => literals(c, out),
        Expr::Test(
            Test::Compare {
                operand: Operand::Fact(f),
                value,
                ..
            },
            _,
        ) => out.push((*f, value.clone())),
        Expr::Test(
            Test::In {
                operand: Operand::Fact(f),
                values,
                ..
            },
            _,
        ) => out.extend(values.iter().map(|v| (*f, v.clone()))),
        Expr::Test(..) => {}
    }
}

fn candidates(model: &Model) -> Vec<Vec<V>> {
    let mut lits = Vec::new();
    for rule in &model.rules {
        literals(&rule.when, &mut lits);
    }
    model
        .facts
        .iter()
        .enumerate()
        .map(|(i, fact)| {
            let near: Vec<f64> = lits
                .iter()
                .filter(|(f, _)| *f == i)
                .filter_map(|(_, v)| match v {
                    Value::Number(n) => Some(*n),
                    _ => None,
                })
                .flat_map(|n| [n, n - 0.01, n + 0.01, n - 1.0, n + 1.0])
                .collect();
            match &fact.ty {
                Type::Number => near
                    .iter()
                    .chain(&[0.0, 1.0, 2.0, 3.0, 5.0, 100.0])
                    .map(|n| V::Num(*n))
                    .collect(),
                Type::Duration => near
                    .iter()
                    .chain(&[0.0, 30.0, 60.0, 600.0, 3600.0])
                    .filter(|n| **n >= 0.0)
                    .map(|n| V::Num(*n))
                    .collect(),
                Type::Percent => near
                    .iter()
                    .chain(&[0.0, 0.25, 0.5, 0.59, 0.6, 0.85, 0.9, 1.0])
                    .filter(|n| (0.0..=1.0).contains(*n))
                    .map(|n| V::Num(*n))
                    .collect(),
                Type::Bool => vec![V::Bool(true), V::Bool(false)],
                Type::Choice(values) => (0..values.len()).map(V::Choice).collect(),
                Type::Text => {
                    let mut texts: Vec<V> = lits
                        .iter()
                        .filter(|(f, _)| *f == i)
                        .filter_map(|(_, v)| match v {
                            Value::Text(t) => Some(V::Text(t.clone())),
                            _ => None,
                        })
                        .collect();
                    texts.push(V::Text("something else".into()));
                    texts.push(V::Text(String::new()));
                    texts
                }
            }
        })
        .collect()
}

/// The words messages are made of: every phrase word (with a typo, a prefix form and a
/// capitalised form), near misses, and everyday words.
fn vocabulary(model: &Model) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for set in &model.phrase_sets {
        for phrase in &set.phrases {
            for w in &phrase.words {
                v.push(w.text.clone());
                v.push(format!("{}s", w.text));
                v.push(w.text.to_uppercase());
                // The same word with its first vowel accented by a combining mark: a
                // word of its own, which matches nothing but itself.
                if let Some(at) = w.text.find(['a', 'e', 'i', 'o', 'u']) {
                    let mut accented = w.text.clone();
                    accented.insert(at + 1, '\u{301}');
                    v.push(accented);
                }
                if w.text.len() >= 5 {
                    let mut typo: Vec<char> = w.text.chars().collect();
                    typo.swap(1, 2);
                    v.push(typo.into_iter().collect());
                }
            }
            v.push(phrase.text.clone());
        }
    }
    for w in [
        "issue",
        "fraudster",
        "representatives",
        "hello",
        "where",
        "is",
        "my",
        "package",
        "this",
        "terrible",
        "great",
        "not",
        "good",
        "thanks",
        "I",
        "can't",
        "don’t",
        "the",
        "worst",
        "love",
        "😡",
        "order",
        "#4829",
        "please",
        "help",
        "?",
        "!!",
        "no",
        // Accents typed as characters of their own, and the marks of other scripts.
        "re\u{301}sume\u{301}",
        "résumé",
        "RÉSUMÉ",
        "नमस्ते",
        "नमस",
        "می\u{200C}خواهم",
        "میخواهم",
        "1\u{FE0F}\u{20E3}",
        "1",
        "İADE",
        "iade",
        // Full-width, as Chinese and Japanese input methods type Latin letters.
        "ＲＥＦＵＮＤ",
        "ｈｕｍａｎ",
        "ｏｒｄｅｒ１２３",
        // Scripts without spaces between words.
        "我要转人工",
        "转人工",
        "人工客服",
        "オペレーターと話したい",
        "オペレーター",
        "ｵﾍﾟﾚｰﾀｰ",
        "ｵﾍﾟﾚｰﾀｰと話したい",
        "か\u{3099}",
    ] {
        v.push(w.into());
    }
    v
}

const SEPARATORS: [&str; 5] = [" ", "  ", ", ", "! ", "\n"];

pub fn case_strategy(model: Arc<Model>) -> impl Strategy<Value = Case> {
    let cands = Arc::new(candidates(&model));
    let vocab = Arc::new(vocabulary(&model));
    let n = model.facts.len();
    let facts = prop::collection::vec((any::<bool>(), any::<Index>()), n);
    // A message may repeat an earlier one with a few words added, so that `repeats`
    // and `bot_loops` meet their thresholds exactly (3 shared words of 5 is 0.6).
    let message = (
        0usize..3,
        prop::collection::vec((any::<Index>(), 0usize..SEPARATORS.len()), 0..10),
        0i64..120,
        prop::option::of(any::<Index>()),
    );
    let messages = prop::collection::vec(message, 0..7);
    // Any second of 2026, which crosses both daylight-saving changes and every closed
    // date of the examples.
    let start = 1_767_225_600i64..1_798_761_600i64;
    let teams = prop::collection::vec(
        (
            any::<Index>(),
            prop::option::of(0u32..3),
            prop::option::of(0u32..6),
        ),
        0..4,
    );
    let team_count = model.teams.len();
    (facts, messages, start, prop::option::of(0i64..4000), teams).prop_map(
        move |(facts, messages, start, now_gap, teams)| {
            let facts = facts
                .into_iter()
                .enumerate()
                .map(|(i, (absent, pick))| {
                    let optional = model.facts[i].default.is_some();
                    if optional && absent {
                        None
                    } else {
                        Some(pick.get(&cands[i]).clone())
                    }
                })
                .collect();
            let mut at = start;
            let msgs: Vec<Msg> = messages
                .into_iter()
                .scan(Vec::<String>::new(), |earlier, (from, ws, gap, copy)| {
                    at += gap;
                    let mut text = match copy {
                        Some(pick) if !earlier.is_empty() => format!("{} ", pick.get(&earlier[..])),
                        _ => String::new(),
                    };
                    let ws = if text.is_empty() {
                        &ws[..]
                    } else {
                        &ws[..ws.len().min(2)]
                    };
                    for (w, sep) in ws {
                        text.push_str(w.get::<String>(&vocab[..]));
                        text.push_str(SEPARATORS[*sep]);
                    }
                    earlier.push(text.clone());
                    Some(Msg {
                        from: ["customer", "customer", "bot"][from],
                        text,
                        at: Timestamp::from_second(at).unwrap(),
                    })
                })
                .collect();
            let last = msgs.last().map_or(start, |m| m.at.as_second());
            let (now, explicit_now) = match now_gap {
                Some(g) => (last + g, true),
                None if msgs.is_empty() => (start, true),
                None => (last, false),
            };
            Case {
                facts,
                messages: msgs,
                now: Timestamp::from_second(now).unwrap(),
                explicit_now,
                teams: teams
                    .into_iter()
                    .map(|(t, available, waiting)| (t.index(team_count), available, waiting))
                    .collect(),
            }
        },
    )
}

pub fn request_json(model: &Model, case: &Case) -> Json {
    let mut facts = serde_json::Map::new();
    for (fact, value) in model.facts.iter().zip(&case.facts) {
        let Some(value) = value else { continue };
        let j = match (value, &fact.ty) {
            (V::Num(n), _) => json!(n),
            (V::Bool(b), _) => json!(b),
            (V::Text(t), _) => json!(t),
            (V::Choice(c), Type::Choice(values)) => json!(values[*c]),
            (V::Choice(_), _) => unreachable!(),
        };
        facts.insert(fact.name.clone(), j);
    }
    let messages: Vec<Json> = case
        .messages
        .iter()
        .map(|m| json!({"from": m.from, "text": m.text, "at": m.at.to_string()}))
        .collect();
    let mut r = json!({"facts": facts, "messages": messages});
    if case.explicit_now {
        r["now"] = json!(case.now.to_string());
    }
    if !case.teams.is_empty() {
        let mut teams = serde_json::Map::new();
        for (t, available, waiting) in &case.teams {
            let mut status = serde_json::Map::new();
            if let Some(a) = available {
                status.insert("available".into(), json!(a));
            }
            if let Some(w) = waiting {
                status.insert("waiting".into(), json!(w));
            }
            teams.insert(model.teams[*t].name.clone(), Json::Object(status));
        }
        r["teams"] = Json::Object(teams);
    }
    r
}

const EXAMPLES: [&str; 4] = ["acme", "bank", "telecom", "software"];

/// A shipped example, compiled, with its checked model.
fn example_policy(name: &str) -> (baton::Policy, Arc<Model>) {
    let source =
        std::fs::read_to_string(root().join(format!("rules-examples/{name}.baton"))).unwrap();
    let policy = baton::Policy::compile(name, &source).unwrap();
    let model = Arc::new(policy.model().unwrap().clone());
    (policy, model)
}

#[test]
fn the_table_agrees_with_a_tree_walk_on_every_example() {
    for example in EXAMPLES {
        let (policy, model) = example_policy(example);
        // The table saved as JSON and loaded back, without the source, must decide alike.
        let saved = serde_json::to_string(policy.table()).unwrap();
        let loaded = baton::Policy::from_table(serde_json::from_str(&saved).unwrap()).unwrap();
        let mut runner = TestRunner::new(Config {
            cases: 10_000,
            failure_persistence: None,
            ..Config::default()
        });
        let escalations = std::cell::Cell::new(0);
        let result = runner.run(&case_strategy(model.clone()), |case| {
            let request = baton::Request::from_value(&request_json(&model, &case)).unwrap();
            let decision = policy.decide(&request).unwrap();
            let expected: Vec<&str> = model
                .rules
                .iter()
                .filter(|r| holds(&model, &case, &r.when))
                .map(|r| r.name.as_str())
                .collect();
            let got: Vec<&str> = decision.matched.iter().map(|m| &**m).collect();
            prop_assert_eq!(&got, &expected, "matched rules for {:?}", case);
            prop_assert_eq!(decision.rule.as_deref(), expected.first().copied());
            prop_assert_eq!(&loaded.decide(&request).unwrap(), &decision);
            if decision.outcome == baton::Outcome::Escalate {
                escalations.set(escalations.get() + 1);
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{example}: {e}");
        }
        // The generator reaches both outcomes, so the agreement means something.
        assert!(
            escalations.get() > 1000 && escalations.get() < 9000,
            "{example}: {} escalations",
            escalations.get()
        );
    }
}

/// `baton explain` never contradicts the decision, nor the walker: the phrase it shows
/// for a `mentions` test is found in a message exactly when the walker finds the set
/// there (and the words it quotes mention the set on their own), and the team its
/// routing chooses, or names with a fallback, is the decision's.
#[test]
fn explain_agrees_with_the_decision_and_the_walker() {
    use baton::text::phrases::PhraseMatcher;
    for example in EXAMPLES {
        let (policy, model) = example_policy(example);
        let matcher = PhraseMatcher::new(&model.phrase_sets);
        let mut runner = TestRunner::new(Config {
            cases: 2_000,
            failure_persistence: None,
            ..Config::default()
        });
        let (mentions_found, fallbacks) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
        let counted_some = std::cell::Cell::new(0);
        let counts_messages = policy
            .table()
            .signals
            .iter()
            .any(|s| matches!(s, Signal::Repeats | Signal::BotLoops | Signal::Burst(_)));
        let result = runner.run(&case_strategy(model.clone()), |case| {
            for m in case.messages.iter().filter(|m| m.from == "customer") {
                // What deciding finds (`find`, phrases grouped by their first word) and
                // what explain shows (`first_mention`, every phrase in turn) both agree
                // with the walker's plain scan.
                let marked = matcher.find_in_text(&m.text);
                for (set, &marked) in marked.iter().enumerate() {
                    prop_assert_eq!(
                        marked,
                        mentions(&model, set, &m.text),
                        "find: set {} in {:?}",
                        &model.phrase_sets[set].name,
                        &m.text
                    );
                    let found = matcher.first_mention(set, &m.text);
                    prop_assert_eq!(
                        found.is_some(),
                        mentions(&model, set, &m.text),
                        "set {} in {:?}",
                        &model.phrase_sets[set].name,
                        &m.text
                    );
                    if let Some(found) = found {
                        mentions_found.set(mentions_found.get() + 1);
                        prop_assert!(mentions(&model, set, &m.text[found.range.clone()]));
                        prop_assert!(
                            model.phrase_sets[set]
                                .phrases
                                .iter()
                                .any(|p| p.text == found.phrase)
                        );
                    }
                }
            }
            let request = baton::Request::from_value(&request_json(&model, &case)).unwrap();
            let evaluation = policy.evaluate(&request).unwrap();
            let decision = &evaluation.decision;
            let explainer = policy.explainer(&request, &evaluation).unwrap();
            // The messages it says a signal counted are as many as the signal's value;
            // the words it says carried the sentiment come with the very score.
            for (signal, value) in policy.table().signals.iter().zip(&evaluation.signals) {
                if let Some(counted) = explainer.counted_messages(*signal) {
                    prop_assert_eq!(counted.len() as f64, *value, "{:?}", signal);
                    if *value > 0.0 {
                        counted_some.set(counted_some.get() + 1);
                        prop_assert!(explainer.signal_detail(*signal).is_some());
                    }
                }
                if *signal == Signal::Sentiment {
                    let latest = case.messages.iter().rev().find(|m| m.from == "customer");
                    let score = latest.map_or(0.0, |m| baton::text::vader::scored_words(&m.text).0);
                    prop_assert_eq!(score, *value);
                }
            }
            // Each rule's condition, settled test by test as `because` explains it,
            // comes out as the table decided it.
            for (rule, &matched) in evaluation.matched.iter().enumerate() {
                let (held, why) = explainer.reasons(rule).unwrap();
                prop_assert_eq!(held, matched, "rule {}", &model.rules[rule].name);
                prop_assert!(!why.is_empty());
            }
            match explainer.routing() {
                None => prop_assert_eq!(decision.outcome, baton::Outcome::Stay),
                Some(routing) => {
                    let first = routing.candidates.first().map(|c| c.team.as_str());
                    match routing.candidates.iter().find(|c| c.reachable) {
                        Some(chosen) => {
                            prop_assert_eq!(decision.team.as_deref(), Some(chosen.team.as_str()));
                            prop_assert_eq!(routing.fallback, None);
                            prop_assert_eq!(
                                decision.handoff,
                                Some(baton::check::model::Handoff::Live)
                            );
                        }
                        None => {
                            fallbacks.set(fallbacks.get() + 1);
                            prop_assert_eq!(decision.team.as_deref(), first);
                            prop_assert!(routing.fallback.is_some());
                            prop_assert_ne!(
                                decision.handoff,
                                Some(baton::check::model::Handoff::Live)
                            );
                        }
                    }
                    for c in &routing.candidates {
                        prop_assert_eq!(c.reachable, c.open && c.available != Some(0));
                    }
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{example}: {e}");
        }
        // Both sides are reached, so the agreement means something.
        assert!(
            mentions_found.get() > 100,
            "{example}: {} mentions",
            mentions_found.get()
        );
        assert!(
            fallbacks.get() > 50,
            "{example}: {} fallbacks",
            fallbacks.get()
        );
        if counts_messages {
            assert!(
                counted_some.get() > 100,
                "{example}: {} counted",
                counted_some.get()
            );
        }
    }
}
