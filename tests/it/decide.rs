//! Deciding, through the library: every signal, every routing rule, every fallback.

use serde_json::{Value, json};

fn policy(source: &str) -> baton::Policy {
    baton::Policy::compile("test.baton", source)
        .unwrap_or_else(|d| panic!("the policy compiles: {:?}", d.problems()))
}

fn decide(policy: &baton::Policy, request: Value) -> Value {
    let request = baton::Request::from_value(&request).expect("the request is well formed");
    let decision = policy.decide(&request).expect("the request is decided");
    serde_json::to_value(decision).unwrap()
}

fn msg(from: &str, text: &str, at: &str) -> Value {
    json!({"from": from, "text": text, "at": at})
}

const SIGNALS: &str = r#"
policy "signals"
team people { skills general }
rule watch: signal {
  when sentiment < -2 or repeats > 99 or burst(30s) > 99 or burst(2m) > 99 or bot_loops > 99
       or turns > 99 or elapsed > 99d
  escalate to people
}
rule always: context {
  when turns >= 0
  escalate to people
}
"#;

fn signals_of(messages: Vec<Value>, now: Option<&str>) -> Value {
    let p = policy(SIGNALS);
    let mut request = json!({"facts": {}, "messages": messages});
    if let Some(now) = now {
        request["now"] = json!(now);
    }
    decide(&p, request)["context"]["signals"].clone()
}

#[test]
fn every_signal_from_a_transcript() {
    let s = signals_of(
        vec![
            msg("customer", "where is my package", "2026-11-24T15:00:00Z"),
            msg("bot", "Could you rephrase that?", "2026-11-24T15:00:02Z"),
            msg("customer", "Where is my package??", "2026-11-24T15:01:10Z"),
            msg("bot", "could you rephrase that", "2026-11-24T15:01:12Z"),
            msg("agent", "Hi, I am Sam.", "2026-11-24T15:01:20Z"),
            msg("customer", "hello", "2026-11-24T15:01:30Z"),
            msg(
                "customer",
                "where is my package, this is useless",
                "2026-11-24T15:01:40Z",
            ),
        ],
        Some("2026-11-24T15:05:00Z"),
    );
    // Two earlier messages share 4 of 6 words with the latest: Jaccard 0.67 >= 0.6.
    assert_eq!(s["repeats"], json!(2));
    // 15:01:10, 15:01:30 and 15:01:40 are within 30s of the latest (the edge counts);
    // 15:00:00 is 100s before it, so within 2 minutes all four are.
    assert_eq!(s["burst(30s)"], json!(3));
    assert_eq!(s["burst(2m)"], json!(4));
    assert_eq!(s["bot_loops"], json!(1));
    assert_eq!(s["turns"], json!(4));
    assert_eq!(s["elapsed"], json!(300));
    // VADER on the latest customer message only.
    assert_eq!(
        s["sentiment"],
        json!(baton::text::vader::compound(
            "where is my package, this is useless"
        ))
    );
    assert!(s["sentiment"].as_f64().unwrap() < 0.0);
}

/// Phrases and word sets compare words as people read them: an accent typed as a
/// character of its own (`e` + U+0301, what some keyboards and copied text give) is the
/// same letter as `é`, and the marks of other scripts (Hindi's virama, Arabic's vowel
/// marks, Persian's zero-width non-joiner) stay inside their word.
#[test]
fn phrases_match_however_accents_were_typed_in_any_script() {
    let p = policy(
        &r#"
policy "scripts"
phrases cv = ["résumé", "curriculum vitæ"]
phrases greeting = ["नमस्ते"]
phrases wants = ["می{ZWNJ}خواهم", "iade"]
team people { skills general }
rule cv: context { when message mentions cv escalate to people }
rule greeting: context { when message mentions greeting escalate to people }
rule wants: context { when message mentions wants escalate to people }
rule again: signal { when repeats >= 1 escalate to people }
"#
        .replace("{ZWNJ}", "\u{200C}"),
    );
    let matched = |texts: &[&str]| {
        let messages: Vec<Value> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| msg("customer", t, &format!("2026-11-24T15:00:0{i}Z")))
            .collect();
        decide(&p, json!({"facts": {}, "messages": messages}))["matched"].clone()
    };
    // Composed, decomposed, upper case: one word.
    assert_eq!(matched(&["my résumé"]), json!(["cv"]));
    assert_eq!(matched(&["my re\u{301}sume\u{301}"]), json!(["cv"]));
    assert_eq!(matched(&["MY RE\u{301}SUME\u{301}"]), json!(["cv"]));
    // Still whole words: an unaccented `resume` is another word.
    assert_eq!(matched(&["resume my order"]), json!([]));
    // The virama (U+094D) is a mark: the greeting is one word, found as written.
    assert_eq!(matched(&["नमस्ते, मुझे मदद चाहिए"]), json!(["greeting"]));
    // With or without the zero-width non-joiner, the Persian word is the same.
    assert_eq!(matched(&["من کمک می\u{200C}خواهم"]), json!(["wants"]));
    assert_eq!(matched(&["من کمک میخواهم"]), json!(["wants"]));
    // Turkish written in capitals: `İ` is `i`, not `i` with a combining dot.
    assert_eq!(matched(&["İADE İSTİYORUM"]), json!(["wants"]));
    // `repeats` compares the same words: the message again, typed the other way.
    assert_eq!(
        matched(&[
            "I sent my résumé twice",
            "I sent my re\u{301}sume\u{301} twice"
        ]),
        json!(["cv", "again"])
    );
}

