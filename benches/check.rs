//! Parse + check + compile time against policy size: a generated policy of 10 to 20,000
//! rules. Linear growth shows as a constant time per rule (criterion's throughput, in
//! rules per second).

#[path = "common/policies.rs"]
#[allow(
    dead_code,
    reason = "the request adapter and the reason-only policy serve the decide benchmark"
)]
mod policies;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn bench_check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for rules in [10, 100, 1_000, 5_000, 20_000] {
        let source = policies::generate(rules);
        // The generated policy must be valid, or the bench would time error paths.
        assert!(baton::Policy::compile("generated.baton", &source).is_ok());
        group.throughput(Throughput::Elements(rules as u64));
        group.bench_with_input(BenchmarkId::new("parse+check", rules), &source, |b, src| {
            b.iter(|| baton::Policy::compile("generated.baton", src).map(|p| p.table().rows.len()))
        });
        // What `baton check` does: the same, then every lint (design section 6).
        group.bench_with_input(
            BenchmarkId::new("check+compile+lints", rules),
            &source,
            |b, src| b.iter(|| baton::check_source("generated.baton", src).problems().len()),
        );
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
