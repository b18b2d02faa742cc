//! The lints, exactly: coverage by several rules together, boundaries that leave a case
//! uncovered, what the latest message implies about the conversation, `# allow:`.

/// The lints of a policy as `(line, code, message)`.
fn lints(source: &str) -> Vec<(usize, String, String)> {
    let d = baton::check_source("p.baton", source);
    assert_eq!(d.error_count(), 0, "{d:?}");
    let index = baton::LineIndex::new(source);
    d.problems()
        .iter()
        .map(|p| {
            let at = baton::labels(p.as_ref())[0].offset();
            (
                index.line_col(at).line,
                p.code().unwrap().to_string(),
                p.to_string(),
            )
        })
        .collect()
}

/// A policy that passes the readiness checklist, followed by `rules`.
fn policy(rules: &str) -> String {
    format!(
        r#"policy "p"
# allow: unused-definition
fact confidence: percent
fact tier: standard | gold | vip = standard
fact attempts: number = 0
phrases asks_for_human = ["talk to a human"]
# allow: unused-definition
phrases billing = ["refund*"]
team support {{ skills general }}
rule asks_for_human: explicit {{
  when message mentions asks_for_human
  escalate to support
}}
rule stuck: limit {{
  when attempts >= 3 and tier is gold
  escalate to support
}}
{rules}"#
    )
}

fn codes(source: &str) -> Vec<String> {
    lints(source).into_iter().map(|(_, c, _)| c).collect()
}

#[test]
fn a_rule_covered_by_two_rules_together_is_unreachable() {
    let source = policy(
        "rule low: limit {\n  when confidence < 60%\n  escalate to support\n}\n\
         rule high_vip: context {\n  when confidence >= 60% and tier is vip\n  escalate to support\n}\n\
         rule vip: context {\n  when tier is vip and message mentions billing\n  escalate to support\n}\n",
    );
    let found = lints(&source);
    assert_eq!(found.len(), 1, "{found:?}");
    let (line, code, message) = &found[0];
    assert_eq!((*line, code.as_str()), (26, "unreachable-rule"));
    assert_eq!(
        message,
        "rule `vip` can never decide: rules `low` and `high_vip` above it cover every case it covers"
    );
}

#[test]
fn a_gap_of_one_value_keeps_a_rule_reachable() {
    // 60% itself is in neither rule above.
    let source = policy(
        "rule low: limit {\n  when confidence < 60%\n  escalate to support\n}\n\
         rule high_vip: context {\n  when confidence > 60% and tier is vip\n  escalate to support\n}\n\
         rule vip: context {\n  when tier is vip\n  escalate to support\n}\n",
    );
    assert_eq!(codes(&source), Vec::<String>::new());
}

#[test]
fn choices_are_covered_value_by_value() {
    let covered = policy(
        "rule a: context {\n  when tier in [standard, gold] and confidence < 90%\n  escalate to support\n}\n\
         rule b: context {\n  when tier is vip or confidence >= 90%\n  escalate to support\n}\n\
         rule c: context {\n  when confidence >= 50%\n  escalate to support\n}\n",
    );
    assert_eq!(codes(&covered), ["unreachable-rule"]);
    let open = covered.replace("tier in [standard, gold]", "tier is standard");
    assert_eq!(codes(&open), Vec::<String>::new());
}

#[test]
fn the_latest_message_is_part_of_the_conversation() {
    let source = policy(
        "rule any_billing: context {\n  when conversation mentions billing\n  escalate to support\n}\n\
         rule now_billing: context {\n  when message mentions billing\n  escalate to support\n}\n",
    );
    assert_eq!(codes(&source), ["unreachable-rule"]);
    // The other way round, a billing word earlier in the conversation is not enough.
    let reversed = policy(
        "rule now_billing: context {\n  when message mentions billing\n  escalate to support\n}\n\
         rule any_billing: context {\n  when conversation mentions billing\n  escalate to support\n}\n",
    );
    assert_eq!(codes(&reversed), Vec::<String>::new());
}

