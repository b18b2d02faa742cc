//! `baton fmt`: one canonical layout for a policy, every comment kept.
//!
//! The layout: two spaces of indentation inside a block; one item per line or block;
//! `rule`, `hours` and `test` blocks one line per line of their content; teams on one
//! line, aligned with the team lines around them; lists and conditions filled up to 100
//! columns, a wrapped phrase list aligned after its `[`, a wrapped condition continued
//! four spaces in, before an `or` (or an `and`). Blank lines between items are kept (one
//! at most); blank lines inside a block are not. Literals are written as they were
//! (`1.5h` stays `1.5h`), so the formatted file parses to the same syntax tree.
//!
//! Comments are placed by where they were: a comment alone on its line stays alone on
//! its line, before the same code; a comment after code stays at the end of the line
//! that holds that code. A comment between two parts of a list or condition also keeps
//! the line break there.

use crate::syntax::ast::{
    Atom, Cond, CondKind, Expect, Fact, Handoff, Hours, Item, Offline, PhraseSet, PolicyFile,
    RuleItem, RuleLine, Scope, Sender, Span, Target, Team, Test, TestLine, ValueRef,
};
use crate::syntax::{ParseError, parse};

/// The width lists and conditions are filled to.
pub const WIDTH: usize = 100;

/// Formats a policy; the syntax errors when it does not parse.
pub fn format(source: &str) -> Result<String, Vec<ParseError>> {
    let file = parse(source)?;
    let mut printer = Printer {
        src: source,
        lines: Vec::new(),
        comments: comments(source),
    };
    printer.file(&file);
    Ok(as_saved(source, printer.finish()))
}

/// `text`, written with `\n` line ends, saved the way `source` was: with `\r\n` line
/// ends when its first line ends so, and with a byte order mark when it starts with one.
/// These are the editor's choices, not the policy's layout, so formatting keeps them, as
/// rustfmt keeps a file's line ends.
fn as_saved(source: &str, text: String) -> String {
    let crlf = source
        .split_once('\n')
        .is_some_and(|(first, _)| first.ends_with('\r'));
    // The printed text has no `\r\n` of its own: a string cannot hold a line break, and
    // comments are printed without their line end.
    let text = if crlf {
        text.replace('\n', "\r\n")
    } else {
        text
    };
    if source.starts_with('\u{feff}') {
        format!("\u{feff}{text}")
    } else {
        text
    }
}

/// A condition on one line, as `fmt` writes it: what the default reason of a rule
/// quotes, whatever the layout of the source.
pub fn condition_text(source: &str, when: &Cond) -> String {
    let printer = Printer {
        src: source,
        lines: Vec::new(),
        comments: Vec::new(),
    };
    printer.cond(when)
}

/// Every word of every comment of a policy that parses, in order: what formatting must
/// keep. (Two comments that formatting puts on one line become one comment, with the
/// same words.)
pub fn comment_words(source: &str) -> Vec<&str> {
    comments(source)
        .iter()
        .flat_map(|c| source[c.start..c.end].split_whitespace())
        .collect()
}

/// A `#` comment of the source.
#[derive(Clone, Copy, Debug)]
struct Comment {
    start: usize,
    end: usize,
    /// Alone on its line (only spaces before it).
    own_line: bool,
}

