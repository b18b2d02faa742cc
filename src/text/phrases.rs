//! Phrase matching (design section 3.2): every phrase set of a policy compiled once into
//! one word matcher. A message is matched word by word, never on substrings: a phrase
//! holds where its words occur one after the other with only white space between them.
//!
//! The matcher is an index from each exact phrase word to the phrases that start with
//! it, so a message costs one hash lookup per word plus the check of the few phrases
//! that start there. Phrases that start with a prefix word (`refund*`) or a fuzzy word
//! are grouped by that word, which is compared once at every word that may match it (the
//! right first byte for a prefix, enough bytes for a fuzzy word); only the phrases of a
//! first word that matched are tried further.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

use super::byte_set::ByteSet;
use super::similarity::within_one_edit;
use crate::check::model::PhraseSetDef;

/// A word of a message, as the matcher sees it: a range of a buffer of lower-cased
/// words.
#[derive(Clone, Copy, Debug)]
pub struct MessageWord {
    /// Its [`word_hash`].
    pub hash: u64,
    /// Where the lower-cased word starts in the buffer (a byte offset).
    pub start: u32,
    /// Where it ends (a byte offset, exclusive).
    pub end: u32,
    /// The word's id in the matcher's dictionary, when a phrase uses it as written.
    pub known: Option<u32>,
    /// Only white space separates it from the word before.
    pub joined: bool,
}

impl MessageWord {
    /// The lower-cased `word`, found at `start..end` of a buffer: hashed, and looked up
    /// in `matcher` when phrases are matched.
    #[inline]
    pub fn new(
        word: &[u8],
        start: usize,
        end: usize,
        joined: bool,
        matcher: Option<&PhraseMatcher>,
    ) -> MessageWord {
        let hash = word_hash(word);
        // Positions fit in u32: a request is at most MAX_REQUEST_BYTES (64 MiB), and
        // lower-casing at most triples a text.
        MessageWord {
            hash,
            start: start as u32,
            end: end as u32,
            known: matcher.and_then(|m| m.lookup(hash, word)),
            joined,
        }
    }

    /// The word, read from the buffer it was found in; empty for another buffer too
    /// short to hold it.
    pub fn text<'b>(&self, buffer: &'b str) -> &'b str {
        buffer
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

/// A 64-bit hash of a lower-cased word (its bytes): how the dictionary is looked up,
/// and what word sets (for `repeats` and `bot_loops`) hold.
#[inline]
pub fn word_hash(word: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(word);
    h.finish()
}

/// Appends the words of `text` to `words`, lower-cased into `buffer`, each looked up in
/// `matcher` when one is given.
pub fn push_words(
    text: &str,
    buffer: &mut String,
    words: &mut Vec<MessageWord>,
    matcher: Option<&PhraseMatcher>,
) {
    push_words_at(text, buffer, words, matcher, |_| {});
}

/// [`push_words`], telling `at` where each word is in `text`.
fn push_words_at(
    text: &str,
    buffer: &mut String,
    words: &mut Vec<MessageWord>,
    matcher: Option<&PhraseMatcher>,
    mut at: impl FnMut(std::ops::Range<usize>),
) {
    super::lexer::for_each_word(text, |w| {
        let start = buffer.len();
        super::lexer::push_lower(text.get(w.start..w.end).unwrap_or_default(), buffer);
        let word = buffer.as_bytes().get(start..).unwrap_or_default();
        words.push(MessageWord::new(
            word,
            start,
            buffer.len(),
            w.joined,
            matcher,
        ));
        at(w.start..w.end);
    });
}

/// How one phrase word matches a message word.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Pattern {
    Exact(u32),
    /// `refund*`: any word that starts with this.
    Prefix(Box<str>),
    /// A word of 5 or more letters in a `fuzzy` set: within one edit.
    Fuzzy(Box<str>),
}

/// A prefix or fuzzy word that phrases start with.
#[derive(Clone, Debug)]
struct LooseHead {
    /// `Prefix` or `Fuzzy`.
    pattern: Pattern,
    /// The first byte a message word must start with to match it: `None` for a fuzzy
    /// word, which an edit may change there.
    first: Option<u8>,
    /// For a fuzzy word, the fewest bytes a word within one edit of it has: its letters
    /// less one (a letter is at least a byte).
    min_bytes: usize,
    /// The phrases that start with it.
    phrases: Vec<u32>,
}

