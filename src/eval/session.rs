//! Sessions: a conversation's derived state kept message by message, so that a bot that
//! asks for a decision after every message pays for each message once, not once per
//! decision.
//!
//! A session keeps, for the policy it was opened on, only what the policy uses: the
//! phrase sets the latest customer message and the whole conversation mention, the word
//! sets of the last [`SIMILARITY_WINDOW`] customer and bot messages (for `repeats` and
//! `bot_loops`), the customer messages' times (for `burst` and `turns`), the latest
//! customer message's sentiment, and, for the context packet, the transcript masked so
//! far and the entities found so far. Each message is cut into words, matched, scored and
//! masked once. A decision then costs the same after message 10,000 as after message 10.
//!
//! A session decides exactly as [`crate::Policy::decide`] does on the whole transcript
//! (a property test holds the two together).

use std::collections::VecDeque;
use std::ops::Deref;
use std::sync::Arc;

use jiff::Timestamp;

use super::context::{TextParts, masked};
use super::decision::{Decision, TranscriptLine};
use super::request::{Message, Request, RequestError, both};
use super::signals::{Analysis, BOT_LOOPS_SIMILAR, REPEATS_SIMILAR, Words, seconds, signal_text};
use super::{Engine, Room, check_times, facts, out_of_order};
use crate::Policy;
use crate::check::model::Signal;
use crate::limits::{MAX_MESSAGES, SIMILARITY_WINDOW};
use crate::syntax::ast::Sender;
use crate::text::entities::Entities;
use crate::text::similarity::at_least;
use crate::text::vader;

/// What a session keeps of its conversation.
#[derive(Debug)]
struct State {
    /// Messages so far.
    count: usize,
    first_at: Option<Timestamp>,
    last_at: Option<Timestamp>,
    /// When each customer message was sent, oldest first.
    customer_times: Vec<Timestamp>,
    /// Word sets of the last customer and bot messages, oldest first, at most
    /// [`SIMILARITY_WINDOW`] of each.
    customer_sets: VecDeque<Vec<u64>>,
    bot_sets: VecDeque<Vec<u64>>,
    repeats: f64,
    bot_loops: f64,
    sentiment: f64,
    in_message: Vec<bool>,
    in_conversation: Vec<bool>,
    /// Messages not yet masked into `transcript` (the packet is built only when a
    /// decision escalates).
    pending: Vec<Message>,
    transcript: Arc<Vec<TranscriptLine>>,
    entities: Entities,
    first_customer: Option<Arc<str>>,
    words: Words,
    set: Vec<u64>,
}

impl Clone for State {
    fn clone(&self) -> Self {
        State {
            count: self.count,
            first_at: self.first_at,
            last_at: self.last_at,
            customer_times: fork(&self.customer_times),
            customer_sets: self.customer_sets.clone(),
            bot_sets: self.bot_sets.clone(),
            repeats: self.repeats,
            bot_loops: self.bot_loops,
            sentiment: self.sentiment,
            in_message: self.in_message.clone(),
            in_conversation: self.in_conversation.clone(),
            pending: self.pending.clone(),
            // Not shared with the original, so that neither copies it when it grows.
            transcript: Arc::new(fork(&self.transcript)),
            entities: self.entities.clone(),
            first_customer: self.first_customer.clone(),
            words: Words::default(),
            set: Vec::new(),
        }
    }
}

impl State {
    fn new(engine: &Engine) -> State {
        let sets = engine.matcher.set_count();
        State {
            count: 0,
            first_at: None,
            last_at: None,
            customer_times: Vec::new(),
            customer_sets: VecDeque::new(),
            bot_sets: VecDeque::new(),
            repeats: 0.0,
            bot_loops: 0.0,
            sentiment: 0.0,
            in_message: vec![false; sets],
            in_conversation: vec![false; sets],
            pending: Vec::new(),
            transcript: Arc::new(Vec::new()),
            entities: Entities::default(),
            first_customer: None,
            words: Words::default(),
            set: Vec::new(),
        }
    }

