//! Turns pest's "expected one of these rules" into a sentence a support lead can act on:
//! "expected a condition after `when`", "a rule needs `when`".

use pest::error::{Error, ErrorVariant};

use super::error::ParseError;
use super::parser::{Rule, error_pos, starts_with_item_keyword, word_len};

/// Names for the things the grammar can expect, grouped so that a long list of rules
/// reads as a few words. The order is the order they are listed in a message.
const GROUPS: &[(&str, &[Rule])] = &[
    ("`policy \"NAME\"`", &[Rule::kw_policy, Rule::policy_decl]),
    (
        "an item (`fact`, `phrases`, `hours`, `team`, `offline`, `rule`, `handoff` or `test`)",
        &[
            Rule::kw_fact,
            Rule::kw_phrases,
            Rule::kw_team,
            Rule::kw_rule,
            Rule::kw_test,
            Rule::kw_handoff,
            Rule::fact_item,
            Rule::phrases_item,
            Rule::hours_item,
            Rule::team_item,
            Rule::offline_item,
            Rule::rule_item,
            Rule::handoff_item,
            Rule::test_item,
        ],
    ),
    (
        CONDITION,
        &[
            Rule::cond,
            Rule::conjunct,
            Rule::negation,
            Rule::group,
            Rule::mentions,
            Rule::scope,
            Rule::within,
            Rule::compare,
            Rule::is_test,
            Rule::in_test,
            Rule::flag,
            Rule::value,
            Rule::kw_not,
            Rule::kw_message,
            Rule::kw_conversation,
            Rule::kw_within,
        ],
    ),
    ("`and`", &[Rule::kw_and]),
    ("`or`", &[Rule::kw_or]),
    (
        "a comparison (`<`, `<=`, `>`, `>=`, `==`, `!=`, `is` or `in`)",
        &[Rule::cmp_op, Rule::kw_is, Rule::kw_in],
    ),
    (
        "a rule line (`escalate to`, `stay`, `say`, `reason` or `offline`)",
        &[
            Rule::escalate_line,
            Rule::stay_line,
            Rule::say_line,
            Rule::reason_line,
            Rule::kw_escalate,
            Rule::kw_stay,
            Rule::kw_say,
            Rule::kw_reason,
        ],
    ),
    (
        "a test line (`at`, `facts`, `customer`, `bot`, `agent`, `available`, `waiting`, `actions` or `expect`)",
        &[
            Rule::at_line,
            Rule::facts_line,
            Rule::message_line,
            Rule::available_line,
            Rule::waiting_line,
            Rule::actions_line,
            Rule::expect_line,
            Rule::kw_at,
            Rule::kw_facts,
            Rule::sender,
            Rule::kw_available,
            Rule::kw_waiting,
            Rule::kw_actions,
            Rule::kw_expect,
        ],
    ),
    (
        "`stay` or `escalate`",
        &[Rule::expect_stay, Rule::expect_escalate],
    ),
    ("`offline`", &[Rule::kw_offline, Rule::offline_line]),
    ("`when`", &[Rule::kw_when, Rule::when_line]),
    ("`to`", &[Rule::kw_to]),
    ("`priority`", &[Rule::kw_priority]),
    ("`via`", &[Rule::kw_via]),
    ("`by`", &[Rule::kw_by]),
    ("`after`", &[Rule::kw_after]),
    ("`mentions`", &[Rule::kw_mentions]),
    ("`include`", &[Rule::kw_include]),
    ("`fuzzy`", &[Rule::kw_fuzzy]),
    ("`skills`", &[Rule::team_skills, Rule::kw_skills]),
    ("`hours`", &[Rule::kw_hours, Rule::team_hours]),
    ("a team or `skill NAME`", &[Rule::target, Rule::kw_skill]),
    (FACT_TYPE, &[Rule::fact_type]),
    ("a name", &[Rule::ident, Rule::word]),
    (
        "a weekday (`mon` to `sun`)",
        &[Rule::weekday, Rule::day_range, Rule::span_line],
    ),
    ("`closed`", &[Rule::kw_closed, Rule::closed_line]),
    ("a time such as `08:00`", &[Rule::clock]),
    ("a date such as `2026-12-25`", &[Rule::date]),
    (
        "a duration such as `30s`, `5m`, `2h` or `1d`",
        &[Rule::duration],
    ),
    (
        VALUE,
        &[
            Rule::number,
            Rule::percent,
            Rule::boolean,
            Rule::literal_list,
        ],
    ),
    (
        "a text in quotes",
        &[Rule::string, Rule::string_list, Rule::string_inner],
    ),
    ("a fact and its value (`tier: vip`)", &[Rule::fact_value]),
    ("the end of the file", &[Rule::EOI]),
    ("`:`", &[Rule::colon]),
    ("`=`", &[Rule::equals]),
    ("`[`", &[Rule::lbracket]),
    ("`]`", &[Rule::rbracket]),
    ("`,`", &[Rule::comma]),
    ("`{`", &[Rule::lbrace]),
    ("`}`", &[Rule::rbrace]),
    ("`-`", &[Rule::dash]),
    ("`|`", &[Rule::pipe]),
    ("`;`", &[Rule::semicolon]),
    ("`(`", &[Rule::lparen]),
    ("`)`", &[Rule::rparen]),
];

