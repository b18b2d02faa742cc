//! Grammar tests: what each literal rule accepts, with pest's own macros, and how the
//! parser recovers after a broken item.

use pest::{consumes_to, fails_with, parses_to};

use super::parser::{BatonParser, Rule};

#[test]
fn literals_are_single_tokens() {
    parses_to! { parser: BatonParser, input: "85%", rule: Rule::percent, tokens: [percent(0, 3)] };
    parses_to! { parser: BatonParser, input: "-0.6", rule: Rule::number, tokens: [number(0, 4)] };
    parses_to! { parser: BatonParser, input: "30s", rule: Rule::duration, tokens: [duration(0, 3)] };
    parses_to! { parser: BatonParser, input: "08:00", rule: Rule::clock, tokens: [clock(0, 5)] };
    parses_to! { parser: BatonParser, input: "2026-12-25", rule: Rule::date, tokens: [date(0, 10)] };
}

#[test]
fn reserved_words_are_not_names() {
    fails_with! {
        parser: BatonParser, input: "or", rule: Rule::ident,
        positives: [Rule::ident], negatives: [], pos: 0
    };
    // A reserved word is only reserved whole: `order` and `intent` are names.
    parses_to! { parser: BatonParser, input: "order", rule: Rule::ident, tokens: [ident(0, 5)] };
    parses_to! { parser: BatonParser, input: "intent", rule: Rule::ident, tokens: [ident(0, 6)] };
}

#[test]
fn a_broken_item_does_not_hide_the_next_one() {
    let errors = super::parse("policy \"p\"\nfact a number\nfact b: number = 1\nfact c number\n")
        .expect_err("two broken facts");
    assert_eq!(errors.len(), 2);
}

#[test]
fn a_condition_keeps_its_text_span() {
    let source = "policy \"p\"\nrule r { when (turns > 1) stay }";
    let file = super::parse(source).unwrap();
    let super::ast::Item::Rule(rule) = &file.items[0] else {
        panic!("a rule")
    };
    assert_eq!(&source[rule.when.span.range()], "(turns > 1)");
}

#[test]
fn a_condition_span_stops_at_its_last_word() {
    // pest takes in the white space and comments after the last `or` or `and` part;
    // a label on the condition must not run on to the next line.
    for (when, expected) in [
        ("turns > 1 or repeats > 2", "turns > 1 or repeats > 2"),
        (
            "turns > 1 and repeats > 2 # why\n ",
            "turns > 1 and repeats > 2",
        ),
        (
            "not turns > 1 or (repeats > 2)",
            "not turns > 1 or (repeats > 2)",
        ),
    ] {
        let source = format!("policy \"p\"\nrule r {{\n  when {when}\n  stay\n}}");
        let file = super::parse(&source).unwrap();
        let super::ast::Item::Rule(rule) = &file.items[0] else {
            panic!("a rule")
        };
        assert_eq!(&source[rule.when.span.range()], expected, "{when:?}");
    }
}

/// A file that ends inside an item: the label sits after the last word (miette draws none
/// past the last character), and the help names the item left open and its line.
#[test]
fn a_file_that_ends_inside_an_item_says_which() {
    let rule = "policy \"p\"\nteam t { skills general }\nrule r: explicit {\n  when turns > 3\n  escalate to t";
    let test = "policy \"p\"\nfact vip: bool = false\ntest \"v\" {\n  facts { vip: true";
    for (source, end, expected) in [
        // A line end after the last word: the label is just after it.
        (
            format!("{rule}\n"),
            rule.len(),
            "the file ends inside `rule r: explicit` (line 3): end it with `}` on a line of its own",
        ),
        // A comment after it, or nothing at all, not even a line end: on its last letter.
        (
            format!("{rule}  # to do\n\n"),
            rule.len(),
            "the file ends inside `rule r: explicit` (line 3)",
        ),
        (
            rule.to_string(),
            rule.len() - 1,
            "the file ends inside `rule r: explicit` (line 3)",
        ),
        (
            format!("{test}\n"),
            test.len(),
            "the file ends inside `test \"v\"` (line 3), with 2 `{` not closed: close each with `}`",
        ),
    ] {
        let errors = super::parse(&source).expect_err("an unclosed item");
        let [
            super::ParseError::Syntax {
                span, label, help, ..
            },
        ] = errors.as_slice()
        else {
            panic!("one syntax error: {errors:?}")
        };
        assert_eq!(span.offset(), end, "{source:?}");
        assert_eq!(label, "found the end of the file");
        let help = help.as_deref().unwrap_or_default();
        assert!(help.starts_with(expected), "{help}");
    }
}
