//! A request's facts against the policy's: unknown names, missing required facts and
//! wrong types are errors naming `facts.NAME` and the value found (design section 5).

use serde_json::Value as Json;

use super::request::{Errors, Readable, RequestError, found};
use super::{Engine, Request, Val};
use crate::check::closest;
use crate::check::model::{Type, Value};
use crate::text::cards::mask_cards;

/// Up to how many facts a policy's are found by name rather than by hash.
const FEW_FACTS: usize = 16;

/// Each fact's value, in the policy's order: the request's, or the default. Every
/// unknown name, missing fact and wrong value is reported, not only the first.
#[expect(
    clippy::indexing_slicing,
    reason = "the table was validated when the engine was built: every index in it is in range; `given` has one entry per fact (the stack array is cut to `count` only when `count <= FEW_FACTS`), and a position is a fact's"
)]
pub fn validate<'a>(
    engine: &'a Engine,
    request: &'a Request,
    mut values: Vec<Val<'a>>,
) -> Result<Vec<Val<'a>>, RequestError> {
    let table = &engine.table;
    // Each declared fact's value in the request, found with one lookup per key given.
    // A policy has a few facts: then they are kept on the stack and found by comparing
    // names, which is quicker than hashing them.
    let count = table.facts.len();
    let mut given_few: [Option<&Json>; FEW_FACTS] = [None; FEW_FACTS];
    let mut given_many: Vec<Option<&Json>>;
    let given: &mut [Option<&Json>] = if count <= FEW_FACTS {
        &mut given_few[..count]
    } else {
        given_many = vec![None; count];
        &mut given_many
    };
    // Empty unless the request is refused: no allocation then.
    let mut errors = Errors::default();
    // The facts an unknown name is taken for (`confidance` for `confidence`): not also
    // reported missing, since its help already names them.
    let mut misspelt: Vec<&str> = Vec::new();
    for (name, json) in &request.facts {
        let position = if count <= FEW_FACTS {
            table.facts.iter().position(|f| *f.name == **name)
        } else {
            engine.fact_index.get(name.as_str()).copied()
        };
        match position {
            Some(i) => given[i] = Some(json),
            None => {
                let (e, close) =
                    unknown("facts", "fact", name, table.facts.iter().map(|f| &*f.name));
                errors.push(e);
                misspelt.extend(close);
            }
        }
    }
    unknown_teams(engine, request, &mut errors);
    // `values` is room kept from an earlier decision: emptied first.
    values.clear();
    values.reserve(table.facts.len());
    for (fact, &json) in table.facts.iter().zip(given.iter()) {
        let path = || format!("facts.{}", fact.name);
        let value = match (json, &fact.default) {
            (Some(json), default) => match read(&fact.ty, json) {
                Ok(value) => value,
                Err(expected) => {
                    let e = RequestError::new(
                        path(),
                        format!("expected {expected}, found {}", found(json)),
                    );
                    errors.push(match help_for(&fact.ty, json, default.as_ref()) {
                        Some(help) => e.with_help(help),
                        None => e,
                    });
                    continue;
                }
            },
            (None, Some(default)) => match default {
                Value::Number(n) => Val::Num(*n),
                Value::Bool(b) => Val::Bool(*b),
                Value::Text(t) => Val::Text(t),
                Value::Choice(c) => Val::Choice(*c),
            },
            (None, None) if misspelt.contains(&&*fact.name) => continue,
            (None, None) => {
                errors.push(RequestError::new(
                    path(),
                    format!(
                        "missing: the policy requires this fact in every request ({})",
                        fact.ty.describe()
                    ),
                ));
                continue;
            }
        };
        values.push(value);
    }
    errors.check()?;
    Ok(values)
}

/// An error for each team of the request that the policy does not declare.
fn unknown_teams(engine: &Engine, request: &Request, errors: &mut Errors) {
    for name in request.teams.keys() {
        if !engine.team_index.contains_key(name.as_str()) {
            let teams = engine.table.teams.iter().map(|t| &*t.name);
            errors.push(unknown("teams", "team", name, teams).0);
        }
    }
}

