//! The message lexer (logos): cuts a customer's or a bot's text into the words phrase
//! matching and the signals see, and finds the entities the context packet lists.
//!
//! Two lexers share one definition of a word, so a word is the same everywhere:
//! - `Piece`, on the hot path of every decision: words and white space, nothing else;
//! - [`Lexeme`], used only when a decision escalates: words plus order references, e-mail
//!   addresses, phone numbers, money amounts, URLs and digit runs (cards are found in
//!   digit runs by [`super::cards`]).

use std::ops::ControlFlow;

use logos::Logos;

/// Declares a lexer with the definition of a word as its subpatterns `word_start`,
/// `word_rest`, `word` and `ideograph`, which logos reads from each enum's own attributes:
/// a letter or digit, then letters, digits and the marks written after them (variation
/// selectors aside), with an apostrophe or a zero-width (non-)joiner kept between two of
/// them; a Chinese character or a hiragana is a word of its own. Both lexers are declared
/// with it, so that a word is the same in both. The enum's own attributes (its docs, its
/// other subpatterns) come after these, so that its subpatterns may use them.
macro_rules! lexer_with_words {
    ($(#[$attribute:meta])* $visibility:vis enum $name:ident $body:tt) => {
        #[derive(Logos, Clone, Copy, Debug, PartialEq, Eq)]
        #[logos(subpattern word_start = r"[\p{Alphabetic}\p{N}--\p{Han}--\p{Hiragana}]")]
        #[logos(
            subpattern word_rest = r"[\p{Alphabetic}\p{N}\p{M}--\p{Variation_Selector}--\p{Han}--\p{Hiragana}]"
        )]
        #[logos(
            subpattern word = r"(?&word_start)(?&word_rest)*(?:['’\u{200C}\u{200D}](?&word_start)(?&word_rest)*)*"
        )]
        #[logos(subpattern ideograph = r"[\p{Han}\p{Hiragana}][\p{M}--\p{Variation_Selector}]*")]
        $(#[$attribute])*
        $visibility enum $name $body
    };
}

lexer_with_words! {
    /// What the word lexer sees. Any other character (punctuation, emoji, symbols) is an
    /// error token, which breaks a phrase.
    enum Piece {
        /// Unicode letters and digits with the marks written after them, with an
        /// apostrophe or a zero-width joiner kept between two of them (see [`Lexeme::Word`]).
        #[regex(r"(?&word)")]
        Word,
        /// A Chinese character (Han, the kanji of Japanese) or a hiragana, with the marks
        /// written after it: a word of its own, as Unicode's word boundaries (UAX #29) make
        /// it, since these scripts put no space between words. So `转人工` is found in
        /// `我要转人工` as three words in a row, and `オペレーター` (katakana, a run) in
        /// `オペレーターと話したい`.
        #[regex(r"(?&ideograph)")]
        Ideograph,
        #[regex(r"\s+")]
        Space,
    }
}

/// A word found in a text: its byte range, and whether only white space separates it
/// from the word before (so that a phrase may run on across the gap).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordSpan {
    /// Where the word starts (a byte offset).
    pub start: usize,
    /// Where it ends (a byte offset, exclusive).
    pub end: usize,
    /// Whether only white space separates it from the word before.
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

/// For each byte: whether it is an ASCII letter or digit (the bytes a word is made of).
#[expect(
    clippy::indexing_slicing,
    reason = "`b` runs over 0..256, the table's length"
)]
static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The words of an ASCII text: runs of letters and digits, with `'` kept between two.
#[inline]
pub(crate) fn ascii_words(bytes: &[u8], mut each: impl FnMut(WordSpan)) {
    // `each` never breaks: every word is read.
    let _ = ascii_words_until(bytes, |w| {
        each(w);
        ControlFlow::Continue(())
    });
}

