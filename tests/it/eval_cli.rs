//! `baton eval`, `baton explain` and `baton compile` from the outside: exit codes,
//! output, JSON Lines, and a compiled table that decides as its source does.

use std::process::Output;

use serde_json::{Value, json};

use crate::{baton, policy_file, root, scratch, stderr, stdout};

fn with_stdin(args: &[&str], input: &str) -> Output {
    crate::baton_with_stdin(args, input)
}

const VIP: &str = r#"{"facts": {"confidence": 0.9, "tier": "vip"}, "messages": [{"from": "customer", "text": "I was charged twice for order #4829", "at": "2026-11-24T15:00:00Z"}]}"#;

#[test]
fn eval_prints_one_decision() {
    let out = with_stdin(&["eval", "rules-examples/acme.baton", "-"], VIP);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let d: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(d["rule"], json!("vip_billing"));
    assert_eq!(d["team"], json!("billing"));
    // Every key of design section 5, in its order.
    let text = stdout(&out);
    let at = |key: &str| {
        text.find(&format!("\n  \"{key}\":"))
            .unwrap_or_else(|| panic!("{key} in {text}"))
    };
    let keys = [
        "outcome", "rule", "kind", "team", "priority", "handoff", "say", "reason", "matched",
        "context",
    ];
    assert!(keys.windows(2).all(|w| at(w[0]) < at(w[1])), "{text}");
    // Standard input is also read with no REQUEST at all, and --compact is one line.
    let out = with_stdin(&["eval", "rules-examples/acme.baton", "--compact"], VIP);
    assert_eq!(stdout(&out).lines().count(), 1);
}

#[test]
fn jsonl_gives_one_line_per_request_and_errors_in_place() {
    let dir = scratch("jsonl");
    let file = dir.join("requests.jsonl");
    let bad_percent = r#"{"facts": {"confidence": 90}}"#;
    let truncated = r#"{"facts": {"confidence": 0.9"#;
    std::fs::write(
        &file,
        format!("{VIP}\n{bad_percent}\n\n{truncated}\n{VIP}\n"),
    )
    .unwrap();
    let out = baton(
        &root(),
        &["eval", "rules-examples/acme.baton", file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "one line per request, blank lines skipped");
    assert_eq!(lines[0]["rule"], json!("vip_billing"));
    assert_eq!(lines[1]["error"]["line"], json!(2));
    assert_eq!(lines[1]["error"]["path"], json!("facts.confidence"));
    // The help a person sees on standard error is in the object too; `null` when none.
    assert_eq!(
        lines[1]["error"]["help"],
        json!("for 90%, write 0.9 or \"90%\"")
    );
    assert_eq!(lines[2]["error"]["line"], json!(4));
    assert_eq!(lines[2]["error"]["help"], json!(null));
    assert!(
        lines[2]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not valid JSON")
    );
    assert_eq!(lines[3]["rule"], json!("vip_billing"));
    assert!(stderr(&out).contains("line 2: facts.confidence: expected a fraction from 0 to 1"));
    assert!(stderr(&out).contains("2 lines of the requests could not be decided"));
    // --jsonl reads lines from standard input too.
    let out = with_stdin(
        &["eval", "--jsonl", "rules-examples/acme.baton"],
        &format!("{VIP}\n{VIP}\n"),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out).lines().count(), 2);
}