#[test]
fn negations_and_percent_bounds_are_understood() {
    // Every percent is below 101%... which the checker refuses; `not (confidence < 50%)`
    // and `confidence < 50%` together cover every request.
    let source = policy(
        "rule a: context {\n  when confidence < 50%\n  escalate to support\n}\n\
         rule b: context {\n  when not (confidence < 50%)\n  escalate to support\n}\n\
         rule c: context {\n  when sentiment < -0.5\n  escalate to support\n}\n",
    );
    assert_eq!(codes(&source), ["unreachable-rule"]);
    // A percent is never below 0%.
    let never = policy("rule a: context {\n  when confidence < 0%\n  escalate to support\n}\n");
    assert_eq!(codes(&never), ["never-matches"]);
    // Sentiment is never below -1.
    let never = policy("rule a: signal {\n  when sentiment < -1\n  escalate to support\n}\n");
    assert_eq!(codes(&never), ["never-matches"]);
}

#[test]
fn a_contradiction_is_reported_on_its_condition() {
    let source = policy(
        "rule odd: limit {\n  when confidence < 50% and confidence > 70%\n  escalate to support\n}\n",
    );
    let found = lints(&source);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1.as_str()), (19, "never-matches"));
}

#[test]
fn a_test_no_value_passes_is_reported_where_it_is() {
    // The rule matches (on `attempts`), but one test of it never can.
    let source = policy(
        "rule upset: signal {\n  when attempts > 5 or sentiment < -1.5\n  escalate to support\n}\n",
    );
    let found = lints(&source);
    assert_eq!(found.len(), 1, "{found:?}");
    let (line, code, message) = &found[0];
    assert_eq!((*line, code.as_str()), (19, "never-true"));
    assert_eq!(
        message,
        "in rule `upset`, `sentiment < -1.5` is never true: `sentiment` runs from -1 to 1"
    );
    // Each kind of value, at the edge of what it can take: below, a count that is not
    // whole, a negated test, a percent and a duration.
    for (test, never) in [
        ("repeats < 0", true),
        ("repeats < 1", false),
        ("turns is 1.5", true),
        ("turns is 2", false),
        ("not (sentiment > 1)", true),
        ("sentiment >= 1", false),
        ("confidence < 0%", true),
        ("confidence <= 0%", false),
        ("elapsed < 0s", true),
        ("burst(30s) > 1000", false),
        ("attempts < -5", false),
    ] {
        let source = policy(&format!(
            "rule r: signal {{\n  when attempts > 5 or {test}\n  escalate to support\n}}\n"
        ));
        let expected: &[&str] = if never { &["never-true"] } else { &[] };
        assert_eq!(codes(&source), expected, "{test}");
    }
    // `# allow: never-true` silences it.
    let allowed = source.replace("rule upset", "# allow: never-true\nrule upset");
    assert_eq!(codes(&allowed), Vec::<String>::new());
}

#[test]
fn a_rule_that_never_matches_because_of_such_a_test_is_reported_once() {
    let source = policy(
        "rule upset: signal {\n  when sentiment > 2 or repeats < 0\n  escalate to support\n}\n",
    );
    let d = baton::check_source("p.baton", &source);
    let problems = d.problems();
    assert_eq!(problems.len(), 1, "{d:?}");
    let p = problems[0].as_ref();
    assert_eq!(p.code().unwrap().to_string(), "never-matches");
    // Each test is labelled with why it never holds, and the help says how to mend it.
    let labels: Vec<String> = baton::labels(p)
        .iter()
        .map(|l| l.label().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        labels,
        [
            "never true: `sentiment` runs from -1 to 1",
            "never true: `repeats` counts repeated messages: 0, 1, 2 and so on"
        ]
    );
    assert!(
        p.help()
            .unwrap()
            .to_string()
            .contains("such as `sentiment <= -0.6`"),
        "{:?}",
        p.help().map(|h| h.to_string())
    );
}

