//! `baton explain POLICY [REQUEST|-|--test NAME]`: the decision in one line, then the
//! policy's source with every condition labelled with the value it saw and whether it
//! held (drawn by ariadne), then the signals, how the team was chosen, and the decision in
//! full, so a support lead sees at a glance why. `--test` explains the request one of the
//! policy's own tests describes.

use std::fmt::Write as _;
use std::path::PathBuf;

use ariadne::{Color as Paint, Config, IndexType, Label, Report, ReportKind, Source};
use clap::Args;

use super::policy::{
    Line, RequestLines, load, looks_like_json_lines, print_request_error, read_input,
};
use super::{Color, exit};
use crate::compile::FallbackMode;
use crate::eval::explain::{FallbackSeen, RoutingSeen, show};
use crate::{Decision, Outcome};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The policy's source (`.baton`).
    #[arg(value_name = "POLICY")]
    pub policy: PathBuf,

    /// The request (JSON); `-` or nothing reads standard input.
    #[arg(value_name = "REQUEST")]
    pub request: Option<PathBuf>,

    /// Explain the request of the policy's own test with this name (or the one test
    /// whose name contains it), instead of a request file: why a failing test decided
    /// as it did.
    #[arg(long, value_name = "NAME", conflicts_with = "request")]
    pub test: Option<String>,

    /// Explain the request on this line of a JSON Lines input (a `.jsonl` file, or
    /// standard input), counted from 1 as `baton eval` counts them in its errors.
    #[arg(long, value_name = "N", conflicts_with = "test")]
    pub line: Option<std::num::NonZeroUsize>,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

/// The request of a line to explain, or the error (printed) that it has none. UTF-16
/// input is refused whole by the caller, before any line is chosen.
fn line_text(line: Line, number: usize, what: &str) -> Result<(String, Option<usize>), u8> {
    match line.text() {
        Ok(text) if text.trim().is_empty() => {
            eprintln!("error: line {number} of {what} is blank");
            Err(exit::USAGE)
        }
        Ok(text) => Ok((text, Some(number))),
        Err(e) => {
            eprintln!("error: line {number}: {}", e.message);
            if let Some(help) = &e.help {
                eprintln!("  help: {help}");
            }
            Err(exit::PROBLEMS)
        }
    }
}

/// What a person at a terminal is told when `explain` reads lines from it.
const STDIN_LINES_HINT: &str = "reading requests from the terminal, one per line; Ctrl-D (Ctrl-Z and Enter on Windows) ends, and the one asked for is explained";

/// The one request to explain from JSON Lines, read a line at a time (a file of any
/// size): line `--line`, or the only request of a `.jsonl` file. The error is printed
/// already, with the exit status.
fn one_line(args: &ExplainArgs) -> Result<(String, Option<usize>), u8> {
    let mut lines = RequestLines::open(args.request.as_deref(), STDIN_LINES_HINT)?;
    let what = lines.what.clone();
    let refuse = |message: String| {
        eprintln!("{message}");
        exit::USAGE
    };
    let mut first: Option<(Line, usize)> = None;
    let mut requests = 0;
    let mut count = 0;
    loop {
        let (number, line) = match lines.next_line() {
            Ok(Some(next)) => next,
            Ok(None) => break,
            Err(e) => return Err(refuse(format!("error: cannot read {what}: {e}"))),
        };
        count = number;
        if let Line::Utf16 = line {
            super::policy::print_utf16_error(&what);
            return Err(exit::PROBLEMS);
        }
        match args.line {
            Some(n) if n.get() == number => return line_text(line, number, &what),
            Some(_) => continue,
            None => {}
        }
        if matches!(&line, Line::Text(text) if text.trim().is_empty()) {
            continue;
        }
        requests += 1;
        if first.is_none() {
            first = Some((line, number));
        }
    }
    if let Some(n) = args.line {
        return Err(refuse(format!(
            "error: {what} has {}, so no line {n}",
            crate::plural(count, "line")
        )));
    }
    match (first, requests) {
        (Some((only, number)), 1) => line_text(only, number, &what),
        (None, _) => Err(refuse(format!("error: {what} holds no request"))),
        (Some(_), many) => Err(refuse(format!(
            "error: {what} holds {many} requests, one per line; explain shows one\n  help: add `--line N` with the line to explain (the numbers `baton eval` gives in its errors)"
        ))),
    }
}