/// Chinese and Japanese put no space between words: each Chinese character and each
/// hiragana is a word, as Unicode's word boundaries have it, so a phrase is found in a
/// sentence as its characters in a row, and a katakana word as a run.
#[test]
fn phrases_match_in_scripts_without_spaces() {
    let p = policy(
        r#"
policy "cjk"
phrases human = ["转人工", "人工客服", "オペレーター", "상담원*"]
phrases refund = ["返金", "退款", "refund*"]
team people { skills general }
rule human: explicit { when message mentions human escalate to people }
rule refund: context { when message mentions refund escalate to people }
"#,
    );
    let matched = |text: &str| {
        decide(
            &p,
            json!({"facts": {}, "messages": [msg("customer", text, "2026-11-24T15:00:00Z")]}),
        )["matched"]
            .clone()
    };
    assert_eq!(matched("我要转人工"), json!(["human"]));
    assert_eq!(
        matched("请帮我转人工客服，我要退款"),
        json!(["human", "refund"])
    );
    assert_eq!(matched("オペレーターと話したい"), json!(["human"]));
    assert_eq!(matched("返金してください"), json!(["refund"]));
    // Korean attaches particles to its words: a `*` phrase finds the word with them.
    assert_eq!(matched("상담원과 통화하고 싶어요"), json!(["human"]));
    // Still whole words: a katakana word is not found inside a longer one, nor a phrase
    // across punctuation.
    assert_eq!(matched("オペレータ"), json!([]));
    assert_eq!(matched("转人，工"), json!([]));
    // Latin letters typed full-width, as these input methods do when not switched back:
    // the same words.
    assert_eq!(matched("ＲＥＦＵＮＤ　ｐｌｅａｓｅ"), json!(["refund"]));
    assert_eq!(matched("我要ｒｅｆｕｎｄｓ"), json!(["refund"]));
    // Katakana typed half-width, as older systems and some phone keyboards do: the
    // same word, and still not a shorter one.
    assert_eq!(matched("ｵﾍﾟﾚｰﾀｰと話したい"), json!(["human"]));
    assert_eq!(matched("ｵﾍﾟﾚｰﾀ"), json!([]));
}

