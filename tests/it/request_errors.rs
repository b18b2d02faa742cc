//! A request with several mistakes is refused once with all of them: a bot engineer
//! fixes them in one go, not one run at a time.

use baton::limits::MAX_REQUEST_ERRORS;
use baton::{Policy, Request, RequestError, Session};

use crate::{baton_with_stdin, root, stderr, stdout};

fn acme() -> Policy {
    let source = std::fs::read_to_string(root().join("rules-examples/acme.baton")).unwrap();
    Policy::compile("acme.baton", &source).unwrap()
}

/// The paths of every error reported, in order.
fn paths(e: &RequestError) -> Vec<&str> {
    e.all().map(|e| e.path.as_str()).collect()
}

#[test]
fn every_mistake_in_a_request_s_shape_is_reported() {
    let e = Request::from_json(
        r#"{"facts": {}, "now": "yesterday", "priority": "high",
            "messages": [{"from": "customer", "text": "hi", "at": "2026-11-24T15:00:00Z"},
                         {"from": "user", "text": 3, "at": "2026-11-24T15:00:01Z"},
                         "hello"],
            "actions": ["looked up order", 7],
            "teams": {"billing": {"available": "2", "open": true}}}"#,
    )
    .unwrap_err();
    assert_eq!(
        paths(&e),
        [
            "priority",
            "now",
            "messages[1].from",
            "messages[1].text",
            "messages[2]",
            "actions[1]",
            "teams.billing.available",
            "teams.billing.open",
        ]
    );
    // Each keeps its own help.
    let help = |path: &str| e.all().find(|e| e.path == path).unwrap().help.clone();
    assert_eq!(
        help("teams.billing.available").as_deref(),
        Some("write it without quotes: 2")
    );
    assert!(
        help("messages[1].from").unwrap().contains("\"customer\""),
        "{e:?}"
    );
    // What prints only the error itself says that there is more.
    assert_eq!(e.more, 0);
    assert!(
        e.to_string().ends_with("(and 7 more errors)"),
        "{}",
        e.to_string()
    );
    assert!(e.also.iter().all(|a| a.also.is_empty() && a.more == 0));
    // A miette report, as a service built on miette prints it, shows every one.
    let report = format!("{:?}", miette::Report::new(e.clone()));
    for path in paths(&e) {
        assert!(report.contains(path), "{path} in {report}");
    }
}

#[test]
fn every_fact_the_policy_refuses_is_reported_with_the_times() {
    let policy = acme();
    let request = Request::from_json(
        r#"{"facts": {"confidance": 0.9, "tier": "platinum", "failed_attempts": "two",
                      "channel": "web"},
            "messages": [{"from": "customer", "text": "a", "at": "2026-11-24T15:00:10Z"},
                         {"from": "customer", "text": "b", "at": "2026-11-24T15:00:00Z"}],
            "teams": {"bilings": {"available": 1}}}"#,
    )
    .unwrap();
    let e = policy.decide(&request).unwrap_err();
    assert_eq!(
        paths(&e),
        [
            "facts.channel",
            "facts.confidance",
            "teams.bilings",
            "facts.failed_attempts",
            "facts.tier",
            "messages[1].at",
        ]
    );
    // `confidance` is taken for `confidence`: its help says so, and the required fact is
    // not also reported missing.
    assert_eq!(
        e.also[0].help.as_deref(),
        Some("did you mean `confidence`?")
    );
    // With no name close to it, a missing required fact is reported.
    let request = Request::from_json(r#"{"facts": {"trust": 0.9, "tier": "gold"}}"#).unwrap();
    let e = policy.decide(&request).unwrap_err();
    assert_eq!(paths(&e), ["facts.trust", "facts.confidence"]);
    assert!(e.also[0].message.starts_with("missing"), "{e:?}");
}

#[test]
fn a_session_reports_the_facts_and_the_times_together() {
    let policy = acme();
    let mut session = Session::new(&policy);
    let request = Request::from_json(
        r#"{"facts": {"confidence": 90},
            "messages": [{"from": "customer", "text": "a", "at": "2026-11-24T15:00:10Z"},
                         {"from": "customer", "text": "b", "at": "2026-11-24T15:00:00Z"}]}"#,
    )
    .unwrap();
    let e = session.decide(&request).unwrap_err();
    assert_eq!(paths(&e), ["facts.confidence", "messages[1].at"]);
}