    fn push(&mut self, engine: &Engine, message: Message) -> Result<(), RequestError> {
        self.check_next(&message, "message.at")?;
        self.add(engine, message);
        Ok(())
    }

    fn decide(&mut self, engine: &Engine, request: &Request) -> Result<Decision, RequestError> {
        let mut room = Room::take();
        let facts = facts::validate(engine, request, std::mem::take(&mut room.facts));
        let now = if self.count + request.messages.len() > MAX_MESSAGES {
            Err(too_many())
        } else {
            check_times(request, self.last_at)
        };
        let (facts, now) = both(facts, now)?;
        for m in &request.messages {
            self.add(engine, m.clone());
        }
        let text = self.analysis(engine, now);
        let evaluation = engine.conclude(request, facts, now, text, &mut room, || {
            self.text_parts(engine)
        });
        Ok(room.recycle(evaluation))
    }

    fn check_next(&self, message: &Message, path: &str) -> Result<(), RequestError> {
        if self.count >= MAX_MESSAGES {
            return Err(too_many());
        }
        match self.last_at {
            Some(before) if message.at < before => {
                Err(out_of_order(message.at, before, path.into()))
            }
            _ => Ok(()),
        }
    }

    /// Takes a message in: its words, sets, sentiment and time, as the policy needs.
    fn add(&mut self, engine: &Engine, message: Message) {
        let needs = &engine.needs;
        self.count += 1;
        self.first_at.get_or_insert(message.at);
        self.last_at = Some(message.at);
        let text = signal_text(&message.text);
        match message.from {
            Sender::Customer => {
                self.customer_times.push(message.at);
                let any_sets = needs.message_sets || needs.conversation_sets;
                if needs.latest_words {
                    self.words
                        .cut_alone(text, any_sets.then_some(&engine.matcher));
                }
                if any_sets {
                    self.in_message.fill(false);
                    engine
                        .matcher
                        .find(&self.words.buffer, self.words.of(0), &mut self.in_message);
                    for (c, m) in self.in_conversation.iter_mut().zip(&self.in_message) {
                        *c |= *m;
                    }
                }
                if needs.repeats {
                    self.words.set(0, &mut self.set);
                    self.repeats = similar(
                        &self.set,
                        &self.customer_sets,
                        REPEATS_SIMILAR.0,
                        REPEATS_SIMILAR.1,
                    );
                    remember(&mut self.customer_sets, &self.set);
                }
                if needs.sentiment {
                    // When its words were cut, they tell, about half of the time, that the
                    // score is 0 without computing it.
                    self.sentiment = if needs.latest_words {
                        let words = self.words.of(0).iter().map(|w| w.hash);
                        vader::compound_of_words(text, words)
                    } else {
                        vader::compound(text)
                    };
                }
            }
            Sender::Bot => {
                if needs.bot_loops {
                    self.words.cut_alone(text, None);
                    self.words.set(0, &mut self.set);
                    self.bot_loops = similar(
                        &self.set,
                        &self.bot_sets,
                        BOT_LOOPS_SIMILAR.0,
                        BOT_LOOPS_SIMILAR.1,
                    );
                    remember(&mut self.bot_sets, &self.set);
                }
            }
            Sender::Agent => {}
        }
        if needs.packet_texts {
            self.pending.push(message);
        }
    }

    /// The signals and `mentions` flags, as [`super::signals::analyse`] computes them
    /// from the whole transcript.
    fn analysis(&self, engine: &Engine, now: Timestamp) -> Analysis {
        let latest = self.customer_times.last().copied();
        let signals = engine
            .table
            .signals
            .iter()
            .map(|signal| match *signal {
                Signal::Sentiment => self.sentiment,
                Signal::Repeats => self.repeats,
                Signal::BotLoops => self.bot_loops,
                Signal::Burst(span) => match latest {
                    // Times only grow, so the messages outside the span come first.
                    Some(end) => {
                        let outside = self
                            .customer_times
                            .partition_point(|&t| seconds(t, end) > span);
                        (self.customer_times.len() - outside) as f64
                    }
                    None => 0.0,
                },
                Signal::Turns => self.customer_times.len() as f64,
                Signal::Elapsed => self.first_at.map_or(0.0, |t| seconds(t, now).max(0.0)),
            })
            .collect();
        Analysis {
            signals,
            in_message: self.in_message.clone(),
            in_conversation: self.in_conversation.clone(),
        }
    }