/// `bot_loops` reads earlier bot messages word by word against the latest, stopping
/// early on one that cannot be similar; these are the cases where that could go wrong.
#[test]
fn bot_loops_on_every_kind_of_bot_message() {
    let bots = |texts: &[&str]| {
        let messages = texts
            .iter()
            .enumerate()
            .map(|(i, t)| msg("bot", t, &format!("2026-11-24T15:00:{i:02}Z")))
            .collect();
        signals_of(messages, None)["bot_loops"].clone()
    };
    // 4 words of 5 shared is exactly 0.8, and 5 of 6 (one word the latest does not
    // have) is more; 4 of 6 is not enough. A word said twice counts once; case and
    // punctuation do not count.
    assert_eq!(
        bots(&[
            "Could you rephrase that, please?",
            "could you rephrase that now",
            "Could you rephrase that that that?",
            "could you rephrase that please now",
            "COULD YOU REPHRASE THAT PLEASE",
        ]),
        json!(3)
    );
    // Text beyond ASCII, earlier and latest.
    assert_eq!(
        bots(&[
            "Könnten Sie das bitte umformulieren?",
            "Entschuldigung, das verstehe ich nicht.",
            "könnten sie das bitte UMFORMULIEREN",
        ]),
        json!(1)
    );
    // A latest message of more than 64 different words, and earlier ones that differ
    // from it by one word, by many, or not at all.
    let long: Vec<String> = (0..80).map(|i| format!("w{i}")).collect();
    let latest = long.join(" ");
    let one_changed = latest.replace("w7 ", "other ");
    let half = long[..40].join(" ");
    assert_eq!(
        bots(&[&one_changed, &half, &latest, "hello", &latest]),
        json!(2)
    );
    // An earlier message that holds every word of the latest and more besides.
    assert_eq!(
        bots(&[
            "thanks one moment please while I check your order",
            "thanks one moment please"
        ]),
        json!(0)
    );
}

#[test]
fn signals_without_messages_are_zero() {
    let s = signals_of(vec![], Some("2026-11-24T15:05:00Z"));
    for key in [
        "sentiment",
        "repeats",
        "burst(30s)",
        "bot_loops",
        "turns",
        "elapsed",
    ] {
        assert_eq!(s[key], json!(0), "{key}");
    }
}

#[test]
fn a_message_with_no_words_repeats_nothing_and_now_defaults_to_the_last_message() {
    let s = signals_of(
        vec![
            msg("customer", "???", "2026-11-24T15:00:00Z"),
            msg("customer", "!!!", "2026-11-24T15:00:30Z"),
        ],
        None,
    );
    assert_eq!(s["repeats"], json!(0));
    assert_eq!(s["elapsed"], json!(30));
    // Exactly 30s before the latest counts as within 30s.
    assert_eq!(s["burst(30s)"], json!(2));
}

const ROUTING: &str = r#"
policy "routing"
fact route: day | by_skill | nobody | night = day
hours office in "Europe/Paris" {
  mon-fri 09:00-17:00
  closed 2026-12-25
}
hours nights in "UTC" { mon-sun 22:00-06:00 }
team day_desk   { skills general; hours office }
team night_desk { skills general; hours nights }
team anytime    { skills general, vip }
offline callback "We will call you back."
rule by_day: context {
  when route is day
  escalate to day_desk or anytime priority high
  say "Connecting you now."
}
rule by_skill: context {
  when route is by_skill
  escalate to skill general
}
rule only_office: context {
  when route is nobody
  escalate to day_desk
  offline ticket "We opened a ticket."
}
rule only_night: context {
  when route is night
  escalate to night_desk
}
"#;

fn route(route: &str, at: &str, teams: Value) -> Value {
    let p = policy(ROUTING);
    decide(
        &p,
        json!({"facts": {"route": route}, "messages": [msg("customer", "help", at)], "teams": teams}),
    )
}

#[test]
fn the_first_reachable_candidate_is_chosen_live() {
    // Tuesday 10:00 in Paris (UTC+1 in November).
    let d = route("day", "2026-11-24T09:00:00Z", json!({}));
    assert_eq!(
        (d["team"].clone(), d["handoff"].clone()),
        (json!("day_desk"), json!("live"))
    );
    assert_eq!(d["say"], json!("Connecting you now."));
    assert_eq!(d["priority"], json!("high"));
    // Closed at 18:00 Paris: the next candidate, open always.
    let d = route("day", "2026-11-24T17:00:00Z", json!({}));
    assert_eq!(
        (d["team"].clone(), d["handoff"].clone()),
        (json!("anytime"), json!("live"))
    );
    // Open, but nobody free.
    let d = route(
        "day",
        "2026-11-24T09:00:00Z",
        json!({"day_desk": {"available": 0}}),
    );
    assert_eq!(d["team"], json!("anytime"));
}

