//! `decide` on the canonical acme policy over a corpus of realistic requests, every
//! signal computed from the text (VADER included), against two baselines in the same run:
//! a hand-written Rust function with the same rules that computes the same signals with
//! the same text functions (each message cut into words once, in room kept between calls),
//! but has no table, no validation and builds no context packet;
//! and the reference point, the same rules given the four signals computed before
//! (only the facts and the phrases read from the request).
//! Also: compiling acme from source.

#[path = "common/corpus.rs"]
mod corpus;
#[path = "common/policies.rs"]
mod policies;

use std::hint::black_box;

use baton::text::phrases::{MessageWord, PhraseMatcher, push_words};
use baton::text::similarity::at_least;
use baton::{Policy, Request};
use criterion::{Criterion, criterion_group, criterion_main};

const ACME: &str = include_str!("../rules-examples/acme.baton");

/// acme's rules written by hand.
struct HandWritten {
    matcher: PhraseMatcher,
    /// Each phrase as written, `*` dropped, for matching substrings.
    sets: Vec<Vec<String>>,
}

/// Room kept between decisions, so that the hand-written forms allocate nothing once
/// warm: one lower-cased message (substrings), one message's words and the flags they set
/// (whole words), and the word sets of a request's messages.
#[derive(Default)]
struct Scratch {
    lowered: String,
    buffer: String,
    words: Vec<MessageWord>,
    found: Vec<bool>,
    /// Word sets (sorted word hashes), the first `used` of them this request's.
    word_sets: Vec<Vec<u64>>,
    used: usize,
    customer: Vec<usize>,
    bots: Vec<usize>,
}

/// The four signals acme reads, as [`HandWritten::decide_given`] is given them.
#[derive(Clone, Copy, Debug)]
struct Signals {
    sentiment: f64,
    repeats: f64,
    burst: f64,
    bot_loops: f64,
}

/// acme's facts, as the rules read them.
struct Facts<'a> {
    confidence: f64,
    intent: &'a str,
    failed: f64,
    vip: bool,
    button: bool,
}

impl HandWritten {
    fn new(policy: &Policy) -> HandWritten {
        let sets = &policy.model().expect("compiled from source").phrase_sets;
        HandWritten {
            matcher: PhraseMatcher::new(sets),
            sets: sets
                .iter()
                .map(|set| {
                    set.phrases
                        .iter()
                        .map(|p| p.text.trim_end_matches('*').to_lowercase())
                        .collect()
                })
                .collect(),
        }
    }

    /// Which sets `text` mentions, the fast way and the wrong one: each phrase looked
    /// for as a substring of the lower-cased text, so "issue" mentions `sue`.
    fn substring_mentions(&self, text: &str, room: &mut Scratch) -> [bool; 4] {
        room.lowered.clear();
        room.lowered.push_str(text);
        room.lowered.make_ascii_lowercase(); // the corpus is ASCII
        let mut found = [false; 4];
        for (f, set) in found.iter_mut().zip(&self.sets) {
            *f = set
                .iter()
                .any(|phrase| room.lowered.contains(phrase.as_str()));
        }
        found
    }

