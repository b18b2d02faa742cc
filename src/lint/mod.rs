//! Lints: warnings about a policy that is valid but likely not what its author meant
//! (design section 6). Each has a stable code, a label on the item it is about and a
//! help line; `docs/diagnostics.md` explains each one with an example and its fix.
//!
//! A `# allow: CODE` comment on the line above an item (or anywhere in the block of
//! comment lines right above it) silences that code for that item; several codes are
//! separated by commas.

mod apostrophe;
mod range;
mod space;

use miette::{Diagnostic, LabeledSpan, SourceSpan};
use thiserror::Error;

use crate::check::model::{Action, Expr, HoursRef, Kind, Model, Operand, TargetRef, Test, Type};
use crate::compile::DecisionTable;
use crate::limits::MAX_LINT_STEPS;
use crate::syntax::ast::{Item, PolicyFile, Span};
use space::{Region, Space};

/// A warning about a valid policy.
#[derive(Clone, Debug, Error, Diagnostic, PartialEq)]
pub enum Lint {
    /// A rule that rules above it always decide before it.
    #[error("rule `{rule}` can never decide: {covered_by} above it {verb} every case it covers")]
    #[diagnostic(code("unreachable-rule"), severity(Warning))]
    UnreachableRule {
        /// The rule.
        rule: String,
        /// The rules above that decide first, in words.
        covered_by: String,
        /// `covers` or `cover`, to agree with `covered_by`.
        verb: &'static str,
        /// Where it is, in the policy.
        #[label(primary, "every request this rule matches is decided above")]
        span: SourceSpan,
        /// Where those rules are.
        #[label(collection, "decides first")]
        covering: Vec<LabeledSpan>,
        /// How to fix it.
        #[help]
        help: String,
    },

    /// A rule whose condition no request makes true.
    #[error("rule `{rule}` can never match: no request makes its condition true")]
    #[diagnostic(code("never-matches"), severity(Warning))]
    NeverMatches {
        /// The rule.
        rule: String,
        /// The condition, or the tests in it that no value passes.
        #[label(collection)]
        labels: Vec<LabeledSpan>,
        /// How to fix it.
        #[help]
        help: String,
    },

    /// A test of a rule's condition that no value passes (`confidence > 100%`).
    #[error("in rule `{rule}`, `{test}` is never true: {why}")]
    #[diagnostic(code("never-true"), severity(Warning))]
    NeverTrue {
        /// The rule.
        rule: String,
        /// The test, as written.
        test: String,
        /// Why no value passes it.
        why: String,
        /// Where it is, in the policy.
        #[label("never true")]
        span: SourceSpan,
        /// How to fix it.
        #[help]
        help: String,
    },