#[derive(Clone, Debug)]
struct CompiledPhrase {
    set: u32,
    words: Vec<Pattern>,
}

/// Where a phrase set is mentioned in a text, for showing why (`baton explain`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The phrase as written in the policy (`refund*`).
    pub phrase: String,
    /// The byte range of the text it was found in, from its first word to its last.
    pub range: std::ops::Range<usize>,
    /// How the words found differ from the phrase, if they do.
    pub how: MentionHow,
}

/// How a [`Mention`]'s words matched the phrase's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionHow {
    /// Word for word (case and white space aside).
    AsWritten,
    /// A word matched a `word*` of the phrase by its start.
    ByPrefix,
    /// A word of a `fuzzy` set matched within one edit, and differs.
    WithinOneEdit,
}

/// Every phrase set of a policy, ready to match.
#[derive(Clone, Debug, Default)]
pub struct PhraseMatcher {
    /// Word hash to the id of the first dictionary word with that hash.
    dictionary: FxHashMap<u64, u32>,
    /// Later words whose hash an earlier word already has (in practice, none).
    collisions: Vec<(u64, u32)>,
    /// The dictionary's words, by id.
    words: Vec<Box<str>>,
    phrases: Vec<CompiledPhrase>,
    /// Each phrase as written in the policy (`refund*`), by phrase index: for saying which
    /// one was found, kept apart from `phrases`, which deciding reads.
    written: Vec<Box<str>>,
    /// For each dictionary word, the phrases whose first word it is.
    starting_with: Vec<Vec<u32>>,
    /// The distinct prefix and fuzzy words that phrases start with, each with its
    /// phrases: a message word is compared with `talk*` once, not once for each of the
    /// seven phrases that start with it.
    loose_heads: Vec<LooseHead>,
    /// One bit per byte a word may start with for some phrase of `loose_heads` to be
    /// tried there (every bit when one may start with any byte): most words start with
    /// none, and one bit tells so.
    loose_first: ByteSet,
    sets: usize,
    /// One bit per 1,024 hash buckets, set for the dictionary's words: most words of a
    /// message are in no phrase, and one bit tells so without the map.
    filter: [u64; 16],
}

/// The bit of [`PhraseMatcher::filter`] a hash falls on: its top 10 bits, which FxHash
/// mixes best.
fn filter_bit(hash: u64) -> (usize, u64) {
    let bucket = (hash >> 54) as usize;
    (bucket / 64, 1 << (bucket % 64))
}

/// The fewest letters a word needs for `fuzzy` to allow an edit.
pub const FUZZY_MIN_LETTERS: usize = 5;