#[test]
fn bad_requests_name_the_place_and_exit_1() {
    for (request, message) in [
        (
            r#"{"facts": {"confidence": "NaN%"}}"#,
            "facts.confidence: expected a fraction from 0 to 1",
        ),
        (
            r#"{"facts": {"confidence": 1e400}}"#,
            "not valid JSON: number out of range",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "mesages": []}"#,
            "did you mean `messages`?",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "messages": [{"from": "robot", "text": "hi", "at": "2026-11-24T15:00:00Z"}]}"#,
            "messages[0].from: expected \"customer\", \"bot\" or \"agent\", found \"robot\"",
        ),
        // A request's keys in other formats' words get Baton's word.
        (
            r#"{"facts": {"confidence": 0.9}, "conversation": []}"#,
            "help: write `messages`: it is what other formats call `conversation`",
        ),
        (
            r#"{"metadata": {"confidence": 0.9}}"#,
            "help: write `facts`: it is what other formats call `metadata`",
        ),
        // A message written as another chat format writes it gets told the name here.
        (
            r#"{"facts": {"confidence": 0.9}, "messages": [{"role": "user", "content": "hi", "at": "2026-11-24T15:00:00Z"}]}"#,
            "messages[0].content: unknown key; a message has `from`, `text` and `at`\n  help: write `text`: it is what other chat formats call `content`",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "messages": [{"from": "assistant", "text": "hi", "at": "2026-11-24T15:00:00Z"}]}"#,
            "help: write \"bot\": it is what other chat formats call \"assistant\"",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "messages": [{"from": "model", "text": "hi", "at": "2026-11-24T15:00:00Z"}]}"#,
            "help: write \"bot\": it is what other chat formats call \"model\"",
        ),
        // A chat model's instructions and tool results are no part of the conversation;
        // `human` may be either party.
        (
            r#"{"facts": {"confidence": 0.9}, "messages": [{"from": "system", "text": "You are a helpful assistant.", "at": "2026-11-24T15:00:00Z"}]}"#,
            "found \"system\"\n  help: a \"system\" message instructs the bot and is not part of the conversation: leave it out of `messages`",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "messages": [{"from": "tool", "text": "{\"order\": 4829}", "at": "2026-11-24T15:00:00Z"}]}"#,
            "help: a \"tool\" message is a tool's output, which the customer never saw: leave it out of `messages`, and give what the bot learnt from it as `facts`",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "messages": [{"from": "Human", "text": "hi", "at": "2026-11-24T15:00:00Z"}]}"#,
            "help: write \"customer\" for what the customer wrote (a chat model's \"human\"), or \"agent\" for a person of the support team",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "messages": [{"from": "Customer", "text": "hi", "at": "2026-11-24T15:00:00Z"}]}"#,
            "found \"Customer\"\n  help: did you mean \"customer\"?",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "messages": [{"from": "bot", "txt": "hi", "at": "2026-11-24T15:00:00Z"}]}"#,
            "messages[0].txt: unknown key; a message has `from`, `text` and `at`\n  help: did you mean `text`?",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "messages": [{"from": "bot", "text": "hi", "at": "yesterday"}]}"#,
            "messages[0].at: expected a time such as",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "teams": {"biling": {"available": 1}}}"#,
            "did you mean `billing`?",
        ),
        // A team's status as other systems write it.
        (
            r#"{"facts": {"confidence": 0.9}, "teams": {"billing": 1}}"#,
            "found 1\n  help: for 1 agent free now, write {\"available\": 1}",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "teams": [{"name": "billing", "available": 0}]}"#,
            "found a list\n  help: key each team by its name: \"teams\": {\"billing\": {\"available\": 0}}",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "teams": {"billing": {"open": false}}}"#,
            "help: the policy's hours say when a team is open; to say that no one can take a conversation now, write \"available\": 0",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "teams": {"billing": {"agents": 2, "queue_length": 4}}}"#,
            "teams.billing.agents: unknown key; a team has `available` and `waiting`\n  help: write `available`: the number of agents free now",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "teams": {"billing": {"queue_length": 4}}}"#,
            "help: write `waiting`: the number of customers waiting",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "teams": {"billing": {"availble": 2}}}"#,
            "help: did you mean `available`?",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "teams": {"sales": {"available": 1}}}"#,
            "help: the policy's teams: `tier1`, `billing`, `security`",
        ),
        (
            r#"{"facts": {"confidence": 0.9, "customer_id": 7}}"#,
            "help: the policy's facts: `confidence`, `intent`, `failed_attempts`, `tier`, `escalate_button`",
        ),
        // A list where a fact has one value.
        (
            r#"{"facts": {"confidence": 0.9, "tier": ["vip"]}}"#,
            "found a list\n  help: a fact has one value: write \"vip\" without the brackets",
        ),
        (
            r#"{"facts": {"confidence": 0.9, "intent": ["billing", "refund"]}}"#,
            "help: a fact has one value; to accept several, the policy tests it with `in [...]`",
        ),
        (
            r#"{"facts": {"confidence": 0.9, "tier": "vipp"}}"#,
            "(did you mean \"vip\"?)",
        ),
        (r#"[1, 2]"#, "expected a JSON object with `facts`"),
        (r#"{}"#, "facts: missing"),
        // A fact's right value written the wrong way gets the way to write it.
        (
            r#"{"facts": {"confidence": 90}}"#,
            "found 90\n  help: for 90%, write 0.9 or \"90%\"",
        ),
        (
            r#"{"facts": {"confidence": "0.9"}}"#,
            "help: write the fraction as a number: 0.9",
        ),
        (
            r#"{"facts": {"confidence": "90 %"}}"#,
            "help: write it without spaces: \"90%\"",
        ),
        (
            r#"{"facts": {"confidence": 0.9, "failed_attempts": "2"}}"#,
            "help: write it without quotes: 2",
        ),
        (
            r#"{"facts": {"confidence": 0.9, "escalate_button": "yes"}}"#,
            "help: write it without quotes: true",
        ),
        (
            r#"{"facts": {"confidence": 0.9, "tier": null}}"#,
            "found null\n  help: leave the fact out to use its default, \"standard\"",
        ),
        (
            r#"{"facts": {"confidence": null}}"#,
            "help: the policy requires this fact: give its value",
        ),
        (
            r#"{"facts": {"confidence": 0.9, "intent": 5}}"#,
            "help: write it in double quotes: \"5\"",
        ),
        // One message or action where a list goes, a count in quotes.
        (
            r#"{"facts": {"confidence": 0.9}, "messages": {"from": "customer", "text": "hi", "at": "2026-11-24T15:00:00Z"}}"#,
            "found an object\n  help: put the message in a list, even when it is the only one",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "actions": "looked up order"}"#,
            "help: put the action in a list, even when it is the only one: `\"actions\": [\"looked up order\"]`",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "teams": {"billing": {"available": "2"}}}"#,
            "teams.billing.available: expected a whole number of people, 0 or more, found \"2\"\n  help: write it without quotes: 2",
        ),
        // JSON as people write it by hand or print it from Python gets a help that names
        // what to change.
        (
            "{\u{201c}facts\u{201d}: {\u{201c}confidence\u{201d}: 0.9}}",
            "key must be a string (line 1, column 2)\n  help: the JSON has curly quotes",
        ),
        (
            "{'facts': {'confidence': 0.9}}",
            "help: JSON writes keys and texts in double quotes: `\"facts\"`, not `'facts'`",
        ),
        (
            r#"{"facts": {"confidence": 0.9, "escalate_button": True}}"#,
            "help: JSON writes `true`, `false` and `null`, in lower case",
        ),
        (
            r#"{"facts": {"confidence": 0.9}, "actions": ["looked up order",]}"#,
            "trailing comma (line 1, column 62)\n  help: remove the `,` before the closing bracket",
        ),
        (
            "{\"facts\": {\"confidence\": 0.9}\n  // the bot's facts\n}",
            "help: JSON has no comments: remove them",
        ),
        // A word without quotes gets them, taken whole even where serde_json stopped
        // inside it (`normal` begins like `null`, `télé` like `true`).
        (
            r#"{"facts": {"confidence": 0.9, "tier": vip}}"#,
            "expected value (line 1, column 39)\n  help: a text in JSON goes between double quotes: `\"vip\"`",
        ),
        (
            r#"{"facts": {"confidence": 0.9, "tier": normal}}"#,
            "a word that is not `true`, `false` or `null` (line 1, column 40)\n  \
             help: a text in JSON goes between double quotes: `\"normal\"`",
        ),
        (
            r#"{"facts": {"confidence": 0.9, "intent": télé}}"#,
            "help: a text in JSON goes between double quotes: `\"télé\"`",
        ),
        // Text that is no JSON at all, such as YAML, is shown what a request is.
        (
            "facts:\n  confidence: 0.9\n",
            "help: a request is one JSON object, from `{` to `}`, such as `{\"facts\": {\"confidence\": 0.9}}`",
        ),
        // Nothing at all (an empty file, a pipe that gave nothing) says so, not "EOF".
        (
            "",
            "error: request: the text is empty, with no JSON to read\n  help: a request is one JSON object",
        ),
        (" \n\n", "the text is empty"),
    ] {
        let out = with_stdin(&["eval", "rules-examples/acme.baton", "-"], request);
        assert_eq!(out.status.code(), Some(1), "{request}");
        assert!(
            stderr(&out).contains(message),
            "{request}: {}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty());
    }
}