/// The errors of a request whose shape is wrong (`shape`), followed by what the policy
/// finds wrong in the parts of it that could be read ([`Request::from_json_partly`]):
/// unknown, missing and wrong facts when its `facts` were an object, unknown teams, then
/// messages whose times are out of order, as a request whose shape is right is refused.
/// Times are compared only between neighbours that both could be read.
pub(crate) fn with_policy_errors(
    engine: &Engine,
    shape: RequestError,
    readable: &Readable,
) -> RequestError {
    let request = &readable.request;
    let policy = if readable.facts_read {
        validate(engine, request, Vec::new()).err()
    } else {
        let mut errors = Errors::default();
        unknown_teams(engine, request, &mut errors);
        errors.check().err()
    };
    let mut order = Errors::default();
    let times = readable.times.iter().copied();
    super::order_errors(times, None, request.now, &mut order);
    let policy = match (policy, order.check().err()) {
        (Some(policy), Some(order)) => Some(super::request::together(policy, order)),
        (policy, order) => policy.or(order),
    };
    match policy {
        Some(policy) => super::request::together(shape, policy),
        None => shape,
    }
}

/// A name the policy does not declare, with "did you mean" when one is close; and the
/// close name.
fn unknown<'a>(
    place: &str,
    what: &str,
    name: &str,
    declared: impl Iterator<Item = &'a str>,
) -> (RequestError, Option<&'a str>) {
    let shown = mask_cards(name);
    let e = RequestError::new(
        format!("{place}.{shown}"),
        format!("unknown {what} `{shown}`; the policy has no {what} of that name"),
    );
    let declared: Vec<&str> = declared.collect();
    let close = closest(name, declared.iter().copied());
    let e = match close {
        Some(close) => e.with_help(format!("did you mean `{close}`?")),
        None if declared.is_empty() => e.with_help(format!("the policy declares no {what}")),
        // A short list is shown whole: the name may be from another policy.
        None if declared.len() <= 12 => {
            let quoted: Vec<String> = declared.iter().map(|n| format!("`{n}`")).collect();
            e.with_help(format!("the policy's {what}s: {}", quoted.join(", ")))
        }
        None => e,
    };
    (e, close)
}

/// What a JSON value means for a fact of this type, or what was expected instead.
fn read<'r>(ty: &Type, json: &'r Json) -> Result<Val<'r>, String> {
    match ty {
        Type::Number => match json.as_f64() {
            Some(n) if n.is_finite() => Ok(Val::Num(n)),
            _ => Err("a number".into()),
        },
        Type::Bool => match json {
            Json::Bool(b) => Ok(Val::Bool(*b)),
            _ => Err("`true` or `false`".into()),
        },
        Type::Text => match json {
            Json::String(s) => Ok(Val::Text(s)),
            _ => Err("a text (in double quotes)".into()),
        },
        Type::Percent => {
            let expected = || "a fraction from 0 to 1 or a string like \"90%\"".to_string();
            match json {
                Json::Number(n) => match n.as_f64() {
                    Some(f) if (0.0..=1.0).contains(&f) => Ok(Val::Num(f)),
                    _ => Err(expected()),
                },
                Json::String(s) => match s.strip_suffix('%').and_then(decimal) {
                    Some(p) if (0.0..=100.0).contains(&p) => Ok(Val::Num(p / 100.0)),
                    _ => Err(expected()),
                },
                _ => Err(expected()),
            }
        }
        Type::Duration => {
            let expected = || {
                "a number of seconds or a string like \"90s\", \"5m\", \"2h\" or \"10d\""
                    .to_string()
            };
            match json {
                Json::Number(n) => match n.as_f64() {
                    Some(f) if f >= 0.0 && f.is_finite() => Ok(Val::Num(f)),
                    _ => Err(expected()),
                },
                Json::String(s) => duration(s).map(Val::Num).ok_or_else(expected),
                _ => Err(expected()),
            }
        }
        Type::Choice(values) => {
            let list = || {
                let words: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
                format!("one of {}", words.join(", "))
            };
            match json {
                Json::String(s) => values
                    .iter()
                    .position(|v| v == s)
                    .map(Val::Choice)
                    .ok_or_else(|| match closest(s, values.iter().map(String::as_str)) {
                        Some(close) => format!("{} (did you mean \"{close}\"?)", list()),
                        None => list(),
                    }),
                _ => Err(list()),
            }
        }
    }
}

