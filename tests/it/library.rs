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
