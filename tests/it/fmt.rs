//! `baton fmt`: the formatted text parses to the same syntax tree, formats to itself,
//! keeps every comment, and decides as the original; `--check` and the command line.

use std::path::PathBuf;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::{baton, baton_with_stdin, root, scratch, stderr, stdout};

/// Every policy of the repository: the examples and the check fixtures.
fn policies() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [
        "rules-examples",
        "tests/fixtures/check/ok",
        "tests/fixtures/check/err",
        "tests/fixtures/check/warn",
    ] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "baton") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The formatting properties on one text that parses: same tree, a fixed point, the
/// same comments in the same order.
fn assert_formats_well(name: &str, source: &str) -> String {
    let tree = baton::syntax::parse(source).expect("the text parses");
    let formatted = baton::fmt::format(source).expect("a text that parses formats");
    let again = baton::syntax::parse(&formatted).unwrap_or_else(|e| {
        panic!("{name}: the formatted text does not parse: {e:?}\n{formatted}")
    });
    assert!(
        again == tree,
        "{name}: formatting changed the syntax tree:\n{formatted}"
    );
    assert_eq!(
        baton::fmt::format(&formatted).unwrap(),
        formatted,
        "{name}: formatting twice changes the text"
    );
    assert_eq!(
        baton::fmt::comment_words(&formatted),
        baton::fmt::comment_words(source),
        "{name}: a comment was lost or moved out of order"
    );
    for (i, line) in formatted.lines().enumerate() {
        assert!(!line.ends_with(' '), "{name}:{}: trailing spaces", i + 1);
    }
    formatted
}

#[test]
fn every_fixture_and_example_keeps_its_tree_and_comments_and_is_a_fixed_point() {
    let mut formatted = 0;
    for path in policies() {
        let name = path.display().to_string();
        let Ok(source) = std::fs::read_to_string(&path) else {
            continue; // not UTF-8: a fixture of that error
        };
        if baton::syntax::parse(&source).is_err() {
            assert!(
                baton::fmt::format(&source).is_err(),
                "{name}: a text that does not parse is not formatted"
            );
            continue;
        }
        assert_formats_well(&name, &source);
        formatted += 1;
    }
    assert!(formatted >= 60, "only {formatted} policies formatted");
}