/// [`ascii_words`], stopping when `each` says `Break`.
#[expect(
    clippy::indexing_slicing,
    reason = "`i` stays below the length of `bytes` by the loop conditions"
)]
#[inline]
pub(crate) fn ascii_words_until(
    bytes: &[u8],
    mut each: impl FnMut(WordSpan) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let mut i = 0;
    let mut joined = false;
    let mut seen_word = false;
    let word = |b: u8| WORD_BYTE[usize::from(b)];
    while i < bytes.len() {
        let b = bytes[i];
        if word(b) {
            let start = i;
            i += 1;
            while i < bytes.len() {
                if word(bytes[i]) {
                    i += 1;
                } else if bytes[i] == b'\'' && i + 1 < bytes.len() && word(bytes[i + 1]) {
                    i += 2;
                } else {
                    break;
                }
            }
            each(WordSpan {
                start,
                end: i,
                joined: seen_word && joined,
            })?;
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
    ControlFlow::Continue(())
}

/// The most bytes one run of a logos lexer reads. Code generated by logos follows a
/// token one call per character, which release builds turn into a loop but debug builds
/// do not: a token of several thousand characters would overflow the stack of a debug
/// build. Text is therefore lexed in windows of at most this size, cut after white space
/// where the window has some (a word is never cut, and a run of more than 1 KiB without
/// white space is cut into pieces: it is no word anyone types).
pub const LEX_WINDOW: usize = 1024;

/// `text` as consecutive windows of at most [`LEX_WINDOW`] bytes, with their offsets.
fn windows(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        let rest = text.get(start..).filter(|r| !r.is_empty())?;
        let mut end = rest.len().min(LEX_WINDOW);
        if end < rest.len() {
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            // After the last white space of the window, when it has one.
            let window = rest.get(..end).unwrap_or("");
            if let Some((i, c)) = window.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
                end = i + c.len_utf8();
            }
        }
        let at = start;
        start += end;
        Some((at, rest.get(..end).unwrap_or("")))
    })
}