/// The rules of literal values, described together as [`VALUE`].
const LITERALS: &[Rule] = &[
    Rule::number,
    Rule::percent,
    Rule::duration,
    Rule::clock,
    Rule::date,
    Rule::boolean,
    Rule::string,
    Rule::word,
    Rule::ident,
    Rule::literal_list,
];

const CONDITION: &str = "a condition";

/// The reserved words that start an item or a line of one.
const LINE_STARTS: &[&str] = &[
    "policy", "fact", "phrases", "hours", "team", "rule", "test", "handoff", "offline", "when",
    "escalate", "stay", "say", "reason",
];

const FACT_TYPE: &str =
    "a type (`number`, `percent`, `bool`, `text`, `duration`, or choices such as `standard | vip`)";

const VALUE: &str = "a value (a number, a percent such as `60%`, a duration such as `30s`, a text in quotes, `true`, `false` or a word)";

/// Describes a pest error for the item that starts at `base` in `source`.
pub fn describe(source: &str, base: usize, error: &Error<Rule>) -> ParseError {
    let at = base + error_pos(error);
    let mut positives: Vec<Rule> = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let rest = &source[at.min(source.len())..];
    let here = (at, word_len(source, at));

    if rest.starts_with('"') && !rest[1..].lines().next().unwrap_or("").contains('"') {
        return ParseError::UnclosedString {
            span: (at, rest.lines().next().map_or(1, str::len)).into(),
        };
    }
    if positives.contains(&Rule::kw_when) || positives.contains(&Rule::when_line) {
        return ParseError::MissingWhen { span: here.into() };
    }
    // Where a condition may start, a reserved word such as `escalate` is the next line
    // after a condition left unfinished (`when turns > 3 and`), not a name: the general
    // message below says a condition is missing.
    let condition_wanted = GROUPS
        .iter()
        .filter(|(words, _)| *words == CONDITION)
        .flat_map(|(_, rules)| rules.iter())
        .any(|r| positives.contains(r));
    let prev = previous_token(source, at);
    let before = source.get(..at).unwrap_or_default();
    let line_before = before.rsplit('\n').next().unwrap_or_default();
    // After `,` a list goes on: a reserved word there ends the list too early
    // (`skills general, hours support`), and the help below says how to end it. A word
    // that starts a line or an item, first on its line, is the line after one left
    // unfinished (`when message mentions` then `escalate to tier1`).
    let starts_line = line_before.trim().is_empty()
        && reserved_word_at(rest).is_some_and(|w| LINE_STARTS.contains(&w));
    if positives.contains(&Rule::ident)
        && !condition_wanted
        && !starts_line
        && prev.as_deref() != Some(",")
        && !(prev.as_deref() == Some("by") && rest.starts_with("rule"))
        && let Some(word) = reserved_word_at(rest)
    {
        return ParseError::ReservedWord {
            help: Some(format!(
                "`{word}` is part of the language; choose another name, such as `{word}_1` or a word that says what it is"
            )),
            word: word.to_string(),
            span: here.into(),
        };
    }
    // `hours NAME` is followed by its time zone; `in` there is not a comparison.
    if positives.contains(&Rule::kw_in) && line_before.trim_start().starts_with("hours ") {
        let name = line_before.split_whitespace().nth(1).unwrap_or("support");
        let found = if rest.is_empty() {
            "the end of the file".to_string()
        } else {
            format!("`{}`", rest.get(..here.1).unwrap_or_default())
        };
        return ParseError::Syntax {
            message: format!("expected `in` and a time zone after `{name}`"),
            span: here.into(),
            label: format!("found {found}"),
            help: Some(format!(
                "opening hours are read in a time zone, written after `in`: \
                 `hours {name} in \"America/New_York\" {{ mon-fri 09:00-17:00 }}` \
                 (zone names are those of the tz database, such as `Europe/London` or `UTC`)"
            )),
        };
    }
    if rest.starts_with("policy") && positives.contains(&Rule::kw_rule) {
        return ParseError::Syntax {
            message: "a file has only one `policy` line".into(),
            span: here.into(),
            label: "a second `policy`".into(),
            help: Some("put each policy in a file of its own".into()),
        };
    }

    let mut wanted: Vec<&'static str> = Vec::new();
    // Words for literal values are many; a place that takes any value says so once.
    if positives.contains(&Rule::word) && positives.contains(&Rule::number) {
        positives.retain(|r| !LITERALS.contains(r));
        wanted.insert(0, VALUE);
    }
    for (words, rules) in GROUPS {
        if rules.iter().any(|r| positives.contains(r)) && !wanted.contains(words) {
            wanted.push(words);
        }
    }
    // Keywords that are also listed inside a group are not listed again on their own.
    if wanted
        .iter()
        .any(|w| w.starts_with("an item") || w.starts_with("a rule line"))
    {
        wanted.retain(|w| *w != "`offline`");
    }
    if wanted.iter().any(|w| w.starts_with("an item")) {
        wanted.retain(|w| *w != "`hours`");
    }
    // A condition starts with a name or `(`: saying so again adds nothing.
    if wanted.contains(&CONDITION) {
        wanted.retain(|w| *w != "a name" && *w != "`(`");
    }
    // An item's keyword first on its line starts a new item (the one before is
    // unfinished); elsewhere (`by rule`, `, hours`) it is a word out of place.
    let starts_new_item =
        starts_with_item_keyword(rest) && at > base && line_before.trim().is_empty();
    let found = if rest.is_empty() {
        "the end of the file".to_string()
    } else if starts_new_item {
        format!("`{}`, which starts a new item", &rest[..here.1])
    } else {
        format!("`{}`", &rest[..here.1])
    };
    // Where only a name fits, the word before says which kind of name.
    // After `mentions a,` the next name is a phrase set too.
    let in_mentions = prev.as_deref() == Some("mentions")
        || (prev.as_deref() == Some(",") && line_before.contains(" mentions "));
    if prev.as_deref() == Some("expect") {
        wanted = vec!["`stay` or `escalate`"];
    }
    if wanted == ["a name"] {
        if in_mentions {
            wanted = vec!["a phrase set"];
        } else if prev.as_deref() == Some("by") && line_before.trim_start().starts_with("expect ") {
            wanted = vec!["a rule"];
        } else if prev.as_deref() == Some(":") && line_before.trim_start().starts_with("fact ") {
            wanted = vec![FACT_TYPE];
        } else if prev.as_deref() == Some("hours") && line_before.contains('{') {
            // `hours` inside a team names the hours it keeps.
            wanted = vec![name_after("within").unwrap_or("a name")];
        } else if let Some(kind) = prev.as_deref().and_then(name_after) {
            wanted = vec![kind];
        }
    }
    let what = join_or(&wanted);
    let prev_word = prev.clone();
    let after = prev.map(|t| format!(" after `{t}`")).unwrap_or_default();

    let (message, label) = if what.is_empty() {
        (
            format!("unexpected {found}{after}"),
            "not expected here".to_string(),
        )
    } else {
        (format!("expected {what}{after}"), format!("found {found}"))
    };
    let place = Place {
        before,
        line_before,
        rest,
        prev: prev_word.as_deref(),
        wanted: &wanted,
        in_mentions,
    };
    let help = if starts_new_item && wanted.contains(&"`}`") {
        Some("the item above is missing its closing `}`".to_string())
    } else {
        condition_help(&place)
            .or_else(|| item_name_help(&place))
            .or_else(|| unfinished_help(&place))
            .or_else(|| fact_help(&place))
            .or_else(|| test_help(&place))
            .or_else(|| phrases_help(&place))
            .or_else(|| name_help(&place))
            .or_else(|| hours_help(&place).map(str::to_string))
            .or_else(|| habit_help(&place).map(str::to_string))
    };
    ParseError::Syntax {
        message,
        span: here.into(),
        label,
        help,
    }
}