impl PhraseMatcher {
    /// One matcher for every phrase of every set, with its `fuzzy` and prefix rules.
    #[expect(
        clippy::indexing_slicing,
        reason = "an id returned by `intern` is a position in `starting_with`, which grows with it"
    )]
    pub fn new(sets: &[PhraseSetDef]) -> PhraseMatcher {
        let mut m = PhraseMatcher {
            sets: sets.len(),
            ..PhraseMatcher::default()
        };
        for (set_id, set) in sets.iter().enumerate() {
            for phrase in &set.phrases {
                let words: Vec<Pattern> = phrase
                    .words
                    .iter()
                    .map(|w| {
                        if w.prefix {
                            Pattern::Prefix(w.text.as_str().into())
                        } else if set.fuzzy && w.text.chars().count() >= FUZZY_MIN_LETTERS {
                            Pattern::Fuzzy(w.text.as_str().into())
                        } else {
                            Pattern::Exact(m.intern(&w.text))
                        }
                    })
                    .collect();
                let index = m.phrases.len() as u32;
                match words.first() {
                    Some(Pattern::Exact(id)) => m.starting_with[*id as usize].push(index),
                    Some(head) => m.start_loose(head.clone(), index),
                    // The checker refuses empty phrases; an empty one would match nothing.
                    None => continue,
                }
                m.phrases.push(CompiledPhrase {
                    set: set_id as u32,
                    words,
                });
                m.written.push(phrase.text.as_str().into());
            }
        }
        m
    }

    /// Notes that phrase `index` starts with `head`, a prefix or fuzzy word.
    fn start_loose(&mut self, head: Pattern, index: u32) {
        if let Some(same) = self.loose_heads.iter_mut().find(|h| h.pattern == head) {
            same.phrases.push(index);
            return;
        }
        let (first, min_bytes) = match &head {
            Pattern::Prefix(prefix) => (prefix.bytes().next(), 0),
            Pattern::Fuzzy(word) => (None, word.chars().count().saturating_sub(1)),
            Pattern::Exact(_) => return,
        };
        match first {
            Some(b) => self.loose_first.insert(b),
            None => self.loose_first = ByteSet::ALL,
        }
        self.loose_heads.push(LooseHead {
            pattern: head,
            first,
            min_bytes,
            phrases: vec![index],
        });
    }

    fn intern(&mut self, word: &str) -> u32 {
        let hash = word_hash(word.as_bytes());
        if let Some(id) = self.lookup(hash, word.as_bytes()) {
            return id;
        }
        let id = self.words.len() as u32;
        match self.dictionary.entry(hash) {
            std::collections::hash_map::Entry::Occupied(_) => self.collisions.push((hash, id)),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(id);
            }
        }
        self.words.push(word.into());
        self.starting_with.push(Vec::new());
        let (slot, bit) = filter_bit(hash);
        if let Some(bits) = self.filter.get_mut(slot) {
            *bits |= bit;
        }
        id
    }

    /// The id of a lower-cased word (given as bytes, with its [`word_hash`]), when some
    /// phrase uses it as written.
    #[inline]
    pub fn lookup(&self, hash: u64, word: &[u8]) -> Option<u32> {
        let (slot, bit) = filter_bit(hash);
        if self.filter.get(slot).is_none_or(|bits| bits & bit == 0) {
            return None;
        }
        self.lookup_in_dictionary(hash, word)
    }

    fn lookup_in_dictionary(&self, hash: u64, word: &[u8]) -> Option<u32> {
        let id = *self.dictionary.get(&hash)?;
        let is = |id: u32| {
            self.words
                .get(id as usize)
                .is_some_and(|w| w.as_bytes() == word)
        };
        if is(id) {
            return Some(id);
        }
        self.collisions
            .iter()
            .find(|&&(h, id)| h == hash && is(id))
            .map(|&(_, id)| id)
    }

    /// How many phrase sets the matcher knows.
    pub fn set_count(&self) -> usize {
        self.sets
    }

    /// For each phrase set, whether `text` mentions it (a convenience that cuts the text
    /// into words itself).
    pub fn find_in_text(&self, text: &str) -> Vec<bool> {
        let mut buffer = String::new();
        let mut words = Vec::new();
        push_words(text, &mut buffer, &mut words, Some(self));
        let mut found = vec![false; self.sets];
        self.find(&buffer, &words, &mut found);
        found
    }

    /// The first place where `text` mentions phrase set `set`, and the phrase found there:
    /// the explanation of a `mentions` test that held. It cuts the text itself, and finds
    /// a mention exactly when [`PhraseMatcher::find`] marks the set.
    pub fn first_mention(&self, set: usize, text: &str) -> Option<Mention> {
        let mut buffer = String::new();
        let mut words = Vec::new();
        // Where each word is in `text` (the words' own ranges are in `buffer`).
        let mut spans = Vec::new();
        push_words_at(text, &mut buffer, &mut words, Some(self), |at| {
            spans.push(at);
        });
        for start in 0..words.len() {
            let of_set = self.phrases.iter().zip(&self.written);
            for (phrase, written) in of_set.filter(|(p, _)| p.set as usize == set) {
                let Some(span) = phrase.at(&buffer, &words, start) else {
                    continue;
                };
                let edited = phrase.words.iter().zip(span).any(|(pattern, word)| {
                    matches!(pattern, Pattern::Fuzzy(t) if **t != *word.text(&buffer))
                });
                let prefixed = phrase.words.iter().zip(span).any(|(pattern, word)| {
                    matches!(pattern, Pattern::Prefix(t) if **t != *word.text(&buffer))
                });
                let how = if edited {
                    MentionHow::WithinOneEdit
                } else if prefixed {
                    MentionHow::ByPrefix
                } else {
                    MentionHow::AsWritten
                };
                let first = spans.get(start)?.start;
                let last = spans.get(start + phrase.words.len() - 1)?.end;
                return Some(Mention {
                    phrase: written.to_string(),
                    range: first..last,
                    how,
                });
            }
        }
        None
    }

    /// Marks in `found` (one flag per phrase set) every set one of whose phrases occurs
    /// in `words`.
    #[expect(
        clippy::indexing_slicing,
        reason = "dictionary ids are positions in `starting_with`, and `start` runs over the words"
    )]
    pub fn find(&self, buffer: &str, words: &[MessageWord], found: &mut [bool]) {
        for (start, word) in words.iter().enumerate() {
            if let Some(id) = word.known {
                for &p in &self.starting_with[id as usize] {
                    self.try_phrase(p, buffer, words, start, 0, found);
                }
            }
            let first = buffer.as_bytes().get(word.start as usize).copied();
            let loose = match first {
                Some(b) => self.loose_first.contains(b),
                None => !self.loose_heads.is_empty(),
            };
            if loose {
                self.try_loose(buffer, words, start, first, found);
            }
        }
    }

    /// Tries the phrases that start with a prefix or fuzzy word at word `start`, whose
    /// first byte is `first`.
    // Kept out of `find`'s loop over the words, as `try_phrase` is: inlined, it made the
    // loop 1.5% of a decision heavier on acme, where one word in forty gets here.
    #[inline(never)]
    fn try_loose(
        &self,
        buffer: &str,
        words: &[MessageWord],
        start: usize,
        first: Option<u8>,
        found: &mut [bool],
    ) {
        let Some(word) = words.get(start) else {
            return;
        };
        for head in &self.loose_heads {
            // A prefix word can only match a word with the same first byte, and a fuzzy
            // word one with at least its letters less one.
            if (head.first.is_none() || head.first == first)
                && (word.end - word.start) as usize >= head.min_bytes
                && matches(&head.pattern, buffer, word)
            {
                for &p in &head.phrases {
                    self.try_phrase(p, buffer, words, start, 1, found);
                }
            }
        }
    }

    #[expect(
        clippy::indexing_slicing,
        reason = "phrase ids are positions in `phrases`, set ids are below the number of sets (the size of `found`), and word positions are checked against the message's length"
    )]
    // Kept out of `find`'s loop over the words: inlined there, `find` ran 22% more
    // instructions per decision (callgrind on the decide bench, 2026-11-27).
    // `known` is how many of the phrase's first words are already known to match (1 for
    // a loose first word, compared once for all its phrases).
    #[inline(never)]
    fn try_phrase(
        &self,
        p: u32,
        buffer: &str,
        words: &[MessageWord],
        start: usize,
        known: usize,
        found: &mut [bool],
    ) {
        let phrase = &self.phrases[p as usize];
        let set = phrase.set as usize;
        if !found[set] && phrase.at_from(buffer, words, start, known).is_some() {
            found[set] = true;
        }
    }
}

