//! Cutting text into words, as phrase matching sees them (design section 3.2): runs of
//! Unicode letters and digits, with an apostrophe inside a word kept (`don't`), lower-cased,
//! the typographic `’` read as `'`.

/// A word and where it is in the text (byte offsets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The words of `text`, in order.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut word = String::new();
        word.extend(c.to_lowercase());
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if is_word_char(c) {
                word.extend(c.to_lowercase());
                end = i + c.len_utf8();
                chars.next();
            } else if is_apostrophe(c) {
                // An apostrophe is part of the word only between two word characters.
                let mut ahead = chars.clone();
                ahead.next();
                match ahead.peek() {
                    Some(&(_, next)) if is_word_char(next) => {
                        word.push('\'');
                        chars.next();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        out.push(Word {
            text: word,
            start,
            end,
        });
    }
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
}
