//! Helps for syntax errors: what people write out of habit from other tools, or half
//! finished, and how Baton writes it (`docs/diagnostics.md#syntax-error` lists them, with
//! their fixtures). Each function reads the place of the error and returns a help, or
//! nothing when its case is not the one at hand; [`help`] tries them in order.

use super::expected::{
    CONDITION, CURLY_QUOTES, FACT_TYPE, LINE_STARTS, RESERVED, TEST_LINE_WORDS, VALUE,
    reserved_word_at,
};
use super::parser::ITEM_KEYWORDS;

mod time;
pub(crate) use time::duration_written;
use time::{clock_span_help, date_help, duration_words_help, hours_help, hours_line_help};

/// The first help that fits `place`, if any.
pub(super) fn help(place: &Place) -> Option<String> {
    burst_help(place)
        .or_else(|| duration_words_help(place))
        .or_else(|| mentions_verb_help(place))
        .or_else(|| then_help(place))
        .or_else(|| rule_line_help(place))
        .or_else(|| team_braces_help(place))
        .or_else(|| between_help(place))
        .or_else(|| one_text_help(place))
        .or_else(|| paren_list_help(place))
        .or_else(|| within_word_help(place))
        .or_else(|| date_help(place))
        .or_else(|| joiner_typo_help(place))
        .or_else(|| keyword_typo_help(place))
        .or_else(|| number_word_help(place))
        .or_else(|| condition_help(place))
        .or_else(|| hours_line_help(place))
        .or_else(|| clock_span_help(place))
        .or_else(|| hours_help(place).map(str::to_string))
        .or_else(|| list_help(place))
        .or_else(|| item_name_help(place))
        .or_else(|| unfinished_help(place))
        .or_else(|| fact_help(place))
        .or_else(|| test_help(place))
        .or_else(|| phrases_help(place))
        .or_else(|| name_help(place))
        .or_else(|| equals_help(place))
        .or_else(|| habit_help(place).map(str::to_string))
}

