//! Card numbers never leave Baton unmasked: a card number in every field a request has,
//! in every form it is written, through every command and the library, and no output
//! holds its digits.

use serde_json::{Value, json};

use crate::{baton_with_stdin, root, scratch};

/// Card numbers written five ways (all pass the Luhn check): in groups, with dashes, in
/// one piece, in full-width digits (as Chinese and Japanese input methods type them)
/// and in Arabic-Indic digits.
const CARDS: [&str; 5] = [
    "4111 1111 1111 1111",
    "5500-0000-0000-0004",
    "340000000000009",
    "４１１１ １１１１ １１１１ １１１１",
    "٥٥٠٠-٠٠٠٠-٠٠٠٠-٠٠٠٤",
];

/// The digits of a text as ASCII digits: ASCII, full-width and Arabic-Indic digits.
fn digits(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            let value = [0x30, 0xFF10, 0x0660]
                .iter()
                .find_map(|&zero| u32::from(c).checked_sub(zero).filter(|d| *d < 10))?;
            char::from_digit(value, 10)
        })
        .collect()
}

/// Whether a text holds any of the card numbers, or the first 8 digits of one (a
/// number cut short still gives most of it away), in any of the ways of writing it.
fn leaks(text: &str) -> Option<&'static str> {
    let found = digits(text);
    CARDS
        .iter()
        .copied()
        .find(|card| text.contains(card) || found.contains(&digits(card)[..8]))
}

/// A request with a card number in every place a request can hold text.
fn request(card: &str) -> Value {
    json!({
        "now": "2026-11-24T15:01:00Z",
        "facts": {"confidence": 0.9, "intent": format!("pay with {card}"), "tier": "vip"},
        "messages": [
            {"from": "customer", "text": format!("I was charged twice on {card}, talk to a human"), "at": "2026-11-24T15:00:00Z"},
            {"from": "bot", "text": format!("Is {card} your card?"), "at": "2026-11-24T15:00:10Z"},
            {"from": "agent", "text": format!("noted {card}"), "at": "2026-11-24T15:00:20Z"},
            {"from": "customer", "text": format!("yes {card}"), "at": "2026-11-24T15:00:30Z"},
        ],
        "actions": [format!("looked up {card}")],
        "teams": {"billing": {"available": 1, "waiting": 2}},
    })
}

#[test]
fn no_output_of_a_decision_holds_a_card_number() {
    let source = std::fs::read_to_string(root().join("rules-examples/acme.baton")).unwrap();
    let policy = baton::Policy::compile("acme.baton", &source).unwrap();
    for card in CARDS {
        let text = request(card).to_string();
        assert!(leaks(&text).is_some(), "the request holds the card");
        // The library.
        let r = baton::Request::from_json(&text).unwrap();
        let decision = policy.decide(&r).unwrap();
        assert_eq!(decision.outcome, baton::Outcome::Escalate);
        let shown = serde_json::to_string(&decision).unwrap();
        assert_eq!(leaks(&shown), None, "decision: {shown}");
        // The commands: eval (one and JSON Lines) and explain, every stream.
        for args in [
            vec!["eval", "rules-examples/acme.baton", "-"],
            vec!["eval", "--jsonl", "rules-examples/acme.baton", "-"],
            vec![
                "explain",
                "--color",
                "never",
                "rules-examples/acme.baton",
                "-",
            ],
        ] {
            let out = baton_with_stdin(&args, &text);
            assert_eq!(out.status.code(), Some(0), "{args:?}");
            for stream in [&out.stdout, &out.stderr] {
                let s = String::from_utf8_lossy(stream);
                assert_eq!(leaks(&s), None, "{args:?}: {s}");
            }
        }
    }
}

#[test]
fn no_error_message_quotes_a_card_number() {
    // Each field holding a card number where it does not belong: the error names the
    // place and the value found, masked.
    for card in CARDS {
        let bad = [
            json!({"facts": {"confidence": card}}),
            // Cut to 60 characters in the message, after masking.
            json!({"facts": {"confidence": format!("{}{card}", "x".repeat(50))}}),
            json!({"facts": {"confidence": 0.9, "tier": card}}),
            json!({"facts": {"confidence": 0.9, card: 1}}),
            json!({"facts": {"confidence": 0.9}, "now": card}),
            json!({"facts": {"confidence": 0.9}, "messages": [{"from": card, "text": "hi", "at": "2026-11-24T15:00:00Z"}]}),
            json!({"facts": {"confidence": 0.9}, "messages": [{"from": "customer", "text": "hi", "at": card}]}),
            json!({"facts": {"confidence": 0.9}, "teams": {card: {"available": 1}}}),
            json!({"facts": {"confidence": 0.9}, "teams": {"billing": {"available": card}}}),
            json!({"facts": {"confidence": 0.9}, "actions": [1, card]}),
            json!({"facts": {"confidence": 0.9}, card: true}),
        ];
        for request in bad {
            let text = request.to_string();
            let out = baton_with_stdin(&["eval", "rules-examples/acme.baton", "-"], &text);
            assert_eq!(out.status.code(), Some(1), "{text}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("error:"), "{text}: {err}");
            assert_eq!(leaks(&err), None, "{text}: {err}");
            assert_eq!(leaks(&String::from_utf8_lossy(&out.stdout)), None);
        }
    }
}

#[test]
fn a_failing_test_reports_its_decision_without_the_card_numbers_of_its_messages() {
    // A card number in a test's message: on failure, `baton test` quotes the decision,
    // which holds no text of the request; only the drawn source, the author's own
    // text, shows the message as written.
    let dir = scratch("privacy-test");
    let source = std::fs::read_to_string(root().join("rules-examples/acme.baton"))
        .unwrap()
        .replace(
            "customer \"I was double charged for my order\"\n  expect escalate to billing via live by billing_general",
            "customer \"I was double charged on 4111 1111 1111 1111\"\n  expect stay",
        );
    std::fs::write(dir.join("acme.baton"), source).unwrap();
    let out = crate::baton(&dir, &["test", "acme.baton"]);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1), "{all}");
    // The policy's own text is the author's, shown as written; the decision's parts
    // never quote the request.
    assert!(all.contains("got       escalate to billing"), "{all}");
    for line in all.lines().filter(|l| {
        let l = l.trim_start();
        l.starts_with("expected ") || l.starts_with("got ") || l.starts_with("matched ")
    }) {
        assert_eq!(leaks(line), None, "{line}");
    }
}
