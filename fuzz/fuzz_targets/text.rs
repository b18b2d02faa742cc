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
    // In order, none inside another, each at least one character (a stretch read again
    // gives no lexeme twice).
    let mut last_end = 0;
    for (_, range) in baton::text::lexer::lexemes(text) {
        assert!(last_end <= range.start && range.start < range.end && range.end <= text.len());
        last_end = range.end;
    }
    let mut entities = baton::text::entities::Entities::default();
    entities.collect(text);
    let found = MATCHER.find_in_text(text);
    assert_eq!(found.len(), MATCHER.set_count());
    let masked = baton::text::cards::mask_cards(text);
    if let Some(card) = baton::text::cards::readable_card(&masked) {
        panic!("a card number is left unmasked: {card:?} in {masked:?}");
    }
    let score = baton::text::vader::compound(text);
    assert!(
        (-1.0..=1.0).contains(&score),
        "sentiment {score} out of range"
    );
});
