//! The message lexer (logos): cuts a customer's or a bot's text into the words phrase
//! matching and the signals see, and finds the entities the context packet lists.
//!
//! Two lexers share one definition of a word, so a word is the same everywhere:
//! - [`Piece`], on the hot path of every decision: words and white space, nothing else;
//! - [`Lexeme`], used only when a decision escalates: words plus order references, e-mail
//!   addresses, phone numbers, money amounts, URLs and digit runs (cards are found in
//!   digit runs by [`super::cards`]).

use logos::Logos;

/// What the word lexer sees. Any other character (punctuation, emoji, symbols) is an
/// error token, which breaks a phrase.
#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq)]
enum Piece {
    /// Unicode letters and digits, with an apostrophe kept between two of them.
    #[regex(r"[\p{Alphabetic}\p{N}]+(?:['’][\p{Alphabetic}\p{N}]+)*")]
    Word,
    #[regex(r"\s+")]
    Space,
}

/// A word found in a text: its byte range, and whether only white space separates it
/// from the word before (so that a phrase may run on across the gap).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordSpan {
    pub start: usize,
    pub end: usize,
    pub joined: bool,
}

/// Calls `each` with every word of `text`, in order.
///
/// Most messages are plain ASCII; for them a byte loop finds exactly the words the logos
/// lexer finds (a test holds the two to the same output), several times faster because
/// it has no per-token overhead. Any other text goes through logos.
pub fn for_each_word(text: &str, each: impl FnMut(WordSpan)) {
    if text.is_ascii() {
        ascii_words(text.as_bytes(), each);
    } else {
        lexed_words(text, each);
    }
}

/// The words of an ASCII text: runs of letters and digits, with `'` kept between two.
#[expect(
    clippy::indexing_slicing,
    reason = "`i` stays below the length of `bytes` by the loop conditions"
)]
fn ascii_words(bytes: &[u8], mut each: impl FnMut(WordSpan)) {
    let mut i = 0;
    let mut joined = false;
    let mut seen_word = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            let start = i;
            i += 1;
            while i < bytes.len() {
                if bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                } else if bytes[i] == b'\''
                    && i + 1 < bytes.len()
                    && bytes[i + 1].is_ascii_alphanumeric()
                {
                    i += 2;
                } else {
                    break;
                }
            }
            each(WordSpan {
                start,
                end: i,
                joined: seen_word && joined,
            });
            seen_word = true;
            joined = true;
        } else {
            // ASCII white space as Unicode defines it: tab, line feed, vertical tab,
            // form feed, carriage return, space.
            if !matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
                joined = false;
            }
            i += 1;
        }
    }
}

/// The words of any text, by the logos lexer.
pub fn lexed_words(text: &str, mut each: impl FnMut(WordSpan)) {
    let mut lexer = Piece::lexer(text);
    // The first word follows nothing; after it, a word is joined when nothing but
    // white space came since the previous word.
    let mut joined = false;
    let mut seen_word = false;
    while let Some(piece) = lexer.next() {
        match piece {
            Ok(Piece::Word) => {
                let span = lexer.span();
                each(WordSpan {
                    start: span.start,
                    end: span.end,
                    joined: seen_word && joined,
                });
                seen_word = true;
                joined = true;
            }
            Ok(Piece::Space) => {}
            Err(()) => joined = false,
        }
    }
}

