//! The context packet (design section 3.8): what the agent receives with an
//! escalation. Every text in it has its card numbers masked first.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::decision::{Context, TranscriptLine};
use super::{Engine, Request, Val};
use crate::check::model::{HandoffPart, Type};
use crate::syntax::ast::Sender;
use crate::text::cards::mask_cards;
use crate::text::entities::Entities;

/// How much of the first customer message the summary quotes, in characters.
const SUMMARY_QUOTE_CHARS: usize = 120;

/// The texts of the packet that come from the messages, masked: the transcript, the
/// entities of the customer's messages and the customer's first message. Built from the
/// request by [`text_parts`], or kept up to date message by message by a session.
#[derive(Clone, Debug, Default)]
pub struct TextParts {
    pub transcript: Option<Arc<Vec<TranscriptLine>>>,
    pub entities: Option<Entities>,
    pub first_customer: Option<Arc<str>>,
}

/// A text as the packet shows it: shared with the request unless a card number had to
/// be masked.
pub fn masked(text: &Arc<str>) -> Arc<str> {
    match mask_cards(text) {
        std::borrow::Cow::Borrowed(_) => text.clone(),
        std::borrow::Cow::Owned(masked) => Arc::from(masked),
    }
}

/// The text parts of the packet of a whole request.
pub fn text_parts(engine: &Engine, request: &Request) -> TextParts {
    if !engine.needs.packet_texts {
        return TextParts::default();
    }
    let transcript: Vec<TranscriptLine> = request
        .messages
        .iter()
        .map(|m| TranscriptLine {
            from: m.from,
            text: masked(&m.text),
            at: m.at,
        })
        .collect();
    let customer = || transcript.iter().filter(|l| l.from == Sender::Customer);
    let entities = engine.needs.packet_entities.then(|| {
        let mut e = Entities::default();
        for line in customer() {
            e.collect(&line.text);
        }
        e
    });
    TextParts {
        first_customer: customer().next().map(|l| l.text.clone()),
        entities,
        transcript: Some(Arc::new(transcript)),
    }
}

#[expect(
    clippy::indexing_slicing,
    reason = "`intent_fact` is a position in the table's facts, and `facts` has one value per fact of the table"
)]
pub fn packet(
    engine: &Engine,
    actions: &[Arc<str>],
    facts: &[Val<'_>],
    signals: &[f64],
    reason: &Arc<str>,
    texts: TextParts,
) -> Context {
    let table = &engine.table;
    let wants = |part: HandoffPart| table.handoff.contains(&part);
    let TextParts {
        transcript,
        entities,
        first_customer,
    } = texts;
    let summary = wants(HandoffPart::Summary).then(|| {
        // Every part is already masked: the intent through `fact_text`, the entities
        // and the quote from the masked texts; the reason is the policy's own.
        let mut summary = String::with_capacity(200);
        if let Some(i) = engine.intent_fact {
            summary.push_str("intent: ");
            summary.push_str(&fact_text(&table.facts[i].ty, facts[i]));
            summary.push_str(" | ");
        }
        summary.push_str(reason);
        if let Some(e) = entities.as_ref().filter(|e| !e.is_empty()) {
            let found = (e.order_numbers.iter().map(|o| ("order ", o)))
                .chain(e.emails.iter().map(|m| ("", m)))
                .chain(e.phones.iter().map(|p| ("phone ", p)))
                .chain(e.amounts.iter().map(|a| ("", a)))
                .chain(e.urls.iter().map(|u| ("", u)));
            for (k, (label, entity)) in found.enumerate() {
                summary.push_str(if k == 0 { " | " } else { ", " });
                summary.push_str(label);
                summary.push_str(entity);
            }
        }
        if let Some(first) = &first_customer {
            // The first characters, cut where the next one starts.
            let cut = first
                .char_indices()
                .nth(SUMMARY_QUOTE_CHARS)
                .map_or(first.len(), |(i, _)| i);
            summary.push_str(" | first message: \"");
            summary.push_str(first.get(..cut).unwrap_or(first));
            if cut < first.len() {
                summary.push('…');
            }
            summary.push('"');
        }
        summary
    });
    Context {
        summary,
        entities: entities.filter(|_| wants(HandoffPart::Entities)),
        actions: wants(HandoffPart::Actions).then(|| actions.iter().map(masked).collect()),
        reason: wants(HandoffPart::Reason).then(|| reason.clone()),
        transcript: transcript.filter(|_| wants(HandoffPart::Transcript)),
        facts: wants(HandoffPart::Facts).then(|| {
            engine
                .fact_map
                .fill(|i| fact_json(&table.facts[i].ty, facts[i]))
        }),
        signals: wants(HandoffPart::Signals)
            .then(|| engine.signal_map.fill(|i| number_json(signals[i]))),
    }
}

/// A map of the packet (`facts`, `signals`) built once with its keys, each value
/// `null`, and the position in the policy's order of each key in the map's order.
#[derive(Clone, Debug, Default)]
pub struct KeyedValues {
    empty: BTreeMap<Arc<str>, serde_json::Value>,
    order: Vec<usize>,
}

impl KeyedValues {
    /// The map of `keys`, given in the policy's order. A repeated key keeps its first
    /// position (a checked policy repeats none).
    pub fn new(keys: impl Iterator<Item = Arc<str>>) -> KeyedValues {
        let mut at = BTreeMap::new();
        for (i, key) in keys.enumerate() {
            at.entry(key).or_insert(i);
        }
        KeyedValues {
            empty: at
                .keys()
                .map(|k| (k.clone(), serde_json::Value::Null))
                .collect(),
            order: at.into_values().collect(),
        }
    }

    /// The map with the value of each key: `value(i)` for the key at position `i`.
    pub fn fill(
        &self,
        mut value: impl FnMut(usize) -> serde_json::Value,
    ) -> BTreeMap<Arc<str>, serde_json::Value> {
        let mut map = self.empty.clone();
        for (slot, &i) in map.values_mut().zip(&self.order) {
            *slot = value(i);
        }
        map
    }
}

fn fact_text(ty: &Type, value: Val<'_>) -> String {
    match fact_json(ty, value) {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    }
}

/// A fact's value as the packet shows it: texts masked, choices as their word.
pub fn fact_json(ty: &Type, value: Val<'_>) -> serde_json::Value {
    match value {
        Val::Num(n) => number_json(n),
        Val::Bool(b) => serde_json::Value::Bool(b),
        Val::Text(t) => serde_json::Value::String(mask_cards(t).into_owned()),
        Val::Choice(c) => match ty {
            Type::Choice(values) => {
                serde_json::Value::String(values.get(c).cloned().unwrap_or_default())
            }
            _ => serde_json::Value::Null,
        },
    }
}

/// A number as JSON: whole numbers without a fraction (`2`, not `2.0`).
pub fn number_json(n: f64) -> serde_json::Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::json!(n)
    }
}
