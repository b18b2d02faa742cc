//! The library: `Policy::compile`, its diagnostics, and the AST's span-blind equality.

use baton::{LineIndex, Policy, syntax};

const BASE: &str = r#"policy "newcomer"
fact confidence: percent
fact tier: standard | gold | vip = standard
phrases asks_for_human = ["talk to a human"]
team tier1 { skills general }
team billing { skills billing, refunds }
rule asks: explicit {
  when message mentions asks_for_human
  escalate to tier1
}
rule vip: context {
  when tier is vip and sentiment < -0.5
  escalate to billing or skill refunds
}
"#;

/// The first problem of a policy: its code, its line, and its help.
fn first_problem(source: &str) -> (String, usize, String) {
    let d = Policy::compile("p.baton", source).expect_err("the policy has a mistake");
    let problem = &d.problems()[0];
    let label = baton::labels(problem.as_ref())[0].clone();
    let line = LineIndex::new(source).line_col(label.offset()).line;
    (
        problem.code().unwrap().to_string(),
        line,
        problem.help().map(|h| h.to_string()).unwrap_or_default(),
    )
}

#[test]
fn the_base_policy_compiles() {
    let policy = Policy::compile("p.baton", BASE).unwrap();
    assert_eq!(policy.model().unwrap().rules.len(), 2);
    assert_eq!(
        policy.model().unwrap().teams[1].skills,
        ["billing", "refunds"]
    );
}

#[test]
fn a_newcomers_typos_get_the_right_line_and_fix() {
    let cases = [
        (
            "tier is vip and",
            "teir is vip and",
            "unknown-name",
            12,
            "did you mean `tier`?",
        ),
        (
            "tier is vip and",
            "tier is vipp and",
            "unknown-value",
            12,
            "did you mean `vip`?",
        ),
        (
            "escalate to tier1",
            "escalate to tier",
            "not-a-team",
            9,
            "did you mean `tier1`?",
        ),
        (
            "skill refunds",
            "skill refund",
            "unknown-name",
            13,
            "did you mean `refunds`?",
        ),
        (
            "sentiment < -0.5",
            "sentimen < -0.5",
            "unknown-name",
            12,
            "did you mean `sentiment`?",
        ),
    ];
    for (from, to, code, line, help) in cases {
        let source = BASE.replacen(from, to, 1);
        assert_eq!(
            first_problem(&source),
            (code.to_string(), line, help.to_string()),
            "{to}"
        );
    }
}

/// A policy whose one rule holds when `condition` does.
fn with_condition(condition: &str) -> String {
    format!(
        "policy \"p\"\nteam tier1 {{ skills general }}\n\
         rule r: signal {{\n  when {condition}\n  escalate to tier1\n}}\n"
    )
}

/// `count` tests of `turns`, each one row, joined by `or`.
fn any_of(signal: &str, count: usize) -> String {
    let tests: Vec<String> = (1..=count).map(|n| format!("{signal} is {n}")).collect();
    format!("({})", tests.join(" or "))
}

#[test]
fn a_rule_of_exactly_the_row_limit_compiles_and_one_row_more_is_refused() {
    let limit = baton::limits::MAX_ROWS_PER_RULE;
    assert_eq!(limit, 1024);
    // Rows added up by `or`.
    let policy = Policy::compile("p.baton", &with_condition(&any_of("turns", limit))).unwrap();
    assert_eq!(policy.table().rows.len(), limit);
    let (code, line, _) = first_problem(&with_condition(&any_of("turns", limit + 1)));
    assert_eq!((code.as_str(), line), ("too-many-cases", 3));
    // Rows multiplied by `and`: 32 × 32 is the limit, 32 × 33 over it.
    let both = format!("{} and {}", any_of("turns", 32), any_of("repeats", 32));
    let policy = Policy::compile("p.baton", &with_condition(&both)).unwrap();
    assert_eq!(policy.table().rows.len(), limit);
    let over = format!("{} and {}", any_of("turns", 32), any_of("repeats", 33));
    assert_eq!(first_problem(&with_condition(&over)).0, "too-many-cases");
}

