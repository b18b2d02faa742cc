//! The shipped examples decide as their own `test` blocks say, and their tests reach and
//! decide every rule.

use crate::root;

#[test]
fn every_example_passes_its_own_tests_and_covers_every_rule() {
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
        let results = policy.run_tests(None);
        assert_eq!(results.len(), model.tests.len());
        total += results.len();
        for result in &results {
            let test = &model.tests[result.test].name;
            match &result.decision {
                Ok(_) if result.passed() => {}
                Ok(_) => failures.push(format!(
                    "{name}: {test:?}: {}",
                    result.mismatches.join("; ")
                )),
                Err(e) => failures.push(format!("{name}: {test:?}: refused: {e}")),
            }
        }
        let coverage = baton::eval::testing::coverage(model, &results);
        for (rule, (reached, decided)) in model
            .rules
            .iter()
            .zip(coverage.reached.iter().zip(&coverage.decided))
        {
            assert!(
                *reached && *decided,
                "{name}: no test decides rule `{}`",
                rule.name
            );
        }
    }
    assert!(total >= 20, "the examples have {total} tests");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
