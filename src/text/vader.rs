//! The `sentiment` signal: the VADER compound score, computed exactly as vaderSentiment
//! 3.3.2 computes it (Hutto & Gilbert, ICWSM 2014), with its lexicons, which are embedded
//! here with their MIT licence (`vader/LICENSE.txt`).
//!
//! This is a reimplementation of the published algorithm, step by step, including its
//! quirks (the `but` rule finds each score by value, the way Python's `list.index` does),
//! so that a threshold such as `sentiment <= -0.6` means what it means in VADER. A test
//! checks every score of `../shared/data/vader/reference.tsv` within 1e-4.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::spare;
use crate::text::phrases::word_hash;

const B_INCR: f64 = 0.293;
const B_DECR: f64 = -0.293;
const C_INCR: f64 = 0.733;
const N_SCALAR: f64 = -0.74;

const NEGATE: [&str; 59] = [
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

/// Words that strengthen (`very`) or weaken (`barely`) the word they precede.
const BOOSTERS_UP: [&str; 60] = [
    "absolutely",
    "amazingly",
    "awfully",
    "completely",
    "considerable",
    "considerably",
    "decidedly",
    "deeply",
    "effing",
    "enormous",
    "enormously",
    "entirely",
    "especially",
    "exceptional",
    "exceptionally",
    "extreme",
    "extremely",
    "fabulously",
    "flipping",
    "flippin",
    "frackin",
    "fracking",
    "fricking",
    "frickin",
    "frigging",
    "friggin",
    "fully",
    "fuckin",
    "fucking",
    "fuggin",
    "fugging",
    "greatly",
    "hella",
    "highly",
    "hugely",
    "incredible",
    "incredibly",
    "intensely",
    "major",
    "majorly",
    "more",
    "most",
    "particularly",
    "purely",
    "quite",
    "really",
    "remarkably",
    "so",
    "substantially",
    "thoroughly",
    "total",
    "totally",
    "tremendous",
    "tremendously",
    "uber",
    "unbelievably",
    "unusually",
    "utter",
    "utterly",
    "very",
];
const BOOSTERS_DOWN: [&str; 24] = [
    "almost",
    "barely",
    "hardly",
    "just enough",
    "kind of",
    "kinda",
    "kindof",
    "kind-of",
    "less",
    "little",
    "marginal",
    "marginally",
    "occasional",
    "occasionally",
    "partly",
    "scarce",
    "scarcely",
    "slight",
    "slightly",
    "somewhat",
    "sort of",
    "sorta",
    "sortof",
    "sort-of",
];

/// Every booster with how much it adds: `very` strengthens, `barely` weakens.
fn boosters() -> impl Iterator<Item = (&'static str, f64)> {
    BOOSTERS_UP
        .into_iter()
        .map(|w| (w, B_INCR))
        .chain(BOOSTERS_DOWN.into_iter().map(|w| (w, B_DECR)))
}

/// Two- and three-word expressions whose valence replaces the word's.
const SPECIAL_CASES: [(&str, f64); 9] = [
    ("the shit", 3.0),
    ("the bomb", 3.0),
    ("bad ass", 1.5),
    ("badass", 1.5),
    ("bus stop", 0.0),
    ("yeah right", -2.0),
    ("kiss of death", -1.5),
    ("to die for", 3.0),
    ("beating heart", 3.5),
];

/// What VADER knows of one lower-cased word: one lookup answers every question the
/// algorithm asks of it.
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    /// Its valence in the lexicon.
    valence: Option<f64>,
    /// How much it strengthens or weakens the word after it.
    booster: Option<f64>,
    /// A negation (`not`, `never`, `without`, ...).
    negation: bool,
    /// The first word of a special case (`kiss of death`) or of a booster of several
    /// words (`kind of`): the only words such a sequence can start with.
    starts_sequence: bool,
}

/// One token's facts.
#[derive(Clone, Copy, Debug)]
struct Info {
    entry: Entry,
    negated: bool,
    upper: bool,
}