    /// A phrase with punctuation between two words, which never matches a message.
    #[error(
        "phrase \"{phrase}\" only matches \"{spaced}\": in a message, {marks} between two words breaks a phrase"
    )]
    #[diagnostic(code("phrase-punctuation"), severity(Warning))]
    PhrasePunctuation {
        /// The phrase, as written.
        phrase: String,
        /// What it matches: its words separated by spaces.
        spaced: String,
        /// The punctuation, in words.
        marks: String,
        /// Where the punctuation is.
        #[label(collection)]
        gaps: Vec<LabeledSpan>,
        /// How to fix it.
        #[help]
        help: String,
    },

    /// A phrase with a contraction that its set matches in one spelling only
    /// (`"dont want it"`, never `don't want it`).
    #[error(
        "phrase \"{phrase}\" never matches \"{other}\": a word matches only as it is spelled, apostrophe included"
    )]
    #[diagnostic(code("phrase-apostrophe"), severity(Warning))]
    PhraseApostrophe {
        /// The phrase, as written.
        phrase: String,
        /// The phrase with its contractions spelled the other way.
        other: String,
        /// Where the contractions are.
        #[label(collection)]
        words: Vec<LabeledSpan>,
        /// How to fix it.
        #[help]
        help: String,
    },

    /// A stay rule above an explicit rule, whose customer may never reach a person.
    #[error(
        "stay rule `{stay}` comes before explicit rule `{explicit}` and can keep a customer who asked for a person"
    )]
    #[diagnostic(code("stay-overrides-explicit"), severity(Warning))]
    StayOverridesExplicit {
        /// The stay rule.
        stay: String,
        /// The explicit rule.
        explicit: String,
        /// Where it is, in the policy.
        #[label(primary, "decides first, and stays")]
        span: SourceSpan,
        /// Where the explicit rule is.
        #[label("hidden when both hold")]
        explicit_span: SourceSpan,
        /// How to fix it.
        #[help]
        help: String,
    },

    /// A policy with no `explicit` rule.
    #[error("no explicit rule: a customer who asks for a person has no way to reach one")]
    #[diagnostic(code("no-escape-hatch"), severity(Warning))]
    NoEscapeHatch {
        /// Where it is, in the policy.
        #[label("this policy")]
        span: SourceSpan,
        /// How to fix it.
        #[help]
        help: String,
    },

    /// A team that keeps hours in a policy with no `offline` fallback.
    #[error(
        "team `{team}` keeps hours, but no offline fallback says what happens when it is closed"
    )]
    #[diagnostic(
        code("no-offline-fallback"),
        severity(Warning),
        help(
            "add a line such as `offline ticket \"We're closed; we'll email you within one \
             business day.\"`; without one, a customer who escalates after hours just waits in a queue"
        )
    )]
    NoOfflineFallback {
        /// The team.
        team: String,
        /// Where it is, in the policy.
        #[label("closed outside these hours")]
        span: SourceSpan,
    },

    /// A policy with no `limit` rule.
    #[error("no limit rule: a customer the bot keeps failing is never handed over")]
    #[diagnostic(code("no-failure-rule"), severity(Warning))]
    NoFailureRule {
        /// Where it is, in the policy.
        #[label("this policy")]
        span: SourceSpan,
        /// How to fix it.
        #[help]
        help: String,
    },

    /// A fact, phrase set, hours or team that nothing uses.
    #[error("{what} `{name}` is never used")]
    #[diagnostic(code("unused-definition"), severity(Warning))]
    UnusedDefinition {
        /// The kind of item.
        what: &'static str,
        /// Its name.
        name: String,
        /// Where it is, in the policy.
        #[label("{reason}")]
        span: SourceSpan,
        /// Why it counts as unused, in words.
        reason: String,
        /// How to fix it.
        #[help]
        help: String,
    },

    /// A `handoff` that leaves out a part the agent needs.
    #[error("the handoff leaves out the {missing}: the agent will not know {why}")]
    #[diagnostic(code("missing-context"), severity(Warning))]
    MissingContext {
        /// The part, in words.
        missing: String,
        /// What the agent will not know without it.
        why: String,
        /// Where it is, in the policy.
        #[label("the parts the agent receives")]
        span: SourceSpan,
        /// How to fix it.
        #[help]
        help: String,
    },

    /// Hours read in a zone with one offset all year (`EST`, `GMT`, `Etc/GMT+5`).
    #[error(
        "hours `{hours}` are read in `{zone}`, which keeps {offset} all year, with no daylight saving"
    )]
    #[diagnostic(code("fixed-offset-zone"), severity(Warning))]
    FixedOffsetZone {
        /// The hours.
        hours: String,
        /// The zone, as written.
        zone: String,
        /// Its offset from UTC.
        offset: String,
        /// Where it is, in the policy.
        #[label("{offset} in winter and in summer")]
        span: SourceSpan,
        /// How to fix it.
        #[help]
        help: String,
    },
}

/// "`a`", "`a` and `b`", "`a`, `b` and `c`".
fn names(list: &[&str]) -> String {
    listed(list, "and")
}

/// Each item quoted, the last two joined by `word`: "`a`, `b` or `c`".
fn listed(list: &[impl std::fmt::Display], word: &str) -> String {
    let quoted: Vec<String> = list.iter().map(|n| format!("`{n}`")).collect();
    crate::diagnostic::joined(&quoted, word)
}

/// A warning and the offset of the item it is about (where `# allow:` is looked for).
struct Found {
    item: usize,
    code: &'static str,
    lint: Lint,
}

/// The lints of a policy that checked and compiled without errors, in the order of the
/// text, without those its `# allow:` comments silence.
pub fn lint(file: &PolicyFile, source: &str, model: &Model, table: &DecisionTable) -> Vec<Lint> {
    let mut found = Vec::new();
    rules(file, source, model, table, &mut found);
    readiness(file, model, &mut found);
    unused(file, model, &mut found);
    phrase_punctuation(file, source, &mut found);
    apostrophe::phrase_apostrophes(file, source, model, &mut found);
    fixed_offset_zones(file, &mut found);
    found.retain(|f| !allowed(source, f.item, f.code));
    found.sort_by_key(|f| {
        f.lint
            .labels()
            .and_then(|mut l| l.next())
            .map_or(0, |l| l.offset())
    });
    found.into_iter().map(|f| f.lint).collect()
}

