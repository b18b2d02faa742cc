//! Card numbers: 13 to 19 digits that pass the Luhn check, written in one piece or in
//! groups separated by single spaces or dashes, in ASCII digits or in the digits of the
//! scripts of [`digit_value`] (full-width as Chinese and Japanese input methods type
//! them, Arabic-Indic, Persian, Devanagari, Bengali, Thai). They are masked as
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

/// The zero of each set of ten digits other than ASCII that numbers are typed with in
/// everyday use: Arabic-Indic (Arabic), Extended Arabic-Indic (Persian, Urdu),
/// Devanagari (Hindi, Marathi, Nepali), Bengali, Thai, and full-width (Chinese and
/// Japanese input methods). Each set is ten code points in a row, zero to nine.
const DIGIT_ZEROS: [char; 6] = [
    '\u{0660}', '\u{06F0}', '\u{0966}', '\u{09E6}', '\u{0E50}', '\u{FF10}',
];

/// The value of a digit: ASCII `0`-`9`, or a digit of the scripts in which numbers are
/// typed in everyday use: Arabic-Indic, Persian (Extended Arabic-Indic), Devanagari,
/// Bengali, Thai and full-width digits.
pub fn digit_value(c: char) -> Option<u8> {
    if c.is_ascii() {
        return c.is_ascii_digit().then(|| c as u8 - b'0');
    }
    DIGIT_ZEROS.iter().find_map(|&zero| {
        let value = u32::from(c).wrapping_sub(u32::from(zero));
        // Below 10, so it fits a byte.
        (value < 10).then_some(value as u8)
    })
}

/// Whether `c` may stand alone between two groups of a card number's digits: a space
/// (an ideographic one too, as Chinese and Japanese input methods type it) or a dash.
fn is_group_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '\u{3000}' | '\u{FF0D}')
}

/// How many ASCII digits `bytes` holds, and whether it holds any byte beyond ASCII, in
/// one pass (blocks of 255 counted into a byte, which the compiler turns into vector
/// instructions).
fn ascii_digits(bytes: &[u8]) -> (usize, bool) {
    let (mut digits, mut all) = (0, 0u8);
    for block in bytes.chunks(255) {
        let (n, or) = block.iter().fold((0u8, 0u8), |(n, or), &b| {
            (n + u8::from(b.wrapping_sub(b'0') < 10), or | b)
        });
        digits += usize::from(n);
        all |= or;
    }
    (digits, !all.is_ascii())
}

/// How many digits `bytes` (UTF-8) may hold at most: its ASCII digits, and the bytes
/// that may start a digit of [`DIGIT_ZEROS`] (`D9`, `DB`, `E0`, `EF`). One pass, counted
/// in blocks of 255 into a byte, which the compiler turns into vector instructions.
fn digits_at_most(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|block| {
            block.iter().fold(0u8, |n, &b| {
                let digit = b.wrapping_sub(b'0') < 10;
                let lead = b == 0xD9 || b == 0xDB || b == 0xE0 || b == 0xEF;
                n + u8::from(digit | lead)
            }) as usize
        })
        .sum()
}

/// The smallest and largest number of digits of a card number.
const CARD_DIGITS: std::ops::RangeInclusive<usize> = 13..=19;

/// A group of digits written together: where it starts and ends in the text (bytes), how
/// many digits it has, and whether one separator joins it to the group before.
#[derive(Clone, Copy)]
struct Group {
    start: usize,
    end: usize,
    digits: usize,
    joined: bool,
}

/// The groups of digits of `text`, or `None` when it has too few digits to hold a card
/// number (what most texts are: told by counting its ASCII digits, and for a text beyond
/// ASCII by counting the bytes that may start another digit too).
fn groups_of(text: &str) -> Option<Vec<Group>> {
    may_hold_card(text).then(|| groups_in(text))
}

/// Whether `text` has enough digits to hold a card number.
#[inline]
fn may_hold_card(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (ascii_digits, beyond_ascii) = ascii_digits(bytes);
    ascii_digits >= *CARD_DIGITS.start()
        || (beyond_ascii && digits_at_most(bytes) >= *CARD_DIGITS.start())
}

/// The groups of digits of `text` ([`groups_of`], once it may hold a card).
fn groups_in(text: &str) -> Vec<Group> {
    let mut groups = Vec::new();
    each_group(text, |group| groups.push(group));
    groups
}

