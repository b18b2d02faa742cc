//! Every input a fuzz target (`fuzz/`) ever crashed on, kept in
//! `tests/fixtures/fuzz/TARGET/` and run through the same checks as that target.

use std::path::PathBuf;

use crate::root;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir: PathBuf = root().join("tests/fixtures/fuzz").join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .map(|e| e.expect("a readable entry").path())
                .filter(|p| p.is_file())
                .map(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    (name, std::fs::read(&p).expect("a readable input"))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn policy_inputs_check_without_panicking() {
    for (name, data) in inputs("policy") {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        let diagnostics = baton::check_source(&name, text);
        let index = baton::LineIndex::new(text);
        for problem in diagnostics.problems() {
            for label in baton::labels(problem.as_ref()) {
                assert!(label.offset() + label.len() <= text.len(), "{name}");
                index.line_col(label.offset());
            }
        }
        if let Ok(policy) = baton::Policy::compile(&name, text) {
            for result in policy.run_tests(None) {
                if let Ok(decision) = result.decision {
                    serde_json::to_string(&decision).unwrap();
                }
            }
        }
    }
}

#[test]
fn fmt_inputs_keep_their_tree() {
    for (name, data) in inputs("fmt") {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        let Ok(tree) = baton::syntax::parse(text) else {
            assert!(baton::fmt::format(text).is_err(), "{name}");
            continue;
        };
        let formatted = baton::fmt::format(text).unwrap();
        let again = baton::syntax::parse(&formatted).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(again == tree, "{name}: the tree changed:\n{formatted}");
        assert_eq!(
            baton::fmt::comment_words(&formatted),
            baton::fmt::comment_words(text),
            "{name}"
        );
        assert_eq!(baton::fmt::format(&formatted).unwrap(), formatted, "{name}");
    }
}

#[test]
fn request_inputs_are_decided_or_refused() {
    let policies: Vec<baton::Policy> = ["acme", "bank", "telecom", "software"]
        .iter()
        .map(|n| {
            let source =
                std::fs::read_to_string(root().join(format!("rules-examples/{n}.baton"))).unwrap();
            baton::Policy::compile(n, &source).unwrap()
        })
        .collect();
    for (name, data) in inputs("request") {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        let Ok(request) = baton::Request::from_json(text) else {
            continue;
        };
        for policy in &policies {
            match policy.decide(&request) {
                Ok(d) => {
                    serde_json::to_string(&d).unwrap();
                }
                Err(e) => assert!(!e.message.is_empty(), "{name}"),
            }
        }
    }
}

#[test]
fn the_unmasked_card_check_finds_a_card_and_passes_a_mask() {
    assert_eq!(
        baton::text::cards::readable_card("pay 4111 1111 1111 1111 now").as_deref(),
        Some("4111111111111111")
    );
    assert_eq!(
        baton::text::cards::readable_card("pay **** **** **** 1111 now"),
        None
    );
    // Masking twice may mask again what a mask's last digits and the digits beside it
    // happen to form; the first masking left no card of the input readable.
    let text = "Ca2 055 11111 111111112 111 11111 111 1uxpires";
    let once = baton::text::cards::mask_cards(text);
    assert_eq!(baton::text::cards::readable_card(&once), None, "{once}");
}

#[test]
fn text_inputs_go_through_every_text_signal() {
    for (name, data) in inputs("text") {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        baton::text::lexer::for_each_word(text, |w| assert!(w.end <= text.len(), "{name}"));
        let mut entities = baton::text::entities::Entities::default();
        entities.collect(text);
        let masked = baton::text::cards::mask_cards(text);
        assert_eq!(
            baton::text::cards::readable_card(&masked),
            None,
            "{name}: {masked}"
        );
        let score = baton::text::vader::compound(text);
        assert!((-1.0..=1.0).contains(&score), "{name}: {score}");
    }
}