/// The warnings of a policy whose `asks_for_human` set is `phrases`, as `(code, message)`.
fn phrase_lints(phrases: &str) -> Vec<(String, String)> {
    let source = policy("").replace(r#"["talk to a human"]"#, phrases);
    lints(&source)
        .into_iter()
        .map(|(_, code, message)| (code, message))
        .collect()
}

/// The lints of the policy whose `asks_for_human` set is `[phrase]`, with `# allow: code`
/// above it.
fn allowed_above_the_set(code: &str, phrase: &str) -> Vec<String> {
    let source = policy("").replace(
        "phrases asks_for_human = [\"talk to a human\"]",
        &format!("# allow: {code}\nphrases asks_for_human = [\"{phrase}\"]"),
    );
    codes(&source)
}

#[test]
fn a_phrase_with_punctuation_between_its_words_is_reported() {
    for (phrase, spaced) in [
        ("log-in", "log in"),
        ("agent, please", "agent please"),
        ("refund* / money back", "refund* money back"),
    ] {
        let found = phrase_lints(&format!("[\"{phrase}\"]"));
        assert_eq!(found.len(), 1, "{phrase}: {found:?}");
        assert_eq!(found[0].0, "phrase-punctuation");
        assert!(
            found[0]
                .1
                .starts_with(&format!("phrase \"{phrase}\" only matches \"{spaced}\"")),
            "{}",
            found[0].1
        );
    }
    // A regular expression's alternation gets its choices as phrases of their own.
    let d = baton::check_source(
        "p.baton",
        &policy("").replace(
            r#"["talk to a human"]"#,
            r#"["talk to a human", "(agent|human)"]"#,
        ),
    );
    let help = d
        .problems()
        .iter()
        .find(|p| p.code().unwrap().to_string() == "phrase-punctuation")
        .and_then(|p| p.help())
        .unwrap()
        .to_string();
    assert_eq!(
        help,
        "phrases are words, not regular expressions: write each choice as a phrase of its own, `\"agent\"` and `\"human\"`"
    );
    // Apostrophes inside a word, punctuation before or after the words, wildcards and
    // any white space are how phrases are meant to be written.
    for phrase in [
        "don't",
        "can’t log in",
        "talk to an agent!",
        "(agent)",
        "refund*",
        "real  person",
        "real\\tperson",
        // Marks belong to the word they follow: a virama, an accent typed on its own, a
        // Persian zero-width non-joiner.
        "नमस्ते",
        "re\u{301}sume\u{301}",
        "می\u{200C}خواهم",
    ] {
        let found = phrase_lints(&format!("[\"{phrase}\"]"));
        // (`don't` and `can’t` are reported for their spelling without the apostrophe.)
        let found: Vec<_> = found
            .iter()
            .filter(|(c, _)| c != "phrase-apostrophe")
            .collect();
        assert_eq!(found, Vec::<&(String, String)>::new(), "{phrase}");
    }
    // `# allow:` above the set silences it.
    assert_eq!(
        allowed_above_the_set("phrase-punctuation", "log-in"),
        Vec::<String>::new()
    );
}

#[test]
fn what_the_punctuation_warning_says_is_what_matching_does() {
    // The phrase matches the words with spaces between them, and not the text as its
    // author wrote it.
    let source = policy("").replace(r#"["talk to a human"]"#, r#"["log-in"]"#);
    let policy = baton::Policy::compile("p.baton", &source).unwrap();
    let holds = |text: &str| {
        let request = serde_json::json!({
            "facts": {"confidence": 0.9},
            "messages": [{"from": "customer", "text": text, "at": "2026-11-24T15:00:00Z"}],
        });
        let request = baton::Request::from_value(&request).unwrap();
        policy.decide(&request).unwrap().rule.as_deref() == Some("asks_for_human")
    };
    assert!(holds("I cannot log in"));
    assert!(!holds("I cannot log-in"));
}

/// The `phrase-apostrophe` warnings of a policy whose `asks_for_human` set is `set`
/// (`fuzzy = [...]` or `= [...]`), as `(message, help)`.
fn apostrophe_lints(set: &str) -> Vec<(String, String)> {
    let source = policy("").replace(r#" = ["talk to a human"]"#, set);
    let d = baton::check_source("p.baton", &source);
    assert_eq!(d.error_count(), 0, "{d:?}");
    d.problems()
        .iter()
        .filter(|p| p.code().unwrap().to_string() == "phrase-apostrophe")
        .map(|p| (p.to_string(), p.help().unwrap().to_string()))
        .collect()
}

#[test]
fn a_contraction_its_set_matches_one_way_only_is_reported() {
    for (set, phrase, other) in [
        (
            r#" = ["dont want a bot"]"#,
            "dont want a bot",
            "don't want a bot",
        ),
        (
            r#" = ["don't want a bot"]"#,
            "don't want a bot",
            "dont want a bot",
        ),
        // `’` is read as `'`.
        (
            r#" = ["don’t want a bot"]"#,
            "don’t want a bot",
            "dont want a bot",
        ),
        (r#" = ["im stuck"]"#, "im stuck", "i'm stuck"),
        // Too short for `fuzzy` to allow an edit.
        (r#" fuzzy = ["i'm stuck"]"#, "i'm stuck", "im stuck"),
        (
            r#" fuzzy = ["dont want a bot"]"#,
            "dont want a bot",
            "don't want a bot",
        ),
        // Every such word is named, a prefix word keeps its `*`.
        (
            r#" = ["im sure i cant refund*"]"#,
            "im sure i cant refund*",
            "i'm sure i can't refund*",
        ),
    ] {
        let found = apostrophe_lints(set);
        assert_eq!(found.len(), 1, "{set}: {found:?}");
        assert!(
            found[0]
                .0
                .starts_with(&format!("phrase \"{phrase}\" never matches \"{other}\"")),
            "{}",
            found[0].0
        );
        assert!(
            found[0]
                .1
                .starts_with(&format!("add \"{other}\" to the set too")),
            "{}",
            found[0].1
        );
    }
    // `fuzzy` is suggested only where its one edit would match the other spelling.
    let fuzzy_help = |set: &str| apostrophe_lints(set)[0].1.contains("make the set fuzzy");
    assert!(fuzzy_help(r#" = ["don't want a bot"]"#));
    assert!(fuzzy_help(r#" = ["doesnt work"]"#));
    assert!(!fuzzy_help(r#" = ["dont want a bot"]"#));
    assert!(!fuzzy_help(r#" = ["i'm stuck"]"#));
    // The set matches both spellings: it lists both, `fuzzy` covers the apostrophe, a
    // phrase of the set matches the other spelling within it, or the word is no
    // contraction (`well` is a word; `we'll` is left alone for it).
    for set in [
        r#" = ["dont want a bot", "don't want a bot"]"#,
        r#" fuzzy = ["don't want a bot"]"#,
        r#" fuzzy = ["doesnt work"]"#,
        r#" = ["i dont want a bot", "don't", "dont"]"#,
        r#" = ["we'll see", "its broken", "were charged", "lets talk"]"#,
        r#" = ["dont*"]"#,
    ] {
        assert_eq!(apostrophe_lints(set), [], "{set}");
    }
    // `# allow:` above the set silences it.
    assert_eq!(
        allowed_above_the_set("phrase-apostrophe", "dont want a bot"),
        Vec::<String>::new()
    );
}

#[test]
fn what_the_apostrophe_warning_says_is_what_matching_does() {
    let holds = |set: &str, text: &str| {
        let source = policy("").replace(r#" = ["talk to a human"]"#, set);
        let policy = baton::Policy::compile("p.baton", &source).unwrap();
        let request = serde_json::json!({
            "facts": {"confidence": 0.9},
            "messages": [{"from": "customer", "text": text, "at": "2026-11-24T15:00:00Z"}],
        });
        let request = baton::Request::from_value(&request).unwrap();
        policy.decide(&request).unwrap().rule.as_deref() == Some("asks_for_human")
    };
    for (phrase, fuzzy) in [
        ("dont want a bot", false),
        ("don't want a bot", true),
        ("im stuck", false),
        ("i'm stuck", false),
        ("doesnt work", true),
    ] {
        let set = format!(" = [\"{phrase}\"]");
        let found = apostrophe_lints(&set);
        assert_eq!(found.len(), 1, "{phrase}: {found:?}");
        let other = found[0].0.split('"').nth(3).unwrap().to_string();
        // The phrase matches as written and not as the warning says customers also write.
        assert!(holds(&set, &format!("well, {phrase}")), "{phrase}");
        assert!(!holds(&set, &format!("well, {other}")), "{phrase}");
        // With the phrase the help suggests, the set matches both, and is not reported.
        let both = format!(" = [\"{phrase}\", \"{other}\"]");
        assert!(holds(&both, &format!("well, {other}")), "{phrase}");
        assert_eq!(apostrophe_lints(&both), [], "{phrase}");
        // `fuzzy`, where the help suggests it, does the same.
        assert_eq!(found[0].1.contains("make the set fuzzy"), fuzzy, "{phrase}");
        let loose = format!(" fuzzy = [\"{phrase}\"]");
        assert_eq!(holds(&loose, &format!("well, {other}")), fuzzy, "{phrase}");
        assert_eq!(apostrophe_lints(&loose).is_empty(), fuzzy, "{phrase}");
    }
}

#[test]
fn a_phrase_set_too_large_for_the_budget_is_not_checked_for_apostrophes() {
    // 3,000 phrases with a contraction each, compared with 3,000 phrases twice: 18,000,000
    // steps, over `MAX_LINT_STEPS`. The set is valid and checks, without this lint.
    let phrases: Vec<String> = (0..3_000).map(|i| format!("\"dont w{i}\"")).collect();
    let large = format!(" = [{}]", phrases.join(", "));
    assert_eq!(apostrophe_lints(&large), []);
    // 1,000 of them are within it, and each is reported.
    let phrases: Vec<String> = (0..1_000).map(|i| format!("\"dont w{i}\"")).collect();
    let within = format!(" = [{}]", phrases.join(", "));
    assert_eq!(apostrophe_lints(&within).len(), 1_000);
}

#[test]
fn a_stay_rule_above_an_explicit_one_is_reported_only_when_they_overlap() {
    let stay_first = r#"policy "p"
fact confidence: percent
phrases asks_for_human = ["talk to a human"]
team support { skills general }
rule confident {
  when confidence >= 90%
  stay
}
rule asks_for_human: explicit {
  when message mentions asks_for_human
  escalate to support
}
rule unsure: limit {
  when confidence < 60%
  escalate to support
}
"#;
    let found = lints(stay_first);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0, found[0].1.as_str()),
        (5, "stay-overrides-explicit")
    );
    // A stay rule that cannot hold when the explicit one does is fine.
    let disjoint = stay_first.replace(
        "confidence >= 90%\n  stay",
        "confidence >= 90% and not message mentions asks_for_human\n  stay",
    );
    assert_eq!(codes(&disjoint), Vec::<String>::new());
}

#[test]
fn missing_readiness_items_are_reported_on_the_policy_line() {
    let bare = "policy \"bare\"\nteam support { skills general }\nrule r: context {\n  when turns > 3\n  escalate to support\n}\n";
    let found = lints(bare);
    let got: Vec<(usize, &str)> = found.iter().map(|(l, c, _)| (*l, c.as_str())).collect();
    assert_eq!(got, [(1, "no-escape-hatch"), (1, "no-failure-rule")]);
}

#[test]
fn allow_comments_silence_one_code_for_one_item() {
    let source = policy(
        "# allow: unreachable-rule\nrule again: explicit {\n  when message mentions asks_for_human\n  escalate to support\n}\n\
         rule twice: explicit {\n  when message mentions asks_for_human\n  escalate to support\n}\n",
    );
    let found = lints(&source);
    let got: Vec<(usize, &str)> = found.iter().map(|(l, c, _)| (*l, c.as_str())).collect();
    assert_eq!(
        got,
        [(23, "unreachable-rule")],
        "only the rule without the comment"
    );
    // Another code in the comment silences nothing here.
    let other = source.replace("# allow: unreachable-rule", "# allow: never-matches");
    assert_eq!(codes(&other).len(), 2);
}

#[test]
fn the_bank_example_keeps_a_fact_for_the_agent_with_an_allow_comment() {
    let source = std::fs::read_to_string(crate::root().join("rules-examples/bank.baton")).unwrap();
    assert_eq!(codes(&source), Vec::<String>::new());
    let without = source.replace("# allow: unused-definition\n", "");
    assert_ne!(without, source);
    let found = lints(&without);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].2, "fact `branch` is never used");
}

#[test]
fn the_intent_fact_is_used_by_the_summary() {
    let source = policy("").replace(
        "fact attempts",
        "fact intent: text = \"unknown\"\nfact attempts",
    );
    assert_eq!(codes(&source), Vec::<String>::new());
    let no_summary = format!("{source}handoff {{ include reason, transcript }}\n");
    assert_eq!(codes(&no_summary), ["unused-definition"]);
}

#[test]
fn a_huge_policy_is_linted_in_bounded_time() {
    // 3,000 rules on distinct intents: none covers another, and every pair is compared
    // until the work limit stops the exact lints; `check` still answers.
    let mut rules = String::new();
    for i in 0..3000 {
        rules.push_str(&format!(
            "rule r{i}: context {{\n  when intent is \"i{i}\" and confidence < {}%\n  escalate to support\n}}\n",
            i % 99 + 1
        ));
    }
    let source = policy(&rules).replace(
        "fact attempts",
        "fact intent: text = \"unknown\"\nfact attempts",
    );
    let found = codes(&source);
    assert_eq!(found, Vec::<String>::new());
}

pub mod exact {
    //! The lints against brute force: random small policies over a fact with three
    //! choices, a percent compared with a few thresholds, a yes/no fact and a phrase set,
    //! evaluated on one request for every region those tests can tell apart. A rule is
    //! unreachable exactly when, on every request where its condition holds, a rule
    //! above holds too; it never matches exactly when its condition holds on none.

    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    /// Thresholds the conditions use, and percents on each side of and on each of them.
    const THRESHOLDS: [u32; 3] = [20, 50, 80];
    const PERCENTS: [f64; 7] = [0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9];

    fn atom() -> impl Strategy<Value = String> {
        let threshold = proptest::sample::select(THRESHOLDS.to_vec());
        prop_oneof![
            proptest::sample::select(vec!["standard", "gold", "vip"])
                .prop_map(|t| format!("tier is {t}")),
            Just("tier in [standard, gold]".to_string()),
            Just("tier in [gold, vip]".to_string()),
            (
                threshold.clone(),
                proptest::sample::select(vec!["<", "<=", ">", ">="])
            )
                .prop_map(|(t, op)| format!("confidence {op} {t}%")),
            Just("flag".to_string()),
            Just("message mentions billing".to_string()),
            Just("conversation mentions billing".to_string()),
        ]
    }

    pub fn condition() -> impl Strategy<Value = String> {
        atom().prop_recursive(2, 6, 3, |inner| {
            prop_oneof![
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} and {b})")),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} or {b})")),
                inner.prop_map(|a| format!("not ({a})")),
            ]
        })
    }

    pub fn source(conditions: &[String]) -> String {
        let mut s = String::from(
            "policy \"random\"\nfact confidence: percent\nfact tier: standard | gold | vip = standard\n\
             fact flag: bool = false\nphrases billing = [\"refund\"]\nteam support { skills general }\n",
        );
        for (i, c) in conditions.iter().enumerate() {
            s.push_str(&format!(
                "rule r{i}: context {{\n  when {c}\n  escalate to support\n}}\n"
            ));
        }
        s
    }

    /// Which rules hold on each request of the grid.
    fn grid(policy: &baton::Policy) -> Vec<Vec<bool>> {
        let texts = [
            ("nothing", "hello"),
            ("refund", "hello"),
            ("hello", "refund"),
        ];
        let mut out = Vec::new();
        for tier in ["standard", "gold", "vip"] {
            for confidence in PERCENTS {
                for flag in [false, true] {
                    for (first, last) in texts {
                        let request = serde_json::json!({
                            "facts": {"confidence": confidence, "tier": tier, "flag": flag},
                            "messages": [
                                {"from": "customer", "text": first, "at": "2026-11-24T15:00:00Z"},
                                {"from": "customer", "text": last, "at": "2026-11-24T15:00:10Z"},
                            ],
                        });
                        let request = baton::Request::from_value(&request).unwrap();
                        out.push(policy.evaluate(&request).unwrap().matched);
                    }
                }
            }
        }
        out
    }

    #[test]
    fn unreachable_and_never_matching_rules_are_exactly_those_brute_force_finds() {
        let mut runner = TestRunner::new(Config {
            cases: 300,
            ..Config::default()
        });
        let strategy = proptest::collection::vec(condition(), 2..6);
        runner
            .run(&strategy, |conditions| {
                let source = source(&conditions);
                let policy = baton::Policy::compile("random.baton", &source).unwrap();
                let matched = grid(&policy);
                let mut expected = Vec::new();
                for rule in 0..conditions.len() {
                    let holds: Vec<&Vec<bool>> = matched.iter().filter(|m| m[rule]).collect();
                    if holds.is_empty() {
                        expected.push((rule, "never-matches"));
                    } else if holds.iter().all(|m| m[..rule].iter().any(|x| *x)) {
                        expected.push((rule, "unreachable-rule"));
                    }
                }
                let d = baton::check_source("random.baton", &source);
                let index = baton::LineIndex::new(&source);
                let mut found = Vec::new();
                for p in d.problems() {
                    let code = p.code().unwrap().to_string();
                    if code == "never-matches" || code == "unreachable-rule" {
                        let line = index.line_col(baton::labels(p.as_ref())[0].offset()).line;
                        // Rule i starts on line 7 + 4 i.
                        let code = if code == "never-matches" {
                            "never-matches"
                        } else {
                            "unreachable-rule"
                        };
                        found.push(((line - 7) / 4, code));
                    }
                }
                prop_assert_eq!(found, expected, "{}", source);
                Ok(())
            })
            .unwrap();
    }
}

/// The readiness helps suggest lines built from the policy's own facts, phrase sets and
/// teams: pasted in as they stand, every line of code they quote makes the policy check
/// clean of the warning, with no error.
#[test]
fn readiness_helps_can_be_pasted_in_as_they_stand() {
    let cases = [
        // No facts at all: the help declares the count it needs.
        (
            "no-failure-rule",
            "policy \"p\"\nphrases asks_for_human = [\"talk to a human\"]\nteam desk { skills travel }\n\
             rule asks: explicit {\n  when message mentions asks_for_human\n  escalate to desk\n}\n",
            "escalate to desk",
        ),
        // Its own names for the count and the confidence.
        (
            "no-failure-rule",
            "policy \"p\"\nfact bot_confidence: percent\nfact attempts_failed: number = 0\n\
             phrases asks_for_human = [\"talk to a human\"]\nteam desk { skills general }\n\
             rule asks: explicit {\n  when message mentions asks_for_human and bot_confidence > 0%\n  \
             escalate to desk\n}\nrule other: context {\n  when attempts_failed > 10\n  escalate to desk\n}\n",
            "attempts_failed >= 2 or bot_confidence < 60%  escalate to skill general",
        ),
        // A phrase set for asking for a person that no rule reads yet.
        (
            "no-escape-hatch",
            "policy \"p\"\n# allow: unused-definition\nphrases wants_agent = [\"an agent\"]\n\
             fact confidence: percent\nteam desk { skills travel }\n\
             rule unsure: limit {\n  when confidence < 60%\n  escalate to desk\n}\n",
            "message mentions wants_agent  escalate to desk",
        ),
        // None: the help declares one.
        (
            "no-escape-hatch",
            "policy \"p\"\nfact confidence: percent\nteam desk { skills travel }\n\
             rule unsure: limit {\n  when confidence < 60%\n  escalate to desk\n}\n",
            "phrases asks_for_human = [\"talk to a human\", \"real person\"]",
        ),
    ];
    for (code, source, shown) in cases {
        let d = baton::check_source("p.baton", source);
        let problem = d
            .problems()
            .iter()
            .find(|p| p.code().unwrap().to_string() == code)
            .unwrap_or_else(|| panic!("{code} expected for {source}"));
        let help = problem.help().unwrap().to_string();
        assert!(help.contains(shown), "{help}");
        // Every quoted line that declares something, pasted at the end of the file.
        let quoted: Vec<&str> = help
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|q| {
                ["rule ", "fact ", "phrases "]
                    .iter()
                    .any(|k| q.starts_with(k))
            })
            .collect();
        assert!(!quoted.is_empty(), "{help}");
        let fixed = format!("{source}{}\n", quoted.join("\n"));
        let d = baton::check_source("p.baton", &fixed);
        assert_eq!(d.error_count(), 0, "{fixed}\n{d:?}");
        assert!(
            !d.problems()
                .iter()
                .any(|p| p.code().unwrap().to_string() == code),
            "{fixed}"
        );
    }
}

#[test]
fn hours_in_a_zone_without_daylight_saving_are_reported() {
    let with_zone = |zone: &str| {
        policy("").replace(
            "team support { skills general }",
            &format!(
                "hours office in \"{zone}\" {{ mon-fri 09:00-17:00 }}\n\
                 offline ticket \"We're closed.\"\n\
                 team support {{ skills general; hours office }}"
            ),
        )
    };
    for (zone, offset, place) in [
        ("EST", "UTC-05:00", "America/New_York"),
        ("MST", "UTC-07:00", "America/Denver"),
        ("GMT", "UTC+00:00", "Europe/London"),
        ("Etc/GMT+5", "UTC-05:00", "America/New_York"),
    ] {
        let d = baton::check_source("p.baton", &with_zone(zone));
        let found: Vec<_> = d.problems().iter().collect();
        assert_eq!(found.len(), 1, "{zone}: {d:?}");
        assert_eq!(found[0].code().unwrap().to_string(), "fixed-offset-zone");
        assert_eq!(
            found[0].to_string(),
            format!(
                "hours `office` are read in `{zone}`, which keeps {offset} all year, with no daylight saving"
            )
        );
        assert!(
            found[0].help().unwrap().to_string().contains(place),
            "{zone}"
        );
    }
    // Places, and UTC said as such, are what hours are meant to be read in.
    for zone in ["America/New_York", "UTC", "Asia/Tokyo", "Pacific/Honolulu"] {
        assert_eq!(codes(&with_zone(zone)), Vec::<String>::new(), "{zone}");
    }
    // `# allow:` above the hours silences it.
    let allowed =
        with_zone("EST").replace("hours office", "# allow: fixed-offset-zone\nhours office");
    assert_eq!(codes(&allowed), Vec::<String>::new());
}