    fn facts(r: &Request) -> Facts<'_> {
        let fact = |name: &str| r.facts.get(name);
        Facts {
            confidence: fact("confidence").and_then(|v| v.as_f64()).unwrap_or(0.0),
            intent: fact("intent").and_then(|v| v.as_str()).unwrap_or("unknown"),
            failed: fact("failed_attempts")
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0),
            vip: fact("tier").and_then(|v| v.as_str()) == Some("vip"),
            button: fact("escalate_button")
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
        }
    }

    /// Cuts `text` into words in `room` (looking them up in the matcher when `phrases`),
    /// keeps its word set as the next of `room.word_sets`, and says which phrase sets it
    /// mentions (all false without `phrases`).
    fn cut(&self, text: &str, phrases: bool, room: &mut Scratch) -> [bool; 4] {
        let found = if phrases {
            // Leaves the message's words in `room.words`.
            self.word_mentions(text, room)
        } else {
            room.buffer.clear();
            room.words.clear();
            push_words(text, &mut room.buffer, &mut room.words, None);
            [false; 4]
        };
        if room.word_sets.len() == room.used {
            room.word_sets.push(Vec::new());
        }
        let set = &mut room.word_sets[room.used];
        set.clear();
        set.extend(room.words.iter().map(|w| w.hash));
        set.sort_unstable();
        set.dedup();
        room.used += 1;
        found
    }

    /// How many of the earlier sets (the latest 100) are similar enough to the last.
    fn similar_to_last(sets: &[Vec<u64>], of: &[usize], num: usize, den: usize) -> usize {
        match of.split_last() {
            Some((&last, earlier)) => earlier
                .iter()
                .rev()
                .take(baton::limits::SIMILARITY_WINDOW)
                .filter(|&&i| at_least(&sets[last], &sets[i], num, den))
                .count(),
            None => 0,
        }
    }

    /// Everything from the request: facts, phrases and the four signals. Each message is
    /// cut into words once, in room kept between calls: Baton's own text functions and
    /// its way of comparing word sets, without the table, the validation or the packet.
    fn decide(&self, r: &Request, room: &mut Scratch) -> Option<&'static str> {
        use baton::syntax::ast::Sender;
        let facts = Self::facts(r);
        room.used = 0;
        room.customer.clear();
        room.bots.clear();
        let mut conversation = [false; 4];
        let mut latest = None;
        for m in &r.messages {
            if m.from == Sender::Customer {
                room.customer.push(room.used);
                let found = self.cut(&m.text, true, room);
                for (c, f) in conversation.iter_mut().zip(found) {
                    *c |= f;
                }
                latest = Some((found, m));
            } else if m.from == Sender::Bot {
                room.bots.push(room.used);
                self.cut(&m.text, false, room);
            }
        }
        let sentiment = latest.map_or(0.0, |(_, m)| baton::text::vader::compound(&m.text));
        let repeats = Self::similar_to_last(&room.word_sets, &room.customer, 3, 5);
        let bot_loops = Self::similar_to_last(&room.word_sets, &room.bots, 4, 5);
        let burst = match latest {
            Some((_, last)) => r
                .messages
                .iter()
                .filter(|m| m.from == Sender::Customer)
                .filter(|m| last.at.as_nanosecond() - m.at.as_nanosecond() <= 30_000_000_000)
                .count(),
            None => 0,
        };
        let signals = Signals {
            sentiment,
            repeats: repeats as f64,
            burst: burst as f64,
            bot_loops: bot_loops as f64,
        };
        let latest = latest.map(|(found, _)| found);
        choose(
            &facts,
            latest.as_ref().map(|l| &l[..]),
            &conversation,
            &signals,
        )
    }

    /// Which sets `text` mentions, as whole words (Baton's matcher), with the room kept
    /// in `room`.
    fn word_mentions(&self, text: &str, room: &mut Scratch) -> [bool; 4] {
        room.buffer.clear();
        room.words.clear();
        room.found.clear();
        room.found.resize(self.matcher.set_count(), false);
        push_words(text, &mut room.buffer, &mut room.words, Some(&self.matcher));
        self.matcher
            .find(&room.buffer, &room.words, &mut room.found);
        let mut found = [false; 4];
        for (f, &g) in found.iter_mut().zip(&room.found) {
            *f = g;
        }
        found
    }

    /// The reference point: the same rules given the four signals, computed
    /// before; facts and phrases still read from the request, each customer message
    /// matched once, in room kept between calls (no allocation once warm). Phrases are
    /// matched as whole words by Baton's matcher, or, with `substrings`, as substrings.
    fn decide_given(
        &self,
        r: &Request,
        signals: &Signals,
        substrings: bool,
        room: &mut Scratch,
    ) -> Option<&'static str> {
        let facts = Self::facts(r);
        let mut conversation = [false; 4];
        let mut latest = None;
        for m in r
            .messages
            .iter()
            .filter(|m| m.from == baton::syntax::ast::Sender::Customer)
        {
            let found = if substrings {
                self.substring_mentions(&m.text, room)
            } else {
                self.word_mentions(&m.text, room)
            };
            for (c, f) in conversation.iter_mut().zip(found) {
                *c |= f;
            }
            latest = Some(found);
        }
        choose(
            &facts,
            latest.as_ref().map(|l| &l[..]),
            &conversation,
            signals,
        )
    }
}

