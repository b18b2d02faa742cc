//! The signals of design section 3.6 and the `mentions` tests, computed from the
//! transcript. Only what the policy uses is computed: no sentiment without `sentiment`,
//! no word sets without `repeats` or `bot_loops`, no phrase matching without `mentions`.
//!
//! Each message needed is cut into words once, into one buffer; everything after that
//! works on slices of it.

use jiff::Timestamp;
use rustc_hash::FxHashMap;

use super::{Engine, Request};
use crate::check::model::Signal;
use crate::syntax::ast::Sender;
use crate::text::lexer::{for_each_word, push_lower};
use crate::text::phrases::MessageWord;
use crate::text::similarity::at_least;
use crate::text::vader;

/// What the transcript says, for one request.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// One value per signal of the table, in its order.
    pub signals: Vec<f64>,
    /// For each phrase set, whether the latest customer message mentions it.
    pub in_message: Vec<bool>,
    /// For each phrase set, whether any customer message mentions it.
    pub in_conversation: Vec<bool>,
}

/// A word: its range in the buffer of lower-cased words.
#[derive(Clone, Copy, Debug)]
struct WordAt {
    start: u32,
    end: u32,
    joined: bool,
}

/// The words of some messages, lower-cased into one buffer.
#[derive(Default)]
struct Words {
    buffer: String,
    words: Vec<WordAt>,
    /// Per message index: the range of its words in `words` (empty when not cut).
    ranges: Vec<(usize, usize)>,
}

impl Words {
    fn cut(&mut self, message: usize, text: &str) {
        let first = self.words.len();
        let Words { buffer, words, .. } = self;
        for_each_word(text, |w| {
            let start = buffer.len();
            push_lower(&text[w.start..w.end], buffer);
            // Positions fit in u32: a request is at most MAX_REQUEST_BYTES, far below
            // 4 GiB, and lower-casing at most triples a text.
            words.push(WordAt {
                start: start as u32,
                end: buffer.len() as u32,
                joined: w.joined,
            });
        });
        self.ranges[message] = (first, self.words.len());
    }

    fn of(&self, message: usize) -> impl Iterator<Item = (&str, bool)> + '_ {
        let (a, b) = self.ranges[message];
        self.words[a..b]
            .iter()
            .map(|w| (&self.buffer[w.start as usize..w.end as usize], w.joined))
    }
}

pub fn analyse(engine: &Engine, request: &Request, now: Timestamp) -> Analysis {
    let table = &engine.table;
    let needs = &engine.needs;
    let messages = &request.messages;
    let customer: Vec<usize> = (0..messages.len())
        .filter(|&i| messages[i].from == Sender::Customer)
        .collect();
    let latest = customer.last().copied();

    let mut words = Words {
        ranges: vec![(0, 0); messages.len()],
        ..Words::default()
    };
    let all_customer = needs.conversation_sets || needs.repeats;
    for &i in &customer {
        if all_customer || (needs.message_sets && Some(i) == latest) {
            words.cut(i, &messages[i].text);
        }
    }
    let bots: Vec<usize> = if needs.bot_loops {
        (0..messages.len())
            .filter(|&i| messages[i].from == Sender::Bot)
            .collect()
    } else {
        Vec::new()
    };
    for &i in &bots {
        words.cut(i, &messages[i].text);
    }

    let sets = engine.matcher.set_count();
    let mut in_message = vec![false; sets];
    let mut in_conversation = vec![false; sets];
    if needs.message_sets || needs.conversation_sets {
        let fill = |i: usize| -> Vec<MessageWord<'_>> {
            words
                .of(i)
                .map(|(text, joined)| MessageWord {
                    text,
                    known: engine.matcher.lookup(text),
                    joined,
                })
                .collect()
        };
        if let Some(l) = latest {
            engine.matcher.find(&fill(l), &mut in_message);
        }
        if needs.conversation_sets {
            in_conversation.copy_from_slice(&in_message);
            for &i in &customer {
                if Some(i) == latest || in_conversation.iter().all(|f| *f) {
                    continue;
                }
                engine.matcher.find(&fill(i), &mut in_conversation);
            }
        }
    }

    // Word sets, as sorted ids, for `repeats` and `bot_loops`.
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    let mut set_of = |i: usize| -> Vec<u32> {
        let mut set: Vec<u32> = words
            .of(i)
            .map(|(w, _)| {
                let next = ids.len() as u32;
                *ids.entry(w).or_insert(next)
            })
            .collect();
        set.sort_unstable();
        set.dedup();
        set
    };
    let repeats = match (needs.repeats, latest) {
        (true, Some(l)) => {
            let last = set_of(l);
            customer
                .iter()
                .filter(|&&i| i != l)
                .filter(|&&i| at_least(&last, &set_of(i), 3, 5))
                .count() as f64
        }
        _ => 0.0,
    };
    let bot_loops = match bots.last() {
        Some(&l) => {
            let last = set_of(l);
            bots.iter()
                .filter(|&&i| i != l)
                .filter(|&&i| at_least(&last, &set_of(i), 4, 5))
                .count() as f64
        }
        None => 0.0,
    };

    let signals = table
        .signals
        .iter()
        .map(|signal| match *signal {
            Signal::Sentiment => latest.map_or(0.0, |l| vader::compound(&messages[l].text)),
            Signal::Repeats => repeats,
            Signal::BotLoops => bot_loops,
            Signal::Burst(span) => match latest {
                Some(l) => {
                    let end = messages[l].at;
                    customer
                        .iter()
                        .filter(|&&i| seconds(messages[i].at, end) <= span)
                        .count() as f64
                }
                None => 0.0,
            },
            Signal::Turns => customer.len() as f64,
            Signal::Elapsed => messages.first().map_or(0.0, |m| seconds(m.at, now).max(0.0)),
        })
        .collect();
    Analysis {
        signals,
        in_message,
        in_conversation,
    }
}

/// Seconds from `a` to `b`.
pub fn seconds(a: Timestamp, b: Timestamp) -> f64 {
    (b.as_nanosecond() - a.as_nanosecond()) as f64 / 1e9
}