/// The codes an `# allow:` comment line names.
fn allow_codes(line: &str) -> Option<impl Iterator<Item = &str>> {
    let rest = line
        .trim_start_matches('\u{feff}')
        .trim_start()
        .strip_prefix('#')?
        .trim_start();
    let codes = rest.strip_prefix("allow:")?;
    Some(
        codes
            .split(',')
            .map(|c| c.split_whitespace().next().unwrap_or("")),
    )
}

/// Whether a comment in the block of comment lines right above the item at `offset`
/// allows `code`.
fn allowed(source: &str, offset: usize, code: &str) -> bool {
    let before = source.get(..offset).unwrap_or("");
    // The item's own line is skipped: the text before the item on it.
    let mut lines = before.lines().rev();
    if !before.ends_with('\n') {
        lines.next();
    }
    for line in lines {
        if !line
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('#')
        {
            return false;
        }
        if allow_codes(line).is_some_and(|mut codes| codes.any(|c| c == code)) {
            return true;
        }
    }
    false
}

fn span(s: Span) -> SourceSpan {
    s.into()
}

/// The rule items of the file, in order (the model's rules are the same, in the same
/// order, once the policy checks).
fn rule_items(file: &PolicyFile) -> Vec<&crate::syntax::ast::RuleItem> {
    file.items
        .iter()
        .filter_map(|i| match i {
            Item::Rule(r) => Some(r),
            _ => None,
        })
        .collect()
}

