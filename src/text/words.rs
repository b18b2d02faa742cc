//! Cutting text into words, as phrase matching sees them (design section 3.2): runs of
//! Unicode letters and digits, with an apostrophe inside a word kept (`don't`), lower-cased,
//! the typographic `’` read as `'`.

/// A word and where it is in the text (byte offsets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The word, lower-cased, with `’` read as `'`.
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
    fn nothing_but_punctuation_has_no_words() {
        assert!(words("!!! ... 🙂").is_empty());
    }

    /// The definition of design section 3.2, written out character by character, to
    /// check the lexer against.
    fn reference(text: &str) -> Vec<String> {
        let word_char = |c: char| c.is_alphanumeric();
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if !word_char(chars[i]) {
                i += 1;
                continue;
            }
            let mut word = String::new();
            while i < chars.len() {
                let c = chars[i];
                if word_char(c) {
                    word.extend(c.to_lowercase());
                    i += 1;
                } else if (c == '\'' || c == '’') && chars.get(i + 1).is_some_and(|&n| word_char(n))
                {
                    word.push('\'');
                    i += 1;
                } else {
                    break;
                }
            }
            out.push(word);
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
            "",
        ] {
            assert_eq!(texts(text), reference(text), "{text:?}");
        }
    }
}
