//! `Session` against `Policy::decide`: a conversation given to a session a few messages
//! at a time must be decided, at every step, exactly as the whole transcript so far is
//! decided at once, packet included.

use std::sync::Arc;

use baton::{Decision, Policy, Request};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value as Json, json};

use crate::differential::{case_strategy, request_json};
use crate::root;

fn example(name: &str) -> Policy {
    let source =
        std::fs::read_to_string(root().join(format!("rules-examples/{name}.baton"))).unwrap();
    Policy::compile(name, &source).unwrap()
}

/// `request` with only the messages `from..to`, and `now` only on the last step.
fn step(request: &Json, from: usize, to: usize, last: bool) -> Request {
    let mut r = request.clone();
    let messages = r["messages"].as_array().unwrap()[from..to].to_vec();
    r["messages"] = Json::Array(messages);
    if !last && let Some(map) = r.as_object_mut() {
        map.remove("now");
    }
    Request::from_value(&r).unwrap()
}

#[test]
fn a_session_decides_every_step_as_decide_does_on_the_whole_transcript() {
    for name in ["acme", "bank", "telecom", "software"] {
        let policy = example(name);
        let model = Arc::new(policy.model().unwrap().clone());
        let mut runner = TestRunner::new(Config {
            cases: 1_000,
            failure_persistence: None,
            ..Config::default()
        });
        let strategy = (
            case_strategy(model.clone()),
            // Where the conversation is cut into requests, and which messages are
            // pushed on their own rather than sent with a request.
            prop::collection::vec((any::<bool>(), any::<bool>()), 8),
        );
        let steps = std::cell::Cell::new(0usize);
        let result = runner.run(&strategy, |(case, cuts)| {
            let whole = request_json(&model, &case);
            let n = case.messages.len();
            let mut session = policy.session();
            let mut from = 0;
            for to in 1..=n.max(1) {
                let last = to >= n;
                let (cut, push) = cuts[to % cuts.len()];
                if !last && !cut {
                    continue;
                }
                let to = to.min(n);
                let mut sent = from;
                if push && to > from {
                    // The first message of the step pushed alone, the rest sent.
                    let m = step(&whole, from, from + 1, false).messages.remove(0);
                    session.push(m).unwrap();
                    sent += 1;
                }
                let got = session.decide(&step(&whole, sent, to, last)).unwrap();
                let expected = policy.decide(&step(&whole, 0, to, last)).unwrap();
                prop_assert_eq!(&got, &expected, "after {} of {} messages", to, n);
                prop_assert_eq!(session.len(), to);
                steps.set(steps.get() + 1);
                from = to;
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{name}: {e}");
        }
        assert!(
            steps.get() > 1_500,
            "{name}: only {} steps compared",
            steps.get()
        );
    }
}

fn message(from: &str, text: &str, second: i64) -> Json {
    json!({
        "from": from,
        "text": text,
        "at": jiff::Timestamp::from_second(1_795_000_000 + second).unwrap().to_string(),
    })
}

fn request(messages: &[Json]) -> Request {
    Request::from_value(&json!({"facts": {"confidence": 0.9}, "messages": messages})).unwrap()
}

/// Every decision of a long conversation, one message at a time, past the similarity
/// window: the session's against `decide` on the transcript so far.
#[test]
fn a_long_conversation_agrees_at_every_message_past_the_window() {
    let policy = example("acme");
    let texts = [
        "where is my order #4829",
        "I was charged twice, card 4111 1111 1111 1111",
        "where is my order",
        "hello?",
    ];
    let messages: Vec<Json> = (0..400)
        .map(|i| {
            let from = if i % 3 == 2 { "bot" } else { "customer" };
            let text = if from == "bot" {
                "Sorry, I did not understand that.".to_string()
            } else {
                texts[i % texts.len()].to_string()
            };
            message(from, &text, 40 * i as i64)
        })
        .collect();
    let mut session = policy.session();
    for (i, m) in messages.iter().enumerate() {
        let got = session.decide(&request(std::slice::from_ref(m))).unwrap();
        let expected = policy.decide(&request(&messages[..=i])).unwrap();
        assert_eq!(got, expected, "after message {}", i + 1);
    }
    let last = session.decide(&request(&[])).unwrap();
    let signals = last.context.unwrap().signals.unwrap();
    // 133 bot messages, all alike: the latest is compared with the 100 before it.
    assert_eq!(
        signals["bot_loops"],
        json!(baton::limits::SIMILARITY_WINDOW)
    );
}

#[test]
fn repeats_compare_the_latest_message_with_the_hundred_before_it() {
    let policy = example("acme");
    let messages: Vec<Json> = (0..150)
        .map(|i| message("customer", "where is my parcel", 60 * i))
        .collect();
    let whole = policy.decide(&request(&messages)).unwrap();
    let signals = whole.context.as_ref().unwrap().signals.as_ref().unwrap();
    assert_eq!(signals["repeats"], json!(baton::limits::SIMILARITY_WINDOW));
    let mut session = policy.session();
    let stepped = session.decide(&request(&messages)).unwrap();
    assert_eq!(stepped, whole);
}

#[test]
fn a_refused_request_leaves_the_session_as_it_was() {
    let policy = example("acme");
    let mut session = policy.session();
    session
        .decide(&request(&[message("customer", "hi", 100)]))
        .unwrap();
    // Older than the message before it.
    let e = session
        .decide(&request(&[
            message("customer", "later", 200),
            message("customer", "earlier", 150),
        ]))
        .unwrap_err();
    assert_eq!(e.path, "messages[1].at");
    assert!(e.message.contains("messages go oldest first"), "{e}");
    let e = session
        .push(
            step(
                &json!({"facts": {}, "messages": [message("bot", "x", 50)]}),
                0,
                1,
                true,
            )
            .messages
            .remove(0),
        )
        .unwrap_err();
    assert_eq!(e.path, "message.at");
    // A fact of the wrong type.
    let bad = Request::from_value(&json!({
        "facts": {"confidence": "high"},
        "messages": [message("customer", "more", 300)],
    }))
    .unwrap();
    assert_eq!(session.decide(&bad).unwrap_err().path, "facts.confidence");
    assert_eq!(session.len(), 1);
    let next = [message("customer", "I want a human", 300)];
    let got = session.decide(&request(&next)).unwrap();
    let expected = policy
        .decide(&request(&[message("customer", "hi", 100), next[0].clone()]))
        .unwrap();
    assert_eq!(got, expected);
}

#[test]
fn a_decision_kept_by_the_caller_keeps_its_transcript() {
    let policy = example("acme");
    let mut session = policy.session();
    let first: Decision = session
        .decide(&request(&[message("customer", "agent please", 0)]))
        .unwrap();
    let second = session
        .decide(&request(&[message("customer", "a real person now", 10)]))
        .unwrap();
    let lines = |d: &Decision| {
        d.context
            .as_ref()
            .unwrap()
            .transcript
            .as_ref()
            .unwrap()
            .len()
    };
    assert_eq!(lines(&first), 1);
    assert_eq!(lines(&second), 2);
}

#[test]
fn a_session_can_move_to_another_thread() {
    fn send<T: Send + Sync>(_: &T) {}
    let policy = example("acme");
    let mut session = policy.session();
    send(&session);
    std::thread::scope(|s| {
        s.spawn(move || {
            session
                .decide(&request(&[message("customer", "agent please", 0)]))
                .unwrap()
        })
        .join()
        .unwrap();
    });
}

/// Sessions that own a share of the policy live in a map of conversations and move
/// between threads, as in a server.
#[test]
fn sessions_on_a_shared_policy_live_in_a_map_across_threads() {
    use std::collections::HashMap;
    let policy = Arc::new(example("acme"));
    let mut conversations: HashMap<&str, baton::Session<Arc<Policy>>> = HashMap::new();
    for id in ["a", "b"] {
        conversations.insert(id, baton::Session::new(Arc::clone(&policy)));
    }
    let handles: Vec<_> = conversations
        .into_iter()
        .map(|(id, mut session)| {
            std::thread::spawn(move || {
                let text = if id == "a" { "agent please" } else { "hello" };
                let d = session
                    .decide(&request(&[message("customer", text, 0)]))
                    .unwrap();
                (id, d.rule)
            })
        })
        .collect();
    let mut rules: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    rules.sort();
    assert_eq!(rules, [("a", Some("asks_for_human".into())), ("b", None)]);
}

/// A session holds at most `MAX_MESSAGES`, as a request does; past it, both `push` and
/// `decide` are refused and the session keeps what it had.
#[test]
fn a_session_holds_at_most_the_messages_a_request_may() {
    let policy = Policy::compile(
        "small.baton",
        "policy \"small\"\nfact confidence: percent\nteam t { skills general }\n\
         rule low: limit {\n  when confidence < 10%\n  escalate to t\n}\nhandoff { include reason }\n",
    )
    .unwrap();
    let mut session = policy.session();
    let at = jiff::Timestamp::from_second(1_795_000_000).unwrap();
    let text: Arc<str> = Arc::from("hi");
    for _ in 0..baton::limits::MAX_MESSAGES {
        session
            .push(baton::eval::Message {
                from: baton::syntax::ast::Sender::Customer,
                text: text.clone(),
                at,
            })
            .unwrap();
    }
    let more = baton::eval::Message {
        from: baton::syntax::ast::Sender::Customer,
        text,
        at,
    };
    let e = session.push(more).unwrap_err();
    assert_eq!(e.path, "messages");
    assert_eq!(
        e.message,
        "a session holds at most 100000 messages, as a request does"
    );
    let e = session
        .decide(&request(&[message("customer", "one more", 10)]))
        .unwrap_err();
    assert_eq!(e.path, "messages");
    assert_eq!(session.len(), baton::limits::MAX_MESSAGES);
    // Without a new message, it still decides.
    assert!(session.decide(&request(&[])).is_ok());
}