#[test]
fn the_same_mistake_in_every_message_is_one_error_naming_the_places() {
    // A conversation in another chat format: `role` and `content` in every message.
    let messages: Vec<String> = (0..6)
        .map(|i| format!(r#"{{"role": "user", "content": "hi", "at": "2026-11-24T15:00:0{i}Z"}}"#))
        .collect();
    let text = format!(r#"{{"facts": {{}}, "messages": [{}]}}"#, messages.join(","));
    let e = Request::from_json(&text).unwrap_err();
    // Two mistakes, not twelve; and `from` and `text` are not also reported missing,
    // since the helps already say to rename the keys.
    assert_eq!(paths(&e), ["messages[0].content", "messages[0].role"]);
    assert_eq!(
        e.message,
        "unknown key; a message has `from`, `text` and `at` (the same at \
         `messages[1].content`, `messages[2].content`, `messages[3].content` and 2 more places)"
    );
    assert_eq!(
        e.also[0].help.as_deref(),
        Some("write `from`: it is what other chat formats call `role`")
    );
    // A missing field no unknown key stands for is still reported.
    let e = Request::from_json(
        r#"{"facts": {}, "messages": [{"role": "user", "at": "2026-11-24T15:00:00Z"}]}"#,
    )
    .unwrap_err();
    assert_eq!(paths(&e), ["messages[0].role", "messages[0].text"]);
}

/// A request whose shape is wrong is also checked against the policy, in what could be
/// read of it: a bot engineer who pasted another chat format's messages and misspelt a
/// fact learns both at once, not the second after fixing the first.
#[test]
fn a_request_whose_shape_is_wrong_is_checked_against_the_policy_too() {
    let policy = acme();
    let text = r#"{"facts": {"confidance": 0.4, "tier": "platinum"},
        "messages": [{"role": "user", "content": "my card was stolen", "at": "2026-11-24T15:00:00Z"}],
        "teams": {"bilings": {"available": 0}, "tier1": {"available": "2"}}}"#;
    // Alone, the request can tell only its shape.
    let shape = Request::from_json(text).unwrap_err();
    assert_eq!(
        paths(&shape),
        [
            "messages[0].content",
            "messages[0].role",
            "teams.tier1.available"
        ]
    );
    // Read for the policy: the facts and the team names as well, each with its help.
    let e = policy.read_request(text).unwrap_err();
    assert_eq!(
        paths(&e),
        [
            "messages[0].content",
            "messages[0].role",
            "teams.tier1.available",
            "facts.confidance",
            "teams.bilings",
            "facts.tier",
        ]
    );
    let help = |path: &str| e.all().find(|e| e.path == path).unwrap().help.clone();
    assert_eq!(
        help("facts.confidance").as_deref(),
        Some("did you mean `confidence`?")
    );
    assert_eq!(
        help("teams.bilings").as_deref(),
        Some("did you mean `billing`?")
    );
    // The misspelt fact stands for `confidence`, which is not also reported missing.
    assert!(e.all().all(|e| e.path != "facts.confidence"), "{e}");

    // Without `facts` (here misspelt as a key), nothing is said of the facts, which
    // could not be read; the unknown team still is.
    let e = policy
        .read_request(r#"{"fact": {"confidence": 0.9}, "teams": {"bilings": {}}}"#)
        .unwrap_err();
    assert_eq!(paths(&e), ["fact", "facts", "teams.bilings"]);
    // A well-formed request is read as `Request::from_json` reads it; text that is no
    // JSON is refused as before.
    let good = r#"{"facts": {"confidence": 0.9}}"#;
    assert_eq!(
        serde_json::to_value(policy.read_request(good).unwrap()).unwrap(),
        serde_json::to_value(Request::from_json(good).unwrap()).unwrap()
    );
    assert_eq!(
        policy.read_request("{\"facts\": ").unwrap_err().to_string(),
        Request::from_json("{\"facts\": ").unwrap_err().to_string()
    );

    // The command line reads requests so: every error, in one answer.
    let out = baton_with_stdin(&["eval", "rules-examples/acme.baton"], text);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for path in [
        "messages[0].content",
        "facts.confidance",
        "teams.bilings",
        "facts.tier",
    ] {
        assert!(err.contains(&format!("error: {path}: ")), "{path}: {err}");
    }
}

/// What could be read of a request whose shape is wrong includes the names of teams whose
/// availability has a mistake and the times of messages left out for another mistake: a
/// misspelt team or a message sent out of order is reported with the shape's errors, and
/// only where the request, once its shape is right, is refused for it too.
#[test]
fn a_partly_read_request_has_its_team_names_and_times_checked() {
    let policy = acme();
    let message = |key: &str, at: &str| {
        format!(r#"{{"from": "customer", "{key}": "where is my order", "at": {at}}}"#)
    };
    let request = |key: &str, teams: &str| {
        format!(
            r#"{{"facts": {{"confidence": 0.9}}, "now": "2026-11-24T12:00:00Z",
                "teams": {teams}, "messages": [{}, {}, {}, {}]}}"#,
            // Left out for its `content`, yet its time is read.
            message(key, r#""2026-11-24T15:00:00Z""#),
            message("text", r#""2026-11-24T14:00:00Z""#),
            // No time to compare with: its neighbours are not checked against it.
            message("text", "1732460400"),
            message("text", r#""2026-11-24T13:00:00Z""#),
        )
    };
    let e = policy
        .read_request(&request("content", r#"{"tier_1": {"available": "2"}}"#))
        .unwrap_err();
    assert_eq!(
        paths(&e),
        [
            "messages[0].content",
            "messages[2].at",
            "teams.tier_1.available",
            "teams.tier_1",
            "messages[1].at",
            "now",
        ]
    );
    let error = |path: &str| e.all().find(|e| e.path == path).unwrap().clone();
    assert_eq!(
        error("messages[1].at").message,
        "2026-11-24T14:00:00Z is earlier than the message before it (2026-11-24T15:00:00Z); \
         messages go oldest first"
    );
    assert_eq!(
        error("teams.tier_1").help.as_deref(),
        Some("did you mean `tier1`?")
    );

    // With the shape put right, the request is refused for the same team and order, and
    // for what the unreadable time hid: the errors read early were not guesses.
    let e = policy
        .read_request(
            &request("text", r#"{"tier_1": {"available": 2}}"#)
                .replace("1732460400", r#""2026-11-24T16:00:00Z""#),
        )
        .and_then(|r| policy.decide(&r).map(|_| ()))
        .unwrap_err();
    assert_eq!(
        paths(&e),
        ["teams.tier_1", "messages[1].at", "messages[3].at", "now"]
    );
}

#[test]
fn errors_past_the_limit_are_counted() {
    let keys: Vec<String> = (0..25).map(|i| format!(r#""extra{i:02}": 1"#)).collect();
    // acme's one required fact given, so that only the keys are wrong.
    let text = format!(r#"{{"facts": {{"confidence": 0.9}}, {}}}"#, keys.join(", "));
    let e = Request::from_json(&text).unwrap_err();
    assert_eq!(e.all().count(), MAX_REQUEST_ERRORS);
    assert_eq!(e.more, 25 - MAX_REQUEST_ERRORS);
    assert_eq!(e.path, "extra00");
    assert!(e.to_string().ends_with("(and 24 more errors)"), "{e}");

    // The command line prints each reported error, then how many more there are.
    let out = baton_with_stdin(&["eval", "rules-examples/acme.baton"], &text);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(
        err.matches("error: extra").count(),
        MAX_REQUEST_ERRORS,
        "{err}"
    );
    assert!(
        err.ends_with("and 15 more errors in this request\n"),
        "{err}"
    );
}

#[test]
fn the_command_line_shows_every_error_with_its_help() {
    // What `baton eval` on acme writes to standard error for `request`, refused (exit 1).
    let refused = |request: &str| {
        let out = baton_with_stdin(&["eval", "rules-examples/acme.baton"], request);
        assert_eq!(out.status.code(), Some(1), "{request}");
        stderr(&out)
    };
    assert_eq!(
        refused(r#"{"facts": {"confidence": 90, "escalate_button": "yes"}}"#),
        "error: facts.confidence: expected a fraction from 0 to 1 or a string like \"90%\", found 90\n  \
         help: for 90%, write 0.9 or \"90%\"\n\
         error: facts.escalate_button: expected `true` or `false`, found \"yes\"\n  \
         help: write it without quotes: true\n"
    );
    // A batch written as one JSON list is pointed to JSON Lines, which `eval` reads.
    assert_eq!(
        refused(r#"[{"facts": {"confidence": 0.9}}, {"facts": {"confidence": 0.2}}]"#),
        "error: request: expected a JSON object with `facts`, found a list\n  \
         help: a request is one object; to decide several, write one per line (JSON Lines: \
         `baton eval` reads a `.jsonl` file, or `--jsonl` on standard input)\n"
    );
}

#[test]
fn a_json_lines_error_object_holds_every_error() {
    let input = concat!(
        r#"{"facts": {"confidence": 90, "tier": "platinum"}}"#,
        "\n",
        r#"{"facts": {"confidence": 0.9}}"#,
        "\n"
    );
    let out = baton_with_stdin(&["eval", "--jsonl", "rules-examples/acme.baton"], input);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let error = &lines[0]["error"];
    assert_eq!(error["line"], 1);
    assert_eq!(error["path"], "facts.confidence");
    assert_eq!(error["more"], 0);
    let also = error["also"].as_array().unwrap();
    assert_eq!(also.len(), 1);
    assert_eq!(also[0]["path"], "facts.tier");
    assert_eq!(
        also[0]["message"],
        r#"expected one of "standard", "gold", "vip", found "platinum""#
    );
    assert!(also[0]["help"].is_null());
    // The next line is decided as usual.
    assert_eq!(lines[1]["outcome"], "stay");
    // Standard error has both, each on the line's number.
    let err = stderr(&out);
    assert!(err.contains("error: line 1: facts.confidence:"), "{err}");
    assert!(err.contains("error: line 1: facts.tier:"), "{err}");
}

/// The README shows what `baton eval` says of the shipped request with mistakes in it.
#[test]
fn the_readme_shows_every_error_of_the_shipped_request() {
    let command = "baton eval rules-examples/acme.baton rules-examples/requests/acme-mistakes.json";
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find(&format!("$ {command}\n"))
        .expect("the README shows it")
        + command.len()
        + 3;
    let end = start + readme[start..].find("```").unwrap();
    let args: Vec<&str> = command.split(' ').skip(1).collect();
    let out = crate::baton(&root(), &args);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), readme[start..end]);
}

#[test]
fn an_unknown_fact_s_help_lists_the_policy_s_facts_when_they_are_few() {
    // A policy of `count` number facts, `f1` to `f{count}`.
    let with_facts = |count: usize| {
        let facts: String = (1..=count)
            .map(|i| format!("fact f{i}: number = 0\n"))
            .collect();
        let source = format!(
            "policy \"p\"\n{facts}team t {{ skills general }}\n\
             rule r: signal {{\n  when turns > 3\n  escalate to t\n}}\n"
        );
        Policy::compile("p.baton", &source).unwrap()
    };
    let help = |policy: &Policy| {
        let request = Request::from_json(r#"{"facts": {"customer_tier": "vip"}}"#).unwrap();
        let e = policy.decide(&request).unwrap_err();
        assert_eq!(paths(&e), ["facts.customer_tier"]);
        e.help
    };
    assert_eq!(
        help(&with_facts(0)).as_deref(),
        Some("the policy declares no fact")
    );
    let twelve = help(&with_facts(12)).unwrap();
    assert!(
        twelve.starts_with("the policy's facts: `f1`, `f2`, ") && twelve.ends_with("`f12`"),
        "{twelve}"
    );
    // Beyond twelve, a list would bury the error; a close name is still suggested.
    assert_eq!(help(&with_facts(13)), None);
    let request = Request::from_json(r#"{"facts": {"f13x": 1}}"#).unwrap();
    let e = with_facts(13).decide(&request).unwrap_err();
    assert_eq!(e.help.as_deref(), Some("did you mean `f13`?"));
}

#[test]
fn a_fact_written_the_wrong_way_gets_help_only_where_the_right_way_exists() {
    let policy = Policy::compile(
        "p.baton",
        "policy \"p\"\nfact confidence: percent\nfact vip: bool = false\n\
         team t { skills general }\n\
         rule r: context {\n  when confidence < 50% and vip\n  escalate to t\n}\n",
    )
    .unwrap();
    let help = |facts: &str| {
        let text = format!(r#"{{"facts": {{{facts}}}}}"#);
        let request = Request::from_json(&text).unwrap();
        let e = policy.decide(&request).unwrap_err();
        assert_eq!(e.all().count(), 1, "{facts}: {e}");
        e.help
    };
    let with = |fact: &str| help(&format!(r#""confidence": 0.5, {fact}"#));
    // A percent as a whole number, up to 100.
    assert_eq!(
        help(r#""confidence": 90"#).as_deref(),
        Some("for 90%, write 0.9 or \"90%\"")
    );
    assert_eq!(
        help(r#""confidence": 100"#).as_deref(),
        Some("for 100%, write 1 or \"100%\"")
    );
    assert_eq!(help(r#""confidence": 150"#), None);
    // A percent with spaces, when it is one without them.
    assert_eq!(
        help(r#""confidence": " 50 %""#).as_deref(),
        Some("write it without spaces: \"50%\"")
    );
    assert_eq!(help(r#""confidence": " 150 %""#), None);
    // A yes/no fact as 1 or 0.
    assert_eq!(with(r#""vip": 1"#).as_deref(), Some("write `true` for 1"));
    assert_eq!(with(r#""vip": 0"#).as_deref(), Some("write `false` for 0"));
    assert_eq!(with(r#""vip": 2"#), None);
    // A yes/no fact in quotes, in the words people use.
    for (word, flag) in [
        ("yes", "true"),
        ("On", "true"),
        (" no ", "false"),
        ("off", "false"),
    ] {
        assert_eq!(
            with(&format!(r#""vip": "{word}""#)),
            Some(format!("write it without quotes: {flag}")),
            "{word}"
        );
    }
    assert_eq!(with(r#""vip": "maybe""#), None);
    // One value in brackets is shown without them, when it is short enough to quote.
    assert_eq!(
        with(r#""vip": [true]"#).as_deref(),
        Some("a fact has one value: write true without the brackets")
    );
    let long = format!(r#""vip": ["{}"]"#, "y".repeat(60));
    assert_eq!(
        with(&long).as_deref(),
        Some("a fact has one value; to accept several, the policy tests it with `in [...]`")
    );
}
