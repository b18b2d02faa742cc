//! Text: the message lexer, phrase matching, sentiment, similarity, entities and card
//! masking. Everything here works on untrusted text and never fails.

pub mod byte_set;
pub mod cards;
pub mod entities;
pub mod lexer;
pub mod phrases;
pub mod similarity;
pub mod vader;
pub mod words;

/// The ASCII character a full-width form stands for (`ｒ` is `r`, `１` is `1`, `＠` is
/// `@`), as NFKC has it: Chinese and Japanese input methods type Latin letters, digits
/// and signs this way until switched back. `None` for any other character.
pub fn full_width_ascii(c: char) -> Option<char> {
    matches!(c, '\u{FF01}'..='\u{FF5E}')
        .then(|| char::from_u32(u32::from(c) - 0xFEE0))
        .flatten()
}

/// `text` in double quotes, as Baton's messages show a text: `"` and `\` escaped, and
/// what cannot be seen or would reorder the line around it (control characters,
/// invisible formatting characters, bidirectional controls, a mark with no letter
/// before it) written as `\u{…}`. Letters with their marks (`é` typed as `e` and an
/// accent, `नमस्ते`) are shown as written, where Rust's `{:?}` escapes every mark.
pub fn quoted(text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for (i, c) in text.chars().enumerate() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || is_invisible_format(c)
                || (i == 0 && unicode_normalization::char::is_combining_mark(c)) =>
            {
                // Writing to a `String` cannot fail.
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The formatting characters that draw nothing or reorder the text around them: the
/// soft hyphen, the Arabic letter mark, the Mongolian vowel separator, zero-width space,
/// the left-to-right and right-to-left marks, embeddings, overrides and isolates, the
/// invisible operators and the byte order mark. The zero-width non-joiner and joiner,
/// which Persian, Indic scripts and emoji sequences need, are shown as they are.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{61C}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// Numbers below `n` from a small linear congruential generator seeded with `seed`: the
/// same sequence at every run, for the random texts of this module's tests.
#[cfg(test)]
pub(crate) fn picker(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    }
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn quoted_texts_keep_their_marks_and_show_what_hides() {
        assert_eq!(quoted("नमस्ते"), "\"नमस्ते\"");
        assert_eq!(quoted("re\u{301}sume\u{301}"), "\"re\u{301}sume\u{301}\"");
        assert_eq!(quoted("say \"hi\"\n\\"), r#""say \"hi\"\n\\""#);
        assert_eq!(
            quoted("a\u{202E}b\u{200B}c\u{1}"),
            r#""a\u{202e}b\u{200b}c\u{1}""#
        );
        // A mark with nothing before it would sit on the opening quote.
        assert_eq!(quoted("\u{301}x"), r#""\u{301}x""#);
        assert_eq!(quoted("می\u{200C}خواهم"), "\"می\u{200C}خواهم\"");
        // What `{:?}` shows the same way is shown the same way.
        for text in ["plain", "tab\there", "", "don't", "€12,50", "\u{7f}"] {
            assert_eq!(quoted(text), format!("{text:?}"));
        }
    }
}