/// Help for a fact's value that is the right one written the wrong way: a percent as a
/// whole number, a number or a flag in quotes, a duration in words, `null` for a fact
/// that has a default. `None` when the value is simply not one of the fact's.
fn help_for(ty: &Type, json: &Json, default: Option<&Value>) -> Option<String> {
    let unquoted = |s: &str| format!("write it without quotes: {s}");
    match (ty, json) {
        (_, Json::Null) => Some(match default {
            Some(value) => format!(
                "leave the fact out to use its default, {}",
                default_text(ty, value)
            ),
            None => "the policy requires this fact: give its value".to_string(),
        }),
        (Type::Percent, Json::Number(n)) => {
            let f = n.as_f64().filter(|f| *f > 1.0 && *f <= 100.0)?;
            Some(format!("for {f}%, write {} or \"{f}%\"", f / 100.0))
        }
        (Type::Percent, Json::String(s)) => {
            let squeezed: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            if let Some(f) = decimal(&squeezed).filter(|f| *f <= 1.0) {
                Some(format!("write the fraction as a number: {f}"))
            } else if let Some(f) = decimal(&squeezed).filter(|f| *f <= 100.0) {
                Some(format!(
                    "write the percent sign: \"{f}%\", or the fraction {}",
                    f / 100.0
                ))
            } else if squeezed != *s
                && squeezed
                    .strip_suffix('%')
                    .and_then(decimal)
                    .is_some_and(|p| p <= 100.0)
            {
                Some(format!("write it without spaces: \"{squeezed}\""))
            } else {
                None
            }
        }
        (Type::Number, Json::String(s)) => {
            let n: f64 = s.trim().parse().ok().filter(|n: &f64| n.is_finite())?;
            Some(unquoted(&n.to_string()))
        }
        (Type::Bool, Json::String(s)) => {
            let word = s.trim().to_ascii_lowercase();
            let flag = match word.as_str() {
                "true" | "yes" | "on" => "true",
                "false" | "no" | "off" => "false",
                _ => return None,
            };
            Some(unquoted(flag))
        }
        (Type::Bool, Json::Number(n)) => match n.as_f64() {
            Some(1.0) => Some("write `true` for 1".to_string()),
            Some(0.0) => Some("write `false` for 0".to_string()),
            _ => None,
        },
        (Type::Text, Json::Number(_) | Json::Bool(_)) => {
            Some(format!("write it in double quotes: \"{json}\""))
        }
        (Type::Duration, Json::String(s)) => duration_in_words(s)
            .map(|short| format!("write \"{short}\": a number and `s`, `m`, `h` or `d`")),
        (_, Json::Array(items)) => Some(match items.as_slice() {
            [one @ (Json::String(_) | Json::Number(_) | Json::Bool(_))]
                if one.to_string().len() <= 60 =>
            {
                format!("a fact has one value: write {one} without the brackets")
            }
            _ => "a fact has one value; to accept several, the policy tests it with `in [...]`"
                .to_string(),
        }),
        _ => None,
    }
}

/// `5 minutes`, `2 hrs`, `30 sec` as Baton writes them (`5m`, `2h`, `30s`).
fn duration_in_words(s: &str) -> Option<String> {
    let s = s.trim();
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (number, unit) = s.split_at(split);
    decimal(number)?;
    crate::syntax::duration_written(number, unit.trim())
}