/// Gives each group of digits of `text` to `each`, in order.
#[inline(never)]
fn each_group(text: &str, mut each: impl FnMut(Group)) {
    let bytes = text.as_bytes();
    // The group being read, and whether a separator followed the last group.
    let mut current: Option<Group> = None;
    let mut separated = false;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let (digit, separator, len) = if byte.is_ascii() {
            (byte.is_ascii_digit(), byte == b' ' || byte == b'-', 1)
        } else {
            // `at` is where a character starts: it moves by whole characters.
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            (
                digit_value(c).is_some(),
                is_group_separator(c),
                c.len_utf8(),
            )
        };
        let end = at + len;
        if digit {
            match current.as_mut() {
                Some(group) => {
                    group.end = end;
                    group.digits += 1;
                }
                None => {
                    current = Some(Group {
                        start: at,
                        end,
                        digits: 1,
                        joined: separated,
                    });
                }
            }
            separated = false;
        } else {
            separated = current.is_some() && separator;
            if let Some(group) = current.take() {
                each(group);
            }
        }
        at = end;
    }
    if let Some(group) = current {
        each(group);
    }
}

/// The runs of `groups` joined by one separator each: where card numbers may be.
fn runs(groups: &[Group]) -> impl Iterator<Item = &[Group]> {
    groups.chunk_by(|_, next| next.joined)
}

/// The digits of `text` from the start of group `from` to the end of `to`, as ASCII.
fn digits_between<'a>(
    text: &'a str,
    from: &Group,
    to: &Group,
) -> impl DoubleEndedIterator<Item = u8> + 'a {
    text.get(from.start..to.end)
        .unwrap_or_default()
        .chars()
        .filter_map(digit_value)
        .map(|value| value + b'0')
}

/// Whether groups `from` to `to` of a run (`run[from..=to]`) hold a card number: as many
/// digits as a card's, passing the Luhn check. `None` past 19 digits.
fn card_in(text: &str, run: &[Group], from: usize, to: usize) -> Option<bool> {
    let groups = run.get(from..=to)?;
    let count: usize = groups.iter().map(|g| g.digits).sum();
    if count > *CARD_DIGITS.end() {
        return None;
    }
    let (first, last) = (groups.first()?, groups.last()?);
    Some(CARD_DIGITS.contains(&count) && luhn(digits_between(text, first, last)))
}

/// `text` with every card number in it masked; borrowed when it has none. Digits may be
/// ASCII or of another script ([`digit_value`]); the last four stay as written.
///
/// Linear in the text, in constant room: a card is looked for only at group
/// boundaries, a window of groups never holds more than 19 digits, and at most 20 groups
/// are held at a time.
pub fn mask_cards(text: &str) -> Cow<'_, str> {
    if may_hold_card(text) {
        mask_found(text)
    } else {
        Cow::Borrowed(text)
    }
}

/// [`mask_cards`] on a text that may hold a card: most texts never come here.
#[inline(never)]
fn mask_found(text: &str) -> Cow<'_, str> {
    mask_keeping(text, CARD_GROUPS + 1)
}

/// The most groups a card number spans: as many as its digits at most, since a group has
/// at least one.
const CARD_GROUPS: usize = *CARD_DIGITS.end();

/// [`mask_found`], holding at most `keep` groups of a run at a time. Whether a card starts
/// at a group is settled by the groups that 19 digits from it reach, so once `keep` is
/// more than [`CARD_GROUPS`], the first group held is settled as it would be with the
/// whole run at hand, and memory stays the same whatever the text (`usize::MAX` holds
/// whole runs, as a test compares).
fn mask_keeping(text: &str, keep: usize) -> Cow<'_, str> {
    let mut masking = Masking {
        text,
        out: None,
        copied: 0,
    };
    // The groups of the current run not yet settled.
    let mut run: Vec<Group> = Vec::new();
    each_group(text, |group| {
        if !group.joined {
            while !run.is_empty() {
                masking.settle_first(&mut run);
            }
        }
        run.push(group);
        if run.len() >= keep {
            masking.settle_first(&mut run);
        }
    });
    while !run.is_empty() {
        masking.settle_first(&mut run);
    }
    match masking.out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(text.get(masking.copied..).unwrap_or_default());
            Cow::Owned(out)
        }
    }
}

/// A text being masked: what is masked so far, once a card was found.
struct Masking<'a> {
    text: &'a str,
    out: Option<String>,
    /// Bytes of `text` already in `out`.
    copied: usize,
}

impl Masking<'_> {
    /// Settles the first group of `run` (groups joined one to the next): masks the
    /// longest card that starts there and takes its groups out of `run`, or takes out
    /// the first group alone.
    fn settle_first(&mut self, run: &mut Vec<Group>) {
        let text = self.text;
        let Some(&first) = run.first() else {
            return;
        };
        // The longest card from this group on.
        let mut best = None;
        for j in 0..run.len() {
            match card_in(text, run, 0, j) {
                None => break,
                Some(true) => best = Some(j),
                Some(false) => {}
            }
        }
        let Some((j, last)) = best.and_then(|j| Some((j, *run.get(j)?))) else {
            run.remove(0);
            return;
        };
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(text.get(self.copied..first.start).unwrap_or_default());
        out.push_str("**** **** **** ");
        // The last four digits of the card, as written, which stay readable.
        let tail: Vec<char> = text
            .get(first.start..last.end)
            .unwrap_or_default()
            .chars()
            .filter(|&c| digit_value(c).is_some())
            .collect();
        out.extend(tail.get(tail.len().saturating_sub(4)..).unwrap_or_default());
        self.copied = last.end;
        run.drain(..=j);
    }
}

