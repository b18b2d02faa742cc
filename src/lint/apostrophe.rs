//! `phrase-apostrophe`: a phrase with a contraction that matches only one of the two ways
//! customers write it. A word matches as it is spelled (design section 3.2), apostrophe
//! included, so `"dont want it"` never matches `don't want it`; yet customers type both:
//! in the bitext utterances of `../shared/data/`, `dont` is written 85 times and `don't`
//! 124 times. The warning is given only when the set as a whole misses the other spelling,
//! so a set that lists both, or a `fuzzy` set whose one edit covers the apostrophe, is
//! not reported.

use miette::{LabeledSpan, SourceSpan};

use super::{Found, Lint, PhraseText};
use crate::check::model::Model;
use crate::limits::MAX_LINT_STEPS;
use crate::syntax::ast::{Item, PolicyFile};
use crate::text::phrases::{FUZZY_MIN_LETTERS, PhraseMatcher};

/// Contractions, written without their apostrophe and with it. Only those whose form
/// without is no everyday word: `we'll`, `we're`, `it's`, `i'll`, `i'd` and `let's` are
/// left out, since `well`, `were`, `its`, `ill`, `id` and `lets` are words of their own
/// that a phrase may well mean.
const CONTRACTIONS: &[(&str, &str)] = &[
    ("aint", "ain't"),
    ("arent", "aren't"),
    ("cant", "can't"),
    ("couldnt", "couldn't"),
    ("didnt", "didn't"),
    ("doesnt", "doesn't"),
    ("dont", "don't"),
    ("hadnt", "hadn't"),
    ("hasnt", "hasn't"),
    ("havent", "haven't"),
    ("isnt", "isn't"),
    ("mightnt", "mightn't"),
    ("mustnt", "mustn't"),
    ("neednt", "needn't"),
    ("shant", "shan't"),
    ("shouldnt", "shouldn't"),
    ("wasnt", "wasn't"),
    ("werent", "weren't"),
    ("wont", "won't"),
    ("wouldnt", "wouldn't"),
    ("im", "i'm"),
    ("ive", "i've"),
    ("youre", "you're"),
    ("youve", "you've"),
    ("youll", "you'll"),
    ("youd", "you'd"),
    ("theyre", "they're"),
    ("theyve", "they've"),
    ("theyll", "they'll"),
    ("theyd", "they'd"),
    ("weve", "we've"),
    ("thats", "that's"),
    ("whats", "what's"),
    ("theres", "there's"),
    ("heres", "here's"),
    ("wheres", "where's"),
    ("whos", "who's"),
    ("hows", "how's"),
    ("shes", "she's"),
    ("yall", "y'all"),
];

/// The other way customers write `word` (lower-cased, `’` read as `'`), if it is a
/// contraction of [`CONTRACTIONS`].
fn other_spelling(word: &str) -> Option<&'static str> {
    CONTRACTIONS.iter().find_map(|&(bare, full)| {
        if word == bare {
            Some(full)
        } else if word == full {
            Some(bare)
        } else {
            None
        }
    })
}

/// One word of a phrase that its set matches in one spelling only.
struct Missed {
    /// The word, as phrase matching sees it.
    word: String,
    /// The spelling the set does not match.
    other: &'static str,
    /// Where the word is in the source.
    span: SourceSpan,
    /// What a customer types: the phrase's words, this one spelled the other way.
    typed: String,
}

impl Missed {
    /// The contraction with its apostrophe, whichever way the phrase spells it.
    fn full(&self) -> &str {
        if self.other.contains('\'') {
            self.other
        } else {
            &self.word
        }
    }
}

/// Whether the one set of `matcher` matches `text`.
fn set_matches(matcher: &PhraseMatcher, text: &str) -> bool {
    matcher.find_in_text(text).first().copied().unwrap_or(false)
}

/// The contractions of `phrase` that its set, `matcher`, matches in one spelling only.
fn missed_words(phrase: &PhraseText<'_>, matcher: &PhraseMatcher) -> Vec<Missed> {
    let words = &phrase.words;
    let mut missed = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let Some(other) = other_spelling(&w.text).filter(|_| !phrase.prefix(i)) else {
            continue;
        };
        // What a customer types: the phrase's words, this one spelled the other way (a
        // prefix word as its prefix, which it matches).
        let typed: Vec<&str> = words
            .iter()
            .enumerate()
            .map(|(j, v)| if j == i { other } else { v.text.as_str() })
            .collect();
        let typed = typed.join(" ");
        if !set_matches(matcher, &typed) {
            missed.push(Missed {
                word: w.text.clone(),
                other,
                span: phrase.at(w.start, w.end - w.start),
                typed,
            });
        }
    }
    missed
}