/// The comments of a text that parses: `#` outside strings, to the end of the line.
fn comments(source: &str) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut line_start = 0;
    let mut iter = source.char_indices();
    while let Some((i, c)) = iter.next() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' | '\n' => in_string = false,
                _ => {}
            }
            if c == '\n' {
                line_start = i + 1;
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '\n' => line_start = i + 1,
            '#' => {
                let end = source[i..].find('\n').map_or(source.len(), |n| i + n);
                let before = &source[line_start..i];
                out.push(Comment {
                    start: i,
                    end,
                    own_line: before.chars().all(|c| c.is_whitespace() || c == '\u{feff}'),
                });
                // Skip the comment's text: a `"` in it opens no string.
                for (j, _) in iter.by_ref() {
                    if j + 1 >= end {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// One line of output, with the source range of what it prints.
#[derive(Debug)]
struct Line {
    indent: usize,
    text: String,
    /// Where the code on this line starts and ends in the source.
    lo: usize,
    hi: usize,
    /// A line that closes a block (`}`): comments before it belong inside the block.
    closing: bool,
    /// The first line of an item: blank lines before it are kept.
    top: bool,
}

struct Printer<'a> {
    src: &'a str,
    lines: Vec<Line>,
    comments: Vec<Comment>,
}

impl Printer<'_> {
    fn text(&self, span: Span) -> &str {
        self.src.get(span.start..span.end).unwrap_or("")
    }

    fn push(&mut self, indent: usize, text: String, lo: usize, hi: usize) {
        self.lines.push(Line {
            indent,
            text,
            lo,
            hi,
            closing: false,
            top: indent == 0,
        });
    }

    fn close(&mut self, indent: usize, end: usize) {
        self.lines.push(Line {
            indent,
            text: "}".into(),
            lo: end.saturating_sub(1),
            hi: end,
            closing: true,
            top: false,
        });
    }

    /// Whether a comment lies between two source offsets.
    fn comment_between(&self, a: usize, b: usize) -> bool {
        self.comments.iter().any(|c| c.start >= a && c.start < b)
    }

    #[expect(
        clippy::indexing_slicing,
        reason = "`i` and `j` stay below `file.items.len()` by their loop conditions"
    )]
    fn file(&mut self, file: &PolicyFile) {
        let name = self.text(file.name.span).to_string();
        self.push(
            0,
            format!("policy {name}"),
            file.name.span.start,
            file.name.span.end,
        );
        let mut i = 0;
        while i < file.items.len() {
            if let Item::Team(_) = &file.items[i] {
                // A run of team items next to each other, aligned together.
                let mut j = i + 1;
                while j < file.items.len()
                    && matches!(file.items[j], Item::Team(_))
                    && self.adjacent(file.items[j - 1].span(), file.items[j].span())
                {
                    j += 1;
                }
                let teams: Vec<&Team> = file.items[i..j]
                    .iter()
                    .filter_map(|item| match item {
                        Item::Team(t) => Some(t),
                        _ => None,
                    })
                    .collect();
                self.teams(&teams);
                i = j;
                continue;
            }
            match &file.items[i] {
                Item::Fact(f) => self.fact(f),
                Item::Phrases(p) => self.phrases(p),
                Item::Hours(h) => self.hours(h),
                Item::Team(t) => self.teams(&[t]),
                Item::Offline(o) => {
                    let line = self.offline(o);
                    self.push(0, line, o.span.start, o.span.end);
                }
                Item::Rule(r) => self.rule(r),
                Item::Handoff(h) => self.handoff(h),
                Item::Test(t) => self.test(t),
            }
            i += 1;
        }
    }

    /// Two items on consecutive lines, with nothing but spaces between them.
    fn adjacent(&self, a: Span, b: Span) -> bool {
        let between = self.src.get(a.end..b.start).unwrap_or("");
        between.chars().all(char::is_whitespace) && between.matches('\n').count() <= 1
    }

    fn fact(&mut self, f: &Fact) {
        let ty: Vec<&str> = f.ty.iter().map(|t| t.node.as_str()).collect();
        let mut line = format!("fact {}: {}", f.name.node, ty.join(" | "));
        if let Some(d) = &f.default {
            line.push_str(&format!(" = {}", self.text(d.span)));
        }
        self.push(0, line, f.span.start, f.span.end);
    }

    fn phrases(&mut self, p: &PhraseSet) {
        let head = format!(
            "phrases {}{} = [",
            p.name.node,
            if p.fuzzy { " fuzzy" } else { "" }
        );
        let items: Vec<(String, Span)> = p
            .phrases
            .iter()
            .map(|s| (self.text(s.span).to_string(), s.span))
            .collect();
        self.fill(0, head, &items, "]", p.span);
    }

    /// Fills `items` after `head`, separated by commas (a comma ends a wrapped line), closed by
    /// `close`, wrapping at [`WIDTH`] with continuation lines aligned after the head.
    #[expect(clippy::indexing_slicing, reason = "`k - 1` is read only when `k > 0`")]
    fn fill(
        &mut self,
        indent: usize,
        head: String,
        items: &[(String, Span)],
        close: &str,
        span: Span,
    ) {
        let align = indent + head.chars().count();
        let mut line = head;
        let mut line_indent = indent;
        let mut lo = span.start;
        for (k, (text, at)) in items.iter().enumerate() {
            let last = k + 1 == items.len();
            let piece = format!("{text}{}", if last { close } else { "," });
            let forced = k > 0 && self.comment_between(items[k - 1].1.end, at.start);
            let width = line_indent + line.chars().count() + 1 + piece.chars().count();
            if k > 0 && (forced || width > WIDTH) {
                let done = std::mem::replace(&mut line, piece);
                self.push(line_indent, done, lo, items[k - 1].1.end);
                line_indent = align;
                lo = at.start;
            } else {
                if k > 0 {
                    line.push(' ');
                }
                line.push_str(&piece);
            }
        }
        if items.is_empty() {
            line.push_str(close);
        }
        self.push(line_indent, line, lo, span.end);
    }

    fn hours(&mut self, h: &Hours) {
        let zone = self.text(h.zone.span).to_string();
        self.push(
            0,
            format!("hours {} in {zone} {{", h.name.node),
            h.span.start,
            h.zone.span.end,
        );
        for s in &h.spans {
            let days: Vec<String> = s
                .days
                .iter()
                .map(|d| {
                    let (a, b) = d.node;
                    if a == b {
                        a.name().to_string()
                    } else {
                        format!("{}-{}", a.name(), b.name())
                    }
                })
                .collect();
            let line = format!(
                "{} {}-{}",
                days.join(", "),
                self.text(s.from.span),
                self.text(s.to.span)
            );
            self.push(2, line, s.span.start, s.span.end);
        }
        if let (Some(first), Some(last)) = (h.closed.first(), h.closed.last()) {
            let dates: Vec<&str> = h.closed.iter().map(|d| self.text(d.span)).collect();
            let line = format!("closed {}", dates.join(", "));
            self.push(2, line, first.span.start, last.span.end);
        }
        self.close(0, h.span.end);
    }

    /// Team items on one line each; a run of them aligned on `{` and on `hours`.
    fn teams(&mut self, teams: &[&Team]) {
        let skills = |t: &Team| -> String {
            let names: Vec<&str> = t.skills.iter().map(|s| s.node.as_str()).collect();
            if names.is_empty() {
                String::new()
            } else {
                format!("skills {}", names.join(", "))
            }
        };
        let name_width = teams
            .iter()
            .map(|t| t.name.node.chars().count())
            .max()
            .unwrap_or(0);
        let both: Vec<usize> = teams
            .iter()
            .filter(|t| !t.hours.is_empty() && !t.skills.is_empty())
            .map(|t| skills(t).chars().count() + 1)
            .collect();
        let skills_width = both.iter().copied().max().unwrap_or(0);
        // Aligned columns get two spaces of air; a lone team line, one.
        let gap = if both.len() > 1 { 2 } else { 1 };
        for t in teams {
            let mut parts = Vec::new();
            let s = skills(t);
            let hours: Vec<String> = t
                .hours
                .iter()
                .map(|h| format!("hours {}", h.node))
                .collect();
            if !s.is_empty() {
                if hours.is_empty() {
                    parts.push(s);
                } else {
                    let with_semicolon = format!("{s};");
                    let pad = skills_width.saturating_sub(with_semicolon.chars().count());
                    parts.push(format!("{with_semicolon}{}", " ".repeat(pad + gap)));
                }
            }
            let inner = format!("{}{}", parts.concat(), hours.join("; "));
            let pad = name_width - t.name.node.chars().count();
            let body = if inner.is_empty() {
                "{ }".to_string()
            } else {
                format!("{{ {} }}", inner.trim_end())
            };
            let line = format!("team {}{} {body}", t.name.node, " ".repeat(pad));
            self.push(0, line, t.span.start, t.span.end);
        }
    }

    fn offline(&self, o: &Offline) -> String {
        format!("offline {} {}", o.mode.node, self.text(o.message.span))
    }

    fn rule(&mut self, r: &RuleItem) {
        let kind = r
            .kind
            .as_ref()
            .map(|k| format!(": {}", k.node))
            .unwrap_or_default();
        self.push(
            0,
            format!("rule {}{kind} {{", r.name.node),
            r.span.start,
            r.head_span.end,
        );
        self.condition(&r.when);
        for line in &r.lines {
            let (text, span) = match line {
                RuleLine::Escalate(e) => {
                    let targets: Vec<String> = e
                        .targets
                        .iter()
                        .map(|t| match t {
                            Target::Team(n) => n.node.clone(),
                            Target::Skill(n) => format!("skill {}", n.node),
                        })
                        .collect();
                    let mut text = format!("escalate to {}", targets.join(" or "));
                    if let Some(p) = &e.priority {
                        text.push_str(&format!(" priority {}", p.node));
                    }
                    (text, e.span)
                }
                RuleLine::Stay(span) => ("stay".to_string(), *span),
                RuleLine::Say(s) => (format!("say {}", self.text(s.span)), s.span),
                RuleLine::Reason(s) => (format!("reason {}", self.text(s.span)), s.span),
                RuleLine::Offline(o) => (self.offline(o), o.span),
            };
            self.push(2, text, span.start, span.end);
        }
        self.close(0, r.span.end);
    }

    /// `when CONDITION`, filled to the width and wrapped before its top-level `or`s (or
    /// `and`s), continued four spaces in.
    #[expect(
        clippy::indexing_slicing,
        reason = "`k` runs over `1..parts.len()` and `texts` has one entry per part"
    )]
    fn condition(&mut self, when: &Cond) {
        let (op, parts): (&str, Vec<&Cond>) = match &when.kind {
            CondKind::Or(list) => ("or", list.iter().collect()),
            CondKind::And(list) => ("and", list.iter().collect()),
            _ => ("", vec![when]),
        };
        let texts: Vec<String> = parts.iter().map(|p| self.operand(p, &when.kind)).collect();
        let mut line = format!("when {}", texts.first().map_or("", String::as_str));
        let mut lo = when.span.start;
        let mut indent = 2;
        for k in 1..parts.len() {
            let piece = format!("{op} {}", texts[k]);
            let forced = self.comment_between(parts[k - 1].span.end, parts[k].span.start);
            if forced || indent + line.chars().count() + 1 + piece.chars().count() > WIDTH {
                let done = std::mem::replace(&mut line, piece);
                self.push(indent, done, lo, parts[k - 1].span.end);
                lo = parts[k].span.start;
                indent = 4;
            } else {
                line.push(' ');
                line.push_str(&piece);
            }
        }
        self.push(indent, line, lo, when.span.end);
    }

    /// A condition as an operand of `parent`, in parentheses where the grouping would
    /// otherwise read differently.
    fn operand(&self, c: &Cond, parent: &CondKind) -> String {
        let text = self.cond(c);
        let needs = matches!(
            (&c.kind, parent),
            (CondKind::Or(_), CondKind::And(_) | CondKind::Or(_))
                | (CondKind::And(_), CondKind::And(_))
                | (CondKind::Or(_) | CondKind::And(_), CondKind::Not(_))
        );
        if needs { format!("({text})") } else { text }
    }

    fn cond(&self, c: &Cond) -> String {
        match &c.kind {
            CondKind::Or(list) => self.join(list, " or ", &c.kind),
            CondKind::And(list) => self.join(list, " and ", &c.kind),
            CondKind::Not(inner) => format!("not {}", self.operand(inner, &c.kind)),
            CondKind::Atom(a) => self.atom(a),
        }
    }

    fn join(&self, list: &[Cond], sep: &str, parent: &CondKind) -> String {
        let parts: Vec<String> = list.iter().map(|c| self.operand(c, parent)).collect();
        parts.join(sep)
    }

    fn value(&self, v: &ValueRef) -> String {
        match &v.arg {
            Some(arg) => format!("{}({})", v.name.node, self.text(arg.span)),
            None => v.name.node.clone(),
        }
    }

    fn atom(&self, a: &Atom) -> String {
        match a {
            Atom::Compare { value, op, literal } => format!(
                "{} {} {}",
                self.value(value),
                op.node.symbol(),
                self.text(literal.span)
            ),
            Atom::Is {
                value,
                negated,
                literal,
            } => format!(
                "{} is {}{}",
                self.value(value),
                if *negated { "not " } else { "" },
                self.text(literal.span)
            ),
            Atom::In {
                value,
                negated,
                literals,
                ..
            } => {
                let list: Vec<&str> = literals.iter().map(|l| self.text(l.span)).collect();
                format!(
                    "{}{} in [{}]",
                    self.value(value),
                    if *negated { " not" } else { "" },
                    list.join(", ")
                )
            }
            Atom::Mentions { scope, sets } => {
                let names: Vec<&str> = sets.iter().map(|s| s.node.as_str()).collect();
                let scope = match scope.node {
                    Scope::Message => "message",
                    Scope::Conversation => "conversation",
                };
                format!("{scope} mentions {}", names.join(", "))
            }
            Atom::Within { hours } => format!("within {}", hours.node),
            Atom::Flag { value } => self.value(value),
        }
    }

    fn handoff(&mut self, h: &Handoff) {
        let parts: Vec<&str> = h.parts.iter().map(|p| p.node.as_str()).collect();
        self.push(
            0,
            format!("handoff {{ include {} }}", parts.join(", ")),
            h.span.start,
            h.span.end,
        );
    }

    fn test(&mut self, t: &Test) {
        let name = self.text(t.name.span).to_string();
        self.push(0, format!("test {name} {{"), t.span.start, t.name.span.end);
        for line in &t.lines {
            let text = match line {
                TestLine::At(s) => format!("at {}", self.text(s.span)),
                TestLine::Facts(values, _) => {
                    let list: Vec<String> = values
                        .iter()
                        .map(|(n, v)| format!("{}: {}", n.node, self.text(v.span)))
                        .collect();
                    if list.is_empty() {
                        "facts {}".to_string()
                    } else {
                        format!("facts {{ {} }}", list.join(", "))
                    }
                }
                TestLine::Message(m) => {
                    let from = match m.from {
                        Sender::Customer => "customer",
                        Sender::Bot => "bot",
                        Sender::Agent => "agent",
                    };
                    let after = m
                        .after
                        .as_ref()
                        .map(|a| format!(" after {}", self.text(a.span)))
                        .unwrap_or_default();
                    format!("{from}{after} {}", self.text(m.text.span))
                }
                TestLine::Available(team, n) => {
                    format!("available {} {}", team.node, self.text(n.span))
                }
                TestLine::Waiting(team, n) => {
                    format!("waiting {} {}", team.node, self.text(n.span))
                }
                TestLine::Actions(list, _) => {
                    let items: Vec<&str> = list.iter().map(|s| self.text(s.span)).collect();
                    format!("actions [{}]", items.join(", "))
                }
                TestLine::Expect(e) => expect(e),
            };
            let span = line.span();
            self.push(2, text, span.start, span.end);
        }
        self.close(0, t.span.end);
    }

    /// The lines with the comments put back, as one text.
    #[expect(
        clippy::indexing_slicing,
        reason = "comment ranges were found by scanning this very text, at character boundaries (`#` and the end of a line)"
    )]
    fn finish(self) -> String {
        let mut out = String::new();
        let mut prev_end: Option<usize> = None;
        // Whether the source has an empty line between two offsets.
        let blank_between = |a: usize, b: usize| {
            let between = self.src.get(a..b.max(a)).unwrap_or("");
            let pieces: Vec<&str> = between.split('\n').collect();
            pieces.len() > 2
                && pieces[1..pieces.len() - 1]
                    .iter()
                    .any(|l| l.trim().is_empty())
        };
        // The indentation of a comment alone on its line just before `line`.
        let indent_before = |line: Option<&Line>| match line {
            Some(l) if l.closing => l.indent + 2,
            Some(l) => l.indent,
            None => 0,
        };
        let own_line = |out: &mut String, prev_end: &mut Option<usize>, c: Comment, indent| {
            if indent == 0
                && let Some(end) = *prev_end
                && blank_between(end, c.start)
            {
                out.push('\n');
            }
            out.push_str(&" ".repeat(indent));
            out.push_str(self.src[c.start..c.end].trim_end());
            out.push('\n');
            *prev_end = Some(c.end);
        };
        let mut pending = self.comments.iter().copied().peekable();
        for (i, line) in self.lines.iter().enumerate() {
            // Comments before the first code.
            while let Some(c) = pending.next_if(|c| c.start < line.lo) {
                own_line(&mut out, &mut prev_end, c, indent_before(Some(line)));
            }
            if line.top
                && let Some(end) = prev_end
                && blank_between(end, line.lo)
            {
                out.push('\n');
            }
            out.push_str(&" ".repeat(line.indent));
            out.push_str(&line.text);
            prev_end = Some(line.hi);
            // The comments up to the next line's code, in their order: those after code
            // end this line, until one stands alone; from there on each has its line.
            let next = self.lines.get(i + 1);
            let next_lo = next.map_or(usize::MAX, |l| l.lo);
            let mut ended = false;
            while let Some(c) = pending.next_if(|c| c.start < next_lo) {
                if !ended && !c.own_line {
                    out.push_str("  ");
                    out.push_str(self.src[c.start..c.end].trim_end());
                    prev_end = Some(c.end);
                } else {
                    if !ended {
                        out.push('\n');
                        ended = true;
                    }
                    own_line(&mut out, &mut prev_end, c, indent_before(next));
                }
            }
            if !ended {
                out.push('\n');
            }
        }
        for c in pending {
            own_line(&mut out, &mut prev_end, c, 0);
        }
        out
    }
}

fn expect(e: &Expect) -> String {
    let mut out = String::from(if e.escalate {
        "expect escalate"
    } else {
        "expect stay"
    });
    for (word, part) in [
        ("to", &e.team),
        ("priority", &e.priority),
        ("via", &e.via),
        ("by", &e.rule),
    ] {
        if let Some(p) = part {
            out.push_str(&format!(" {word} {}", p.node));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_skip_strings_and_know_their_line() {
        let src = "a \"# not\" # yes \"x\"\n  # own\nb";
        let found = comments(src);
        assert_eq!(found.len(), 2);
        assert_eq!(&src[found[0].start..found[0].end], "# yes \"x\"");
        assert!(!found[0].own_line);
        assert_eq!(&src[found[1].start..found[1].end], "# own");
        assert!(found[1].own_line);
    }
}