#[expect(
    clippy::indexing_slicing,
    reason = "`matched` has one entry per rule of the table, which has the model's rules, in order"
)]
pub fn run(args: &ExplainArgs) -> u8 {
    let color = args.color.enabled();
    if let Err(code) = super::policy::in_order("explain", &args.policy, args.request.as_deref()) {
        return code;
    }
    let loaded = match load(&args.policy, args.color.enabled_on_stderr()) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let (Some(source), Some(model)) = (&loaded.source, loaded.policy.model()) else {
        eprintln!(
            "error: `{}` is a compiled table; explain shows the policy's source\n  help: give the `.baton` file instead",
            loaded.name
        );
        return exit::USAGE;
    };
    let request = if let Some(name) = &args.test {
        match find_test(model, name) {
            Ok(test) => crate::eval::testing::request_for(model, test),
            Err(message) => {
                eprintln!("error: {message}");
                return exit::USAGE;
            }
        }
    } else {
        let by_line =
            args.line.is_some() || super::policy::is_json_lines_file(args.request.as_deref());
        let (input, line) = if by_line {
            match one_line(args) {
                Ok(found) => found,
                Err(code) => return code,
            }
        } else {
            match read_input(args.request.as_deref()) {
                Ok(text) => (text, None),
                Err(code) => return code,
            }
        };
        match loaded.policy.read_request(&input) {
            Ok(r) => r,
            Err(e) => {
                print_request_error(&e, line.filter(|_| args.line.is_some()));
                if !by_line && looks_like_json_lines(&input) {
                    eprintln!(
                        "  help: this is one request per line (JSON Lines); explain shows one: add `--line N`"
                    );
                }
                return exit::PROBLEMS;
            }
        }
    };
    let evaluation = match loaded.policy.evaluate(&request) {
        Ok(ev) => ev,
        Err(e) => {
            print_request_error(&e, None);
            return exit::PROBLEMS;
        }
    };
    let table = loaded.policy.table();
    // Some: the policy has its model, checked above.
    let Some(explainer) = loaded.policy.explainer(&request, &evaluation) else {
        return exit::USAGE;
    };
    let decision = &evaluation.decision;
    let name = loaded.name.clone();

    let (good, bad) = if color {
        (Paint::Green, Paint::Red)
    } else {
        (Paint::Primary, Paint::Primary)
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", headline(decision));
    for (id, rule) in model.rules.iter().enumerate() {
        let decides = decision.rule.as_deref() == Some(rule.name.as_str());
        let (mark, verdict, paint) = if decides {
            ("✓", "decides", good)
        } else if evaluation.matched[id] {
            ("✓", "held, but an earlier rule decided", good)
        } else {
            ("✗", "did not hold", bad)
        };
        let kind = rule
            .kind
            .map_or("stay".to_string(), |k| k.name().to_string());
        let seen = explainer.tests_seen(id);
        // The header's `file:line:column` points at the first test drawn (`tests_seen` is
        // in source order), the line the drawing starts on; the message names the rule.
        let at = seen.first().map_or(rule.span.start..rule.span.end, |t| {
            trimmed(source, t.span.start, t.span.end)
        });
        let mut report = Report::build(ReportKind::Custom(mark, paint), (name.clone(), at))
            .with_config(
                Config::default()
                    .with_color(color)
                    .with_index_type(IndexType::Byte),
            )
            .with_message(format!("rule {} ({kind}) {verdict}", rule.name));
        for seen in seen {
            let mark = if seen.held { "✓" } else { "✗" };
            report.add_label(
                Label::new((
                    name.clone(),
                    trimmed(source, seen.span.start, seen.span.end),
                ))
                .with_message(format!("{mark} {}", seen.seen))
                .with_color(if seen.held { good } else { bad }),
            );
        }
        let mut drawn = Vec::new();
        if report
            .finish()
            .write((name.clone(), Source::from(source.as_str())), &mut drawn)
            .is_err()
        {
            eprintln!("error: the explanation could not be drawn");
            return exit::USAGE;
        }
        out.push_str(&String::from_utf8_lossy(&drawn));
    }
    if !color {
        // ariadne paints a custom report kind even with colour off.
        out = strip_ansi(&out);
    }

    if !table.signals.is_empty() {
        out.push_str("\nsignals\n");
        let width = table
            .signals
            .iter()
            .map(|s| s.key().len())
            .max()
            .unwrap_or(0);
        for (signal, value) in table.signals.iter().zip(&evaluation.signals) {
            let shown = show(&signal.ty(), crate::eval::Val::Num(*value));
            let _ = writeln!(out, "  {:<width$}  {shown}", signal.key());
        }
    }
    if let Some(routing) = explainer.routing() {
        out.push_str(&routing_text(&routing, decision));
    }
    out.push_str("\ndecision\n");
    let _ = writeln!(out, "  {}", headline(decision));
    if let Some(say) = &decision.say {
        let _ = writeln!(out, "  say: {say}");
    }
    if let Some(reason) = &decision.reason {
        let _ = writeln!(out, "  reason: {reason}");
    }
    if let Some(because) = explainer.because() {
        let _ = writeln!(out, "  because: {because}");
    }
    let matched: Vec<&str> = decision.matched.iter().map(|m| &**m).collect();
    let _ = writeln!(
        out,
        "  matched: {}",
        if matched.is_empty() {
            "no rule".to_string()
        } else {
            matched.join(", ")
        }
    );
    super::print_out(&out);
    exit::OK
}

/// The test named `name`, or else the one test whose name contains it; the error says
/// which tests there are, or which match.
fn find_test<'m>(
    model: &'m crate::check::model::Model,
    name: &str,
) -> Result<&'m crate::check::model::TestDef, String> {
    if let Some(test) = model.tests.iter().find(|t| t.name == name) {
        return Ok(test);
    }
    let matching: Vec<_> = model
        .tests
        .iter()
        .filter(|t| t.name.contains(name))
        .collect();
    let list = |tests: &[&crate::check::model::TestDef]| {
        tests
            .iter()
            .map(|t| format!("\n  {}", crate::text::quoted(&t.name)))
            .collect::<String>()
    };
    match matching.as_slice() {
        [one] => Ok(one),
        [] if model.tests.is_empty() => Err(format!(
            "no test is named {}: the policy has no tests\n  help: explain a request \
             file instead: `baton explain POLICY request.json`",
            crate::text::quoted(name)
        )),
        [] => Err(format!(
            "no test is named {}, nor has it in its name; the policy's tests are:{}",
            crate::text::quoted(name),
            list(&model.tests.iter().collect::<Vec<_>>())
        )),
        several => Err(format!(
            "{} tests have {} in their name; give more of it:{}",
            several.len(),
            crate::text::quoted(name),
            list(several)
        )),
    }
}

