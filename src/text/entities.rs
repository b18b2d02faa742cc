//! Entities for the context packet (design section 3.8): order numbers, e-mail
//! addresses, phone numbers, money amounts and URLs, found by the message lexer in the
//! customer's messages. Card numbers are never entities: the text is masked first.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::cards::digit_value;
use super::full_width_ascii;
use super::lexer::{LEX_WINDOW, Lexeme, lexemes};

/// What the customer's messages mention, each list in order of first mention, without
/// repeats.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entities {
    /// The reference of `#4829`, `order 4829`, `order no. 4829`, `order id: 4829`
    /// (`4829`), of `order 112-1234567-1234567` and `#AB-12345`, whole.
    pub order_numbers: Vec<String>,
    /// E-mail addresses, as written.
    pub emails: Vec<String>,
    /// Phone numbers, as written: 7 to 15 digits, in two or more groups (not a date, a
    /// decimal number or thousands grouped with commas) or written with `+` or an area
    /// code in parentheses (`+1 (555) 123-4567`).
    pub phones: Vec<String>,
    /// Sums of money, as written, the currency before or after: `$50`, `€12,50`,
    /// `49,99 €`, `CHF 30`, `R$ 50`, `1.200,50 EUR`, `1,200 dollars`.
    pub amounts: Vec<String>,
    /// Links: `https://…`, `http://…`, `www.…`.
    pub urls: Vec<String>,
}

impl Entities {
    /// Adds the entities of one message. The text should already have its card numbers
    /// masked.
    ///
    /// Digits of other scripts ([`super::cards::digit_value`]) and full-width letters and
    /// signs are read as ASCII, and the entities found are given so: `注文番号１２３４５`
    /// gives the order number `12345`, which an agent can look up.
    pub fn collect(&mut self, text: &str) {
        let look = look(text);
        // The first bytes of the characters of `has_ascii_form` (`D9`, `DB`, and those
        // of three-byte characters but `E2`, which starts `’` and other punctuation):
        // most text beyond ASCII (accents, emoji, `’`) has none.
        let lead = |&b: &u8| (b & 0xFD) == 0xD9 || ((b & 0xF0) == 0xE0 && b != 0xE2);
        if look.beyond_ascii && text.as_bytes().iter().any(lead) && text.chars().any(has_ascii_form)
        {
            let ascii = ascii_forms(text);
            if let Some(first) = first_possible_entity(&ascii) {
                self.collect_from(&ascii, lex_start(&ascii, first));
            }
        } else if look.entity
            && let Some(first) = first_entity_at(text)
        {
            self.collect_from(text, lex_start(text, first));
        }
    }

