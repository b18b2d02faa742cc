//! The pest parser and the conversion of its pairs into the owned AST. This is the only
//! file in Baton that sees pest types.

use pest::Parser;
use pest::iterators::Pair;

use super::ast::*;
use super::error::ParseError;
use super::expected;
use crate::limits::{MAX_NESTING, MAX_POLICY_BYTES, MAX_SYNTAX_ERRORS};

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/baton.pest"]
pub(crate) struct BatonParser;

/// Reads a whole policy. Every item is read even after a mistake in an earlier one, so all
/// the syntax errors of a file are reported at once.
pub fn parse(source: &str) -> Result<PolicyFile, Vec<ParseError>> {
    if source.len() > MAX_POLICY_BYTES {
        return Err(vec![ParseError::TooLarge {
            size: source.len(),
            limit: MAX_POLICY_BYTES,
            span: (0, 0).into(),
        }]);
    }
    if let Some(at) = too_deep_at(source) {
        return Err(vec![ParseError::TooDeep {
            limit: MAX_NESTING,
            span: (at, 1).into(),
        }]);
    }

    let mut errors = Vec::new();
    let mut items = Vec::new();
    let mut pos = skip_trivia(source, 0);
    let mut name = Spanned::new(String::new(), Span::new(pos, pos));

    match BatonParser::parse(Rule::policy_entry, &source[pos..]) {
        Ok(mut pairs) => {
            let decl = child(&mut pairs);
            let mut conv = Converter::new(pos, &mut errors);
            let end = pos + decl.as_span().end();
            let mut inner = children(decl);
            child(&mut inner); // the `policy` keyword
            name = conv.string(child(&mut inner));
            pos = end;
        }
        Err(error) => {
            let at = pos + error_pos(&error);
            if source[pos..].starts_with("policy") && at > pos {
                errors.push(expected::describe(source, pos, &error));
            } else {
                errors.push(ParseError::ExpectedPolicy {
                    span: (pos, word_len(source, pos)).into(),
                    help: expected_policy_help(&source[pos..]),
                });
            }
            pos = recover(source, pos, at);
        }
    }

    loop {
        pos = skip_trivia(source, pos);
        if pos >= source.len() {
            break;
        }
        match BatonParser::parse(Rule::item_entry, &source[pos..]) {
            Ok(mut pairs) => {
                let pair = child(&mut pairs);
                let end = pos + pair.as_span().end();
                let mut conv = Converter::new(pos, &mut errors);
                items.push(conv.item(pair));
                pos = end;
            }
            Err(error) => {
                let at = pos + error_pos(&error);
                errors.push(expected::describe(source, pos, &error));
                if errors.len() >= MAX_SYNTAX_ERRORS {
                    break;
                }
                pos = recover(source, pos, at);
            }
        }
    }

    if errors.is_empty() {
        Ok(PolicyFile { name, items })
    } else {
        Err(errors)
    }
}

/// The byte offset (within the parsed slice) where pest stopped.
pub(crate) fn error_pos(error: &pest::error::Error<Rule>) -> usize {
    match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((start, _)) => start,
    }
}

/// The children of a node, without its punctuation.
fn children(pair: Pair<'_, Rule>) -> impl Iterator<Item = Pair<'_, Rule>> {
    pair.into_inner().filter(|p| !is_punctuation(p.as_rule()))
}

pub(crate) fn is_punctuation(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::colon
            | Rule::equals
            | Rule::lbracket
            | Rule::rbracket
            | Rule::comma
            | Rule::lbrace
            | Rule::rbrace
            | Rule::dash
            | Rule::pipe
            | Rule::semicolon
            | Rule::lparen
            | Rule::rparen
    )
}

/// Takes the next child that the grammar guarantees to be there.
#[expect(
    clippy::expect_used,
    reason = "the grammar fixes how many children each rule has, and the converter only asks for those"
)]
fn child<'a>(pairs: &mut impl Iterator<Item = Pair<'a, Rule>>) -> Pair<'a, Rule> {
    // The grammar fixes how many children each rule has; the converter only asks for
    // children the matched rule must have, so a missing one is a bug in this file.
    pairs
        .next()
        .expect("the grammar guarantees this child; the converter asked for one too many")
}