struct Lexicons {
    words: FxHashMap<Box<str>, Entry>,
    emojis: FxHashMap<char, Box<str>>,
    /// The boosters of several words (`kind of`): the only ones a sequence of tokens can
    /// equal, since a token never holds white space.
    multi_word_boosters: Vec<(&'static str, f64)>,
    /// The [`word_hash`] of every word with a valence that is a word as the message
    /// lexer cuts one (ASCII letters and digits, apostrophes inside): see
    /// [`surely_neutral`].
    valence_words: FxHashSet<u64>,
    /// The length of the longest entry.
    longest: usize,
}

static LEXICONS: LazyLock<Lexicons> = LazyLock::new(|| {
    let mut words: FxHashMap<Box<str>, Entry> = FxHashMap::default();
    for line in include_str!("vader/vader_lexicon.txt").lines() {
        let mut fields = line.trim().split('\t');
        if let (Some(word), Some(measure)) = (fields.next(), fields.next())
            && let Ok(measure) = measure.parse::<f64>()
        {
            words.entry(word.into()).or_default().valence = Some(measure);
        }
    }
    let mut emojis = FxHashMap::default();
    for line in include_str!("vader/emoji_utf8_lexicon.txt").lines() {
        let mut fields = line.trim().split('\t');
        if let (Some(emoji), Some(description)) = (fields.next(), fields.next()) {
            // VADER looks emoji up one character at a time, so only one-character
            // entries can ever match.
            let mut chars = emoji.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                emojis.insert(c, description.into());
            }
        }
    }
    for (word, b) in boosters() {
        words.entry(word.into()).or_default().booster = Some(b);
    }
    let multi_word_boosters: Vec<(&str, f64)> =
        boosters().filter(|(key, _)| key.contains(' ')).collect();
    let sequences = SPECIAL_CASES.iter().chain(&multi_word_boosters);
    for (key, _) in sequences {
        if let Some(first) = key.split(' ').next() {
            words.entry(first.into()).or_default().starts_sequence = true;
        }
    }
    for word in NEGATE {
        words.entry(word.into()).or_default().negation = true;
    }
    let valence_words = words
        .iter()
        .filter(|(word, entry)| entry.valence.is_some() && is_lexer_word(word))
        .map(|(word, _)| word_hash(word.as_bytes()))
        .collect();
    let longest = words.keys().map(|w| w.len()).max().unwrap_or(0);
    Lexicons {
        words,
        emojis,
        multi_word_boosters,
        valence_words,
        longest,
    }
});

/// Whether `word` is one whole word, lower-cased, as the message lexer cuts an ASCII text
/// (`don't`, but not `cover-up` or `'til`).
fn is_lexer_word(word: &str) -> bool {
    let b = word.as_bytes();
    let mut whole = false;
    let mut count = 0;
    crate::text::lexer::ascii_words(b, |w| {
        count += 1;
        whole = w.start == 0 && w.end == b.len();
    });
    count == 1 && whole && word.is_ascii() && !b.iter().any(u8::is_ascii_uppercase)
}

/// Python's white space, in ASCII.
const fn ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r' | 0x1c..=0x1f)
}

/// The ASCII bytes that are neither a letter, a digit nor white space.
const ASCII_MARK: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        #[expect(
            clippy::indexing_slicing,
            reason = "`b` is below 128, the table's length"
        )]
        {
            table[b] = !ascii_space(c) && !c.is_ascii_alphanumeric();
        }
        b += 1;
    }
    table
};

/// vaderSentiment's `_strip_punc_if_word`: a token loses the punctuation around it,
/// unless that leaves 2 characters or fewer (so that `:)` and `ok!` stay whole).
fn strips(t: &str) -> bool {
    let stripped = t.trim_matches(|c: char| c.is_ascii_punctuation());
    // At most 2 characters: at most 2 bytes, or a few multi-byte ones.
    stripped.len() > 2 && (stripped.len() > 8 || stripped.chars().count() > 2)
}