/// `unreachable-rule`, `never-matches` and `stay-overrides-explicit`: questions about the
/// rows of the table.
#[expect(
    clippy::indexing_slicing,
    reason = "`regions` has one entry per rule of the model, and rule ids are positions among them"
)]
fn rules(
    file: &PolicyFile,
    source: &str,
    model: &Model,
    table: &DecisionTable,
    found: &mut Vec<Found>,
) {
    let items = rule_items(file);
    if items.len() != model.rules.len() {
        return;
    }
    let space = Space::new(table);
    // Each rule's rows as regions, the empty ones left out.
    let mut regions: Vec<Vec<Region>> = vec![Vec::new(); model.rules.len()];
    for row in &table.rows {
        if let (Some(list), Some(region)) = (regions.get_mut(row.rule), space.region(row)) {
            list.push(region);
        }
    }
    // Conditions that never hold, and tests no value passes: the rows alone tell.
    for (id, (rule, item)) in model.rules.iter().zip(&items).enumerate() {
        let dead = range::dead_tests(model, &rule.when);
        if regions[id].is_empty() {
            // Named by the tests that no value passes, when there are some: they are
            // what to mend.
            let (labels, help) = match dead.first() {
                None => (
                    vec![LabeledSpan::new_primary_with_span(
                        Some("this can never be true".into()),
                        span(item.when.span),
                    )],
                    "the tests joined by `and` contradict each other, as in `confidence < 50% \
                     and confidence > 70%`; did you mean `or`, or other numbers?"
                        .to_string(),
                ),
                Some(first) => (
                    dead.iter()
                        .enumerate()
                        .map(|(i, d)| {
                            let text = Some(format!("never true: {}", d.why));
                            if i == 0 {
                                LabeledSpan::new_primary_with_span(text, span(d.span))
                            } else {
                                LabeledSpan::new_with_span(text, span(d.span))
                            }
                        })
                        .collect(),
                    first.help.clone(),
                ),
            };
            found.push(Found {
                item: item.span.start,
                code: "never-matches",
                lint: Lint::NeverMatches {
                    rule: rule.name.clone(),
                    labels,
                    help,
                },
            });
        } else {
            for d in dead {
                found.push(Found {
                    item: item.span.start,
                    code: "never-true",
                    lint: Lint::NeverTrue {
                        rule: rule.name.clone(),
                        test: source.get(d.span.range()).unwrap_or_default().to_string(),
                        why: d.why,
                        span: span(d.span),
                        help: d.help,
                    },
                });
            }
        }
    }
    let mut budget = MAX_LINT_STEPS;
    for (id, (rule, item)) in model.rules.iter().zip(&items).enumerate() {
        let mine = &regions[id];
        if mine.is_empty() {
            continue;
        }
        // The rows above that overlap this rule's: only they can cover it.
        let mut above: Vec<(usize, &Region)> = Vec::new();
        for (other, list) in regions.iter().enumerate().take(id) {
            for region in list {
                let Some(left) = budget.checked_sub(mine.len()) else {
                    return;
                };
                budget = left;
                if mine.iter().any(|m| space.overlaps(m, region)) {
                    above.push((other, region));
                }
            }
        }
        if above.is_empty() {
            continue;
        }
        // Most often one rule above covers this one on its own: tried first, rule by
        // rule, each with its own rows only, which is far cheaper than the union.
        let mut alone: Option<usize> = None;
        for group in above.chunk_by(|a, b| a.0 == b.0) {
            let own: Vec<&Region> = group.iter().map(|(_, r)| *r).collect();
            let Some(covers) = space.covers_all(mine, &own, &mut budget) else {
                return;
            };
            if covers {
                alone = group.first().map(|(r, _)| *r);
                break;
            }
        }
        match alone {
            // Reported as covered by that rule alone.
            Some(one) => above.retain(|(r, _)| *r == one),
            None => {
                let others: Vec<&Region> = above.iter().map(|(_, r)| *r).collect();
                // Out of budget: no answer, so no warning.
                let Some(covered) = space.covers_all(mine, &others, &mut budget) else {
                    return;
                };
                if !covered {
                    continue;
                }
            }
        }
        // The rules needed: each overlapping rule is dropped in turn when the others
        // still cover this one without it.
        let mut covering: Vec<usize> = above.iter().map(|(r, _)| *r).collect();
        covering.dedup();
        for candidate in covering.clone() {
            let without: Vec<&Region> = above
                .iter()
                .filter(|(r, _)| *r != candidate && covering.contains(r))
                .map(|(_, region)| *region)
                .collect();
            let Some(still) = space.covers_all(mine, &without, &mut budget) else {
                return;
            };
            if still {
                covering.retain(|r| *r != candidate);
            }
        }
        let covering_names: Vec<&str> = covering
            .iter()
            .filter_map(|&r| model.rules.get(r).map(|r| r.name.as_str()))
            .collect();
        let topmost = covering_names.first().copied().unwrap_or_default();
        let plural = covering.len() > 1;
        found.push(Found {
            item: item.span.start,
            code: "unreachable-rule",
            lint: Lint::UnreachableRule {
                rule: rule.name.clone(),
                covered_by: format!(
                    "{} {}",
                    if plural { "rules" } else { "rule" },
                    names(&covering_names)
                ),
                verb: if plural { "cover" } else { "covers" },
                span: span(item.head_span),
                covering: covering
                    .iter()
                    .filter_map(|&r| items.get(r))
                    .map(|r| LabeledSpan::new_with_span(Some("decides first".into()), r.head_span))
                    .collect(),
                help: format!(
                    "move `{}` above `{topmost}` if it should win, make the rules above \
                     narrower, or remove it",
                    rule.name
                ),
            },
        });
    }

    // A stay rule above an explicit rule whose cases it shares.
    for (s, stay) in model.rules.iter().enumerate() {
        if stay.kind.is_some() {
            continue;
        }
        for (e, explicit) in model.rules.iter().enumerate().skip(s + 1) {
            if explicit.kind != Some(Kind::Explicit) {
                continue;
            }
            let mut overlap = false;
            'pairs: for a in &regions[s] {
                for b in &regions[e] {
                    let Some(left) = budget.checked_sub(1) else {
                        return;
                    };
                    budget = left;
                    if space.overlaps(a, b) {
                        overlap = true;
                        break 'pairs;
                    }
                }
            }
            if let (true, Some(si), Some(ei)) = (overlap, items.get(s), items.get(e)) {
                found.push(Found {
                    item: si.span.start,
                    code: "stay-overrides-explicit",
                    lint: Lint::StayOverridesExplicit {
                        stay: stay.name.clone(),
                        explicit: explicit.name.clone(),
                        span: span(si.head_span),
                        explicit_span: span(ei.head_span),
                        help: format!(
                            "move rule `{}` above `{}`: a customer who asks for a person \
                             should always get one",
                            explicit.name, stay.name
                        ),
                    },
                });
            }
        }
    }
}