/// Where a syntax error was found, as the helps below read it.
struct Place<'a> {
    /// The text before the error, and its last line.
    before: &'a str,
    line_before: &'a str,
    /// The text from the error on.
    rest: &'a str,
    /// The token just before the error.
    prev: Option<&'a str>,
    /// What the grammar wanted, in words.
    wanted: &'a [&'static str],
    /// Right after `mentions` or a `,` in its list of sets.
    in_mentions: bool,
}

/// Help for a condition that stops too early: `when` with nothing after it, a trailing
/// `and`, `or` or `not`.
fn condition_help(place: &Place) -> Option<String> {
    if !place.wanted.contains(&CONDITION) || reserved_word_at(place.rest).is_none() {
        return None;
    }
    match place.prev? {
        "when" => {
            Some("write what must hold after `when`, for example `when confidence < 60%`".into())
        }
        joiner @ ("and" | "or" | "not") => Some(format!(
            "the condition stops after `{joiner}`: write what must hold after it, or remove `{joiner}`"
        )),
        _ => None,
    }
}

/// Help for a fact's line written as lists are written elsewhere: choices separated by
/// `,`, in brackets or in quotes, or no `:` after the name.
fn fact_help(place: &Place) -> Option<String> {
    let line = place.line_before.trim();
    if !line.starts_with("fact ") {
        return None;
    }
    let rest = place.rest;
    let choices = "list the choices with `|` between them, without brackets or quotes: \
                   `fact tier: standard | gold | vip`";
    let bracketed = place.wanted.contains(&FACT_TYPE) && rest.starts_with(['[', '"']);
    let separated = rest.starts_with([',', '|']) && line.contains(':') && !line.contains('=');
    if bracketed || separated {
        Some(choices.into())
    } else if rest.starts_with(',') && line.contains('=') {
        Some("a fact has one default value, after `=`: `fact failed_attempts: number = 0`".into())
    } else if place.wanted.contains(&"`:`") && place.prev.is_some_and(|p| line.ends_with(p)) {
        Some("write `:` between the fact's name and its type: `fact tier: standard | vip`".into())
    } else {
        None
    }
}

