//! Baton beside zen-engine and CEL on the same 10,000 acme requests, one thread:
//! `cargo bench -p baton-peers`. First every engine decides every request and its wrong
//! decisions are counted against Baton's; then each decision is timed on its own and a
//! table of medians and means, with each engine's ratio to Baton, is printed; criterion
//! then measures the same calls its own way.

#[path = "../../common/corpus.rs"]
#[allow(dead_code)]
mod corpus;
#[path = "../../common/policies.rs"]
#[allow(dead_code)]
mod policies;

use std::hint::black_box;
use std::time::{Duration, Instant};

use baton::Policy;
use baton_peers::{Cel, Phrases, Zen, inputs};
use criterion::{Criterion, criterion_group, criterion_main};

const ACME: &str = include_str!("../../../rules-examples/acme.baton");

/// How many requests the slow (regular expression) variants are timed on.
const SLOW_SAMPLE: usize = 1_000;

/// One line of the printed table: an engine's median and mean, and its wrong decisions
/// out of the whole corpus.
struct Row {
    name: &'static str,
    median: Duration,
    mean: Duration,
    wrong: usize,
}

fn row(name: &'static str, (median, mean): (Duration, Duration), wrong: usize) -> Row {
    Row {
        name,
        median,
        mean,
        wrong,
    }
}

fn timed<T>(count: usize, mut each: impl FnMut(usize) -> T) -> (Duration, Duration) {
    let mut times = Vec::with_capacity(count);
    for i in 0..count {
        let start = Instant::now();
        black_box(each(i));
        times.push(start.elapsed());
    }
    let mean = times.iter().sum::<Duration>() / count as u32;
    times.sort_unstable();
    (times[count / 2], mean)
}