/// A fact's default as a request would give it.
fn default_text(ty: &Type, value: &Value) -> String {
    match (ty, value) {
        (Type::Percent, Value::Number(n)) => format!("{}%", n * 100.0),
        (Type::Duration, Value::Number(n)) => format!("{n}s"),
        (_, Value::Number(n)) => n.to_string(),
        (_, Value::Bool(b)) => b.to_string(),
        (_, Value::Text(t)) => format!("\"{t}\""),
        (Type::Choice(values), Value::Choice(c)) => values
            .get(*c)
            .map_or_else(String::new, |v| format!("\"{v}\"")),
        (_, Value::Choice(_)) => String::new(),
    }
}

/// A plain decimal number: digits, optionally a point and more digits. No sign, no
/// exponent, no `NaN` or `inf`.
fn decimal(s: &str) -> Option<f64> {
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    s.parse().ok().filter(|f: &f64| f.is_finite())
}

/// `90s`, `5m`, `2h`, `10d`, `1.5h` in seconds.
pub fn duration(s: &str) -> Option<f64> {
    let unit = match s.chars().last()? {
        's' => 1.0,
        'm' => 60.0,
        'h' => 3600.0,
        'd' => 86400.0,
        _ => return None,
    };
    let n = decimal(&s[..s.len() - 1])?;
    Some(n * unit).filter(|f| f.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_and_durations() {
        assert_eq!(
            read(&Type::Percent, &serde_json::json!("90%")),
            Ok(Val::Num(0.9))
        );
        assert_eq!(
            read(&Type::Percent, &serde_json::json!(0.9)),
            Ok(Val::Num(0.9))
        );
        assert!(read(&Type::Percent, &serde_json::json!(90)).is_err());
        assert!(read(&Type::Percent, &serde_json::json!("NaN%")).is_err());
        assert!(read(&Type::Percent, &serde_json::json!("-5%")).is_err());
        assert_eq!(
            read(&Type::Duration, &serde_json::json!("5m")),
            Ok(Val::Num(300.0))
        );
        assert_eq!(
            read(&Type::Duration, &serde_json::json!("1.5h")),
            Ok(Val::Num(5400.0))
        );
        assert!(read(&Type::Duration, &serde_json::json!("5 minutes")).is_err());
        assert!(read(&Type::Duration, &serde_json::json!(-1)).is_err());
    }

    #[test]
    fn decimals_are_digits_with_at_most_one_point_between_digits() {
        assert_eq!(decimal("5"), Some(5.0));
        assert_eq!(decimal("12.25"), Some(12.25));
        assert_eq!(decimal("007"), Some(7.0));
        // What Rust's own parser takes and a plain decimal is not.
        for s in [
            "", ".5", "5.", "1e3", "+5", "-5", "inf", "NaN", "5.5.5", "1_000", " 5",
        ] {
            assert_eq!(decimal(s), None, "{s:?}");
        }
    }

    #[test]
    fn every_duration_unit_reads_in_seconds() {
        for (s, seconds) in [
            ("90s", 90.0),
            ("5m", 300.0),
            ("2h", 7200.0),
            ("10d", 864_000.0),
            ("0.5d", 43_200.0),
        ] {
            assert_eq!(duration(s), Some(seconds), "{s}");
        }
        for s in ["", "s", "5", "5x", "5 m", "-5m", "5M", "1e2s"] {
            assert_eq!(duration(s), None, "{s:?}");
        }
    }

    #[test]
    fn durations_in_words_are_written_short() {
        assert_eq!(duration_in_words("5 minutes").as_deref(), Some("5m"));
        assert_eq!(duration_in_words("1.5 hrs").as_deref(), Some("1.5h"));
        assert_eq!(duration_in_words("30sec").as_deref(), Some("30s"));
        assert_eq!(duration_in_words(" 2 Days ").as_deref(), Some("2d"));
        assert_eq!(duration_in_words("5 fortnights"), None);
        assert_eq!(duration_in_words("minutes"), None);
        assert_eq!(duration_in_words("5"), None);
    }
}
