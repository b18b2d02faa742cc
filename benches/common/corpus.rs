//! A deterministic corpus of realistic requests for the acme policy: 1 to 16 messages of
//! 20 to 200 characters, customer and bot taking turns, with requests for a person, money
//! problems, threats, near misses ("issue", "fraudster", "representatives"), bursts and
//! repeated questions. The same seed gives the same corpus on every machine.

use baton::Request;
use serde_json::json;

/// A small deterministic generator (SplitMix64), so the corpus needs no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const CUSTOMER: &[&str] = &[
    "Hi, where is my package?",
    "I ordered a jacket last week and it still has not arrived.",
    "Can I talk to a human please?",
    "I want to speak to someone about my order.",
    "I was charged twice for order #4829.",
    "I was overcharged on my last invoice, I need a refund.",
    "Someone hacked my account and changed my password!",
    "My lawyer will hear about this.",
    "I have an issue with my order.",
    "The fraudster on the phone pretended to be you.",
    "Your representatives were very helpful last time.",
    "This is the worst service I have ever had.",
    "Thanks, that helps a lot!",
    "How do I return an item?",
    "What are your store hours on Saturday?",
    "ok",
    "hello?",
    "is anyone there",
    "That does not answer my question at all.",
    "Can I change the delivery address to 12 Main Street?",
    "My email is jo.doe@example.com if you need it.",
    "The refund of $49.99 never showed up on my card.",
    "I don't understand, please explain again.",
    "I NEED THIS FIXED TODAY",
    "Do you ship to Canada?",
    "How long does delivery take?",
    "Is the blue one in stock in size M?",
    "Can I pay with PayPal?",
    "What is your return policy for shoes?",
    "I would like to track my parcel.",
    "Do you have a discount code for students?",
    "Can I change my password myself?",
    "Which sizes does this shirt come in?",
    "Great, thank you.",
    "Perfect, that is all I needed.",
    "Could you send me the invoice again?",
    "When will the winter collection be available?",
    "I want to update my phone number on the account.",
    "Is there a store near Boston?",
    "yes",
    "no thanks",
];

const BOT: &[&str] = &[
    "Sorry to hear that! Let me check.",
    "Could you rephrase that?",
    "Your order is on its way and should arrive in 2-3 days.",
    "I can help with returns, orders and delivery.",
    "Could you give me your order number?",
    "Thanks! One moment please.",
];

const INTENTS: &[&str] = &[
    "unknown",
    "order_status",
    "store_hours",
    "shipping_info",
    "returns",
    "billing",
];
const TIERS: &[&str] = &["standard", "standard", "standard", "gold", "vip"];

/// A message of 20 to 200 characters made of whole sentences.
fn message(rng: &mut Rng, sentences: &[&str]) -> String {
    let mut text = String::new();
    loop {
        let s = rng.pick(sentences);
        if !text.is_empty() && text.len() + 1 + s.len() > 200 {
            break;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(s);
        if text.len() >= 20 && rng.below(3) > 0 {
            break;
        }
    }
    while text.len() < 20 {
        text.push_str(" please");
    }
    text
}

/// One conversation of `n` messages, customer and bot in turn, a minute apart, with
/// the texts of the corpus: for measuring how deciding grows with the conversation.
pub fn conversation(n: usize, seed: u64) -> Request {
    let mut rng = Rng::new(seed);
    let messages: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let customer = i % 2 == 0;
            json!({
                "from": if customer { "customer" } else { "bot" },
                "text": message(&mut rng, if customer { CUSTOMER } else { BOT }),
                "at": jiff::Timestamp::from_second(1_795_000_000 + 60 * i as i64).unwrap().to_string(),
            })
        })
        .collect();
    let request =
        json!({"facts": {"confidence": 0.9, "intent": "order_status"}, "messages": messages});
    Request::from_value(&request).expect("the conversation is well formed")
}

/// `count` requests for acme.
pub fn acme(count: usize, seed: u64) -> Vec<Request> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|_| {
            let n = 1 + rng.below(16);
            let mut at: i64 = 1_795_000_000 + rng.below(365 * 86_400) as i64;
            let mut messages = Vec::with_capacity(n);
            let mut last_customer: Option<String> = None;
            for i in 0..n {
                let customer = i % 2 == 0 || rng.below(4) == 0;
                // Bursts: sometimes a few seconds apart, else a minute or so.
                at += if rng.below(6) == 0 {
                    3 + rng.below(8) as i64
                } else {
                    20 + rng.below(90) as i64
                };
                let text = if customer {
                    // Sometimes the same question again.
                    match (&last_customer, rng.below(10)) {
                        (Some(prev), 0) => prev.clone(),
                        _ => message(&mut rng, CUSTOMER),
                    }
                } else {
                    message(&mut rng, BOT)
                };
                if customer {
                    last_customer = Some(text.clone());
                }
                let from = if customer { "customer" } else { "bot" };
                messages.push(json!({
                    "from": from,
                    "text": text,
                    "at": jiff::Timestamp::from_second(at).unwrap().to_string(),
                }));
            }
            let mut facts = json!({
                "confidence": (30 + rng.below(71)) as f64 / 100.0,
                "intent": rng.pick(INTENTS),
                "failed_attempts": rng.below(4),
                "tier": rng.pick(TIERS),
            });
            if rng.below(20) == 0 {
                facts["escalate_button"] = json!(true);
            }
            let request =
                json!({"facts": facts, "messages": messages, "actions": ["looked up order"]});
            Request::from_value(&request).expect("the corpus is well formed")
        })
        .collect()
}

/// `count` requests for any policy: the messages of the acme corpus, with facts drawn for
/// the policy's own fact declarations (by type: percents from 30% to 100%, counts from 0
/// to 3, durations up to 20 minutes, yes/no true one time in five, choices among the
/// policy's words, texts among a few intents).
pub fn for_model(model: &baton::Model, count: usize, seed: u64) -> Vec<Request> {
    use baton::check::model::Type;
    let mut rng = Rng::new(seed ^ 0x5EED);
    acme(count, seed)
        .into_iter()
        .map(|mut r| {
            r.facts.clear();
            for fact in &model.facts {
                let value = match &fact.ty {
                    Type::Percent => json!((30 + rng.below(71)) as f64 / 100.0),
                    Type::Number => json!(rng.below(4)),
                    Type::Bool => json!(rng.below(5) == 0),
                    Type::Duration => json!(format!("{}s", rng.below(1200))),
                    Type::Choice(words) => json!(rng.pick(words)),
                    Type::Text => json!(rng.pick(INTENTS)),
                };
                r.facts.insert(fact.name.clone(), value);
            }
            r
        })
        .collect()
}