/// The item keywords: a line starting with one of them starts a new item.
pub(crate) const ITEM_KEYWORDS: [&str; 8] = [
    "fact", "phrases", "hours", "team", "offline", "rule", "handoff", "test",
];

/// After a syntax error in the item starting at `item_start` and detected at `error_at`,
/// the next place to resume: the next line, at or after the error, that starts with an
/// item keyword.
fn recover(source: &str, item_start: usize, error_at: usize) -> usize {
    let mut from = error_at.max(item_start + 1).min(source.len());
    // Past the item's first character, which may be longer than one byte.
    while !source.is_char_boundary(from) {
        from += 1;
    }
    // Scan from the start of the line holding `from`: recovery stays linear in the file.
    let mut line_start = source[..from].rfind('\n').map_or(0, |i| i + 1);
    for line in source[line_start..].split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let first = line_start + indent;
        if first >= from && starts_with_item_keyword(&source[first..]) {
            return first;
        }
        line_start += line.len();
    }
    source.len()
}

pub(crate) fn starts_with_item_keyword(text: &str) -> bool {
    ITEM_KEYWORDS.iter().any(|kw| {
        text.starts_with(kw)
            && !text[kw.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// Skips white space and comments from `pos`.
#[expect(
    clippy::indexing_slicing,
    reason = "the byte read is at a position checked against the text's length in the loop condition"
)]
pub(crate) fn skip_trivia(source: &str, mut pos: usize) -> usize {
    let bytes = source.as_bytes();
    while pos < bytes.len() {
        match bytes[pos] {
            b' ' | b'\t' | b'\r' | b'\n' => pos += 1,
            b'#' => {
                pos = source[pos..]
                    .find('\n')
                    .map_or(source.len(), |nl| pos + nl + 1)
            }
            _ if source[pos..].starts_with('\u{FEFF}') => pos += '\u{FEFF}'.len_utf8(),
            _ => break,
        }
    }
    pos
}

/// The help of a file that does not start with `policy "NAME"`. A file that starts as
/// JSON is a request or a saved decision table given where a policy goes, and adding a
/// first line would not mend it.
fn expected_policy_help(rest: &str) -> String {
    if rest
        .get(..6)
        .is_some_and(|w| w.eq_ignore_ascii_case("policy"))
    {
        "write `policy` in lower case, as every word of the language: `policy \"acme-support\"`"
            .to_string()
    } else if rest.starts_with('{') || rest.starts_with('[') {
        "this looks like JSON (a request, or a table saved by `baton compile --format json`), \
         not a policy; give the policy's `.baton` file"
            .to_string()
    } else {
        "write the policy's name on the first line, for example `policy \"acme-support\"`"
            .to_string()
    }
}

/// The length of the word (or the one character) at `pos`, for a label.
pub(crate) fn word_len(source: &str, pos: usize) -> usize {
    let rest = &source[pos.min(source.len())..];
    let word = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(rest.len(), |(i, _)| i);
    if word > 0 {
        word
    } else if ["&&", "||", "=>", "=<", "<>"]
        .iter()
        .any(|sign| rest.starts_with(sign))
    {
        // Signs of other languages, shown whole where a help names Baton's word for them.
        2
    } else {
        rest.chars().next().map_or(0, char::len_utf8)
    }
}

/// Finds where conditions nest deeper than [`MAX_NESTING`], in one linear pass over the
/// text, before pest (or anything else that recurses) sees it.
///
/// Nesting grows with each `(` and with each `not` before a test; it falls back at `)`
/// and at any other word, as the parser's own recursion does.
#[expect(
    clippy::indexing_slicing,
    reason = "every byte read is at a position checked against the text's length just before"
)]
fn too_deep_at(source: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    // For each open parenthesis, the `not`s pending before it.
    let mut open: Vec<usize> = Vec::new();
    let mut depth = 0usize; // the nesting of the open parentheses and their `not`s
    let mut pending = 0usize; // the `not`s since the last test, operator or parenthesis
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                pending = 0;
            }
            b'(' => {
                open.push(pending);
                depth += pending + 1;
                pending = 0;
                if depth > MAX_NESTING {
                    return Some(i);
                }
                i += 1;
            }
            b')' => {
                if let Some(nots) = open.pop() {
                    depth -= nots + 1;
                }
                pending = 0;
                i += 1;
            }
            c if c.is_ascii_alphanumeric() || c == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                if &source[start..i] == "not" {
                    pending += 1;
                    if depth + pending > MAX_NESTING {
                        return Some(start);
                    }
                } else {
                    pending = 0;
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// Whether `text` is only white space and comments.
fn is_trivia(mut text: &str) -> bool {
    loop {
        text = text.trim_start();
        match text.strip_prefix('#') {
            Some(comment) => text = comment.find('\n').map_or("", |i| &comment[i..]),
            None => return text.is_empty(),
        }
    }
}

/// Turns pairs into AST nodes. `base` is the offset of the parsed slice in the file.
struct Converter<'e> {
    base: usize,
    errors: &'e mut Vec<ParseError>,
}