#[test]
fn a_policy_with_errors_or_a_missing_file_is_refused() {
    let out = with_stdin(
        &["eval", "tests/fixtures/check/err/unknown-name.baton", "-"],
        VIP,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("unknown-name"), "{}", stderr(&out));
    assert!(stderr(&out).contains("fix the policy first"));
    let out = with_stdin(&["eval", "no/such.baton", "-"], VIP);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot read `no/such.baton`: no such file\n"
    );
    let out = baton(
        &root(),
        &["eval", "rules-examples/acme.baton", "no/such.json"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot read `no/such.json`: no such file\n"
    );
    // A folder where the policy goes (as `baton check` takes) names a policy in it.
    for command in [
        &[
            "eval",
            "rules-examples",
            "rules-examples/requests/acme-day.jsonl",
        ][..],
        &[
            "explain",
            "rules-examples",
            "rules-examples/requests/acme-vip-billing.json",
        ],
        &["compile", "rules-examples"],
        &[
            "bench",
            "rules-examples",
            "rules-examples/requests/acme-day.jsonl",
        ],
    ] {
        let out = baton(&root(), command);
        assert_eq!(out.status.code(), Some(2), "{command:?}");
        assert_eq!(
            stderr(&out),
            "error: `rules-examples` is a folder, where one policy file goes\n  help: name one of its policies, such as `rules-examples/acme.baton`\n",
            "{command:?}"
        );
    }
    // A folder where the requests go: it used to say "Is a directory (os error 21)".
    for command in ["eval", "explain", "bench"] {
        let out = baton(
            &root(),
            &[
                command,
                "rules-examples/acme.baton",
                "rules-examples/requests",
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert_eq!(
            stderr(&out),
            "error: `rules-examples/requests` is a folder, where one request file goes (`.json`, or `.jsonl` with one request per line)\n  help: name one of its requests, such as `rules-examples/requests/acme-corpus.jsonl`\n",
            "{command}"
        );
    }
}

#[test]
fn a_compiled_table_decides_as_its_source() {
    let dir = scratch("table");
    for example in ["acme", "bank", "telecom", "software"] {
        let policy = format!("rules-examples/{example}.baton");
        let out = baton(&root(), &["compile", "--format", "json", &policy]);
        assert_eq!(out.status.code(), Some(0));
        let table = dir.join(format!("{example}.json"));
        std::fs::write(&table, out.stdout).unwrap();

        // Every test of the example, as a JSON Lines file, through both.
        let source = std::fs::read_to_string(root().join(&policy)).unwrap();
        let compiled = baton::Policy::compile(example, &source).unwrap();
        let model = compiled.model().unwrap();
        let lines: Vec<String> = model
            .tests
            .iter()
            .map(|t| serde_json::to_string(&baton::eval::testing::request_for(model, t)).unwrap())
            .collect();
        let requests = dir.join(format!("{example}.jsonl"));
        std::fs::write(&requests, lines.join("\n")).unwrap();
        let from_source = baton(&root(), &["eval", &policy, requests.to_str().unwrap()]);
        let from_table = baton(
            &root(),
            &["eval", table.to_str().unwrap(), requests.to_str().unwrap()],
        );
        assert_eq!(from_source.status.code(), Some(0));
        assert_eq!(stdout(&from_source), stdout(&from_table), "{example}");
        assert_eq!(stdout(&from_source).lines().count(), model.tests.len());

        // The library loads the same table.
        let table: baton::DecisionTable =
            serde_json::from_slice(&std::fs::read(&table).unwrap()).unwrap();
        assert_eq!(&table, compiled.table());
    }
}

#[test]
fn a_broken_table_is_refused_with_a_clear_message() {
    let dir = scratch("broken-table");
    let out = baton(
        &root(),
        &["compile", "--format", "json", "rules-examples/acme.baton"],
    );
    let mut table: Value = serde_json::from_slice(&out.stdout).unwrap();
    table["rows"][0]["rule"] = json!(99);
    let path = dir.join("broken.json");
    std::fs::write(&path, table.to_string()).unwrap();
    let out = with_stdin(&["eval", path.to_str().unwrap(), "-"], VIP);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("row 1 points at nothing"),
        "{}",
        stderr(&out)
    );
    std::fs::write(&path, "{\"format\": 1}").unwrap();
    let out = with_stdin(&["eval", path.to_str().unwrap(), "-"], VIP);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not a decision table"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn compile_prints_an_aligned_table() {
    let out = baton(&root(), &["compile", "rules-examples/acme.baton"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("compile_acme", stdout(&out));
}

#[test]
fn explain_labels_every_test_with_what_it_saw() {
    let out = with_stdin(&["explain", "rules-examples/acme.baton", "-"], VIP);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "no colour with NO_COLOR");
    // Each rule's `file:line:column` names the line its drawing starts on, where an
    // editor that follows the link lands on the condition.
    let lines: Vec<&str> = text.lines().collect();
    let mut headers = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(at) = line
            .trim_start()
            .strip_prefix("╭─[ rules-examples/acme.baton:")
        else {
            continue;
        };
        headers += 1;
        let header_line = at.split(':').next().unwrap();
        let drawn = lines[i + 2].trim_start().split(' ').next().unwrap();
        assert_eq!(header_line, drawn, "{line}\n{}", lines[i + 2]);
    }
    assert_eq!(headers, 8, "one drawing per rule of acme\n{text}");
    insta::assert_snapshot!("explain_acme", text);
}

/// A support lead sees which words matched a phrase (a typo forgiven, a `word*` prefix)
/// and in which message, and why the team was chosen: each candidate open or closed at
/// its local time, a team with no agent free passed over, the fallback when none can
/// take it.
#[test]
fn explain_shows_the_phrase_found_and_how_the_team_was_chosen() {
    // Saturday 15:00 in London: both card teams are closed.
    let closed = r#"{"now": "2026-11-28T15:00:00Z", "facts": {"confidence": 0.9, "segment": "premier"},
        "messages": [{"from": "customer", "text": "I want to talk to a real persn please", "at": "2026-11-28T14:59:00Z"}]}"#;
    let out = with_stdin(&["explain", "rules-examples/bank.baton", "-"], closed);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(r#"it says "real persn", one typo from "real person""#));
    assert!(text.contains("none can take it now: premier_line is named, with a callback"));
    insta::assert_snapshot!("explain_bank_closed", text);

    // A skill's teams, fewest waiting first; the first has no agent free.
    let busy = r#"{"facts": {"confidence": 0.9},
        "teams": {"card_services": {"waiting": 4}, "premier_line": {"available": 0, "waiting": 1}},
        "messages": [{"from": "customer", "text": "Hello, I was double charged for my rent", "at": "2026-11-24T11:00:00Z"}]}"#;
    let out = with_stdin(&["explain", "rules-examples/bank.baton", "-"], busy);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(r#"message 1 says "double charged" (double charge*)"#));
    insta::assert_snapshot!("explain_bank_skill", text);

    // What a signal was made of: the messages counted, the words VADER found feeling
    // in (`not` turns "worst" around, as vaderSentiment does).
    let looping = r#"{"facts": {"confidence": 0.9, "intent": "order_status"}, "messages": [
        {"from": "customer", "text": "Where is my order?", "at": "2026-11-24T10:00:00Z"},
        {"from": "bot", "text": "Could you give me your order number?", "at": "2026-11-24T10:00:02Z"},
        {"from": "customer", "text": "where is my order", "at": "2026-11-24T10:00:10Z"},
        {"from": "bot", "text": "Could you give me your order number?", "at": "2026-11-24T10:00:12Z"},
        {"from": "customer", "text": "where is my order, not good, the worst", "at": "2026-11-24T10:00:20Z"},
        {"from": "bot", "text": "Could you give me your order number please?", "at": "2026-11-24T10:00:22Z"}]}"#;
    let out = with_stdin(&["explain", "rules-examples/acme.baton", "-"], looping);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for shown in [
        "✓ bot_loops is 2: messages 2 and 4 say again what message 6 says",
        "burst(30s) is 3: messages 1, 3 and 5 in the last 30s",
        r#"negative "good" (negated); positive "worst" (negated)"#,
    ] {
        assert!(text.contains(shown), "{shown}\n{text}");
    }

    // `within`, with the local time its hours read.
    let late = r#"{"facts": {"confidence": 0.9, "intent": "data_balance"},
        "messages": [{"from": "customer", "text": "how much data do I have left", "at": "2026-11-25T05:30:00Z"}]}"#;
    let out = with_stdin(&["explain", "rules-examples/telecom.baton", "-"], late);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("care: closed now, Tue 24 Nov 23:30 in America/Chicago"),
        "{text}"
    );
}

