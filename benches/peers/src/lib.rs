//! acme's rules for two engines a team might use instead of Baton: zen-engine (a JDM
//! decision graph with a first-hit decision table) and CEL (one expression), each in
//! two forms: phrases as whole words (a regular expression with `\b`, what the policy
//! means) and as substrings (`lower` + `contains`, the fast form, which is wrong on
//! "issue" for "sue").
//!
//! The engines are given what they cannot compute: the signals (`sentiment`, `repeats`,
//! `burst(30s)`, `bot_loops`), taken from Baton's own evaluation of the request, and
//! the texts (the latest customer message, and every customer message joined). Their
//! inputs are built before timing. Baton, timed beside them, computes everything from
//! the request, signals included.

use std::sync::Arc;

use baton::{Policy, Request};
use serde_json::{Value, json};

/// acme's phrase sets, in the policy's words.
pub const ASKS_FOR_HUMAN: &[&str] = &[
    "talk to an agent",
    "talk to a human",
    "speak to someone",
    "real person",
    "representative",
    "agent please",
    "live agent",
];
pub const SECURITY: &[&str] = &[
    "hacked",
    "stolen",
    "fraud",
    "unauthorized",
    "someone logged in",
];
pub const LEGAL: &[&str] = &["lawyer", "attorney", "lawsuit", "sue", "legal action"];
/// `refund*` is a prefix: "refund", "refunds", "refunded".
pub const BILLING: &[&str] = &[
    "overcharged",
    "double charged",
    "charged twice",
    "refund*",
    "wrong amount",
];

/// What the peers are given for one request.
#[derive(Clone, Debug)]
pub struct Input {
    pub json: Value,
    /// The rule Baton decides by (`None` when no rule holds).
    pub baton_rule: Option<String>,
}

/// The peers' input for each request, and Baton's decision on it.
pub fn inputs(policy: &Policy, requests: &[Request]) -> Vec<Input> {
    let table = policy.table();
    requests
        .iter()
        .map(|r| {
            let e = policy.evaluate(r).expect("the corpus fits acme");
            let signal = |key: &str| {
                table
                    .signals
                    .iter()
                    .position(|s| s.key() == key)
                    .map_or(0.0, |i| e.signals[i])
            };
            let customer: Vec<&str> = r
                .messages
                .iter()
                .filter(|m| m.from == baton::syntax::ast::Sender::Customer)
                .map(|m| &*m.text)
                .collect();
            let fact = |name: &str| r.facts.get(name).cloned();
            let json = json!({
                "confidence": fact("confidence").unwrap_or(json!(0.0)),
                "intent": fact("intent").unwrap_or(json!("unknown")),
                "failed_attempts": fact("failed_attempts").unwrap_or(json!(0)),
                "tier": fact("tier").unwrap_or(json!("standard")),
                "escalate_button": fact("escalate_button").unwrap_or(json!(false)),
                "message": customer.last().copied().unwrap_or(""),
                "conversation": customer.join("\n"),
                "sentiment": signal("sentiment"),
                "repeats": signal("repeats"),
                "burst": signal("burst(30s)"),
                "bot_loops": signal("bot_loops"),
            });
            Input {
                json,
                baton_rule: e.decision.rule.as_deref().map(str::to_string),
            }
        })
        .collect()
}

/// How phrases are looked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phrases {
    /// A regular expression with word boundaries, as the policy means them.
    WholeWords,
    /// `contains` on lower-cased text: fast, and wrong on words inside words.
    Substrings,
}

/// One alternation of the set's phrases: words separated by white space, a prefix
/// phrase followed by more word characters.
fn regex(set: &[&str]) -> String {
    let alternatives: Vec<String> = set
        .iter()
        .map(|p| match p.strip_suffix('*') {
            Some(prefix) => format!("{prefix}\\w*"),
            None => p.split(' ').collect::<Vec<_>>().join("\\s+"),
        })
        .collect();
    format!("(?i)\\b(?:{})\\b", alternatives.join("|"))
}

