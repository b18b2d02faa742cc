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
    fn half_width_katakana_is_read_as_full_width() {
        // The sound marks `ﾞ` and `ﾟ` join the kana before them, as NFKC has it.
        assert_eq!(
            texts("ｵﾍﾟﾚｰﾀｰと話したい"),
            ["オペレーター", "と", "話", "し", "た", "い"]
        );
        assert_eq!(texts("ｶﾞｲﾄﾞ ﾍﾟﾝ"), ["ガイド", "ペン"]);
        // Mixed with full-width katakana, the same word.
        assert_eq!(texts("オペﾚｰﾀｰ"), ["オペレーター"]);
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
}
