//! The signals of design section 3.6 and the `mentions` tests, computed from the
//! transcript. Only what the policy uses is computed: no sentiment without `sentiment`,
//! no word sets without `repeats` or `bot_loops`, no phrase matching without `mentions`.
//!
//! Each message needed is cut into words once, into one buffer, each word hashed once;
//! everything after that works on ranges of the buffer and on the hashes. Word sets are
//! sets of 64-bit word hashes (FxHash). Two different words of one conversation sharing a
//! hash is vanishingly rare in ordinary text; a customer who crafted such words could
//! only make two of their own messages look a little more alike.

use std::cell::Cell;

use jiff::Timestamp;

use super::request::Message;
use super::{Engine, Request, Room};
use crate::check::model::Signal;
use crate::limits::{MAX_SIGNAL_BYTES, SIMILARITY_WINDOW};
use crate::spare;
use crate::syntax::ast::Sender;
use crate::text::byte_set::ByteSet;
use crate::text::lexer::{ascii_words, ascii_words_until};
use crate::text::phrases::{MessageWord, PhraseMatcher, push_words, word_hash};
use crate::text::similarity::{Likeness, at_least, top_byte, top_bytes};
use crate::text::vader;

/// `repeats`: an earlier customer message counts when the Jaccard similarity of its
/// word set with the latest's is at least 3/5 (design section 3.6).
pub const REPEATS_SIMILAR: (usize, usize) = (3, 5);
/// `bot_loops`: an earlier bot message counts at 4/5.
pub const BOT_LOOPS_SIMILAR: (usize, usize) = (4, 5);

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

/// The words of the messages needed, lower-cased into one buffer, each with its hash
/// and its dictionary id.
#[derive(Clone, Debug, Default)]
pub(super) struct Words {
    pub(super) buffer: String,
    words: Vec<MessageWord>,
    /// Per message index: the range of its words (empty when not cut).
    ranges: Vec<(usize, usize)>,
    /// Room for two word sets at a time, kept with the rest.
    sets: (Vec<u64>, Vec<u64>),
    /// Room for the positions of the customer's and the bot's messages.
    positions: (Vec<usize>, Vec<usize>),
}

impl Words {
    #[expect(
        clippy::indexing_slicing,
        reason = "`ranges` has one entry per message of the request, and `message` is a position among them"
    )]
    pub(super) fn cut(&mut self, message: usize, text: &str, matcher: Option<&PhraseMatcher>) {
        let first = self.words.len();
        let Words { buffer, words, .. } = self;
        if text.is_ascii() {
            let (base, lowered) = push_ascii_lowered(buffer, text);
            words.reserve(lowered.len() / 2 + 1);
            ascii_words(lowered, |w| {
                let word = lowered.get(w.start..w.end).unwrap_or_default();
                let (start, end) = (base + w.start, base + w.end);
                words.push(MessageWord::new(word, start, end, w.joined, matcher));
            });
        } else {
            push_words(text, buffer, words, matcher);
        }
        self.ranges[message] = (first, self.words.len());
    }

    /// How many of the earlier messages of `list` (the latest [`SIMILARITY_WINDOW`], all
    /// cut) have a word set similar enough to the last one's, at `num / den`. `last` and
    /// `other` are room for the two sets compared.
    fn similar_earlier(
        &self,
        list: &[usize],
        (last, other): (&mut Vec<u64>, &mut Vec<u64>),
        num: usize,
        den: usize,
    ) -> f64 {
        let Some((&l, earlier)) = list.split_last() else {
            return 0.0;
        };
        self.set(l, last);
        let summary = WordSummary::of(last);
        earlier
            .iter()
            .rev()
            .take(SIMILARITY_WINDOW)
            .filter(|&&i| {
                // The overlap is at most the number of the message's words that the
                // summary may hold, and the union at least the latest set: a message
                // that cannot be similar enough needs no set.
                let message = self.of(i);
                if message.len() * den < num * last.len()
                    || summary.may_hold_count(message) * den < num * last.len()
                {
                    return false;
                }
                self.set(i, other);
                at_least(last, other, num, den)
            })
            .count() as f64
    }

    /// Whether `text`, read word by word, is similar enough to the set of `likeness`.
    /// Its words are cut as [`Words::cut`] cuts them, after the words kept, and
    /// forgotten again.
    fn alike(&mut self, likeness: &mut Likeness<'_>, text: &str) -> bool {
        likeness.restart();
        let Words { buffer, words, .. } = self;
        let (base, first) = (buffer.len(), words.len());
        let read = if text.is_ascii() {
            let (_, lowered) = push_ascii_lowered(buffer, text);
            ascii_words_until(lowered, |w| {
                likeness.word(word_hash(lowered.get(w.start..w.end).unwrap_or_default()))
            })
        } else {
            push_words(text, buffer, words, None);
            words
                .get(first..)
                .unwrap_or_default()
                .iter()
                .try_for_each(|w| likeness.word(w.hash))
        };
        buffer.truncate(base);
        words.truncate(first);
        read.is_continue() && likeness.holds()
    }

    /// Forgets every word, then cuts `text` alone, as message 0.
    pub(super) fn cut_alone(&mut self, text: &str, matcher: Option<&PhraseMatcher>) {
        self.clear();
        self.ranges.push((0, 0));
        self.cut(0, text, matcher);
    }

    #[expect(
        clippy::indexing_slicing,
        reason = "a range recorded by `cut` lies within `words`, which only grows while a request is analysed"
    )]
    pub(super) fn of(&self, message: usize) -> &[MessageWord] {
        let (a, b) = self.ranges[message];
        &self.words[a..b]
    }

    /// The message's word set: its word hashes, sorted, without repeats.
    #[expect(
        clippy::indexing_slicing,
        reason = "a range recorded by `cut` lies within `words`, which only grows while a request is analysed"
    )]
    pub(super) fn set(&self, message: usize, out: &mut Vec<u64>) {
        let (a, b) = self.ranges[message];
        out.clear();
        out.extend(self.words[a..b].iter().map(|w| w.hash));
        out.sort_unstable();
        out.dedup();
    }
}

