//! `baton test`: each test's result, failures shown with what was expected and what
//! happened on the test's source, `--filter`, `--coverage`, and the machine formats.

use crate::{baton, root, scratch, stderr, stdout};

/// acme with the expectation of its last test made wrong.
fn acme_with_one_wrong_test() -> std::path::PathBuf {
    let dir = scratch("baton-test-wrong");
    std::fs::write(dir.join("acme.baton"), wrong_acme()).unwrap();
    dir
}

/// The text of acme with the expectation of its last test made wrong.
fn wrong_acme() -> String {
    let source = std::fs::read_to_string(root().join("rules-examples/acme.baton")).unwrap();
    let wrong = source.replace(
        "expect escalate to billing via live by billing_general",
        "expect stay by simple_questions",
    );
    assert_ne!(
        wrong, source,
        "the expectation to break is still in acme.baton"
    );
    wrong
}

/// What `baton test` prints for a policy `source` whose tests fail (the run is checked to
/// fail), written in a scratch folder `name`.
fn failing_tests(name: &str, source: &str) -> String {
    let dir = scratch(name);
    std::fs::write(dir.join("p.baton"), source).unwrap();
    let out = baton(&dir, &["test", "--color", "never", "p.baton"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn the_shipped_examples_pass_every_test() {
    let out = baton(&root(), &["test", "rules-examples/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    let last = text.lines().last().unwrap();
    let passed: usize = last.split(' ').next().unwrap().parse().unwrap();
    assert!(passed >= 20, "{last}");
    assert_eq!(last, format!("{passed} passed, 0 failed"));
    assert_eq!(text.matches("\n  ok    ").count(), passed);
}

#[test]
fn one_wrong_expectation_fails_with_the_reason_on_the_source() {
    let dir = acme_with_one_wrong_test();
    let out = baton(&dir, &["test", "acme.baton"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.ends_with("\n11 passed, 1 failed\n"), "{text}");
    insta::assert_snapshot!("test_failure", text);
}

/// A failure says how to see why, and the command it gives works as printed: `baton
/// explain` on the test's own request, deciding what the test got.
#[test]
fn a_failure_gives_the_explain_command_that_shows_why() {
    let dir = acme_with_one_wrong_test();
    let out = baton(&dir, &["test", "--color", "never", "acme.baton"]);
    let text = stdout(&out);
    let why = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("why       "))
        .unwrap_or_else(|| panic!("no why line in {text}"));
    // The shell words of the command: plain, or in single quotes.
    let mut words = Vec::new();
    let mut rest = why;
    while !rest.is_empty() {
        if let Some(quoted) = rest.strip_prefix('\'') {
            let end = quoted.find('\'').unwrap();
            words.push(quoted[..end].to_string());
            rest = quoted[end + 1..].trim_start();
        } else {
            let end = rest.find(' ').unwrap_or(rest.len());
            words.push(rest[..end].to_string());
            rest = rest[end..].trim_start();
        }
    }
    assert_eq!(words[..2], ["baton", "explain"], "{why}");
    let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
    let explained = baton(&dir, &args);
    assert_eq!(explained.status.code(), Some(0), "{}", stderr(&explained));
    let got = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("got       "))
        .unwrap();
    let headline = stdout(&explained).lines().next().unwrap().to_string();
    // `got` says `escalate to billing priority normal via live by billing_general`, the
    // headline `escalate to billing (live), priority normal, by billing_general`.
    assert!(
        headline.starts_with("escalate to billing (live)")
            && got.starts_with("escalate to billing"),
        "{headline} / {got}"
    );
    assert!(headline.ends_with("by billing_general") && got.ends_with("by billing_general"));
}

/// A failure says what made the deciding rule hold: each part of its condition that
/// held, or that did not under a `not`, labelled as `baton explain` labels it.
#[test]
fn a_failure_says_what_made_the_deciding_rule_hold() {
    let text = failing_tests(
        "baton-test-because",
        r#"policy "p"
fact confidence: percent
fact vip: bool = false
phrases asks_for_human = ["talk to someone"]
team desk { skills general }
rule asks_for_human: explicit {
  when message mentions asks_for_human and not vip
  escalate to desk
}
rule stuck: limit {
  when (confidence < 50% and vip) or (vip and confidence < 95%) or confidence < 99%
  escalate to desk
}
test "a person, please" {
  facts { confidence: 90% }
  customer "can I talk to someone?"
  expect stay
}
test "a vip" {
  facts { confidence: 90%, vip: true }
  customer "hello"
  expect stay
}
"#,
    );
    assert!(
        text.contains(
            "        because   the latest message mentions asks_for_human: it says \"talk to someone\"; vip is false\n"
        ),
        "{text}"
    );
    // Only what settles the condition: of its three parts, the first that held (both of
    // its tests), not `vip` of the first part nor `confidence < 99%`.
    assert!(
        text.contains("        because   vip is true; confidence is 90%\n"),
        "{text}"
    );
}

#[test]
fn filter_runs_only_the_tests_whose_name_contains_the_text() {
    let dir = acme_with_one_wrong_test();
    let out = baton(&dir, &["test", "--filter", "frustration", "acme.baton"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).ends_with("\n4 passed, 0 failed\n"));
    let none = baton(&dir, &["test", "--filter", "no such test", "acme.baton"]);
    assert_eq!(
        none.status.code(),
        Some(1),
        "a filter that matches nothing fails"
    );
    assert!(stderr(&none).contains("no test name contains `no such test`"));
}

#[test]
fn coverage_lists_the_rules_no_test_reaches_or_decides() {
    let out = baton(&root(), &["test", "--coverage", "rules-examples/"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert_eq!(text.matches("  coverage: ").count(), 4, "{text}");
    assert!(!text.contains("no test reaches"), "{text}");
    assert!(!text.contains("no test decides"), "{text}");

    // With only the design's three tests, five rules of acme are never reached.
    let dir = scratch("baton-test-coverage");
    let source = std::fs::read_to_string(root().join("rules-examples/acme.baton")).unwrap();
    let cut = source.find("\n# The tests above are the design's").unwrap();
    std::fs::write(dir.join("acme.baton"), &source[..cut]).unwrap();
    let out = baton(&dir, &["test", "--coverage", "acme.baton"]);
    assert_eq!(out.status.code(), Some(0), "coverage alone never fails");
    let text = stdout(&out);
    assert!(
        text.contains("  coverage: 3 of 8 rules reached by a test, 3 of 8 decide one\n"),
        "{text}"
    );
    assert!(text.contains(
        "    no test reaches: account_security, legal_threat, low_confidence, frustrated, billing_general\n"
    ));
}

#[test]
fn a_policy_with_errors_fails_without_running_its_tests() {
    let dir = root().join("tests/fixtures/check/err");
    let out = baton(&dir, &["test", "unknown-name.baton"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("unknown fact or signal `confidnce`"));
    assert!(stdout(&out).ends_with("0 passed, 0 failed\n"));
    assert!(stderr(&out).contains("1 policy with errors: its tests were not run"));
    let missing = baton(&root(), &["test", "no-such-file.baton"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn json_and_github_formats() {
    let dir = acme_with_one_wrong_test();
    let out = baton(
        &dir,
        &["test", "--format", "json", "--coverage", "acme.baton"],
    );
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["passed"], 11);
    assert_eq!(report["failed"], 1);
    let tests = report["files"][0]["tests"].as_array().unwrap();
    let failed: Vec<&serde_json::Value> = tests.iter().filter(|t| t["passed"] == false).collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(
        failed[0]["name"],
        "a billing problem after a failed attempt goes to billing"
    );
    assert_eq!(failed[0]["expected"], "stay by simple_questions");
    assert_eq!(
        failed[0]["got"],
        "escalate to billing priority normal via live by billing_general"
    );
    assert_eq!(failed[0]["matched"], serde_json::json!(["billing_general"]));
    assert_eq!(
        failed[0]["because"],
        "the conversation mentions billing: message 1 says \"double charged\"; failed_attempts is 1"
    );
    // The rule the test expected, and what kept it from holding.
    assert_eq!(
        failed[0]["not_held"],
        serde_json::json!([{"rule": "simple_questions", "because": "intent is \"unknown\""}])
    );
    assert!(
        tests
            .iter()
            .filter(|t| t["passed"] == true)
            .all(|t| t["because"].is_null() && t["not_held"] == serde_json::json!([]))
    );
    assert_eq!(
        report["files"][0]["coverage"]["not_reached"],
        serde_json::json!([])
    );

    let out = baton(&dir, &["test", "--format", "github", "acme.baton"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "::error file=acme.baton,line=147,col=3,title=test failed::test \"a billing problem after \
         a failed attempt goes to billing\" failed%0Aexpected: stay by simple_questions%0Agot: \
         escalate to billing priority normal via live by billing_general%0Abecause: the \
         conversation mentions billing: message 1 says \"double charged\"; failed_attempts is \
         1%0Anot held: simple_questions: intent is \"unknown\"\n"
    );
}

#[test]
fn junit_report_for_gitlab_and_jenkins() {
    let dir = scratch("baton-test-junit");
    std::fs::write(dir.join("acme.baton"), wrong_acme()).unwrap();
    // A test whose name holds what XML must escape, and a control character.
    std::fs::write(
        dir.join("odd.baton"),
        "policy \"odd\"\nfact a: number\nrule r { when a > 1 stay }\n\
         test \"a < b & \\\"c\\\" \u{1}\" { facts { a: 2 } expect stay by r }\n",
    )
    .unwrap();
    std::fs::write(dir.join("broken.baton"), "policy \"b\"\nrule {\n").unwrap();
    let out = baton(
        &dir,
        &[
            "test",
            "--format",
            "junit",
            "acme.baton",
            "odd.baton",
            "broken.baton",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    // 12 acme tests, 1 odd, and the broken policy's check as a case of its own.
    assert_eq!(root.attribute("tests"), Some("14"));
    assert_eq!(root.attribute("failures"), Some("1"));
    assert_eq!(root.attribute("errors"), Some("1"));

    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), 3);
    assert_eq!(suites[0].attribute("name"), Some("acme.baton"));
    assert_eq!(suites[0].attribute("tests"), Some("12"));
    let failed: Vec<_> = suites[0]
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert_eq!(failed.len(), 1);
    let case = failed[0].parent().unwrap();
    assert_eq!(
        case.attribute("name"),
        Some("a billing problem after a failed attempt goes to billing")
    );
    assert_eq!(case.attribute("classname"), Some("acme-support"));
    assert_eq!(case.attribute("line"), Some("143"));
    assert_eq!(
        failed[0].text(),
        Some(
            "expected: stay by simple_questions\ngot: escalate to billing priority normal via live \
             by billing_general\nmatched: billing_general\nbecause: the conversation mentions \
             billing: message 1 says \"double charged\"; failed_attempts is 1\nnot held: \
             simple_questions: intent is \"unknown\""
        )
    );

    // The name comes back as written, the control character as U+FFFD.
    let odd = suites[1].children().find(|n| n.is_element()).unwrap();
    assert_eq!(odd.attribute("name"), Some("a < b & \"c\" \u{fffd}"));

    // The broken policy: its errors, drawn as `baton check` draws them.
    let error = suites[2]
        .descendants()
        .find(|n| n.has_tag_name("error"))
        .unwrap();
    assert_eq!(
        error.attribute("message"),
        Some("the policy has 1 error: its tests were not run")
    );
    assert!(error.text().unwrap().contains("syntax-error"));
    // The summary goes to standard error, out of the report's way.
    assert!(
        stderr(&out).ends_with("12 passed, 1 failed\n"),
        "{}",
        stderr(&out)
    );
}

/// When no rule gave the escalation a test expects, the failure names the rules that
/// would have (to its team, with its priority), each with what kept it from holding.
#[test]
fn a_failure_names_the_rules_that_would_have_given_what_was_expected() {
    let text = failing_tests(
        "baton-test-not-held",
        r#"policy "p"
fact confidence: percent
fact attempts: number = 0
fact tier: standard | vip = standard
team desk { skills general }
team vips { skills general, vip }
rule urgent: limit {
  when confidence < 10%
  escalate to desk priority urgent
}
rule unsure: limit {
  when confidence < 50% and attempts >= 1
  escalate to desk priority high
}
rule stuck: limit {
  when attempts >= 3
  escalate to skill general priority high
}
rule vip_stuck: limit {
  when tier is vip and attempts >= 1
  escalate to vips priority high
}
rule tried: limit {
  when attempts >= 2 or confidence < 20%
  escalate to desk priority high
}
rule very_stuck: limit {
  when attempts >= 5
  escalate to desk priority high
}
test "stuck" {
  facts { confidence: 40% }
  customer "hello"
  expect escalate to desk priority high
}
test "by a rule" {
  facts { confidence: 40%, attempts: 1 }
  customer "hello"
  expect escalate to vips by vip_stuck
}
"#,
    );
    // `urgent` has another priority and `vip_stuck` another team; `stuck` escalates to
    // a skill `desk` has. The fourth is counted, not shown.
    assert!(
        text.contains(
            "        not held  unsure: attempts is 0\n\
             \x20                 stuck: attempts is 0\n\
             \x20                 tried: attempts is 0; confidence is 40%\n\
             \x20                 and 1 more rule\n"
        ),
        "{text}"
    );
    // With `by`, that rule alone, though another decided.
    assert!(
        text.contains("        not held  vip_stuck: tier is standard\n"),
        "{text}"
    );
}
