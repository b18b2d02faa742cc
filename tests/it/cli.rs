//! Golden tests of the `baton` command line: exit codes, summaries, formats, help.

use crate::{baton, baton_with_stdin, root, stderr, stdout};

#[test]
fn the_shipped_examples_check_clean() {
    let out = baton(&root(), &["check", "rules-examples/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "checked 4 files: 0 errors, 0 warnings\n");
}

#[test]
fn the_summary_counts_files_and_errors_and_errors_exit_1() {
    let dir = root().join("tests/fixtures/check/err");
    let out = baton(&dir, &["check", "unknown-name.baton", "many-errors.baton"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).ends_with("checked 2 files: 7 errors, 0 warnings\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_missing_path_is_exit_2_with_its_name() {
    let out = baton(&root(), &["check", "no/such/policy.baton"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read `no/such/policy.baton`"));
}

#[test]
fn a_folder_without_policies_is_exit_2() {
    let out = baton(&root(), &["check", "src/cli"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no `.baton` files in `src/cli`"));
}

#[test]
fn usage_errors_are_exit_2() {
    assert_eq!(baton(&root(), &["check"]).status.code(), Some(2));
    assert_eq!(
        baton(&root(), &["check", "--format", "xml", "x"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(baton(&root(), &["frobnicate"]).status.code(), Some(2));
}

#[test]
fn the_names_other_tools_use_run_the_same_commands() {
    // `validate` used to get "a similar subcommand exists: 'eval'", the wrong command.
    for (alias, command, args) in [
        ("lint", "check", &["rules-examples/"][..]),
        ("validate", "check", &["rules-examples/"][..]),
        ("format", "fmt", &["--check", "rules-examples/"][..]),
        (
            "decide",
            "eval",
            &[
                "rules-examples/acme.baton",
                "rules-examples/requests/acme-vip-billing.json",
            ][..],
        ),
    ] {
        let by_alias = baton(&root(), &[&[alias][..], args].concat());
        let by_name = baton(&root(), &[&[command][..], args].concat());
        assert_eq!(
            by_alias.status.code(),
            Some(0),
            "{alias}: {}",
            stderr(&by_alias)
        );
        assert_eq!(
            (stdout(&by_alias), stderr(&by_alias)),
            (stdout(&by_name), stderr(&by_name)),
            "{alias}"
        );
    }
}

#[test]
fn help_explains_the_command_with_examples() {
    let out = baton(&root(), &["check", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    assert!(help.contains("Exit status: 0 when every file is clean"));
    assert!(help.contains("baton check rules-examples/"));
    assert!(help.contains("--format <FORMAT>"));
}

#[test]
fn json_diagnostics_have_the_fields_of_the_design() {
    let dir = root().join("tests/fixtures/check/err");
    let out = baton(&dir, &["check", "--format", "json", "unknown-name.baton"]);
    let records: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        records,
        serde_json::json!([{
            "file": "unknown-name.baton",
            "severity": "error",
            "code": "unknown-name",
            "message": "unknown fact or signal `confidnce`",
            "help": "did you mean `confidence`?\nsee docs/diagnostics.md#unknown-name",
            "line": 5,
            "column": 8,
            "labels": [{
                "line": 5, "column": 8, "end_line": 5, "end_column": 17,
                "text": "not declared in this policy"
            }]
        }])
    );
    // The summary goes to standard error, so that standard output is only JSON.
    assert_eq!(stderr(&out), "checked 1 file: 1 error, 0 warnings\n");
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let dir = root().join("tests/fixtures/check/err");
    let plain = baton(&dir, &["check", "unknown-name.baton"]);
    assert!(
        !stdout(&plain).contains('\u{1b}'),
        "NO_COLOR output has no escapes"
    );
    let coloured = baton(&dir, &["check", "--color", "always", "unknown-name.baton"]);
    assert!(stdout(&coloured).contains('\u{1b}'));
}

#[test]
fn human_output_points_at_the_line_and_names_the_fix() {
    let dir = root().join("tests/fixtures/check/err");
    let out = baton(&dir, &["check", "unknown-value.baton"]);
    let text = stdout(&out);
    assert!(text.contains("unknown-value"));
    assert!(text.contains("`vipp` is not one of the choices of `tier`"));
    assert!(text.contains("[unknown-value.baton:5:16]"));
    assert!(text.contains("did you mean `vip`?"));
}

#[test]
fn a_json_file_given_as_a_policy_is_named_as_json() {
    // A request, or a saved table, named where a policy goes: "add a first line" would
    // not mend it, so the help says what the file is.
    let out = baton(
        &root(),
        &["check", "rules-examples/requests/acme-vip-billing.json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("expected-policy"), "{text}");
    assert!(text.contains("this looks like JSON"), "{text}");
    assert!(!text.contains("write the policy's name"), "{text}");
    // A policy that merely lacks its first line keeps the help that mends it.
    let out = baton_with_stdin(&["check", "-"], "fact confidence: percent\n");
    assert!(
        stdout(&out).contains("write the policy's name on the first line"),
        "{}",
        stdout(&out)
    );
}

/// Every command whose output a reader stops reading (`baton test | head`) ends without
/// a panic, with the status its work earned: the rest of the output is dropped.
#[test]
fn a_reader_that_goes_away_is_no_panic() {
    let corpus = "rules-examples/requests/acme-corpus.jsonl";
    let cases: [(&[&str], i32); 8] = [
        (&["check", "rules-examples/"], 0),
        (&["check", "--format", "sarif", "rules-examples/"], 0),
        (&["test", "rules-examples/"], 0),
        (&["test", "--format", "json", "rules-examples/"], 0),
        (&["compile", "rules-examples/acme.baton"], 0),
        (
            &[
                "explain",
                "rules-examples/acme.baton",
                "rules-examples/requests/acme-vip-billing.json",
            ],
            0,
        ),
        (&["eval", "rules-examples/acme.baton", corpus], 0),
        (
            &[
                "eval",
                "rules-examples/acme.baton",
                "rules-examples/requests/acme-vip-billing.json",
            ],
            0,
        ),
    ];
    for (args, code) in cases {
        let out = with_reader_gone(args, Gone::Stdout);
        let err = crate::stderr(&out);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
    }
}

/// Which of a command's outputs loses its reader.
enum Gone {
    Stdout,
    Stderr,
}

/// Runs `baton ARGS` from the project's root with the reader of one output gone before
/// the first byte; the other output is kept, standard output being discarded.
fn with_reader_gone(args: &[&str], gone: Gone) -> std::process::Output {
    use std::process::{Command, Stdio};
    let stdout = match gone {
        Gone::Stdout => Stdio::piped(),
        Gone::Stderr => Stdio::null(),
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_baton"))
        .args(args)
        .current_dir(crate::root())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    match gone {
        Gone::Stdout => drop(child.stdout.take()),
        Gone::Stderr => drop(child.stderr.take()),
    }
    child.wait_with_output().unwrap()
}

/// Output that cannot be written for another reason (a full disk) is said on standard
/// error, and the command exits 2: lost output is never taken for a result.
#[test]
fn output_that_cannot_be_written_is_exit_2() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: this system has no /dev/full");
        return;
    };
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baton"))
        .args(["test", "rules-examples/"])
        .current_dir(crate::root())
        .stdout(full)
        .output()
        .unwrap();
    let err = crate::stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("error: could not write the output"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// The same for standard error: a command whose error messages nobody reads (`2>&1 |
/// head`) still ends with its status, without a panic.
#[test]
fn an_error_reader_that_goes_away_is_no_panic() {
    let cases: [(&[&str], i32); 3] = [
        // acme-day.jsonl holds one request acme refuses: its reason goes to stderr.
        (
            &[
                "eval",
                "rules-examples/acme.baton",
                "rules-examples/requests/acme-day.jsonl",
            ],
            1,
        ),
        (
            &["check", "--format", "json", "tests/fixtures/check/err/"],
            1,
        ),
        (&["explain", "no/such.baton"], 2),
    ];
    for (args, code) in cases {
        let out = with_reader_gone(args, Gone::Stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}");
    }
}

/// A policy read from a pipe (`baton check <(generate-policy)`, `/dev/stdin`) is checked
/// as a file is; only a path that does not exist is "no such file or folder".
#[test]
fn a_policy_from_a_pipe_is_checked() {
    if !std::path::Path::new("/dev/stdin").exists() {
        eprintln!("skipped: this system has no /dev/stdin");
        return;
    }
    let acme = std::fs::read_to_string(crate::root().join("rules-examples/acme.baton")).unwrap();
    for command in ["check", "test"] {
        let out = crate::baton_with_stdin(&[command, "/dev/stdin"], &acme);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{command}: {}",
            crate::stderr(&out)
        );
    }
    let out = crate::baton(&crate::root(), &["check", "no/such/policy.baton"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        crate::stderr(&out).contains("cannot read `no/such/policy.baton`: no such file or folder")
    );
}

#[test]
fn a_policy_on_standard_input_is_checked_and_tested_as_stdin() {
    // What an editor does with a file it has not saved: `-` reads standard input.
    let broken = "policy \"x\"\nfact a: number\nrule r {\n  when b > 1\n  stay\n}\n";
    let out = baton_with_stdin(&["check", "--format", "json", "-"], broken);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let problems: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(problems[0]["file"], "<stdin>");
    assert_eq!(problems[0]["code"], "unknown-name");
    assert_eq!(problems[0]["line"], 4);

    let acme = std::fs::read_to_string(root().join("rules-examples/acme.baton")).unwrap();
    let out = baton_with_stdin(&["check", "-", "rules-examples/bank.baton"], &acme);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().last(),
        Some("checked 2 files: 0 errors, 0 warnings")
    );
    let out = baton_with_stdin(&["test", "-"], &acme);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).ends_with("12 passed, 0 failed\n"),
        "{}",
        stdout(&out)
    );

    // A failure says why, but gives no `baton explain` command: there is no file to name.
    let wrong = acme.replace(
        "expect escalate to billing via live by billing_general",
        "expect stay",
    );
    let out = baton_with_stdin(&["test", "-"], &wrong);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("FAIL  a billing problem"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("because   "), "{}", stdout(&out));
    assert!(!stdout(&out).contains("baton explain"), "{}", stdout(&out));

    // `fmt` writes files in place: standard input, which it prints, goes alone.
    let out = baton_with_stdin(&["fmt", "-", "rules-examples/acme.baton"], &acme);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`-` formats standard input to standard output, alone"));
}

#[test]
fn a_policy_read_from_a_terminal_is_asked_for() {
    // `check -`, `test -` and `fmt -` at a terminal say what they wait for and how to end
    // it; from a pipe they print nothing more than their work (`a_policy_on_standard_input…`).
    for command in ["check", "test", "fmt"] {
        let Some(seen) = crate::baton_at_a_terminal(&[command, "-"], "policy \"p\"\n") else {
            return;
        };
        assert!(
            seen.contains(
                "reading a policy from the terminal: type or paste it, then press Ctrl-D"
            ),
            "{command}: {seen}"
        );
    }
}

#[test]
fn the_first_session_of_baton_help_works_as_shown() {
    let out = baton(&root(), &["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    let examples: Vec<&str> = help
        .lines()
        .skip_while(|l| *l != "A first session:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(examples.len(), 5, "{help}");
    for example in examples {
        let command = example.split('#').next().unwrap().trim();
        let words: Vec<&str> = command.split_whitespace().collect();
        assert_eq!(words[0], "baton", "{example}");
        let out = baton(&root(), &words[1..]);
        assert_eq!(out.status.code(), Some(0), "{command}: {}", stderr(&out));
    }
}

#[test]
fn extensions_are_read_in_any_case() {
    // Saved on a file system that ignores case, `ACME.BATON` is a policy: a folder
    // search that passed over it would report a clean folder it did not check.
    let dir = crate::scratch("upper-case");
    let acme = std::fs::read_to_string(root().join("rules-examples/acme.baton")).unwrap();
    std::fs::write(dir.join("ACME.BATON"), &acme).unwrap();
    std::fs::write(dir.join("Broken.Baton"), "policy \"b\"\nrule {\n").unwrap();
    let out = baton(&dir, &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).ends_with("checked 2 files: 1 error, 0 warnings\n"),
        "{}",
        stdout(&out)
    );

    // `REQUESTS.JSONL` is one request per line, and `TABLE.JSON` a saved table.
    let request = r#"{"facts": {"confidence": 0.9}}"#;
    std::fs::write(
        dir.join("REQUESTS.JSONL"),
        format!("{request}\n{request}\n"),
    )
    .unwrap();
    let table = baton(&dir, &["compile", "--format", "json", "ACME.BATON"]);
    std::fs::write(dir.join("TABLE.JSON"), &table.stdout).unwrap();
    let out = baton(&dir, &["eval", "TABLE.JSON", "REQUESTS.JSONL"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 2);
}

#[test]
fn columns_count_characters_in_every_format_and_skip_a_byte_order_mark() {
    // Accents before the mistake on its line: `é`, `ï` and `ü` are two bytes each.
    let source = "policy \"accents\"\n\
                  phrases p = [\"café\", \"naïve\", \"über\"] rule r { when message mentions q\n  stay\n}\n";
    let dir = crate::scratch("char-columns");
    std::fs::write(dir.join("accents.baton"), source).unwrap();
    // `q` is the 70th character of line 2, and the 73rd byte.
    let line = source.lines().nth(1).unwrap();
    let at = line.find(" q").unwrap() + 1;
    assert_eq!((line[..at].chars().count() + 1, at + 1), (70, 73));

    let human = stdout(&baton(&dir, &["check", "accents.baton"]));
    assert!(human.contains("╭─[accents.baton:2:70]"), "{human}");
    let json: serde_json::Value = serde_json::from_slice(
        &baton(&dir, &["check", "--format", "json", "accents.baton"]).stdout,
    )
    .unwrap();
    let unknown = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "unknown-name")
        .unwrap();
    assert_eq!(
        (&unknown["line"], &unknown["column"]),
        (&2.into(), &70.into())
    );
    let github = stdout(&baton(
        &dir,
        &["check", "--format", "github", "accents.baton"],
    ));
    assert!(github.contains("line=2,col=70,endColumn=71"), "{github}");
    let sarif: serde_json::Value = serde_json::from_slice(
        &baton(&dir, &["check", "--format", "sarif", "accents.baton"]).stdout,
    )
    .unwrap();
    let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], 70, "{sarif}");

    // On the first line, the mark is not a column: `"bom"` starts at column 8, as in a
    // file without it. The warning that the policy has no escape hatch points there.
    std::fs::write(
        dir.join("bom.baton"),
        "\u{feff}policy \"bom\"\nrule r {\n  when sentiment < 0\n  stay\n}\n",
    )
    .unwrap();
    let human = stdout(&baton(&dir, &["check", "bom.baton"]));
    assert!(human.contains("╭─[bom.baton:1:8]"), "{human}");
    let json: serde_json::Value =
        serde_json::from_slice(&baton(&dir, &["check", "--format", "json", "bom.baton"]).stdout)
            .unwrap();
    assert_eq!(json[0]["code"], "no-escape-hatch", "{json}");
    assert_eq!(
        (&json[0]["line"], &json[0]["column"]),
        (&1.into(), &8.into())
    );
}