#[test]
fn policy_is_shareable_across_threads() {
    fn shareable<T: Send + Sync + 'static>() {}
    shareable::<Policy>();
    shareable::<baton::Diagnostics>();
}

#[test]
fn the_ast_ignores_where_things_were_written() {
    let a = syntax::parse("policy \"x\"\nfact a: number = 1\n").unwrap();
    let b = syntax::parse("policy   \"x\"   # comment\n\n\n  fact a :number=1").unwrap();
    assert_eq!(a, b);
    let c = syntax::parse("policy \"x\"\nfact a: number = 2\n").unwrap();
    assert_ne!(a, c);
}

#[test]
fn and_binds_tighter_than_or() {
    use syntax::ast::{CondKind, Item};
    let file =
        syntax::parse("policy \"x\"\nrule r { when turns > 1 or turns > 2 and turns > 3 stay }")
            .unwrap();
    let Item::Rule(rule) = &file.items[0] else {
        panic!("a rule")
    };
    let CondKind::Or(parts) = &rule.when.kind else {
        panic!("`or` on top: {:?}", rule.when)
    };
    assert_eq!(parts.len(), 2);
    assert!(matches!(parts[1].kind, CondKind::And(_)));
}

#[test]
fn diagnostics_render_through_miette() {
    let d = Policy::compile(
        "p.baton",
        &BASE.replace("confidence: percent", "confidence: pecent"),
    )
    .unwrap_err();
    assert_eq!(d.to_string(), "`p.baton` has 1 error, 0 warnings");
    let report = miette::Report::new(d);
    assert!(format!("{report:?}").contains("did you mean `percent`?"));
}

#[test]
fn the_readme_tour_checks_clean() {
    let readme = std::fs::read_to_string(crate::root().join("README.md")).unwrap();
    let start = readme.find("```baton\n").expect("the README has a tour") + "```baton\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let policy = Policy::compile("tour.baton", &readme[start..end]);
    assert!(policy.is_ok(), "{:?}", policy.err());
}