/// Where a suggested rule can send the customer: the skill `general` when a team has it,
/// else the first team, else a placeholder.
fn example_target(model: &Model) -> String {
    if model
        .teams
        .iter()
        .any(|t| t.skills.iter().any(|s| s == "general"))
    {
        "skill general".into()
    } else {
        model
            .teams
            .first()
            .map_or_else(|| "TEAM".into(), |t| t.name.clone())
    }
}

/// The help of `no-escape-hatch`: a rule built from the policy's own names, with the
/// phrase set it needs declared first when it has none that reads like a request for a
/// person.
fn escape_hatch_help(model: &Model) -> String {
    let target = example_target(model);
    let asks = model.phrase_sets.iter().find(|set| {
        ["human", "person", "agent", "someone", "operator"]
            .iter()
            .any(|w| set.name.contains(w))
    });
    match asks {
        Some(set) => format!(
            "add a rule of kind `explicit` first in the file: `rule asks_for_human: explicit {{ \
             when message mentions {}  escalate to {target} }}`",
            set.name
        ),
        None => format!(
            "declare what customers type when they want a person, `phrases asks_for_human = \
             [\"talk to a human\", \"real person\"]`, and add a rule of kind `explicit` first \
             in the file: `rule asks_for_human: explicit {{ when message mentions asks_for_human  \
             escalate to {target} }}`"
        ),
    }
}

/// The help of `no-failure-rule`: a limit rule on the policy's own count of failed
/// attempts and its confidence fact, or, when it declares neither, the fact to add.
fn failure_rule_help(model: &Model) -> String {
    let target = example_target(model);
    let count = model
        .facts
        .iter()
        .find(|f| f.ty == Type::Number && (f.name.contains("fail") || f.name.contains("attempt")));
    let confidence = model
        .facts
        .iter()
        .filter(|f| f.ty == Type::Percent)
        .min_by_key(|f| !f.name.contains("confidence"));
    let mut tests = Vec::new();
    if let Some(f) = count {
        tests.push(format!("{} >= 2", f.name));
    }
    if let Some(f) = confidence {
        tests.push(format!("{} < 60%", f.name));
    }
    if tests.is_empty() {
        format!(
            "have the bot count its failed answers, `fact failed_attempts: number = 0`, and add \
             a rule of kind `limit`: `rule stuck: limit {{ when failed_attempts >= 2  escalate \
             to {target} }}`"
        )
    } else {
        format!(
            "add a rule of kind `limit`, such as `rule stuck: limit {{ when {}  escalate to \
             {target} }}`",
            tests.join(" or ")
        )
    }
}

/// The readiness checklist: an escape hatch, a failure rule, an offline fallback, and a
/// handoff that tells the agent why and what was said.
fn readiness(file: &PolicyFile, model: &Model, found: &mut Vec<Found>) {
    let policy = span(file.name.span);
    // The `policy` line is the item policy-wide warnings are about: its line starts at
    // or before the name.
    let policy_item = file.name.span.start;
    if !model.rules.iter().any(|r| r.kind == Some(Kind::Explicit)) {
        found.push(Found {
            item: policy_item,
            code: "no-escape-hatch",
            lint: Lint::NoEscapeHatch {
                span: policy,
                help: escape_hatch_help(model),
            },
        });
    }
    if !model.rules.iter().any(|r| r.kind == Some(Kind::Limit)) {
        found.push(Found {
            item: policy_item,
            code: "no-failure-rule",
            lint: Lint::NoFailureRule {
                span: policy,
                help: failure_rule_help(model),
            },
        });
    }
    if model.offline.is_none() {
        // Teams with hours that a rule without its own fallback can route to.
        for (t, team) in model.teams.iter().enumerate() {
            if team.hours == HoursRef::Always {
                continue;
            }
            let unprotected = model.rules.iter().any(|r| {
                r.offline.is_none()
                    && match &r.action {
                        Action::Escalate { targets, .. } => targets.iter().any(|x| match x {
                            TargetRef::Team(id) => *id == t,
                            TargetRef::Skill { teams, .. } => teams.contains(&t),
                        }),
                        Action::Stay => false,
                    }
            });
            let item = file.items.iter().find_map(|i| match i {
                Item::Team(x) if x.name.node == team.name => Some(x),
                _ => None,
            });
            if let (true, Some(item)) = (unprotected, item) {
                let at = item.hours.first().map_or(item.name.span, |h| h.span);
                found.push(Found {
                    item: item.span.start,
                    code: "no-offline-fallback",
                    lint: Lint::NoOfflineFallback {
                        team: team.name.clone(),
                        span: span(at),
                    },
                });
            }
        }
    }
    let handoff = file.items.iter().find_map(|i| match i {
        Item::Handoff(h) => Some(h),
        _ => None,
    });
    if let Some(h) = handoff {
        use crate::check::model::HandoffPart;
        let reason = model.handoff.contains(&HandoffPart::Reason);
        let transcript = model.handoff.contains(&HandoffPart::Transcript);
        let (missing, why, add) = match (reason, transcript) {
            (true, true) => return,
            (false, true) => ("reason", "why the bot escalated", "reason"),
            (true, false) => ("transcript", "what the customer said", "transcript"),
            (false, false) => (
                "reason and the transcript",
                "why the bot escalated or what the customer said",
                "reason, transcript",
            ),
        };
        found.push(Found {
            item: h.span.start,
            code: "missing-context",
            lint: Lint::MissingContext {
                missing: missing.into(),
                why: why.into(),
                span: span(h.span),
                help: format!("add `{add}` to the `handoff` list"),
            },
        });
    }
}