/// Help for `burst` without its parentheses (`burst 30s >= 4`): the span in them.
fn burst_help(place: &Place) -> Option<String> {
    if place.prev != Some("burst") || !place.wanted.contains(&"`(`") {
        return None;
    }
    let span = place
        .rest
        .split(|c: char| c.is_whitespace() || c == ')')
        .next()
        .filter(|w| w.len() > 1 && w.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or("30s");
    Some(format!(
        "`burst` counts the customer's messages within a time span, written in parentheses: `burst({span})`"
    ))
}

/// Help for a text test written with another verb than `mentions` (`message contains
/// "refund"`, `conversation has refunds`): `mentions` and a phrase set, declared first
/// when a phrase was written in quotes.
fn mentions_verb_help(place: &Place) -> Option<String> {
    const VERBS: [&str; 11] = [
        "contains", "contain", "has", "includes", "include", "says", "say", "matches", "match",
        "mention", "like",
    ];
    if !VERBS.contains(&place.word.to_lowercase().as_str()) {
        return None;
    }
    let scope = place.prev?;
    let after = place.after_word().trim_start_matches([' ', '\t']);
    // A fact tested with a verb (`intent contains "refund"`): a fact's text is compared
    // whole, and the customer's words are looked for with `mentions`.
    let comparison = place.wants("a comparison");
    if comparison && !place.wanted.contains(&"`mentions`") {
        let quoted = after.strip_prefix('"').map(|q| up_to(q, &['"', '\n'], 40));
        let compare = match quoted.filter(|q| !q.is_empty()) {
            Some(text) => format!("`{scope} is \"{text}\"`"),
            None => format!("`{scope} is` and its value"),
        };
        return Some(format!(
            "a fact is compared whole: {compare}; to look for words in what the customer wrote, write `message mentions` and a phrase set"
        ));
    }
    if !place.wanted.contains(&"`mentions`") {
        return None;
    }
    if let Some(quoted) = after.strip_prefix('"') {
        let phrase = up_to(quoted, &['"', '\n'], 40);
        let name = name_of(&phrase.to_lowercase());
        if name.is_empty() {
            return None;
        }
        Some(format!(
            "a text test is written with `mentions` and a phrase set: declare `phrases {name} = [\"{phrase}\"]`, then write `{scope} mentions {name}`"
        ))
    } else {
        let set = next_word(after);
        Some(if set.is_empty() {
            format!("write `{scope} mentions` and the name of a phrase set")
        } else {
            format!("write `{scope} mentions {set}`")
        })
    }
}

/// The help of a rule without `when`: the word to replace when the condition starts
/// with another one (`if`, `whenever`, `where`), else where the condition goes. `rest` is
/// the text from where `when` was wanted.
pub(super) fn missing_when_help(rest: &str) -> String {
    const OTHER_WORDS: [&str; 7] = [
        "if",
        "whenever",
        "where",
        "while",
        "on",
        "condition",
        "case",
    ];
    let word = Place::word_at(rest);
    if !OTHER_WORDS.contains(&word.to_lowercase().as_str()) {
        return "start the rule with its condition, for example `when message mentions asks_for_human`"
            .into();
    }
    let after = rest.get(word.len()..).unwrap_or_default();
    let condition = up_to(after, &['\n', '#', '{'], 60);
    let condition = condition.trim_end_matches(':').trim_end();
    if condition.is_empty() {
        format!("write `when` instead of `{word}`")
    } else {
        format!("write `when` instead of `{word}`: `when {condition}`")
    }
}

/// Help for a rule's line written as other tools write it: `escalate billing` (no
/// `to`), `with priority high`, and the bot's message as `message "..."` or
/// `reply "..."` (Baton's `say`).
fn rule_line_help(place: &Place) -> Option<String> {
    let word = place.word.to_lowercase();
    let after = place.after_word().trim_start_matches([' ', '\t']);
    let line = place.line_before.trim();
    if place.wants("`to`") && place.prev == Some("escalate") && !word.is_empty() {
        let rest = up_to(place.rest, &['\n', '#', '}'], 60);
        Some(format!("write `to` before the team: `{line} to {rest}`"))
    } else if place.wants("`priority`") && word == "with" && after.starts_with("priority") {
        let priority = up_to(after, &['\n', '#', '}'], 40);
        Some(format!("remove `with`: `{line} {priority}`"))
    } else if place.wants("`priority`")
        && line.starts_with("escalate to ")
        && ["team", "queue", "department", "group", "agents", "desk"].contains(&word.as_str())
    {
        // `escalate to billing team`: the kind of thing said after its name.
        let tail = up_to(after, &['\n', '#', '}'], 60);
        let line = format!("{line} {tail}");
        Some(format!("name the team alone: `{}`", line.trim_end()))
    } else if place.wants("a rule line")
        && [
            "message", "reply", "respond", "response", "answer", "tell", "msg", "text",
        ]
        .contains(&word.as_str())
        && after.trim_start_matches([':', ' ', '\t']).starts_with('"')
    {
        let text = after.trim_start_matches([':', ' ', '\t']);
        let text = up_to(text, &['\n', '#'], 60);
        Some(format!(
            "what the bot tells the customer is written with `say`: `say {text}`"
        ))
    } else {
        None
    }
}

/// Help for a team's skills or hours written without braces (`team billing skills
/// billing`): the same line with them.
fn team_braces_help(place: &Place) -> Option<String> {
    let head = place.line_before.trim();
    let name = head.strip_prefix("team ")?.trim();
    if !place.wanted.contains(&"`{`")
        || !["skills", "skill", "hours"].contains(&place.word.as_str())
    {
        return None;
    }
    // Up to the line's end: a `;` between the team's lines stays inside the braces.
    let lines = up_to(place.rest, &['\n', '#', '}'], 80);
    Some(format!(
        "a team's skills and hours go between braces: `team {name} {{ {lines} }}`"
    ))
}

/// Help for a range written with `between` (`confidence between 50% and 80%`): two
/// comparisons joined by `and`, the ends included.
fn between_help(place: &Place) -> Option<String> {
    if place.word != "between" || !place.wants("a comparison") {
        return None;
    }
    // The fact or signal compared, as written before `between`.
    let value = place.prev?;
    let range = up_to(place.after_word(), &['\n', '#', '}'], 80);
    let words: Vec<&str> = range.split_whitespace().collect();
    let (low, high) = match words.as_slice() {
        [low, "and" | "-" | "to", high, ..] => (*low, *high),
        _ => ("LOW", "HIGH"),
    };
    Some(format!(
        "write the range as two comparisons: `{value} >= {low} and {value} <= {high}`"
    ))
}

/// Help for two texts after `say` or `reason` (`say "Hi" "there"`): a line takes one.
fn one_text_help(place: &Place) -> Option<String> {
    let line = place.line_before.trim_start();
    let keyword = ["say", "reason"]
        .into_iter()
        .find(|k| line.strip_prefix(k).is_some_and(|r| r.starts_with(' ')))?;
    if !place.rest.starts_with('"') || !place.prev.is_some_and(|p| p.starts_with('"')) {
        return None;
    }
    Some(format!(
        "`{keyword}` takes one text: put all of it between one pair of quotes"
    ))
}

/// Help for a list in parentheses or braces where Baton wants brackets (`tier in (vip,
/// gold)`, `actions {"..."}`): the same list in brackets.
fn paren_list_help(place: &Place) -> Option<String> {
    if !place.wanted.contains(&"`[`") {
        return None;
    }
    let close = match place.rest.chars().next()? {
        '(' => ')',
        '{' => '}',
        _ => return None,
    };
    let inside = up_to(place.rest.get(1..)?, &[close, '\n'], 60);
    let keyword = place.prev.unwrap_or_default();
    Some(format!(
        "a list is written in brackets: `{keyword} [{inside}]`"
    ))
}

/// Help for `outside HOURS`, `during HOURS` and the like: Baton's `within` (with `not`
/// for outside).
fn within_word_help(place: &Place) -> Option<String> {
    let prev = place.prev?.to_lowercase();
    let wants_more = place.wants("a comparison");
    if !wants_more || place.word.is_empty() {
        return None;
    }
    let hours = &place.word;
    match prev.as_str() {
        "outside" => Some(format!("write `not within {hours}`")),
        "inside" | "during" => Some(format!("write `within {hours}`")),
        _ => None,
    }
}

/// `text` as a name: its runs of letters and digits joined by `_` (`vip billing` is
/// `vip_billing`).
fn name_of(text: &str) -> String {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// Help for `then` (or `do`) between a rule's condition and its action, as other rule
/// languages write it: a rule's lines need none.
fn then_help(place: &Place) -> Option<String> {
    let word = place.word.to_lowercase();
    let wants_line = place.wants("a rule line");
    if !wants_line || !["then", "do"].contains(&word.as_str()) {
        return None;
    }
    let after = place.after_word().trim_start_matches([' ', '\t']);
    let action = up_to(after, &['\n', '#', '}'], 60);
    Some(if action.is_empty() {
        format!("a rule needs no `{word}`: remove it, and write the action on the next line")
    } else {
        format!("a rule needs no `{word}`: write `{action}` on its own line")
    })
}

/// Help for a keyword mistyped where the grammar wants one of a kind: an item's
/// (`rul`, `phrase`, `fatc`), a rule line's (`escalte`, `sya`, `resaon`) or a test
/// line's (`custmer`, `expcet`): "did you mean" the closest, within one edit (two for a
/// word of six letters or more).
fn keyword_typo_help(place: &Place) -> Option<String> {
    const RULE_LINES: &[&str] = &["escalate", "stay", "say", "reason", "offline"];
    let word = place.word.to_ascii_lowercase();
    if word.len() < 2 {
        return None;
    }
    let mut candidates: Vec<&str> = Vec::new();
    for wanted in place.wanted {
        if wanted.starts_with("an item") {
            candidates.extend(ITEM_KEYWORDS);
        } else if wanted.starts_with("a rule line") {
            candidates.extend(RULE_LINES);
        } else if wanted.starts_with("a test line") {
            candidates.extend(TEST_LINE_WORDS);
        }
    }
    let allowed = if word.len() >= 6 { 2 } else { 1 };
    candidates
        .into_iter()
        .filter(|k| **k != word)
        .map(|k| (strsim::damerau_levenshtein(&word, k), k))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| format!("did you mean `{k}`?"))
}

/// Help for `and` or `or` mistyped where a condition goes on (`adn`, `nad`, `orr`).
fn joiner_typo_help(place: &Place) -> Option<String> {
    if !place.wanted.contains(&"`and`") || place.word.is_empty() {
        return None;
    }
    let word = place.word.to_ascii_lowercase();
    ["and", "or"]
        .into_iter()
        .find(|joiner| word != *joiner && strsim::damerau_levenshtein(&word, joiner) <= 1)
        .map(|joiner| format!("did you mean `{joiner}`?"))
}

/// Help for a word after the number of a comparison (`turns > 3 messages`,
/// `repeats >= 2x`): a count is the number alone.
fn number_word_help(place: &Place) -> Option<String> {
    let prev = place.prev?;
    let is_number = !prev.is_empty() && prev.chars().all(|c| c.is_ascii_digit() || c == '.');
    // On the number's own line: a word on the next line starts a line of the rule.
    let same_line = place.before.trim_end_matches([' ', '\t']).ends_with(prev);
    if !same_line {
        return None;
    }
    let after_test = place.wanted.contains(&"`and`");
    let word = &place.word;
    if !is_number || !after_test || word.is_empty() || reserved_word_at(place.rest).is_some() {
        return None;
    }
    // The test as written without the word, when the line shows it whole.
    let tokens: Vec<&str> = place.line_before.split_whitespace().collect();
    let example = match tokens.as_slice() {
        [.., value, op, number]
            if *number == prev && ["<", "<=", ">", ">=", "==", "!=", "is"].contains(op) =>
        {
            format!(": `{value} {op} {number}`")
        }
        _ => String::new(),
    };
    Some(format!(
        "the number stands alone after the comparison: remove `{word}`{example}"
    ))
}

/// An `expect` line whose parts are out of order (`expect escalate to t by r priority
/// high`), written in the order the grammar reads them: `to`, `priority`, `via`, `by`.
/// `None` when a part is missing its word, appears twice, or something else is wrong.
fn expect_in_order(before: &str, rest: &str) -> Option<String> {
    const PARTS: [&str; 4] = ["to", "priority", "via", "by"];
    let line = format!("{before} {}", up_to(rest, &['\n', '}', '#'], 120));
    let mut tokens = line.split_whitespace();
    let head: Vec<&str> = tokens.by_ref().take(2).collect();
    if head != ["expect", "escalate"] {
        return None;
    }
    let mut parts: [Option<String>; 4] = Default::default();
    let mut current: Option<usize> = None;
    for token in tokens {
        if let Some(i) = PARTS.iter().position(|p| *p == token) {
            let part = parts.get_mut(i)?;
            if part.is_some() {
                return None;
            }
            *part = Some(String::new());
            current = Some(i);
            continue;
        }
        let slot = parts.get_mut(current?)?.as_mut()?;
        if !slot.is_empty() {
            slot.push(' ');
        }
        slot.push_str(token);
    }
    let mut written = String::from("expect escalate");
    for (name, value) in PARTS.iter().zip(&parts) {
        if let Some(value) = value {
            if value.is_empty() {
                return None;
            }
            written.push_str(&format!(" {name} {value}"));
        }
    }
    (written.split_whitespace().collect::<Vec<_>>() != line.split_whitespace().collect::<Vec<_>>())
        .then_some(written)
}

/// Where a syntax error was found, as the helps read it.
pub(super) struct Place<'a> {
    /// The text before the error, and its last line.
    pub(super) before: &'a str,
    pub(super) line_before: &'a str,
    /// The text from the error on.
    pub(super) rest: &'a str,
    /// The token just before the error.
    pub(super) prev: Option<&'a str>,
    /// What the grammar wanted, in words.
    pub(super) wanted: &'a [&'static str],
    /// Right after `mentions` or a `,` in its list of sets.
    pub(super) in_mentions: bool,
    /// The word of letters, digits and `_` the error is at (at most 40 characters), or
    /// nothing when it is at a sign.
    pub(super) word: String,
}