/// Whether [`compound`] of `text` is surely 0, told from `words`, the [`word_hash`] of
/// each of its words as the message lexer cuts them (lower-cased), which a decision has
/// already computed. A score is 0 when no token of the text has a valence: every
/// sentiment is then 0, and so is their sum.
///
/// For an ASCII text, a token is a run between white space, with the punctuation around
/// it stripped or not (as vaderSentiment's `_strip_punc_if_word` does). A token that is a
/// word as the lexer cuts one is one of `words` (white space or stripped punctuation
/// bounds it on both sides, and what is stripped is never a letter, a digit or an
/// apostrophe between two of them), so it has a valence only if its hash is among the
/// lexicon's valence words. Any other token holds punctuation, and is looked up as VADER
/// looks it up. `false` means "maybe not 0": a non-ASCII text (emoji become words), a
/// word whose hash is among the valence words (a hash shared by chance only makes the
/// answer `false` too), or a token with punctuation that has a valence (`:)`).
pub fn surely_neutral(text: &str, words: impl IntoIterator<Item = u64>) -> bool {
    if !text.is_ascii() {
        return false;
    }
    let lex = &*LEXICONS;
    if words.into_iter().any(|h| lex.valence_words.contains(&h)) {
        return false;
    }
    let bytes = text.as_bytes();
    let is_mark = |b: u8| ASCII_MARK.get(usize::from(b)).copied().unwrap_or(false);
    let mut lowered = [0u8; 64];
    let mut at = 0;
    while let Some(offset) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| is_mark(b)))
    {
        // A byte of punctuation: the token around it is read as VADER reads it. Tokens
        // of letters and digits alone are words, among `words`.
        let mark = at + offset;
        let start = bytes
            .get(..mark)
            .and_then(|before| before.iter().rposition(|&b| ascii_space(b)))
            .map_or(0, |i| i + 1);
        let end = bytes
            .get(mark..)
            .and_then(|after| after.iter().position(|&b| ascii_space(b)))
            .map_or(bytes.len(), |i| mark + i);
        at = end;
        let Some(chunk) = text.get(start..end) else {
            return false;
        };
        let token = if strips(chunk) {
            chunk.trim_matches(|c: char| c.is_ascii_punctuation())
        } else {
            chunk
        };
        if token.len() > lex.longest {
            // Longer than any entry: not in the lexicon.
            continue;
        }
        let Some(buffer) = lowered.get_mut(..token.len()) else {
            // Longer than the room on the stack (no entry is): not sure.
            return false;
        };
        buffer.copy_from_slice(token.as_bytes());
        buffer.make_ascii_lowercase();
        let Ok(lower) = std::str::from_utf8(buffer) else {
            return false;
        };
        if is_lexer_word(lower) {
            // Among `words`.
            continue;
        }
        if lex.words.get(lower).is_some_and(|e| e.valence.is_some()) {
            return false;
        }
    }
    true
}

/// [`compound`] of `text`, given the [`word_hash`] of each of its words as the message
/// lexer cuts them: 0 at once when [`surely_neutral`] says so, which is about half of
/// what customers write.
pub fn compound_of_words(text: &str, words: impl IntoIterator<Item = u64>) -> f64 {
    if surely_neutral(text, words) {
        0.0
    } else {
        compound(text)
    }
}

/// White space as Python's `str.split()` and `str.strip()` see it.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn is_titlecase(c: char) -> bool {
    matches!(c,
        '\u{1c5}' | '\u{1c8}' | '\u{1cb}' | '\u{1f2}' | '\u{1f88}'..='\u{1f8f}'
        | '\u{1f98}'..='\u{1f9f}' | '\u{1fa8}'..='\u{1faf}' | '\u{1fbc}' | '\u{1fcc}' | '\u{1ffc}')
}

/// vaderSentiment's `"n't" in word`, without setting up a substring search for every
/// token.
fn contains_nt(word: &str) -> bool {
    let b = word.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c == b'\'' && i > 0 && b.get(i - 1) == Some(&b'n') && b.get(i + 1) == Some(&b't')
    })
}

