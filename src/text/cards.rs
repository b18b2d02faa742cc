//! Card numbers: 13 to 19 digits that pass the Luhn check, written in one piece or in
//! groups separated by single spaces or dashes. They are masked as
//! `**** **** **** 1234` in everything a decision carries (design section 3.8).

use std::borrow::Cow;

/// Whether the digits (ASCII `0`-`9` only) pass the Luhn check.
pub fn luhn(digits: impl DoubleEndedIterator<Item = u8>) -> bool {
    let mut sum = 0u32;
    for (i, d) in digits.rev().enumerate() {
        let d = u32::from(d - b'0');
        sum += if i % 2 == 1 {
            let doubled = d * 2;
            if doubled > 9 { doubled - 9 } else { doubled }
        } else {
            d
        };
    }
    sum.is_multiple_of(10)
}

/// How many ASCII digits `bytes` holds. Counted in blocks of 255 into a byte, which the
/// compiler turns into vector instructions.
pub fn count_digits(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|block| {
            block
                .iter()
                .fold(0u8, |n, b| n + u8::from(b.wrapping_sub(b'0') < 10)) as usize
        })
        .sum()
}

/// The smallest and largest number of digits of a card number.
const CARD_DIGITS: std::ops::RangeInclusive<usize> = 13..=19;

/// `text` with every card number in it masked; borrowed when it has none.
///
/// Linear in the text: a card is looked for only at group boundaries, and a window of
/// groups never holds more than 19 digits.
#[expect(
    clippy::indexing_slicing,
    reason = "positions advance over `bytes` with checks against its length, and text is only cut where a digit run (ASCII) starts or ends"
)]
pub fn mask_cards(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    // Most texts have too few digits to hold a card at all.
    if count_digits(bytes) < *CARD_DIGITS.start() {
        return Cow::Borrowed(text);
    }
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `text` already in `out`
    let mut pos = 0;
    while pos < bytes.len() {
        if !bytes[pos].is_ascii_digit() {
            pos += 1;
            continue;
        }
        // A run of digit groups separated by one space or dash.
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut i = pos;
        loop {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            groups.push((start, i));
            let more = i + 1 < bytes.len()
                && (bytes[i] == b' ' || bytes[i] == b'-')
                && bytes[i + 1].is_ascii_digit();
            if !more {
                break;
            }
            i += 1;
        }
        let run_end = i;
        let mut g = 0;
        while g < groups.len() {
            let mut best = None;
            let mut count = 0;
            for (j, &(s, e)) in groups.iter().enumerate().skip(g) {
                count += e - s;
                if count > *CARD_DIGITS.end() {
                    break;
                }
                if CARD_DIGITS.contains(&count) && luhn(digits_of(bytes, &groups[g..=j])) {
                    best = Some(j);
                }
            }
            match best {
                Some(j) => {
                    let (start, _) = groups[g];
                    let (_, end) = groups[j];
                    let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
                    out.push_str(&text[copied..start]);
                    out.push_str("**** **** **** ");
                    // The last four digits of the card, which stay readable.
                    let last: Vec<u8> = digits_of(bytes, &groups[g..=j]).collect();
                    for &d in &last[last.len() - 4..] {
                        out.push(char::from(d));
                    }
                    copied = end;
                    g = j + 1;
                }
                None => g += 1,
            }
        }
        pos = run_end;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
    }
}

/// A card number left readable in a masked text: 13 to 19 digits in groups (one space or
/// dash between) passing the Luhn check, other than a mask's own last four digits and
/// the digits beside them. `None` for any output of [`mask_cards`]; a check for tests
/// and for anyone who wants to verify a text before logging it. (Masking twice may mask
/// again what a mask's last four digits and the digits after them happen to form: no
/// digit of the input is revealed either way.)
#[expect(
    clippy::indexing_slicing,
    reason = "positions are checked against the text's length, and cut only where ASCII digits start or end"
)]
pub fn readable_card(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // The groups of the run starting here.
        let mut groups = Vec::new();
        let mut j = i;
        loop {
            let s = j;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            groups.push(&text[s..j]);
            if j + 1 < b.len() && (b[j] == b' ' || b[j] == b'-') && b[j + 1].is_ascii_digit() {
                j += 1;
            } else {
                break;
            }
        }
        let after_mask = text[..i].ends_with("**** **** **** ");
        for g in 0..groups.len() {
            if g == 0 && after_mask {
                continue;
            }
            let mut digits = String::new();
            for group in &groups[g..] {
                digits.push_str(group);
                if digits.len() > *CARD_DIGITS.end() {
                    break;
                }
                if CARD_DIGITS.contains(&digits.len()) && luhn(digits.bytes()) {
                    return Some(digits);
                }
            }
        }
        i = j.max(i + 1);
    }
    None
}

/// The digits of some groups, in order.
#[expect(
    clippy::indexing_slicing,
    reason = "the range was found in this text by `count_digits`"
)]
fn digits_of<'a>(
    bytes: &'a [u8],
    groups: &'a [(usize, usize)],
) -> impl DoubleEndedIterator<Item = u8> + 'a {
    groups
        .iter()
        .flat_map(move |&(s, e)| bytes[s..e].iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_test_cards_only() {
        assert!(luhn("4111111111111111".bytes()));
        assert!(luhn("378282246310005".bytes()));
        assert!(!luhn("4111111111111112".bytes()));
    }

    #[test]
    fn cards_are_masked_in_any_layout() {
        assert_eq!(
            mask_cards("card 4111 1111 1111 1111 please"),
            "card **** **** **** 1111 please"
        );
        assert_eq!(mask_cards("4111-1111-1111-1111."), "**** **** **** 1111.");
        assert_eq!(mask_cards("x 4111111111111111"), "x **** **** **** 1111");
        assert_eq!(
            mask_cards("amex 3782 822463 10005 and visa 4012888888881881"),
            "amex **** **** **** 0005 and visa **** **** **** 1881"
        );
    }

    #[test]
    fn other_numbers_stay() {
        for text in [
            "order 4829",
            "4111 1111 1111 1112",
            "call 555 123 4567",
            "2026-11-24",
            "",
        ] {
            assert!(matches!(mask_cards(text), Cow::Borrowed(_)), "{text}");
        }
    }
}