#[test]
fn request_and_table_errors_carry_their_codes() {
    use miette::Diagnostic;
    let policy = Policy::compile("p.baton", BASE).unwrap();
    let bad = baton::Request::from_json(r#"{"facts": {"confidence": 90}}"#).unwrap();
    let e = policy.decide(&bad).unwrap_err();
    assert_eq!(e.code().unwrap().to_string(), "bad-request");
    let mut table = policy.table().clone();
    table.format += 1;
    let e = Policy::from_table(table).unwrap_err();
    assert_eq!(e.code().unwrap().to_string(), "bad-table");
}

/// Every place in `v` a hand edit could change, as JSON pointers with the values put
/// there: each whole number made every other number up to 10 (so an index just past the
/// end of any list of up to 10), 1,000 more and far too large, each fraction 0, negative
/// or huge, each text emptied or changed, each flag flipped, each list emptied.
fn edits(v: &serde_json::Value, at: String, out: &mut Vec<(String, serde_json::Value)>) {
    use serde_json::{Value, json};
    match v {
        Value::Number(n) => {
            let tries = match n.as_u64() {
                Some(n) => (0..=10)
                    .chain([n + 1000, u64::MAX])
                    .filter(|&t| t != n)
                    .map(|t| json!(t))
                    .collect(),
                None => vec![json!(0.0), json!(-1.0), json!(1e300), json!(-1e300)],
            };
            out.extend(tries.into_iter().map(|t| (at.clone(), t)));
        }
        Value::String(s) => {
            out.push((at.clone(), json!("")));
            out.push((at.clone(), json!(format!("{s}x"))));
        }
        Value::Bool(b) => out.push((at, json!(!b))),
        Value::Array(items) => {
            if !items.is_empty() {
                out.push((at.clone(), json!([])));
            }
            for (i, item) in items.iter().enumerate() {
                edits(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                let key = key.replace('~', "~0").replace('/', "~1");
                edits(field, format!("{at}/{key}"), out);
            }
        }
        Value::Null => {}
    }
}

/// A table saved by `baton compile --format json` is read back as untrusted input: it may
/// be edited by hand or damaged on the way. Whatever one value of acme's table becomes,
/// loading it gives a policy or a `TableError`, and a policy that loads decides the
/// shipped requests (or refuses them) without a panic.
#[test]
fn no_edit_of_one_value_of_a_saved_table_makes_baton_panic() {
    use std::panic::{AssertUnwindSafe, catch_unwind};
    let root = crate::root();
    let source = std::fs::read_to_string(root.join("rules-examples/acme.baton")).unwrap();
    let policy = Policy::compile("acme.baton", &source).unwrap();
    let table = serde_json::to_value(policy.table()).unwrap();
    let lines = ["acme-day.jsonl", "acme-corpus.jsonl"]
        .map(|f| std::fs::read_to_string(root.join("rules-examples/requests").join(f)).unwrap());
    let requests: Vec<baton::Request> = lines
        .iter()
        .flat_map(|text| text.lines().take(40))
        .filter_map(|line| baton::Request::from_json(line).ok())
        .collect();
    assert!(requests.len() > 40, "{} requests", requests.len());

    let mut all = Vec::new();
    edits(&table, String::new(), &mut all);
    let (mut unreadable, mut refused, mut loaded, mut panics) = (0, 0, 0, Vec::new());
    for (pointer, value) in &all {
        let mut edited = table.clone();
        *edited.pointer_mut(pointer).unwrap() = value.clone();
        let Ok(edited) = serde_json::from_value::<baton::DecisionTable>(edited) else {
            unreadable += 1;
            continue;
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| match Policy::from_table(edited) {
            Err(_) => false,
            Ok(p) => {
                for r in &requests {
                    let _ = p.decide(r);
                }
                true
            }
        }));
        match outcome {
            Ok(true) => loaded += 1,
            Ok(false) => refused += 1,
            Err(_) => panics.push(format!("{pointer} = {value}")),
        }
    }
    assert!(
        panics.is_empty(),
        "{} edits panicked: {panics:#?}",
        panics.len()
    );
    // Each way out is taken, so the edits reach both the checks and the decisions.
    assert!(
        unreadable > 0 && refused > 0 && loaded > 0,
        "{unreadable} {refused} {loaded}"
    );
}

#[test]
fn the_table_text_names_the_rules_with_no_row_and_writes_values_in_their_units() {
    let text = |rules: &str| {
        let source =
            format!("policy \"p\"\nfact confidence: percent\nteam t {{ skills general }}\n{rules}");
        Policy::compile("p.baton", &source)
            .unwrap()
            .table()
            .to_text()
    };
    let rule = |name: &str, when: &str| {
        format!("rule {name}: context {{\n  when {when}\n  escalate to t\n}}\n")
    };
    let never = rule("never", "confidence < 50% and confidence > 70%");
    let low = rule("low", "confidence < 50%");
    let high = rule("high", "confidence > 70%");
    let line = "rules with no row (their condition can never hold): ";
    assert!(text(&format!("{low}{never}{high}")).contains(&format!("{line}never\n")));
    // One rule or several, every one with a row: no such line.
    let one = text(&low);
    assert!(!one.contains(line));
    assert!(
        one.starts_with("policy \"p\": 1 rule, 1 row, 1 column\n"),
        "{one}"
    );
    assert!(!text(&format!("{low}{high}")).contains(line));
    // A signal's values in its unit, as a fact's are.
    let waited = text(&rule("waited", "elapsed > 10m and confidence >= 12.5%"));
    assert!(
        waited.contains("elapsed > 10m and confidence >= 12.5%"),
        "{waited}"
    );
    // One value, and a range bounded on both sides.
    let half = text(&rule("half", "confidence == 50%"));
    assert!(half.contains("  confidence == 50%  "), "{half}");
    let band = text(&rule("band", "confidence >= 20% and confidence < 60%"));
    assert!(band.contains("  20% <= confidence < 60%  "), "{band}");
}
