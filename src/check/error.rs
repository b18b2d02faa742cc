//! The errors of checking a policy's meaning: names, types, literals and the shape of
//! each item. Each variant has a stable code; see `docs/diagnostics.md`.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// An error found while checking a policy that parsed.
#[derive(Clone, Debug, Error, Diagnostic, PartialEq)]
pub enum CheckError {
    // ----- names -----------------------------------------------------------------------
    #[error("unknown {what} `{name}`")]
    #[diagnostic(code("unknown-name"))]
    UnknownName {
        what: &'static str,
        name: String,
        #[label("not declared in this policy")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{value}` is not one of the choices of `{fact}`")]
    #[diagnostic(code("unknown-value"))]
    UnknownValue {
        value: String,
        fact: String,
        #[label("not a choice of `{fact}`")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("unknown type `{name}`")]
    #[diagnostic(code("unknown-type"))]
    UnknownType {
        name: String,
        #[label("not a type")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("unknown rule kind `{name}`")]
    #[diagnostic(code("unknown-kind"))]
    UnknownKind {
        name: String,
        #[label("not a rule kind")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("unknown priority `{name}`")]
    #[diagnostic(code("unknown-priority"))]
    UnknownPriority {
        name: String,
        #[label("not a priority")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("unknown offline fallback `{name}`")]
    #[diagnostic(code("unknown-offline-mode"))]
    UnknownOfflineMode {
        name: String,
        #[label("not a fallback")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("unknown handoff `{name}`")]
    #[diagnostic(code("unknown-handoff"))]
    UnknownHandoff {
        name: String,
        #[label("not a way of handing off")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("unknown time zone `{name}`")]
    #[diagnostic(code("unknown-time-zone"))]
    UnknownTimeZone {
        name: String,
        #[label("not a time zone")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{name}` is {actual}, not a phrase set")]
    #[diagnostic(code("not-a-phrase-set"))]
    NotAPhraseSet {
        name: String,
        actual: &'static str,
        #[label("`mentions` needs a phrase set")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{name}` is {actual}, not opening hours")]
    #[diagnostic(code("not-hours"))]
    NotHours {
        name: String,
        actual: &'static str,
        #[label("opening hours are needed here")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{name}` is {actual}, not a team")]
    #[diagnostic(code("not-a-team"))]
    NotATeam {
        name: String,
        actual: &'static str,
        #[label("a team is needed here")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{name}` is {actual}, not a fact or a signal")]
    #[diagnostic(code("not-a-value"))]
    NotAValue {
        name: String,
        actual: &'static str,
        #[label("a fact or a signal is needed here")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{name}` is a signal, not a fact")]
    #[diagnostic(code("not-a-fact"))]
    NotAFact {
        name: String,
        #[label("signals are computed from the messages")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    // ----- types -----------------------------------------------------------------------
    #[error("`{subject}` is {expected}, but this is {found}")]
    #[diagnostic(code("type-mismatch"))]
    TypeMismatch {
        subject: String,
        expected: String,
        found: &'static str,
        #[label("expected {expected}")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{op}` cannot compare `{subject}`, which is {ty}")]
    #[diagnostic(code("bad-comparison"))]
    BadComparison {
        op: &'static str,
        subject: String,
        ty: String,
        #[label("only numbers, percents and durations are ordered")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{name}` is not a yes/no fact, so it cannot stand alone as a condition")]
    #[diagnostic(code("not-a-flag"))]
    NotAFlag {
        name: String,
        #[label("{name} is {ty}")]
        span: SourceSpan,
        ty: String,
        #[help]
        help: Option<String>,
    },

    // ----- literals --------------------------------------------------------------------
    #[error("`{text}` is not a percent from 0% to 100%")]
    #[diagnostic(code("percent-out-of-range"))]
    PercentOutOfRange {
        text: String,
        #[label("out of range")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{text}` is not a time of day")]
    #[diagnostic(
        code("invalid-time"),
        help(
            "write hours from 00 to 23 and minutes from 00 to 59, such as `08:00` or `17:30`; `24:00` may end a span"
        )
    )]
    InvalidTime {
        text: String,
        #[label("no such time")]
        span: SourceSpan,
    },

    #[error("`{text}` is not a date")]
    #[diagnostic(code("invalid-date"))]
    InvalidDate {
        text: String,
        #[label("{reason}")]
        span: SourceSpan,
        reason: String,
        #[help]
        help: Option<String>,
    },

    #[error("`{text}` is not a usable duration")]
    #[diagnostic(code("invalid-duration"))]
    InvalidDuration {
        text: String,
        #[label("{reason}")]
        span: SourceSpan,
        reason: &'static str,
        #[help]
        help: Option<String>,
    },

    #[error("`{text}` is too large a number")]
    #[diagnostic(
        code("invalid-number"),
        help("numbers in a policy are counts and scores; write one with at most 15 digits")
    )]
    InvalidNumber {
        text: String,
        #[label("too large")]
        span: SourceSpan,
    },

    #[error("`{text}` is not a date and time with its offset")]
    #[diagnostic(code("invalid-timestamp"))]
    InvalidTimestamp {
        text: String,
        #[label("{reason}")]
        span: SourceSpan,
        reason: String,
        #[help]
        help: String,
    },

    #[error("`{text}` is not a number of agents")]
    #[diagnostic(
        code("invalid-count"),
        help("write a whole number from 0 up, such as `available billing 0`")
    )]
    InvalidCount {
        text: String,
        #[label("not a whole number from 0 up")]
        span: SourceSpan,
    },

    #[error("the span `{text}` is empty")]
    #[diagnostic(
        code("empty-time-span"),
        help(
            "a span runs from its first time to its second: `08:00-20:00`; for a whole day write `00:00-24:00`"
        )
    )]
    EmptyTimeSpan {
        text: String,
        #[label("starts and ends at the same time")]
        span: SourceSpan,
    },

    // ----- duplicates ------------------------------------------------------------------
    #[error("{what} `{name}` is declared twice")]
    #[diagnostic(code("duplicate-name"))]
    DuplicateName {
        what: &'static str,
        name: String,
        #[label("declared again here")]
        span: SourceSpan,
        #[label("first declared here")]
        first: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("a policy has one `{what}` item")]
    #[diagnostic(code("duplicate-item"))]
    DuplicateItem {
        what: &'static str,
        #[label("a second `{what}`")]
        span: SourceSpan,
        #[label("the first")]
        first: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("{owner} has more than one `{what}` line")]
    #[diagnostic(code("duplicate-line"))]
    DuplicateLine {
        owner: String,
        what: &'static str,
        #[label("a second `{what}`")]
        span: SourceSpan,
        #[label("the first")]
        first: SourceSpan,
        #[help]
        help: Option<String>,
    },

    // ----- rules -----------------------------------------------------------------------
    #[error("rule `{rule}` escalates but does not say its kind")]
    #[diagnostic(
        code("missing-kind"),
        help(
            "name why it escalates after the rule's name: `rule {rule}: explicit` (the customer asked), `signal` (frustration), `limit` (the bot's limits) or `context` (a sensitive topic)"
        )
    )]
    MissingKind {
        rule: String,
        #[label("add `: explicit`, `: signal`, `: limit` or `: context` here")]
        span: SourceSpan,
    },

    #[error("rule `{rule}` stays with the bot, so it has no kind")]
    #[diagnostic(
        code("kind-on-stay"),
        help(
            "remove `: {kind}`: kinds say why a rule escalates, and a `stay` rule does not escalate"
        )
    )]
    KindOnStay {
        rule: String,
        kind: String,
        #[label("a kind on a `stay` rule")]
        span: SourceSpan,
    },

    #[error("rule `{rule}` does not say what to do")]
    #[diagnostic(
        code("missing-action"),
        help(
            "add `escalate to TEAM` to hand the conversation to a person, or `stay` to keep it with the bot"
        )
    )]
    MissingAction {
        rule: String,
        #[label("needs `escalate to ...` or `stay`")]
        span: SourceSpan,
    },

    #[error("rule `{rule}` both escalates and stays")]
    #[diagnostic(
        code("conflicting-action"),
        help("keep one of them; to stay in some cases and escalate in others, write two rules")
    )]
    ConflictingAction {
        rule: String,
        #[label("escalates here")]
        escalate: SourceSpan,
        #[label("stays here")]
        stay: SourceSpan,
    },