/// Every fact, signal... an expression reads.
fn walk(expr: &Expr, f: &mut impl FnMut(&Test)) {
    match expr {
        Expr::Or(list) | Expr::And(list) => list.iter().for_each(|e| walk(e, f)),
        Expr::Not(e) => walk(e, f),
        Expr::Test(t, _) => f(t),
    }
}

/// A phrase of a set as the phrase lints read it: its words, and where its text is.
struct PhraseText<'a> {
    /// The text, escapes read.
    text: &'a str,
    /// As written between the quotes, escapes included, so that a tab shows as `\t`.
    written: &'a str,
    /// The words, as phrase matching cuts them.
    words: Vec<crate::text::words::Word>,
    /// Where the phrase is, quotes included.
    span: Span,
    /// Whether offsets in the text are offsets in the source, one past the quote: only
    /// when the phrase has no escapes.
    exact: bool,
}

impl<'a> PhraseText<'a> {
    fn new(source: &'a str, phrase: &'a crate::syntax::ast::Spanned<String>) -> Self {
        let text = phrase.node.as_str();
        let raw = source.get(phrase.span.range()).unwrap_or("");
        let written = if raw.len() >= 2 {
            raw.get(1..raw.len() - 1).unwrap_or(text)
        } else {
            text
        };
        PhraseText {
            text,
            written,
            words: crate::text::words::words(text),
            span: phrase.span,
            exact: raw.len() == text.len() + 2,
        }
    }

    /// Whether word `i` is written with a trailing `*` (a prefix word).
    fn prefix(&self, i: usize) -> bool {
        self.words
            .get(i)
            .and_then(|w| self.text.get(w.end..))
            .is_some_and(|r| r.starts_with('*'))
    }

    /// Word `i` as phrase matching sees it, with its `*`.
    fn word(&self, i: usize) -> String {
        let star = if self.prefix(i) { "*" } else { "" };
        let word = self.words.get(i).map_or("", |w| w.text.as_str());
        format!("{word}{star}")
    }

    /// Where `len` bytes from `start` in the text are in the source: there, when offsets
    /// are exact, else the whole phrase.
    fn at(&self, start: usize, len: usize) -> SourceSpan {
        if self.exact {
            (self.span.start + 1 + start, len).into()
        } else {
            span(self.span)
        }
    }
}

