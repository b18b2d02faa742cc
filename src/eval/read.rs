//! Reading a well-formed request straight from its JSON text, without building a
//! `serde_json::Value` of the whole request first.
//!
//! [`Request::from_json`] tries this first. It takes only what the checked path
//! ([`Request::from_value`]) takes, and gives the same request: every construct this
//! reader is not sure of (an array where an object is expected, a repeated key, `null`
//! where a number is expected, an unknown sender, a time that does not parse, too many
//! messages) makes it give up, and the request is read again the checked way, which
//! names the JSON path and the value found. So a well-formed request is read once,
//! quickly, and a bad one twice, the second time for its error.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use jiff::Timestamp;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value as Json;

use super::request::{Message, Request, TeamStatus};
use crate::limits::MAX_MESSAGES;
use crate::syntax::ast::Sender;

/// The request in `text`, or `None` when this reader gives up (then the checked path
/// reads it and says what is wrong, or takes it).
pub(super) fn well_formed(text: &str) -> Option<Request> {
    let mut reader = serde_json::Deserializer::from_str(text);
    let request = Object(Top).deserialize(&mut reader).ok()?;
    // Only white space may follow, as `serde_json::from_str` requires.
    reader.end().ok()?;
    Some(request)
}

/// Any error: this reader only gives up, the checked path explains.
fn give_up<E: de::Error>() -> E {
    E::custom("not read quickly")
}

/// A JSON string, borrowed from the request's text when it holds no escape.
struct Text<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Fills `slot` once: a key given twice makes the reader give up (the checked path
/// keeps the last).
fn once<T, E: de::Error>(slot: &mut Option<T>, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(give_up());
    }
    *slot = Some(value);
    Ok(())
}

fn time<E: de::Error>(text: &str) -> Result<Timestamp, E> {
    text.parse::<Timestamp>().map_err(|_| give_up())
}

/// What visitor `V` reads from a JSON object; anything else in its place (an array,
/// which serde's derived readers would take too) makes the reader give up.
struct Object<V>(V);

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for Object<V> {
    type Value = V::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        d.deserialize_map(self.0)
    }
}

struct Top;

impl<'de> Visitor<'de> for Top {
    type Value = Request;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a request")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Request, A::Error> {
        // Each key's value, once: `Some(None)` is a key given as `null`, which the
        // checked path reads as absent (`facts` excepted).
        let mut now: Option<Option<Text<'de>>> = None;
        let mut facts: Option<Json> = None;
        let mut messages: Option<Option<Vec<Message>>> = None;
        let mut actions: Option<Option<Vec<Text<'de>>>> = None;
        let mut teams: Option<Option<BTreeMap<String, TeamStatus>>> = None;
        while let Some(key) = map.next_key::<Text<'de>>()? {
            match &*key.0 {
                "now" => once(&mut now, map.next_value()?)?,
                "facts" => once(&mut facts, map.next_value()?)?,
                "messages" => once(&mut messages, map.next_value_seed(Nullable(Messages))?)?,
                "actions" => once(&mut actions, map.next_value()?)?,
                "teams" => once(&mut teams, map.next_value_seed(Nullable(Object(Teams)))?)?,
                _ => return Err(give_up()),
            }
        }
        let now = match now.flatten() {
            Some(t) => Some(time(&t.0)?),
            None => None,
        };
        let Some(Json::Object(facts)) = facts else {
            return Err(give_up());
        };
        Ok(Request {
            now,
            facts,
            messages: messages.flatten().unwrap_or_default(),
            actions: actions
                .flatten()
                .unwrap_or_default()
                .into_iter()
                .map(|a| Arc::from(&*a.0))
                .collect(),
            teams: teams.flatten().unwrap_or_default(),
        })
    }
}

/// `null`, or what `T` reads.
struct Nullable<T>(T);

impl<'de, T: DeserializeSeed<'de>> DeserializeSeed<'de> for Nullable<T> {
    type Value = Option<T::Value>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de, T: DeserializeSeed<'de>> Visitor<'de> for Nullable<T> {
    type Value = Option<T::Value>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("null or a value")
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(d).map(Some)
    }
}

/// The list of messages, at most [`MAX_MESSAGES`] of them.
struct Messages;

impl<'de> DeserializeSeed<'de> for Messages {
    type Value = Vec<Message>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Message>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Messages {
    type Value = Vec<Message>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of messages")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Message>, A::Error> {
        let mut list = Vec::new();
        while let Some(m) = seq.next_element_seed(Object(OneMessage))? {
            if list.len() == MAX_MESSAGES {
                return Err(give_up());
            }
            list.push(m);
        }
        Ok(list)
    }
}

struct OneMessage;

