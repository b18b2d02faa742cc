//! `baton test PATH...`: run the `test` blocks of policies (design section 3.9), show
//! each failure with its expected and actual decision on the test's source, and report
//! which rules the tests reach and decide (`--coverage`).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use miette::{Diagnostic, NamedSource, SourceSpan};
use serde_json::{Value, json};
use thiserror::Error;

use super::check::{collect, read_text};
use super::{Color, exit, render};
use crate::check::Model;
use crate::check::model::TestDef;
use crate::eval::explain::Explainer;
use crate::eval::testing::{TestResult, coverage, decision_text, expected_text, rules_expected};
use crate::{Diagnostics, LineIndex, Policy, plural};

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Policy files, or folders searched (recursively) for `*.baton` files; `-` reads a
    /// policy from standard input (named `<stdin>`).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Run only the tests whose name contains this text.
    #[arg(long, value_name = "TEXT")]
    pub filter: Option<String>,

    /// After each policy's tests, list the rules no test reaches (their condition never
    /// holds) and the rules no test decides.
    #[arg(long)]
    pub coverage: bool,

    /// How to print the results.
    #[arg(long, value_enum, default_value_t = TestFormat::Human)]
    pub format: TestFormat,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    /// For people: one line per test, failures drawn on the policy's source.
    Human,
    /// One JSON object with every file, test and (with --coverage) rule, for scripts.
    Json,
    /// GitHub Actions workflow commands: each failing test and each error becomes an
    /// annotation on its line.
    Github,
    /// JUnit XML, the test report GitLab, Jenkins, Azure Pipelines and CircleCI read: one
    /// test suite per policy, one test case per test.
    Junit,
}

/// A failing test, drawn on its source.
#[derive(Debug, Error, Diagnostic)]
#[error("test \"{name}\" failed: {summary}")]
struct TestFailed {
    name: String,
    summary: String,
    #[label("this test")]
    head: SourceSpan,
    #[label(primary, "expected: {expected}")]
    expect: SourceSpan,
    expected: String,
}

/// One policy file's results.
struct FileRun {
    name: String,
    source: String,
    /// `Err`: the policy has errors, its tests were not run.
    outcome: Result<(Policy, Vec<TestResult>), Diagnostics>,
}

pub fn run(args: &TestArgs) -> u8 {
    let (files, mut failures) = collect(&args.paths);
    let mut runs = Vec::new();
    for file in &files {
        let name = super::check::name_of(file);
        let source = match read_text(file) {
            Ok(Ok(text)) => text,
            Ok(Err(diagnostics)) => {
                runs.push(FileRun {
                    name,
                    source: String::new(),
                    outcome: Err(diagnostics),
                });
                continue;
            }
            Err(message) => {
                eprintln!("error: {message}");
                failures += 1;
                continue;
            }
        };
        let outcome = Policy::compile(&name, &source).map(|policy| {
            let results = policy.run_tests(args.filter.as_deref());
            (policy, results)
        });
        runs.push(FileRun {
            name,
            source,
            outcome,
        });
    }

    let all: Vec<&TestResult> = runs
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .flat_map(|(_, results)| results)
        .collect();
    let passed = all.iter().filter(|r| r.passed()).count();
    let failed = all.len() - passed;
    let broken = runs.iter().filter(|r| r.outcome.is_err()).count();
    let summary = format!("{passed} passed, {failed} failed");

    match args.format {
        TestFormat::Human => super::print_out(&human(&runs, args, args.color.enabled())),
        TestFormat::Json => {
            super::print_out(&format!("{}\n", json_report(&runs, args, passed, failed)))
        }
        TestFormat::Github => super::print_out(&github(&runs)),
        TestFormat::Junit => super::print_out(&junit(&runs)),
    }
    let mut notes = Vec::new();
    if broken > 0 {
        notes.push(format!(
            "{} with errors: {} not run",
            plural(broken, "policy"),
            if broken == 1 {
                "its tests were"
            } else {
                "their tests were"
            }
        ));
    }
    if let Some(filter) = &args.filter
        && all.is_empty()
    {
        notes.push(format!("no test name contains `{filter}`"));
    }
    for note in &notes {
        eprintln!("error: {note}");
    }
    match args.format {
        TestFormat::Human => super::print_out(&format!("{summary}\n")),
        _ => eprintln!("{summary}"),
    }
    if failures > 0 {
        exit::USAGE
    } else if failed > 0 || !notes.is_empty() {
        exit::PROBLEMS
    } else {
        exit::OK
    }
}

/// The first line of a test, where its name is.
fn head_span(source: &str, start: usize) -> SourceSpan {
    let rest = source.get(start..).unwrap_or("");
    let len = rest.find('\n').unwrap_or(rest.len());
    (start, rest.get(..len).map_or(0, |l| l.trim_end().len())).into()
}