/// Help for a phrase set written in other ways: no brackets, no `=`, phrases without
/// quotes or without `,` between them, `fuzzy` at the end.
fn phrases_help(place: &Place) -> Option<String> {
    let rest = place.rest;
    let wants = |w: &str| place.wanted.contains(&w);
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '*')
        .take(40)
        .collect();
    let phrases_line = place.line_before.trim_start().starts_with("phrases ");
    if phrases_line && wants("`[`") && rest.starts_with('"') {
        Some("put the phrases in brackets: `phrases refunds = [\"refund\", \"money back\"]`".into())
    } else if phrases_line && wants("`=`") && rest.starts_with([':', '[']) {
        Some("write `=` before the list: `phrases refunds = [\"refund\", \"money back\"]`".into())
    } else if wants("a text in quotes") && !word.is_empty() && matches!(place.prev, Some("[" | ","))
    {
        let phrase = up_to(rest, &[',', ']', '\n'], 40);
        Some(format!(
            "write each phrase in double quotes: `\"{phrase}\"`"
        ))
    } else if wants("a text in quotes")
        && !word.is_empty()
        && let Some(keyword) = place.prev.filter(|p| is_keyword(p))
    {
        let text = up_to(rest, &['\n', '}', '#'], 60);
        Some(format!(
            "put the text in double quotes: `{keyword} \"{text}\"`"
        ))
    } else if wants("`,`") && wants("`]`") && rest.starts_with('"') {
        Some("separate the phrases with `,`: `[\"refund\", \"money back\"]`".into())
    } else if word == "fuzzy" && place.prev == Some("]") {
        Some("`fuzzy` goes before `=`: `phrases refunds fuzzy = [\"refund\"]`".into())
    } else {
        None
    }
}