#[test]
fn hours_follow_daylight_saving_and_closed_dates() {
    // 08:30 UTC is 09:30 in Paris in winter (open) and 10:30 in summer (open); 07:30 UTC
    // is 08:30 in winter (closed) but 09:30 in summer (open).
    assert_eq!(
        route("day", "2026-11-24T07:30:00Z", json!({}))["team"],
        json!("anytime")
    );
    assert_eq!(
        route("day", "2026-07-07T07:30:00Z", json!({}))["team"],
        json!("day_desk")
    );
    assert_eq!(
        route("day", "2026-12-25T10:00:00Z", json!({}))["team"],
        json!("anytime")
    );
    // Saturday.
    assert_eq!(
        route("day", "2026-11-28T10:00:00Z", json!({}))["team"],
        json!("anytime")
    );
}

#[test]
fn spans_that_cross_midnight() {
    for (at, open) in [
        ("2026-11-24T21:59:00Z", false),
        ("2026-11-24T22:00:00Z", true),
        ("2026-11-24T23:59:00Z", true),
        ("2026-11-25T00:00:00Z", true),
        ("2026-11-25T05:59:00Z", true),
        ("2026-11-25T06:00:00Z", false),
        // Sunday night into Monday morning wraps around the week.
        ("2026-11-30T03:00:00Z", true),
    ] {
        let d = route("night", at, json!({}));
        let want = if open { "live" } else { "callback" };
        assert_eq!(d["handoff"], json!(want), "{at}");
        assert_eq!(d["team"], json!("night_desk"), "{at}");
    }
}

#[test]
fn a_skill_orders_its_teams_by_fewest_waiting_then_file_order() {
    // At night only night_desk and anytime are open.
    let night = "2026-11-24T23:00:00Z";
    assert_eq!(
        route("by_skill", night, json!({}))["team"],
        json!("night_desk")
    );
    let d = route(
        "by_skill",
        night,
        json!({"night_desk": {"waiting": 5}, "anytime": {"waiting": 2}}),
    );
    assert_eq!(d["team"], json!("anytime"));
    // By day, day_desk comes first in the file; with the most waiting, last.
    let day = "2026-11-24T09:00:00Z";
    assert_eq!(route("by_skill", day, json!({}))["team"], json!("day_desk"));
    let d = route(
        "by_skill",
        day,
        json!({"day_desk": {"waiting": 9}, "night_desk": {"waiting": 1}, "anytime": {"waiting": 1}}),
    );
    // night_desk is closed by day, so anytime takes it.
    assert_eq!(d["team"], json!("anytime"));
}

#[test]
fn fallbacks_rule_then_policy_then_queue() {
    // The rule's own fallback wins over the policy's.
    let d = route("nobody", "2026-11-28T10:00:00Z", json!({}));
    assert_eq!(
        (d["team"].clone(), d["handoff"].clone(), d["say"].clone()),
        (
            json!("day_desk"),
            json!("ticket"),
            json!("We opened a ticket.")
        )
    );
    // The policy's fallback.
    let d = route("night", "2026-11-24T12:00:00Z", json!({}));
    assert_eq!(
        (d["handoff"].clone(), d["say"].clone()),
        (json!("callback"), json!("We will call you back."))
    );
    // No fallback anywhere: the first candidate's queue.
    let no_fallback = ROUTING.replace("offline callback \"We will call you back.\"", "");
    let p = policy(&no_fallback);
    let d = decide(
        &p,
        json!({"facts": {"route": "night"}, "messages": [msg("customer", "hi", "2026-11-24T12:00:00Z")]}),
    );
    assert_eq!(
        (d["team"].clone(), d["handoff"].clone()),
        (json!("night_desk"), json!("queue"))
    );
}

#[test]
fn stay_decisions_carry_only_the_rule_and_its_reason() {
    let p = policy(
        r#"
policy "stay"
fact confidence: percent
team people { skills general }
rule confident {
  when confidence >= 80%
  stay
  reason "the bot has this"
}
rule unsure: limit {
  when confidence < 90% and confidence > 10%
  escalate to people
}
"#,
    );
    let d = decide(&p, json!({"facts": {"confidence": "85%"}}));
    assert_eq!(d["outcome"], json!("stay"));
    assert_eq!(d["rule"], json!("confident"));
    assert_eq!(d["reason"], json!("the bot has this"));
    assert_eq!(d["matched"], json!(["confident", "unsure"]));
    for key in ["kind", "team", "priority", "handoff", "say", "context"] {
        assert_eq!(d[key], Value::Null, "{key}");
    }
    // No rule holds: stay, with no rule.
    let d = decide(&p, json!({"facts": {"confidence": 0.05}}));
    assert_eq!(d["outcome"], json!("stay"));
    assert_eq!(d["rule"], Value::Null);
    assert_eq!(d["reason"], Value::Null);
    assert_eq!(d["matched"], json!([]));
    let d = decide(&p, json!({"facts": {"confidence": 0.5}}));
    assert_eq!(d["rule"], json!("unsure"));
    assert_eq!(
        d["reason"],
        json!("unsure (limit): confidence < 90% and confidence > 10%")
    );
}