/// The result of one test in words: what differs, and the decision with the rules that
/// held.
#[expect(
    clippy::indexing_slicing,
    reason = "`TestResult::test` is a position in `model.tests`: `Policy::run_tests` enumerates them"
)]
fn describe(model: &Model, result: &TestResult) -> (String, String, Vec<String>) {
    let test = &model.tests[result.test];
    let expected = expected_text(model, test);
    match &result.decision {
        Ok(d) => (
            expected,
            decision_text(d),
            d.matched.iter().map(|m| m.to_string()).collect(),
        ),
        Err(e) => (
            expected,
            format!("the test's request was refused: {e}"),
            Vec::new(),
        ),
    }
}

#[expect(
    clippy::indexing_slicing,
    reason = "`TestResult::test` is a position in `model.tests`: `Policy::run_tests` enumerates them"
)]
fn failure(model: &Model, result: &TestResult, file: &FileRun) -> TestFailed {
    let test = &model.tests[result.test];
    let (expected, got, _) = describe(model, result);
    let summary = if result.mismatches.is_empty() {
        got
    } else {
        result.mismatches.join("; ")
    };
    TestFailed {
        name: test.name.clone(),
        summary,
        head: head_span(&file.source, test.span.start),
        expect: test.expect.span.into(),
        expected,
    }
}

#[expect(
    clippy::indexing_slicing,
    reason = "`TestResult::test` is a position in `model.tests`: `Policy::run_tests` enumerates them"
)]
fn human(runs: &[FileRun], args: &TestArgs, color: bool) -> String {
    let paint = |text: &str, code: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    for file in runs {
        out.push_str(&format!("{}\n", file.name));
        let (policy, results) = match &file.outcome {
            Ok(x) => x,
            Err(d) => {
                out.push_str(&render::human(d, color));
                continue;
            }
        };
        let Some(model) = policy.model() else {
            continue;
        };
        if results.is_empty() {
            out.push_str(if args.filter.is_some() {
                "  (no test matches the filter)\n"
            } else {
                "  (no tests)\n"
            });
        }
        let source = NamedSource::new(&file.name, file.source.clone());
        for result in results {
            let name = &model.tests[result.test].name;
            if result.passed() {
                out.push_str(&format!("  {}    {name}\n", paint("ok", "32")));
                continue;
            }
            let (expected, got, matched) = describe(model, result);
            out.push_str(&format!("  {}  {name}\n", paint("FAIL", "1;31")));
            out.push_str(&format!("        expected  {expected}\n"));
            out.push_str(&format!("        got       {got}\n"));
            if result.decision.is_ok() {
                let held = if matched.is_empty() {
                    "(no rule)".to_string()
                } else {
                    matched.join(", ")
                };
                out.push_str(&format!("        matched   {held}\n"));
                let (because, missed) = why_failed(policy, model, result.test);
                if let Some(because) = because {
                    out.push_str(&format!("        because   {because}\n"));
                }
                for (at, (rule, why)) in missed.iter().take(NOT_HELD_SHOWN).enumerate() {
                    let head = if at == 0 { "not held" } else { "" };
                    out.push_str(&format!("        {head:<9} {rule}: {why}\n"));
                }
                let more = missed.len().saturating_sub(NOT_HELD_SHOWN);
                if more > 0 {
                    let rules = if more == 1 { "rule" } else { "rules" };
                    out.push_str(&format!("                  and {more} more {rules}\n"));
                }
                // A policy read from standard input has no path to give explain.
                if file.name != "<stdin>" {
                    out.push_str(&format!(
                        "        why       baton explain {} --test {}\n",
                        shell_word(&file.name),
                        shell_word(name)
                    ));
                }
            }
            let drawn = render::human_one(&failure(model, result, file), &source, color);
            for line in drawn.lines() {
                out.push_str(&format!("    {line}\n"));
            }
        }
        if args.coverage && args.filter.is_none() {
            out.push_str(&coverage_text(model, results));
        } else if args.coverage {
            out.push_str("  coverage: not measured with --filter (only some tests ran)\n");
        }
    }
    out
}

/// Why test `test` failed, from its request evaluated once more (a result keeps only
/// its decision): what made the deciding rule hold, as `baton explain` says it
/// (`Explainer::because`; `None` when no rule decided), and the rules that would have
/// given what it expects but did not hold ([`not_held`]).
fn why_failed(
    policy: &Policy,
    model: &Model,
    test: usize,
) -> (Option<String>, Vec<(String, String)>) {
    let Some(def) = model.tests.get(test) else {
        return (None, Vec::new());
    };
    let request = crate::eval::testing::request_for(model, def);
    let Ok(evaluation) = policy.evaluate(&request) else {
        return (None, Vec::new());
    };
    let Some(explainer) = policy.explainer(&request, &evaluation) else {
        return (None, Vec::new());
    };
    (explainer.because(), not_held(model, def, &explainer))
}