/// Python's `str.isupper()`: some cased character, and no lower- or title-case one.
/// `ascii` says that `s` is known to be ASCII.
fn py_isupper(s: &str, ascii: bool) -> bool {
    if ascii || s.is_ascii() {
        let b = s.as_bytes();
        // Most words start lower-case, which settles it at the first byte.
        return !b.iter().any(u8::is_ascii_lowercase) && b.iter().any(u8::is_ascii_uppercase);
    }
    let mut cased = false;
    for c in s.chars() {
        if c.is_lowercase() || is_titlecase(c) {
            return false;
        }
        cased |= c.is_uppercase();
    }
    cased
}

/// The VADER compound score of `text`, from -1 to 1, rounded to 4 decimals as
/// vaderSentiment reports it; 0 for a text with no words.
pub fn compound(text: &str) -> f64 {
    let mut room = spare::take(&SPARE_ROOM);
    let score = compound_in(text, &mut room, None);
    let bytes = room.lowered.capacity();
    room.info.clear();
    room.sentiments.clear();
    room.lowered.clear();
    room.tokens.clear();
    spare::keep(&SPARE_ROOM, room, bytes);
    score
}

/// A word [`compound`] found feeling in, for showing why (`baton explain`).
#[derive(Clone, Debug, PartialEq)]
pub struct ScoredWord {
    /// Lower-cased, as VADER reads it.
    pub word: String,
    /// What it adds to the sum the score is made of: its lexicon valence after boosters,
    /// capitals, negation and `but`.
    pub valence: f64,
    /// Its sign is the opposite of its lexicon valence's (`not good`).
    pub negated: bool,
}

/// [`compound`] of `text`, with the words that carried it, in the order of the text.
pub fn scored_words(text: &str) -> (f64, Vec<ScoredWord>) {
    let mut words = Vec::new();
    let score = compound_in(text, &mut Room::default(), Some(&mut words));
    (score, words)
}

/// The buffers one score needs, kept from one text to the next on a thread so that
/// scoring does not allocate them again.
#[derive(Default)]
struct Room {
    info: Vec<Info>,
    sentiments: Vec<f64>,
    lowered: String,
    /// Room for the tokens, which borrow the text only while it is scored.
    tokens: Vec<&'static str>,
}

thread_local! {
    static SPARE_ROOM: std::cell::Cell<Room> = const {
        std::cell::Cell::new(Room {
            info: Vec::new(),
            sentiments: Vec::new(),
            lowered: String::new(),
            tokens: Vec::new(),
        })
    };
}