impl<'de> Visitor<'de> for OneMessage {
    type Value = Message;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a message")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Message, A::Error> {
        let (mut from, mut text, mut at) = (None, None, None);
        while let Some(key) = map.next_key::<Text<'de>>()? {
            match &*key.0 {
                "from" => {
                    let name = map.next_value::<Text<'de>>()?;
                    once(&mut from, Sender::from_name(&name.0).ok_or_else(give_up)?)?;
                }
                "text" => once(&mut text, map.next_value::<Text<'de>>()?)?,
                "at" => once(&mut at, time(&map.next_value::<Text<'de>>()?.0)?)?,
                _ => return Err(give_up()),
            }
        }
        match (from, text, at) {
            (Some(from), Some(text), Some(at)) => Ok(Message {
                from,
                text: Arc::from(&*text.0),
                at,
            }),
            _ => Err(give_up()),
        }
    }
}

/// Team name to availability.
struct Teams;

impl<'de> Visitor<'de> for Teams {
    type Value = BTreeMap<String, TeamStatus>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("teams")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut teams = BTreeMap::new();
        while let Some(name) = map.next_key::<String>()? {
            let status = map.next_value_seed(Object(Status))?;
            if teams.insert(name, status).is_some() {
                return Err(give_up());
            }
        }
        Ok(teams)
    }
}

struct Status;

impl<'de> Visitor<'de> for Status {
    type Value = TeamStatus;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a team's availability")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TeamStatus, A::Error> {
        let mut status = TeamStatus::default();
        while let Some(key) = map.next_key::<Text<'de>>()? {
            let slot = match &*key.0 {
                "available" => &mut status.available,
                "waiting" => &mut status.waiting,
                _ => return Err(give_up()),
            };
            // A whole number of people: `null`, `2.0` or `-1` make the reader give up.
            let n = map.next_value::<u64>()?;
            once(slot, u32::try_from(n).map_err(|_| give_up::<A::Error>())?)?;
        }
        Ok(status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(text: &str) -> Option<Request> {
        let value: Json = serde_json::from_str(text).ok()?;
        Request::from_value(&value).ok()
    }

    #[test]
    fn takes_what_the_checked_path_takes_and_gives_the_same_request() {
        let text = r#"{"now": "2026-11-24T15:00:00Z", "facts": {"confidence": 0.9, "tier": "vip"},
            "messages": [{"from": "customer", "text": "I was charged tw\u00efce", "at": "2026-11-24T14:59:00-05:00"},
                         {"at": "2026-11-24T15:00:00Z", "text": "Let me check.", "from": "bot"}],
            "actions": ["looked_up_order", "re\"sent"], "teams": {"billing": {"available": 2, "waiting": 7}, "tier1": {}}}"#;
        let fast = well_formed(text).expect("a well-formed request is read quickly");
        assert_eq!(Some(fast), checked(text));
    }

    #[test]
    fn gives_up_where_the_checked_path_refuses_or_reads_otherwise() {
        for text in [
            r#"[null, {}]"#,
            r#"{"facts": []}"#,
            r#"{"facts": null}"#,
            r#"{}"#,
            r#"{"facts": {}, "facts": {}}"#,
            r#"{"facts": {}, "extra": 1}"#,
            r#"{"facts": {}, "messages": [["customer", "hi", "2026-11-24T15:00:00Z"]]}"#,
            r#"{"facts": {}, "messages": [{"from": "robot", "text": "hi", "at": "2026-11-24T15:00:00Z"}]}"#,
            r#"{"facts": {}, "messages": [{"from": "bot", "text": "hi", "at": "yesterday"}]}"#,
            r#"{"facts": {}, "messages": [{"from": "bot", "text": "hi"}]}"#,
            r#"{"facts": {}, "messages": [{"from": "bot", "from": "bot", "text": "hi", "at": "2026-11-24T15:00:00Z"}]}"#,
            r#"{"facts": {}, "teams": {"a": {"available": null}}}"#,
            r#"{"facts": {}, "teams": {"a": {"available": 2.0}}}"#,
            r#"{"facts": {}, "teams": {"a": {"available": 5000000000}}}"#,
            r#"{"facts": {}, "teams": {"a": [1, 2]}}"#,
            r#"{"facts": {}, "teams": {"a": {}, "a": {}}}"#,
            r#"{"facts": {}, "actions": [1]}"#,
            r#"{"facts": {}} trailing"#,
            r#"{"facts": {}"#,
        ] {
            assert_eq!(well_formed(text), None, "{text}");
        }
    }

    #[test]
    fn null_is_absent_where_the_checked_path_says_so() {
        let text =
            r#"{"now": null, "facts": {}, "messages": null, "actions": null, "teams": null}"#;
        assert_eq!(well_formed(text), Some(Request::default()));
        assert_eq!(checked(text), Some(Request::default()));
    }

    #[test]
    fn too_many_messages_are_left_to_the_checked_path() {
        let one = r#"{"from": "bot", "text": "x", "at": "2026-11-24T15:00:00Z"}"#;
        let list = vec![one; MAX_MESSAGES + 1].join(",");
        let text = format!(r#"{{"facts": {{}}, "messages": [{list}]}}"#);
        assert_eq!(well_formed(&text), None);
        let at_limit = vec![one; MAX_MESSAGES].join(",");
        let text = format!(r#"{{"facts": {{}}, "messages": [{at_limit}]}}"#);
        assert_eq!(
            well_formed(&text).map(|r| r.messages.len()),
            Some(MAX_MESSAGES)
        );
    }
}