/// The words of any text, by the logos lexer.
pub fn lexed_words(text: &str, mut each: impl FnMut(WordSpan)) {
    // The first word follows nothing; after it, a word is joined when nothing but
    // white space came since the previous word.
    let mut joined = false;
    let mut seen_word = false;
    for (offset, window) in windows(text) {
        let mut lexer = Piece::lexer(window);
        while let Some(piece) = lexer.next() {
            match piece {
                Ok(Piece::Word | Piece::Ideograph) => {
                    let span = lexer.span();
                    each(WordSpan {
                        start: offset + span.start,
                        end: offset + span.end,
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
}

/// Appends the word `raw` to `out` as phrase matching compares it: lower-cased, with
/// the typographic apostrophe `’` read as `'`, the Turkish `İ` as `i`, full-width
/// letters and digits as ASCII, half-width katakana as full-width, without
/// zero-width joiners and non-joiners, and composed (Unicode NFC), so that a word
/// compares equal however its accents were typed: `é` as one character or as `e` and a
/// combining accent.
pub fn push_lower(raw: &str, out: &mut String) {
    if raw.is_ascii() {
        if raw.bytes().any(|b| b.is_ascii_uppercase()) {
            out.extend(raw.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(raw);
        }
        return;
    }
    let start = out.len();
    for c in raw.chars() {
        match c {
            '’' => out.push('\''),
            '\u{200C}' | '\u{200D}' => {}
            // Turkish capital `İ`: `i`, not the `i` and combining dot that Unicode's
            // lower case gives, which no one types (`İADE` is `iade`).
            '\u{130}' => out.push('i'),
            // Half-width katakana, which older Japanese systems and some phone keyboards
            // type: the full-width ones, as NFKC has them, the sound marks `ﾞ` and `ﾟ`
            // as the combining ones that the composing below joins to their kana
            // (`ｵﾍﾟﾚｰﾀｰ` is `オペレーター`).
            '\u{FF61}'..='\u{FF9F}' => {
                unicode_normalization::char::decompose_compatible(c, |d| out.push(d));
            }
            // Full-width forms: the ASCII ones (`ｒｅｆｕｎｄ` is `refund`).
            c => match super::full_width_ascii(c) {
                Some(ascii) => out.push(ascii.to_ascii_lowercase()),
                None => out.extend(c.to_lowercase()),
            },
        }
    }
    compose_from(out, start);
}

/// Replaces what `out` holds from `start` on by its composed form (NFC), when it is not
/// composed already. Most text is, and says so cheaply: every character below U+0300
/// (ASCII, the accented letters of Europe's Latin alphabets) is composed, and its UTF-8
/// bytes are all below 0xCC; other text is settled by the quick check, and copied only
/// when that says it may need composing.
fn compose_from(out: &mut String, start: usize) {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    let Some(word) = out.get(start..) else {
        return;
    };
    if word.bytes().all(|b| b < 0xCC) || is_nfc_quick(word.chars()) == IsNormalized::Yes {
        return;
    }
    let composed: String = word.nfc().collect();
    out.truncate(start);
    out.push_str(&composed);
}

lexer_with_words! {
    /// What the entity lexer sees.
    // The words for an order, written before its reference (`order`, `pedido`,
    // `commande`, `Bestellung`, `ordine`, `encomenda`, `bestelling`; Russian `заказ`
    // and its cases, Ukrainian `замовлення`, Arabic `طلب`, `الطلب`, `طلبي`, `طلبية`).
    #[logos(
        subpattern order_word = r"(?i:orders?|pedidos?|orden|[oó]rdenes|commandes?|bestellung(?:en)?|auftrag|ordine|ordini|encomendas?|bestelling(?:en)?|заказ(?:а|у|ом|е|ы|ов)?|замовлення|(?:ال)?طلب(?:ي|ك|ية|يتي)?)"
    )]
    // One word for "order number" (`Bestellnummer`, `Bestell-Nr.`, `ordernummer`).
    #[logos(
        subpattern order_number_word = r"(?i:(?:bestell-?|auftrags-?|order-?|bestel-?)(?:nummer|nr\.?))"
    )]
    // How a reference is numbered: `no.`, `nr`, `n°`, `nº`, `n.º`, `n.`, `№`, `núm.`, `number`,
    // `número`, `numéro`, `nummer`, `id`, `ref`, `référence`, Russian and Ukrainian
    // `номер`, Arabic `رقم`.
    #[logos(
        subpattern numbering = r"(?i:no\.?|nr\.?|n[º°]|n\.[º°]?|№|n[úu]m\.?|number|n[úu]mero|numéro|nummer|id|r[ée]f\.?|reference|référence|referencia|referência|riferimento|номер|رقم)"
    )]
    // One word for "order number" in Chinese (`订单号`, `订单编号`, `订单号码`, and in
    // traditional characters), Japanese (`注文番号`, `ご注文番号`) and Korean (`주문번호`, `주문 번호`),
    // with the particle or copula that may follow it (`は`, `是`, `为`, `는`, `은`).
    #[logos(
        subpattern cjk_order_number = r"(?:ご?注文番号|订单编?号码?|訂單編?號碼?|주문 ?번호)(?:は|是|为|為|는|은)?"
    )]
    // The same, written before the word for an order (`número de pedido`, `номер
    // заказа`, `№ заказа`, `رقم الطلب`): only the words other languages write so, so that
    // English `no order 12` names none.
    #[logos(
        subpattern numbering_first = r"(?i:n[º°]|n\.[º°]|n[úu]m\.?|n[úu]mero|numéro|nummer|№|номер|رقم)"
    )]
    // "is" before the reference: `is`, `es`, `est`, `ist`, `è`, `é`, Arabic `هو`.
    #[logos(subpattern copula = r"(?i:is|es|est|ist|è|é|هو)")]
    // A reference: digits, or letters ending with a dash or capitals before digits,
    // with the dashed parts that follow.
    #[logos(
        subpattern reference = r"(?:[0-9]+|[A-Za-z]{1,5}-[0-9][0-9A-Za-z]*|[A-Z]{1,5}[0-9][0-9A-Z]*)(?:-[0-9A-Za-z]+)*"
    )]
    // What an e-mail address is made of, besides `.`, `_`, `%`, `+` and `-`: ASCII
    // digits, the Latin, Greek and Cyrillic letters (`josé`, `jürgen@müller.de`,
    // `почта@пример.рф`) and the accents typed as marks of their own. Scripts written
    // without spaces between words (Chinese, Japanese, Thai) are left out, or
    // `发到jo@example.com谢谢` would be one address; the other scripts too, whose
    // letters would make the lexer several hundred KB larger for addresses rarely seen.
    #[logos(
        subpattern mail_letter = r"[0-9\p{Latin}\p{Greek}\p{Cyrillic}\u{300}-\u{36F}]"
    )]
    pub enum Lexeme {
        /// Letters and digits, with an apostrophe inside (`don't`).
        ///
        /// A combining mark written after a letter or digit belongs to the word: an accent
        /// typed as a character of its own (`e` + U+0301, what some keyboards and copied
        /// text give for `é`), the virama and vowel signs of Indic scripts (`नमस्ते`).
        /// Variation selectors, which choose how an emoji or a digit is drawn (`1️⃣`), are
        /// not part of a word. A zero-width non-joiner or joiner between two letters (Persian
        /// `می‌خواهم`, some Indic spellings) is kept inside the word, as an apostrophe is.
        #[regex(r"(?&word)")]
        Word,
        /// A Chinese character or a hiragana with its marks: a word of its own, as for
        /// phrase matching.
        #[regex(r"(?&ideograph)")]
        Ideograph,
        /// Digits in groups separated by one space, dash, dot, comma, apostrophe or
        /// no-break space: a number, a sum's number, a phone number or a card number, told
        /// apart afterwards ([`super::entities`]).
        #[regex(r"[0-9]+(?:[ .,'\-\u{A0}\u{202F}][0-9]+)*", priority = 4)]
        Digits,
        /// A number written the international way or with an area code in parentheses:
        /// `+44 20 7946 0958`, `(555) 123-4567`, and both at once, `+1 (555) 123-4567`,
        /// `+49 (0)30 123456`.
        #[regex(r"\+[0-9]+(?:[ .\-]?\([0-9]+\)[ .\-]?[0-9]+)?(?:[ .\-][0-9]+)*")]
        #[regex(r"\([0-9]+\) ?[0-9]+(?:[ .\-][0-9]+)*")]
        Phone,
        /// `#4829`, `#4829-1`, `#AB-12345`: digits, or up to five capitals before them
        /// (lower-case letters would make hashtags such as `#covid19` orders), with the
        /// dashed parts that follow.
        #[regex(r"#[0-9]+(?:-[0-9A-Za-z]+)*")]
        #[regex(r"#[A-Z]{1,5}-?[0-9][0-9A-Z]*(?:-[0-9A-Z]+)*")]
        HashOrder,
        /// `order 4829`, `order #4829`, `order no. 4829`, `order number 4829`, `order id is
        /// 4829`, `order: 4829`, `order 112-1234567-1234567`, `order ORD-2024-00123`: the
        /// word `order`, the way it is numbered, then the reference, whole. Letters before
        /// the digits are capitals or end with a dash, so that `order pizza2go` is no order.
        ///
        /// The same in Spanish, Portuguese, French, German, Italian and Dutch, word for
        /// word (`pedido nº 4829`, `commande : 4829`, `Bestellung Nr. 4829`), with the
        /// number first (`número de pedido 4829`, `numéro de commande : 4829`, `numero
        /// d'ordine 4829`) or in one word (`Bestellnummer 4829`, `Bestell-Nr. 4829`), and
        /// with `№`; in Russian and Ukrainian (`заказ № 4829`, `номер заказа 4829`, `№
        /// заказа: 4829`, `замовлення 4829`) and in Arabic (`رقم الطلب 4829`, `طلب رقم 4829`,
        /// `رقم طلبي هو 4829`); in Chinese, Japanese and Korean, written against the
        /// reference or not (`订单号：4829`, `订单号是4829`, `注文番号は4829です`, `주문
        /// 번호: 4829`; the full-width colon and space are read as ASCII before lexing). At
        /// most four runs of white space come before the first digit of the reference
        /// ([`super::entities`] counts on it): `numéro de commande : 4829`.
        #[regex(
            r"(?:(?:(?&numbering_first) (?i:de |del |do |da |di |d['’])?(?&order_word)|(?&order_word) (?&numbering)|(?&order_number_word))(?: (?&copula):?| ?:)?|(?&order_word)(?: ?:)?|(?&cjk_order_number)(?: ?:)?) ?#?(?&reference)"
        )]
        WordOrder,
        /// `jo@example.com`, `o'brien@example.ie`, `josé.pérez@correo.es`,
        /// `jürgen@müller.de`: an apostrophe only between two of its other characters.
        #[regex(
            r"(?:(?&mail_letter)|[._%+\-])+(?:'(?:(?&mail_letter)|[._%+\-])+)*@(?:(?&mail_letter)|-)+(?:\.(?:(?&mail_letter)|-)+)+"
        )]
        Email,
        /// `https://example.com/orders`, `www.example.com`.
        #[regex(r"(?i:https?://|www\.)[^\s<>\x22]+", priority = 12)]
        Url,
        /// A currency sign (`$`, `€`, `£`, `¥`, `₹`, any of Unicode's): with a number
        /// before or after it, a sum of money ([`super::entities`] puts them together).
        #[regex(r"\p{Sc}")]
        Currency,
        /// White space.
        #[regex(r"\s+")]
        Space,
    }
}