#[expect(
    clippy::indexing_slicing,
    reason = "token positions are below `n`, and every `i - k` is read only after `i > k` (or `i >= k`) is checked"
)]
fn compound_in(text: &str, room: &mut Room, record: Option<&mut Vec<ScoredWord>>) -> f64 {
    let lex = &*LEXICONS;
    let Room {
        info,
        sentiments,
        lowered: ascii_lowered,
        tokens: kept_tokens,
    } = room;

    // Emoji become their descriptions, set off by a space. No emoji is ASCII.
    let replaced;
    let text = if text.is_ascii() {
        text
    } else {
        let mut no_emoji = String::with_capacity(text.len());
        let mut prev_space = true;
        for c in text.chars() {
            if let Some(description) = lex.emojis.get(&c) {
                if !prev_space {
                    no_emoji.push(' ');
                }
                no_emoji.push_str(description);
                prev_space = false;
            } else {
                no_emoji.push(c);
                prev_space = c == ' ';
            }
        }
        replaced = no_emoji;
        &replaced
    };
    let text = text.trim_matches(py_space);
    let ascii = text.is_ascii();

    // Tokens: split on white space, punctuation stripped unless that leaves 2 or fewer
    // characters (so emoticons such as `:)` survive).
    // Declared before the tokens, which end up borrowing them.
    let lower_owned: Vec<String>;
    let mut tokens: Vec<&str> = std::mem::take(kept_tokens);
    tokens.reserve(text.len() / 4 + 1);
    if ascii {
        // The same split, byte by byte (`ascii_space` is Python's white space in ASCII).
        let bytes = text.as_bytes();
        let mut start = None;
        for (i, &b) in bytes.iter().enumerate() {
            match (ascii_space(b), start) {
                (true, Some(s)) => {
                    tokens.push(&text[s..i]);
                    start = None;
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        if let Some(s) = start {
            tokens.push(&text[s..]);
        }
        for t in &mut tokens {
            let b = t.as_bytes();
            let (Some(first), Some(last)) = (b.first(), b.last()) else {
                continue;
            };
            if (first.is_ascii_punctuation() || last.is_ascii_punctuation()) && strips(t) {
                *t = t.trim_matches(|c: char| c.is_ascii_punctuation());
            }
        }
    } else {
        tokens.extend(text.split(py_space).filter(|t| !t.is_empty()).map(|t| {
            if strips(t) {
                t.trim_matches(|c: char| c.is_ascii_punctuation())
            } else {
                t
            }
        }));
    }
    let n = tokens.len();
    if n == 0 {
        *kept_tokens = spare::emptied_as(tokens, || "");
        return 0.0;
    }
    // What the algorithm asks of each token, looked up once; then each token is replaced
    // by its lower-case form, which is all the rest reads. An ASCII text is lower-cased
    // whole, once, and each token read at the same place in the copy; other texts token
    // by token.
    info.reserve(n);
    let of = |token: &str, lower: &str| {
        let entry = lex.words.get(lower).copied().unwrap_or_default();
        Info {
            entry,
            negated: entry.negation || contains_nt(lower),
            upper: py_isupper(token, ascii),
        }
    };
    if ascii {
        ascii_lowered.push_str(text);
        ascii_lowered.make_ascii_lowercase();
        let base = text.as_ptr() as usize;
        for t in &mut tokens {
            // Each token is a slice of `text`, so its offset is within it.
            let at = t.as_ptr() as usize - base;
            let lower = ascii_lowered.get(at..at + t.len()).unwrap_or("");
            info.push(of(t, lower));
            *t = lower;
        }
    } else {
        lower_owned = tokens.iter().map(|t| t.to_lowercase()).collect();
        for (t, lower) in tokens.iter_mut().zip(&lower_owned) {
            info.push(of(t, lower));
            *t = lower;
        }
    }
    let lower = tokens;
    let valence_of = |i: usize| info[i].entry.valence;
    let all_caps = info.iter().filter(|x| x.upper).count();
    let cap_diff = all_caps > 0 && all_caps < n;

    sentiments.reserve(n);
    for i in 0..n {
        if info[i].entry.booster.is_some()
            || (i + 1 < n && lower[i] == "kind" && lower[i + 1] == "of")
        {
            sentiments.push(0.0);
            continue;
        }
        let Some(base) = valence_of(i) else {
            sentiments.push(0.0);
            continue;
        };
        let mut valence = base;
        if lower[i] == "no" && i + 1 < n && valence_of(i + 1).is_some() {
            valence = 0.0;
        }
        if (i > 0 && lower[i - 1] == "no")
            || (i > 1 && lower[i - 2] == "no")
            || (i > 2 && lower[i - 3] == "no" && matches!(lower[i - 1], "or" | "nor"))
        {
            valence = base * N_SCALAR;
        }
        if info[i].upper && cap_diff {
            if valence > 0.0 {
                valence += C_INCR;
            } else {
                valence -= C_INCR;
            }
        }
        for start in 0..3 {
            let before = i.wrapping_sub(start + 1);
            if i > start && valence_of(before).is_none() {
                let mut s = booster(
                    info[before].entry.booster,
                    info[before].upper,
                    valence,
                    cap_diff,
                );
                if start == 1 && s != 0.0 {
                    s *= 0.95;
                }
                if start == 2 && s != 0.0 {
                    s *= 0.9;
                }
                valence += s;
                valence = negation_check(valence, &lower, info, start, i);
                if start == 2 {
                    valence = special_idioms_check(valence, &lower, info, i);
                }
            }
        }
        // `least` before a word negates it, unless it reads `at least` or `very least`.
        if i > 1 && valence_of(i - 1).is_none() && lower[i - 1] == "least" {
            if lower[i - 2] != "at" && lower[i - 2] != "very" {
                valence *= N_SCALAR;
            }
        } else if i > 0 && valence_of(i - 1).is_none() && lower[i - 1] == "least" {
            valence *= N_SCALAR;
        }
        sentiments.push(valence);
    }

    if let Some(but) = lower.iter().position(|w| *w == "but") {
        but_check(sentiments, but);
    }
    if let Some(out) = record {
        for (i, &valence) in sentiments.iter().enumerate() {
            if valence != 0.0 {
                out.push(ScoredWord {
                    word: lower[i].to_string(),
                    valence,
                    negated: valence_of(i).is_some_and(|v| v * valence < 0.0),
                });
            }
        }
    }
    *kept_tokens = spare::emptied_as(lower, || "");

    let mut sum: f64 = sentiments.iter().sum();
    let exclamations = text.matches('!').count().min(4) as f64 * 0.292;
    let questions = match text.matches('?').count() {
        0 | 1 => 0.0,
        q @ 2..=3 => q as f64 * 0.18,
        _ => 0.96,
    };
    let emphasis = exclamations + questions;
    if sum > 0.0 {
        sum += emphasis;
    } else if sum < 0.0 {
        sum -= emphasis;
    }
    let normalized = (sum / (sum * sum + 15.0).sqrt()).clamp(-1.0, 1.0);
    round4(normalized)
}

fn booster(b: Option<f64>, upper: bool, valence: f64, cap_diff: bool) -> f64 {
    let Some(b) = b else {
        return 0.0;
    };
    let mut scalar = if valence < 0.0 { -b } else { b };
    if upper && cap_diff {
        if valence > 0.0 {
            scalar += C_INCR;
        } else {
            scalar -= C_INCR;
        }
    }
    scalar
}

#[expect(
    clippy::indexing_slicing,
    reason = "called with `i > start`: `i - start - 1` and the positions after it are valid"
)]
fn negation_check(valence: f64, lower: &[&str], info: &[Info], start: usize, i: usize) -> f64 {
    let negated = |k: usize| info[k].negated;
    match start {
        0 => {
            if negated(i - 1) {
                return valence * N_SCALAR;
            }
        }
        1 => {
            if lower[i - 2] == "never" && matches!(lower[i - 1], "so" | "this") {
                return valence * 1.25;
            } else if lower[i - 2] == "without" && lower[i - 1] == "doubt" {
                return valence;
            } else if negated(i - 2) {
                return valence * N_SCALAR;
            }
        }
        _ => {
            // As written in vaderSentiment: `A and B or C` groups as `(A and B) or C`.
            if (lower[i - 3] == "never" && matches!(lower[i - 2], "so" | "this"))
                || matches!(lower[i - 1], "so" | "this")
            {
                return valence * 1.25;
            } else if lower[i - 3] == "without"
                && (lower[i - 2] == "doubt" || lower[i - 1] == "doubt")
            {
                return valence;
            } else if negated(i - 3) {
                return valence * N_SCALAR;
            }
        }
    }
    valence
}

/// Whether the words, joined by single spaces, are `key`.
fn words_are(words: &[&str], key: &str) -> bool {
    let mut rest = key;
    for (k, word) in words.iter().enumerate() {
        if k > 0 {
            match rest.strip_prefix(' ') {
                Some(r) => rest = r,
                None => return false,
            }
        }
        match rest.strip_prefix(word) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
}

fn special_case(words: &[&str]) -> Option<f64> {
    SPECIAL_CASES
        .iter()
        .find(|(key, _)| words_are(words, key))
        .map(|&(_, v)| v)
}

#[expect(
    clippy::indexing_slicing,
    reason = "called for `start == 2`, so `i >= 3`, and the windows after `i` are checked against `n`"
)]
fn special_idioms_check(mut valence: f64, lower: &[&str], info: &[Info], i: usize) -> f64 {
    let n = lower.len();
    // Only a sequence whose first word starts some special case or booster can be one:
    // the others are not compared.
    let starts = |k: usize| info[k].entry.starts_sequence;
    let special = |from: usize, to: usize| {
        if starts(from) {
            special_case(&lower[from..to])
        } else {
            None
        }
    };
    // (from, to) of each sequence, in vaderSentiment's order.
    let sequences = [
        (i - 1, i + 1),
        (i - 2, i + 1),
        (i - 2, i),
        (i - 3, i),
        (i - 3, i - 1),
    ];
    if let Some(v) = sequences.iter().find_map(|&(from, to)| special(from, to)) {
        valence = v;
    }
    if n - 1 > i
        && let Some(v) = special(i, i + 2)
    {
        valence = v;
    }
    if n - 1 > i + 1
        && let Some(v) = special(i, i + 3)
    {
        valence = v;
    }
    for (from, to) in [(i - 3, i), (i - 3, i - 1), (i - 2, i)] {
        if !starts(from) {
            continue;
        }
        for &(key, b) in &LEXICONS.multi_word_boosters {
            if words_are(&lower[from..to], key) {
                valence += b;
            }
        }
    }
    valence
}