    /// Adds the entities of `text` found by lexing it from byte `start`, a place where
    /// lexing the whole text also starts a lexeme.
    ///
    /// A sum of money is put together from its lexemes: a run of digits with a currency
    /// sign, code or word right before or after it (nothing but one space between), so
    /// that a run of digits is told a phone number only once the lexeme after it is
    /// known.
    fn collect_from(&mut self, text: &str, start: usize) {
        let text = text.get(start..).unwrap_or_default();
        // The run of digits read last, while what follows it may still make it a sum.
        let mut digits: Option<Range<usize>> = None;
        // A currency sign or code read last, that a run of digits may follow: where the
        // sum starts, and whether a `.` may come before the digits (`Rs. 500`).
        let mut currency: Option<(usize, bool)> = None;
        // Where the last lexeme other than white space ended.
        let mut last_end = 0;
        // Where a word of at most three letters read last starts: `R` or `US` of `R$`
        // and `US$` when a currency sign follows it at once.
        let mut short_word: Option<usize> = None;
        for (lexeme, range) in lexemes(text) {
            if lexeme == Lexeme::Space {
                continue;
            }
            let previous_end = std::mem::replace(&mut last_end, range.end);
            let gap = || text.get(previous_end..range.start).unwrap_or("?");
            let (currency_before, short_word_before) = (currency.take(), short_word.take());
            // What follows a run of digits: a currency after it, or nothing of the sum.
            if let Some(run) = digits.take() {
                let after = match lexeme {
                    Lexeme::Currency => true,
                    Lexeme::Word | Lexeme::Ideograph => is_currency_after(&text[range.clone()]),
                    _ => false,
                };
                if after && is_one_space(gap()) {
                    add(&mut self.amounts, &text[run.start..range.end]);
                    continue;
                }
                self.digits(text.get(run).unwrap_or_default());
            }
            match lexeme {
                Lexeme::Digits => match currency_before {
                    Some((from, dot))
                        if is_one_space(
                            gap().strip_prefix('.').filter(|_| dot).unwrap_or(gap()),
                        ) =>
                    {
                        let end = range.start + sum_len(&text[range.clone()]);
                        add(&mut self.amounts, &text[from..end]);
                    }
                    _ => digits = Some(range),
                },
                Lexeme::Currency => {
                    let from = short_word_before
                        .filter(|&start| {
                            previous_end == range.start
                                && SIGN_LETTERS.contains(&&text[start..previous_end])
                        })
                        .unwrap_or(range.start);
                    currency = Some((from, false));
                }
                // Codes and the letters before `$` have at most three letters: most
                // words are longer, and need no comparing.
                Lexeme::Word if range.len() <= 3 => {
                    if is_currency_code(&text[range.clone()]) {
                        currency = Some((range.start, true));
                    }
                    short_word = Some(range.start);
                }
                Lexeme::Word | Lexeme::Ideograph => {}
                Lexeme::HashOrder | Lexeme::WordOrder => {
                    if let Some(reference) = order_reference(&text[range]) {
                        add(&mut self.order_numbers, reference);
                    }
                }
                Lexeme::Email => add(&mut self.emails, &text[range]),
                // `+1` or `(2)` alone is a vote or a list's item, not a number to call.
                Lexeme::Phone if (7..=15).contains(&digit_count(&text[range.clone()])) => {
                    add(&mut self.phones, &text[range]);
                }
                Lexeme::Phone => {}
                Lexeme::Url => add(
                    &mut self.urls,
                    text[range]
                        .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '}', '\'']),
                ),
                Lexeme::Space => {}
            }
        }
        if let Some(run) = digits {
            self.digits(text.get(run).unwrap_or_default());
        }
    }

    /// A run of digits that is no sum: a phone number, or nothing.
    fn digits(&mut self, run: &str) {
        if is_phone(run) {
            add(&mut self.phones, run);
        }
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.order_numbers.is_empty()
            && self.emails.is_empty()
            && self.phones.is_empty()
            && self.amounts.is_empty()
            && self.urls.is_empty()
    }
}

/// The reference of an order lexeme ([`Lexeme::HashOrder`], [`Lexeme::WordOrder`]): what
/// follows the last character that no reference holds (a space, `:`, `#`, `№`, `.`,
/// `°`), or `None` when it is no order:
/// - the word is written against the reference, as in `order4829`, `Bestellnr4829` or
///   `заказ4829`: a word, not an order;
/// - one or two digits right after the bare word, with one space between, are a
///   quantity: `order 2 more`, `pedido 10 unidades`. With `#`, `:`, `№` or a word for
///   "number" (`order no. 12`, `commande n°7`, `Bestellnummer 12`), they are not.
fn order_reference(found: &str) -> Option<&str> {
    let part = |c: char| c.is_ascii_alphanumeric() || c == '-';
    // `head` ends with the last character no reference holds.
    let (at, last) = found.char_indices().rev().find(|&(_, c)| !part(c))?;
    // A letter of any script against the reference (`заказ4829`); `º` is a letter to
    // Unicode, but `nº4829` is numbered, and Chinese, Japanese and Korean write the
    // reference against their word for "order number" (`订单号4829`).
    if last.is_alphanumeric() && last != 'º' && !is_cjk(last) {
        return None;
    }
    let (head, reference) = found.split_at(at + last.len_utf8());
    // A word for "number" ends these in any case: `Bestellnummer`, `BESTELLNR`.
    let ends_with = |word: &str, end: &str| {
        word.len()
            .checked_sub(end.len())
            .and_then(|at| word.get(at..))
            .is_some_and(|tail| tail.eq_ignore_ascii_case(end))
    };
    let word = head.strip_suffix(' ').filter(|word| {
        !word.contains([' ', ':', '#', '№', '.', '°', 'º'])
            && !word.chars().any(is_cjk)
            && !ends_with(word, "nummer")
            && !ends_with(word, "nr")
    });
    if word.is_some() && reference.len() < 3 {
        return None;
    }
    Some(reference)
}

/// Whether `c` is a Chinese character, a kana or a Hangul syllable: the scripts whose
/// words for "order number" ([`Lexeme::WordOrder`]) are all words for a number, and may
/// be written against the reference.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{AC00}'..='\u{D7AF}')
}