/// `phrase-punctuation`: a phrase with punctuation between two of its words
/// (`"log-in"`, `"agent, please"`). A phrase's own punctuation is ignored, and in a
/// message punctuation between two words breaks a phrase (design section 3.2), so such a
/// phrase never matches the text as its author wrote it.
fn phrase_punctuation(file: &PolicyFile, source: &str, found: &mut Vec<Found>) {
    for item in &file.items {
        let Item::Phrases(set) = item else { continue };
        for phrase in &set.phrases {
            let phrase = PhraseText::new(source, phrase);
            let (text, words) = (phrase.text, &phrase.words);
            let mut marks: Vec<char> = Vec::new();
            let mut gaps = Vec::new();
            // Every break a hyphen inside a word: `log-in`, `e-mail`.
            let mut hyphenated = true;
            // What goes between each two words to write the hyphenated ones as one.
            let mut joined_seps: Vec<&str> = Vec::new();
            for pair in words.windows(2) {
                let [before, after] = pair else { continue };
                let gap = text.get(before.end..after.start).unwrap_or("");
                // A wildcard ends the word before it; white space is what a phrase's
                // words are meant to be separated by.
                let wildcard = gap.len() - gap.trim_start_matches('*').len();
                let inner = gap.get(wildcard..).unwrap_or("");
                let lead = inner.len() - inner.trim_start().len();
                let mark = inner.trim();
                let bare_hyphen = wildcard == 0 && inner == "-";
                joined_seps.push(if bare_hyphen { "" } else { " " });
                if mark.is_empty() {
                    continue;
                }
                hyphenated &= bare_hyphen;
                for c in mark.chars().filter(|c| !c.is_whitespace()) {
                    if !marks.contains(&c) {
                        marks.push(c);
                    }
                }
                let at = phrase.at(before.end + wildcard + lead, mark.len());
                gaps.push(LabeledSpan::new_with_span(
                    Some("breaks the phrase in a message".into()),
                    at,
                ));
            }
            if gaps.is_empty() {
                continue;
            }
            let spaced: Vec<String> = (0..words.len()).map(|i| phrase.word(i)).collect();
            let spaced = spaced.join(" ");
            let written = phrase.written;
            found.push(Found {
                item: set.span.start,
                code: "phrase-punctuation",
                lint: Lint::PhrasePunctuation {
                    phrase: written.to_string(),
                    marks: listed(&marks, "or"),
                    help: if let Some(choices) = alternation(text) {
                        format!(
                            "phrases are words, not regular expressions: write each choice as a \
                             phrase of its own, {choices}"
                        )
                    } else {
                        let mut help = format!(
                            "write it \"{spaced}\", which is what it matches: a customer who \
                             types \"{written}\" is not matched, since no phrase matches across \
                             punctuation"
                        );
                        if hyphenated {
                            let mut joined = String::new();
                            for (i, w) in words.iter().enumerate() {
                                if i > 0 {
                                    joined.push_str(joined_seps.get(i - 1).unwrap_or(&" "));
                                }
                                joined.push_str(&w.text);
                            }
                            help.push_str(&format!(
                                "; customers also write a hyphenated word as one, so add \
                                 \"{joined}\" too"
                            ));
                        }
                        help
                    },
                    spaced,
                    gaps,
                },
            });
        }
    }
}

/// `fixed-offset-zone`: hours read in a zone of the database that keeps one offset all
/// year (`EST`, `GMT`, `Etc/GMT+5`), where the place it likely stands for changes its
/// clocks: such hours are an hour off for half the year.
fn fixed_offset_zones(file: &PolicyFile, found: &mut Vec<Found>) {
    for item in &file.items {
        let Item::Hours(h) = item else { continue };
        let Some((offset, help)) = crate::check::zones::fixed_offset(&h.zone.node) else {
            continue;
        };
        found.push(Found {
            item: h.span.start,
            code: "fixed-offset-zone",
            lint: Lint::FixedOffsetZone {
                hours: h.name.node.clone(),
                zone: h.zone.node.clone(),
                offset,
                span: span(h.zone.span),
                help: format!(
                    "{help}; if one offset all year is meant, add `# allow: fixed-offset-zone` above the hours"
                ),
            },
        });
    }
}

/// The choices of a phrase written as a regular expression's alternation
/// (`(agent|human)`, `refund|money back`), quoted and listed; `None` without `|`.
fn alternation(text: &str) -> Option<String> {
    if !text.contains('|') {
        return None;
    }
    let choices: Vec<String> = text
        .split('|')
        .map(|c| c.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace()))
        .filter(|c| !c.is_empty())
        .map(|c| format!("\"{c}\""))
        .collect();
    (choices.len() >= 2).then(|| listed(&choices, "and"))
}