/// How many rules that did not hold a failure lists, at most.
const NOT_HELD_SHOWN: usize = 3;

/// The rules that would have given what test `def` expects ([`rules_expected`]) but did
/// not hold, each with what kept it from holding as `baton explain` labels it (`tier is
/// standard`). Empty when one of them decided: the test then failed on something else
/// (its priority, its team's hours), which the failure says.
fn not_held(model: &Model, def: &TestDef, explainer: &Explainer) -> Vec<(String, String)> {
    let expected = rules_expected(model, def);
    if let Some(decided) = explainer.evaluation.decision.rule.as_deref()
        && expected
            .iter()
            .any(|&r| model.rules.get(r).is_some_and(|rule| rule.name == decided))
    {
        return Vec::new();
    }
    expected
        .into_iter()
        .filter_map(|r| {
            let (held, why) = explainer.reasons(r)?;
            let why: Vec<String> = why.into_iter().map(|seen| seen.seen).collect();
            let rule = model.rules.get(r)?;
            (!held).then(|| (rule.name.clone(), why.join("; ")))
        })
        .collect()
}

/// `text` as one word of a shell command line: as it is when it is made only of
/// characters no shell treats specially, else in single quotes.
fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

fn coverage_text(model: &Model, results: &[TestResult]) -> String {
    let cov = coverage(model, results);
    let rules = model.rules.len();
    let count = |v: &[bool]| v.iter().filter(|x| **x).count();
    let missing = |v: &[bool]| -> Vec<&str> {
        model
            .rules
            .iter()
            .zip(v)
            .filter(|(_, x)| !**x)
            .map(|(r, _)| r.name.as_str())
            .collect()
    };
    let mut out = format!(
        "  coverage: {} of {} reached by a test, {} of {} decide one\n",
        count(&cov.reached),
        plural(rules, "rule"),
        count(&cov.decided),
        rules
    );
    let not_reached = missing(&cov.reached);
    if !not_reached.is_empty() {
        out.push_str(&format!(
            "    no test reaches: {}\n",
            not_reached.join(", ")
        ));
    }
    let not_decided = missing(&cov.decided);
    if !not_decided.is_empty() {
        out.push_str(&format!(
            "    no test decides: {}\n",
            not_decided.join(", ")
        ));
    }
    out
}

#[expect(
    clippy::indexing_slicing,
    reason = "`TestResult::test` is a position in `model.tests`, and `record` was built by `json!` as an object"
)]
fn json_report(runs: &[FileRun], args: &TestArgs, passed: usize, failed: usize) -> String {
    let files: Vec<Value> = runs
        .iter()
        .map(|file| {
            let (policy, results) = match &file.outcome {
                Ok(x) => x,
                Err(d) => {
                    return json!({
                        "file": file.name,
                        "errors": render::records(d),
                        "tests": [],
                    });
                }
            };
            let Some(model) = policy.model() else {
                return json!({"file": file.name, "errors": [], "tests": []});
            };
            let index = LineIndex::new(&file.source);
            let tests: Vec<Value> = results
                .iter()
                .map(|r| {
                    let test = &model.tests[r.test];
                    let (expected, got, matched) = describe(model, r);
                    let (because, not_held) = if r.passed() {
                        (None, Vec::new())
                    } else {
                        why_failed(policy, model, r.test)
                    };
                    json!({
                        "name": test.name,
                        "line": index.line_col(test.span.start).line,
                        "passed": r.passed(),
                        "expected": expected,
                        "got": got,
                        "matched": matched,
                        "because": because,
                        "not_held": not_held
                            .into_iter()
                            .map(|(rule, why)| json!({"rule": rule, "because": why}))
                            .collect::<Vec<_>>(),
                        "problems": r.mismatches,
                    })
                })
                .collect();
            let mut record = json!({"file": file.name, "errors": [], "tests": tests});
            if args.coverage && args.filter.is_none() {
                let cov = coverage(model, results);
                let names = |v: &[bool], want: bool| -> Vec<&str> {
                    model
                        .rules
                        .iter()
                        .zip(v)
                        .filter(|(_, x)| **x == want)
                        .map(|(r, _)| r.name.as_str())
                        .collect()
                };
                record["coverage"] = json!({
                    "rules": model.rules.len(),
                    "reached": names(&cov.reached, true),
                    "not_reached": names(&cov.reached, false),
                    "decided": names(&cov.decided, true),
                    "not_decided": names(&cov.decided, false),
                });
            }
            record
        })
        .collect();
    let report = json!({"files": files, "passed": passed, "failed": failed});
    serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into())
}

