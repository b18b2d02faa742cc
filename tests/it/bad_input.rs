//! Hostile and broken policy text: a clear message and exit 1 or 2, never a panic or a
//! stack overflow.

use std::path::Path;

use crate::{baton, stdout};

/// Writes `bytes` to a fresh file and checks it, returning the exit code and output.
fn check_bytes(name: &str, bytes: &[u8]) -> (Option<i32>, String) {
    let dir = std::env::temp_dir().join(format!("baton-bad-input-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.baton"));
    std::fs::write(&file, bytes).unwrap();
    let out = baton(
        Path::new(&dir),
        &[
            "check",
            "--format",
            "json",
            file.file_name().unwrap().to_str().unwrap(),
        ],
    );
    std::fs::remove_dir_all(&dir).ok();
    (out.status.code(), stdout(&out))
}

fn codes(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON output");
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_empty_file_needs_a_policy_line() {
    let (code, out) = check_bytes("empty", b"");
    assert_eq!(code, Some(1));
    assert_eq!(codes(&out), ["expected-policy"]);
}

#[test]
fn invalid_utf8_is_reported_not_guessed() {
    let (code, out) = check_bytes("latin1", b"policy \"caf\xe9\"\n");
    assert_eq!(code, Some(1));
    assert_eq!(codes(&out), ["not-utf8"]);
}

#[test]
fn binary_junk_is_a_syntax_error() {
    // A deterministic mix of every byte value, NUL included.
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let (code, out) = check_bytes("junk", &junk);
    assert_eq!(code, Some(1));
    assert_eq!(codes(&out).len(), 1);

    let mut nul = b"policy \"x\"\n".to_vec();
    nul.extend_from_slice(b"fact a\0: number\n");
    let (code, out) = check_bytes("nul", &nul);
    assert_eq!(code, Some(1));
    assert_eq!(codes(&out), ["syntax-error"]);
}

#[test]
fn a_one_megabyte_identifier_is_just_an_unknown_name() {
    let long = "x".repeat(1 << 20);
    let text = format!(
        "policy \"p\"\nteam t {{ skills s }}\nrule r: limit {{\n  when {long} > 1\n  escalate to t\n}}\n"
    );
    let (code, out) = check_bytes("long-name", text.as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(codes(&out), ["unknown-name"]);
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let parens = format!(
        "policy \"p\"\nfact v: bool = false\nteam t {{ skills s }}\nrule r: limit {{\n  when {}v{}\n  escalate to t\n}}\n",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    let (code, out) = check_bytes("parens", parens.as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(codes(&out), ["too-deep"]);

    let nots = format!(
        "policy \"p\"\nfact v: bool = false\nteam t {{ skills s }}\nrule r: limit {{\n  when {}v\n  escalate to t\n}}\n",
        "not ".repeat(100_000)
    );
    let (code, out) = check_bytes("nots", nots.as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(codes(&out), ["too-deep"]);

    // Unbalanced: opening parentheses only.
    let open = format!("policy \"p\"\nrule r {{ when {}", "(".repeat(100_000));
    let (code, out) = check_bytes("open", open.as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(codes(&out), ["too-deep"]);
}

#[test]
fn nesting_up_to_the_limit_is_accepted() {
    let depth = baton::limits::MAX_NESTING;
    let text = format!(
        "policy \"p\"\nfact v: bool = false\nteam t {{ skills s }}\nrule r: limit {{\n  when {}v{}\n  escalate to t\n}}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let (code, out) = check_bytes("at-limit", text.as_bytes());
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn a_huge_file_is_refused_with_its_size() {
    let mut text = b"policy \"p\"\n".to_vec();
    text.resize(baton::limits::MAX_POLICY_BYTES + 1, b' ');
    let (code, out) = check_bytes("huge", &text);
    assert_eq!(code, Some(1));
    assert_eq!(codes(&out), ["too-large"]);
}

#[test]
fn a_file_of_broken_items_reports_a_bounded_number_of_errors() {
    let mut text = String::from("policy \"p\"\n");
    for i in 0..50_000 {
        text.push_str(&format!("fact f{i} number\n"));
    }
    let (code, out) = check_bytes("many-broken", text.as_bytes());
    assert_eq!(code, Some(1));
    let codes = codes(&out);
    assert_eq!(codes.len(), baton::limits::MAX_SYNTAX_ERRORS);
    assert!(codes.iter().all(|c| c == "syntax-error"));
}

// ---- hostile requests ----------------------------------------------------------------

fn acme() -> baton::Policy {
    let source = std::fs::read_to_string(crate::root().join("rules-examples/acme.baton")).unwrap();
    baton::Policy::compile("acme.baton", &source).unwrap()
}

fn decide_json(policy: &baton::Policy, text: &str) -> Result<baton::Decision, baton::RequestError> {
    baton::Request::from_json(text).and_then(|r| policy.decide(&r))
}

#[test]
fn a_ten_megabyte_message_is_decided() {
    // Words, a card number, a `but` and emoji, repeated to 10 MB.
    let unit = "talk to a human but this is not great 😡 4111 1111 1111 1111 ";
    let text = unit.repeat(10 * 1024 * 1024 / unit.len());
    let request = serde_json::json!({
        "facts": {"confidence": 0.9},
        "messages": [{"from": "customer", "text": text, "at": "2026-11-24T15:00:00Z"}]
    });
    let d = decide_json(&acme(), &request.to_string()).unwrap();
    assert_eq!(d.rule.as_deref(), Some("asks_for_human"));
    let shown = serde_json::to_string(&d).unwrap();
    assert!(!shown.contains("4111 1111 1111 1111"));
}

#[test]
fn a_hundred_thousand_messages_are_decided() {
    let messages: Vec<serde_json::Value> = (0..100_000)
        .map(|i| {
            serde_json::json!({
                "from": if i % 2 == 0 { "customer" } else { "bot" },
                "text": format!("message number {} about my order", i % 7),
                "at": jiff::Timestamp::from_second(1_795_000_000 + i).unwrap().to_string(),
            })
        })
        .collect();
    let request = serde_json::json!({"facts": {"confidence": 0.9}, "messages": messages});
    let d = decide_json(&acme(), &request.to_string()).unwrap();
    // Every earlier customer message with the same number repeats the latest.
    assert_eq!(d.rule.as_deref(), Some("frustrated"));
}

#[test]
fn more_messages_than_the_limit_are_refused_with_the_limit() {
    let message =
        serde_json::json!({"from": "customer", "text": "hi", "at": "2026-11-24T15:00:00Z"});
    let messages = vec![message; baton::limits::MAX_MESSAGES + 1];
    let request = serde_json::json!({"facts": {"confidence": 0.9}, "messages": messages});
    let e = decide_json(&acme(), &request.to_string()).unwrap_err();
    assert_eq!(e.path, "messages");
    assert_eq!(
        e.message,
        "100001 messages, more than the 100000 a request may hold"
    );
}

#[test]
fn signals_read_the_first_64_kib_of_a_message() {
    let filler = "ok ".repeat(baton::limits::MAX_SIGNAL_BYTES / 3 + 10);
    let request = |text: String| {
        serde_json::json!({
            "facts": {"confidence": 0.9},
            "messages": [{"from": "customer", "text": text, "at": "2026-11-24T15:00:00Z"}]
        })
        .to_string()
    };
    let early = decide_json(&acme(), &request(format!("talk to a human {filler}"))).unwrap();
    assert_eq!(early.rule.as_deref(), Some("asks_for_human"));
    // Past the first 64 KiB a request for a person is not read, but the transcript
    // still holds the whole message.
    let late = decide_json(&acme(), &request(format!("{filler} talk to a human"))).unwrap();
    assert_eq!(late.rule, None);
    // Cut inside a character, the text still ends at a boundary.
    let wide = "é".repeat(baton::limits::MAX_SIGNAL_BYTES);
    decide_json(&acme(), &request(wide)).unwrap();
}

#[test]
fn json_nested_a_hundred_thousand_deep_is_refused() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = decide_json(&acme(), &text).unwrap_err();
    assert!(e.message.contains("nests more than 128 levels"), "{e}");
    let text = format!(
        "{{\"facts\": {}1{}}}",
        "{\"a\":".repeat(100_000),
        "}".repeat(100_000)
    );
    let e = decide_json(&acme(), &text).unwrap_err();
    assert!(e.message.contains("nests more than 128 levels"), "{e}");
}

#[test]
fn numbers_out_of_range_and_not_numbers_are_refused() {
    let policy = acme();
    for (text, path, message) in [
        (
            r#"{"facts": {"confidence": 1e400}}"#,
            "",
            "number out of range",
        ),
        (
            r#"{"facts": {"confidence": "NaN%"}}"#,
            "facts.confidence",
            "found \"NaN%\"",
        ),
        (
            r#"{"facts": {"confidence": "inf%"}}"#,
            "facts.confidence",
            "found \"inf%\"",
        ),
        (
            r#"{"facts": {"confidence": 0.9, "failed_attempts": 1e308}}"#,
            "",
            "",
        ),
        (r#"{"facts": {"confidence": 0.9"#, "", "not valid JSON"),
    ] {
        match decide_json(&policy, text) {
            Err(e) => {
                assert_eq!(e.path, path, "{text}");
                assert!(e.message.contains(message), "{text}: {e}");
            }
            // A very large but finite number is a number.
            Ok(d) => assert!(text.contains("1e308"), "{text} decided as {d:?}"),
        }
    }
}

#[test]
fn a_percent_is_from_0_to_100_percent_either_way_it_is_written() {
    let policy = baton::Policy::compile(
        "p.baton",
        "policy \"p\"\nfact confidence: percent\nteam t { skills general }\n\
         rule r: context {\n  when confidence >= 0%\n  escalate to t\n}\n\
         handoff { include facts }\n",
    )
    .unwrap();
    let read = |value: &str| {
        let text = format!(r#"{{"facts": {{"confidence": {value}}}}}"#);
        decide_json(&policy, &text).map(|d| d.context.unwrap().facts.unwrap()["confidence"].clone())
    };
    for (value, fraction) in [
        ("0", 0.0),
        ("1", 1.0),
        ("0.5", 0.5),
        (r#""0%""#, 0.0),
        (r#""100%""#, 1.0),
        (r#""12.5%""#, 0.125),
    ] {
        assert_eq!(read(value).unwrap(), fraction, "{value}");
    }
    for value in ["1.5", "-0.1", r#""150%""#, r#""100.5%""#, r#""-5%""#] {
        let e = read(value).unwrap_err();
        assert_eq!(e.path, "facts.confidence", "{value}");
        assert!(e.message.contains("a fraction from 0 to 1"), "{value}: {e}");
    }
}

#[test]
fn control_characters_and_direction_marks_in_text() {
    let policy = acme();
    let text = "\u{202e}talk to a human\u{200f}\u{0}\u{7}\u{1b}[31m\r\n\t\u{feff}";
    let request = serde_json::json!({
        "facts": {"confidence": 0.9},
        "messages": [{"from": "customer", "text": text, "at": "2026-11-24T15:00:00Z"}]
    });
    let d = decide_json(&policy, &request.to_string()).unwrap();
    assert_eq!(d.rule.as_deref(), Some("asks_for_human"));
    // The transcript keeps the text as sent, and JSON carries it back intact.
    let shown = serde_json::to_string(&d).unwrap();
    let back: baton::Decision = serde_json::from_str(&shown).unwrap();
    let transcript = back.context.unwrap().transcript.unwrap();
    assert_eq!(&*transcript[0].text, text);
    // A mark between two words breaks the phrase, as punctuation does.
    let request = serde_json::json!({
        "facts": {"confidence": 0.9},
        "messages": [{"from": "customer", "text": "talk to a\u{200f} human", "at": "2026-11-24T15:00:00Z"}]
    });
    let d = decide_json(&policy, &request.to_string()).unwrap();
    assert_eq!(d.rule, None);
}

#[test]
fn messages_out_of_order_and_now_before_them_are_refused() {
    let policy = acme();
    let e = decide_json(
        &policy,
        r#"{"facts": {"confidence": 0.9}, "messages": [
            {"from": "customer", "text": "a", "at": "2026-11-24T15:00:10Z"},
            {"from": "customer", "text": "b", "at": "2026-11-24T15:00:00Z"}]}"#,
    )
    .unwrap_err();
    assert_eq!(e.path, "messages[1].at");
    let e = decide_json(
        &policy,
        r#"{"now": "2026-11-24T14:00:00Z", "facts": {"confidence": 0.9}, "messages": [
            {"from": "customer", "text": "a", "at": "2026-11-24T15:00:00Z"}]}"#,
    )
    .unwrap_err();
    assert_eq!(e.path, "now");
}

/// Any JSON at all, shaped like a request or not: a decision or a clear error, never a
/// panic.
#[test]
fn arbitrary_json_requests_never_panic() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    use serde_json::{Value, json};

    let text = prop_oneof![
        Just("talk to a human".to_string()),
        Just("4111 1111 1111 1111 order #12 a@b.co $5".to_string()),
        "\\PC{0,40}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        text.clone().prop_map(Value::from),
        Just(json!("2026-11-24T15:00:00Z")),
        Just(json!("90%")),
        Just(json!(0.9)),
        Just(json!("customer")),
    ];
    let value = leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("facts".to_string()),
                        Just("messages".to_string()),
                        Just("from".to_string()),
                        Just("text".to_string()),
                        Just("at".to_string()),
                        Just("confidence".to_string()),
                        Just("tier".to_string()),
                        Just("teams".to_string()),
                        Just("available".to_string()),
                        Just("now".to_string()),
                        "[a-z]{1,6}",
                    ],
                    inner
                ),
                0..5
            )
            .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    });
    // Mostly well-formed requests with arbitrary parts, some anything at all.
    let request = prop_oneof![
        3 => (prop_oneof![2 => Just(json!(0.9)), 1 => Just(json!("85%")), 1 => value.clone()], prop::collection::vec((prop_oneof![Just("customer"), Just("bot"), Just("agent"), Just("robot")], text, 0i64..100_000), 0..5))
            .prop_map(|(facts, messages)| {
                let messages: Vec<Value> = messages
                    .into_iter()
                    .map(|(from, text, at)| json!({"from": from, "text": text,
                        "at": jiff::Timestamp::from_second(1_795_000_000 + at).unwrap().to_string()}))
                    .collect();
                json!({"facts": {"confidence": facts}, "messages": messages})
            }),
        1 => value,
    ];
    let policy = acme();
    let decided = std::cell::Cell::new(0);
    let mut runner = TestRunner::new(Config {
        cases: 3000,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&request, |request| {
            let text = request.to_string();
            match baton::Request::from_json(&text) {
                Ok(r) => match policy.decide(&r) {
                    Ok(d) => {
                        decided.set(decided.get() + 1);
                        prop_assert!(
                            !serde_json::to_string(&d)
                                .unwrap()
                                .contains("4111 1111 1111 1111")
                        )
                    }
                    Err(e) => prop_assert!(reported_in_bounds(&e), "{e:?}"),
                },
                Err(e) => {
                    prop_assert!(reported_in_bounds(&e), "{e:?}");
                    // Read for the policy, the shape's errors come first, then the
                    // policy's, within the same bounds.
                    let for_policy = policy.read_request(&text).unwrap_err();
                    prop_assert!(reported_in_bounds(&for_policy), "{for_policy:?}");
                    prop_assert_eq!(&for_policy.path, &e.path);
                }
            }
            Ok(())
        })
        .unwrap();
    // Some requests get through to a decision, so deciding was exercised too.
    assert!(decided.get() > 100, "{} decided", decided.get());
}

/// A refusal says something, reports at most `MAX_REQUEST_ERRORS` errors, each once and
/// none nested, and its message says how many others there are.
fn reported_in_bounds(e: &baton::RequestError) -> bool {
    let all: Vec<_> = e.all().collect();
    let mut places: Vec<(&str, &str)> = all
        .iter()
        .map(|e| (e.path.as_str(), e.message.as_str()))
        .collect();
    places.sort_unstable();
    places.dedup();
    let others = all.len() - 1 + e.more;
    all.len() <= baton::limits::MAX_REQUEST_ERRORS
        && places.len() == all.len()
        && all.iter().all(|e| !e.message.is_empty())
        && e.also.iter().all(|a| a.also.is_empty() && a.more == 0)
        && match others {
            0 => !e.to_string().contains(" more error"),
            1 => e.to_string().ends_with(" (and 1 more error)"),
            n => e.to_string().ends_with(&format!(" (and {n} more errors)")),
        }
}

#[test]
fn hostile_requests_through_the_command_line() {
    let big = "talk to a human but this is not great 😡 4111 1111 1111 1111 ".repeat(170_000);
    let cases: Vec<(String, i32, &str)> = vec![
        // Truncated JSON.
        (
            r#"{"facts": {"confidence": 0.9}, "messages": [{"from": "cust"#.to_string(),
            1,
            "not valid JSON",
        ),
        // Nested 100,000 deep.
        ("[".repeat(100_000) + &"]".repeat(100_000), 1, "nests more than 128 levels"),
        // A 10 MB message: decided.
        (
            serde_json::json!({"facts": {"confidence": 0.9}, "messages": [{"from": "customer", "text": big, "at": "2026-11-24T15:00:00Z"}]}).to_string(),
            0,
            "\"rule\": \"asks_for_human\"",
        ),
        // Control characters and right-to-left marks: decided.
        (
            serde_json::json!({"facts": {"confidence": 0.9}, "messages": [{"from": "customer", "text": "\u{202e}talk to a human\u{0}\u{7}\u{200f}", "at": "2026-11-24T15:00:00Z"}]}).to_string(),
            0,
            "\"rule\": \"asks_for_human\"",
        ),
    ];
    for (request, code, expected) in cases {
        let out = crate::baton_with_stdin(&["eval", "rules-examples/acme.baton", "-"], &request);
        let shown = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            out.status.code(),
            Some(code),
            "{}",
            &shown[..shown.len().min(300)]
        );
        assert!(
            shown.contains(expected),
            "{}",
            &shown[..shown.len().min(300)]
        );
        assert!(!shown.contains("4111 1111 1111 1111"));
    }
}

/// A policy being typed: the shipped examples and the syntax-error fixtures, each edited
/// at random (the signs and words people mistype, characters of several bytes, pieces
/// cut out). Checking never panics, and every label of every problem lies on the text,
/// at character boundaries, so that each one can be drawn.
#[test]
fn edited_policies_are_checked_never_panic() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    let root = crate::root();
    let mut sources: Vec<String> = Vec::new();
    for dir in ["rules-examples", "tests/fixtures/check/err"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "baton"))
            .collect();
        paths.sort();
        for p in paths {
            if let Ok(text) = std::fs::read_to_string(&p) {
                sources.push(text);
            }
        }
    }
    assert!(sources.len() > 20, "the examples and fixtures are there");

    const PIECES: &[&str] = &[
        "\"",
        "'",
        ":",
        ";",
        ",",
        "-",
        "=",
        "=>",
        "<>",
        "&&",
        "||",
        "!",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "|",
        "*",
        "\n",
        " ",
        "#",
        "é",
        "ﻻ",
        "“",
        "\u{202e}",
        "when ",
        "and ",
        "rule ",
        "hours ",
        "fact ",
        "by rule ",
        "mentions \"",
        "9am",
        "Monday",
        "to ",
    ];
    // An edit: where (a fraction of the text), what to insert, how many bytes to cut.
    let edit = (0.0..1.0f64, prop::sample::select(PIECES), 0usize..12);
    let strategy = (0..sources.len(), prop::collection::vec(edit, 1..4));
    let mut runner = TestRunner::new(Config {
        cases: 4000,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&strategy, |(which, edits)| {
            let mut text = sources[which].clone();
            for (at, piece, cut) in edits {
                let mut i = (at * text.len() as f64) as usize;
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                let mut end = (i + cut).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(i..end, piece);
            }
            let diagnostics = baton::check_source("edited", &text);
            for problem in diagnostics.problems() {
                for label in problem.labels().into_iter().flatten() {
                    let (start, end) = (label.offset(), label.offset() + label.len());
                    prop_assert!(end <= text.len(), "label past the end: {label:?}");
                    prop_assert!(
                        text.is_char_boundary(start) && text.is_char_boundary(end),
                        "label inside a character: {label:?}"
                    );
                }
                // Every problem can be shown: its message, and its help when it has one.
                prop_assert!(!problem.to_string().is_empty());
            }
            let _ = format!("{diagnostics}");
            Ok(())
        })
        .unwrap();
}

/// A long value quoted by an error is cut after 60 characters, but never between a
/// letter and the marks written on it.
#[test]
fn a_long_value_is_cut_between_letters() {
    let policy = acme();
    for (value, shown) in [
        // `é` typed as `e` and an accent, the 60th character.
        (
            format!("{}re\u{301}sume\u{301}", "x".repeat(58)),
            format!("{}re\u{301}…", "x".repeat(58)),
        ),
        // A Devanagari letter and its vowel sign (`ते`).
        (
            format!("{}नमस्ते मदद", "x".repeat(55)),
            format!("{}नमस्ते…", "x".repeat(55)),
        ),
        (
            format!("{}ab", "x".repeat(59)),
            format!("{}a…", "x".repeat(59)),
        ),
    ] {
        let text = serde_json::json!({"facts": {"confidence": value}}).to_string();
        let e = decide_json(&policy, &text).unwrap_err();
        assert!(
            e.message.ends_with(&format!("found \"{shown}\"")),
            "{value}: {e}"
        );
    }
}
