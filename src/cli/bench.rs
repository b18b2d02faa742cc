//! `baton bench POLICY REQUESTS.jsonl`: how fast a policy decides a user's own requests.
//! Each decision is timed on its own, over as many passes as fit in the time asked for,
//! after one pass that checks every request and warms the caches.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use serde_json::json;

use super::policy::{load, print_request_error, read_input, request_line};
use super::{Color, exit};
use crate::diagnostic::thousands;
use crate::{Outcome, Request};

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// The policy: a `.baton` file, or a table saved by `baton compile --format json`.
    #[arg(value_name = "POLICY")]
    pub policy: PathBuf,

    /// The requests, one JSON object per line (what `baton eval` reads); `-` reads
    /// standard input.
    #[arg(value_name = "REQUESTS")]
    pub requests: PathBuf,

    /// How long to measure, in seconds: the requests are decided again and again, in
    /// order, until the time is up (at least once each).
    #[arg(long, default_value_t = 3.0, value_name = "SECONDS")]
    pub duration: f64,

    /// `human` (a table) or `json` (one object, for scripts and dashboards).
    #[arg(long, value_enum, default_value_t = BenchFormat::Human)]
    pub format: BenchFormat,

    /// When to colour error messages about the policy.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BenchFormat {
    Human,
    Json,
}

/// How often the progress line is redrawn.
const PROGRESS_EVERY: Duration = Duration::from_millis(200);

pub fn run(args: &BenchArgs) -> u8 {
    if !(args.duration.is_finite() && args.duration >= 0.0 && args.duration <= 86_400.0) {
        eprintln!(
            "error: --duration {} is not a number of seconds between 0 and 86400",
            args.duration
        );
        return exit::USAGE;
    }
    if let Err(code) = super::policy::in_order("bench", &args.policy, Some(args.requests.as_path()))
    {
        return code;
    }
    let loaded = match load(&args.policy, args.color.enabled_on_stderr()) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let input = match read_input(Some(&args.requests)) {
        Ok(text) => text,
        Err(code) => return code,
    };
    let policy = &loaded.policy;

    // Every request read and decided once, untimed: a request that cannot be decided
    // would measure an error, not a decision.
    let mut requests: Vec<Request> = Vec::new();
    let mut escalations = 0usize;
    let mut messages = 0usize;
    let mut bad = 0usize;
    for (i, line) in input.lines().map(request_line).enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match policy
            .read_request(line)
            .and_then(|r| policy.decide(&r).map(|d| (r, d)))
        {
            Ok((r, d)) => {
                escalations += usize::from(d.outcome == Outcome::Escalate);
                messages += r.messages.len();
                requests.push(r);
            }
            Err(e) => {
                bad += 1;
                if bad <= 5 {
                    print_request_error(&e, Some(i + 1));
                }
            }
        }
    }
    if bad > 0 {
        eprintln!(
            "error: {} could not be decided; `baton eval {} {}` shows every one. Fix or remove them: a benchmark measures decisions, not errors",
            crate::plural(bad, "line"),
            args.policy.display(),
            args.requests.display()
        );
        return exit::PROBLEMS;
    }
    if requests.is_empty() {
        eprintln!(
            "error: `{}` holds no request: write one JSON request per line",
            args.requests.display()
        );
        return exit::PROBLEMS;
    }

    let budget = Duration::from_secs_f64(args.duration);
    let progress = std::io::stderr().is_terminal();
    let mut times: Vec<Duration> = Vec::new();
    let started = Instant::now();
    let mut shown = started;
    let mut passes = 0usize;
    loop {
        for r in &requests {
            let start = Instant::now();
            let decision = std::hint::black_box(policy.decide(std::hint::black_box(r)));
            times.push(start.elapsed());
            drop(decision);
        }
        passes += 1;
        let now = Instant::now();
        if progress && now.duration_since(shown) >= PROGRESS_EVERY {
            shown = now;
            eprint!(
                "\rmeasuring: pass {passes}, {} decisions, {:.1} s of {:.1} s",
                times.len(),
                now.duration_since(started).as_secs_f64(),
                args.duration
            );
        }
        if now.duration_since(started) >= budget {
            break;
        }
    }
    if progress {
        eprint!("\r{:70}\r", "");
    }
    let deciding: Duration = times.iter().sum();
    times.sort_unstable();
    let at = |q: f64| {
        let i = ((times.len() - 1) as f64 * q).round() as usize;
        times.get(i).copied().unwrap_or_default()
    };
    let per_second = times.len() as f64 / deciding.as_secs_f64().max(1e-12);
    let micros = |d: Duration| d.as_secs_f64() * 1e6;
    let report = Report {
        requests: requests.len(),
        messages_per_request: messages as f64 / requests.len() as f64,
        escalate_share: escalations as f64 / requests.len() as f64,
        passes,
        decisions: times.len(),
        decisions_per_second: per_second,
        mean_us: micros(deciding) / times.len() as f64,
        p50_us: micros(at(0.5)),
        p90_us: micros(at(0.9)),
        p99_us: micros(at(0.99)),
        max_us: micros(at(1.0)),
    };
    let text = match args.format {
        BenchFormat::Human => report.human(&loaded.name),
        BenchFormat::Json => report.json(&loaded.name),
    };
    super::print_out(&format!("{text}\n"));
    exit::OK
}

struct Report {
    requests: usize,
    messages_per_request: f64,
    escalate_share: f64,
    passes: usize,
    decisions: usize,
    decisions_per_second: f64,
    mean_us: f64,
    p50_us: f64,
    p90_us: f64,
    p99_us: f64,
    max_us: f64,
}

impl Report {
    fn human(&self, policy: &str) -> String {
        let passes = if self.passes == 1 {
            "1 pass".to_string()
        } else {
            format!("{} passes", thousands(self.passes as u64))
        };
        format!(
            "{policy}: {} ({:.1} messages each, {:.0}% escalate), {passes}, {} decisions timed one by one\n\
             \n  decisions per second  {:>12}  (one thread)\n  mean                  {:>9.2} µs\n  p50                   {:>9.2} µs\n  p90                   {:>9.2} µs\n  p99                   {:>9.2} µs\n  max                   {:>9.2} µs",
            crate::plural(self.requests, "request"),
            self.messages_per_request,
            100.0 * self.escalate_share,
            thousands(self.decisions as u64),
            thousands(self.decisions_per_second.round() as u64),
            self.mean_us,
            self.p50_us,
            self.p90_us,
            self.p99_us,
            self.max_us
        )
    }

    fn json(&self, policy: &str) -> String {
        json!({
            "policy": policy,
            "requests": self.requests,
            "messages_per_request": self.messages_per_request,
            "escalate_share": self.escalate_share,
            "passes": self.passes,
            "decisions": self.decisions,
            "decisions_per_second": self.decisions_per_second,
            "latency_us": {
                "mean": self.mean_us,
                "p50": self.p50_us,
                "p90": self.p90_us,
                "p99": self.p99_us,
                "max": self.max_us,
            },
        })
        .to_string()
    }
}