impl<'a> Place<'a> {
    /// The text after the word the error is at.
    pub(super) fn after_word(&self) -> &'a str {
        self.rest.get(self.word.len()..).unwrap_or_default()
    }

    /// Whether the grammar wanted something described as starting with `prefix` (`a
    /// rule line`, `a comparison`).
    pub(super) fn wants(&self, prefix: &str) -> bool {
        self.wanted.iter().any(|w| w.starts_with(prefix))
    }

    /// The word the error is at: letters, digits and `_`, at most 40 characters.
    pub(super) fn word_at(rest: &str) -> String {
        rest.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .take(40)
            .collect()
    }
}

/// Help for lists: the handoff's parts without `include` or braces, and words of a list
/// without `,` between them (`include summary entities`, `skills general billing`).
fn list_help(place: &Place) -> Option<String> {
    let Place { rest, word, .. } = place;
    let line = place.line_before.trim();
    if place.wanted.contains(&"`include`") && !word.is_empty() {
        Some(format!(
            "write `include` before the parts: `handoff {{ include {word}, ... }}`"
        ))
    } else if line == "handoff" && word == "include" {
        Some("put the parts between `{` and `}`: `handoff { include summary, entities }`".into())
    } else if place.wanted.contains(&"`,`")
        && !word.is_empty()
        && reserved_word_at(rest).is_none()
        && place
            .prev
            .is_some_and(|p| p.chars().all(|c| c.is_alphanumeric() || c == '_'))
    {
        // Whole items, not the tokens around the error: `2026-12-25, 2027-01-01`, not
        // `25, 2027`.
        let before = place
            .line_before
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default()
            .trim_start_matches(['[', '(']);
        let here = rest
            .split(|c: char| c.is_whitespace() || [',', ']', '}', ')'].contains(&c))
            .next()
            .unwrap_or(word);
        Some(format!(
            "separate the words of a list with `,`: `{before}, {here}`"
        ))
    } else {
        None
    }
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
    if place.wanted.contains(&FACT_TYPE) && rest.starts_with('%') {
        let head = line.trim_end();
        Some(format!("write the type as a word: `{head} percent`"))
    } else if let Some(paren) = (place.prev.is_some_and(|p| {
        ["enum", "choice", "choices", "oneof", "one_of"].contains(&p.to_lowercase().as_str())
    }) && line.starts_with("fact "))
    .then(|| rest.strip_prefix('('))
    .flatten()
    {
        let inside = up_to(paren, &[')', '\n'], 80);
        let listed: Vec<&str> = inside
            .split(',')
            .map(|c| c.trim().trim_matches(['"', '\'']))
            .filter(|c| !c.is_empty())
            .collect();
        let name = line
            .strip_prefix("fact ")
            .and_then(|l| l.split(':').next())
            .unwrap_or("tier")
            .trim();
        Some(if listed.len() >= 2 {
            format!(
                "list the choices with `|` between them: `fact {name}: {}`",
                listed.join(" | ")
            )
        } else {
            choices.into()
        })
    } else if bracketed || separated {
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
    // A phrase may start with a `*` (misplaced, but a phrase all the same).
    let at_phrase = !place.word.is_empty() || rest.starts_with('*');
    let phrases_line = place.line_before.trim_start().starts_with("phrases ");
    if phrases_line && wants("`[`") && rest.starts_with('"') {
        // The author's own line, in brackets, when it is short enough to show whole.
        let head = place.line_before.trim().trim_end_matches('=').trim_end();
        let list = rest_of_line(rest, 80);
        Some(if list.ends_with('"') && !list.contains('…') {
            format!("put the phrases in brackets: `{head} = [{list}]`")
        } else {
            "put the phrases in brackets: `phrases refunds = [\"refund\", \"money back\"]`".into()
        })
    } else if phrases_line && wants("`=`") && rest.starts_with([':', '[']) {
        Some("write `=` before the list: `phrases refunds = [\"refund\", \"money back\"]`".into())
    } else if wants("a text in quotes") && at_phrase && matches!(place.prev, Some("[" | ",")) {
        let phrase = up_to(rest, &[',', ']', '\n'], 40);
        Some(format!("write each one in double quotes: `\"{phrase}\"`"))
    } else if wants("a text in quotes")
        && at_phrase
        && let Some(keyword) = place.prev.filter(|p| is_keyword(p))
    {
        // `in America/New_York {`: the text stops before the brace that opens a block.
        let text = up_to(rest, &['\n', '{', '}', '#'], 60);
        let block = if rest
            .get(text.len()..)
            .is_some_and(|r| r.trim_start().starts_with('{'))
        {
            " {"
        } else {
            ""
        };
        Some(format!(
            "put the text in double quotes: `{keyword} \"{text}\"{block}`"
        ))
    } else if wants("`,`") && wants("`]`") && rest.starts_with('"') {
        Some("separate the phrases with `,`: `[\"refund\", \"money back\"]`".into())
    } else if place.word == "fuzzy" && place.prev == Some("]") {
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
        "ticket" | "callback" => format!(
            "the line stops after `{prev}`: write what the customer is told, in quotes, as in \
             `offline {prev} \"We're closed; we'll get back to you within a day.\"`"
        ),
        "say" | "reason" => format!(
            "the line stops after `{prev}`: write its text in quotes, as in `{prev} \"One moment, please.\"`"
        ),
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
    let Place { rest, word, .. } = place;
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
                    || (!word.is_empty() && !is_item_word && !is_keyword(word)))
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

/// The rest of the line `text` starts, up to its comment (a `#` outside quotes), a `;`
/// or a `}` that closes what the line is in, without the white space around it; at most `max` characters, `…` marking a cut.
fn rest_of_line(text: &str, max: usize) -> String {
    let mut quoted = false;
    let mut depth = 0usize;
    let mut end = text.len();
    for (at, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '{' if !quoted => depth += 1,
            '}' if !quoted && depth > 0 => depth -= 1,
            // The end of the item or of a team's line.
            '#' | '}' | ';' if !quoted => {
                end = at;
                break;
            }
            '\n' | '\r' => {
                end = at;
                break;
            }
            _ => {}
        }
    }
    let line = text.get(..end).unwrap_or_default().trim();
    if line.chars().count() > max {
        let cut: String = line.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    } else {
        line.to_string()
    }
}

/// The next word of `text`, after white space: up to white space, `}` or a comment, at
/// most 40 characters.
fn next_word(text: &str) -> String {
    up_to(text.trim_start(), &[' ', '\t', '\r', '\n', '}', '#'], 40)
}

/// Help for the lines of a `test` written in other ways: `after` behind the text, a time
/// without quotes, `escalate` without `to`, `by rule NAME`, `actions` without brackets,
/// `user` for `customer`.
fn test_help(place: &Place) -> Option<String> {
    let line = place.line_before.trim();
    let first = line.split_whitespace().next().unwrap_or_default();
    let Place { rest, word, .. } = place;
    let in_test = place.wanted.iter().any(|w| w.starts_with("a test line"))
        || TEST_LINE_WORDS.contains(&first);
    if !in_test {
        return None;
    }
    let sender = ["customer", "bot", "agent"].contains(&first);
    // The next word of `text`, or `default` when there is none.
    let next_word = |text: &str, default: &str| -> String {
        Some(next_word(text))
            .filter(|w| !w.is_empty())
            .unwrap_or_else(|| default.to_string())
    };
    // What follows the word at the error.
    let after_word = rest.get(word.len()..).unwrap_or_default();
    if sender && word == "after" {
        let text = line.get(first.len()..).unwrap_or_default().trim();
        let wait = next_word(after_word, "5s");
        Some(format!(
            "write `after` before the text: `{first} after {wait} {text}`"
        ))
    } else if place.wanted.iter().any(|w| w.starts_with("a test line"))
        && !word.is_empty()
        && !TEST_LINE_WORDS.contains(&word.as_str())
        && after_word.trim_start_matches([' ', '\t']).starts_with(':')
    {
        // `tier: vip` on a line of its own: a fact, outside the `facts { }` it goes in.
        let fact = up_to(rest, &['\n', '}', '#'], 60);
        Some(format!(
            "a test's facts go inside `facts {{ }}`: `facts {{ {fact} }}`"
        ))
    } else if first == "at"
        && place.prev == Some("at")
        && rest.starts_with(|c: char| c.is_ascii_digit())
    {
        Some(format!(
            "put the time in quotes: `at \"{}\"`",
            next_word(rest, "2026-11-24T10:00:00-05:00")
        ))
    } else if first == "expect" && line.ends_with("escalate") && !word.is_empty() {
        Some(format!(
            "write `to` before the team: `expect escalate to {word}`"
        ))
    } else if first == "expect" && place.prev == Some("by") && word == "rule" {
        let rule = next_word(after_word, "asks_for_human");
        Some(format!(
            "write the rule's name right after `by`: `by {rule}`"
        ))
    } else if first == "expect" && place.prev == Some("expect") && word.starts_with("escal") {
        // The rest of the line as written, after the misspelt word.
        let tail = up_to(after_word, &['\n', '}', '#'], 60);
        let line = format!("expect escalate {tail}");
        Some(format!("write `escalate`: `{}`", line.trim_end()))
    } else if first == "expect" && place.prev == Some("expect") && word.starts_with("stay") {
        let tail = up_to(after_word, &['\n', '}', '#'], 60);
        let line = format!("expect stay {tail}");
        Some(format!("write `stay`: `{}`", line.trim_end()))
    } else if first == "expect" && place.prev == Some("expect") && rest.starts_with(':') {
        let tail = up_to(rest.get(1..).unwrap_or_default(), &['\n', '}', '#'], 60);
        Some(format!("no `:` after `expect`: write `expect {tail}`"))
    } else if first == "expect"
        && place.prev == Some("expect")
        && ["team", "to"].contains(&word.as_str())
    {
        let team = next_word(after_word, "tier1");
        Some(format!(
            "a test expects `escalate`, with its team after `to`: `expect escalate to {team}`"
        ))
    } else if first == "expect"
        && place.prev == Some("expect")
        && ["outcome", "decision", "result"].contains(&word.as_str())
    {
        let tail = up_to(
            after_word.trim_start_matches([' ', '\t', ':', '=']),
            &['\n', '}', '#'],
            60,
        );
        Some(format!(
            "write what is expected right after `expect`: `expect {tail}`"
        ))
    } else if first == "expect"
        && place.wanted.contains(&"`by`")
        && ["because", "rule", "from", "via_rule"].contains(&word.as_str())
    {
        let rule = next_word(after_word, "asks_for_human");
        let before = line.trim_end();
        Some(format!(
            "the deciding rule is written after `by`: `{before} by {rule}`"
        ))
    } else if let Some(line) = (first == "expect")
        .then(|| expect_in_order(line, rest))
        .flatten()
    {
        Some(format!("the parts of `expect` go in this order: `{line}`"))
    } else if first == "expect" && place.prev == Some("expect") {
        Some("a test expects `stay`, or `escalate to TEAM` with what else it checks: `expect escalate to tier1 priority high`".into())
    } else if first == "actions" && rest.starts_with('"') {
        Some(
            "list the actions in brackets: `actions [\"looked up order\", \"sent tracking link\"]`"
                .into(),
        )
    } else if (first == "available" || first == "waiting") && rest.starts_with(':') {
        let count = next_word(rest.get(1..).unwrap_or_default(), "2");
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
                let plain = name_of(&name);
                if plain == name {
                    format!("names are written without quotes: `{keyword} {name}`")
                } else {
                    format!(
                        "names are written without quotes, with `_` between words: `{keyword} {plain}`"
                    )
                }
            }
            _ => "names are written without quotes: `skills general`, `escalate to billing`".into(),
        })
    } else if rest.starts_with(':')
        && let Some(keyword) = prev.filter(|p| is_keyword(p))
    {
        let next = rest_of_line(rest.get(1..).unwrap_or_default(), 60);
        Some(if next.is_empty() {
            format!("no `:` after `{keyword}`: remove it")
        } else {
            format!("no `:` after `{keyword}`: write `{keyword} {next}`")
        })
    } else if rest.starts_with(',')
        && place.wanted.contains(&"`or`")
        && place.before.contains(" to ")
    {
        // The author's own teams, with `or` for each `,`.
        let line = format!("{}{}", place.line_before.trim(), rest_of_line(rest, 80));
        let targets = line
            .split_once(" to ")
            .map(|(_, targets)| {
                targets
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(" or ")
            })
            .filter(|t| !t.contains('…'))
            .unwrap_or_else(|| "billing or tier1".into());
        Some(format!(
            "write `or` between the teams to try in turn: `escalate to {targets}`"
        ))
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

/// Help for `tier = gold`, as spreadsheets write it: the same condition as Baton writes it
/// (`tier is gold`, `failed_attempts == 2`). `None` unless a name stands before the `=`
/// and a value after it; [`habit_help`] then gives the general form.
fn equals_help(place: &Place) -> Option<String> {
    if !place.wants("a comparison") || !place.rest.starts_with('=') || place.rest.starts_with("==")
    {
        return None;
    }
    let name = place.prev?;
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let after = place.rest.get(1..)?.trim_start_matches([' ', '\t']);
    let value: &str = if let Some(text) = after.strip_prefix('"') {
        let end = text.find('"')?;
        after.get(..end + 2)?
    } else {
        let end = after
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '%' | '-')))
            .unwrap_or(after.len());
        after.get(..end)?
    };
    if value.is_empty() || value.chars().count() > 40 {
        return None;
    }
    let numeric = value.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.');
    let sign = if numeric { "==" } else { "is" };
    Some(format!(
        "to compare, write `is` or `==` instead of `=`: `{name} {sign} {value}`"
    ))
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
    } else if rest.starts_with("//") || rest.starts_with("/*") {
        Some("comments start with `#` and run to the end of the line: `# a comment`")
    } else if rest.starts_with(';') && !wanted.contains(&"`;`") {
        Some("a line ends without `;`: remove it (only a team's lines are separated by `;`)")
    } else if (wants("a text in quotes") || wants(VALUE))
        && (rest.starts_with('\'') || rest.starts_with(CURLY_QUOTES))
    {
        Some("write texts between straight double quotes: `\"like this\"`")
    } else {
        None
    }
}

