//! Generated policies of any size, for the benchmarks that measure how Baton grows with
//! the number of rules.

use std::fmt::Write;

/// A policy with `rules` rules that use every kind of condition.
pub fn generate(rules: usize) -> String {
    let mut s = String::from(
        "policy \"generated\"\nfact confidence: percent\nfact failed_attempts: number = 0\n\
         fact tier: standard | gold | vip = standard\nfact intent: text = \"unknown\"\n\
         fact button: bool = false\nfact waited: duration = 0s\n\
         hours office in \"Europe/Paris\" { mon-fri 09:00-18:00  sat 10:00-13:00  closed 2026-12-25 }\n",
    );
    for i in 0..20 {
        let _ = writeln!(
            s,
            "phrases set{i} = [\"phrase {i}\", \"another phrase {i}\", \"refund{i}*\"]"
        );
        let _ = writeln!(
            s,
            "team team{i} {{ skills skill{}, general; hours office }}",
            i % 5
        );
    }
    s.push_str("offline ticket \"We will email you.\"\n");
    for i in 0..rules {
        let cond = match i % 5 {
            0 => format!(
                "message mentions set{} and confidence < {}%",
                i % 20,
                i % 100
            ),
            1 => format!("tier is vip and failed_attempts >= {} or button", i % 7),
            2 => format!("not within office and intent in [\"a{i}\", \"b{i}\"]"),
            3 => format!(
                "(sentiment < -0.{} or burst(30s) >= 4) and waited > {}m",
                i % 9 + 1,
                i % 60
            ),
            _ => format!(
                "conversation mentions set{}, set{} and repeats >= 2",
                i % 20,
                (i + 1) % 20
            ),
        };
        let _ = writeln!(
            s,
            "rule r{i}: context {{\n  when {cond}\n  escalate to team{} or skill skill{} priority high\n}}",
            i % 20,
            i % 5
        );
    }
    s
}

/// A request for a generated policy, from a corpus request: its messages, its facts
/// renamed to the generated policy's.
pub fn request_for(r: &baton::Request) -> baton::Request {
    let mut r = r.clone();
    if let Some(button) = r.facts.remove("escalate_button") {
        r.facts.insert("button".into(), button);
    }
    r.facts.insert("waited".into(), serde_json::json!("12m"));
    r.now = r.messages.last().map(|m| m.at);
    r
}

/// acme (or a policy with acme's handoff line) with a packet of the reason only: what
/// deciding costs without the transcript, entities and summary.
pub fn reason_only(source: &str) -> String {
    source.replace(
        "handoff { include summary, entities, actions, reason, transcript, facts, signals }",
        "handoff { include reason }",
    )
}