/// Where the first entity of `text` can be, at the earliest: its first digit or `@`
/// (orders, phones, money, e-mail), or its first `://` or `www.` (URLs). Most messages
/// have none, and need no lexing.
///
/// A first pass ([`look`]) tells whether the text has any; only a text that has one is
/// read again, exactly ([`first_entity_at`]).
fn first_possible_entity(text: &str) -> Option<usize> {
    if look(text).entity {
        first_entity_at(text)
    } else {
        None
    }
}

/// What one pass over a text's bytes tells, without a branch per byte (the compiler
/// turns it into vector instructions).
struct Look {
    /// Whether an entity may start: a digit, `@`, `:/` or `w.`.
    entity: bool,
    /// Whether it holds a byte beyond ASCII.
    beyond_ascii: bool,
}

/// The first pass over a text: each byte and the one before it tested without a branch
/// (the compiler turns it into vector instructions) for a digit, `@`, `:/` or `w.`, and
/// every byte OR-ed together.
fn look(text: &str) -> Look {
    let bytes = text.as_bytes();
    let Some(&first) = bytes.first() else {
        return Look {
            entity: false,
            beyond_ascii: false,
        };
    };
    let rest = bytes.get(1..).unwrap_or_default();
    let candidate = |previous: u8, b: u8| {
        (b.wrapping_sub(b'0') < 10)
            | (b == b'@')
            | ((previous == b':') & (b == b'/'))
            | (((previous | 0x20) == b'w') & (b == b'.'))
    };
    let (entity, all) = bytes
        .iter()
        .zip(rest)
        .fold((candidate(0, first), first), |(entity, all), (&p, &b)| {
            (entity | candidate(p, b), all | b)
        });
    Look {
        entity,
        beyond_ascii: !all.is_ascii(),
    }
}

/// The first place an entity may start in a text that [`look`] says may hold one.
fn first_entity_at(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let follows = |at: usize, what: &[u8]| {
        bytes
            .get(at..at + what.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(what))
    };
    bytes.iter().enumerate().position(|(i, &b)| match b {
        b'0'..=b'9' | b'@' => true,
        b':' => follows(i + 1, b"//"),
        b'.' => i >= 3 && follows(i - 3, b"www"),
        _ => false,
    })
}

/// Whether `c` is read as an ASCII character when finding entities: a digit of another
/// script ([`digit_value`]), a full-width letter, digit or sign, or the ideographic
/// space.
fn has_ascii_form(c: char) -> bool {
    !c.is_ascii() && (digit_value(c).is_some() || full_width_ascii(c).is_some() || c == '\u{3000}')
}

/// `text` with the characters of [`has_ascii_form`] as ASCII: digits as `0`-`9`, full-width
/// forms as the ASCII they are wide forms of (NFKC's reading), the ideographic space as a
/// space.
fn ascii_forms(text: &str) -> String {
    text.chars()
        .map(|c| match (digit_value(c), full_width_ascii(c)) {
            (Some(value), _) => char::from(b'0' + value),
            (None, Some(ascii)) => ascii,
            (None, None) if c == '\u{3000}' => ' ',
            (None, None) => c,
        })
        .collect()
}

/// Where lexing `text` may start and still find every entity: the start of the third
/// chunk (run of characters other than white space) before the chunk that holds
/// `first` ([`first_possible_entity`]), or of the fourth when that one holds an `n` or
/// `№`.
///
/// Why: an e-mail address or URL holds no white space, so it starts in the chunk of its
/// `@`, `://` or `www.`. Every other entity holds a digit, and has at most three runs of
/// white space before its first digit (`order number is #4829`, `Rs. 500`), or four when
/// it starts with a word for "number" written before the word for an order (`numéro de
/// commande : 4829`, `número de pedido es 4829`; [`Lexeme::WordOrder`]). Of those words,
/// the ones that may take four runs (with `de`, `do`, `di` or `d'` after them) start with
/// `n` or are `№`; Russian `номер` and Arabic `رقم` take three at most. So no lexeme that
/// starts before the chosen place reaches past it carrying anything an entity is made of,
/// and the lexer, which looks at nothing behind it, finds the same entities from there
/// (a stretch it leaves out is read again from its start on only: [`lexemes`]). Texts
/// longer than one lexing window ([`LEX_WINDOW`]) are lexed whole, so that the windows
/// fall where they always do.
fn lex_start(text: &str, first: usize) -> usize {
    if text.len() > LEX_WINDOW {
        return 0;
    }
    let before = text.get(..first).unwrap_or_default();
    let mut starts_passed = 0;
    let mut in_space = false;
    for (i, c) in before.char_indices().rev() {
        if !c.is_whitespace() {
            in_space = false;
        } else if !in_space {
            // `c` ends the white space before a chunk: that chunk starts after it.
            in_space = true;
            starts_passed += 1;
            if starts_passed == 4 {
                // The third chunk before starts after `c`; the fourth ends before the
                // white space that `c` ends.
                let fourth_end = before.get(..i).unwrap_or_default().trim_end();
                let fourth_start = fourth_end
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| c.is_whitespace())
                    .map_or(0, |(at, c)| at + c.len_utf8());
                let fourth = fourth_end.get(fourth_start..).unwrap_or_default();
                return if fourth.bytes().any(|b| b | 0x20 == b'n') || fourth.contains('№') {
                    fourth_start
                } else {
                    i + c.len_utf8()
                };
            }
        }
    }
    0
}

