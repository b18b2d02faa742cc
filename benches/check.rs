//! Parse + check + compile time against policy size: a generated policy of 1,000 to
//! 20,000 rules. The 1,000-rule policy is the baseline; linear growth shows as a constant
//! time per rule.

use std::fmt::Write;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// A policy with `rules` rules that use every kind of condition.
fn generate(rules: usize) -> String {
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

fn bench_check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for rules in [1_000, 5_000, 20_000] {
        let source = generate(rules);
        // The generated policy must be valid, or the bench would time error paths.
        assert!(baton::Policy::compile("generated.baton", &source).is_ok());
        group.throughput(Throughput::Elements(rules as u64));
        group.bench_with_input(BenchmarkId::new("parse+check", rules), &source, |b, src| {
            b.iter(|| baton::Policy::compile("generated.baton", src).map(|p| p.table().rows.len()))
        });
    }
    group.finish();
}

fn bench_acme(c: &mut Criterion) {
    let source = include_str!("../rules-examples/acme.baton");
    c.bench_function("check/acme", |b| {
        b.iter(|| baton::Policy::compile("acme.baton", source).map(|p| p.table().rows.len()))
    });
}

criterion_group!(benches, bench_check, bench_acme);
criterion_main!(benches);