/// Help for a line that stops too early, where the next line starts: the word before
/// wanted something after it (`mentions` a phrase set, `to` a team).
fn unfinished_help(place: &Place) -> Option<String> {
    let word = reserved_word_at(place.rest)?;
    let prev = place.prev?;
    if !place.line_before.trim().is_empty() || !LINE_STARTS.contains(&word) {
        return None;
    }
    Some(match prev {
        "mentions" => "the line stops after `mentions`: name the phrase set, as in \
                       `message mentions refunds`"
            .to_string(),
        "to" => "the line stops after `to`: name the team, as in `escalate to tier1`".to_string(),
        "<" | "<=" | ">" | ">=" | "==" | "!=" | "is" | "in" => format!(
            "the comparison stops after `{prev}`: write the value to compare with, as in `turns {prev} 3`"
        ),
        _ => format!("the line before stops after `{prev}`: finish it, or remove `{prev}`"),
    })
}

/// Help for the head of an item: a name of several words, a rule's kind without `:`, a
/// rule with no `{`.
fn item_name_help(place: &Place) -> Option<String> {
    const KINDS: [&str; 4] = ["explicit", "signal", "limit", "context"];
    if let Some(kind) = place.prev.filter(|p| KINDS.contains(p))
        && place.wanted == ["`{`"]
    {
        return Some(format!(
            "a rule's lines go between `{{` and `}}`: end this line with `{kind} {{`, and close the rule with `}}` after its last line"
        ));
    }
    let line = place.line_before.trim();
    let mut words = line.split_whitespace();
    let keyword = words.next()?;
    if !["rule", "fact", "team", "phrases", "hours"].contains(&keyword) {
        return None;
    }
    let rest = place.rest;
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    match (words.next(), words.next()) {
        (Some(name), None) if name == place.prev.unwrap_or_default() => {
            if keyword == "rule" && (KINDS.contains(&word.as_str()) || rest.starts_with('(')) {
                let kind = up_to(rest.trim_start_matches('('), &[')', ' ', '{', '\n'], 20);
                return Some(format!(
                    "write `:` before the kind: `rule {name}: {kind} {{`"
                ));
            }
            let is_item_word = ["fuzzy", "in"].contains(&word.as_str());
            // Only when what follows the name on this line is there, further on: else
            // the word is what should have followed (`fact tier standard | vip`).
            let line_rest = up_to(rest, &['\n'], usize::MAX);
            let follows = match keyword {
                "fact" => line_rest.contains(':'),
                "rule" => line_rest.contains([':', '{']),
                "team" => line_rest.contains('{'),
                "phrases" => line_rest.contains('='),
                _ => line_rest.contains(" in "),
            };
            if follows
                && (rest.starts_with('-')
                    || (!word.is_empty() && !is_item_word && !is_keyword(&word)))
            {
                let tail = up_to(rest, &[':', '{', '=', '\n'], 40);
                let joined = std::iter::once(name)
                    .chain(tail.split([' ', '-']))
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join("_");
                return Some(format!(
                    "a name is one word of letters, digits and `_`: `{keyword} {joined}`"
                ));
            }
            None
        }
        _ => None,
    }
}

/// The start of `rest` up to the first of `stops`, trimmed, at most `max` characters.
fn up_to(rest: &str, stops: &[char], max: usize) -> String {
    let end = rest.find(stops).unwrap_or(rest.len());
    rest.get(..end)
        .unwrap_or_default()
        .trim()
        .chars()
        .take(max)
        .collect()
}