/// The letters written right before `$` in the names of other dollars and the real:
/// `R$`, `US$`, `C$`, `A$`, `NZ$`, `HK$`, `S$`, `MX$`.
const SIGN_LETTERS: [&str; 8] = ["R", "US", "C", "A", "NZ", "HK", "S", "MX"];

/// The words written after a sum (`12 dollars`), besides the codes.
const CURRENCY_WORDS: [&str; 23] = [
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "bucks", "rupee", "rupees", "yen",
    "yuan", "franc", "francs", "reais", "peso", "pesos", "zloty", "kronor", "kroner", "cents",
    "元", "円", "块",
];

/// Whether `word` is a currency code written before a sum (`CHF 30`, `Rs. 500`) or
/// after it, in any case. Codes that are English words too (`TRY`, `RUB`, `ALL`) are
/// left out: "let me try 2 times" names no sum. Every word of two or three letters of a
/// message that may hold an entity comes here, so the codes are matched byte by byte.
fn is_currency_code(word: &str) -> bool {
    match *word.as_bytes() {
        [a, b] => [a, b].map(|x| x.to_ascii_lowercase()) == *b"rs",
        [a, b, c] => matches!(
            &[a, b, c].map(|x| x.to_ascii_lowercase()),
            b"usd"
                | b"eur"
                | b"gbp"
                | b"chf"
                | b"jpy"
                | b"cny"
                | b"inr"
                | b"cad"
                | b"aud"
                | b"nzd"
                | b"brl"
                | b"mxn"
                | b"sek"
                | b"nok"
                | b"dkk"
                | b"pln"
                | b"zar"
                | b"sgd"
                | b"hkd"
        ),
        _ => false,
    }
}

fn is_currency_after(word: &str) -> bool {
    (!word.eq_ignore_ascii_case("rs") && is_currency_code(word))
        || CURRENCY_WORDS.iter().any(|c| c.eq_ignore_ascii_case(word))
}

/// How much of a run of digits after a currency is the sum: over a plain space only
/// when three digits follow it, as they do where a space groups thousands (`€ 1 200,50`),
/// so that `$5 6 times` is `$5`.
fn sum_len(run: &str) -> usize {
    let mut len = 0;
    for (k, part) in run.split(' ').enumerate() {
        let digits = part.bytes().take_while(u8::is_ascii_digit).count();
        if k > 0 && digits != 3 {
            break;
        }
        len += usize::from(k > 0) + part.len();
    }
    len
}

/// Whether `gap` is nothing or one space, as between a sum's number and its currency.
fn is_one_space(gap: &str) -> bool {
    matches!(gap, "" | " " | "\u{A0}" | "\u{202F}")
}

fn add(list: &mut Vec<String>, found: &str) {
    if !found.is_empty() && !list.iter().any(|f| f == found) {
        list.push(found.to_owned());
    }
}

fn digit_count(text: &str) -> usize {
    text.bytes().filter(u8::is_ascii_digit).count()
}