#[expect(
    clippy::indexing_slicing,
    reason = "`TestResult::test` is a position in `model.tests`: `Policy::run_tests` enumerates them"
)]
fn github(runs: &[FileRun]) -> String {
    let mut out = String::new();
    for file in runs {
        let (policy, results) = match &file.outcome {
            Ok(x) => x,
            Err(d) => {
                out.push_str(&render::github(std::slice::from_ref(d)));
                continue;
            }
        };
        let Some(model) = policy.model() else {
            continue;
        };
        let index = LineIndex::new(&file.source);
        for r in results.iter().filter(|r| !r.passed()) {
            let test = &model.tests[r.test];
            let (expected, got, _) = describe(model, r);
            let at = index.line_col(test.expect.span.start);
            let mut message = format!(
                "test \"{}\" failed\nexpected: {expected}\ngot: {got}",
                test.name
            );
            let (because, not_held) = why_failed(policy, model, r.test);
            if let Some(because) = because {
                message.push_str(&format!("\nbecause: {because}"));
            }
            for (rule, why) in not_held {
                message.push_str(&format!("\nnot held: {rule}: {why}"));
            }
            out.push_str(&render::github_command(
                "error",
                &file.name,
                Some((at.line, at.column)),
                "test failed",
                &message,
            ));
        }
    }
    out
}

/// The JUnit XML report: a `testsuite` per policy file, a `testcase` per test (its
/// `classname` the policy's name, with `file` and `line`), a `failure` holding what was
/// expected, what came and why, an `error` for a test whose request was refused, and for
/// a policy with errors one `testcase` "the policy checks" whose `error` lists them.
#[expect(
    clippy::indexing_slicing,
    reason = "`TestResult::test` is a position in `model.tests`: `Policy::run_tests` enumerates them"
)]
fn junit(runs: &[FileRun]) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures, mut errors) = (0, 0, 0);
    for file in runs {
        let name = xml(&file.name);
        let (policy, results) = match &file.outcome {
            Ok(x) => x,
            Err(d) => {
                tests += 1;
                errors += 1;
                let message = plural(d.error_count(), "error");
                suites.push_str(&format!(
                    "  <testsuite name=\"{name}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    <testcase name=\"the policy checks\" classname=\"{name}\" file=\"{name}\">\n      <error message=\"{}\">{}</error>\n    </testcase>\n  </testsuite>\n",
                    xml(&format!("the policy has {message}: its tests were not run")),
                    xml(&render::human(d, false)),
                ));
                continue;
            }
        };
        let Some(model) = policy.model() else {
            continue;
        };
        let index = LineIndex::new(&file.source);
        let failed = results
            .iter()
            .filter(|r| r.decision.is_ok() && !r.passed())
            .count();
        let refused = results.iter().filter(|r| r.decision.is_err()).count();
        tests += results.len();
        failures += failed;
        errors += refused;
        suites.push_str(&format!(
            "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{failed}\" errors=\"{refused}\">\n",
            results.len()
        ));
        for r in results {
            let test = &model.tests[r.test];
            let line = index.line_col(test.span.start).line;
            let case = format!(
                "    <testcase name=\"{}\" classname=\"{}\" file=\"{name}\" line=\"{line}\"",
                xml(&test.name),
                xml(&model.name)
            );
            if r.passed() {
                suites.push_str(&format!("{case}/>\n"));
                continue;
            }
            let (expected, got, matched) = describe(model, r);
            let mut body = format!("expected: {expected}\ngot: {got}");
            if !matched.is_empty() {
                body.push_str(&format!("\nmatched: {}", matched.join(", ")));
            }
            let (because, not_held) = why_failed(policy, model, r.test);
            if let Some(because) = because {
                body.push_str(&format!("\nbecause: {because}"));
            }
            for (rule, why) in not_held {
                body.push_str(&format!("\nnot held: {rule}: {why}"));
            }
            let (element, message) = match &r.decision {
                Err(e) => ("error", format!("the test's request was refused: {e}")),
                Ok(_) => ("failure", r.mismatches.join("; ")),
            };
            suites.push_str(&format!(
                "{case}>\n      <{element} message=\"{}\">{}</{element}>\n    </testcase>\n",
                xml(&message),
                xml(&body)
            ));
        }
        suites.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"baton test\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n{suites}</testsuites>\n"
    )
}

/// `text` as XML character data or an attribute value: the five markup characters as
/// entities, and the characters XML 1.0 does not allow (control characters but tab, line
/// feed and carriage return) as U+FFFD, since a policy's strings may hold them.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || matches!(c, '\u{FFFE}' | '\u{FFFF}') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}