/// Help for the lines of a `test` written in other ways: `after` behind the text, a time
/// without quotes, `escalate` without `to`, `by rule NAME`, `actions` without brackets,
/// `user` for `customer`.
fn test_help(place: &Place) -> Option<String> {
    let line = place.line_before.trim();
    let first = line.split_whitespace().next().unwrap_or_default();
    let rest = place.rest;
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let in_test = place.wanted.iter().any(|w| w.starts_with("a test line"))
        || [
            "at",
            "facts",
            "customer",
            "bot",
            "agent",
            "available",
            "waiting",
            "actions",
            "expect",
        ]
        .contains(&first);
    if !in_test {
        return None;
    }
    let sender = ["customer", "bot", "agent"].contains(&first);
    // The next word of `text`, after white space.
    let next_word =
        |text: &str| -> String { up_to(text.trim_start(), &[' ', '\t', '\n', '}', '#'], 40) };
    if sender && word == "after" {
        let text = line.get(first.len()..).unwrap_or_default().trim();
        let wait = next_word(rest.get(word.len()..).unwrap_or_default());
        let wait = if wait.is_empty() {
            "5s".to_string()
        } else {
            wait
        };
        Some(format!(
            "write `after` before the text: `{first} after {wait} {text}`"
        ))
    } else if first == "at"
        && place.prev == Some("at")
        && rest.starts_with(|c: char| c.is_ascii_digit())
    {
        Some(format!(
            "put the time in quotes: `at \"{}\"`",
            next_word(rest)
        ))
    } else if first == "expect" && line.ends_with("escalate") && !word.is_empty() {
        Some(format!(
            "write `to` before the team: `expect escalate to {word}`"
        ))
    } else if first == "expect" && place.prev == Some("by") && word == "rule" {
        let rule = next_word(rest.get(word.len()..).unwrap_or_default());
        let rule = if rule.is_empty() {
            "asks_for_human".to_string()
        } else {
            rule
        };
        Some(format!(
            "write the rule's name right after `by`: `by {rule}`"
        ))
    } else if first == "expect" && place.prev == Some("expect") && word.starts_with("escal") {
        // The rest of the line as written, after the misspelt word.
        let after = rest.get(word.len()..).unwrap_or_default();
        let tail = up_to(after, &['\n', '}', '#'], 60);
        let line = format!("expect escalate {tail}");
        Some(format!("write `escalate`: `{}`", line.trim_end()))
    } else if first == "expect" && place.prev == Some("expect") {
        Some("a test expects `stay`, or `escalate to TEAM` with what else it checks: `expect escalate to tier1 priority high`".into())
    } else if first == "actions" && rest.starts_with('"') {
        Some(
            "list the actions in brackets: `actions [\"looked up order\", \"sent tracking link\"]`"
                .into(),
        )
    } else if (first == "available" || first == "waiting") && rest.starts_with(':') {
        let count = next_word(rest.get(1..).unwrap_or_default());
        Some(format!("no `:` after the team: `{line} {count}`"))
    } else if [
        "user",
        "client",
        "human",
        "assistant",
        "system",
        "me",
        "operator",
    ]
    .contains(&word.to_lowercase().as_str())
    {
        Some("a message is written `customer \"...\"`, `bot \"...\"` or `agent \"...\"`".into())
    } else {
        None
    }
}

/// Help where a name was wanted: a phrase after `mentions`, a name in quotes, a `:` after
/// the keyword, a list that runs into the next line, `skill` for `skills` in a team.
fn name_help(place: &Place) -> Option<String> {
    let Place { rest, prev, .. } = *place;
    let wants_name = place.wanted.iter().any(|w| {
        w.starts_with("a name")
            || w.starts_with("a phrase set")
            || w.starts_with("opening hours")
            || w.starts_with("a team")
            || w.starts_with("a skill")
    });
    let in_team = place.line_before.trim_start().starts_with("team ");
    if place.in_mentions && rest.starts_with('"') {
        Some(
            "`mentions` takes the name of a `phrases` set, not a phrase: declare the set, as in \
             `phrases refunds = [\"refund\", \"money back\"]`, and write `mentions refunds`"
                .into(),
        )
    } else if wants_name && rest.starts_with('"') {
        let name = up_to(rest.get(1..).unwrap_or_default(), &['"', '\n'], 40);
        Some(match prev.filter(|p| is_keyword(p)) {
            Some(keyword) if !name.is_empty() => {
                let keyword = if keyword == "to" {
                    "escalate to"
                } else {
                    keyword
                };
                format!("names are written without quotes: `{keyword} {name}`")
            }
            _ => "names are written without quotes: `skills general`, `escalate to billing`".into(),
        })
    } else if rest.starts_with(':')
        && let Some(keyword) = prev.filter(|p| is_keyword(p))
    {
        let next: String = rest
            .get(1..)
            .unwrap_or_default()
            .trim_start()
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '}')
            .take(40)
            .collect();
        Some(if next.is_empty() {
            format!("no `:` after `{keyword}`: remove it")
        } else {
            format!("no `:` after `{keyword}`: write `{keyword} {next}`")
        })
    } else if rest.starts_with(',')
        && place.wanted.contains(&"`or`")
        && place.before.contains(" to ")
    {
        Some("write `or` between the teams to try in turn: `escalate to billing or tier1`".into())
    } else if prev == Some(",")
        && let Some(word) = reserved_word_at(rest)
    {
        Some(if in_team {
            format!("a team's lines are separated by `;`: `skills general; {word} ...`")
        } else {
            format!("the list ends before `{word}`: remove the `,` before it")
        })
    } else if in_team && place.wanted.contains(&"`skills`") && rest.starts_with("skill") {
        Some("a team lists what it handles after `skills`: `skills general, billing`".into())
    } else {
        None
    }
}

