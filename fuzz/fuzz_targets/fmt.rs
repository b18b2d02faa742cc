//! Policy text through `fmt`: what parses formats to a text with the same syntax tree,
//! the same comment words, and that formats to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(tree) = baton::syntax::parse(text) else {
        assert!(baton::fmt::format(text).is_err());
        return;
    };
    let formatted = baton::fmt::format(text).expect("a text that parses formats");
    let again = baton::syntax::parse(&formatted).expect("the formatted text parses");
    assert!(
        again == tree,
        "formatting changed the tree:\n{text}\n---\n{formatted}"
    );
    assert_eq!(
        baton::fmt::comment_words(&formatted),
        baton::fmt::comment_words(text),
        "formatting lost a comment:\n{text}\n---\n{formatted}"
    );
    assert_eq!(
        baton::fmt::format(&formatted).expect("formats again"),
        formatted,
        "formatting twice changed the text:\n{text}"
    );
});