/// `--test` explains the request a test of the policy describes, found by its name or a
/// part of it that only one test's name holds; otherwise the error lists the tests.
#[test]
fn explain_a_test_of_the_policy() {
    // The example `explain --help` gives works as written.
    let help = stdout(&baton(&root(), &["explain", "--help"]));
    let example = help
        .lines()
        .find(|l| l.contains("--test \""))
        .unwrap_or_else(|| panic!("no --test example in {help}"));
    let name = example.split('"').nth(1).unwrap();
    let policy = example.split_whitespace().nth(2).unwrap();
    let out = baton(&root(), &["explain", policy, "--test", name]);
    assert_eq!(out.status.code(), Some(0), "{example}: {}", stderr(&out));

    let out = baton(
        &root(),
        &[
            "explain",
            "rules-examples/acme.baton",
            "--test",
            "VIP billing dispute in opening",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("escalate to billing (live), priority high, by vip_billing\n"),
        "{}",
        stdout(&out)
    );
    let out = baton(
        &root(),
        &[
            "explain",
            "rules-examples/acme.baton",
            "--test",
            "no such test",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the policy's tests are:"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("\"a VIP billing dispute in opening hours goes live to billing\"")
    );
    let out = baton(
        &root(),
        &["explain", "rules-examples/acme.baton", "--test", "billing"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("have \"billing\" in their name; give more of it"));
}

#[test]
fn eval_help_teaches_by_example() {
    let out = baton(&root(), &["eval", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    assert!(help.contains("baton eval rules-examples/acme.baton request.json"));
    assert!(help.contains(".jsonl"));
}

#[test]
fn explain_uses_colour_when_asked() {
    let out = with_stdin(
        &[
            "explain",
            "--color",
            "always",
            "rules-examples/acme.baton",
            "-",
        ],
        VIP,
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("\u{1b}["),
        "colour codes with --color always"
    );
    // Held tests in green, the others in red.
    assert!(stdout(&out).contains("\u{1b}[32m") && stdout(&out).contains("\u{1b}[31m"));
}

/// The sample requests shipped beside the examples decide as the README shows.
#[test]
fn the_shipped_sample_requests() {
    let out = baton(
        &root(),
        &[
            "eval",
            "rules-examples/acme.baton",
            "rules-examples/requests/acme-vip-billing.json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let d: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        (d["rule"].clone(), d["team"].clone()),
        (json!("vip_billing"), json!("billing"))
    );
    assert!(!stdout(&out).contains("4111 1111 1111 1111"));
    // Three requests and one the policy refuses, on purpose: exit 1, the error on line 4.
    let out = baton(
        &root(),
        &[
            "eval",
            "rules-examples/acme.baton",
            "rules-examples/requests/acme-day.jsonl",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let rules: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v.get("rule").cloned().unwrap_or(v["error"]["line"].clone())
        })
        .collect();
    assert_eq!(
        rules,
        [
            json!("simple_questions"),
            json!("asks_for_human"),
            json!("low_confidence"),
            json!(4)
        ]
    );
}

#[test]
fn request_files_saved_by_windows_editors_are_read_or_explained() {
    let dir = scratch("encodings");
    let policy = "rules-examples/acme.baton";
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_string()
    };
    let with_bom = |text: &str| [b"\xEF\xBB\xBF", text.as_bytes()].concat();

    // A UTF-8 byte order mark (Notepad writes one) is ignored: the same decision.
    let plain = write("plain.json", VIP.as_bytes());
    let marked = write("marked.json", &with_bom(VIP));
    let expected = baton(&root(), &["eval", policy, &plain]);
    assert_eq!(expected.status.code(), Some(0), "{}", stderr(&expected));
    let out = baton(&root(), &["eval", policy, &marked]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), stdout(&expected));
    let out = baton(&root(), &["explain", policy, &marked]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // At the start of a JSON Lines file, it does not cost the first line; nor at the
    // start of a later line, where joining two such files puts it.
    let lines = write(
        "marked.jsonl",
        &[with_bom(&format!("{VIP}\n")), with_bom(&format!("{VIP}\n"))].concat(),
    );
    let out = baton(&root(), &["eval", policy, &lines]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let decisions: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(decisions.len(), 2);
    assert!(decisions.iter().all(|d| d["rule"] == json!("vip_billing")));

    // Nor at the start of a saved table.
    let table = baton(&root(), &["compile", "--format", "json", policy]);
    let table = write("table.json", &with_bom(&stdout(&table)));
    let out = baton(&root(), &["eval", &table, &marked]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), stdout(&expected));

    // UTF-16 ("Unicode" to some Windows editors) is refused, and the error says what
    // it is and what to do.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(VIP.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let out = baton(&root(), &["eval", policy, &write("utf16.json", &utf16)]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(message.contains("is not UTF-8 text (byte 0"), "{message}");
    assert!(message.contains("help: it is UTF-16 text"), "{message}");

    // Other text that is not UTF-8 (Latin-1 here) gets the general advice.
    let at = VIP.find("twice").unwrap();
    let latin1 = [&VIP.as_bytes()[..at], b"\xE9 ", &VIP.as_bytes()[at..]].concat();
    let out = baton(&root(), &["eval", policy, &write("latin1.json", &latin1)]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.contains(&format!("(byte {at} is not valid)")),
        "{message}"
    );
    assert!(message.contains("as JSON requires"), "{message}");
}

#[test]
fn a_request_read_from_a_terminal_is_asked_for() {
    // Piped in: nothing but the decision.
    let out = with_stdin(&["eval", "rules-examples/acme.baton", "--compact"], VIP);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "");

    // At a terminal, `baton eval POLICY` with no request would wait in silence; it says
    // what it waits for.
    let Some(seen) = crate::baton_at_a_terminal(
        &["eval", "--compact", "rules-examples/acme.baton"],
        &format!("{VIP}\n"),
    ) else {
        return;
    };
    assert!(
        seen.contains("reading the request from the terminal: paste its JSON, then press Ctrl-D"),
        "{seen}"
    );
    assert!(seen.contains(r#""rule":"vip_billing""#), "{seen}");
}

#[test]
fn explain_takes_one_line_of_json_lines() {
    let dir = scratch("explain-line");
    let policy = "rules-examples/acme.baton";
    let plain = r#"{"facts": {"confidence": 0.9}}"#;
    let file = dir.join("requests.jsonl");
    std::fs::write(&file, format!("{plain}\n{VIP}\n\n")).unwrap();
    let file = file.to_str().unwrap();

    // Which one? explain does not guess.
    let out = baton(&root(), &["explain", policy, file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("holds 2 requests, one per line; explain shows one")
            && stderr(&out).contains("help: add `--line N`"),
        "{}",
        stderr(&out)
    );

    // The line `baton eval` numbers 2 is the VIP request.
    let out = baton(&root(), &["explain", policy, file, "--line", "2"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("escalate to billing (live), priority high, by vip_billing"),
        "{}",
        stdout(&out)
    );
    let out = baton(&root(), &["explain", policy, file, "--line", "1"]);
    assert!(stdout(&out).starts_with("stay"), "{}", stdout(&out));

    // Lines that hold no request.
    let out = baton(&root(), &["explain", policy, file, "--line", "3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("line 3 of"), "{}", stderr(&out));
    assert!(stderr(&out).contains("is blank"), "{}", stderr(&out));
    let out = baton(&root(), &["explain", policy, file, "--line", "9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("has 3 lines, so no line 9"),
        "{}",
        stderr(&out)
    );

    // A `.jsonl` file of one request needs no --line, and standard input takes one.
    let one = dir.join("one.jsonl");
    std::fs::write(&one, format!("\n{VIP}\n")).unwrap();
    let out = baton(&root(), &["explain", policy, one.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let two = format!("{plain}\n{VIP}\n");
    let out = with_stdin(&["explain", policy, "-", "--line", "2"], &two);
    assert!(
        stdout(&out).starts_with("escalate to billing"),
        "{}",
        stdout(&out)
    );

    // Several requests where one is expected: the error says what they look like.
    let out = with_stdin(&["explain", policy], &two);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("add `--line N`"), "{}", stderr(&out));
    let out = with_stdin(&["eval", policy], &two);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("help: this is one request per line (JSON Lines): add `--jsonl`"),
        "{}",
        stderr(&out)
    );
    // One request that is merely broken gets no such advice.
    let out = with_stdin(&["eval", policy], &format!("{plain} x\n"));
    assert_eq!(out.status.code(), Some(1));
    assert!(!stderr(&out).contains("JSON Lines"), "{}", stderr(&out));
}

#[test]
fn explain_names_a_typo_that_a_fuzzy_set_would_match() {
    let policy = policy_file(
        "explain-typo",
        "shop.baton",
        r#"policy "shop"
fact confidence: percent
phrases refunds = ["refund", "money back", "sue"]
team help { skills general }
rule wants_refund: context {
  when message mentions refunds
  escalate to help
}
test "typo" {
  facts { confidence: 90% }
  customer "I want a refnd"
  expect escalate to help by wants_refund
}
test "short" {
  facts { confidence: 90% }
  customer "I will see you"
  expect stay
}
"#,
    );
    let policy = policy.as_str();
    let out = baton(&root(), &["explain", policy, "--test", "typo"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            r#"✗ no phrase of refunds in the latest message (it says "refnd", one typo from "refund": `phrases refunds fuzzy` would match it)"#
        ),
        "{text}"
    );
    assert_eq!(text.matches("would match it").count(), 1, "{text}");

    // A word of fewer than 5 letters allows no typo: "see" is not "sue".
    let out = baton(&root(), &["explain", policy, "--test", "short"]);
    let text = stdout(&out);
    assert!(
        text.contains("✗ no phrase of refunds in the latest message"),
        "{text}"
    );
    assert!(!text.contains("would match it"), "{text}");
}

#[test]
fn a_policy_and_requests_given_the_other_way_round_are_put_right() {
    let request = "rules-examples/requests/acme-vip-billing.json";
    for command in ["eval", "explain", "bench"] {
        let out = baton(&root(), &[command, request, "rules-examples/acme.baton"]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert_eq!(
            stderr(&out),
            format!(
                "error: `rules-examples/acme.baton` is a policy, given where the requests go\n  \
                 help: the policy comes first: `baton {command} rules-examples/acme.baton {request}`\n"
            )
        );
    }
    // The right order is unchanged.
    let out = baton(&root(), &["eval", "rules-examples/acme.baton", request]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn json_lines_are_read_a_line_at_a_time() {
    let dir = scratch("jsonl-stream");
    let policy = "rules-examples/acme.baton";

    // A file larger than one request may be is decided line by line: a line over the
    // limit is an error in its place, skipped without being kept, and the lines around
    // it are decided.
    let file = dir.join("large.jsonl");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
        writeln!(f, "{VIP}").unwrap();
        let prefix =
            r#"{"facts": {"confidence": 0.9}, "messages": [{"from": "customer", "text": ""#;
        f.write_all(prefix.as_bytes()).unwrap();
        let chunk = "a".repeat(1 << 20);
        for _ in 0..64 {
            f.write_all(chunk.as_bytes()).unwrap();
        }
        writeln!(f, "\", \"at\": \"2026-11-24T15:00:00Z\"}}]}}").unwrap();
        writeln!(f, "{VIP}").unwrap();
    }
    let out = baton(&root(), &["eval", policy, file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["rule"], json!("vip_billing"));
    assert_eq!(lines[1]["error"]["line"], json!(2));
    let message = lines[1]["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("the request is 671")
            && message.ends_with("bytes, more than the limit of 67108864 bytes"),
        "{message}"
    );
    assert_eq!(lines[2]["rule"], json!("vip_billing"));
    // `explain --line` reads the same way, to the line asked for.
    let large = file.to_str().unwrap();
    let out = baton(&root(), &["explain", policy, large, "--line", "3"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("rule vip_billing (context) decides"));
    let out = baton(&root(), &["explain", policy, large, "--line", "2"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("line 2: the request is 671"),
        "{}",
        stderr(&out)
    );
    let out = baton(&root(), &["explain", policy, large]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("holds 3 requests, one per line"),
        "{}",
        stderr(&out)
    );

    // A line that is not UTF-8 is refused in its place, not the whole input.
    let latin1 = [
        VIP.as_bytes(),
        b"\n",
        &VIP.as_bytes()[..20],
        b"\xE9",
        &VIP.as_bytes()[20..],
        b"\n",
        VIP.as_bytes(),
        b"\n",
    ]
    .concat();
    let out = crate::run_with_stdin(
        std::process::Command::new(env!("CARGO_BIN_EXE_baton"))
            .args(["eval", "--jsonl", policy])
            .current_dir(root()),
        latin1,
    );
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[1]["error"]["message"],
        json!("the line is not UTF-8 text (byte 20 is not valid)")
    );
    assert_eq!(lines[2]["rule"], json!("vip_billing"));

    // UTF-16 is refused whole, as it is for one request.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(format!("{VIP}\n").encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let file = dir.join("utf16.jsonl");
    std::fs::write(&file, utf16).unwrap();
    let out = baton(&root(), &["eval", policy, file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("help: it is UTF-16 text"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn a_stream_of_requests_gets_each_decision_as_its_line_arrives() {
    use std::io::{BufRead, Write};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_baton"))
        .args(["eval", "--jsonl", "rules-examples/acme.baton"])
        .current_dir(root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let output = child.stdout.take().unwrap();
    // The decision is read while standard input is still open: it was written when its
    // line arrived, not at the end of the input.
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = std::io::BufReader::new(output).lines();
        for line in lines.by_ref() {
            if sender.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    for round in 0..2 {
        writeln!(input, "{VIP}").unwrap();
        input.flush().unwrap();
        let line = receiver
            .recv_timeout(std::time::Duration::from_secs(30))
            .unwrap_or_else(|_| {
                panic!("no decision for line {} while the input is open", round + 1)
            });
        let decision: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(decision["rule"], json!("vip_billing"));
    }
    drop(input);
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

/// What a customer wrote is quoted as they wrote it: the marks of a Hindi word or of an
/// accent typed on its own are shown, not escaped as `\u{94d}`; what hides or reorders
/// the line (a right-to-left override) is shown escaped.
#[test]
fn explain_quotes_text_in_any_script_as_written() {
    let policy = policy_file(
        "explain-scripts",
        "greet.baton",
        r#"policy "greet"
fact topic: text = ""
phrases greeting = ["नमस्ते", "résumé"]
team help { skills general }
rule greets: context {
  when message mentions greeting or topic in ["x"]
  escalate to help
}
"#,
    );
    let policy = policy.as_str();
    let request = r#"{"facts": {"topic": "a\u202eb"}, "messages": [{"from": "customer", "text": "नमस्ते, मुझे मदद चाहिए", "at": "2026-11-24T15:00:00Z"}]}"#;
    let out = with_stdin(&["explain", policy, "-"], request);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(r#"it says "नमस्ते""#), "{text}");
    assert!(text.contains(r#"topic is "a\u{202e}b""#), "{text}");
    let request = r#"{"facts": {}, "messages": [{"from": "customer", "text": "my re\u0301sume\u0301", "at": "2026-11-24T15:00:00Z"}]}"#;
    let text = stdout(&with_stdin(&["explain", policy, "-"], request));
    assert!(text.contains("it says \"re\u{301}sume\u{301}\""), "{text}");
}