pub(super) fn phrase_apostrophes(
    file: &PolicyFile,
    source: &str,
    model: &Model,
    found: &mut Vec<Found>,
) {
    // Each contraction is looked for with the set's matcher, which may try every phrase of
    // the set: a set is checked only while the phrases tried fit in the budget, so that a
    // policy of a million phrases checks as fast without this lint.
    let mut budget = MAX_LINT_STEPS;
    for item in &file.items {
        let Item::Phrases(set) = item else { continue };
        let Some(def) = model.phrase_sets.iter().find(|d| d.name == set.name.node) else {
            continue;
        };
        let contractions = def
            .phrases
            .iter()
            .flat_map(|p| &p.words)
            .filter(|w| !w.prefix && other_spelling(&w.text).is_some())
            .count();
        // Twice: once as the set is, once as `fuzzy` for the help.
        let cost = contractions
            .saturating_mul(def.phrases.len())
            .saturating_mul(2);
        if cost > budget {
            continue;
        }
        budget -= cost;
        let matcher = PhraseMatcher::new(std::slice::from_ref(def));
        // The set as if it were `fuzzy`, built when a phrase is first reported.
        let mut loose: Option<PhraseMatcher> = None;
        for phrase in &set.phrases {
            let phrase = PhraseText::new(source, phrase);
            let missed = missed_words(&phrase, &matcher);
            if missed.is_empty() {
                continue;
            }
            let spelled: Vec<String> = (phrase.words.iter().enumerate())
                .map(|(i, w)| match missed.iter().find(|m| m.word == w.text) {
                    Some(m) => m.other.to_string(),
                    None => phrase.word(i),
                })
                .collect();
            let other = spelled.join(" ");
            // Each contraction with its apostrophe, once.
            let mut full: Vec<String> = Vec::new();
            for m in &missed {
                let quoted = format!("`{}`", m.full());
                if !full.contains(&quoted) {
                    full.push(quoted);
                }
            }
            let mut help = format!(
                "add \"{other}\" to the set too: customers write {} with the apostrophe and \
                 without it",
                crate::diagnostic::joined(&full, "and")
            );
            // Would the set match them all if it were `fuzzy`? One edit covers a missing or
            // extra apostrophe in a word long enough for `fuzzy` to allow one.
            let fuzzy_would = !def.fuzzy && {
                let loose = loose.get_or_insert_with(|| {
                    let mut loose = def.clone();
                    loose.fuzzy = true;
                    PhraseMatcher::new(std::slice::from_ref(&loose))
                });
                missed.iter().all(|m| set_matches(loose, &m.typed))
            };
            if fuzzy_would {
                help.push_str(&format!(
                    ", or make the set fuzzy (`phrases {} fuzzy = [...]`), which also forgives \
                     one typo in each word of {FUZZY_MIN_LETTERS} letters or more",
                    set.name.node
                ));
            }
            let words = missed
                .iter()
                .map(|m| {
                    let label = format!("customers also write \"{}\"", m.other);
                    LabeledSpan::new_with_span(Some(label), m.span)
                })
                .collect();
            found.push(Found {
                item: set.span.start,
                code: "phrase-apostrophe",
                lint: Lint::PhraseApostrophe {
                    phrase: phrase.written.to_string(),
                    other,
                    words,
                    help,
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_contraction_has_one_apostrophe_and_is_its_bare_form_with_it() {
        for &(bare, full) in CONTRACTIONS {
            assert_eq!(full.matches('\'').count(), 1, "{full}");
            assert_eq!(full.replace('\'', ""), bare, "{full}");
            assert_eq!(other_spelling(bare), Some(full));
            assert_eq!(other_spelling(full), Some(bare));
        }
        for word in ["well", "were", "its", "ill", "id", "lets", "we'll", "it's"] {
            assert_eq!(other_spelling(word), None, "{word}");
        }
    }
}