/// The decision on customer messages `texts` (five seconds apart) of a policy that
/// escalates every conversation, with the whole packet.
fn escalated(texts: &[&str]) -> Value {
    let p = policy(
        r#"
policy "always"
team people { skills general }
rule always: context { when turns >= 1 escalate to people }
"#,
    );
    let messages: Vec<Value> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| msg("customer", t, &format!("2026-11-24T15:00:{:02}Z", i * 5)))
        .collect();
    decide(&p, json!({"facts": {}, "messages": messages}))
}

/// An agent looks up the orders and reads the amounts of the packet as the customer
/// wrote them: a reference with dashes, or a sum written the European way, is found
/// whole, never as its first digits (`112` of `112-1234567-1234567`, `€12` of `€12,50`).
#[test]
fn order_references_and_amounts_are_found_whole() {
    let d = escalated(&[
        "J'ai payé 1 200,50 € puis €12,50 de frais",
        "Ich habe 30€ bezahlt, dazu CHF 1'200.50",
        "paid Rs. 500, then ₹250, let me try 2 times",
        "my order 112-1234567-1234567 and order #AB-12345",
    ]);
    assert_eq!(
        d["context"]["entities"]["order_numbers"],
        json!(["112-1234567-1234567", "AB-12345"])
    );
    assert_eq!(
        d["context"]["entities"]["amounts"],
        json!([
            "1 200,50 €",
            "€12,50",
            "30€",
            "CHF 1'200.50",
            "Rs. 500",
            "₹250"
        ])
    );
}

/// Numbers typed in full-width (Chinese and Japanese input methods) or in Arabic-Indic
/// digits are found, and handed to the agent in ASCII digits, which their systems take;
/// the transcript keeps them as typed, a card number among them masked.
#[test]
fn entities_typed_in_other_digits_reach_the_agent_in_ascii() {
    let d = escalated(&[
        "注文番号は＃１２３４５６７８です。カード４１１１\u{3000}１１１１\u{3000}１１１１\u{3000}１１１１で＄３０払いました",
        "رقم الطلب ٤٨٢٩ order ٩٩٨٨٧",
        "ｍａｉｌ ｍｅ ａｔ ｋｅｎ＠ｅｘａｍｐｌｅ．ｊｐ",
    ]);
    let entities = &d["context"]["entities"];
    // `رقم الطلب` is Arabic for "order number".
    assert_eq!(
        entities["order_numbers"],
        json!(["12345678", "4829", "99887"])
    );
    assert_eq!(entities["amounts"], json!(["$30"]));
    assert_eq!(entities["emails"], json!(["ken@example.jp"]));
    assert_eq!(
        d["context"]["transcript"][0]["text"],
        "注文番号は＃１２３４５６７８です。カード**** **** **** １１１１で＄３０払いました"
    );
}

/// A customer writing in Spanish, French, German, Italian, Portuguese or Dutch names an
/// order in their words, and their e-mail address may hold accented letters: the agent
/// gets both, and the summary lists them.
#[test]
fn entities_written_in_other_languages_reach_the_agent() {
    let d = escalated(&[
        "Hola, el número de pedido es 48291 y mi correo josé.pérez@correo.es",
        "Bonjour, commande n° 77812, écrivez à françois@exemple.fr",
        "Meine Bestellnummer ist 55512, bitte an jürgen@müller.de",
        "numero d'ordine 12345, encomenda nº 67890, bestelling 24680",
        "Здравствуйте, номер заказа: 13579, почта иван@пример.рф",
        "رقم الطلب ٩٧٥٣١ لم يصل بعد",
        "你好，我的订单号是86420，还没收到",
        "ご注文番号は７５３１９です",
        "주문 번호: 31975 배송 문의",
    ]);
    let entities = &d["context"]["entities"];
    assert_eq!(
        entities["order_numbers"],
        json!([
            "48291", "77812", "55512", "12345", "67890", "24680", "13579", "97531", "86420",
            "75319", "31975"
        ])
    );
    assert_eq!(
        entities["emails"],
        json!([
            "josé.pérez@correo.es",
            "françois@exemple.fr",
            "jürgen@müller.de",
            "иван@пример.рф"
        ])
    );
    let summary = d["context"]["summary"].as_str().unwrap();
    assert!(
        summary.contains("48291") && summary.contains("josé.pérez@correo.es"),
        "{summary}"
    );
}