impl<'e> Converter<'e> {
    fn new(base: usize, errors: &'e mut Vec<ParseError>) -> Self {
        Converter { base, errors }
    }

    /// The pair's place in the file, without the white space and comments pest takes in
    /// at the end of a rule that ends with an optional or repeated part.
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        let text = pair.as_str();
        let mut end = s.end();
        if text.ends_with(char::is_whitespace) || text.contains('#') {
            // The last token: a pair inside may end with the same white space (a
            // `conjunct` inside a `cond`), a token never does.
            let last = pair
                .clone()
                .into_inner()
                .flatten()
                .filter(|p| p.clone().into_inner().next().is_none())
                .map(|p| p.as_span().end())
                .max();
            if let Some(last) = last
                && last < end
                && is_trivia(&text[last - s.start()..])
            {
                end = last;
            }
        }
        Span::new(self.base + s.start(), self.base + end)
    }

    fn ident(&self, pair: Pair<'_, Rule>) -> Ident {
        Spanned::new(pair.as_str().to_string(), self.span(&pair))
    }

    /// A quoted text, with its escapes resolved; unknown escapes are reported.
    fn string(&mut self, pair: Pair<'_, Rule>) -> Spanned<String> {
        let span = self.span(&pair);
        let raw = pair.as_str();
        let inner = &raw[1..raw.len() - 1];
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.char_indices();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some((_, '"')) => out.push('"'),
                Some((_, '\\')) => out.push('\\'),
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, other)) => {
                    let at = span.start + 1 + i;
                    self.errors.push(ParseError::InvalidEscape {
                        escape: other,
                        span: (at, 1 + other.len_utf8()).into(),
                    });
                }
                // The grammar only lets a backslash be followed by a character.
                None => {}
            }
        }
        Spanned::new(out, span)
    }

    fn item(&mut self, pair: Pair<'_, Rule>) -> Item {
        match pair.as_rule() {
            Rule::fact_item => Item::Fact(self.fact(pair)),
            Rule::phrases_item => Item::Phrases(self.phrases(pair)),
            Rule::hours_item => Item::Hours(self.hours(pair)),
            Rule::team_item => Item::Team(self.team(pair)),
            Rule::offline_item => {
                let mut inner = children(pair);
                Item::Offline(self.offline(child(&mut inner)))
            }
            Rule::rule_item => Item::Rule(self.rule(pair)),
            Rule::handoff_item => Item::Handoff(self.handoff(pair)),
            Rule::test_item => Item::Test(self.test(pair)),
            other => unreachable!("`item` has no alternative {other:?}"),
        }
    }

    fn fact(&mut self, pair: Pair<'_, Rule>) -> Fact {
        let span = self.span(&pair);
        let mut inner = children(pair);
        child(&mut inner); // `fact`
        let name = self.ident(child(&mut inner));
        let ty_pair = child(&mut inner);
        let ty_span = self.span(&ty_pair);
        let ty = children(ty_pair).map(|p| self.ident(p)).collect();
        let default = inner.next().map(|p| self.literal(p));
        Fact {
            name,
            ty,
            ty_span,
            default,
            span,
        }
    }

    fn phrases(&mut self, pair: Pair<'_, Rule>) -> PhraseSet {
        let span = self.span(&pair);
        let mut inner = children(pair);
        child(&mut inner); // `phrases`
        let name = self.ident(child(&mut inner));
        let mut next = child(&mut inner);
        let fuzzy = next.as_rule() == Rule::kw_fuzzy;
        if fuzzy {
            next = child(&mut inner);
        }
        let list_span = self.span(&next);
        let phrases: Vec<_> = children(next).map(|p| self.string(p)).collect();
        // An empty list has an empty span; point at the set's name instead.
        let list_span = if phrases.is_empty() {
            name.span
        } else {
            list_span
        };
        PhraseSet {
            name,
            fuzzy,
            phrases,
            list_span,
            span,
        }
    }

    fn hours(&mut self, pair: Pair<'_, Rule>) -> Hours {
        let span = self.span(&pair);
        let mut inner = children(pair);
        child(&mut inner); // `hours`
        let name = self.ident(child(&mut inner));
        child(&mut inner); // `in`
        let zone = self.string(child(&mut inner));
        let mut spans = Vec::new();
        let mut closed = Vec::new();
        for line in inner {
            match line.as_rule() {
                Rule::closed_line => {
                    for date in children(line).skip(1) {
                        let span = self.span(&date);
                        closed.push(Spanned::new(parse_date(date.as_str()), span));
                    }
                }
                Rule::span_line => spans.push(self.hours_span(line)),
                other => unreachable!("`hours_item` has no line {other:?}"),
            }
        }
        Hours {
            name,
            zone,
            spans,
            closed,
            span,
        }
    }

    fn hours_span(&mut self, pair: Pair<'_, Rule>) -> HoursSpan {
        let span = self.span(&pair);
        let mut days = Vec::new();
        let mut clocks = Vec::new();
        for part in children(pair) {
            match part.as_rule() {
                Rule::day_range => {
                    let range_span = self.span(&part);
                    let mut ends = children(part).map(|d| weekday(d.as_str()));
                    let first = ends.next().unwrap_or(Weekday::Mon);
                    let last = ends.next().unwrap_or(first);
                    days.push(Spanned::new((first, last), range_span));
                }
                Rule::clock => {
                    let span = self.span(&part);
                    clocks.push(Spanned::new(parse_clock(part.as_str()), span));
                }
                other => unreachable!("`span_line` has no part {other:?}"),
            }
        }
        let mut clocks = clocks.into_iter();
        let from = clocks.next();
        let to = clocks.next();
        match (from, to) {
            (Some(from), Some(to)) => HoursSpan {
                days,
                from,
                to,
                span,
            },
            _ => unreachable!("`span_line` has two clocks"),
        }
    }

    fn team(&mut self, pair: Pair<'_, Rule>) -> Team {
        let span = self.span(&pair);
        let mut inner = children(pair);
        child(&mut inner); // `team`
        let name = self.ident(child(&mut inner));
        let mut skills = Vec::new();
        let mut hours = Vec::new();
        for line in inner {
            let rule = line.as_rule();
            let names = children(line).skip(1).map(|p| self.ident(p));
            match rule {
                Rule::team_skills => skills.extend(names),
                Rule::team_hours => hours.extend(names),
                other => unreachable!("`team_item` has no line {other:?}"),
            }
        }
        Team {
            name,
            skills,
            hours,
            span,
        }
    }

    fn offline(&mut self, pair: Pair<'_, Rule>) -> Offline {
        let span = self.span(&pair);
        let mut inner = children(pair);
        child(&mut inner); // `offline`
        let mode = self.ident(child(&mut inner));
        let message = self.string(child(&mut inner));
        Offline {
            mode,
            message,
            span,
        }
    }

    fn rule(&mut self, pair: Pair<'_, Rule>) -> RuleItem {
        let span = self.span(&pair);
        let mut inner = children(pair);
        child(&mut inner); // `rule`
        let name = self.ident(child(&mut inner));
        let mut next = child(&mut inner);
        let mut kind = None;
        if next.as_rule() == Rule::ident {
            kind = Some(self.ident(next));
            next = child(&mut inner);
        }
        let head_span = Span::new(span.start, name.span.end);
        // `next` is the `when` line.
        let mut when_inner = children(next);
        child(&mut when_inner); // `when`
        let when = self.cond(child(&mut when_inner));
        let lines = inner.map(|line| self.rule_line(line)).collect();
        RuleItem {
            name,
            kind,
            when,
            lines,
            head_span,
            span,
        }
    }

    fn rule_line(&mut self, pair: Pair<'_, Rule>) -> RuleLine {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::escalate_line => {
                let mut targets = Vec::new();
                let mut priority = None;
                let mut parts = children(pair).skip(2); // `escalate`, `to`
                while let Some(part) = parts.next() {
                    match part.as_rule() {
                        Rule::target => {
                            let mut t = children(part);
                            let first = child(&mut t);
                            targets.push(if first.as_rule() == Rule::kw_skill {
                                Target::Skill(self.ident(child(&mut t)))
                            } else {
                                Target::Team(self.ident(first))
                            });
                        }
                        Rule::kw_or => {}
                        Rule::kw_priority => priority = parts.next().map(|p| self.ident(p)),
                        other => unreachable!("`escalate_line` has no part {other:?}"),
                    }
                }
                RuleLine::Escalate(Escalate {
                    targets,
                    priority,
                    span,
                })
            }
            Rule::stay_line => RuleLine::Stay(span),
            Rule::say_line => {
                let mut inner = children(pair);
                child(&mut inner);
                RuleLine::Say(self.string(child(&mut inner)))
            }
            Rule::reason_line => {
                let mut inner = children(pair);
                child(&mut inner);
                RuleLine::Reason(self.string(child(&mut inner)))
            }
            Rule::offline_line => RuleLine::Offline(self.offline(pair)),
            other => unreachable!("`rule_line` has no alternative {other:?}"),
        }
    }

    fn cond(&mut self, pair: Pair<'_, Rule>) -> Cond {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::cond | Rule::conjunct => {
                let is_or = pair.as_rule() == Rule::cond;
                let mut parts: Vec<Cond> = pair
                    .into_inner()
                    .filter(|p| !matches!(p.as_rule(), Rule::kw_or | Rule::kw_and))
                    .map(|p| self.cond(p))
                    .collect();
                if parts.len() == 1 {
                    // A single operand is the operand itself, not a one-element list.
                    if let Some(only) = parts.pop() {
                        return only;
                    }
                }
                let kind = if is_or {
                    CondKind::Or(parts)
                } else {
                    CondKind::And(parts)
                };
                Cond { kind, span }
            }
            Rule::negation => {
                let mut inner = children(pair);
                child(&mut inner); // `not`
                let operand = self.cond(child(&mut inner));
                Cond {
                    kind: CondKind::Not(Box::new(operand)),
                    span,
                }
            }
            Rule::group => {
                let mut inner = children(pair);
                let mut cond = self.cond(child(&mut inner));
                // The parentheses belong to the condition's text.
                cond.span = span;
                cond
            }
            _ => Cond {
                kind: CondKind::Atom(self.atom(pair)),
                span,
            },
        }
    }

    fn atom(&mut self, pair: Pair<'_, Rule>) -> Atom {
        let rule = pair.as_rule();
        let mut inner = children(pair);
        match rule {
            Rule::mentions => {
                let scope_pair = child(&mut inner);
                let scope_span = self.span(&scope_pair);
                let scope = if scope_pair.as_str().starts_with("message") {
                    Scope::Message
                } else {
                    Scope::Conversation
                };
                child(&mut inner); // `mentions`
                let sets = inner.map(|p| self.ident(p)).collect();
                Atom::Mentions {
                    scope: Spanned::new(scope, scope_span),
                    sets,
                }
            }
            Rule::within => {
                child(&mut inner); // `within`
                Atom::Within {
                    hours: self.ident(child(&mut inner)),
                }
            }
            Rule::compare => {
                let value = self.value(child(&mut inner));
                let op_pair = child(&mut inner);
                let op = Spanned::new(cmp_op(op_pair.as_str()), self.span(&op_pair));
                let literal = self.literal(child(&mut inner));
                Atom::Compare { value, op, literal }
            }
            Rule::is_test => {
                let value = self.value(child(&mut inner));
                child(&mut inner); // `is`
                let mut next = child(&mut inner);
                let negated = next.as_rule() == Rule::kw_not;
                if negated {
                    next = child(&mut inner);
                }
                Atom::Is {
                    value,
                    negated,
                    literal: self.literal(next),
                }
            }
            Rule::in_test => {
                let value = self.value(child(&mut inner));
                let mut next = child(&mut inner);
                let negated = next.as_rule() == Rule::kw_not;
                if negated {
                    next = child(&mut inner);
                }
                let _ = next; // `in`
                let list = child(&mut inner);
                let list_span = self.span(&list);
                let literals = children(list).map(|p| self.literal(p)).collect();
                Atom::In {
                    value,
                    negated,
                    literals,
                    list_span,
                }
            }
            Rule::flag => Atom::Flag {
                value: self.value(child(&mut inner)),
            },
            other => unreachable!("`test` has no alternative {other:?}"),
        }
    }

    fn value(&mut self, pair: Pair<'_, Rule>) -> ValueRef {
        let span = self.span(&pair);
        let mut inner = children(pair);
        let name = self.ident(child(&mut inner));
        let arg = inner.next().map(|p| self.literal(p));
        ValueRef { name, arg, span }
    }

    fn literal(&mut self, pair: Pair<'_, Rule>) -> Spanned<Literal> {
        let span = self.span(&pair);
        let text = pair.as_str();
        let lit = match pair.as_rule() {
            Rule::number => Literal::Number(parse_f64(text)),
            Rule::percent => Literal::Percent(parse_f64(&text[..text.len() - 1])),
            Rule::duration => Literal::Duration(parse_duration(text)),
            Rule::boolean => Literal::Bool(text == "true"),
            Rule::string => Literal::Text(self.string(pair).node),
            Rule::word => Literal::Word(text.to_string()),
            Rule::clock => Literal::Clock(parse_clock(text)),
            Rule::date => Literal::Date(parse_date(text)),
            other => unreachable!("`literal` has no alternative {other:?}"),
        };
        Spanned::new(lit, span)
    }

    fn handoff(&mut self, pair: Pair<'_, Rule>) -> Handoff {
        let span = self.span(&pair);
        let parts = children(pair)
            .skip(2) // `handoff`, `include`
            .map(|p| self.ident(p))
            .collect();
        Handoff { parts, span }
    }

    fn test(&mut self, pair: Pair<'_, Rule>) -> Test {
        let span = self.span(&pair);
        let mut inner = children(pair);
        child(&mut inner); // `test`
        let name = self.string(child(&mut inner));
        let lines = inner.map(|line| self.test_line(line)).collect();
        Test { name, lines, span }
    }

    fn test_line(&mut self, pair: Pair<'_, Rule>) -> TestLine {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut inner = children(pair);
        match rule {
            Rule::at_line => {
                child(&mut inner);
                TestLine::At(self.string(child(&mut inner)))
            }
            Rule::facts_line => {
                let values = inner
                    .skip(1)
                    .map(|fv| {
                        let mut parts = children(fv);
                        let name = self.ident(child(&mut parts));
                        let value = self.literal(child(&mut parts));
                        (name, value)
                    })
                    .collect();
                TestLine::Facts(values, span)
            }
            Rule::message_line => {
                let sender = child(&mut inner);
                // The grammar allows only the three names.
                let from = Sender::from_name(sender.as_str()).unwrap_or(Sender::Agent);
                let mut next = child(&mut inner);
                let mut after = None;
                if next.as_rule() == Rule::kw_after {
                    let d = child(&mut inner);
                    after = Some(Spanned::new(parse_duration(d.as_str()), self.span(&d)));
                    next = child(&mut inner);
                }
                TestLine::Message(TestMessage {
                    from,
                    after,
                    text: self.string(next),
                    span,
                })
            }
            Rule::available_line | Rule::waiting_line => {
                child(&mut inner);
                let team = self.ident(child(&mut inner));
                let n = child(&mut inner);
                let count = Spanned::new(parse_f64(n.as_str()), self.span(&n));
                if rule == Rule::available_line {
                    TestLine::Available(team, count)
                } else {
                    TestLine::Waiting(team, count)
                }
            }
            Rule::actions_line => {
                child(&mut inner);
                let list = child(&mut inner);
                let actions = children(list).map(|p| self.string(p)).collect();
                TestLine::Actions(actions, span)
            }
            Rule::expect_line => {
                child(&mut inner); // `expect`
                let body = child(&mut inner);
                let escalate = body.as_rule() == Rule::expect_escalate;
                let mut expect = Expect {
                    escalate,
                    team: None,
                    priority: None,
                    via: None,
                    rule: None,
                    span,
                };
                let mut parts = children(body).skip(1);
                while let Some(kw) = parts.next() {
                    let value = parts.next().map(|p| self.ident(p));
                    match kw.as_rule() {
                        Rule::kw_to => expect.team = value,
                        Rule::kw_priority => expect.priority = value,
                        Rule::kw_via => expect.via = value,
                        Rule::kw_by => expect.rule = value,
                        other => unreachable!("`expect` has no part {other:?}"),
                    }
                }
                TestLine::Expect(expect)
            }
            other => unreachable!("`test_line` has no alternative {other:?}"),
        }
    }
}

