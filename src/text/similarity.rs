//! Word-set similarity for `repeats` and `bot_loops` (design section 3.6), on sets of
//! word ids kept sorted and without repeats. Thresholds are compared in integers, so
//! `3/5` is exactly `>= 0.6`.

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
    }
}