#[test]
fn the_packet_holds_what_handoff_includes_with_cards_masked() {
    let p = policy(
        r#"
policy "packet"
fact intent: text = "unknown"
fact note: text = ""
team people { skills general }
rule always: context {
  when intent in ["refund"]
  escalate to people
  reason "refund request"
}
handoff { include summary, entities, transcript, facts }
"#,
    );
    let d = decide(
        &p,
        json!({
            "facts": {"intent": "refund", "note": "card 4012 8888 8888 1881"},
            "messages": [
                msg("customer", "I paid $49.99 with 4012888888881881, order #77, mail me at a@b.co", "2026-11-24T15:00:00Z"),
                msg("bot", "Let me look at https://shop.example/orders/77.", "2026-11-24T15:00:02Z"),
                msg("customer", "or call +1 555 010 9999", "2026-11-24T15:00:09Z"),
            ],
            "actions": ["refund tried on 4012888888881881"]
        }),
    );
    let c = &d["context"];
    assert_eq!(c["entities"]["order_numbers"], json!(["77"]));
    assert_eq!(c["entities"]["amounts"], json!(["$49.99"]));
    assert_eq!(c["entities"]["emails"], json!(["a@b.co"]));
    assert_eq!(c["entities"]["phones"], json!(["+1 555 010 9999"]));
    // Only the customer's messages give entities: the bot's URL is not one.
    assert_eq!(c["entities"]["urls"], json!([]));
    assert_eq!(c["actions"], Value::Null, "actions are not included");
    assert_eq!(c["reason"], Value::Null);
    assert_eq!(c["signals"], Value::Null);
    assert_eq!(
        c["summary"],
        json!(
            "intent: refund | refund request | order 77, a@b.co, phone +1 555 010 9999, $49.99 | first message: \"I paid $49.99 with **** **** **** 1881, order #77, mail me at a@b.co\""
        )
    );
    assert_eq!(
        c["transcript"][0]["text"],
        json!("I paid $49.99 with **** **** **** 1881, order #77, mail me at a@b.co")
    );
    assert_eq!(c["facts"]["note"], json!("card **** **** **** 1881"));
    let text = d.to_string();
    assert!(
        !text.contains("4012888888881881") && !text.contains("4012 8888"),
        "{text}"
    );
}

#[test]
fn a_policy_is_send_and_sync_and_shared_across_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<baton::Policy>();
    let p = std::sync::Arc::new(policy(ROUTING));
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let p = p.clone();
            std::thread::spawn(move || {
                let route = ["day", "by_skill", "nobody", "night"][i];
                let request = baton::Request::from_value(
                    &json!({"facts": {"route": route}, "now": "2026-11-24T09:00:00Z"}),
                )
                .unwrap();
                p.decide(&request).unwrap().rule.unwrap().to_string()
            })
        })
        .collect();
    let rules: Vec<String> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(rules, ["by_day", "by_skill", "only_office", "only_night"]);
}

/// Facts are found by name when a policy has a few and by hash when it has many: both
/// ways read every fact given, use the defaults of the others and refuse unknown names.
#[test]
fn facts_are_read_alike_in_policies_of_few_and_many_facts() {
    for count in [1, 16, 17, 40] {
        let mut source = String::from("policy \"facts\"\nteam people { skills general }\n");
        for i in 0..count {
            source.push_str(&format!("fact f{i}: number = {i}\n"));
        }
        let uses: Vec<String> = (0..count).map(|i| format!("f{i} >= 0")).collect();
        source.push_str(&format!(
            "rule last: context {{\n  when f{} >= 100 and ({})\n  escalate to people\n}}\n",
            count - 1,
            uses.join(" or ")
        ));
        let p = policy(&source);
        let last = format!("f{}", count - 1);
        let d = decide(&p, json!({"facts": {"f0": 50, last.clone(): 100}}));
        assert_eq!(d["rule"], "last", "{count} facts");
        let facts = &d["context"]["facts"];
        assert_eq!(facts[&last], 100, "{count} facts");
        if count > 1 {
            assert_eq!(facts["f0"], 50, "{count} facts");
            assert_eq!(facts["f1"], 1, "{count} facts: the default");
        }
        assert_eq!(decide(&p, json!({"facts": {}}))["rule"], Value::Null);

        let request = baton::Request::from_value(&json!({"facts": {"f999": 1}})).unwrap();
        let error = p.decide(&request).unwrap_err();
        assert_eq!(error.path, "facts.f999", "{count} facts");
    }
}