/// The teams the deciding rule named, in the order tried, each open or not and why, and
/// the one chosen or the fallback used.
fn routing_text(routing: &RoutingSeen, decision: &Decision) -> String {
    let mut out = String::from("\nrouting: the first team open with an agent free\n");
    let labels: Vec<String> = routing
        .candidates
        .iter()
        .map(|c| {
            let mut notes = Vec::new();
            // Waiting customers order a skill's teams; a team named by itself keeps its
            // place.
            if let Some(skill) = &c.skill {
                notes.push(format!("skill {skill}"));
                if let Some(w) = c.waiting {
                    notes.push(format!("{w} waiting"));
                }
            }
            if notes.is_empty() {
                c.team.clone()
            } else {
                format!("{} ({})", c.team, notes.join(", "))
            }
        })
        .collect();
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut chosen = false;
    for (i, (c, label)) in routing.candidates.iter().zip(&labels).enumerate() {
        let hours = match (&c.hours, &c.local_time) {
            (Some(h), Some(t)) => format!("{h}, {t}"),
            _ => "no hours".to_string(),
        };
        let mut state = format!("{} ({hours})", if c.open { "open" } else { "closed" });
        if c.open && c.available == Some(0) {
            state.push_str(", but no agent available");
        } else if let Some(a) = c.available {
            let _ = write!(state, ", {a} available");
        }
        let pick = if c.reachable && !chosen {
            chosen = true;
            "  ← chosen"
        } else {
            ""
        };
        let _ = writeln!(out, "  {}. {label:<width$}  {state}{pick}", i + 1);
    }
    if let Some(fallback) = routing.fallback {
        let team = decision.team.as_deref().unwrap_or("no team");
        let how = |mode: FallbackMode| match mode {
            FallbackMode::Ticket => "a ticket",
            FallbackMode::Callback => "a callback",
        };
        let _ = match fallback {
            FallbackSeen::Rule(mode) => writeln!(
                out,
                "  none can take it now: {team} is named, with {} (the rule's offline fallback)",
                how(mode)
            ),
            FallbackSeen::Policy(mode) => writeln!(
                out,
                "  none can take it now: {team} is named, with {} (the policy's offline fallback)",
                how(mode)
            ),
            FallbackSeen::Queue => writeln!(
                out,
                "  none can take it now, and no offline fallback: the customer waits in {team}'s queue"
            ),
        };
    }
    out
}

/// The decision in one line: `escalate to billing (live), priority high, by vip_billing`.
fn headline(d: &Decision) -> String {
    match d.outcome {
        Outcome::Stay => match &d.rule {
            Some(rule) => format!("stay, by {rule}"),
            None => "stay: no rule held".into(),
        },
        Outcome::Escalate => {
            let handoff = match d.handoff {
                Some(crate::check::model::Handoff::Live) => "live",
                Some(crate::check::model::Handoff::Ticket) => "a ticket",
                Some(crate::check::model::Handoff::Callback) => "a callback",
                Some(crate::check::model::Handoff::Queue) => "queued",
                None => "",
            };
            format!(
                "escalate to {} ({handoff}), priority {}, by {}",
                d.team.as_deref().unwrap_or("no team"),
                d.priority.map_or("normal", |p| p.name()),
                d.rule.as_deref().unwrap_or("?")
            )
        }
    }
}

/// A span without the white space and comments that may trail it.
fn trimmed(source: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let text = source.get(start..end).unwrap_or("");
    let mut keep = text.len();
    loop {
        let t = text[..keep].trim_end();
        // A comment at the end of a line inside the span.
        let line_start = t.rfind('\n').map_or(0, |i| i + 1);
        match t[line_start..].find('#') {
            Some(hash) if !t[line_start..line_start + hash].contains('"') => {
                keep = line_start + hash;
            }
            _ => {
                keep = t.len();
                break;
            }
        }
    }
    start..start + keep.max(1).min(text.len().max(1))
}

/// The text without ANSI colour sequences.
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
