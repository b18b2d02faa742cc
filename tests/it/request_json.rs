//! `Request::from_json` reads a well-formed request straight from its text and anything
//! else as a JSON value first (`src/eval/read.rs`). Whichever way it goes, a text that is
//! JSON must give exactly what `Request::from_value` gives for its value: the same
//! request, or the same error.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Values for one key of a request: those a request may hold, then wrong ones, in the
/// forms the two readers could tell apart (escapes, `null`, arrays for objects, numbers
/// of every kind, keys given twice).
struct Choices {
    right: &'static [&'static str],
    wrong: &'static [&'static str],
}

const NOW: Choices = Choices {
    right: &[
        r#""2026-11-24T15:00:00Z""#,
        r#""2026-11-24T10:00:00-05:00""#,
        r#""2026-11-24T15:00:00\u005a""#,
        "null",
    ],
    wrong: &[r#""yesterday""#, "1764000000", "[]"],
};
const FACTS: Choices = Choices {
    right: &[
        "{}",
        r#"{"confidence": 0.9, "tier": "vip"}"#,
        r#"{"intent": "order\u005fstatus", "failed_attempts": 2, "failed_attempts": 3}"#,
        r#"{"escalate_button": true, "nested": {"a": [1, {"b": null}]}}"#,
    ],
    wrong: &[r#"{"confidence": 1e400}"#, "null", "[]", r#""facts""#],
};
const MESSAGE: Choices = Choices {
    right: &[
        r#"{"from": "customer", "text": "where is my order #4829?", "at": "2026-11-24T14:59:00Z"}"#,
        r#"{"at": "2026-11-24T14:59:30Z", "text": "Let me check.", "from": "bot"}"#,
        r#"{"from": "agent", "text": "caf\u00e9 \"quoted\" 4111 1111 1111 1111", "at": "2026-11-24T09:59:45-05:00"}"#,
        r#"{"from": "customer", "text": "", "at": "2026-11-24T14:59:00Z"}"#,
        r#"{"from": "customer", "text": "a", "text": "b", "at": "2026-11-24T14:59:00Z"}"#,
    ],
    wrong: &[
        r#"{"from": "robot", "text": "hi", "at": "2026-11-24T14:59:00Z"}"#,
        r#"{"from": "customer", "text": "hi"}"#,
        r#"{"from": "customer", "text": 42, "at": "2026-11-24T14:59:00Z"}"#,
        r#"{"from": "customer", "text": "hi", "at": "2026-13-24T14:59:00Z"}"#,
        r#"{"from": "customer", "text": "hi", "at": "2026-11-24T14:59:00Z", "mood": "sad"}"#,
        r#"["customer", "hi", "2026-11-24T14:59:00Z"]"#,
        "null",
    ],
};
const ACTION: Choices = Choices {
    right: &[r#""looked_up_order""#, r#""re\"sent\n""#],
    wrong: &["7", "null"],
};
const TEAM: Choices = Choices {
    right: &[
        "{}",
        r#"{"available": 2, "waiting": 7}"#,
        r#"{"waiting": 0}"#,
        r#"{"available": 1, "available": 2}"#,
    ],
    wrong: &[
        r#"{"available": null}"#,
        r#"{"available": 2.0}"#,
        r#"{"available": -1}"#,
        r#"{"available": 4294967296}"#,
        r#"{"seats": 1}"#,
        "[2, 7]",
    ],
};
const TEAM_NAME: Choices = Choices {
    right: &[r#""tier1""#, r#""billing""#, r#""b\u0069lling""#],
    wrong: &[],
};
const UNKNOWN_KEY: Choices = Choices {
    right: &[],
    wrong: &[r#""fact""#, r#""Messages""#, r#""now ""#],
};

impl Choices {
    /// A right value three times in four, when there are some.
    fn pick(&self, v: usize) -> String {
        let all = || self.right.iter().chain(self.wrong);
        let n = self.right.len() + self.wrong.len();
        let chosen = if !v.is_multiple_of(4) && !self.right.is_empty() {
            self.right[v / 4 % self.right.len()]
        } else {
            all().nth(v / 4 % n).copied().unwrap_or("null")
        };
        chosen.to_string()
    }
}

/// One member of the request object: which key (0 to 5, 5 an unknown one) and the
/// choices for its value.
fn member(key: usize, picks: &[usize]) -> String {
    let pick = |list: &Choices, k: usize| list.pick(picks.get(k).copied().unwrap_or(0));
    let count = picks.first().copied().unwrap_or(0) % 4;
    match key {
        0 => format!(r#""now": {}"#, pick(&NOW, 1)),
        1 => format!(r#""facts": {}"#, pick(&FACTS, 1)),
        2 if count == 3 => r#""messages": null"#.to_string(),
        2 => {
            let list: Vec<String> = (0..count + 1).map(|k| pick(&MESSAGE, k + 1)).collect();
            format!(r#""messages": [{}]"#, list.join(", "))
        }
        3 if count == 3 => r#""actions": {}"#.to_string(),
        3 => {
            let list: Vec<String> = (0..count).map(|k| pick(&ACTION, k + 1)).collect();
            format!(r#""actions": [{}]"#, list.join(", "))
        }
        4 if count == 3 => r#""teams": []"#.to_string(),
        4 => {
            let list: Vec<String> = (0..count)
                .map(|k| format!("{}: {}", pick(&TEAM_NAME, k + 1), pick(&TEAM, k + 2)))
                .collect();
            format!(r#""teams": {{{}}}"#, list.join(", "))
        }
        _ => format!("{}: 1", pick(&UNKNOWN_KEY, 1)),
    }
}

#[test]
fn json_requests_read_as_their_json_values_read() {
    // Mostly the keys a request has, each with its own choices; sometimes a key twice,
    // an unknown one, or one left out.
    let members = prop::collection::vec((0usize..6, prop::collection::vec(0usize..256, 6)), 0..7);
    let wrapper = 0usize..4;
    let mut runner = TestRunner::new(Config {
        cases: 20_000,
        failure_persistence: None,
        ..Config::default()
    });
    let taken = std::cell::Cell::new(0);
    runner
        .run(&(members, wrapper), |(members, wrapper)| {
            let mut body: Vec<String> =
                members.iter().map(|(k, picks)| member(*k, picks)).collect();
            if wrapper == 3 {
                // Facts, which every request has, first.
                body.insert(0, member(1, &[0, members.len()]));
            }
            let text = match wrapper {
                // An array of the members' values is no request.
                0 => {
                    let values: Vec<&str> = body
                        .iter()
                        .map(|m| m.split_once(": ").map_or(m.as_str(), |(_, v)| v))
                        .collect();
                    format!("[{}]", values.join(", "))
                }
                _ => format!("{{{}}}", body.join(", ")),
            };
            let read = baton::Request::from_json(&text);
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
                // Not JSON that `serde_json` takes (`1e400`): refused as such.
                let e = read.expect_err("not JSON");
                prop_assert!(
                    e.path.is_empty() && e.message.starts_with("not valid JSON"),
                    "{}",
                    e
                );
                return Ok(());
            };
            let checked = baton::Request::from_value(&value);
            prop_assert_eq!(&read, &checked, "{}", text);
            // serde's way in (a request inside a larger message) takes the same requests
            // and refuses the others with the same path and message.
            let through_serde = serde_json::from_str::<baton::Request>(&text);
            match (&checked, through_serde) {
                (Ok(request), Ok(read)) => prop_assert_eq!(request, &read, "{}", text),
                (Err(e), Err(serde)) => prop_assert!(
                    serde.to_string().starts_with(&e.to_string()),
                    "{} refused with {:?}, not {:?}",
                    text,
                    serde.to_string(),
                    e.to_string()
                ),
                (expected, got) => {
                    prop_assert!(
                        false,
                        "{}: {:?} through serde, {:?} checked",
                        text,
                        got,
                        expected
                    )
                }
            }
            if read.is_ok() {
                taken.set(taken.get() + 1);
            }
            Ok(())
        })
        .unwrap();
    // The generator reaches requests that are taken, not only refusals.
    let taken = taken.get();
    assert!(taken > 2_000, "{taken} requests taken");
}

/// Requests as `serde_json` writes them (the corpus of the decide bench goes this way)
/// and as people write them, with every key, read back the same.
#[test]
fn written_requests_read_back() {
    let text =
        std::fs::read_to_string(crate::root().join("rules-examples/requests/acme-corpus.jsonl"))
            .expect("the shipped corpus");
    let mut count = 0;
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        let checked = baton::Request::from_value(&value).unwrap();
        assert_eq!(baton::Request::from_json(line).unwrap(), checked);
        let again = serde_json::to_string(&checked).unwrap();
        assert_eq!(baton::Request::from_json(&again).unwrap(), checked);
        let through_serde: baton::Request = serde_json::from_str(&again).unwrap();
        assert_eq!(through_serde, checked);
        count += 1;
    }
    assert_eq!(count, 200);
}

/// A request inside a bot's own message, read with serde: checked as `from_json` checks
/// it, the error naming the path inside the request.
#[test]
fn a_request_inside_a_larger_message_is_checked_through_serde() {
    #[derive(serde::Deserialize)]
    struct Envelope {
        conversation: String,
        request: baton::Request,
    }
    let good = r#"{"conversation": "c-17", "request": {"facts": {"confidence": 0.9},
        "messages": [{"from": "customer", "text": "hi", "at": "2026-11-24T15:00:00Z"}]}}"#;
    let envelope: Envelope = serde_json::from_str(good).unwrap();
    assert_eq!(envelope.conversation, "c-17");
    assert_eq!(envelope.request.messages.len(), 1);

    let robot = r#"{"conversation": "c-17", "request": {"facts": {},
        "messages": [{"from": "robot", "text": "hi", "at": "2026-11-24T15:00:00Z"}]}}"#;
    let e = serde_json::from_str::<Envelope>(robot).err().unwrap();
    assert!(
        e.to_string().starts_with(
            r#"messages[0].from: expected "customer", "bot" or "agent", found "robot""#
        ),
        "{e}"
    );
    // An array in place of the request's object, which serde's derived readers take as
    // the fields in order, is refused.
    let array = r#"{"conversation": "c-17", "request": [null, {}]}"#;
    let e = serde_json::from_str::<Envelope>(array).err().unwrap();
    assert!(
        e.to_string()
            .starts_with("expected a JSON object with `facts`, found a list"),
        "{e}"
    );
    // The help comes along, in brackets.
    let late = r#"{"conversation": "c", "request": {"facts": {}, "now": "yesterday"}}"#;
    let e = serde_json::from_str::<Envelope>(late).err().unwrap();
    assert!(e.to_string().contains("(write the date, `T`"), "{e}");
}

#[test]
fn a_time_in_another_form_gets_the_time_it_most_likely_is() {
    let help = |at: &str| {
        let text = format!(
            r#"{{"facts": {{}}, "messages": [{{"from": "customer", "text": "hi", "at": {at}}}]}}"#
        );
        let e = baton::Request::from_json(&text).unwrap_err();
        assert_eq!(e.path, "messages[0].at", "{at}");
        e.help.unwrap_or_default()
    };
    assert!(
        help(r#""2026-11-24T15:00:00""#).contains(r#"write "2026-11-24T15:00:00Z" if it is UTC"#)
    );
    assert!(help(r#""2026-11-24""#).contains("a date alone is not a time"));
    assert!(help("1764000000").contains(r#"Unix time in seconds, write "2025-11-24T16:00:00Z""#));
    assert!(help("1764000000001").contains(r#"in milliseconds, write "2025-11-24T16:00:00.001Z""#));
    assert!(
        help(r#""Tue, 24 Nov 2026 10:00:00 -0500""#)
            .contains(r#"the same time written "2026-11-24T15:00:00Z""#)
    );
    assert!(help(r#""yesterday""#).starts_with("write the date, `T`, the time"));
    // A number that reads as a card number is masked in the error, and not given back
    // as a time either (1764000000000 passes the Luhn check).
    let e = baton::Request::from_json(r#"{"facts": {}, "now": 1764000000000}"#).unwrap_err();
    assert!(e.message.ends_with("found **** **** **** 0000"), "{e}");
    assert!(!e.help.unwrap_or_default().contains("2025"));
}
