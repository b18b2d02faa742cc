//! The shipped examples decide as their own `test` blocks say.

use crate::root;

#[test]
fn every_example_passes_its_own_tests() {
    let mut total = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(root().join("rules-examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "baton") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let policy = baton::Policy::compile(&name, &source)
            .unwrap_or_else(|d| panic!("{name} does not compile: {:?}", d.problems()));
        let model = policy.model().unwrap();
        assert!(!model.tests.is_empty(), "{name} has tests");
        for test in &model.tests {
            total += 1;
            let request = baton::eval::testing::request_for(model, test);
            match policy.decide(&request) {
                Ok(decision) => {
                    let wrong = baton::eval::testing::mismatches(model, test, &decision);
                    if !wrong.is_empty() {
                        failures.push(format!("{name}: {:?}: {}", test.name, wrong.join("; ")));
                    }
                }
                Err(e) => failures.push(format!("{name}: {:?}: refused: {e}", test.name)),
            }
        }
    }
    assert!(total >= 20, "the examples have {total} tests");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
