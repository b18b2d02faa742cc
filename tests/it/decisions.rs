//! Snapshots of the decisions each shipped example makes for the requests of its own
//! tests, whole (context packet included), so that any change of behaviour shows up as
//! a reviewed diff.

use crate::root;

#[test]
fn decisions_of_each_example() {
    for example in ["acme", "bank", "telecom", "software"] {
        let source =
            std::fs::read_to_string(root().join(format!("rules-examples/{example}.baton")))
                .unwrap();
        let policy = baton::Policy::compile(example, &source).unwrap();
        let model = policy.model().unwrap();
        let mut all = Vec::new();
        for test in &model.tests {
            let request = baton::eval::testing::request_for(model, test);
            let decision = policy.decide(&request).unwrap();
            all.push(serde_json::json!({
                "test": test.name,
                "request": request,
                "decision": decision,
            }));
        }
        let text = serde_json::to_string_pretty(&all).unwrap();
        insta::assert_snapshot!(format!("decisions_{example}"), text);
    }
}
