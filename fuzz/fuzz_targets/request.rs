//! Arbitrary request JSON through `decide` on each shipped example: a decision or a
//! clear error, never a panic; a decision serializes.
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
    let Ok(request) = baton::Request::from_json(text) else {
        return;
    };
    for policy in POLICIES.iter() {
        match policy.decide(&request) {
            Ok(decision) => {
                serde_json::to_string(&decision).expect("a decision serializes");
            }
            Err(e) => assert!(!e.message.is_empty()),
        }
    }
});