/// Digits as the grammar matched them; a number too large for `f64` becomes infinite,
/// which the checker reports.
fn parse_f64(text: &str) -> f64 {
    text.parse().unwrap_or(f64::INFINITY)
}

fn parse_duration(text: &str) -> f64 {
    let (digits, unit) = text.split_at(text.len() - 1);
    let scale = match unit {
        "s" => 1.0,
        "m" => 60.0,
        "h" => 3_600.0,
        _ => 86_400.0,
    };
    parse_f64(digits) * scale
}

fn parse_clock(text: &str) -> ClockLit {
    let (h, m) = text.split_once(':').unwrap_or((text, "0"));
    ClockLit {
        hour: h.parse().unwrap_or(u32::MAX),
        minute: m.parse().unwrap_or(u32::MAX),
    }
}

fn parse_date(text: &str) -> DateLit {
    let mut parts = text.split('-').map(|p| p.parse::<u32>().unwrap_or(0));
    DateLit {
        year: parts.next().unwrap_or(0) as i32,
        month: parts.next().unwrap_or(0),
        day: parts.next().unwrap_or(0),
    }
}

fn weekday(text: &str) -> Weekday {
    match text {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

fn cmp_op(text: &str) -> CmpOp {
    match text {
        "<" => CmpOp::Lt,
        "<=" => CmpOp::Le,
        ">" => CmpOp::Gt,
        ">=" => CmpOp::Ge,
        "==" => CmpOp::Eq,
        _ => CmpOp::Ne,
    }
}