/// A digit run is a phone number when it has 7 to 15 digits in two or more groups,
/// and is neither a date (`2026-11-24`) nor a decimal number (`12.50`).
fn is_phone(run: &str) -> bool {
    // Commas and apostrophes group thousands, never a phone number's digits.
    if run.contains([',', '\'']) {
        return false;
    }
    let digits = digit_count(run);
    let groups: Vec<&str> = run.split([' ', '-', '.', '\u{A0}', '\u{202F}']).collect();
    let date =
        groups.len() == 3 && run.contains('-') && groups.iter().map(|g| g.len()).eq([4, 2, 2]);
    let decimal = groups.len() == 2 && run.contains('.');
    (7..=15).contains(&digits) && groups.len() >= 2 && !date && !decimal
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An entity written right after `...`, `.`, `-` or `+`, which an e-mail address may
    /// hold: the lexer tries an address there, fails, and the entity is read from the
    /// character after (`text::lexer::lexemes`).
    #[test]
    fn entities_right_after_punctuation_are_found() {
        for text in [
            "hi...order 4829 never came",
            "thanks.order 4829 is late",
            "ok-order 4829",
            "Merci...commande n° 4829",
            "№ de commande : order 4829",
        ] {
            assert_eq!(entities_of(text).order_numbers, ["4829"], "{text:?}");
        }
        let e = entities_of("call me.+1 555 123 4567");
        assert_eq!(e.phones, ["+1 555 123 4567"]);
        let e = entities_of("the total was...4829 EUR");
        assert_eq!(e.amounts, ["4829 EUR"]);
    }

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
            // A currency sign alone is no entity: a sum needs its digits.
            for (lexeme, _) in lexemes(text) {
                if !matches!(
                    lexeme,
                    Lexeme::Word | Lexeme::Ideograph | Lexeme::Space | Lexeme::Currency
                ) {
                    assert!(
                        first_possible_entity(text).is_some(),
                        "{text:?} has a {lexeme:?}"
                    );
                }
            }
        }
        // Random texts made of what entities are made of.
        let alphabet = b"7@:/.wWhtps x+-$()#";
        let mut next = crate::text::picker(3);
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..12 {
                text.push(char::from(alphabet[next(alphabet.len())]));
            }
            if lexemes(&text).any(|(l, _)| {
                !matches!(
                    l,
                    Lexeme::Word | Lexeme::Ideograph | Lexeme::Space | Lexeme::Currency
                )
            }) {
                assert!(first_possible_entity(&text).is_some(), "{text:?}");
            }
        }
        assert_eq!(
            first_possible_entity("Thanks, that helps a lot! Is it: ok."),
            None
        );
        assert_eq!(first_possible_entity("see Www.x"), Some(7));
        assert_eq!(first_possible_entity("a:// b"), Some(1));
    }

    #[test]
    fn lexing_from_the_chosen_start_finds_what_lexing_everything_finds() {
        // Random texts of the pieces entities are made of, and the words that may come
        // before their digits, with every kind of white space.
        let pieces = [
            "order",
            "Order",
            "no",
            "no.",
            "number",
            "order no. ",
            "Order number ",
            "order No ",
            "#",
            "#12",
            "$",
            "€",
            "£ ",
            "(555)",
            "(",
            ")",
            "+1",
            "555",
            "123-4567",
            "12",
            "3.50",
            "1,200",
            "usd",
            "EUR",
            "dollars",
            "orders",
            "id",
            "is",
            ":",
            "ORD-",
            "AB",
            "-1",
            "12,50",
            "1.200,50",
            "1'200",
            "CHF",
            "R$",
            "Rs.",
            "US$",
            "₹",
            "\u{202f}",
            "x",
            "jo",
            "jo.doe@example.com",
            "@",
            "a@b.c",
            "www.",
            "example.com",
            "http://",
            "https://x.org/a",
            ".",
            "-",
            ",",
            "'",
            "don't",
            "caf\u{e9}",
            "pedido",
            "Pedido ",
            "número de pedido",
            "numéro de commande",
            // The most white space an entity has before its first digit, whole.
            "numéro de commande : ",
            "número de pedido es ",
            "numero d'ordine è: ",
            "numero d'ordine",
            "номер заказа",
            "№ заказа: ",
            "Заказ № ",
            "заказ",
            "رقم الطلب هو: ",
            "طلب",
            "№ de commande : ",
            "№ de pedido es ",
            "订单号是",
            "订单号：",
            "ご注文番号は",
            "주문 번호는 ",
            "주문번호: ",
            "de",
            "d'",
            "commande",
            "n°",
            "nº",
            "n.º",
            "Nr.",
            "Bestellnummer",
            "Bestell-Nr.",
            "es",
            "est",
            "\u{e9}",
            " : ",
            " :",
            "№",
            "josé",
            "josé.pérez@correo.es",
            "jürgen@müller.de",
            "o'brien@example.ie",
            "发到",
            " ",
            " ",
            " ",
            "  ",
            "\n",
            "\t",
            "\u{a0}",
            "\u{3000}",
        ];
        let mut next = crate::text::picker(11);
        let mut skipped = 0;
        for _ in 0..50_000 {
            // Some words first, as most messages have, then pieces.
            let mut text: String = (0..next(6))
                .map(|_| ["I was ", "a ", "Hi, ", "no\t"][next(4)])
                .collect();
            for _ in 0..1 + next(16) {
                text.push_str(pieces[next(pieces.len())]);
            }
            // Lexed whole, as read in ASCII forms (which `collect` does first).
            let mut whole = Entities::default();
            whole.collect_from(&ascii_forms(&text), 0);
            let mut chosen = Entities::default();
            chosen.collect(&text);
            assert_eq!(chosen, whole, "{text:?}");
            if let Some(first) = first_possible_entity(&text) {
                skipped += usize::from(lex_start(&text, first) > 0);
            }
        }
        // The start is not always 0, or the test would prove nothing.
        assert!(
            skipped > 5_000,
            "only {skipped} texts were lexed from further on"
        );
    }

    #[test]
    fn the_start_is_three_chunks_before_the_first_entity_or_four_after_an_n_or_numero() {
        let text = "I was charged twice for order #4829";
        let first = first_possible_entity(text).unwrap();
        assert_eq!(&text[lex_start(text, first)..], "twice for order #4829");
        let text = "order #4829";
        assert_eq!(lex_start(text, first_possible_entity(text).unwrap()), 0);
        // Four runs of white space before the digits, the most an entity has, after a
        // word with an `n`.
        let text = "Bonjour, voici le numéro de commande : 77812";
        let first = first_possible_entity(text).unwrap();
        assert_eq!(
            &text[lex_start(text, first)..],
            "numéro de commande : 77812"
        );
        assert_eq!(entities_of(text).order_numbers, ["77812"]);
        // Or after `№`, which has none.
        let text = "Hola, el № de pedido es 48291";
        let first = first_possible_entity(text).unwrap();
        assert_eq!(&text[lex_start(text, first)..], "№ de pedido es 48291");
        // Three after `номер` and `رقم`, which take no `de`.
        let text = "Добрый день, номер заказа: 48291";
        let first = first_possible_entity(text).unwrap();
        assert_eq!(&text[lex_start(text, first)..], "день, номер заказа: 48291");
    }

    #[test]
    fn order_references_are_found_whole() {
        for (text, reference) in [
            (
                "my order 112-1234567-1234567 is late",
                "112-1234567-1234567",
            ),
            ("order #AB-12345 never came", "AB-12345"),
            ("about order ORD-2024-00123", "ORD-2024-00123"),
            ("order ABC123 please", "ABC123"),
            ("order number: 4829", "4829"),
            ("order: 4829", "4829"),
            ("Order #4829.", "4829"),
            ("order #4829-1 came", "4829-1"),
            ("my order id is 4829", "4829"),
            // Three spaces before the digits, the most an entity has: lexing starts
            // three chunks before the first digit, at `order`.
            ("I was charged for my order number is 4829", "4829"),
            ("I was charged for my order no. is #4829", "4829"),
            ("ORDER NUMBER 4829", "4829"),
            ("order no. 4829", "4829"),
            ("order no.4829", "4829"),
            ("orders 4829 and more", "4829"),
        ] {
            let e = entities_of(text);
            assert_eq!(e.order_numbers, [reference], "{text:?}");
        }
        // Short references are orders when they are written as such.
        for (text, reference) in [
            ("order #7", "7"),
            ("order no. 12", "12"),
            ("order no.12", "12"),
            ("order: 7", "7"),
        ] {
            assert_eq!(entities_of(text).order_numbers, [reference], "{text:?}");
        }
        // A hashtag, a delay, a word with a digit and a quantity are no orders.
        for text in [
            "see #covid19",
            "the order is 2 days late",
            "order pizza2go",
            "I want to order 2 more",
            "can I order 10 units",
            "order4829",
            "there was no order 10 minutes ago",
        ] {
            let e = entities_of(text);
            assert!(e.order_numbers.is_empty(), "{text:?}: {e:?}");
        }
    }

    #[test]
    fn order_references_are_found_in_other_languages() {
        for (text, reference) in [
            // Spanish.
            ("mi pedido 48291 no llegó", "48291"),
            ("Pedido nº 48291", "48291"),
            ("pedido n.º 48291", "48291"),
            ("el número de pedido es 48291", "48291"),
            ("número de pedido: 48291", "48291"),
            ("mi orden #48291", "48291"),
            ("NÚMERO DE PEDIDO 48291", "48291"),
            // Portuguese.
            ("o número do pedido é 12345", "12345"),
            ("encomenda nº 12345", "12345"),
            // French, with the space French puts before a colon.
            ("ma commande n° 77812", "77812"),
            ("commande n°77812", "77812"),
            ("numéro de commande : 77812", "77812"),
            ("Commande : CMD-2026-0042", "CMD-2026-0042"),
            ("commande numéro 77812", "77812"),
            // German.
            ("Meine Bestellung Nr. 55512 kam nie an", "55512"),
            ("Bestellnummer 55512", "55512"),
            ("Bestell-Nr.: 55512", "55512"),
            ("meine Bestellnummer ist 55512", "55512"),
            ("Auftragsnummer: 55512", "55512"),
            // Italian.
            ("ordine n. 12345", "12345"),
            ("il numero d'ordine è 12345", "12345"),
            ("numero ordine 12345", "12345"),
            // Dutch.
            ("bestelling 12345", "12345"),
            ("mijn bestelnummer is 12345", "12345"),
            ("ordernummer: 12345", "12345"),
            // The sign `№`.
            ("pedido № 12345", "12345"),
            ("commande №12345", "12345"),
            // Russian and Ukrainian.
            ("мой заказ 48291 не пришёл", "48291"),
            ("Заказ № 48291", "48291"),
            ("заказ №48291", "48291"),
            ("номер заказа 48291", "48291"),
            ("Номер заказа: 48291", "48291"),
            ("№ заказа 48291", "48291"),
            ("где мой заказ номер 48291?", "48291"),
            ("НОМЕР ЗАКАЗА 48291", "48291"),
            ("номер замовлення 48291", "48291"),
            ("замовлення № 48291", "48291"),
            // Arabic.
            ("رقم الطلب 48291", "48291"),
            ("رقم الطلب: 48291", "48291"),
            ("طلب رقم 48291", "48291"),
            ("أين طلبي رقم 48291", "48291"),
            ("رقم طلبي هو 48291", "48291"),
            ("الطلب 48291 لم يصل", "48291"),
            // Arabic-Indic digits, read as ASCII ones.
            ("رقم الطلب ٤٨٢٩١", "48291"),
            // `№` first, with the space French puts before a colon: four runs of white
            // space before the digits.
            ("№ de commande : 77812", "77812"),
            ("el № de pedido es 48291", "48291"),
            // Chinese, Japanese and Korean, with full-width colons, spaces and digits.
            ("我的订单号是48291，还没到", "48291"),
            ("订单号：48291", "48291"),
            ("订单编号 48291", "48291"),
            ("訂單號碼 48291", "48291"),
            ("訂單編號：４８２９１", "48291"),
            ("ご注文番号は48291です", "48291"),
            ("注文番号：AB-48291", "AB-48291"),
            ("注文番号\u{3000}48291", "48291"),
            ("주문번호 48291", "48291"),
            ("주문 번호는 48291입니다", "48291"),
            ("제 주문번호: 48291", "48291"),
        ] {
            assert_eq!(entities_of(text).order_numbers, [reference], "{text:?}");
        }
        // Written as such, short references are orders; after the bare word they are
        // quantities, in any of these languages.
        for (text, reference) in [
            ("commande n°7", "7"),
            ("Bestellnummer 12", "12"),
            ("pedido nº 12", "12"),
            ("Bestell-Nr. 7", "7"),
            ("заказ № 7", "7"),
            ("رقم الطلب 12", "12"),
            ("订单号12", "12"),
            ("주문번호 7", "7"),
        ] {
            assert_eq!(entities_of(text).order_numbers, [reference], "{text:?}");
        }
        for text in [
            "quiero pedido 2 más",
            "el pedido no llegó",
            "Bestellnr4829",
            "commande de 3 articles",
            "ordine 10 pezzi",
            "заказ 2 штуки",
            "заказ48291",
            "طلب 2 قطع",
            "طلب48291",
            // Counts of items after the bare word for an order, not orders.
            "订单3件",
            "注文は3個です",
            "주문 2개",
        ] {
            let e = entities_of(text);
            assert!(e.order_numbers.is_empty(), "{text:?}: {e:?}");
        }
    }

    #[test]
    fn e_mail_addresses_may_hold_letters_beyond_ascii() {
        for (text, address) in [
            ("escríbeme a josé.pérez@correo.es.", "josé.pérez@correo.es"),
            ("an jürgen@müller.de, bitte", "jürgen@müller.de"),
            ("mail o'brien@example.ie", "o'brien@example.ie"),
            ("пишите на почта@пример.рф", "почта@пример.рф"),
            ("στείλε στο ελένη@παράδειγμα.gr", "ελένη@παράδειγμα.gr"),
            // An accent typed as a combining mark stays in the address.
            ("jose\u{301}@correo.es", "jose\u{301}@correo.es"),
            // Quotes around it, and a sentence's end, are not part of it.
            ("write to 'jo@example.com'", "jo@example.com"),
            // Chinese and Japanese put no space before or after it.
            ("发到jo@example.com谢谢", "jo@example.com"),
            ("メールはjo@example.comです", "jo@example.com"),
            ("ส่งไปที่ jo@example.com ครับ", "jo@example.com"),
            ("メール：jo@example.com", "jo@example.com"),
        ] {
            assert_eq!(entities_of(text).emails, [address], "{text:?}");
        }
        for text in ["josé@", "@correo.es", "josé@correo", "a @ b.c"] {
            let e = entities_of(text);
            assert!(e.emails.is_empty(), "{text:?}: {e:?}");
        }
    }

    /// The entities of one text.
    fn entities_of(text: &str) -> Entities {
        let mut e = Entities::default();
        e.collect(text);
        e
    }

    /// The codes [`is_currency_code`] matches.
    const CURRENCY_CODES: [&str; 20] = [
        "usd", "eur", "gbp", "chf", "jpy", "cny", "inr", "cad", "aud", "nzd", "brl", "mxn", "sek",
        "nok", "dkk", "pln", "zar", "sgd", "hkd", "rs",
    ];

    #[test]
    fn the_code_match_is_the_code_list() {
        for code in CURRENCY_CODES {
            assert!(is_currency_code(code), "{code}");
            assert!(is_currency_code(&code.to_uppercase()), "{code}");
        }
        for word in [
            "the", "and", "try", "rub", "all", "r", "usdx", "", "ü", "eür",
        ] {
            assert!(!is_currency_code(word), "{word}");
        }
    }

    #[test]
    fn amounts_are_found_whole_however_they_are_written() {
        for (text, amount) in [
            ("I paid €12,50 twice", "€12,50"),
            ("I paid 49,99 € twice", "49,99 €"),
            ("ich habe 30€ bezahlt", "30€"),
            ("it was 1.200,50 EUR", "1.200,50 EUR"),
            ("it was 1 200,50 € in all", "1 200,50 €"),
            (
                "it was 1\u{202f}200,50\u{a0}€ in all",
                "1\u{202f}200,50\u{a0}€",
            ),
            ("it was CHF 1'200.50", "CHF 1'200.50"),
            ("paid Rs. 500 for it", "Rs. 500"),
            ("paid ₹500 for it", "₹500"),
            ("paid R$ 50 for it", "R$ 50"),
            ("paid US$20 for it", "US$20"),
            ("paid 50 $ for it", "50 $"),
            ("paid $ 1,200.00 for it", "$ 1,200.00"),
            ("it cost $12.50.", "$12.50"),
            ("300 rupees", "300 rupees"),
            ("我付了3000元，没收到", "3000元"),
            ("it was € 1 200,50 in all", "€ 1 200,50"),
            // Three digits after a space are read as thousands, whatever follows.
            ("it was $5 300 times", "$5 300"),
            ("it was $5 3000 times", "$5"),
        ] {
            let e = entities_of(text);
            assert_eq!(e.amounts, [amount], "{text:?}");
        }
        // Numbers without a currency, and words that only look like a code.
        for text in ["let me try 2 times", "I paid $5, 6 times", "rub it 3 times"] {
            let e = entities_of(text);
            assert!(e.amounts.len() <= 1, "{text:?}: {e:?}");
            assert!(e.amounts.iter().all(|a| a == "$5"), "{text:?}: {e:?}");
        }
    }

    #[test]
    fn phones_are_numbers_to_call() {
        for (text, phone) in [
            ("call +1 (555) 123-4567 now", "+1 (555) 123-4567"),
            ("tel: +49 (0)30 123456", "+49 (0)30 123456"),
            ("call +44 20 7946 0958", "+44 20 7946 0958"),
            ("call (555) 123-4567", "(555) 123-4567"),
            ("call 555-123-4567 please", "555-123-4567"),
        ] {
            let e = entities_of(text);
            assert_eq!(e.phones, [phone], "{text:?}");
        }
        // A vote, a score or a list's item is not a number to call.
        for text in ["+1 for this", "I give it +5", "see (2) above", "+44 20"] {
            let e = entities_of(text);
            assert!(e.phones.is_empty(), "{text:?}: {e:?}");
        }
    }

    #[test]
    fn dates_and_decimals_are_not_phones() {
        let mut e = Entities::default();
        e.collect("on 2026-11-24 I paid 12.50 for 3 items");
        assert!(e.is_empty(), "{e:?}");
    }
}