/// Appends ASCII `text` to `buffer` lower-cased, and gives where it starts and its bytes.
/// An ASCII text is lower-cased whole, then cut: ASCII case changes no word boundary,
/// and its words are read as bytes, which it cuts anywhere.
fn push_ascii_lowered<'b>(buffer: &'b mut String, text: &str) -> (usize, &'b [u8]) {
    let base = buffer.len();
    buffer.push_str(text);
    if let Some(added) = buffer.get_mut(base..) {
        added.make_ascii_lowercase();
    }
    (base, buffer.as_bytes().get(base..).unwrap_or_default())
}

/// The customer's messages (positions in `messages`, of `customer`) within `span`
/// seconds before the latest of them, the edge included: what `burst(span)` counts.
pub(super) fn in_burst<'a>(
    messages: &'a [Message],
    customer: &'a [usize],
    span: f64,
) -> impl Iterator<Item = usize> + 'a {
    let end = customer.last().and_then(|&l| messages.get(l)).map(|m| m.at);
    customer.iter().copied().filter(move |&i| {
        end.zip(messages.get(i))
            .is_some_and(|(end, m)| seconds(m.at, end) <= span)
    })
}

/// The signals and `mentions` flags of `request`, in vectors taken from `room`.
#[expect(
    clippy::indexing_slicing,
    reason = "message positions come from enumerating `messages`, and the flag vectors have one entry per phrase set of the matcher"
)]
pub(super) fn analyse(
    engine: &Engine,
    request: &Request,
    now: Timestamp,
    room: &mut Room,
) -> Analysis {
    let table = &engine.table;
    let needs = &engine.needs;
    let messages = &request.messages;
    let mut words = Words::borrow();
    let (mut customer, mut bots) = std::mem::take(&mut words.positions);
    customer.extend((0..messages.len()).filter(|&i| messages[i].from == Sender::Customer));
    let latest = customer.last().copied();

    let any_sets = needs.message_sets || needs.conversation_sets;
    let matcher = any_sets.then_some(&engine.matcher);
    let all_customer = needs.conversation_sets || needs.repeats;
    if needs.bot_loops {
        bots.extend((0..messages.len()).filter(|&i| messages[i].from == Sender::Bot));
    }
    let latest_bot = bots.last().copied();
    // Room for every word cut here at once: no buffer grows while they are cut (only the
    // fallback of `bot_loops`, below, may cut more).
    let bytes: usize = messages
        .iter()
        .enumerate()
        .filter(|&(i, m)| {
            (m.from == Sender::Customer && (all_customer || needs.message_sets))
                || Some(i) == latest_bot
        })
        .map(|(_, m)| m.text.len().min(MAX_SIGNAL_BYTES))
        .sum();
    words.buffer.reserve(bytes + bytes / 8);
    words.words.reserve(bytes / 4);
    words.ranges.resize(messages.len(), (0, 0));
    for &i in &customer {
        if all_customer || (needs.message_sets && Some(i) == latest) {
            words.cut(i, signal_text(&messages[i].text), matcher);
        }
    }
    // Of the bot's messages, only the latest is cut here: `bot_loops` reads the earlier
    // ones word by word against it (`Words::alike`).
    if let Some(l) = latest_bot {
        words.cut(l, signal_text(&messages[l].text), None);
    }

    let sets = engine.matcher.set_count();
    let mut in_message = std::mem::take(&mut room.in_message);
    let mut in_conversation = std::mem::take(&mut room.in_conversation);
    let mut signal_values = std::mem::take(&mut room.signals);
    in_message.resize(sets, false);
    in_conversation.resize(sets, false);
    if any_sets {
        if let Some(l) = latest {
            engine
                .matcher
                .find(&words.buffer, words.of(l), &mut in_message);
        }
        if needs.conversation_sets {
            in_conversation.copy_from_slice(&in_message);
            for &i in &customer {
                if Some(i) == latest || in_conversation.iter().all(|f| *f) {
                    continue;
                }
                engine
                    .matcher
                    .find(&words.buffer, words.of(i), &mut in_conversation);
            }
        }
    }

    // `repeats` and `bot_loops`: the latest message's word set against each earlier one.
    let (mut last, mut other) = std::mem::take(&mut words.sets);
    let repeats = if needs.repeats {
        let (num, den) = REPEATS_SIMILAR;
        words.similar_earlier(&customer, (&mut last, &mut other), num, den)
    } else {
        0.0
    };
    let bot_loops = match bots.split_last() {
        Some((&l, earlier)) => {
            let (num, den) = BOT_LOOPS_SIMILAR;
            words.set(l, &mut last);
            match Likeness::new(&last, num, den) {
                Some(mut likeness) => earlier
                    .iter()
                    .rev()
                    .take(SIMILARITY_WINDOW)
                    .filter(|&&i| words.alike(&mut likeness, signal_text(&messages[i].text)))
                    .count() as f64,
                // A latest message of more words than a likeness holds: the earlier
                // messages compared with are cut, and compared as the customer's are.
                None => {
                    for &i in earlier.iter().rev().take(SIMILARITY_WINDOW) {
                        words.cut(i, signal_text(&messages[i].text), None);
                    }
                    words.similar_earlier(&bots, (&mut last, &mut other), num, den)
                }
            }
        }
        None => 0.0,
    };
    words.sets = (last, other);

    signal_values.extend(table.signals.iter().map(|signal| {
        match *signal {
            Signal::Sentiment => latest.map_or(0.0, |l| {
                let text = signal_text(&messages[l].text);
                // When its words were cut for the other signals, they tell, about half of
                // the time, that the score is 0 without computing it. Cutting them for
                // that alone would cost about what it saves.
                if needs.latest_words {
                    vader::compound_of_words(text, words.of(l).iter().map(|w| w.hash))
                } else {
                    vader::compound(text)
                }
            }),
            Signal::Repeats => repeats,
            Signal::BotLoops => bot_loops,
            Signal::Burst(span) => in_burst(messages, &customer, span).count() as f64,
            Signal::Turns => customer.len() as f64,
            Signal::Elapsed => messages
                .first()
                .map_or(0.0, |m| seconds(m.at, now).max(0.0)),
        }
    }));
    words.positions = (customer, bots);
    words.give_back();
    Analysis {
        signals: signal_values,
        in_message,
        in_conversation,
    }
}