fn substrings(set: &[&str], text: &str, contains: &dyn Fn(&str, &str) -> String) -> String {
    set.iter()
        .map(|p| contains(text, p.trim_end_matches('*')))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The eight rules as (rule, conditions) in the order they are tried; a rule with `or`
/// in its condition has one entry per alternative. Each condition is a list of
/// (column, unary test).
fn rows(phrases: Phrases, zen: bool) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let mentions = |set: &[&str], column: &'static str| -> (&'static str, String) {
        match (phrases, zen) {
            (Phrases::WholeWords, true) => (column, format!("matches($, '{}')", regex(set))),
            (Phrases::WholeWords, false) => {
                (column, format!("{column}.matches(r'{}')", regex(set)))
            }
            (Phrases::Substrings, true) => (
                column,
                substrings(set, "$", &|t, p| format!("contains({t}, '{p}')")),
            ),
            (Phrases::Substrings, false) => (
                column,
                format!(
                    "[{column}.lowerAscii()].exists(t, {})",
                    substrings(set, "t", &|t, p| format!("{t}.contains('{p}')"))
                        .replace(" or ", " || ")
                ),
            ),
        }
    };
    let test = |column: &'static str, zen_test: &str, cel_test: &str| -> (&'static str, String) {
        (
            column,
            if zen {
                zen_test.into()
            } else {
                cel_test.into()
            },
        )
    };
    vec![
        ("asks_for_human", vec![mentions(ASKS_FOR_HUMAN, "message")]),
        (
            "asks_for_human",
            vec![test("escalate_button", "true", "escalate_button")],
        ),
        ("account_security", vec![mentions(SECURITY, "conversation")]),
        ("legal_threat", vec![mentions(LEGAL, "conversation")]),
        (
            "vip_billing",
            vec![
                mentions(BILLING, "conversation"),
                test("tier", "'vip'", "tier == 'vip'"),
            ],
        ),
        (
            "simple_questions",
            vec![
                test(
                    "intent",
                    "'order_status', 'store_hours', 'shipping_info'",
                    "intent in ['order_status', 'store_hours', 'shipping_info']",
                ),
                test("confidence", ">= 0.85", "confidence >= 0.85"),
                test("sentiment", "> -0.5", "sentiment > -0.5"),
            ],
        ),
        (
            "low_confidence",
            vec![
                test("confidence", "< 0.6", "confidence < 0.6"),
                test("failed_attempts", ">= 2", "failed_attempts >= 2"),
            ],
        ),
        (
            "frustrated",
            vec![test("sentiment", "<= -0.6", "sentiment <= -0.6")],
        ),
        ("frustrated", vec![test("repeats", ">= 2", "repeats >= 2")]),
        ("frustrated", vec![test("burst", ">= 4", "burst >= 4")]),
        (
            "frustrated",
            vec![test("bot_loops", ">= 2", "bot_loops >= 2")],
        ),
        (
            "billing_general",
            vec![
                mentions(BILLING, "conversation"),
                test("failed_attempts", ">= 1", "failed_attempts >= 1"),
            ],
        ),
    ]
}

const COLUMNS: &[&str] = &[
    "message",
    "conversation",
    "escalate_button",
    "tier",
    "intent",
    "confidence",
    "failed_attempts",
    "sentiment",
    "repeats",
    "burst",
    "bot_loops",
];