/// Appends the word `raw` to `out` as phrase matching compares it: lower-cased, with
/// the typographic apostrophe `’` read as `'`.
pub fn push_lower(raw: &str, out: &mut String) {
    if raw.is_ascii() {
        if raw.bytes().any(|b| b.is_ascii_uppercase()) {
            out.extend(raw.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(raw);
        }
        return;
    }
    for c in raw.chars() {
        if c == '’' {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// What the entity lexer sees.
#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lexeme {
    #[regex(r"[\p{Alphabetic}\p{N}]+(?:['’][\p{Alphabetic}\p{N}]+)*")]
    Word,
    /// Digits in groups separated by one space, dash or dot: a number, a phone number
    /// or a card number, told apart afterwards.
    #[regex(r"[0-9]+(?:[ .\-][0-9]+)*", priority = 4)]
    Digits,
    /// A number written the international way or with an area code in parentheses.
    #[regex(r"\+[0-9]+(?:[ .\-][0-9]+)*")]
    #[regex(r"\([0-9]+\) ?[0-9]+(?:[ .\-][0-9]+)*")]
    Phone,
    /// `#4829`.
    #[regex(r"#[0-9]+")]
    HashOrder,
    /// `order 4829`, `order #4829`, `order no. 4829`, `order number 4829`.
    #[regex(r"(?i:order)(?: (?i:no)\.?| (?i:number))? #?[0-9]+")]
    WordOrder,
    #[regex(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")]
    Email,
    #[regex(r"(?i:https?://|www\.)[^\s<>\x22]+", priority = 12)]
    Url,
    /// `$50`, `€12.50`, `1,200 dollars`, `30 EUR`.
    #[regex(r"[$€£¥] ?[0-9]+(?:,[0-9][0-9][0-9])*(?:\.[0-9]+)?")]
    #[regex(
        r"[0-9]+(?:,[0-9][0-9][0-9])*(?:\.[0-9]+)? ?(?i:usd|eur|gbp|dollars?|euros?|pounds?|bucks)"
    )]
    Money,
    #[regex(r"\s+")]
    Space,
}

/// The lexemes of `text` with their byte ranges; characters no lexeme covers are left
/// out.
pub fn lexemes(text: &str) -> impl Iterator<Item = (Lexeme, std::ops::Range<usize>)> + '_ {
    let mut lexer = Lexeme::lexer(text);
    std::iter::from_fn(move || {
        loop {
            match lexer.next()? {
                Ok(lexeme) => return Some((lexeme, lexer.span())),
                Err(()) => continue,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for_each_word(text, |w| {
            let mut s = String::new();
            push_lower(&text[w.start..w.end], &mut s);
            out.push((s, w.joined));
        });
        out
    }

    #[test]
    fn words_know_whether_only_space_came_before() {
        assert_eq!(
            words("Agent, please  HELP\tme"),
            [
                ("agent".into(), false),
                ("please".into(), false),
                ("help".into(), true),
                ("me".into(), true)
            ]
        );
    }

    fn spans(text: &str, via_logos: bool) -> Vec<WordSpan> {
        let mut out = Vec::new();
        if via_logos {
            lexed_words(text, |w| out.push(w));
        } else {
            ascii_words(text.as_bytes(), |w| out.push(w));
        }
        out
    }

    #[test]
    fn the_ascii_loop_finds_what_logos_finds() {
        // Every ASCII character in many combinations, including all the white space and
        // control characters.
        let alphabet: Vec<char> = (0u8..128).map(char::from).collect();
        let mut seed = 7u64;
        let mut texts = 0;
        for _ in 0..20_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = ((seed >> 33) % 24) as usize;
            let mut text = String::new();
            for _ in 0..len {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let pick = (seed >> 33) as usize;
                // Favour letters, apostrophes and spaces, which make the hard cases.
                let c = match pick % 4 {
                    0 => 'a',
                    1 => '\'',
                    2 => ' ',
                    _ => alphabet[(pick / 4) % alphabet.len()],
                };
                text.push(c);
            }
            assert_eq!(spans(&text, false), spans(&text, true), "{text:?}");
            texts += usize::from(len > 0);
        }
        assert!(texts > 19_000);
    }

    #[test]
    fn apostrophes_and_unicode() {
        let got: Vec<String> = words("I DON’T know ÉTÉ rock'n'roll 'x'")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(got, ["i", "don't", "know", "été", "rock'n'roll", "x"]);
    }

    fn kinds(text: &str) -> Vec<(Lexeme, &str)> {
        lexemes(text)
            .filter(|(l, _)| !matches!(l, Lexeme::Space | Lexeme::Word))
            .map(|(l, r)| (l, &text[r]))
            .collect()
    }

    #[test]
    fn entities_are_recognised() {
        assert_eq!(
            kinds("order #4829 and Order 1234, mail me at jo.doe@example.com."),
            [
                (Lexeme::WordOrder, "order #4829"),
                (Lexeme::WordOrder, "Order 1234"),
                (Lexeme::Email, "jo.doe@example.com")
            ]
        );
        assert_eq!(
            kinds("I paid $49.99 (or 50 dollars) see https://shop.example/x?id=1."),
            [
                (Lexeme::Money, "$49.99"),
                (Lexeme::Money, "50 dollars"),
                (Lexeme::Url, "https://shop.example/x?id=1.")
            ]
        );
        assert_eq!(
            kinds("call +1 555 123 4567 or (555) 123-4567, card 4111 1111 1111 1111."),
            [
                (Lexeme::Phone, "+1 555 123 4567"),
                (Lexeme::Phone, "(555) 123-4567"),
                (Lexeme::Digits, "4111 1111 1111 1111")
            ]
        );
    }

    #[test]
    fn a_digit_run_stops_before_a_lone_separator() {
        assert_eq!(kinds("it is 4829. Next"), [(Lexeme::Digits, "4829")]);
        assert_eq!(
            kinds("hello. Is it 12 - 3"),
            [(Lexeme::Digits, "12"), (Lexeme::Digits, "3")]
        );
    }
}
