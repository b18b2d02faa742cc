//! Policy text through parse, check, lints and compile; a policy that compiles runs its
//! own tests. Nothing may panic, and every diagnostic's labels lie within the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let diagnostics = baton::check_source("fuzz.baton", text);
    let index = baton::LineIndex::new(text);
    for problem in diagnostics.problems() {
        let _ = problem.to_string();
        for label in baton::labels(problem.as_ref()) {
            assert!(
                label.offset() + label.len() <= text.len(),
                "a label outside the text"
            );
            let _ = index.line_col(label.offset());
        }
    }
    if let Ok(policy) = baton::Policy::compile("fuzz.baton", text) {
        let _ = policy.table().to_text();
        for result in policy.run_tests(None) {
            if let Ok(decision) = result.decision {
                let _ = serde_json::to_string(&decision);
            }
        }
    }
});