/// A word of the language, reserved or special where it appears (`skills`, `facts`).
fn is_keyword(word: &str) -> bool {
    RESERVED.contains(&word)
        || [
            "customer",
            "bot",
            "agent",
            "at",
            "after",
            "facts",
            "actions",
            "expect",
            "available",
            "waiting",
            "via",
            "by",
            "include",
            "closed",
            "fuzzy",
        ]
        .contains(&word)
}

/// Help for what people write out of habit from spreadsheets and programming languages
/// (`=`, `&&`, `'text'`), where the grammar wants Baton's own word or sign for it.
fn habit_help(place: &Place) -> Option<&'static str> {
    let Place {
        before,
        rest,
        wanted,
        ..
    } = *place;
    let wants = |prefix: &str| wanted.iter().any(|w| w.starts_with(prefix));
    let comparison = wants("a comparison");
    let joiner = wanted.contains(&"`and`") || wanted.contains(&"`or`");
    if comparison && (rest.starts_with("=<") || rest.starts_with("=>")) {
        Some("write the `=` last: `<=` (at most) or `>=` (at least)")
    } else if rest.starts_with("<>") || (before.ends_with('<') && rest.starts_with('>')) {
        Some("write `!=` (or `is not`) for \"is not equal to\"")
    } else if comparison && rest.starts_with('=') && !rest.starts_with("==") {
        Some("to compare, write `is` or `==`: `tier is vip`, `failed_attempts == 2`")
    } else if wanted.contains(&"`:`") && rest.starts_with('=') {
        Some(
            "write `:` after the name, not `=`: `fact tier: standard | vip`, `facts { tier: vip }`",
        )
    } else if joiner && rest.starts_with("&&") {
        Some("write `and` to require both conditions")
    } else if joiner && rest.starts_with("||") {
        Some("write `or` to accept either condition")
    } else if wants("a condition") && rest.starts_with('!') {
        Some("write `not` before a condition: `not escalate_button`, `tier is not vip`")
    } else if (wants("a text in quotes") || wants(VALUE))
        && (rest.starts_with('\'') || rest.starts_with('\u{2018}') || rest.starts_with('\u{201c}'))
    {
        Some("write texts between straight double quotes: `\"like this\"`")
    } else {
        None
    }
}

/// Help for the ways of writing days and times that people use elsewhere (`monday`,
/// `9am`, `mon to fri`, spans separated by commas), inside `hours { ... }`.
fn hours_help(place: &Place) -> Option<&'static str> {
    let Place {
        rest, prev, wanted, ..
    } = *place;
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let weekday_wanted = wanted.iter().any(|w| w.starts_with("a weekday"));
    let time_wanted = wanted.iter().any(|w| w.starts_with("a time"));
    let after_time = prev.is_some_and(|p| {
        p.len() >= 4 && p.contains(':') && p.chars().all(|c| c.is_ascii_digit() || c == ':')
    });
    if (weekday_wanted || wanted.contains(&"`-`"))
        && word.len() >= 3
        && DAYS
            .iter()
            .any(|d| d.starts_with(&word) || word.starts_with(d))
    {
        Some(
            "write weekdays as their first three letters, in lower case: `mon`, `tue`, `wed`, \
             `thu`, `fri`, `sat`, `sun`; a range is `mon-fri`",
        )
    } else if time_wanted && rest.starts_with(|c: char| c.is_ascii_digit()) {
        Some("write times on the 24-hour clock, hours then minutes: `09:00-17:00` for 9am to 5pm")
    } else if wanted.contains(&"`-`") && word == "to" {
        Some("write a range of days or times with `-`: `mon-fri`, `09:00-17:00`")
    } else if after_time && weekday_wanted && (rest.starts_with(',') || rest.starts_with(';')) {
        Some(
            "put each opening span on a line of its own: `mon-fri 09:00-17:00`, then \
             `sat 10:00-14:00` on the next line",
        )
    } else {
        None
    }
}

