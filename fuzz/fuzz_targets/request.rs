//! Arbitrary request JSON: read as its JSON value reads (and as serde's `Deserialize`
//! reads it), and as each shipped example reads it (`Policy::read_request`), then
//! through `decide` on each: a decision or a clear
//! error (every error of the request, at most `MAX_REQUEST_ERRORS`), never a panic; a
//! decision serializes; and what `explain` shows of it (every
//! rule's tests, the messages `repeats` and `bot_loops` counted, the routing) agrees
//! with it.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

static POLICIES: LazyLock<Vec<baton::Policy>> = LazyLock::new(|| {
    [
        include_str!("../../rules-examples/acme.baton"),
        include_str!("../../rules-examples/bank.baton"),
        include_str!("../../rules-examples/telecom.baton"),
        include_str!("../../rules-examples/software.baton"),
    ]
    .iter()
    .map(|source| baton::Policy::compile("example.baton", source).expect("the examples compile"))
    .collect()
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let read = baton::Request::from_json(text);
    // A well-formed request is read straight from its text, anything else as a JSON
    // value: either way, what a JSON text gives is what its value gives; and serde's
    // way in takes the same requests.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        assert_eq!(read, baton::Request::from_value(&value));
        let through_serde = serde_json::from_str::<baton::Request>(text);
        assert_eq!(read.as_ref().ok(), through_serde.as_ref().ok());
    }
    let request = match read {
        Ok(request) => request,
        Err(e) => {
            reported_in_bounds(&e);
            // Read for a policy, the same refusal, with what the policy finds wrong in
            // the parts that could be read after the shape's errors.
            for policy in POLICIES.iter() {
                let for_policy = policy.read_request(text).expect_err("its shape is wrong");
                reported_in_bounds(&for_policy);
                assert_eq!(for_policy.path, e.path);
                assert_eq!(for_policy.message, e.message);
            }
            return;
        }
    };
    for policy in POLICIES.iter() {
        match policy.decide(&request) {
            Ok(decision) => {
                serde_json::to_string(&decision).expect("a decision serializes");
                let evaluation = policy.evaluate(&request).expect("it decided once");
                assert_eq!(evaluation.decision, decision);
                let explainer = policy
                    .explainer(&request, &evaluation)
                    .expect("compiled from source");
                for (rule, &matched) in evaluation.matched.iter().enumerate() {
                    explainer.tests_seen(rule);
                    let (held, _) = explainer.reasons(rule).expect("a rule of the policy");
                    assert_eq!(held, matched, "a condition settled as the table decided it");
                }
                explainer.because();
                for (signal, value) in policy.table().signals.iter().zip(&evaluation.signals) {
                    explainer.signal_detail(*signal);
                    // `repeats` and `bot_loops` as explain counts them, message by message
                    // with whole word sets, are what `decide` computed its own way.
                    if let Some(counted) = explainer.counted_messages(*signal) {
                        assert_eq!(counted.len() as f64, *value, "{signal:?}");
                    }
                }
                if let Some(routing) = explainer.routing() {
                    let chosen = routing.candidates.iter().find(|c| c.reachable);
                    let named = chosen.or(routing.candidates.first());
                    assert_eq!(decision.team.as_deref(), named.map(|c| c.team.as_str()));
                }
            }
            Err(e) => reported_in_bounds(&e),
        }
    }
});

/// A refusal reports at most `MAX_REQUEST_ERRORS` errors, none empty, none nested.
fn reported_in_bounds(e: &baton::RequestError) {
    assert!(e.all().count() <= baton::limits::MAX_REQUEST_ERRORS);
    assert!(e.all().all(|e| !e.message.is_empty()));
    assert!(e.also.iter().all(|a| a.also.is_empty() && a.more == 0));
}
