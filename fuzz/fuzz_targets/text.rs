//! Arbitrary message text through the lexer, the entities, the phrase matcher, card
//! masking and sentiment.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

static MATCHER: LazyLock<baton::text::phrases::PhraseMatcher> = LazyLock::new(|| {
    let source = include_str!("../../rules-examples/bank.baton");
    let policy = baton::Policy::compile("bank.baton", source).expect("the example compiles");
    baton::text::phrases::PhraseMatcher::new(&policy.model().expect("from source").phrase_sets)
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut words = 0;
    baton::text::lexer::for_each_word(text, |w| {
        assert!(w.start < w.end && w.end <= text.len());
        words += 1;
    });
    for (_, range) in baton::text::lexer::lexemes(text) {
        assert!(range.end <= text.len());
    }
    let mut entities = baton::text::entities::Entities::default();
    entities.collect(text);
    let found = MATCHER.find_in_text(text);
    assert_eq!(found.len(), MATCHER.set_count());
    let masked = baton::text::cards::mask_cards(text);
    if let Some(card) = unmasked_card(&masked) {
        panic!("a card number is left unmasked: {card:?} in {masked:?}");
    }
    let score = baton::text::vader::compound(text);
    assert!(
        (-1.0..=1.0).contains(&score),
        "sentiment {score} out of range"
    );
});

/// A card number (13 to 19 digits in groups separated by one space or dash, passing the
/// Luhn check) in a masked text that is not a mask's own last four digits followed by
/// digits that were beside it: that would be a card of the input left readable.
fn unmasked_card(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // The groups of the run starting here.
        let mut groups = Vec::new();
        let mut j = i;
        loop {
            let s = j;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            groups.push(&text[s..j]);
            if j + 1 < b.len() && (b[j] == b' ' || b[j] == b'-') && b[j + 1].is_ascii_digit() {
                j += 1;
            } else {
                break;
            }
        }
        let after_mask = text[..i].ends_with("**** **** **** ");
        for g in 0..groups.len() {
            if g == 0 && after_mask {
                // Starts with a mask's last four digits: not the input's card.
                continue;
            }
            let mut digits = String::new();
            for group in &groups[g..] {
                digits.push_str(group);
                if digits.len() > 19 {
                    break;
                }
                if digits.len() >= 13 && baton::text::cards::luhn(digits.bytes()) {
                    return Some(digits);
                }
            }
        }
        i = j.max(i + 1);
    }
    None
}
