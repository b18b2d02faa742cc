//! The fixture folders: every `ok` policy checks clean; every `err` policy reports the
//! code its file is named after, with snapshots of its rendered and JSON diagnostics.

use std::path::PathBuf;

use crate::{baton, root, stdout};

/// Every error code `baton check` can report. A new code needs a fixture named after it.
const ALL_CODES: &[&str] = &[
    // reading the text
    "syntax-error",
    "expected-policy",
    "missing-when",
    "unclosed-string",
    "invalid-escape",
    "reserved-word",
    "too-deep",
    "not-utf8",
    // names
    "unknown-name",
    "unknown-value",
    "unknown-type",
    "unknown-kind",
    "unknown-priority",
    "unknown-offline-mode",
    "unknown-handoff",
    "unknown-time-zone",
    "not-a-phrase-set",
    "not-hours",
    "not-a-team",
    "not-a-value",
    "not-a-fact",
    // types and literals
    "type-mismatch",
    "bad-comparison",
    "not-a-flag",
    "percent-out-of-range",
    "invalid-time",
    "invalid-date",
    "invalid-duration",
    "invalid-number",
    "invalid-timestamp",
    "invalid-count",
    "empty-time-span",
    // duplicates
    "duplicate-name",
    "duplicate-item",
    "duplicate-line",
    // rules
    "missing-kind",
    "kind-on-stay",
    "missing-action",
    "conflicting-action",
    "not-for-stay",
    // phrases, hours, facts, signals
    "empty-phrase-set",
    "empty-phrase",
    "phrase-too-long",
    "invalid-wildcard",
    "empty-hours",
    "signal-name-taken",
    "missing-argument",
    "unexpected-argument",
    // tests
    "missing-fact",
    "missing-expect",
    "impossible-expectation",
    // compiling
    "too-many-cases",
];

/// Every lint (warning) code, each with a fixture in `tests/fixtures/check/warn/`.
const LINT_CODES: &[&str] = &[
    "unreachable-rule",
    "never-matches",
    "never-true",
    "phrase-punctuation",
    "phrase-apostrophe",
    "stay-overrides-explicit",
    "no-escape-hatch",
    "no-offline-fallback",
    "no-failure-rule",
    "unused-definition",
    "missing-context",
    "fixed-offset-zone",
];

/// Codes reported elsewhere than by `check` on a fixture, each tested in its own place:
/// a file over 16 MiB (`bad_input.rs`), a bad request and a bad table (`library.rs`).
const OTHER_CODES: &[&str] = &["too-large", "bad-request", "bad-table"];

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures/check").join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the fixture folder exists")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "baton"))
        .collect();
    files.sort();
    files
}

/// The code a fixture is about: the longest known code its name starts with.
fn code_of(stem: &str) -> Option<&'static str> {
    ALL_CODES
        .iter()
        .chain(LINT_CODES)
        .copied()
        .filter(|c| stem == *c || stem.starts_with(&format!("{c}-")))
        .max_by_key(|c| c.len())
}

#[test]
fn ok_fixtures_check_clean() {
    let files = fixtures("ok");
    assert!(files.len() >= 3);
    for file in files {
        let out = baton(&root(), &["check", file.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}:\n{}",
            file.display(),
            stdout(&out)
        );
        assert!(stdout(&out).ends_with("checked 1 file: 0 errors, 0 warnings\n"));
    }
}

#[test]
fn err_fixtures_report_their_code_with_snapshots() {
    let dir = root().join("tests/fixtures/check/err");
    let files = fixtures("err");
    assert!(files.len() >= 40, "only {} error fixtures", files.len());
    for file in files {
        let name = file.file_name().unwrap().to_str().unwrap();
        let stem = file.file_stem().unwrap().to_str().unwrap();

        let human = baton(&dir, &["check", "--color", "never", name]);
        assert_eq!(human.status.code(), Some(1), "{name} must fail the check");
        let json = baton(&dir, &["check", "--format", "json", name]);
        assert_eq!(json.status.code(), Some(1), "{name} must fail the check");

        let records: serde_json::Value =
            serde_json::from_slice(&json.stdout).expect("--format json prints JSON");
        let codes: Vec<&str> = records
            .as_array()
            .expect("an array")
            .iter()
            .map(|r| r["code"].as_str().expect("every diagnostic has a code"))
            .collect();
        assert!(!codes.is_empty(), "{name} reported nothing");
        if let Some(code) = code_of(stem) {
            assert!(
                codes.contains(&code),
                "{name} should report `{code}`, got {codes:?}"
            );
        }

        insta::with_settings!({
            snapshot_path => "../fixtures/check/err/snapshots",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{stem}.human"), stdout(&human));
            insta::assert_snapshot!(format!("{stem}.json"), stdout(&json));
        });
    }
}