    /// The packet's texts, the messages added since the last escalation masked first.
    fn text_parts(&mut self, engine: &Engine) -> TextParts {
        let entities = engine.needs.packet_entities;
        if !engine.needs.packet_texts {
            return TextParts::default();
        }
        // Shared with earlier decisions only if the caller still holds one.
        let transcript = Arc::make_mut(&mut self.transcript);
        for m in self.pending.drain(..) {
            let text = masked(&m.text);
            if m.from == Sender::Customer {
                if entities {
                    self.entities.collect(&text);
                }
                self.first_customer.get_or_insert_with(|| text.clone());
            }
            transcript.push(TranscriptLine {
                from: m.from,
                text,
                at: m.at,
            });
        }
        TextParts {
            transcript: Some(self.transcript.clone()),
            entities: entities.then(|| self.entities.clone()),
            first_customer: self.first_customer.clone(),
        }
    }
}

/// One conversation, decided message by message. Open one with
/// [`crate::Policy::session`] (it borrows the policy) or [`Session::new`] with any handle
/// on a policy, such as an `Arc<Policy>` (a session that owns its share and can live in a
/// map of conversations). Give it each request with only the messages that are new since
/// the last one.
///
/// The transcript of a decision is shared with the session (an `Arc`): a bot that keeps
/// a decision while it adds messages makes the session copy its transcript once.
/// A clone is a fork of the conversation, with a transcript of its own.
#[derive(Clone, Debug)]
pub struct Session<P> {
    policy: P,
    state: State,
}

impl<P: Deref<Target = Policy>> Session<P> {
    /// A new conversation for the policy `policy` points to.
    pub fn new(policy: P) -> Session<P> {
        let state = State::new(policy.engine());
        Session { policy, state }
    }

    /// How many messages the session holds.
    pub fn len(&self) -> usize {
        self.state.count
    }

    /// Whether the session holds no message yet.
    pub fn is_empty(&self) -> bool {
        self.state.count == 0
    }

    /// Adds a message without deciding. It may not be older than the message before it.
    pub fn push(&mut self, message: Message) -> Result<(), RequestError> {
        self.state.push(self.policy.engine(), message)
    }

    /// Adds the request's messages (only those new since the last request of this
    /// conversation), then decides on the whole conversation with the request's facts,
    /// teams, actions and `now`. A request that is refused leaves the session as it was.
    pub fn decide(&mut self, request: &Request) -> Result<Decision, RequestError> {
        self.state.decide(self.policy.engine(), request)
    }
}

/// How many of the earlier sets `set` is similar to (Jaccard at least `num / den`).
fn similar(set: &[u64], earlier: &VecDeque<Vec<u64>>, num: usize, den: usize) -> f64 {
    earlier
        .iter()
        .filter(|e| at_least(set, e, num, den))
        .count() as f64
}

/// Keeps `set` among the last [`SIMILARITY_WINDOW`] sets.
fn remember(sets: &mut VecDeque<Vec<u64>>, set: &[u64]) {
    let mut kept = if sets.len() >= SIMILARITY_WINDOW {
        sets.pop_front().unwrap_or_default()
    } else {
        Vec::new()
    };
    kept.clear();
    kept.extend_from_slice(set);
    sets.push_back(kept);
}

/// A copy with the same room to grow as the original.
fn fork<T: Clone>(items: &Vec<T>) -> Vec<T> {
    let mut copy = Vec::with_capacity(items.capacity());
    copy.extend_from_slice(items);
    copy
}

fn too_many() -> RequestError {
    RequestError::new(
        "messages",
        format!("a session holds at most {MAX_MESSAGES} messages, as a request does"),
    )
}