/// The line of the error as written, from its first word to a comment or a `}`, at most
/// `max` characters after the error.
fn line_of(place: &Place, max: usize) -> String {
    format!(
        "{}{}",
        place.line_before.trim_start(),
        up_to(place.rest, &['\n', '}', '#'], max)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rest_of_a_line_keeps_quotes_and_braces_whole() {
        for (text, rest) in [
            (
                " \"Where is order #4829?\" # a comment\n  expect stay",
                "\"Where is order #4829?\"",
            ),
            (" { tier: vip }\n", "{ tier: vip }"),
            (" general }", "general"),
            (" general; hours office }", "general"),
            ("\n", ""),
        ] {
            assert_eq!(rest_of_line(text, 60), rest, "{text:?}");
        }
        assert_eq!(rest_of_line(" abcdef", 3), "abc…");
    }

    #[test]
    fn an_expect_line_is_put_in_order_only_when_that_mends_it() {
        assert_eq!(
            expect_in_order("expect escalate to t by r", "priority high").as_deref(),
            Some("expect escalate to t priority high by r")
        );
        // Already in order, a part without its word, a part twice: nothing to say.
        assert_eq!(
            expect_in_order("expect escalate to t", "priority high"),
            None
        );
        assert_eq!(expect_in_order("expect escalate by", "to t"), None);
        assert_eq!(expect_in_order("expect escalate to t to", "u"), None);
    }
}
