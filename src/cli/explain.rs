//! `baton explain POLICY [REQUEST|-]`: the decision in one line, then the policy's source
//! with every condition labelled with the value it saw and whether it held (drawn by
//! ariadne), then the signals, then the decision in full, so a support lead sees at a
//! glance why.

use std::fmt::Write as _;
use std::path::PathBuf;

use ariadne::{Color as Paint, Config, IndexType, Label, Report, ReportKind, Source};
use clap::Args;

use super::policy::{load, print_request_error, read_input};
use super::{Color, exit};
use crate::eval::explain::{show, tests_seen};
use crate::{Decision, Outcome, Request};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The policy's source (`.baton`).
    #[arg(value_name = "POLICY")]
    pub policy: PathBuf,

    /// The request (JSON); `-` or nothing reads standard input.
    #[arg(value_name = "REQUEST")]
    pub request: Option<PathBuf>,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[expect(
    clippy::indexing_slicing,
    reason = "`matched` has one entry per rule of the table, which has the model's rules, in order"
)]
pub fn run(args: &ExplainArgs) -> u8 {
    let color = args.color.enabled();
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
    let input = match read_input(args.request.as_deref()) {
        Ok(text) => text,
        Err(code) => return code,
    };
    let request = match Request::from_json(&input) {
        Ok(r) => r,
        Err(e) => {
            print_request_error(&e, None);
            return exit::PROBLEMS;
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
        let mut report = Report::build(
            ReportKind::Custom(mark, paint),
            (name.clone(), rule.span.start..rule.span.end),
        )
        .with_config(
            Config::default()
                .with_color(color)
                .with_index_type(IndexType::Byte),
        )
        .with_message(format!("rule {} ({kind}) {verdict}", rule.name));
        for seen in tests_seen(model, table, &evaluation, id) {
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
    out.push_str("\ndecision\n");
    let _ = writeln!(out, "  {}", headline(decision));
    if let Some(say) = &decision.say {
        let _ = writeln!(out, "  say: {say}");
    }
    if let Some(reason) = &decision.reason {
        let _ = writeln!(out, "  reason: {reason}");
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
    print!("{out}");
    exit::OK
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
