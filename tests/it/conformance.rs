//! The conformance requests of the design (`../shared/design/conformance/acme.json`):
//! each case's decision must have the listed keys equal, and each bad request must be
//! refused by `baton eval` with exit 1 and a message naming what is wrong.

use serde_json::Value;

use crate::root;

fn conformance() -> Option<Value> {
    let path = root().join("../shared/design/conformance/acme.json");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(serde_json::from_str(&text).expect("the conformance file is JSON")),
        Err(e) => {
            eprintln!("skipped: {} cannot be read ({e})", path.display());
            None
        }
    }
}

/// The value at a dotted key (`context.entities.order_numbers`).
fn at<'a>(decision: &'a Value, key: &str) -> Option<&'a Value> {
    key.split('.').try_fold(decision, |v, part| v.get(part))
}

#[test]
fn every_case_decides_as_the_design_says() {
    let Some(spec) = conformance() else { return };
    let policy_path = root().join(spec["policy"].as_str().unwrap());
    let source = std::fs::read_to_string(&policy_path).unwrap();
    let policy = baton::Policy::compile("acme.baton", &source).unwrap();
    let mut failures = Vec::new();
    let cases = spec["cases"].as_array().unwrap();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let request = baton::Request::from_value(&case["request"])
            .unwrap_or_else(|e| panic!("{name}: the request is refused: {e}"));
        let decision = match policy.decide(&request) {
            Ok(d) => serde_json::to_value(&d).unwrap(),
            Err(e) => {
                failures.push(format!("{name}: refused: {e}"));
                continue;
            }
        };
        let expect = case["expect"].as_object().unwrap();
        for (key, expected) in expect.iter().filter(|(k, _)| *k != "never_contains") {
            let got = at(&decision, key);
            if got != Some(expected) {
                failures.push(format!("{name}: `{key}` is {got:?}, expected {expected}"));
            }
        }
        let text = decision.to_string();
        let secrets = case.get("never_contains").or(expect.get("never_contains"));
        for secret in secrets.and_then(Value::as_array).into_iter().flatten() {
            let secret = secret.as_str().unwrap();
            if text.contains(secret) {
                failures.push(format!("{name}: the decision contains `{secret}`"));
            }
        }
    }
    assert!(cases.len() >= 19, "the conformance file lists its cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bad_requests_are_refused_by_baton_eval() {
    let Some(spec) = conformance() else { return };
    let policy = root().join(spec["policy"].as_str().unwrap());
    for case in spec["bad"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let policy = policy.to_string_lossy();
        let out = crate::baton_with_stdin(&["eval", &policy, "-"], &case["request"].to_string());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(out.stdout.is_empty(), "{name}: no decision is printed");
        for mention in case["error_mentions"].as_array().unwrap() {
            let mention = mention.as_str().unwrap();
            assert!(
                stderr.contains(mention),
                "{name}: `{mention}` is not in {stderr:?}"
            );
        }
    }
}
