//! Turns pest's "expected one of these rules" into a sentence a support lead can act on:
//! "expected a condition after `when`", "a rule needs `when`".

use pest::error::{Error, ErrorVariant};

use super::error::ParseError;
use super::helps::{self, Place};
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

pub(super) const CONDITION: &str = "a condition";

/// The reserved words that start an item or a line of one.
pub(super) const LINE_STARTS: &[&str] = &[
    "policy", "fact", "phrases", "hours", "team", "rule", "test", "handoff", "offline", "when",
    "escalate", "stay", "say", "reason",
];

pub(super) const FACT_TYPE: &str =
    "a type (`number`, `percent`, `bool`, `text`, `duration`, or choices such as `standard | vip`)";

pub(super) const VALUE: &str = "a value (a number, a percent such as `60%`, a duration such as `30s`, a text in quotes, `true`, `false` or a word)";

/// Describes a pest error for the item that starts at `base` in `source`.
pub fn describe(source: &str, base: usize, error: &Error<Rule>) -> ParseError {
    let at = base + error_pos(error);
    let mut positives: Vec<Rule> = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let rest = &source[at.min(source.len())..];
    // At the end of the file there is no character to underline, and miette draws no
    // label past the last line: the label goes just after the last token instead, or on
    // its last character when nothing follows it, not even a line end.
    let here = match previous_token_end(source, at) {
        Some(end) if rest.is_empty() => match source[..end].chars().next_back() {
            Some(last) if end == source.len() => (end - last.len_utf8(), last.len_utf8()),
            _ => (end, 0),
        },
        _ => (at, word_len(source, at)),
    };

    if rest.starts_with('"') && !rest[1..].lines().next().unwrap_or("").contains('"') {
        return ParseError::UnclosedString {
            span: (at, rest.lines().next().map_or(1, str::len)).into(),
        };
    }
    if let Some(error) = accented_name(source, at, &positives) {
        return error;
    }
    if let Some(error) = look_alike(rest, at) {
        return error;
    }
    if let Some(error) = capitalised_word(source, at) {
        return error;
    }
    // `fact intent: text = “unknown”`: the parser takes the line as ending before `=`,
    // since what follows `=` is no value; the curly quote is what to mend.
    if let Some(after) = rest.strip_prefix('=') {
        let quote = after.trim_start_matches([' ', '\t']);
        if let Some(c) = quote.chars().next().filter(|c| CURLY_QUOTES.contains(c)) {
            let at = at + (rest.len() - quote.len());
            return ParseError::Syntax {
                message: "expected a value after `=`".into(),
                span: (at, c.len_utf8()).into(),
                label: format!("found `{c}`, a curly quote"),
                help: Some("write texts between straight double quotes: `\"like this\"`".into()),
            };
        }
    }
    if positives.contains(&Rule::kw_when) || positives.contains(&Rule::when_line) {
        return ParseError::MissingWhen {
            span: here.into(),
            help: super::helps::missing_when_help(rest),
        };
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
        // `rule small_refund: stay {`: the action written where the kind goes.
        let head = line_before.trim();
        let rule_name = head
            .strip_prefix("rule ")
            .and_then(|h| h.strip_suffix(':'))
            .map(str::trim);
        if let Some(name) = rule_name.filter(|_| ["stay", "escalate"].contains(&word)) {
            let help = if word == "stay" {
                format!(
                    "a rule that stays has no kind: write `rule {name} {{`, and `stay` inside it, after its `when` line"
                )
            } else {
                "the kind says why the rule escalates: `explicit`, `signal`, `limit` or `context`; `escalate to TEAM` goes inside the rule, after its `when` line".into()
            };
            return ParseError::Syntax {
                message: format!("`{word}` is not a rule kind"),
                span: here.into(),
                label: "expected `explicit`, `signal`, `limit` or `context`".into(),
                help: Some(help),
            };
        }
        return ParseError::ReservedWord {
            help: Some(format!(
                "`{word}` is part of the language; choose another name, such as `{word}_1` or a word that says what it is"
            )),
            word: word.to_string(),
            span: here.into(),
        };
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
    // `hours NAME` is followed by its time zone; `in` there is not a comparison.
    if positives.contains(&Rule::kw_in) && line_before.trim_start().starts_with("hours ") {
        let name = line_before.split_whitespace().nth(1).unwrap_or("support");
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
    // After a value, `not` can only begin `not in [...]`: it is part of the comparison,
    // not the start of a new condition, which is what `not` alone would be listed as.
    // And `(` there only opens a signal's argument (`burst(30s)`), which a name that
    // is not `burst` does not take.
    if positives.contains(&Rule::kw_in) {
        positives.retain(|r| {
            *r != Rule::kw_not && (*r != Rule::lparen || prev.as_deref() == Some("burst"))
        });
    }
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
    let what = crate::diagnostic::joined(&wanted, "or");
    let after = prev
        .as_deref()
        .map(|t| format!(" after `{t}`"))
        .unwrap_or_default();

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
        prev: prev.as_deref(),
        wanted: &wanted,
        in_mentions,
        word: Place::word_at(rest),
    };
    let help = if starts_new_item && wanted.contains(&"`}`") {
        Some("the item above is missing its closing `}`".to_string())
    } else if rest.is_empty() && wanted.contains(&"`}`") {
        left_open(source, base)
    } else if rest.starts_with('}') && wanted.iter().any(|w| w.starts_with("an item")) {
        Some(
            "this `}` closes nothing (every `{` above it is closed already): remove it".to_string(),
        )
    } else {
        helps::help(&place)
    };
    ParseError::Syntax {
        message,
        span: here.into(),
        label,
        help,
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

pub(super) fn reserved_word_at(rest: &str) -> Option<&'static str> {
    RESERVED.iter().copied().find(|w| {
        rest.starts_with(w)
            && !rest[w.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// The words a line of a `test` starts with. Like [`PLACE_WORDS`], they are not reserved.
pub(super) const TEST_LINE_WORDS: &[&str] = &[
    "at",
    "facts",
    "customer",
    "bot",
    "agent",
    "available",
    "waiting",
    "actions",
    "expect",
];

/// Other words of the language that are not reserved but that the grammar reads only in
/// lower case where they appear.
const PLACE_WORDS: &[&str] = &["include", "after", "via", "by", "closed", "fuzzy"];

/// A word of the language written with capitals (`Rule`, `When`, `ESCALATE`), at the
/// error or just before it (`when Message mentions billing` stops at `mentions`): an
/// editor that capitalises the first word of a line does this. `None` otherwise.
fn capitalised_word(source: &str, at: usize) -> Option<ParseError> {
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let word_at = |start: usize, words: &[&[&str]]| {
        let rest = source.get(start..)?;
        let len = rest.find(|c| !is_name_char(c)).unwrap_or(rest.len());
        let word = rest.get(..len)?;
        let lower = word.to_ascii_lowercase();
        let known = words.iter().any(|list| list.contains(&lower.as_str()));
        (known && word != lower).then_some((start, word, lower))
    };
    let before = source.get(..at)?.trim_end();
    let previous = before
        .char_indices()
        .rev()
        .find(|(_, c)| !is_name_char(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (start, word, lower) =
        word_at(at, &[RESERVED, TEST_LINE_WORDS, PLACE_WORDS]).or_else(|| {
            // A reserved word just before the error, read as a name because of its capital.
            (previous < before.len())
                .then(|| word_at(previous, &[RESERVED]))
                .flatten()
        })?;
    Some(ParseError::Syntax {
        message: format!("`{word}` is written in lower case: `{lower}`"),
        span: (start, word.len()).into(),
        label: "Baton's words are lower case".into(),
        help: Some(format!(
            "write `{lower}`; if your editor capitalises the first word of a line, turn that off for `.baton` files"
        )),
    })
}

/// The grammar's `reserved` words (a test keeps the two lists equal).
pub(super) const RESERVED: &[&str] = &[
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

/// The token just before `at`, skipping white space and comments, for "after `when`".
fn previous_token(source: &str, at: usize) -> Option<String> {
    let end = previous_token_end(source, at)?;
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

/// Says which item the file ends inside, when its braces are not all closed: the item
/// that starts at `base`, by its first line.
fn left_open(source: &str, base: usize) -> Option<String> {
    let item = source.get(base..)?;
    let mut open = 0usize;
    for line in item.lines() {
        for (_, c) in outside_strings(line).take_while(|&(_, c)| c != '#') {
            match c {
                '{' => open += 1,
                '}' => open = open.saturating_sub(1),
                _ => {}
            }
        }
    }
    let head = item.lines().next()?.trim().trim_end_matches('{').trim_end();
    let line = source[..base].matches('\n').count() + 1;
    Some(match open {
        0 => return None,
        1 => format!(
            "the file ends inside `{head}` (line {line}): end it with `}}` on a line of its own"
        ),
        n => format!(
            "the file ends inside `{head}` (line {line}), with {n} `{{` not closed: close each with `}}`"
        ),
    })
}

/// Where the last token before `at` ends, past white space and comments.
fn previous_token_end(source: &str, at: usize) -> Option<usize> {
    let mut end = at.min(source.len());
    loop {
        let before = source.get(..end)?.trim_end();
        if before.is_empty() {
            return None;
        }
        // If the line ends in a comment, look before the comment.
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = &before[line_start..];
        match comment_start(line) {
            Some(hash) => end = line_start + hash,
            None => return Some(before.len()),
        }
    }
}

/// Where a `#` comment starts in a line, outside quotes.
fn comment_start(line: &str) -> Option<usize> {
    outside_strings(line)
        .find(|&(_, c)| c == '#')
        .map(|(i, _)| i)
}

/// The characters of a line outside its texts in quotes, with where each is; a quote
/// itself, and a `\"` inside a text, are not among them.
fn outside_strings(line: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let (mut in_string, mut escaped) = (false, false);
    line.char_indices().filter(move |&(_, c)| {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            _ => return !in_string,
        }
        false
    })
}

/// The quotes that word processors and chat apps put in place of `"` and `'`.
pub(crate) const CURLY_QUOTES: [char; 4] = ['\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}'];

/// What a character that looks like one Baton reads, or like nothing, is instead.
#[derive(Clone, Copy)]
enum LookAlike {
    /// A space that is not the plain one.
    Space,
    /// A character with no width: nothing shows where it is.
    Invisible,
    /// A line break that is not a new line.
    LineBreak,
    /// A sign that stands for the one given (`–` for `-`, `≥` for `>=`).
    Sign(&'static str),
}

/// Characters that text copied from a document, a web page or a chat brings into a
/// policy, where they read as the plain ones but are not: each with its name.
const LOOK_ALIKES: &[(char, &str, LookAlike)] = &[
    ('\u{00A0}', "a no-break space", LookAlike::Space),
    ('\u{2002}', "an en space", LookAlike::Space),
    ('\u{2003}', "an em space", LookAlike::Space),
    ('\u{2007}', "a figure space", LookAlike::Space),
    ('\u{2009}', "a thin space", LookAlike::Space),
    ('\u{200A}', "a hair space", LookAlike::Space),
    ('\u{202F}', "a narrow no-break space", LookAlike::Space),
    ('\u{3000}', "an ideographic space", LookAlike::Space),
    ('\u{200B}', "a zero-width space", LookAlike::Invisible),
    ('\u{200C}', "a zero-width non-joiner", LookAlike::Invisible),
    ('\u{200D}', "a zero-width joiner", LookAlike::Invisible),
    ('\u{2060}', "a word joiner", LookAlike::Invisible),
    (
        '\u{FEFF}',
        "a zero-width no-break space (a byte order mark)",
        LookAlike::Invisible,
    ),
    ('\u{00AD}', "a soft hyphen", LookAlike::Invisible),
    ('\u{200E}', "a left-to-right mark", LookAlike::Invisible),
    ('\u{200F}', "a right-to-left mark", LookAlike::Invisible),
    ('\u{202A}', "a text direction control", LookAlike::Invisible),
    ('\u{202B}', "a text direction control", LookAlike::Invisible),
    ('\u{202C}', "a text direction control", LookAlike::Invisible),
    ('\u{202D}', "a text direction control", LookAlike::Invisible),
    ('\u{202E}', "a text direction control", LookAlike::Invisible),
    ('\u{2066}', "a text direction control", LookAlike::Invisible),
    ('\u{2067}', "a text direction control", LookAlike::Invisible),
    ('\u{2068}', "a text direction control", LookAlike::Invisible),
    ('\u{2069}', "a text direction control", LookAlike::Invisible),
    ('\u{2028}', "a line separator", LookAlike::LineBreak),
    ('\u{2029}', "a paragraph separator", LookAlike::LineBreak),
    ('\u{2010}', "a hyphen", LookAlike::Sign("-")),
    ('\u{2011}', "a non-breaking hyphen", LookAlike::Sign("-")),
    ('\u{2012}', "a figure dash", LookAlike::Sign("-")),
    ('\u{2013}', "an en dash", LookAlike::Sign("-")),
    ('\u{2014}', "an em dash", LookAlike::Sign("-")),
    ('\u{2212}', "a minus sign", LookAlike::Sign("-")),
    (
        '\u{2264}',
        "a less-than-or-equal sign",
        LookAlike::Sign("<="),
    ),
    (
        '\u{2265}',
        "a greater-than-or-equal sign",
        LookAlike::Sign(">="),
    ),
    ('\u{2260}', "a not-equal sign", LookAlike::Sign("!=")),
    ('\u{FF1A}', "a full-width colon", LookAlike::Sign(":")),
    (
        '\u{FF05}',
        "a full-width percent sign",
        LookAlike::Sign("%"),
    ),
];

/// The error for a character at `at` that looks like a space, like nothing, or like a
/// sign Baton reads, but is another character: what it is, by name and code point, and
/// what to write. Rust's compiler does the same for its look-alikes; without it the
/// message says "found ` `" about a character no one can see.
fn look_alike(rest: &str, at: usize) -> Option<ParseError> {
    let c = rest.chars().next()?;
    let (_, name, kind) = LOOK_ALIKES.iter().find(|(l, _, _)| *l == c)?;
    let code = format!("U+{:04X}", u32::from(c));
    const COPIED: &str = "text copied from a document, a web page or a chat often brings these";
    let (message, help) = match kind {
        LookAlike::Space => (
            format!("this space is {name} ({code}), not a plain space"),
            format!("replace it with a plain space; {COPIED}"),
        ),
        LookAlike::Invisible => (
            format!("an invisible character is here: {name} ({code})"),
            format!(
                "delete it (move across it with the arrow keys: the cursor stops once more than it seems to); {COPIED}"
            ),
        ),
        LookAlike::LineBreak => (
            format!("this line break is {name} ({code}), not a new line"),
            format!("replace it with a plain new line (Enter); {COPIED}"),
        ),
        LookAlike::Sign(plain) => (
            format!("`{c}` is {name} ({code}), not `{plain}`"),
            format!("write `{plain}` as typed on the keyboard; {COPIED}"),
        ),
    };
    Some(ParseError::Syntax {
        message,
        span: (at, c.len_utf8()).into(),
        label: format!("{name} ({code})"),
        help: Some(help),
    })
}

/// The rules that start with a name: where the parser wants one of them, a word with an
/// accent is a name written with it. (`word` is an enumeration's value, as in `tier is
/// gold`; `target`, the team of `escalate to`.)
const NAME_STARTS: &[Rule] = &[Rule::ident, Rule::word, Rule::target, Rule::fact_value];

/// A name written with a letter beyond a to z (`café`, `équipe`, `gölD`): names are
/// ASCII (design section 2), which a support lead writing in French or German meets
/// first as a puzzling "expected `:` after `caf`". The error names the whole word and,
/// when its letters have plain forms, the word to write instead. `None` when the text
/// at `at` is not such a letter, or not where a name is wanted or going on.
fn accented_name(source: &str, at: usize, positives: &[Rule]) -> Option<ParseError> {
    let rest = source.get(at..)?;
    let letter = rest.chars().next()?;
    if letter.is_ascii() || !letter.is_alphanumeric() {
        return None;
    }
    let is_name_char = |c: char| c.is_alphanumeric() || c == '_';
    let before = source.get(..at)?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || *c == '_')
        .last()
        .map_or(at, |(i, _)| i);
    // Where a name goes, or inside one the parser read as far as its last plain letter.
    if start == at && !positives.iter().any(|rule| NAME_STARTS.contains(rule)) {
        return None;
    }
    let end = rest
        .char_indices()
        .find(|(_, c)| !is_name_char(*c))
        .map_or(source.len(), |(i, _)| at + i);
    let word = source.get(start..end)?;
    let plain = plain_letters(word);
    let help = match &plain {
        Some(plain) => format!(
            "write the name without accents, such as `{plain}`; texts in quotes (`say`, `reason`, phrases) may use any letter"
        ),
        None => "write the name with the letters a to z, digits and `_`, such as `name_1`; texts in quotes (`say`, `reason`, phrases) may use any letter".to_string(),
    };
    Some(ParseError::Syntax {
        message: format!("`{word}` is not a name: a name uses the letters a to z, digits and `_`"),
        span: (at, letter.len_utf8()).into(),
        label: format!("`{letter}` is not one of them"),
        help: Some(help),
    })
}

/// Letters with accents and the ligatures of European languages, each with its plain
/// form (lower case; an upper-case letter is looked up as its lower case).
const PLAIN_FORMS: &[(&str, &str)] = &[
    ("àáâãäåāăą", "a"),
    ("çćĉċč", "c"),
    ("ďđð", "d"),
    ("èéêëēĕėęě", "e"),
    ("ĝğġģ", "g"),
    ("ĥħ", "h"),
    ("ìíîïĩīĭįı", "i"),
    ("ĵ", "j"),
    ("ķ", "k"),
    ("ĺļľŀł", "l"),
    ("ñńņň", "n"),
    ("òóôõöøōŏő", "o"),
    ("ŕŗř", "r"),
    ("śŝşšș", "s"),
    ("ţťŧț", "t"),
    ("ùúûüũūŭůűų", "u"),
    ("ŵ", "w"),
    ("ýÿŷ", "y"),
    ("źżž", "z"),
    ("ß", "ss"),
    ("æ", "ae"),
    ("œ", "oe"),
    ("þ", "th"),
];

/// `word` in the letters a to z, or `None` when one of its letters has no plain form
/// here (a name in Cyrillic or Greek has no single obvious spelling).
fn plain_letters(word: &str) -> Option<String> {
    let mut plain = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            plain.push(c);
            continue;
        }
        let lower = c.to_lowercase().next()?;
        let (_, form) = PLAIN_FORMS.iter().find(|(from, _)| from.contains(lower))?;
        if c.is_uppercase() {
            plain.push_str(&form.to_uppercase());
        } else {
            plain.push_str(form);
        }
    }
    Some(plain)
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

    #[test]
    fn names_with_accents_have_a_plain_spelling() {
        assert_eq!(plain_letters("catégorie").as_deref(), Some("categorie"));
        assert_eq!(plain_letters("Straße").as_deref(), Some("Strasse"));
        assert_eq!(plain_letters("ŁÓDŹ_2").as_deref(), Some("LODZ_2"));
        assert_eq!(plain_letters("cœur").as_deref(), Some("coeur"));
        // No single obvious spelling: no suggestion.
        assert_eq!(plain_letters("αβγ"), None);
        assert_eq!(plain_letters("équipe_δ"), None);
    }

    #[test]
    fn each_look_alike_is_listed_once_and_is_not_what_it_looks_like() {
        for (i, (c, name, _)) in LOOK_ALIKES.iter().enumerate() {
            assert!(!c.is_ascii(), "{name}");
            assert!(
                LOOK_ALIKES[i + 1..].iter().all(|(d, _, _)| d != c),
                "{name} is listed twice"
            );
        }
    }
}
