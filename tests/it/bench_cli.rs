//! `baton bench` from the outside, and the sample of the benchmark corpus shipped for it.

use serde_json::Value;

use crate::{baton, root, scratch, stderr, stdout};

#[path = "../../benches/common/corpus.rs"]
#[allow(dead_code)]
mod corpus;

const SAMPLE: &str = "rules-examples/requests/acme-corpus.jsonl";

/// The shipped sample is the first 200 requests of the benchmarks' corpus, written by
/// its generator (set `BATON_WRITE_SAMPLE=1` to write it again after changing it).
#[test]
fn the_shipped_sample_is_the_benchmark_corpus() {
    let expected: String = corpus::acme(200, 42)
        .iter()
        .map(|r| serde_json::to_string(r).unwrap() + "\n")
        .collect();
    let path = root().join(SAMPLE);
    if std::env::var_os("BATON_WRITE_SAMPLE").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let shipped = std::fs::read_to_string(&path).unwrap();
    assert!(
        shipped == expected,
        "{SAMPLE} is not the corpus's output: run BATON_WRITE_SAMPLE=1 cargo test bench_cli"
    );
}

/// `baton bench` of acme on the shipped sample, with `options`.
fn bench_sample(options: &[&str]) -> std::process::Output {
    let mut args = vec!["bench", "rules-examples/acme.baton", SAMPLE];
    args.extend_from_slice(options);
    baton(&root(), &args)
}

#[test]
fn bench_reports_throughput_and_latency() {
    let out = bench_sample(&["--duration", "0.2", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(r["requests"], 200);
    let decisions = r["decisions"].as_u64().unwrap();
    let passes = r["passes"].as_u64().unwrap();
    assert!(passes >= 1);
    assert_eq!(decisions, 200 * passes);
    let l = &r["latency_us"];
    let (p50, p90, p99, max) = (
        l["p50"].as_f64().unwrap(),
        l["p90"].as_f64().unwrap(),
        l["p99"].as_f64().unwrap(),
        l["max"].as_f64().unwrap(),
    );
    assert!(0.0 < p50 && p50 <= p90 && p90 <= p99 && p99 <= max, "{l}");
    // Decisions per second is the inverse of the mean time of one decision.
    let per_second = r["decisions_per_second"].as_f64().unwrap();
    let mean = l["mean"].as_f64().unwrap();
    assert!((per_second * mean / 1e6 - 1.0).abs() < 1e-6, "{r}");
    let share = r["escalate_share"].as_f64().unwrap();
    assert!(0.3 < share && share < 0.9, "{share}");

    // The human form: the same figures, in a table.
    let out = bench_sample(&["--duration", "0"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("rules-examples/acme.baton: 200 requests"),
        "{text}"
    );
    for label in ["decisions per second", "p50", "p90", "p99", "max"] {
        assert!(text.contains(label), "{label} in {text}");
    }
    assert!(text.contains(", 1 pass, 200 decisions"), "{text}");
}

#[test]
fn bench_refuses_requests_it_cannot_decide_and_bad_arguments() {
    let dir = scratch("bench_cli");
    let file = dir.join("mixed.jsonl");
    std::fs::write(
        &file,
        "{\"facts\": {\"confidence\": 0.9}}\n{\"facts\": {\"confidence\": \"high\"}}\n",
    )
    .unwrap();
    let policy = root().join("rules-examples/acme.baton");
    let policy = policy.to_str().unwrap();
    let out = baton(&dir, &["bench", policy, "mixed.jsonl", "--duration", "0"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("line 2: facts.confidence"), "{err}");
    assert!(err.contains("1 line could not be decided"), "{err}");
    assert!(stdout(&out).is_empty());

    std::fs::write(dir.join("empty.jsonl"), "\n").unwrap();
    let out = baton(&dir, &["bench", policy, "empty.jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("holds no request"),
        "{}",
        stderr(&out)
    );

    let out = baton(&dir, &["bench", policy, "missing.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read"), "{}", stderr(&out));

    let out = baton(&dir, &["bench", policy, "empty.jsonl", "--duration=-1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--duration -1"), "{}", stderr(&out));
}