/// `unused-definition`: facts, phrase sets and hours nothing uses, and teams no rule can
/// route to.
fn unused(file: &PolicyFile, model: &Model, found: &mut Vec<Found>) {
    let mut facts = vec![false; model.facts.len()];
    let mut sets = vec![false; model.phrase_sets.len()];
    let mut hours = vec![false; model.hours.len()];
    let mut teams = vec![false; model.teams.len()];
    let mark = |v: &mut Vec<bool>, i: usize| {
        if let Some(x) = v.get_mut(i) {
            *x = true;
        }
    };
    for rule in &model.rules {
        walk(&rule.when, &mut |t| match t {
            Test::Compare {
                operand: Operand::Fact(f),
                ..
            }
            | Test::In {
                operand: Operand::Fact(f),
                ..
            }
            | Test::Flag(f) => mark(&mut facts, *f),
            Test::Mentions { sets: s, .. } => s.iter().for_each(|s| mark(&mut sets, *s)),
            Test::Within(HoursRef::Named(h)) => mark(&mut hours, *h),
            _ => {}
        });
        if let Action::Escalate { targets, .. } = &rule.action {
            for target in targets {
                match target {
                    TargetRef::Team(t) => mark(&mut teams, *t),
                    TargetRef::Skill { teams: list, .. } => {
                        list.iter().for_each(|t| mark(&mut teams, *t))
                    }
                }
            }
        }
    }
    for team in &model.teams {
        if let HoursRef::Named(h) = team.hours {
            mark(&mut hours, h);
        }
    }
    // The summary quotes a fact named `intent`.
    if model
        .handoff
        .contains(&crate::check::model::HandoffPart::Summary)
        && let Some(i) = model.facts.iter().position(|f| f.name == "intent")
    {
        mark(&mut facts, i);
    }

    // Whether the definition named `name` has its flag set (one flag per definition, in
    // the model's order); a name the model lacks counts as used.
    fn used<'a>(mut names: impl Iterator<Item = &'a str>, flags: &[bool], name: &str) -> bool {
        names
            .position(|n| n == name)
            .is_none_or(|i| flags.get(i).copied().unwrap_or(true))
    }
    for item in &file.items {
        let (what, name, used, reason) = match item {
            Item::Fact(f) => (
                "fact",
                &f.name,
                used(
                    model.facts.iter().map(|x| x.name.as_str()),
                    &facts,
                    &f.name.node,
                ),
                "no rule reads this fact",
            ),
            Item::Phrases(p) => (
                "phrase set",
                &p.name,
                used(
                    model.phrase_sets.iter().map(|x| x.name.as_str()),
                    &sets,
                    &p.name.node,
                ),
                "no rule tests these phrases",
            ),
            Item::Hours(h) => (
                "hours",
                &h.name,
                used(
                    model.hours.iter().map(|x| x.name.as_str()),
                    &hours,
                    &h.name.node,
                ),
                "no team keeps these hours and no rule tests them",
            ),
            Item::Team(t) => (
                "team",
                &t.name,
                used(
                    model.teams.iter().map(|x| x.name.as_str()),
                    &teams,
                    &t.name.node,
                ),
                "no rule escalates to this team, by name or by skill",
            ),
            _ => continue,
        };
        if used {
            continue;
        }
        let n = &name.node;
        let help = match what {
            "fact" => format!(
                "test it in a rule's `when` (such as `when {n} ...`), or remove it; requests \
                 may then leave it out"
            ),
            "phrase set" => format!(
                "test it with `message mentions {n}` or `conversation mentions {n}`, or remove it"
            ),
            "hours" => format!(
                "give them to a team (`hours {n}`) or test them with `within {n}`, or remove them"
            ),
            _ => {
                format!("escalate to it (`escalate to {n}`) or to one of its skills, or remove it")
            }
        };
        found.push(Found {
            item: item.span().start,
            code: "unused-definition",
            lint: Lint::UnusedDefinition {
                what,
                name: n.clone(),
                span: span(name.span),
                reason: reason.into(),
                help,
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_listed_as_a_person_would() {
        assert_eq!(names(&["a"]), "`a`");
        assert_eq!(names(&["a", "b"]), "`a` and `b`");
        assert_eq!(names(&["a", "b", "c"]), "`a`, `b` and `c`");
    }

    #[test]
    fn allow_comments_are_found_in_the_comment_block_above() {
        let src = "# allow: never-matches, unused-definition\n# why: kept for later\nrule x";
        let at = src.find("rule").unwrap();
        assert!(allowed(src, at, "never-matches"));
        assert!(allowed(src, at, "unused-definition"));
        assert!(!allowed(src, at, "unreachable-rule"));
        let gap = "# allow: never-matches\n\nrule x";
        assert!(!allowed(gap, gap.find("rule").unwrap(), "never-matches"));
        let indented = "  rule x";
        assert!(!allowed(indented, 2, "never-matches"));
    }
}