/// A 256-bit summary of a word set: the top byte of each word's hash. A word whose byte
/// is not in it is not in the set.
struct WordSummary(ByteSet);

impl WordSummary {
    fn of(set: &[u64]) -> WordSummary {
        WordSummary(top_bytes(set))
    }

    /// How many of `words` (repeats counted) the set may hold: at least how many of them
    /// it holds.
    fn may_hold_count(&self, words: &[MessageWord]) -> usize {
        words
            .iter()
            .filter(|w| self.0.contains(top_byte(w.hash)))
            .count()
    }
}

thread_local! {
    /// The word buffers of the last decision on this thread, kept for the next one, so
    /// that deciding does not allocate them again.
    static SPARE_WORDS: Cell<Words> = Cell::new(Words::default());
}

impl Words {
    fn borrow() -> Words {
        spare::take(&SPARE_WORDS)
    }

    fn give_back(mut self) {
        let bytes = self.buffer.capacity();
        self.clear();
        spare::keep(&SPARE_WORDS, self, bytes);
    }

    /// Forgets every word, keeping the room.
    pub(super) fn clear(&mut self) {
        self.buffer.clear();
        self.words.clear();
        self.ranges.clear();
        self.sets.0.clear();
        self.sets.1.clear();
        self.positions.0.clear();
        self.positions.1.clear();
    }
}

/// The part of a message the signals read: its first [`MAX_SIGNAL_BYTES`], cut at a
/// character boundary.
pub fn signal_text(text: &str) -> &str {
    if text.len() <= MAX_SIGNAL_BYTES {
        return text;
    }
    let mut end = MAX_SIGNAL_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or("")
}

/// Seconds from `a` to `b`.
pub fn seconds(a: Timestamp, b: Timestamp) -> f64 {
    (b.as_nanosecond() - a.as_nanosecond()) as f64 / 1e9
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long message is read up to [`MAX_SIGNAL_BYTES`], never inside a character: with
    /// a character of 1 to 4 bytes starting at each place around the limit, the part read
    /// is the longest that ends on a character's boundary.
    #[test]
    fn a_long_message_is_cut_at_the_last_whole_character_within_the_limit() {
        for ch in ['a', 'é', '€', '😀'] {
            for start in MAX_SIGNAL_BYTES - 4..=MAX_SIGNAL_BYTES {
                let text = format!("{}{ch}{}", "a".repeat(start), "b".repeat(10));
                let read = signal_text(&text);
                let whole = start + ch.len_utf8();
                // The character is read whole if it ends within the limit, else not at all.
                let expected = if whole <= MAX_SIGNAL_BYTES {
                    MAX_SIGNAL_BYTES
                } else {
                    start
                };
                assert_eq!(read.len(), expected, "{ch:?} at byte {start}");
                assert!(text.starts_with(read));
            }
        }
        assert_eq!(signal_text("short"), "short");
    }
}