#[test]
fn the_shipped_examples_are_formatted_and_decide_as_before() {
    let out = baton(&root(), &["fmt", "--check", "rules-examples/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // A policy laid out differently decides alike once formatted: its table is equal.
    for path in policies() {
        let Ok(source) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(original) = baton::Policy::compile("p.baton", &source) else {
            continue;
        };
        let formatted = baton::fmt::format(&source).unwrap();
        let again = baton::Policy::compile("p.baton", &formatted).unwrap();
        // Equal but for the places of names in the text.
        let placeless = |policy: &baton::Policy| {
            let mut table = policy.table().clone();
            table
                .phrase_sets
                .iter_mut()
                .for_each(|p| p.span = Default::default());
            table
                .hours
                .iter_mut()
                .for_each(|h| h.span = Default::default());
            serde_json::to_value(&table).unwrap()
        };
        assert_eq!(
            placeless(&original),
            placeless(&again),
            "{}",
            path.display()
        );
    }
}

/// One change of layout to a policy's text.
#[derive(Clone, Debug)]
enum Edit {
    TrailingComment(usize),
    OwnLineComment(usize),
    JoinWithNext(usize),
    BlankLine(usize),
    Indent(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<usize>().prop_map(Edit::TrailingComment),
        any::<usize>().prop_map(Edit::OwnLineComment),
        any::<usize>().prop_map(Edit::JoinWithNext),
        any::<usize>().prop_map(Edit::BlankLine),
        (any::<usize>(), 0usize..9).prop_map(|(l, n)| Edit::Indent(l, n)),
    ]
}

/// Applies the edits; comments are numbered so that their order can be checked.
fn apply(source: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = source.lines().map(str::to_string).collect();
    for (n, e) in edits.iter().enumerate() {
        if lines.is_empty() {
            break;
        }
        let len = lines.len();
        match *e {
            Edit::TrailingComment(i) => lines[i % len].push_str(&format!("   # note {n}")),
            Edit::OwnLineComment(i) => lines.insert(i % len, format!("# remark {n}")),
            Edit::JoinWithNext(i) => {
                let i = i % len;
                // A line with a comment would swallow the next one.
                if i + 1 < len && !lines[i].contains('#') {
                    let next = lines.remove(i + 1);
                    lines[i] = format!("{} {}", lines[i], next.trim_start());
                }
            }
            Edit::BlankLine(i) => lines.insert(i % len, String::new()),
            Edit::Indent(i, k) => {
                let i = i % len;
                lines[i] = format!("{}{}", " ".repeat(k), lines[i].trim_start());
            }
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn any_layout_of_any_policy_formats_to_the_same_tree_keeping_every_comment() {
    let sources: Vec<(String, String)> = policies()
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            baton::syntax::parse(&text).ok()?;
            Some((p.display().to_string(), text))
        })
        .collect();
    let mut runner = TestRunner::new(Config {
        cases: 400,
        ..Config::default()
    });
    let strategy = (0..sources.len(), proptest::collection::vec(edit(), 1..12));
    runner
        .run(&strategy, |(which, edits)| {
            let (name, source) = &sources[which];
            let edited = apply(source, &edits);
            // Only layouts that say the same thing: an edit may have cut a string or
            // commented out code.
            let same = matches!(
                (baton::syntax::parse(&edited), baton::syntax::parse(source)),
                (Ok(a), Ok(b)) if a == b
            );
            prop_assume!(same);
            assert_formats_well(&format!("{name} edited"), &edited);
            Ok(())
        })
        .unwrap();
}

#[test]
fn check_lists_the_files_that_would_change_and_fmt_rewrites_them() {
    let dir = scratch("baton-fmt");
    let messy = "policy \"m\"\nfact a:number=0 # the count\nteam t{skills s}\nrule r:limit{when a>1 escalate to t}\n";
    std::fs::write(dir.join("m.baton"), messy).unwrap();
    std::fs::write(dir.join("broken.baton"), "policy \"b\"\nrule {\n").unwrap();

    let out = baton(&dir, &["fmt", "--check", "m.baton"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "m.baton: not in the canonical layout (from line 2)\n"
    );
    assert_eq!(std::fs::read_to_string(dir.join("m.baton")).unwrap(), messy);

    let out = baton(&dir, &["fmt", "m.baton"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "formatted m.baton\n");
    assert_eq!(
        std::fs::read_to_string(dir.join("m.baton")).unwrap(),
        "policy \"m\"\nfact a: number = 0  # the count\nteam t { skills s }\nrule r: limit {\n  when a > 1\n  escalate to t\n}\n"
    );
    let out = baton(&dir, &["fmt", "--check", "m.baton"]);
    assert_eq!(out.status.code(), Some(0));

    // A file that does not parse is reported and left alone.
    let out = baton(&dir, &["fmt", "broken.baton"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("syntax-error"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("broken.baton")).unwrap(),
        "policy \"b\"\nrule {\n"
    );
}

#[test]
fn diff_shows_what_would_change_and_git_applies_it() {
    let dir = scratch("baton-fmt-diff");
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::create_dir_all(dir.join("policies")).unwrap();
    // One messy file, one with CRLF line ends and no last line end, one already
    // formatted, which the diff leaves out.
    let messy = "policy \"m\"\nfact a:number=0 # the count\nteam t{skills s}\nrule r:limit{when a>1 escalate to t}\n";
    let windows = "policy \"w\"\r\nfact a: number\r\nfact b:number";
    let clean = "policy \"c\"\nfact a: number\n";
    for (name, text) in [("m.baton", messy), ("w.baton", windows), ("c.baton", clean)] {
        std::fs::write(dir.join("policies").join(name), text).unwrap();
    }

    let out = baton(&dir, &["fmt", "--diff", "policies/"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), "3 files checked: 2 would change\n");
    let diff = stdout(&out);
    assert!(
        diff.contains(
            "--- a/policies/m.baton\n+++ b/policies/m.baton\n@@ -1,4 +1,7 @@\n policy \"m\"\n\
             -fact a:number=0 # the count\n-team t{skills s}\n\
             -rule r:limit{when a>1 escalate to t}\n+fact a: number = 0  # the count\n\
             +team t { skills s }\n+rule r: limit {\n+  when a > 1\n+  escalate to t\n+}\n"
        ),
        "{diff}"
    );
    assert!(!diff.contains("c.baton"), "{diff}");
    // Nothing was written.
    let kept = std::fs::read_to_string(dir.join("policies/m.baton")).unwrap();
    assert_eq!(kept, messy);

    // `git apply` takes the diff as it is, and what it gives is what `fmt` writes.
    let mut apply = std::process::Command::new("git");
    apply.args(["apply", "-"]).current_dir(&dir);
    let applied = crate::run_with_stdin(&mut apply, &out.stdout);
    assert!(applied.status.success(), "git apply: {}", stderr(&applied));
    let out = baton(&dir, &["fmt", "--check", "policies/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let windows_after = std::fs::read_to_string(dir.join("policies/w.baton")).unwrap();
    assert_eq!(windows_after, baton::fmt::format(windows).unwrap());
    assert_eq!(
        windows_after,
        "policy \"w\"\r\nfact a: number\r\nfact b: number\r\n"
    );

    // With everything formatted, no diff and exit 0; `--check` and `--diff` are one or
    // the other.
    let out = baton(&dir, &["fmt", "--diff", "policies/"]);
    assert_eq!((out.status.code(), stdout(&out)), (Some(0), String::new()));
    let out = baton(&dir, &["fmt", "--diff", "--check", "policies/"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot be used with"),
        "{}",
        stderr(&out)
    );

    // Standard input: the diff names it `<stdin>`.
    let out = baton_with_stdin(&["fmt", "--diff", "-"], "policy \"s\"\nfact a:number\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "--- a/<stdin>\n+++ b/<stdin>\n@@ -1,2 +1,2 @@\n policy \"s\"\n-fact a:number\n+fact a: number\n"
    );
}

#[test]
fn line_ends_and_byte_order_mark_are_kept_as_the_file_was_saved() {
    let crlf = |text: &str| text.replace('\n', "\r\n");
    for path in policies() {
        let Ok(source) = std::fs::read_to_string(&path) else {
            continue; // not UTF-8: a fixture of that error
        };
        if baton::syntax::parse(&source).is_err() {
            continue;
        }
        // One fixture is saved with a byte order mark; it is added again below.
        let source = source.trim_start_matches('\u{feff}');
        let name = path.display();
        let formatted = baton::fmt::format(source).unwrap();
        // Saved with CRLF line ends (Windows, or git's autocrlf): the same layout,
        // every line ending in CRLF.
        assert_eq!(
            baton::fmt::format(&crlf(source)).unwrap(),
            crlf(&formatted),
            "{name}"
        );
        // With a byte order mark, and with both.
        let marked = format!("\u{feff}{source}");
        assert_eq!(
            baton::fmt::format(&marked).unwrap(),
            format!("\u{feff}{formatted}"),
            "{name}"
        );
        assert_eq!(
            baton::fmt::format(&crlf(&marked)).unwrap(),
            crlf(&format!("\u{feff}{formatted}")),
            "{name}"
        );
    }

    // The first line decides: a file of mixed line ends gets them all alike.
    let mixed = "policy \"m\"\r\nfact a: number\n";
    assert_eq!(
        baton::fmt::format(mixed).unwrap(),
        "policy \"m\"\r\nfact a: number\r\n"
    );

    // From the command line: a CRLF file in the canonical layout passes --check, and
    // one that is not names the first line that changes, and is rewritten with CRLF.
    let dir = scratch("baton-fmt-crlf");
    let acme = std::fs::read_to_string(root().join("rules-examples/acme.baton")).unwrap();
    std::fs::write(dir.join("acme.baton"), crlf(&acme)).unwrap();
    let out = baton(&dir, &["fmt", "--check", "acme.baton"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let messy = "policy \"m\"\r\nfact a: number\r\nfact b:number\r\n";
    std::fs::write(dir.join("m.baton"), messy).unwrap();
    let out = baton(&dir, &["fmt", "--check", "m.baton"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "m.baton: not in the canonical layout (from line 3)\n"
    );
    let out = baton(&dir, &["fmt", "m.baton"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("m.baton")).unwrap(),
        "policy \"m\"\r\nfact a: number\r\nfact b: number\r\n"
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_stays_a_link_and_its_file_is_formatted() {
    let dir = scratch("baton-fmt-link");
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::create_dir_all(dir.join("shared")).unwrap();
    std::fs::write(dir.join("shared/m.baton"), "policy \"m\"\nfact a:number\n").unwrap();
    std::os::unix::fs::symlink("shared/m.baton", dir.join("m.baton")).unwrap();

    let out = baton(&dir, &["fmt", "m.baton"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let link = std::fs::symlink_metadata(dir.join("m.baton")).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("shared/m.baton")).unwrap(),
        "policy \"m\"\nfact a: number\n"
    );
    assert!(
        std::fs::read_dir(dir.join("shared")).unwrap().count() == 1
            && std::fs::read_dir(&dir).unwrap().count() == 2,
        "a temporary file was left behind"
    );
}

#[test]
fn standard_input_is_formatted_to_standard_output() {
    let out = baton_with_stdin(&["fmt", "-"], "policy \"s\"\nfact a:number\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "policy \"s\"\nfact a: number\n");

    // Text that is not UTF-8 gets the diagnostic a file gets, pointing at the byte.
    let out = crate::run_with_stdin(
        std::process::Command::new(env!("CARGO_BIN_EXE_baton"))
            .args(["fmt", "-"])
            .env("NO_COLOR", "1"),
        b"policy \"s\"\nfact a: number # caf\xe9\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    let err = crate::stderr(&out);
    assert!(
        err.contains("not-utf8") && err.contains("<stdin>:2:"),
        "{err}"
    );
}

#[test]
fn random_conditions_keep_their_grouping() {
    // `(a and b) and c` is not `a and b and c` to the parser: the parentheses stay.
    let mut runner = TestRunner::new(Config {
        cases: 300,
        ..Config::default()
    });
    let strategy = proptest::collection::vec(crate::lints::exact::condition(), 1..5);
    runner
        .run(&strategy, |conditions| {
            let source = crate::lints::exact::source(&conditions);
            assert_formats_well("random", &source);
            Ok(())
        })
        .unwrap();
}