/// acme's rules, first match wins.
fn choose(
    f: &Facts<'_>,
    latest: Option<&[bool]>,
    conversation: &[bool; 4],
    s: &Signals,
) -> Option<&'static str> {
    if latest.is_some_and(|l| l[0]) || f.button {
        Some("asks_for_human")
    } else if conversation[1] {
        Some("account_security")
    } else if conversation[2] {
        Some("legal_threat")
    } else if conversation[3] && f.vip {
        Some("vip_billing")
    } else if ["order_status", "store_hours", "shipping_info"].contains(&f.intent)
        && f.confidence >= 0.85
        && s.sentiment > -0.5
    {
        Some("simple_questions")
    } else if f.confidence < 0.6 && f.failed >= 2.0 {
        Some("low_confidence")
    } else if s.sentiment <= -0.6 || s.repeats >= 2.0 || s.burst >= 4.0 || s.bot_loops >= 2.0 {
        Some("frustrated")
    } else if conversation[3] && f.failed >= 1.0 {
        Some("billing_general")
    } else {
        None
    }
}

/// The four signals of each request, from Baton's own evaluation.
fn given_signals(policy: &Policy, corpus: &[Request]) -> Vec<Signals> {
    let table = policy.table();
    let at = |key: &str| {
        table
            .signals
            .iter()
            .position(|s| s.key() == key)
            .expect("acme reads the signal")
    };
    let (sentiment, repeats, burst, bot_loops) = (
        at("sentiment"),
        at("repeats"),
        at("burst(30s)"),
        at("bot_loops"),
    );
    corpus
        .iter()
        .map(|r| {
            let e = policy.evaluate(r).expect("the corpus fits acme");
            Signals {
                sentiment: e.signals[sentiment],
                repeats: e.signals[repeats],
                burst: e.signals[burst],
                bot_loops: e.signals[bot_loops],
            }
        })
        .collect()
}

/// How long one `decide` takes, the decision dropped after the clock stops.
fn time_decide(policy: &Policy, request: &Request) -> std::time::Duration {
    let start = std::time::Instant::now();
    let d = black_box(policy.decide(black_box(request)));
    let took = start.elapsed();
    drop(d);
    took
}

/// Prints the median, 90th and 99th percentile of `time(k)` over `k` in `0..count`: five
/// passes, after a warm-up pass.
fn per_decision(label: &str, count: usize, mut time: impl FnMut(usize) -> std::time::Duration) {
    let mut times = Vec::with_capacity(count * 5);
    for pass in 0..6 {
        for k in 0..count {
            let took = time(k);
            if pass > 0 {
                times.push(took);
            }
        }
    }
    times.sort_unstable();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    eprintln!(
        "decide per decision, {label}: p50 {:?}, p90 {:?}, p99 {:?}",
        at(0.5),
        at(0.9),
        at(0.99)
    );
}

/// Times `policy.decide` over `requests`, one after the other in a cycle, as the
/// criterion function `name` of `group`.
fn bench_cycle(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    policy: &Policy,
    requests: &[Request],
) {
    let mut i = 0;
    group.bench_function(name, |b| {
        b.iter(|| {
            i = (i + 1) % requests.len();
            policy.decide(black_box(&requests[i]))
        })
    });
}