/// acme as a JDM graph: input, (for substrings) an expression node that lower-cases the
/// two texts once, a first-hit decision table with one column per value, output.
pub fn zen_graph(phrases: Phrases) -> Value {
    let inputs: Vec<Value> = COLUMNS
        .iter()
        .map(|c| json!({"id": c, "name": c, "field": c}))
        .collect();
    let mut rules: Vec<Value> = rows(phrases, true)
        .into_iter()
        .enumerate()
        .map(|(i, (rule, tests))| {
            let mut row = serde_json::Map::new();
            row.insert("_id".into(), json!(format!("r{i}")));
            for c in COLUMNS {
                row.insert((*c).into(), json!(""));
            }
            for (c, t) in tests {
                row.insert(c.into(), json!(t));
            }
            row.insert("rule".into(), json!(format!("'{rule}'")));
            Value::Object(row)
        })
        .collect();
    // No rule holds: the bot stays.
    let mut last = serde_json::Map::new();
    last.insert("_id".into(), json!("none"));
    for c in COLUMNS {
        last.insert((*c).into(), json!(""));
    }
    last.insert("rule".into(), json!("''"));
    rules.push(Value::Object(last));
    let table = json!({
        "id": "dt", "name": "acme", "type": "decisionTableNode",
        "content": {
            "hitPolicy": "first",
            "inputs": inputs,
            "outputs": [{"id": "rule", "name": "rule", "field": "rule"}],
            "rules": rules,
            "passThrough": false,
        }
    });
    let mut nodes =
        vec![json!({"id": "in", "name": "request", "type": "inputNode", "content": {}})];
    let mut edges = Vec::new();
    if phrases == Phrases::Substrings {
        nodes.push(json!({
            "id": "lower", "name": "lower", "type": "expressionNode",
            "content": {
                "expressions": [
                    {"id": "m", "key": "message", "value": "lower(message)"},
                    {"id": "c", "key": "conversation", "value": "lower(conversation)"},
                ],
                "passThrough": true,
            }
        }));
        edges.push(json!({"id": "e0", "sourceId": "in", "targetId": "lower"}));
        edges.push(json!({"id": "e1", "sourceId": "lower", "targetId": "dt"}));
    } else {
        edges.push(json!({"id": "e1", "sourceId": "in", "targetId": "dt"}));
    }
    nodes.push(table);
    nodes.push(json!({"id": "out", "name": "out", "type": "outputNode", "content": {}}));
    edges.push(json!({"id": "e2", "sourceId": "dt", "targetId": "out"}));
    json!({"nodes": nodes, "edges": edges})
}

/// A compiled zen-engine decision.
pub struct Zen {
    decision: zen_engine::Decision,
}

impl Zen {
    pub fn new(phrases: Phrases) -> Zen {
        let content: zen_engine::model::DecisionContent =
            serde_json::from_value(zen_graph(phrases)).expect("the graph is well formed");
        let engine = zen_engine::DecisionEngine::default();
        let mut decision = engine.create_decision(Arc::new(content)).expect("a graph");
        // Expressions compiled once, before any request (zen-engine's advice).
        decision.compile();
        Zen { decision }
    }

    /// Prepares an input (not timed).
    pub fn input(json: &Value) -> zen_engine::Variable {
        json.clone().into()
    }

    pub fn decide(&self, input: zen_engine::Variable) -> Option<String> {
        let response = futures::executor::block_on(self.decision.evaluate(input))
            .expect("the graph evaluates");
        let result: Value = response.result.to_value();
        match result.get("rule").and_then(Value::as_str) {
            Some("") | None => None,
            Some(rule) => Some(rule.to_string()),
        }
    }
}

/// acme as one CEL expression: the rules as nested conditionals, in order.
pub fn cel_source(phrases: Phrases) -> String {
    let mut source = String::new();
    for (rule, tests) in rows(phrases, false) {
        let condition: Vec<String> = tests.into_iter().map(|(_, t)| format!("({t})")).collect();
        source.push_str(&format!("{} ? '{rule}' : ", condition.join(" && ")));
    }
    source.push_str("''");
    source
}

/// A compiled CEL program.
pub struct Cel {
    env: Arc<cel::Env>,
    program: cel::Program,
}

impl Cel {
    pub fn new(phrases: Phrases) -> Cel {
        let mut env = cel::Env::stdlib();
        env.add_extension(cel::extensions::strings)
            .expect("the strings extension loads");
        let env = Arc::new(env);
        let program = env
            .compile(&cel_source(phrases))
            .expect("the expression compiles");
        Cel { env, program }
    }

    /// Prepares an input (not timed): each value a variable.
    pub fn input(&self, json: &Value) -> cel::Context<'static, 'static> {
        let mut context = cel::Context::with_env(self.env.clone());
        if let Some(map) = json.as_object() {
            for (k, v) in map {
                context
                    .add_variable(k.clone(), v.clone())
                    .expect("JSON values are CEL values");
            }
        }
        context
    }

    pub fn decide(&self, context: &cel::Context<'_, '_>) -> Option<String> {
        match self
            .program
            .execute(context)
            .expect("the expression evaluates")
        {
            cel::Value::String(s) if s.is_empty() => None,
            cel::Value::String(s) => Some(s.to_string()),
            other => panic!("a rule name, not {other:?}"),
        }
    }
}