/// The contrastive `but`: scores before it are halved, scores after it grow by half.
/// vaderSentiment finds each score's place with `list.index`, the first equal value, and
/// this does the same, so repeated scores are treated as it treats them.
#[expect(
    clippy::indexing_slicing,
    reason = "`k` runs over the scores, and `first` is a position where an equal score was found"
)]
fn but_check(sentiments: &mut [f64], but: usize) {
    if sentiments.len() <= 64 {
        for k in 0..sentiments.len() {
            let s = sentiments[k];
            // `s` is at `k`, so an equal value exists at or before it.
            let first = sentiments[..=k].iter().position(|&x| x == s).unwrap_or(k);
            apply_but(sentiments, first, s, but);
        }
        return;
    }
    // The same, in O(n log n) for long texts: for each value, the places that hold it.
    let key = |x: f64| if x == 0.0 { 0u64 } else { x.to_bits() };
    let mut places: FxHashMap<u64, std::collections::BTreeSet<usize>> = FxHashMap::default();
    for (i, &x) in sentiments.iter().enumerate() {
        places.entry(key(x)).or_default().insert(i);
    }
    for k in 0..sentiments.len() {
        let s = sentiments[k];
        let first = places
            .get(&key(s))
            .and_then(|set| set.first().copied())
            .unwrap_or(k);
        let before = sentiments[first];
        apply_but(sentiments, first, s, but);
        let after = sentiments[first];
        if key(after) != key(before) {
            if let Some(set) = places.get_mut(&key(before)) {
                set.remove(&first);
            }
            places.entry(key(after)).or_default().insert(first);
        }
    }
}

