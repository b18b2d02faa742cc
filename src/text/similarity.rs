//! Word-set similarity for `repeats` and `bot_loops` (design section 3.6), on sets of
//! word ids kept sorted and without repeats. Thresholds are compared in integers, so
//! `3/5` is exactly `>= 0.6`.

use crate::text::byte_set::ByteSet;

/// `|a ∩ b|` and `|a ∪ b|` of two sorted sets.
#[expect(
    clippy::indexing_slicing,
    reason = "`i` and `j` are checked against the lengths in the loop condition"
)]
pub fn overlap<T: Ord>(a: &[T], b: &[T]) -> (usize, usize) {
    let (mut i, mut j, mut both) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (both, a.len() + b.len() - both)
}

/// Whether the Jaccard similarity of `a` and `b` is at least `num / den`. Two empty sets
/// are not similar: a message with no words repeats nothing.
pub fn at_least<T: Ord>(a: &[T], b: &[T], num: usize, den: usize) -> bool {
    // The overlap is at most the smaller set and the union at least the larger: sets
    // of too different sizes are told apart without comparing their words.
    let (small, large) = (a.len().min(b.len()), a.len().max(b.len()));
    if small * den < num * large {
        return false;
    }
    let (both, either) = overlap(a, b);
    either > 0 && both * den >= num * either
}

/// Whether a stream of word hashes, read one word at a time, is similar enough to one
/// sorted set: the same answer as [`at_least`] with the stream's own set, without
/// building, sorting or keeping it, and stopping as soon as the answer is no.
///
/// The Jaccard similarity is `|a ∩ b| / (|a| + |b \ a|)`, and `|a ∩ b|` is at most `|a|`: once
/// the stream holds more distinct words outside `a` than `|a| · (den - num) / num`, it
/// cannot reach `num / den` whatever follows. A message unlike the latest is thus told
/// apart after its first few words. `a` holds at most [`Likeness::MAX_SET`] words (one
/// bit each records which of them the stream holds); [`Likeness::new`] refuses larger
/// ones.
#[derive(Clone, Debug)]
pub struct Likeness<'a> {
    set: &'a [u64],
    /// The top byte of each hash of `set`: a word whose byte is not in it is outside.
    summary: ByteSet,
    num: usize,
    den: usize,
    /// Bit `k`: the stream holds `set[k]`.
    seen: u64,
    /// The distinct words of the stream outside `set`, at most `limit` of them.
    outside: [u64; Likeness::MAX_SET],
    count_outside: usize,
    limit: usize,
}

impl<'a> Likeness<'a> {
    /// The largest set a likeness compares with.
    pub const MAX_SET: usize = 64;

    /// A comparison with `set` (sorted, without repeats) at `num / den`; `None` unless
    /// `0 < num <= den`, `set` has at most [`Likeness::MAX_SET`] words, and the words
    /// outside it that a similar stream may hold are at most as many.
    pub fn new(set: &'a [u64], num: usize, den: usize) -> Option<Likeness<'a>> {
        if set.len() > Self::MAX_SET || num == 0 || num > den {
            return None;
        }
        let limit = set.len() * (den - num) / num;
        (limit <= Self::MAX_SET).then(|| Likeness {
            set,
            summary: top_bytes(set),
            num,
            den,
            seen: 0,
            outside: [0; Self::MAX_SET],
            count_outside: 0,
            limit,
        })
    }

    /// Forgets the stream read so far, to read another.
    pub fn restart(&mut self) {
        self.seen = 0;
        self.count_outside = 0;
    }

    /// Reads one word of the stream; `Break` when the stream can no longer be similar.
    #[inline]
    pub fn word(&mut self, hash: u64) -> std::ops::ControlFlow<()> {
        let found = if self.summary.contains(top_byte(hash)) {
            self.set.binary_search(&hash)
        } else {
            Err(0)
        };
        match found {
            Ok(k) => self.seen |= 1 << k,
            Err(_) => {
                let outside = self.outside.get(..self.count_outside).unwrap_or_default();
                if !outside.contains(&hash) {
                    if self.count_outside == self.limit {
                        return std::ops::ControlFlow::Break(());
                    }
                    if let Some(slot) = self.outside.get_mut(self.count_outside) {
                        *slot = hash;
                    }
                    self.count_outside += 1;
                }
            }
        }
        std::ops::ControlFlow::Continue(())
    }

    /// Whether the stream read so far, whole, is similar enough. Two empty sets are not
    /// similar, as with [`at_least`].
    pub fn holds(&self) -> bool {
        let both = self.seen.count_ones() as usize;
        let either = self.set.len() + self.count_outside;
        either > 0 && both * self.den >= self.num * either
    }
}

/// The byte of a word hash that summaries of word sets keep.
pub fn top_byte(hash: u64) -> u8 {
    (hash >> 56) as u8
}

/// The summary of a set of word hashes: the [`top_byte`] of each. A hash whose byte is
/// not in it is not in the set.
pub fn top_bytes(set: &[u64]) -> ByteSet {
    let mut bytes = ByteSet::default();
    for &hash in set {
        bytes.insert(top_byte(hash));
    }
    bytes
}

/// Whether `a` is within one edit of `b`: one insertion, deletion, substitution, or
/// transposition of two neighbouring characters (or none).
pub fn within_one_edit(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        one_edit(a.as_bytes(), b.as_bytes())
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        one_edit(&a, &b)
    }
}