fn benches(c: &mut Criterion) {
    let policy = Policy::compile("acme.baton", ACME).expect("acme compiles");
    let requests = corpus::acme(10_000, 42);
    let inputs = inputs(&policy, &requests);
    let n = requests.len();

    let zen_words = Zen::new(Phrases::WholeWords);
    let zen_substrings = Zen::new(Phrases::Substrings);
    let cel_words = Cel::new(Phrases::WholeWords);
    let cel_substrings = Cel::new(Phrases::Substrings);
    let zen_inputs: Vec<zen_engine::Variable> =
        inputs.iter().map(|i| Zen::input(&i.json)).collect();
    let cel_words_inputs: Vec<_> = inputs.iter().map(|i| cel_words.input(&i.json)).collect();
    let cel_sub_inputs: Vec<_> = inputs
        .iter()
        .map(|i| cel_substrings.input(&i.json))
        .collect();

    // Wrong decisions: every request, each engine against Baton's rule.
    let wrong = |decide: &dyn Fn(usize) -> Option<String>| {
        (0..n)
            .filter(|&i| decide(i) != inputs[i].baton_rule)
            .count()
    };
    let zen_in = |i: usize| Zen::input(&inputs[i].json);
    let wrong_zen_words = wrong(&|i| zen_words.decide(zen_in(i)));
    let wrong_zen_sub = wrong(&|i| zen_substrings.decide(zen_in(i)));
    let wrong_cel_words = wrong(&|i| cel_words.decide(&cel_words_inputs[i]));
    let wrong_cel_sub = wrong(&|i| cel_substrings.decide(&cel_sub_inputs[i]));
    let example = (0..n)
        .find(|&i| zen_substrings.decide(zen_in(i)) != inputs[i].baton_rule)
        .map(|i| {
            format!(
                "{:?} (Baton: {:?}, substrings: {:?})",
                inputs[i].json["conversation"],
                inputs[i].baton_rule,
                zen_substrings.decide(zen_in(i))
            )
        });

    // Each decision timed on its own; two passes for the fast engines, the first a
    // warm-up. zen-engine takes its input by value: a fresh one per pass, built untimed.
    let zen_fresh =
        |count: usize| -> Vec<zen_engine::Variable> { (0..count).map(zen_in).collect() };
    let mut rows = Vec::new();
    let _ = timed(n, |i| policy.decide(&requests[i]));
    let baton_decide = timed(n, |i| policy.decide(&requests[i]));
    rows.push(row(
        "Baton `decide` (every signal from the text)",
        baton_decide,
        0,
    ));
    // The same policy with a packet of the reason only: what deciding costs without
    // the transcript, entities and summary the peers do not build.
    let lean = Policy::compile("lean.baton", &policies::reason_only(ACME))
        .expect("the lean policy compiles");
    let _ = timed(n, |i| lean.decide(&requests[i]));
    let lean_decide = timed(n, |i| lean.decide(&requests[i]));
    rows.push(row(
        "Baton `decide`, packet of the reason only",
        lean_decide,
        0,
    ));
    // A bot that asks after every message: each request's last message added to a
    // session that holds the ones before it (built untimed), then decided.
    let steps: Vec<(baton::Request, baton::Request)> = requests
        .iter()
        .map(|r| {
            let mut earlier = r.clone();
            let last = earlier.messages.pop();
            let mut step = r.clone();
            step.messages = last.into_iter().collect();
            (earlier, step)
        })
        .collect();
    let mut sessions: Vec<baton::Session<&Policy>> = steps
        .iter()
        .map(|(earlier, _)| {
            let mut s = policy.session();
            s.decide(earlier).expect("the corpus fits acme");
            s
        })
        .collect();
    let session_step = timed(n, |i| sessions[i].decide(&steps[i].1));
    rows.push(row(
        "Baton `Session`, the request's last message added and decided",
        session_step,
        0,
    ));
    drop(sessions);
    let mut pending = zen_fresh(n);
    let _ = timed(n, |i| {
        zen_substrings.decide(std::mem::take(&mut pending[i]))
    });
    let mut pending = zen_fresh(n);
    let zen_sub = timed(n, |i| {
        zen_substrings.decide(std::mem::take(&mut pending[i]))
    });
    rows.push(row(
        "zen-engine 2.1.6, `lower` + `contains`",
        zen_sub,
        wrong_zen_sub,
    ));
    let _ = timed(n, |i| cel_substrings.decide(&cel_sub_inputs[i]));
    let cel_sub = timed(n, |i| cel_substrings.decide(&cel_sub_inputs[i]));
    rows.push(row(
        "cel 0.15, `lowerAscii` + `contains`",
        cel_sub,
        wrong_cel_sub,
    ));
    let mut pending = zen_fresh(SLOW_SAMPLE);
    let zen_regex = timed(SLOW_SAMPLE, |i| {
        zen_words.decide(std::mem::take(&mut pending[i]))
    });
    rows.push(row(
        "zen-engine 2.1.6, whole-word `matches`",
        zen_regex,
        wrong_zen_words,
    ));
    let cel_regex = timed(SLOW_SAMPLE, |i| cel_words.decide(&cel_words_inputs[i]));
    rows.push(row(
        "cel 0.15, whole-word `matches`",
        cel_regex,
        wrong_cel_words,
    ));

    let baton = rows[0].median.as_secs_f64();
    eprintln!("\n| engine | median ns | mean ns | median / Baton | wrong decisions |");
    eprintln!("| --- | ---: | ---: | ---: | ---: |");
    for r in &rows {
        eprintln!(
            "| {} | {:.0} | {:.0} | {:.1}x | {} of {n} |",
            r.name,
            r.median.as_secs_f64() * 1e9,
            r.mean.as_secs_f64() * 1e9,
            r.median.as_secs_f64() / baton,
            r.wrong,
        );
    }
    if let Some(e) = example {
        eprintln!("\nA substring mistake: {e}");
    }
    eprintln!();

    let mut group = c.benchmark_group("peers");
    let mut i = 0;
    group.bench_function("baton_decide", |b| {
        b.iter(|| {
            i = (i + 1) % n;
            policy.decide(black_box(&requests[i]))
        })
    });
    let mut i = 0;
    group.bench_function("zen_substrings", |b| {
        b.iter_batched(
            || {
                i = (i + 1) % n;
                zen_inputs[i].clone()
            },
            |input| zen_substrings.decide(input),
            criterion::BatchSize::SmallInput,
        )
    });
    let mut i = 0;
    group.bench_function("cel_substrings", |b| {
        b.iter(|| {
            i = (i + 1) % n;
            cel_substrings.decide(black_box(&cel_sub_inputs[i]))
        })
    });
    group.sample_size(10);
    let mut i = 0;
    group.bench_function("zen_whole_words", |b| {
        b.iter_batched(
            || {
                i = (i + 1) % n;
                zen_inputs[i].clone()
            },
            |input| zen_words.decide(input),
            criterion::BatchSize::SmallInput,
        )
    });
    let mut i = 0;
    group.bench_function("cel_whole_words", |b| {
        b.iter(|| {
            i = (i + 1) % n;
            cel_words.decide(black_box(&cel_words_inputs[i]))
        })
    });
    group.finish();
}

criterion_group!(peers, benches);
criterion_main!(peers);