#[expect(clippy::indexing_slicing, reason = "`first` is a position of a score")]
fn apply_but(sentiments: &mut [f64], first: usize, s: f64, but: usize) {
    if first < but {
        sentiments[first] = s * 0.5;
    } else if first > but {
        sentiments[first] = s * 1.5;
    }
}

/// Rounds to 4 decimals as Python's `round(x, 4)` does: to the nearest, ties to even on
/// the exact binary value.
fn round4(x: f64) -> f64 {
    let scaled = x * 1e4;
    let frac = (scaled - scaled.trunc()).abs();
    if (frac - 0.5).abs() > 1e-6 {
        return scaled.round() / 1e4;
    }
    // Near a tie the product above may be off by one unit; decide on the exact value.
    format!("{x:.4}").parse().unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `surely_neutral` as a decision calls it: with the words the message lexer cuts.
    fn neutral(text: &str) -> bool {
        let mut buffer = String::new();
        let mut words = Vec::new();
        crate::text::phrases::push_words(text, &mut buffer, &mut words, None);
        surely_neutral(text, words.iter().map(|w| w.hash))
    }

    #[test]
    fn surely_neutral_is_never_wrong_on_any_entry_of_the_lexicon_in_any_setting() {
        // Every entry, as a word and with the punctuation and case a customer may put
        // around it or inside it; where `surely_neutral` says 0, VADER must say 0.
        let lex = &*LEXICONS;
        let mut neutral_texts = 0;
        let mut checked = 0;
        for key in lex.words.keys() {
            for text in [
                key.to_string(),
                format!("I am {key}"),
                format!("{key}!"),
                format!("({key})"),
                format!("\"{key}\", she said."),
                format!("{}?!", key.to_uppercase()),
                format!("'{key}'"),
                format!("{key}'s order"),
                format!("x{key}"),
                format!("{key}-{key}"),
                format!("ok, {key}"),
                format!("the {key}:"),
            ] {
                checked += 1;
                if neutral(&text) {
                    neutral_texts += 1;
                    assert_eq!(compound(&text), 0.0, "{text:?}");
                }
            }
        }
        // The shortcut is taken often enough to be tested: entries without a valence
        // (boosters, negations), and settings that make a word no word of the lexicon.
        assert!(neutral_texts > checked / 20, "{neutral_texts} of {checked}");
    }

    #[test]
    fn surely_neutral_says_so_for_plain_questions_and_not_for_feelings() {
        for text in [
            "Where is my order?",
            "I ordered a jacket last week and it still has not arrived.",
            "order #4829, e-mail me at a@b.co",
            "",
            "   ",
        ] {
            assert!(neutral(text), "{text:?}");
            assert_eq!(compound(text), 0.0, "{text:?}");
        }
        for text in [
            "this is great",
            "I am :) now",
            "ok :-(",
            "GOOD!!!",
            "not bad",
            "I feel 😀",
            "ça va bien, merci",
        ] {
            assert!(!neutral(text), "{text:?}");
        }
    }

    #[test]
    fn the_long_but_rule_finds_places_as_the_short_one_does() {
        // Values repeat, as VADER's do, so "the first equal value" matters.
        let values: Vec<f64> = (0..300)
            .map(|i| [0.0, 1.9, -2.1, 0.95, 1.9 * 0.5][i % 5])
            .collect();
        for but in [0, 7, 150, 299] {
            let mut long = values.clone();
            but_check(&mut long, but);
            let mut short = values.clone();
            for k in 0..short.len() {
                let s = short[k];
                let first = short[..=k].iter().position(|&x| x == s).unwrap();
                apply_but(&mut short, first, s, but);
            }
            assert_eq!(long, short, "but at {but}");
        }
    }

    #[test]
    fn known_scores() {
        // Scores printed by vaderSentiment 3.3.2.
        assert_eq!(compound("VADER is smart, handsome, and funny."), 0.8316);
        assert_eq!(compound("VADER is smart, handsome, and funny!"), 0.8439);
        assert_eq!(
            compound("VADER is very smart, handsome, and funny."),
            0.8545
        );
        assert_eq!(
            compound("VADER is VERY SMART, handsome, and FUNNY."),
            0.9227
        );
        assert_eq!(compound("The book was good."), 0.4404);
        assert_eq!(compound("At least it isn't a horrible book."), 0.431);
        assert_eq!(compound(""), 0.0);
        assert_eq!(compound("!!! ..."), 0.0);
    }

    #[test]
    fn special_cases_and_boosters_of_several_words() {
        // Worked out from vaderSentiment 3.3.2's `_special_idioms_check`, which the
        // reference file never reaches. "the bomb" replaces the valence of `bomb` (-2.2)
        // with 3.0: 3 / sqrt(9 + 15).
        assert_eq!(compound("this movie is the bomb"), 0.6124);
        assert_eq!(compound("this movie is a bomb"), -0.4939);
        // "kind of" two words before `good` (1.9) weakens it by 0.293, and `kind` itself
        // counts for nothing: 1.607 / sqrt(1.607² + 15).
        assert_eq!(compound("it was kind of good"), 0.3832);
    }
}
