//! Cutting text into words, as phrase matching sees them (design section 3.2): runs of
//! Unicode letters and digits with the combining marks written after them, with an
//! apostrophe inside a word kept (`don't`), lower-cased, the typographic `’` read as `'`,
//! composed (NFC).

/// A word and where it is in the text (byte offsets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The word, lower-cased, with `’` read as `'`, composed.
    pub text: String,
    /// Where it starts in the text.
    pub start: usize,
    /// Where it ends in the text (exclusive).
    pub end: usize,
}

/// The words of `text`, in order, cut by the message lexer ([`super::lexer`]), so that a
/// phrase and a message are cut the same way.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    super::lexer::for_each_word(text, |span| {
        let mut word = String::new();
        super::lexer::push_lower(&text[span.start..span.end], &mut word);
        out.push(Word {
            text: word,
            start: span.start,
            end: span.end,
        });
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        words(s).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn words_are_letters_and_digits_lower_cased() {
        assert_eq!(
            texts("Talk to an AGENT, please!"),
            ["talk", "to", "an", "agent", "please"]
        );
        assert_eq!(texts("order #4829"), ["order", "4829"]);
        assert_eq!(texts("Größe ÉTÉ"), ["größe", "été"]);
    }

    #[test]
    fn apostrophes_stay_inside_words_only() {
        assert_eq!(
            texts("I don’t can't 'quoted'"),
            ["i", "don't", "can't", "quoted"]
        );
    }

    #[test]
    fn accents_compare_equal_however_they_were_typed() {
        // `é` as one character, and as `e` followed by a combining acute accent.
        assert_eq!(texts("résumé"), ["résumé"]);
        assert_eq!(texts("re\u{301}sume\u{301}"), ["résumé"]);
        assert_eq!(texts("RE\u{301}SUME\u{301}"), ["résumé"]);
    }

    #[test]
    fn marks_of_other_scripts_stay_inside_words() {
        // Hindi's virama (U+094D) is a mark, not a letter: it used to cut the word.
        assert_eq!(texts("नमस्ते"), ["नमस्ते"]);
        // Persian writes a zero-width non-joiner inside words; with or without it, the
        // word is the same.
        assert_eq!(texts("می\u{200C}خواهم"), texts("میخواهم"));
        assert_eq!(texts("می\u{200C}خواهم").len(), 1);
    }

    #[test]
    fn chinese_characters_and_hiragana_are_words_of_their_own() {
        // Chinese and Japanese put no space between words: each character is one, as
        // Unicode's word boundaries have it, and a katakana run is one.
        assert_eq!(texts("我要转人工"), ["我", "要", "转", "人", "工"]);
        assert_eq!(
            texts("オペレーターと話したい"),
            ["オペレーター", "と", "話", "し", "た", "い"]
        );
        assert_eq!(texts("order 4829号"), ["order", "4829", "号"]);
    }

    #[test]
    fn a_turkish_capital_dotted_i_is_an_i() {
        assert_eq!(texts("İADE İSTİYORUM"), ["iade", "istiyorum"]);
    }

    #[test]
    fn variation_selectors_are_not_part_of_a_word() {
        // A keycap emoji: the digit, then a variation selector and an enclosing mark.
        assert_eq!(texts("option 1\u{FE0F}\u{20E3}"), ["option", "1"]);
    }

    #[test]
    fn nothing_but_punctuation_has_no_words() {
        assert!(words("!!! ... 🙂").is_empty());
    }

    /// The definition of design section 3.2, written out character by character, to
    /// check the lexer against: a letter or digit, then letters, digits and combining
    /// marks (variation selectors aside), with an apostrophe or a zero-width
    /// (non-)joiner kept between two word characters; a Chinese character or a hiragana
    /// is a word of its own, with its marks; lower-cased, the joiners left out, composed.
    fn reference(text: &str) -> Vec<String> {
        use unicode_normalization::UnicodeNormalization;
        // Han and hiragana, in the blocks the tests use.
        let own = |c: char| {
            matches!(u32::from(c), 0x3005 | 0x3007 | 0x3021..=0x3029 | 0x3038..=0x303B
                | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFA6D | 0xFA70..=0xFAD9
                | 0x20000..=0x2A6DF | 0x3041..=0x3096 | 0x309D..=0x309F)
        };
        let starts = |c: char| c.is_alphanumeric() && !own(c);
        let variation_selector = |c: char| matches!(c, '\u{180B}'..='\u{180D}' | '\u{180F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}');
        let mark =
            |c: char| unicode_normalization::char::is_combining_mark(c) && !variation_selector(c);
        let lower = |c: char, word: &mut String| {
            if c == '\u{130}' {
                word.push('i');
            } else {
                word.extend(c.to_lowercase());
            }
        };
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let mut word = String::new();
            if own(c) {
                lower(c, &mut word);
                i += 1;
                while i < chars.len() && mark(chars[i]) {
                    lower(chars[i], &mut word);
                    i += 1;
                }
                out.push(word.nfc().collect());
                continue;
            }
            if !starts(c) {
                i += 1;
                continue;
            }
            lower(c, &mut word);
            i += 1;
            while i < chars.len() {
                let c = chars[i];
                if starts(c) || mark(c) {
                    lower(c, &mut word);
                    i += 1;
                } else if matches!(c, '\'' | '’' | '\u{200C}' | '\u{200D}')
                    && chars.get(i + 1).is_some_and(|&n| starts(n))
                {
                    if matches!(c, '\'' | '’') {
                        word.push('\'');
                    }
                    i += 1;
                } else {
                    break;
                }
            }
            out.push(word.nfc().collect());
        }
        out
    }

    #[test]
    fn the_lexer_cuts_words_as_the_definition_does() {
        for text in [
            "Talk to an AGENT, please!",
            "I don’t can't 'quoted' rock'n'roll ''x''",
            "Größe ÉTÉ ǅemal ½ ① ٣ 四 x²",
            "emoji🙂between👍words and\u{200f}rtl\u{202e}marks",
            "tabs\tand\nnewlines\u{a0}nbsp",
            "re\u{301}sume\u{301} RE\u{301}SUME\u{301} \u{301}alone e\u{301}\u{301}",
            "नमस्ते मदद चाहिए ขอบคุณ مرحبًا",
            "می\u{200C}خواهم a\u{200D}b \u{200C}x y\u{200C} z\u{200C}\u{200C}w",
            "option 1\u{FE0F}\u{20E3} ok\u{FE0F} a\u{20DD}",
            "İADE İSTİYORUM ı I İ\u{307}",
            "我要转人工 オペレーターと話したい 返金してください ABC漢字123 か\u{3099}",
            "",
        ] {
            assert_eq!(texts(text), reference(text), "{text:?}");
        }
    }
}
