//! Entities for the context packet (design section 3.8): order numbers, e-mail
//! addresses, phone numbers, money amounts and URLs, found by the message lexer in the
//! customer's messages. Card numbers are never entities: the text is masked first.

use serde::{Deserialize, Serialize};

use super::lexer::{Lexeme, lexemes};

/// What the customer's messages mention, each list in order of first mention, without
/// repeats.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entities {
    pub order_numbers: Vec<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub amounts: Vec<String>,
    pub urls: Vec<String>,
}

impl Entities {
    /// Adds the entities of one message. The text should already have its card numbers
    /// masked.
    pub fn collect(&mut self, text: &str) {
        if !may_hold_entities(text) {
            return;
        }
        for (lexeme, range) in lexemes(text) {
            let found = &text[range];
            match lexeme {
                Lexeme::HashOrder | Lexeme::WordOrder => {
                    // The number is the last run of digits.
                    let digits = found.trim_end_matches(|c: char| !c.is_ascii_digit());
                    let start = digits
                        .rfind(|c: char| !c.is_ascii_digit())
                        .map_or(0, |i| i + 1);
                    add(&mut self.order_numbers, &digits[start..]);
                }
                Lexeme::Email => add(&mut self.emails, found),
                Lexeme::Phone => add(&mut self.phones, found),
                Lexeme::Digits if is_phone(found) => add(&mut self.phones, found),
                Lexeme::Money => add(&mut self.amounts, found),
                Lexeme::Url => add(
                    &mut self.urls,
                    found.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '}', '\'']),
                ),
                Lexeme::Digits | Lexeme::Word | Lexeme::Space => {}
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.order_numbers.is_empty()
            && self.emails.is_empty()
            && self.phones.is_empty()
            && self.amounts.is_empty()
            && self.urls.is_empty()
    }
}

/// A quick look, in one pass, for what every entity has: a digit or an `@` (orders,
/// phones, money, e-mail), `://` or `www.` (URLs). Most messages have none, and need no
/// lexing.
fn may_hold_entities(text: &str) -> bool {
    let bytes = text.as_bytes();
    let follows = |at: usize, what: &[u8]| {
        bytes
            .get(at..at + what.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(what))
    };
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'0'..=b'9' | b'@' => true,
        b':' => follows(i + 1, b"//"),
        b'.' => i >= 3 && follows(i - 3, b"www"),
        _ => false,
    })
}

fn add(list: &mut Vec<String>, found: &str) {
    if !found.is_empty() && !list.iter().any(|f| f == found) {
        list.push(found.to_owned());
    }
}

/// A digit run is a phone number when it has 7 to 15 digits in two or more groups,
/// and is neither a date (`2026-11-24`) nor a decimal number (`12.50`).
fn is_phone(run: &str) -> bool {
    let digits = run.bytes().filter(u8::is_ascii_digit).count();
    let groups: Vec<&str> = run.split([' ', '-', '.']).collect();
    let date =
        groups.len() == 3 && run.contains('-') && groups.iter().map(|g| g.len()).eq([4, 2, 2]);
    let decimal = groups.len() == 2 && run.contains('.');
    (7..=15).contains(&digits) && groups.len() >= 2 && !date && !decimal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_found_once() {
        let mut e = Entities::default();
        e.collect("order #4829 and order 4829, mail jo@example.com or call 555-123-4567");
        e.collect("I paid $49.99 twice, see www.example.com/orders. Order number 77");
        assert_eq!(e.order_numbers, ["4829", "77"]);
        assert_eq!(e.emails, ["jo@example.com"]);
        assert_eq!(e.phones, ["555-123-4567"]);
        assert_eq!(e.amounts, ["$49.99"]);
        assert_eq!(e.urls, ["www.example.com/orders"]);
    }

    #[test]
    fn the_quick_look_misses_no_entity() {
        for text in [
            "call me",
            "see https://example.com",
            "see WWW.example.com",
            "mail jo@example.com",
            "order 7",
            "www.",
            ".www",
            "x://",
            "://",
        ] {
            for (lexeme, _) in lexemes(text) {
                if !matches!(lexeme, Lexeme::Word | Lexeme::Space) {
                    assert!(may_hold_entities(text), "{text:?} has a {lexeme:?}");
                }
            }
        }
        // Random texts made of what entities are made of.
        let alphabet = b"7@:/.wWhtps x+-$()#";
        let mut seed = 3u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push(char::from(alphabet[(seed >> 33) as usize % alphabet.len()]));
            }
            if lexemes(&text).any(|(l, _)| !matches!(l, Lexeme::Word | Lexeme::Space)) {
                assert!(may_hold_entities(&text), "{text:?}");
            }
        }
        assert!(!may_hold_entities("Thanks, that helps a lot! Is it: ok."));
        assert!(may_hold_entities("see Www.x"));
        assert!(may_hold_entities("a:// b"));
    }

    #[test]
    fn dates_and_decimals_are_not_phones() {
        let mut e = Entities::default();
        e.collect("on 2026-11-24 I paid 12.50 for 3 items");
        assert!(e.is_empty(), "{e:?}");
    }
}