/// The longest stretch left out by the lexer that [`lexemes`] reads again. A stretch of
/// `n` bytes may be read again from each of its characters, each time up to its end, so
/// the bound keeps text made to fail this way (`a.a.a.…`, without `@`) linear: a 10 MB
/// message of it is decided in 0.25 s, against 0.05 s when nothing was read again (the
/// README's "Where the design was silent: decisions"). A failed e-mail address longer
/// than this is left out whole.
pub const MAX_REREAD: usize = 64;

/// The lexemes of `text` with their byte ranges; characters no lexeme covers are left
/// out.
///
/// The text is read in windows of at most [`LEX_WINDOW`] bytes cut after white space, so
/// an entity written over white space (`order 4829`) that straddles such a cut, once per
/// KiB of a long message, is missed.
///
/// Where a longer lexeme fails part way after a character that is no lexeme alone (the
/// `.`, `-` or `+` an e-mail address may start with, `(`, `#`, `№`), logos leaves out all
/// it read, and an entity that starts inside it with it: `hi...order 4829`, `ok-order
/// 4829`, `call me.+1 555 123 4567`. The window is then read again from the character
/// after the first, as if that one alone had been left out, when the stretch is at most
/// [`MAX_REREAD`] bytes long. Whether a stretch is read again depends on the text from
/// its start on only, so lexing from a later place finds the same lexemes after it
/// ([`super::entities`] counts on it).
pub fn lexemes(text: &str) -> impl Iterator<Item = (Lexeme, std::ops::Range<usize>)> + '_ {
    windows(text).flat_map(|(offset, window)| {
        let mut lexer = Lexeme::lexer(window);
        // Where in the window `lexer` started.
        let mut base = 0;
        std::iter::from_fn(move || {
            loop {
                match lexer.next()? {
                    Ok(lexeme) => {
                        let span = lexer.span();
                        let start = offset + base;
                        return Some((lexeme, start + span.start..start + span.end));
                    }
                    // Most stretches left out are one character, read no further.
                    Err(()) if lexer.span().len() == 1 => {}
                    Err(()) => reread(&mut lexer, window, &mut base),
                }
            }
        })
    })
}