/// A card number left readable in a masked text: 13 to 19 digits in groups (one space or
/// dash between) passing the Luhn check, other than a mask's own last four digits and
/// the digits beside them. `None` for any output of [`mask_cards`]; a check for tests
/// and for anyone who wants to verify a text before logging it; the card it finds is
/// given in ASCII digits. (Masking twice may mask
/// again what a mask's last four digits and the digits after them happen to form: no
/// digit of the input is revealed either way.)
pub fn readable_card(text: &str) -> Option<String> {
    let groups = groups_of(text)?;
    for run in runs(&groups) {
        let after_mask = run.first().is_some_and(|first| {
            text.get(..first.start)
                .is_some_and(|before| before.ends_with("**** **** **** "))
        });
        for g in usize::from(after_mask)..run.len() {
            for j in g..run.len() {
                match card_in(text, run, g, j) {
                    None => break,
                    Some(false) => {}
                    Some(true) => {
                        let (first, last) = (run.get(g)?, run.get(j)?);
                        return Some(digits_between(text, first, last).map(char::from).collect());
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Masking holds at most 20 groups of a run at a time, and masks as it does holding
    /// whole runs, on random texts of card numbers, digit groups and separators; the
    /// masked text shows no card number.
    #[test]
    fn masking_a_few_groups_at_a_time_masks_as_whole_runs_do() {
        let pieces = [
            "4111 1111 1111 1111",
            "4111-1111-1111-1111",
            "4012888888881881",
            "3782 822463 10005",
            "4111",
            "1111",
            "41",
            "1",
            "12",
            "555",
            "0",
            "７",
            "٤١١١",
            " ",
            "-",
            "  ",
            "x",
            "card ",
            "\u{3000}",
        ];
        let mut next = crate::text::picker(7);
        let mut masked = 0;
        for _ in 0..20_000 {
            let text: String = (0..1 + next(40))
                .map(|_| pieces[next(pieces.len())])
                .collect();
            let few = mask_keeping(&text, CARD_GROUPS + 1);
            assert_eq!(few, mask_keeping(&text, usize::MAX), "{text:?}");
            assert_eq!(readable_card(&few), None, "{text:?}");
            masked += usize::from(matches!(few, Cow::Owned(_)));
        }
        // Cards were found, or the comparison would prove little.
        assert!(masked > 5_000, "only {masked} texts held a card");
    }

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
    fn cards_typed_in_other_digits_are_masked_too() {
        // Full-width, as Japanese and Chinese input methods type it, with ideographic
        // spaces; Arabic-Indic; Persian; Devanagari with dashes.
        assert_eq!(
            mask_cards("カード番号は４１１１\u{3000}１１１１\u{3000}１１１１\u{3000}１１１１です"),
            "カード番号は**** **** **** １１１１です"
        );
        assert_eq!(
            mask_cards("رقم البطاقة ٤١١١ ١١١١ ١١١١ ١١١١"),
            "رقم البطاقة **** **** **** ١١١١"
        );
        assert_eq!(
            mask_cards("کارت ۴۱۱۱۱۱۱۱۱۱۱۱۱۱۱۱"),
            "کارت **** **** **** ۱۱۱۱"
        );
        assert_eq!(
            mask_cards("कार्ड ४१११-१११११-११११-१११"),
            "कार्ड **** **** **** ११११"
        );
        // Mixed forms, as copied from two places, still one card number.
        assert_eq!(mask_cards("4111 １１１１ 1111 1111"), "**** **** **** 1111");
        // The check names a card it finds in ASCII digits.
        assert_eq!(
            readable_card("４１１１１１１１１１１１１１１１"),
            Some("4111111111111111".into())
        );
    }

    #[test]
    fn digit_values_are_those_of_each_set_of_ten() {
        for zero in DIGIT_ZEROS {
            for value in 0..10u8 {
                let c = char::from_u32(u32::from(zero) + u32::from(value)).unwrap();
                assert!(c.is_numeric(), "{c}");
                assert_eq!(digit_value(c), Some(value), "{c}");
            }
            let before = char::from_u32(u32::from(zero) - 1).unwrap();
            assert_eq!(digit_value(before), None, "{before}");
        }
        for c in ['a', '½', '①', '四', '*', ' '] {
            assert_eq!(digit_value(c), None, "{c}");
        }
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