/// The kind of name that follows a keyword.
fn name_after(keyword: &str) -> Option<&'static str> {
    Some(match keyword {
        "priority" => "a priority (`low`, `normal`, `high` or `urgent`)",
        "to" => "a team or `skill NAME`",
        "skill" => "a skill",
        "mentions" => "a phrase set",
        "within" => "opening hours (a name, or `always`)",
        "by" => "a rule",
        "via" => "a handoff (`live`, `ticket`, `callback` or `queue`)",
        "offline" => "`ticket` or `callback`",
        "fact" | "phrases" | "hours" | "team" | "rule" => "a name for it",
        _ => return None,
    })
}

fn reserved_word_at(rest: &str) -> Option<&'static str> {
    RESERVED.iter().copied().find(|w| {
        rest.starts_with(w)
            && !rest[w.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// The grammar's `reserved` words (a test keeps the two lists equal).
const RESERVED: &[&str] = &[
    "policy",
    "fact",
    "phrases",
    "hours",
    "team",
    "rule",
    "test",
    "handoff",
    "offline",
    "when",
    "escalate",
    "stay",
    "say",
    "reason",
    "to",
    "or",
    "and",
    "not",
    "is",
    "in",
    "mentions",
    "within",
    "message",
    "conversation",
    "skill",
    "skills",
    "priority",
    "true",
    "false",
];

/// "a", "a or b", "a, b or c".
fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The token just before `at`, skipping white space and comments, for "after `when`".
fn previous_token(source: &str, at: usize) -> Option<String> {
    let mut end = at.min(source.len());
    loop {
        let before = source[..end].trim_end();
        if before.is_empty() {
            return None;
        }
        // If the line ends in a comment, look before the comment.
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = &before[line_start..];
        match comment_start(line) {
            Some(hash) => end = line_start + hash,
            None => {
                end = before.len();
                break;
            }
        }
    }
    let before = &source[..end];
    let last = before.chars().next_back()?;
    let token = if last.is_alphanumeric() || last == '_' || last == '%' {
        let start = before
            .char_indices()
            .rev()
            .find(|(_, c)| {
                !(c.is_alphanumeric() || *c == '_' || *c == '%' || *c == '.' || *c == ':')
            })
            .map_or(0, |(i, c)| i + c.len_utf8());
        &before[start..]
    } else if last == '"' {
        // A text: show it whole, from its opening quote.
        let body = &before[..before.len() - 1];
        let start = body.rfind('"').unwrap_or(0);
        &before[start..]
    } else {
        &before[before.len() - last.len_utf8()..]
    };
    // A very long token is shortened: the message must stay one line.
    if token.chars().count() > 40 {
        Some(format!("{}…", token.chars().take(40).collect::<String>()))
    } else {
        Some(token.to_string())
    }
}

/// Where a `#` comment starts in a line, outside quotes.
fn comment_start(line: &str) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '#' if !in_string => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use pest::Parser;

    use super::super::parser::BatonParser;
    use super::*;

    #[test]
    fn the_reserved_list_is_the_grammars() {
        for word in RESERVED {
            assert!(
                BatonParser::parse(Rule::ident, word).is_err(),
                "`{word}` is a name"
            );
        }
        let grammar = include_str!("../../grammar/baton.pest");
        let start = grammar.find("reserved = @{").unwrap();
        let body = &grammar[start..start + grammar[start..].find('}').unwrap()];
        assert_eq!(body.matches('"').count() / 2, RESERVED.len());
    }
}