#[test]
fn every_code_has_a_fixture() {
    let stems: Vec<String> = fixtures("err")
        .iter()
        .map(|f| f.file_stem().unwrap().to_str().unwrap().to_string())
        .collect();
    for code in ALL_CODES {
        assert!(
            stems.iter().any(|s| code_of(s) == Some(code)),
            "no fixture for `{code}`: add tests/fixtures/check/err/{code}.baton"
        );
    }
}

#[test]
fn several_mistakes_are_all_reported_in_text_order() {
    let dir = root().join("tests/fixtures/check/err");
    let out = baton(&dir, &["check", "--format", "json", "many-errors.baton"]);
    let records: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(u64, &str)> = records
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (5, "unknown-kind"),
            (6, "type-mismatch"),
            (6, "unknown-value"),
            (7, "unknown-name"),
            (9, "kind-on-stay"),
            (10, "unknown-name"),
        ]
    );

    let out = baton(
        &dir,
        &["check", "--format", "json", "many-syntax-errors.baton"],
    );
    let records: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines: Vec<u64> = records
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 6, 12], "one syntax error per broken item");
}

#[test]
fn warn_fixtures_report_their_lint_on_its_line_and_fail_only_when_denied() {
    let dir = root().join("tests/fixtures/check/warn");
    let files = fixtures("warn");
    for code in LINT_CODES {
        assert!(
            files.iter().any(|f| f.file_stem().unwrap() == *code),
            "no fixture for `{code}`: add tests/fixtures/check/warn/{code}.baton"
        );
    }
    for file in files {
        let name = file.file_name().unwrap().to_str().unwrap();
        let stem = file.file_stem().unwrap().to_str().unwrap();
        let human = baton(&dir, &["check", "--color", "never", name]);
        assert_eq!(human.status.code(), Some(0), "warnings alone pass: {name}");
        let denied = baton(&dir, &["check", "--deny-warnings", name]);
        assert_eq!(
            denied.status.code(),
            Some(1),
            "--deny-warnings fails: {name}"
        );
        let json = baton(&dir, &["check", "--format", "json", name]);
        let records: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let records = records.as_array().unwrap();
        assert!(!records.is_empty(), "{name} reported nothing");
        for r in records {
            assert_eq!(r["code"], stem, "{name} reports only its own lint");
            assert_eq!(r["severity"], "warning");
            assert!(
                r["help"]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("see docs/diagnostics.md#{stem}")),
                "{name}: the help points to the docs"
            );
        }
        insta::with_settings!({
            snapshot_path => "../fixtures/check/warn/snapshots",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{stem}.human"), stdout(&human));
            insta::assert_snapshot!(format!("{stem}.json"), stdout(&json));
        });
    }
}

#[test]
fn every_code_is_in_the_catalogue_and_the_docs() {
    let catalogue: Vec<&str> = baton::codes::CODES.iter().map(|c| c.code).collect();
    let tested: Vec<&str> = ALL_CODES
        .iter()
        .chain(LINT_CODES)
        .chain(OTHER_CODES)
        .copied()
        .collect();
    for code in &tested {
        assert!(catalogue.contains(code), "`{code}` is not in src/codes.rs");
    }
    for code in &catalogue {
        assert!(tested.contains(code), "`{code}` has no test listed here");
    }
    let docs = std::fs::read_to_string(root().join("docs/diagnostics.md")).unwrap();
    for code in &catalogue {
        assert!(
            docs.contains(&format!("\n### `{code}`\n")),
            "docs/diagnostics.md has no section `### `{code}``"
        );
    }
}

#[test]
fn a_test_fact_with_a_wrong_value_is_reported_once_not_as_missing_too() {
    let policy = |facts: &str| {
        format!(
            "policy \"p\"\nfact confidence: percent\nfact tier: standard | vip = standard\n\
             team tier1 {{ skills general }}\n\
             rule low: limit {{\n  when confidence < 60%\n  escalate to tier1\n}}\n\
             test \"t\" {{\n  facts {{ {facts} }}\n  customer \"hi\"\n  expect stay\n}}\n"
        )
    };
    let codes = |facts: &str| -> Vec<String> {
        baton::check_source("p.baton", &policy(facts))
            .problems()
            .iter()
            .filter(|p| p.severity() != Some(miette::Severity::Warning))
            .filter_map(|p| p.code().map(|c| c.to_string()))
            .collect()
    };
    assert_eq!(codes("confidence: 90, tier: vip"), ["type-mismatch"]);
    assert_eq!(codes("confidence: 90%, tier: gold"), ["unknown-value"]);
    // Left out, it is missing.
    assert_eq!(codes("tier: vip"), ["missing-fact"]);
    assert_eq!(codes("confidence: 90%"), Vec::<String>::new());
}