    #[error("`{what}` has no effect on a `stay` rule")]
    #[diagnostic(code("not-for-stay"))]
    NotForStay {
        what: &'static str,
        #[label("rule `{rule}` keeps the conversation with the bot")]
        span: SourceSpan,
        rule: String,
        #[help]
        help: Option<String>,
    },

    // ----- phrases and hours -------------------------------------------------------------
    #[error("phrase set `{name}` has no phrases")]
    #[diagnostic(
        code("empty-phrase-set"),
        help(
            "list what customers type, for example `phrases {name} = [\"talk to a human\", \"real person\"]`"
        )
    )]
    EmptyPhraseSet {
        name: String,
        #[label("empty")]
        span: SourceSpan,
    },

    #[error("this phrase has no words")]
    #[diagnostic(
        code("empty-phrase"),
        help(
            "a phrase is matched word by word, and punctuation is ignored; write at least one word, or remove it"
        )
    )]
    EmptyPhrase {
        #[label("no letters or digits")]
        span: SourceSpan,
    },

    #[error("this phrase has {words} words, more than {limit}")]
    #[diagnostic(
        code("phrase-too-long"),
        help(
            "a phrase is what a customer types in one go, matched word by word; split it into shorter phrases that each mean the request"
        )
    )]
    PhraseTooLong {
        words: usize,
        limit: usize,
        #[label("too long to be typed exactly")]
        span: SourceSpan,
    },

    #[error("`*` may only end a word in a phrase")]
    #[diagnostic(code("invalid-wildcard"))]
    InvalidWildcard {
        #[label("misplaced `*`")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("hours `{name}` never open")]
    #[diagnostic(
        code("empty-hours"),
        help(
            "add the days and times the team works, such as `mon-fri 09:00-17:00`; a team that is always open needs no `hours`"
        )
    )]
    EmptyHours {
        name: String,
        #[label("no opening times")]
        span: SourceSpan,
    },

    // ----- facts and signals -------------------------------------------------------------
    #[error("`{name}` is the name of a built-in signal")]
    #[diagnostic(
        code("signal-name-taken"),
        help(
            "Baton computes `{name}` from the conversation; give the fact another name, such as `bot_{name}`"
        )
    )]
    SignalNameTaken {
        name: String,
        #[label("already a signal")]
        span: SourceSpan,
    },

    #[error("`{name}` needs {needs}")]
    #[diagnostic(code("missing-argument"))]
    MissingArgument {
        name: String,
        needs: &'static str,
        #[label("missing its argument")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{name}` takes no argument")]
    #[diagnostic(code("unexpected-argument"))]
    UnexpectedArgument {
        name: String,
        #[label("remove this")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    // ----- tests -------------------------------------------------------------------------
    #[error("test `{test}` does not give the required fact `{fact}`")]
    #[diagnostic(code("missing-fact"))]
    MissingFact {
        test: String,
        fact: String,
        #[label("needs `{fact}`")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("test `{test}` does not say what it expects")]
    #[diagnostic(
        code("missing-expect"),
        help(
            "end the test with `expect stay` or `expect escalate to TEAM`, adding `by RULE` to name the deciding rule"
        )
    )]
    MissingExpect {
        test: String,
        #[label("no `expect` line")]
        span: SourceSpan,
    },

    #[error("rule `{rule}` {does}, so it cannot decide `expect {expected}`")]
    #[diagnostic(code("impossible-expectation"))]
    ImpossibleExpectation {
        rule: String,
        does: &'static str,
        expected: &'static str,
        #[label("this expectation can never be met")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },
}
