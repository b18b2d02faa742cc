//! Deciding allocates per request, never per rule: a counting allocator shows that a
//! policy of 1,000 rules costs the same number of allocations as one of 10. The same
//! allocator measures how much memory a compiled policy holds.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    /// Bytes allocated minus bytes freed, on this thread.
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

fn live(change: isize) {
    let _ = LIVE.try_with(|c| c.set(c.get() + change));
}

// SAFETY: every call is passed on to the system allocator unchanged; counting touches
// only a thread-local `Cell` that needs no allocation.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        live(layout.size() as isize);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        live(-(layout.size() as isize));
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        live(new_size as isize - layout.size() as isize);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

/// A policy of `rules` rules; the first `matching` of them hold for the request below.
fn policy(rules: usize, matching: usize) -> baton::Policy {
    let mut s = String::from(
        "policy \"many\"\nfact failed_attempts: number = 0\nphrases help = [\"help me\"]\nteam t { skills general }\n",
    );
    for i in 0..rules {
        let threshold = if i < matching { 0 } else { 1000 + i };
        s.push_str(&format!(
            "rule r{i}: limit {{\n  when failed_attempts >= {threshold} and (message mentions help or sentiment < 2 or repeats >= 0)\n  escalate to t\n}}\n"
        ));
    }
    baton::Policy::compile("many.baton", &s).unwrap()
}

/// A request with `failed_attempts` and three messages: customer, bot, customer.
fn conversation(failed_attempts: u32, [first, bot, last]: [&str; 3]) -> baton::Request {
    let request = serde_json::json!({"facts": {"failed_attempts": failed_attempts}, "messages": [
        {"from": "customer", "text": first, "at": "2026-11-24T15:00:00Z"},
        {"from": "bot", "text": bot, "at": "2026-11-24T15:00:02Z"},
        {"from": "customer", "text": last, "at": "2026-11-24T15:00:09Z"}]});
    baton::Request::from_value(&request).unwrap()
}

#[test]
fn deciding_allocates_per_request_not_per_rule() {
    let request = conversation(3, ["please help me", "Sure.", "help me with my order"]);
    let count = |rules: usize, matching: usize| {
        let p = policy(rules, matching);
        // Once to warm up lazily built tables (the sentiment lexicon).
        let _ = p.decide(&request).unwrap();
        allocations(|| {
            let d = p.decide(&request).unwrap();
            assert_eq!(d.matched.len(), matching);
        })
    };
    let small = count(10, 5);
    assert_eq!(count(1000, 5), small, "1,000 rules allocate as 10 do");
    assert_eq!(
        count(1000, 1000),
        small,
        "1,000 matching rules allocate as 5 do"
    );
}

/// The vectors a decision works in (words, VADER's tokens, facts, signals, flags) are
/// kept per thread from one decision to the next: on a thread that has decided before,
/// a decision allocates only what it hands back. One that holds no rule hands back
/// nothing that needs memory.
#[test]
fn a_decision_that_holds_nothing_allocates_nothing_on_a_warm_thread() {
    let request = conversation(
        0,
        [
            "Where is my parcel? It's late!",
            "Let me check your order.",
            "I'm still waiting, where is my parcel",
        ],
    );
    let p = policy(10, 0);
    // The first decision on this thread makes the room (and the sentiment lexicon).
    assert!(allocations(|| drop(p.decide(&request).unwrap())) > 0);
    let again = allocations(|| {
        let d = p.decide(&request).unwrap();
        assert!(d.matched.is_empty() && d.context.is_none());
    });
    assert_eq!(
        again, 0,
        "a warm decision that holds nothing allocates nothing"
    );
    // Nor when the latest message has no words for VADER to score.
    let blank = conversation(0, ["Where is my parcel?", "Let me check.", " \t "]);
    let _ = p.decide(&blank).unwrap();
    let again = allocations(|| drop(p.decide(&blank).unwrap()));
    assert_eq!(again, 0, "a message without words allocates nothing either");
}

/// On acme's shipped corpus, a warm decision allocates about as many times as the parts
/// of the decision it hands back need (the matched rules; for an escalation the
/// summary, transcript, actions, facts and signals, and the entities found), not once per
/// word, message or rule.
#[test]
fn acme_decisions_allocate_only_what_they_hand_back() {
    let root = crate::root();
    let source = std::fs::read_to_string(root.join("rules-examples/acme.baton")).unwrap();
    let policy = baton::Policy::compile("acme.baton", &source).unwrap();
    let corpus =
        std::fs::read_to_string(root.join("rules-examples/requests/acme-corpus.jsonl")).unwrap();
    let requests: Vec<baton::Request> = corpus
        .lines()
        .map(|line| baton::Request::from_json(line).unwrap())
        .collect();
    for r in &requests {
        let _ = policy.decide(r).unwrap();
    }
    let mut escalations = 0;
    let total = allocations(|| {
        for r in &requests {
            escalations += usize::from(policy.decide(r).unwrap().context.is_some());
        }
    });
    let per_decision = total as f64 / requests.len() as f64;
    eprintln!(
        "acme corpus: {per_decision:.1} allocations per decision ({escalations} of {} escalate)",
        requests.len()
    );
    assert!(escalations > 0);
    assert!(
        per_decision < 12.0,
        "{per_decision} allocations per decision"
    );
}

/// The compiled acme policy holds well under 1 MB (design target), the shared sentiment
/// lexicon apart: it is built once per process, on the first decision, not per policy.
#[test]
fn a_compiled_policy_holds_under_a_megabyte() {
    let source = std::fs::read_to_string(crate::root().join("rules-examples/acme.baton")).unwrap();
    let held = |f: &dyn Fn() -> baton::Policy| {
        let before = LIVE.with(Cell::get);
        let policy = f();
        let bytes = LIVE.with(Cell::get) - before;
        drop(policy);
        bytes
    };
    let from_source = held(&|| baton::Policy::compile("acme.baton", &source).unwrap());
    let table = baton::Policy::compile("acme.baton", &source)
        .unwrap()
        .table()
        .clone();
    let json = serde_json::to_string(&table).unwrap();
    let from_table = held(&|| baton::Policy::from_table(table.clone()).unwrap());
    eprintln!(
        "acme: {from_source} bytes compiled from source (the checked model included), {from_table} bytes from its table, whose JSON is {} bytes",
        json.len()
    );
    assert!(from_source > 0 && from_table > 0);
    assert!(from_source < 1 << 20, "{from_source} bytes");
    assert!(from_table < 256 << 10, "{from_table} bytes");
}