impl CompiledPhrase {
    /// The words of the message that this phrase matches from word `start` on: each
    /// word matching its pattern, and only white space between them.
    #[inline]
    fn at<'w>(
        &self,
        buffer: &str,
        words: &'w [MessageWord],
        start: usize,
    ) -> Option<&'w [MessageWord]> {
        self.at_from(buffer, words, start, 0)
    }

    /// [`CompiledPhrase::at`], the first `known` words taken as matching.
    #[inline]
    fn at_from<'w>(
        &self,
        buffer: &str,
        words: &'w [MessageWord],
        start: usize,
        known: usize,
    ) -> Option<&'w [MessageWord]> {
        let span = words.get(start..start + self.words.len())?;
        let holds = self
            .words
            .iter()
            .zip(span)
            .enumerate()
            .skip(known)
            .all(|(k, (pattern, word))| (k == 0 || word.joined) && matches(pattern, buffer, word));
        holds.then_some(span)
    }
}

fn matches(pattern: &Pattern, buffer: &str, word: &MessageWord) -> bool {
    match pattern {
        Pattern::Exact(id) => word.known == Some(*id),
        Pattern::Prefix(prefix) => word.text(buffer).starts_with(&**prefix),
        Pattern::Fuzzy(text) => within_one_edit(text, word.text(buffer)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::model::{Phrase, PhraseWord};
    use crate::syntax::ast::Span;

    fn set(name: &str, fuzzy: bool, phrases: &[&str]) -> PhraseSetDef {
        PhraseSetDef {
            name: name.into(),
            fuzzy,
            phrases: phrases
                .iter()
                .map(|p| Phrase {
                    text: (*p).into(),
                    words: p
                        .split(' ')
                        .map(|w| PhraseWord {
                            text: w.trim_end_matches('*').into(),
                            prefix: w.ends_with('*'),
                        })
                        .collect(),
                })
                .collect(),
            span: Span::default(),
        }
    }

    fn found(m: &PhraseMatcher, text: &str) -> Vec<bool> {
        m.find_in_text(text)
    }

    #[test]
    fn words_not_substrings() {
        let m = PhraseMatcher::new(&[
            set("legal", false, &["sue", "legal action"]),
            set("human", false, &["agent please"]),
            set("billing", false, &["refund*"]),
            set("typos", true, &["speak to someone"]),
        ]);
        assert_eq!(found(&m, "I have an issue"), [false; 4]);
        assert_eq!(found(&m, "I will SUE you"), [true, false, false, false]);
        assert_eq!(found(&m, "legal  action"), [true, false, false, false]);
        assert_eq!(found(&m, "legal, action"), [false; 4]);
        assert_eq!(found(&m, "agent, please"), [false; 4]);
        assert_eq!(found(&m, "Agent please!"), [false, true, false, false]);
        assert_eq!(found(&m, "refunded twice"), [false, false, true, false]);
        assert_eq!(found(&m, "no refun"), [false; 4]);
        assert_eq!(
            found(&m, "can I speak to somneone"),
            [false, false, false, true]
        );
        assert_eq!(
            found(&m, "can I speek to someone"),
            [false, false, false, true]
        );
        assert_eq!(found(&m, "can I spk to someone"), [false; 4]);
    }

    #[test]
    fn fuzzy_counts_an_apostrophe_among_the_five() {
        // `don't` has five characters: the typo customers make most, the apostrophe
        // left out, is forgiven; `can` has three and must be typed as written.
        let m = PhraseMatcher::new(&[set("lost", true, &["don't know", "can help"])]);
        assert_eq!(found(&m, "I dont know"), [true]);
        assert_eq!(found(&m, "I don’t know"), [true]);
        assert_eq!(found(&m, "you cn help"), [false]);
        assert_eq!(found(&m, "you can help"), [true]);
    }

    #[test]
    fn phrases_that_share_a_loose_first_word_are_each_tried() {
        // `talk*` and `human` head several phrases of several sets: each set is found by
        // its own phrase, and a word too short for the fuzzy word is no start.
        let m = PhraseMatcher::new(&[
            set(
                "person",
                true,
                &["talk* to a human", "talk* with someone", "human agent"],
            ),
            set("team", false, &["talk* to sales", "talking points"]),
            set("help", true, &["human help"]),
        ]);
        // `talk*` (three phrases) and `human` (two); `talking` is an exact word.
        assert_eq!(m.loose_heads.len(), 2, "{:?}", m.loose_heads);
        assert_eq!(found(&m, "can I talk to sales"), [false, true, false]);
        assert_eq!(found(&m, "talking with someone"), [true, false, false]);
        assert_eq!(found(&m, "the talking points"), [false, true, false]);
        assert_eq!(found(&m, "a humn agent or humam help"), [true, false, true]);
        assert_eq!(found(&m, "hum agent"), [false, false, false]);
        assert_eq!(
            found(&m, "talk to a human, talk to sales"),
            [true, true, false]
        );
    }

    #[test]
    fn first_mention_says_which_words_and_how() {
        let m = PhraseMatcher::new(&[
            set("legal", false, &["sue", "legal action"]),
            set("billing", false, &["refund*"]),
            set("typos", true, &["speak to someone"]),
        ]);
        let text = "Well, I will SUE you.  Legal\n action!";
        let found = m.first_mention(0, text).unwrap();
        assert_eq!(
            (&text[found.range.clone()], found.phrase.as_str(), found.how),
            ("SUE", "sue", MentionHow::AsWritten)
        );
        let found = m.first_mention(1, "it was Refunded twice").unwrap();
        assert_eq!((found.range, found.how), (7..15, MentionHow::ByPrefix));
        assert_eq!(
            m.first_mention(1, "a refund").unwrap().how,
            MentionHow::AsWritten
        );
        let text = "can I speak to somneone";
        let found = m.first_mention(2, text).unwrap();
        assert_eq!(
            (&text[found.range.clone()], found.how),
            ("speak to somneone", MentionHow::WithinOneEdit)
        );
        assert_eq!(m.first_mention(0, "I have an issue"), None);
        assert_eq!(m.first_mention(0, "legal, action"), None);
    }
}