/// `==`, `!=`, `is` and `is not` hold at their number only, and a yes/no fact in a list
/// holds for the values listed: the rules that held, for each value.
#[test]
fn equality_and_lists_hold_at_their_values_only() {
    let p = policy(
        r#"
policy "equal"
fact attempts: number = 0
fact pressed: bool = false
team people { skills general }
rule eq: context {
  when attempts == 2
  escalate to people
}
rule ne: context {
  when attempts != 2
  escalate to people
}
rule is_three: context {
  when attempts is 3
  escalate to people
}
rule is_not: context {
  when attempts is not 3
  escalate to people
}
rule yes: context {
  when pressed in [true]
  escalate to people
}
rule no: context {
  when pressed not in [true]
  escalate to people
}
rule either: context {
  when pressed in [true, false]
  escalate to people
}
"#,
    );
    let matched = |attempts: f64, pressed: bool| -> Vec<String> {
        let d = decide(
            &p,
            json!({"facts": {"attempts": attempts, "pressed": pressed}}),
        );
        serde_json::from_value(d["matched"].clone()).unwrap()
    };
    assert_eq!(matched(1.0, true), ["ne", "is_not", "yes", "either"]);
    assert_eq!(matched(2.0, false), ["eq", "is_not", "no", "either"]);
    assert_eq!(matched(2.5, true), ["ne", "is_not", "yes", "either"]);
    assert_eq!(matched(3.0, false), ["ne", "is_three", "no", "either"]);
}

#[test]
fn a_duration_fact_in_words_is_refused_with_its_short_form() {
    let p = policy(
        r#"
policy "waits"
fact waited: duration = 0s
team people { skills general }
rule long_wait: context {
  when waited > 10m
  escalate to people
}
"#,
    );
    let refused = |value: Value| {
        let request = baton::Request::from_value(&json!({"facts": {"waited": value}})).unwrap();
        p.decide(&request).unwrap_err()
    };
    let e = refused(json!("15 minutes"));
    assert_eq!(e.path, "facts.waited");
    assert_eq!(
        e.help.as_deref(),
        Some(r#"write "15m": a number and `s`, `m`, `h` or `d`"#)
    );
    let e = refused(json!(null));
    assert_eq!(
        e.help.as_deref(),
        Some("leave the fact out to use its default, 0s")
    );
    // Written as Baton writes it, the same wait decides.
    let request = baton::Request::from_value(&json!({"facts": {"waited": "15m"}})).unwrap();
    assert_eq!(
        p.decide(&request).unwrap().rule.as_deref(),
        Some("long_wait")
    );
}

/// The summary quotes the first customer message up to 120 characters (not bytes), and
/// says with `…` that it was cut.
#[test]
fn the_summary_quotes_at_most_120_characters_of_the_first_message() {
    let p = policy(
        r#"
policy "summary"
team people { skills general }
rule always: context {
  when turns >= 1
  escalate to people
}
handoff { include summary }
"#,
    );
    let summary_of = |first: &str| {
        let d = decide(
            &p,
            json!({"facts": {}, "messages": [msg("customer", first, "2026-11-24T15:00:00Z")]}),
        );
        let summary = d["context"]["summary"].as_str().unwrap().to_owned();
        summary.split("first message: ").nth(1).unwrap().to_owned()
    };
    // 120 characters of two bytes each: quoted whole.
    let exact = "é".repeat(120);
    assert_eq!(summary_of(&exact), format!("\"{exact}\""));
    // One more: cut after the 120th, and marked.
    let longer = format!("{exact}z");
    assert_eq!(summary_of(&longer), format!("\"{exact}…\""));
}