fn benches(c: &mut Criterion) {
    let policy = Policy::compile("acme.baton", ACME).expect("acme compiles");
    let corpus = corpus::acme(10_000, 42);
    let hand = HandWritten::new(&policy);
    let mut room = Scratch::default();
    let given = given_signals(&policy, &corpus);
    // Baton and the two hand-written forms that match whole words agree on every
    // request, or the comparison means nothing.
    let (mut escalations, mut substring_wrong) = (0, 0);
    for (r, s) in corpus.iter().zip(&given) {
        let d = policy.decide(r).expect("the corpus fits acme");
        assert_eq!(d.rule.as_deref(), hand.decide(r, &mut room), "{r:?}");
        assert_eq!(
            d.rule.as_deref(),
            hand.decide_given(r, s, false, &mut room),
            "{r:?}"
        );
        substring_wrong +=
            usize::from(d.rule.as_deref() != hand.decide_given(r, s, true, &mut room));
        escalations += usize::from(d.outcome == baton::Outcome::Escalate);
    }
    let messages: usize = corpus.iter().map(|r| r.messages.len()).sum();
    let chars: usize = corpus
        .iter()
        .flat_map(|r| &r.messages)
        .map(|m| m.text.chars().count())
        .sum();
    eprintln!(
        "corpus: {} requests, {:.1} messages and {:.0} characters per request, {:.0} characters per message, {:.0}% escalate",
        corpus.len(),
        messages as f64 / corpus.len() as f64,
        chars as f64 / corpus.len() as f64,
        chars as f64 / messages as f64,
        100.0 * escalations as f64 / corpus.len() as f64
    );

    // The distribution per decision (criterion reports means over batches). The requests
    // were built long before they are decided, and 10,000 of them do not fit in the cache.
    per_decision("on the corpus", corpus.len(), |k| {
        time_decide(&policy, &corpus[k])
    });
    // The reference point, timed the same way: hand-written rules given the
    // four signals, phrases as whole words (Baton's matcher) or as substrings.
    eprintln!(
        "hand-written rules given the signals, phrases as substrings: {substring_wrong} of {} decisions wrong",
        corpus.len()
    );
    for (label, substrings) in [
        (
            "hand-written rules given the signals, phrases as whole words",
            false,
        ),
        (
            "hand-written rules given the signals, phrases as substrings",
            true,
        ),
    ] {
        per_decision(label, corpus.len(), |k| {
            let start = std::time::Instant::now();
            black_box(hand.decide_given(black_box(&corpus[k]), &given[k], substrings, &mut room));
            start.elapsed()
        });
    }
    // The same, as a service decides: each request parsed from its JSON just before it is
    // decided, so that its memory is fresh in the cache. Only `decide` is timed.
    let texts: Vec<String> = corpus
        .iter()
        .map(|r| serde_json::to_string(r).expect("a request serializes"))
        .collect();
    per_decision("each request parsed just before", corpus.len(), |k| {
        let request = Request::from_json(&texts[k]).expect("the corpus parses back");
        time_decide(&policy, &request)
    });
    // And each request decided twice in a row, the second time timed: the same text
    // again, which no bot sends, shows what reading new text costs the processor.
    per_decision("the same request decided just before", corpus.len(), |k| {
        drop(black_box(policy.decide(black_box(&corpus[k]))));
        time_decide(&policy, &corpus[k])
    });

    // The same texts again, but in a copy of the request made long before (memory of its
    // own, not in the cache): what the processor keeps of having just read those texts
    // (its branch predictor, the lexicon entries they looked up), without their memory.
    let copies: Vec<Request> = texts
        .iter()
        .map(|t| Request::from_json(t).expect("the corpus parses back"))
        .collect();
    per_decision(
        "the same texts decided just before, from a copy in other memory",
        corpus.len(),
        |k| {
            drop(black_box(policy.decide(black_box(&corpus[k]))));
            time_decide(&policy, &copies[k])
        },
    );

    let mut group = c.benchmark_group("decide_acme");
    bench_cycle(&mut group, "baton", &policy, &corpus);
    let mut i = 0;
    group.bench_function("hand_written_baseline", |b| {
        b.iter(|| {
            i = (i + 1) % corpus.len();
            hand.decide(black_box(&corpus[i]), &mut room)
        })
    });
    let mut i = 0;
    group.bench_function("hand_written_given_signals", |b| {
        b.iter(|| {
            i = (i + 1) % corpus.len();
            hand.decide_given(black_box(&corpus[i]), &given[i], false, &mut room)
        })
    });
    let mut i = 0;
    group.bench_function("hand_written_given_signals_substrings", |b| {
        b.iter(|| {
            i = (i + 1) % corpus.len();
            hand.decide_given(black_box(&corpus[i]), &given[i], true, &mut room)
        })
    });
    group.finish();

    // Stages, on the corpus's latest customer messages.
    let latest: Vec<&str> = corpus
        .iter()
        .filter_map(|r| {
            r.messages
                .iter()
                .rev()
                .find(|m| m.from == baton::syntax::ast::Sender::Customer)
        })
        .map(|m| &*m.text)
        .collect();
    let mut stages = c.benchmark_group("stages");
    let mut i = 0;
    stages.bench_function("vader_one_message", |b| {
        b.iter(|| {
            i = (i + 1) % latest.len();
            baton::text::vader::compound(black_box(latest[i]))
        })
    });
    let mut i = 0;
    stages.bench_function("words_one_message", |b| {
        b.iter(|| {
            i = (i + 1) % latest.len();
            let mut n = 0;
            baton::text::lexer::for_each_word(black_box(latest[i]), |w| n += w.end - w.start);
            n
        })
    });
    // Text beyond ASCII takes the logos lexer, then composes what was typed decomposed:
    // everyday sentences of other languages, half of them with their accents typed as
    // combining marks (NFD), as some keyboards and copied text give them.
    let beyond: Vec<String> = [
        "Je n'ai pas reçu ma commande, où est-elle ?",
        "Ich möchte bitte mit einem Menschen sprechen, es ist dringend.",
        "¿Dónde está mi pedido? Ya pasó una semana.",
        "Mi hanno addebitato due volte, è inaccettabile.",
        "मुझे मदद चाहिए, मेरा ऑर्डर नहीं आया",
        "Não consigo entrar na minha conta, acho que fui hackeado.",
        "Tôi muốn nói chuyện với nhân viên hỗ trợ",
        "Zamówienie nie dotarło, proszę o zwrot pieniędzy.",
    ]
    .iter()
    .flat_map(|t| {
        use unicode_normalization::UnicodeNormalization;
        [t.to_string(), t.nfd().collect()]
    })
    .collect();
    let mut i = 0;
    let mut buffer = String::new();
    let mut words = Vec::new();
    stages.bench_function("words_beyond_ascii", |b| {
        b.iter(|| {
            i = (i + 1) % beyond.len();
            buffer.clear();
            words.clear();
            push_words(black_box(&beyond[i]), &mut buffer, &mut words, None);
            words.len()
        })
    });
    let mut i = 0;
    let texts: Vec<String> = corpus
        .iter()
        .take(1000)
        .map(|r| serde_json::to_string(r).unwrap())
        .collect();
    stages.bench_function("request_from_json", |b| {
        b.iter(|| {
            i = (i + 1) % texts.len();
            Request::from_json(black_box(&texts[i]))
        })
    });
    // serde's way in, for a request inside a larger message: through a JSON value.
    stages.bench_function("request_through_serde", |b| {
        b.iter(|| {
            i = (i + 1) % texts.len();
            serde_json::from_str::<Request>(black_box(&texts[i]))
        })
    });
    // The same requests against a policy whose one rule reads a fact only: validation,
    // the table and the context packet, no text signal.
    let plain = Policy::compile(
        "plain.baton",
        &(ACME[..ACME.find("rule asks_for_human").unwrap()]
            .replace("offline ticket", "offline callback")
            + "rule always: context {\n  when failed_attempts >= 0\n  escalate to tier1\n}\n"),
    )
    .expect("the plain policy compiles");
    // The same policy with a packet of the reason only: what the text signals cost.
    let lean = Policy::compile("lean.baton", &policies::reason_only(ACME))
        .expect("the lean policy compiles");
    bench_cycle(
        &mut stages,
        "decide_with_reason_only_packet",
        &lean,
        &corpus,
    );
    // What each part of the packet adds to one of the reason only (`entities` and
    // `summary` need the masked transcript, and `summary` the entities too).
    for part in [
        "summary",
        "entities",
        "transcript",
        "facts",
        "signals",
        "actions",
    ] {
        let source = policies::reason_only(ACME).replace(
            "handoff { include reason }",
            &format!("handoff {{ include reason, {part} }}"),
        );
        let with = Policy::compile("part.baton", &source).expect("the policy compiles");
        bench_cycle(
            &mut stages,
            &format!("packet_reason_and_{part}"),
            &with,
            &corpus,
        );
    }
    // The full packet but for the two parts that need the entities.
    let trimmed = Policy::compile(
        "trimmed.baton",
        &policies::reason_only(ACME).replace(
            "handoff { include reason }",
            "handoff { include actions, reason, transcript, facts, signals }",
        ),
    )
    .expect("the policy compiles");
    bench_cycle(
        &mut stages,
        "packet_without_entities_and_summary",
        &trimmed,
        &corpus,
    );
    // One signal at a time, with a packet of the reason only.
    let head = &ACME[..ACME.find("offline ticket").unwrap()];
    for (name, when) in [
        ("none", "failed_attempts >= 99"),
        ("sentiment", "sentiment <= -2"),
        ("repeats", "repeats >= 99"),
        ("bot_loops", "bot_loops >= 99"),
        ("burst", "burst(30s) >= 99"),
        ("message_mentions", "message mentions asks_for_human"),
        ("conversation_mentions", "conversation mentions billing"),
    ] {
        let source = format!(
            "{head}rule r: signal {{\n  when {when}\n  escalate to tier1\n}}\nhandoff {{ include reason }}\n"
        );
        let one = Policy::compile("one.baton", &source).expect("the one-signal policy compiles");
        bench_cycle(&mut stages, &format!("signal_{name}"), &one, &corpus);
    }
    bench_cycle(&mut stages, "decide_without_text_signals", &plain, &corpus);
    stages.finish();

    // Every shipped example over the same messages, with facts drawn for its own
    // declarations (`corpus::for_model`), every signal it uses computed from the text.
    let mut examples = c.benchmark_group("examples");
    for (name, source) in [
        ("acme", ACME),
        ("bank", include_str!("../rules-examples/bank.baton")),
        ("telecom", include_str!("../rules-examples/telecom.baton")),
        ("software", include_str!("../rules-examples/software.baton")),
    ] {
        let example = Policy::compile(name, source).expect("the examples compile");
        let requests =
            corpus::for_model(example.model().expect("compiled from source"), 10_000, 42);
        let mut i = 0;
        examples.bench_function(criterion::BenchmarkId::new("decide", name), |b| {
            for r in &requests {
                example.decide(r).expect("the corpus fits the example");
            }
            b.iter(|| {
                i = (i + 1) % requests.len();
                example.decide(black_box(&requests[i]))
            })
        });
    }
    examples.finish();

    // How deciding grows with the conversation: every customer message is compared with
    // the latest (`repeats`), and every message is in the packet. Linear: the time per
    // message stays flat from 10 to 10,000 messages.
    let mut long = c.benchmark_group("conversation_length");
    long.sample_size(20);
    for n in [1usize, 10, 100, 1_000, 10_000] {
        let request = corpus::conversation(n, 7);
        long.throughput(criterion::Throughput::Elements(n as u64));
        long.bench_with_input(
            criterion::BenchmarkId::new("decide_acme", n),
            &request,
            |b, r| b.iter(|| policy.decide(black_box(r))),
        );
    }
    long.finish();

    // A bot that asks after every message: one message added to a session and decided,
    // after 1 to 10,001 messages, against `decide` on the whole transcript in the same
    // run. The session's cost stays flat; `decide`'s grows with the transcript.
    let mut sessions = c.benchmark_group("session_step");
    sessions.sample_size(20);
    for n in [1usize, 11, 101, 1_001, 10_001] {
        let whole = corpus::conversation(n, 7);
        let mut earlier = whole.clone();
        let latest = earlier.messages.pop().expect("n >= 1");
        let mut session = policy.session();
        // Brought up to date, its packet texts included, as after the previous step.
        session
            .decide(&earlier)
            .expect("the conversation fits acme");
        let mut step = whole.clone();
        step.messages = vec![latest];
        sessions.bench_with_input(
            criterion::BenchmarkId::new("session", n),
            &step,
            |b, step| {
                // Each fork of the session decides 32 steps in a row (the same message
                // again, as a bot would send the next); only `decide` is timed.
                b.iter_custom(|iters| {
                    let mut total = std::time::Duration::ZERO;
                    let mut s = session.clone();
                    for i in 0..iters {
                        if i % 32 == 31 {
                            s = session.clone();
                        }
                        let start = std::time::Instant::now();
                        let d = black_box(s.decide(black_box(step)));
                        total += start.elapsed();
                        drop(d);
                    }
                    total
                })
            },
        );
        if n <= 1_001 {
            sessions.bench_with_input(
                criterion::BenchmarkId::new("decide_whole_transcript", n),
                &whole,
                |b, r| b.iter(|| policy.decide(black_box(r))),
            );
        }
    }
    sessions.finish();

    // How deciding grows with the policy: generated policies of 10 to 10,000 rules (every
    // kind of condition, 20 phrase sets, hours, skills) on 1,000 corpus requests.
    let mut sized = c.benchmark_group("policy_size");
    sized.sample_size(20);
    let adapted: Vec<Request> = corpus
        .iter()
        .take(1_000)
        .map(policies::request_for)
        .collect();
    for rules in [10usize, 100, 1_000, 10_000] {
        let generated = Policy::compile("generated.baton", &policies::generate(rules))
            .expect("the generated policy compiles");
        let mut i = 0;
        sized.bench_function(criterion::BenchmarkId::new("decide", rules), |b| {
            // Checked here, where only this benchmark pays for it.
            for r in &adapted {
                generated
                    .decide(r)
                    .expect("the requests fit the generated policy");
            }
            b.iter(|| {
                i = (i + 1) % adapted.len();
                generated.decide(black_box(&adapted[i]))
            })
        });
    }
    sized.finish();

    c.bench_function("compile_acme", |b| {
        b.iter(|| Policy::compile("acme.baton", black_box(ACME)))
    });
}

criterion_group!(decide, benches);
criterion_main!(decide);
