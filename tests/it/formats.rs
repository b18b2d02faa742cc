//! The machine formats of `baton check`: SARIF 2.1.0 and GitHub workflow commands.

use std::collections::HashSet;

use crate::{baton, root, stdout};

#[test]
fn sarif_is_a_valid_2_1_0_log_with_one_rule_per_code() {
    let dir = root().join("tests/fixtures/check");
    let out = baton(
        &dir,
        &[
            "check",
            "--format",
            "sarif",
            "err/unknown-name.baton",
            "warn/unreachable-rule.baton",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "an error fails the check");
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "baton");
    assert!(driver["version"].is_string());

    // One rule per code of the catalogue, each with its help and default level.
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "rule ids are unique");
    assert_eq!(ids.len(), baton::codes::CODES.len());
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        let help = rule["help"]["text"].as_str().unwrap();
        assert!(help.contains(&format!("docs/diagnostics.md#{id}")), "{id}");
        assert!(
            !rule["shortDescription"]["text"]
                .as_str()
                .unwrap()
                .is_empty()
        );
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning"].contains(&level));
    }
    assert_eq!(
        rules[ids.iter().position(|i| *i == "unreachable-rule").unwrap()]["defaultConfiguration"]["level"],
        "warning"
    );

    // Every result names a rule of the list, by id and by index, with a place.
    let results = run["results"].as_array().unwrap();
    let found: Vec<(&str, &str, u64, &str)> = results
        .iter()
        .map(|r| {
            let id = r["ruleId"].as_str().unwrap();
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], id);
            assert!(!r["message"]["text"].as_str().unwrap().is_empty());
            let location = &r["locations"][0]["physicalLocation"];
            let region = &location["region"];
            for key in ["startLine", "startColumn", "endLine", "endColumn"] {
                assert!(region[key].as_u64().unwrap() >= 1, "{key}");
            }
            (
                id,
                r["level"].as_str().unwrap(),
                region["startLine"].as_u64().unwrap(),
                location["artifactLocation"]["uri"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("unknown-name", "error", 5, "err/unknown-name.baton"),
            (
                "unreachable-rule",
                "warning",
                19,
                "warn/unreachable-rule.baton"
            ),
        ]
    );
    // The rules that cover the unreachable one are related locations.
    let related: Vec<u64> = results[1]["relatedLocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            l["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(related, [10, 14]);
}

#[test]
fn github_format_prints_one_workflow_command_per_problem() {
    let dir = root().join("tests/fixtures/check");
    let out = baton(
        &dir,
        &[
            "check",
            "--format",
            "github",
            "err/type-mismatch.baton",
            "warn/never-matches.baton",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with(
            "::error file=err/type-mismatch.baton,line=5,col=21,endColumn=24,title=type-mismatch::\
             `confidence` is a percent, but this is a number%0Ahelp: `confidence` is a percent: \
             write `60%25`%0Asee docs/diagnostics.md#type-mismatch"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(
            "::warning file=warn/never-matches.baton,line=10,col=8,endColumn=45,title=never-matches::"
        ),
        "{}",
        lines[1]
    );
    // `%`, newlines and (in properties) `:` and `,` are escaped: one command per line.
    assert!(lines[1].contains("50%25 and confidence > 70%25"));

    // Warnings alone pass, unless denied.
    let warn = baton(
        &dir,
        &["check", "--format", "github", "warn/never-matches.baton"],
    );
    assert_eq!(warn.status.code(), Some(0));
    let denied = baton(
        &dir,
        &[
            "check",
            "--format",
            "github",
            "--deny-warnings",
            "warn/never-matches.baton",
        ],
    );
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn a_clean_policy_gives_an_empty_sarif_run_and_no_commands() {
    let out = baton(&root(), &["check", "--format", "sarif", "rules-examples/"]);
    assert_eq!(out.status.code(), Some(0));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
    let out = baton(&root(), &["check", "--format", "github", "rules-examples/"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
}