#[expect(
    clippy::indexing_slicing,
    reason = "positions stop at the shorter word's length, and the longer word is one longer"
)]
fn one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if common == a.len() && common == b.len() {
        return true;
    }
    let (ra, rb) = (&a[common..], &b[common..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Greater => ra[1..] == *rb,
        std::cmp::Ordering::Less => *ra == rb[1..],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_exact() {
        // 3 shared of 5 in all: exactly 0.6.
        assert!(at_least(&[1, 2, 3, 4], &[1, 2, 3, 5], 3, 5));
        assert!(!at_least(&[1, 2, 3, 4], &[1, 2, 5, 6], 3, 5));
        assert!(!at_least::<u32>(&[], &[], 3, 5));
    }

    /// Likeness read over a stream against `at_least` over the stream's set, on many
    /// small random sets from a small universe (so that they overlap at every degree),
    /// streams with repeated words, and several thresholds, the exact ones included.
    #[test]
    fn likeness_agrees_with_the_sets() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        // Hashes spread over the top byte too, so the summary is put to work.
        let hash = |w: u64| w.wrapping_mul(0xA24B_AED4_963E_E407) | 1;
        let mut similar = 0;
        for case in 0..20_000 {
            let universe = 2 + next(if case % 2 == 0 { 12 } else { 90 });
            let mut a: Vec<u64> = (0..next(70)).map(|_| hash(next(universe))).collect();
            a.sort_unstable();
            a.dedup();
            let stream: Vec<u64> = (0..next(80)).map(|_| hash(next(universe))).collect();
            let mut b = stream.clone();
            b.sort_unstable();
            b.dedup();
            for (num, den) in [(3, 5), (4, 5), (1, 2), (1, 1), (1, 5)] {
                let Some(mut likeness) = Likeness::new(&a, num, den) else {
                    assert!(a.len() > Likeness::MAX_SET || a.len() * (den - num) / num > 64);
                    continue;
                };
                // A likeness used before reads as a new one once restarted.
                for &h in stream.iter().rev().take(3) {
                    let _ = likeness.word(h);
                }
                likeness.restart();
                let read = stream.iter().try_for_each(|&h| likeness.word(h));
                let streamed = read.is_continue() && likeness.holds();
                assert_eq!(
                    streamed,
                    at_least(&a, &b, num, den),
                    "{a:?} {stream:?} {num}/{den}"
                );
                similar += usize::from(streamed);
            }
        }
        // The cases reach both answers, many times.
        assert!(similar > 1_000, "{similar}");
        assert!(Likeness::new(&[0; 65], 4, 5).is_none());
    }

    #[test]
    fn one_edit_of_every_kind() {
        for (a, b) in [
            ("someone", "somneone"),
            ("someone", "someon"),
            ("someone", "somexne"),
            ("someone", "soemone"),
            ("someone", "someone"),
            ("größe", "grüße"),
        ] {
            assert!(within_one_edit(a, b), "{a} {b}");
        }
        assert!(!within_one_edit("someone", "sommeonne"));
        assert!(!within_one_edit("someone", "eomeons"));
        assert!(!within_one_edit("größe", "gröse!"));
        // Two substitutions side by side, each half of a transposition: not one edit.
        assert!(!within_one_edit("someone", "soxmone"));
        assert!(!within_one_edit("someone", "soeaone"));
        assert!(!within_one_edit("größe", "grxöe"));
    }
}