/// Sets `lexer`, which has just left out a stretch of `window`, to read `window` again
/// from the stretch's second character, when the stretch is at most [`MAX_REREAD`] bytes
/// long; `base` is where in the window `lexer` started, and moves with it.
#[cold]
fn reread<'a>(lexer: &mut logos::Lexer<'a, Lexeme>, window: &'a str, base: &mut usize) {
    let span = lexer.span();
    let first = lexer.slice().chars().next().map_or(1, char::len_utf8);
    if first < span.len() && span.len() <= MAX_REREAD {
        *base += span.start + first;
        *lexer = Lexeme::lexer(window.get(*base..).unwrap_or_default());
    }
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
    fn long_texts_are_read_in_windows_that_cut_no_word() {
        let text = "mot ".repeat(700) + "é".repeat(3000).as_str() + " fin";
        let pieces: Vec<(usize, &str)> = windows(&text).collect();
        assert!(pieces.iter().all(|(_, w)| w.len() <= LEX_WINDOW));
        assert_eq!(pieces.iter().map(|(_, w)| *w).collect::<String>(), text);
        // Cut after white space: every window of the first part ends with a space.
        assert!(pieces[0].1.ends_with(' '));
        let mut seen = Vec::new();
        lexed_words(&text, |w| {
            seen.push((text[w.start..w.end].to_string(), w.joined))
        });
        assert_eq!(seen.iter().filter(|(w, _)| w == "mot").count(), 700);
        assert!(seen.iter().skip(1).all(|(_, joined)| *joined));
        assert_eq!(seen.last().unwrap().0, "fin");
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
            let len = ((seed >> 33) % 200) as usize;
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
        assert!(texts > 19_800);
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
            .filter(|(l, _)| !matches!(l, Lexeme::Space | Lexeme::Word | Lexeme::Ideograph))
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
                (Lexeme::Currency, "$"),
                (Lexeme::Digits, "49.99"),
                (Lexeme::Digits, "50"),
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
        assert_eq!(
            kinds("call +1 (555) 123-4567 or +49 (0)30 123456, not +1 (x)"),
            [
                (Lexeme::Phone, "+1 (555) 123-4567"),
                (Lexeme::Phone, "+49 (0)30 123456"),
                (Lexeme::Phone, "+1")
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
