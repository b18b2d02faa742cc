//! The errors of checking a policy's meaning: names, types, literals and the shape of
//! each item. Each variant has a stable code; see `docs/diagnostics.md`.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// An error found while checking a policy that parsed.
#[derive(Clone, Debug, Error, Diagnostic, PartialEq)]
pub enum CheckError {
    // ----- names -----------------------------------------------------------------------
    /// A name that no item declares.
    #[error("unknown {what} `{name}`")]
    #[diagnostic(code("unknown-name"))]
    UnknownName {
        /// What kind of name: `fact or signal`, `phrase set`, `team`...
        what: &'static str,
        /// The name, as written.
        name: String,
        /// Where it is, in the policy.
        #[label("not declared in this policy")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// A value that is not among an enumeration fact's choices.
    #[error("`{value}` is not one of the choices of `{fact}`")]
    #[diagnostic(code("unknown-value"))]
    UnknownValue {
        /// The value, as written.
        value: String,
        /// The fact.
        fact: String,
        /// Where it is, in the policy.
        #[label("not a choice of `{fact}`")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// A fact's type that is not one of Baton's.
    #[error("unknown type `{name}`")]
    #[diagnostic(code("unknown-type"))]
    UnknownType {
        /// The type, as written.
        name: String,
        /// Where it is, in the policy.
        #[label("not a type")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// A rule kind other than `explicit`, `signal`, `limit` and `context`.
    #[error("unknown rule kind `{name}`")]
    #[diagnostic(code("unknown-kind"))]
    UnknownKind {
        /// The kind, as written.
        name: String,
        /// Where it is, in the policy.
        #[label("not a rule kind")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// A priority other than `low`, `normal`, `high` and `urgent`.
    #[error("unknown priority `{name}`")]
    #[diagnostic(code("unknown-priority"))]
    UnknownPriority {
        /// The priority, as written.
        name: String,
        /// Where it is, in the policy.
        #[label("not a priority")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// An `offline` fallback other than `ticket` and `callback`.
    #[error("unknown offline fallback `{name}`")]
    #[diagnostic(code("unknown-offline-mode"))]
    UnknownOfflineMode {
        /// The fallback, as written.
        name: String,
        /// Where it is, in the policy.
        #[label("not a fallback")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// A test's `expect ... via` other than `live`, `ticket`, `callback` and `queue`.
    #[error("unknown handoff `{name}`")]
    #[diagnostic(code("unknown-handoff"))]
    UnknownHandoff {
        /// The handoff, as written.
        name: String,
        /// Where it is, in the policy.
        #[label("not a way of handing off")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// A time zone the bundled time-zone database does not know.
    #[error("unknown time zone `{name}`")]
    #[diagnostic(code("unknown-time-zone"))]
    UnknownTimeZone {
        /// The zone, as written.
        name: String,
        /// Where it is, in the policy.
        #[label("not a time zone")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// `mentions` given a name that is not a phrase set.
    #[error("`{name}` is {actual}, not a phrase set")]
    #[diagnostic(code("not-a-phrase-set"))]
    NotAPhraseSet {
        /// The name.
        name: String,
        /// What it names instead.
        actual: &'static str,
        /// Where it is, in the policy.
        #[label("`mentions` needs a phrase set")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// `within` or a team's `hours` given a name that is not opening hours.
    #[error("`{name}` is {actual}, not opening hours")]
    #[diagnostic(code("not-hours"))]
    NotHours {
        /// The name.
        name: String,
        /// What it names instead.
        actual: &'static str,
        /// Where it is, in the policy.
        #[label("opening hours are needed here")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// `escalate to`, `available` or `waiting` given a name that is not a team.
    #[error("`{name}` is {actual}, not a team")]
    #[diagnostic(code("not-a-team"))]
    NotATeam {
        /// The name.
        name: String,
        /// What it names instead.
        actual: &'static str,
        /// Where it is, in the policy.
        #[label("a team is needed here")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// A condition that tests a name that is neither a fact nor a signal.
    #[error("`{name}` is {actual}, not a fact or a signal")]
    #[diagnostic(code("not-a-value"))]
    NotAValue {
        /// The name.
        name: String,
        /// What it names instead.
        actual: &'static str,
        /// Where it is, in the policy.
        #[label("a fact or a signal is needed here")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// A test's `facts` line that gives a signal, which Baton computes from the messages.
    #[error("`{name}` is a signal, not a fact")]
    #[diagnostic(code("not-a-fact"))]
    NotAFact {
        /// The signal's name.
        name: String,
        /// Where it is, in the policy.
        #[label("signals are computed from the messages")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    // ----- types -----------------------------------------------------------------------
    /// A literal of another type than the value it is compared with.
    #[error("`{subject}` is {expected}, but this is {found}")]
    #[diagnostic(code("type-mismatch"))]
    TypeMismatch {
        /// The fact or signal.
        subject: String,
        /// Its type, in a support lead's words.
        expected: String,
        /// The literal's type, in the same words.
        found: &'static str,
        /// Where it is, in the policy.
        #[label("expected {expected}")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// An order comparison (`<`, `>=`...) on a value without order.
    #[error("`{op}` cannot compare `{subject}`, which is {ty}")]
    #[diagnostic(code("bad-comparison"))]
    BadComparison {
        /// The comparison, as written.
        op: &'static str,
        /// The fact or signal.
        subject: String,
        /// Its type, in a support lead's words.
        ty: String,
        /// Where it is, in the policy.
        #[label("only numbers, percents and durations are ordered")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// A fact standing alone as a condition that is not a yes/no fact.
    #[error("`{name}` is not a yes/no fact, so it cannot stand alone as a condition")]
    #[diagnostic(code("not-a-flag"))]
    NotAFlag {
        /// The fact.
        name: String,
        /// Where it is, in the policy.
        #[label("{name} is {ty}")]
        span: SourceSpan,
        /// Its type, in a support lead's words.
        ty: String,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    // ----- literals --------------------------------------------------------------------
    /// A percent below 0% or above 100%.
    #[error("`{text}` is not a percent from 0% to 100%")]
    #[diagnostic(code("percent-out-of-range"))]
    PercentOutOfRange {
        /// The percent, as written.
        text: String,
        /// Where it is, in the policy.
        #[label("out of range")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// A time of day that does not exist (`25:00`).
    #[error("`{text}` is not a time of day")]
    #[diagnostic(
        code("invalid-time"),
        help(
            "write hours from 00 to 23 and minutes from 00 to 59, such as `08:00` or `17:30`; `24:00` may end a span"
        )
    )]
    InvalidTime {
        /// The time, as written.
        text: String,
        /// Where it is, in the policy.
        #[label("no such time")]
        span: SourceSpan,
    },

    /// A date that does not exist (`2026-02-30`).
    #[error("`{text}` is not a date")]
    #[diagnostic(code("invalid-date"))]
    InvalidDate {
        /// The date, as written.
        text: String,
        /// Where it is, in the policy.
        #[label("{reason}")]
        span: SourceSpan,
        /// What is wrong with it.
        reason: String,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// A duration Baton cannot use: an empty `burst` span, or a test's `after` too long
    /// for the calendar.
    #[error("`{text}` is not a usable duration")]
    #[diagnostic(code("invalid-duration"))]
    InvalidDuration {
        /// The duration, as written.
        text: String,
        /// Where it is, in the policy.
        #[label("{reason}")]
        span: SourceSpan,
        /// What is wrong with it.
        reason: &'static str,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// A number too large to hold: it would read as infinite.
    #[error("`{text}` is too large a number")]
    #[diagnostic(
        code("invalid-number"),
        help("numbers in a policy are counts and scores; write one with at most 15 digits")
    )]
    InvalidNumber {
        /// The number, as written.
        text: String,
        /// Where it is, in the policy.
        #[label("too large")]
        span: SourceSpan,
    },

    /// A test's `at` that is not an RFC 3339 time with its offset.
    #[error("`{text}` is not a date and time with its offset")]
    #[diagnostic(code("invalid-timestamp"))]
    InvalidTimestamp {
        /// The time, as written.
        text: String,
        /// Where it is, in the policy.
        #[label("{reason}")]
        span: SourceSpan,
        /// What is wrong with it.
        reason: String,
        /// How to fix it.
        #[help]
        help: String,
    },

    /// A test's `available` or `waiting` count that is not a whole number from 0 up.
    #[error("`{text}` is not a number of agents")]
    #[diagnostic(
        code("invalid-count"),
        help("write a whole number from 0 up, such as `available billing 0`")
    )]
    InvalidCount {
        /// The count, as written.
        text: String,
        /// Where it is, in the policy.
        #[label("not a whole number from 0 up")]
        span: SourceSpan,
    },

    /// An opening span that starts and ends at the same time.
    #[error("the span `{text}` is empty")]
    #[diagnostic(
        code("empty-time-span"),
        help(
            "a span runs from its first time to its second: `08:00-20:00`; for a whole day write `00:00-24:00`"
        )
    )]
    EmptyTimeSpan {
        /// The span, as written.
        text: String,
        /// Where it is, in the policy.
        #[label("starts and ends at the same time")]
        span: SourceSpan,
    },

    // ----- duplicates ------------------------------------------------------------------
    /// A name declared twice among items of one kind.
    #[error("{what} `{name}` is declared twice")]
    #[diagnostic(code("duplicate-name"))]
    DuplicateName {
        /// The kind of item.
        what: &'static str,
        /// The name.
        name: String,
        /// Where it is, in the policy.
        #[label("declared again here")]
        span: SourceSpan,
        /// Where it was declared first.
        #[label("first declared here")]
        first: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// An item a policy has at most once (`handoff`, `offline`), written twice.
    #[error("a policy has one `{what}` item")]
    #[diagnostic(code("duplicate-item"))]
    DuplicateItem {
        /// The item's keyword.
        what: &'static str,
        /// Where it is, in the policy.
        #[label("a second `{what}`")]
        span: SourceSpan,
        /// Where it was written first.
        #[label("the first")]
        first: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// A line an item has at most once, written twice.
    #[error("{owner} has more than one `{what}` line")]
    #[diagnostic(code("duplicate-line"))]
    DuplicateLine {
        /// The item, in words (`rule `r``).
        owner: String,
        /// The line's keyword.
        what: &'static str,
        /// Where it is, in the policy.
        #[label("a second `{what}`")]
        span: SourceSpan,
        /// Where it was written first.
        #[label("the first")]
        first: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    // ----- rules -----------------------------------------------------------------------
    /// An escalating rule without its kind.
    #[error("rule `{rule}` escalates but does not say its kind")]
    #[diagnostic(
        code("missing-kind"),
        help(
            "name why it escalates after the rule's name: `rule {rule}: explicit` (the customer asked), `signal` (frustration), `limit` (the bot's limits) or `context` (a sensitive topic)"
        )
    )]
    MissingKind {
        /// The rule.
        rule: String,
        /// Where it is, in the policy.
        #[label("add `: explicit`, `: signal`, `: limit` or `: context` here")]
        span: SourceSpan,
    },

    /// A `stay` rule given a kind.
    #[error("rule `{rule}` stays with the bot, so it has no kind")]
    #[diagnostic(
        code("kind-on-stay"),
        help(
            "remove `: {kind}`: kinds say why a rule escalates, and a `stay` rule does not escalate"
        )
    )]
    KindOnStay {
        /// The rule.
        rule: String,
        /// The kind, as written.
        kind: String,
        /// Where it is, in the policy.
        #[label("a kind on a `stay` rule")]
        span: SourceSpan,
    },

    /// A rule with neither `escalate` nor `stay`.
    #[error("rule `{rule}` does not say what to do")]
    #[diagnostic(
        code("missing-action"),
        help(
            "add `escalate to TEAM` to hand the conversation to a person, or `stay` to keep it with the bot"
        )
    )]
    MissingAction {
        /// The rule.
        rule: String,
        /// Where it is, in the policy.
        #[label("needs `escalate to ...` or `stay`")]
        span: SourceSpan,
    },

    /// A rule with both `escalate` and `stay`.
    #[error("rule `{rule}` both escalates and stays")]
    #[diagnostic(
        code("conflicting-action"),
        help("keep one of them; to stay in some cases and escalate in others, write two rules")
    )]
    ConflictingAction {
        /// The rule.
        rule: String,
        /// Where it escalates.
        #[label("escalates here")]
        escalate: SourceSpan,
        /// Where it stays.
        #[label("stays here")]
        stay: SourceSpan,
    },

    /// A line that only an escalation uses (`say`, `offline`), on a `stay` rule.
    #[error("`{what}` has no effect on a `stay` rule")]
    #[diagnostic(code("not-for-stay"))]
    NotForStay {
        /// The line's keyword.
        what: &'static str,
        /// Where it is, in the policy.
        #[label("rule `{rule}` keeps the conversation with the bot")]
        span: SourceSpan,
        /// The rule.
        rule: String,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    // ----- phrases and hours -------------------------------------------------------------
    /// A phrase set with no phrase.
    #[error("phrase set `{name}` has no phrases")]
    #[diagnostic(
        code("empty-phrase-set"),
        help(
            "list what customers type, for example `phrases {name} = [\"talk to a human\", \"real person\"]`"
        )
    )]
    EmptyPhraseSet {
        /// The set.
        name: String,
        /// Where it is, in the policy.
        #[label("empty")]
        span: SourceSpan,
    },

    /// A phrase with no word in it (`""`, `"!!"`).
    #[error("this phrase has no words")]
    #[diagnostic(
        code("empty-phrase"),
        help(
            "a phrase is matched word by word, and punctuation is ignored; write at least one word, or remove it"
        )
    )]
    EmptyPhrase {
        /// Where it is, in the policy.
        #[label("no letters or digits")]
        span: SourceSpan,
    },

    /// A phrase longer than Baton matches.
    #[error("this phrase has {words} words, more than {limit}")]
    #[diagnostic(
        code("phrase-too-long"),
        help(
            "a phrase is what a customer types in one go, matched word by word; split it into shorter phrases that each mean the request"
        )
    )]
    PhraseTooLong {
        /// Its words.
        words: usize,
        /// The most a phrase may have.
        limit: usize,
        /// Where it is, in the policy.
        #[label("too long to be typed exactly")]
        span: SourceSpan,
    },

    /// A `*` elsewhere than at the end of a phrase's word.
    #[error("`*` may only end a word in a phrase")]
    #[diagnostic(code("invalid-wildcard"))]
    InvalidWildcard {
        /// Where it is, in the policy.
        #[label("misplaced `*`")]
        span: SourceSpan,
        /// How to fix it.
        #[help]
        help: String,
    },

    /// Hours with no opening span.
    #[error("hours `{name}` never open")]
    #[diagnostic(
        code("empty-hours"),
        help(
            "add the days and times the team works, such as `mon-fri 09:00-17:00`; a team that is always open needs no `hours`"
        )
    )]
    EmptyHours {
        /// The hours.
        name: String,
        /// Where it is, in the policy.
        #[label("no opening times")]
        span: SourceSpan,
    },

    // ----- facts and signals -------------------------------------------------------------
    /// A fact named as a built-in signal.
    #[error("`{name}` is the name of a built-in signal")]
    #[diagnostic(
        code("signal-name-taken"),
        help(
            "Baton computes `{name}` from the conversation; give the fact another name, such as `bot_{name}`"
        )
    )]
    SignalNameTaken {
        /// The name.
        name: String,
        /// Where it is, in the policy.
        #[label("already a signal")]
        span: SourceSpan,
    },

    /// A signal written without the argument it needs (`burst` without its span).
    #[error("`{name}` needs {needs}")]
    #[diagnostic(code("missing-argument"))]
    MissingArgument {
        /// The signal.
        name: String,
        /// What it needs, in words.
        needs: &'static str,
        /// Where it is, in the policy.
        #[label("missing its argument")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// A fact, or a signal other than `burst`, written with an argument.
    #[error("`{name}` takes no argument")]
    #[diagnostic(code("unexpected-argument"))]
    UnexpectedArgument {
        /// The name.
        name: String,
        /// Where it is, in the policy.
        #[label("remove this")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    // ----- tests -------------------------------------------------------------------------
    /// A test that does not give a fact the policy requires.
    #[error("test `{test}` does not give the required fact `{fact}`")]
    #[diagnostic(code("missing-fact"))]
    MissingFact {
        /// The test.
        test: String,
        /// The fact.
        fact: String,
        /// Where it is, in the policy.
        #[label("needs `{fact}`")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },

    /// A test without its `expect` line.
    #[error("test `{test}` does not say what it expects")]
    #[diagnostic(
        code("missing-expect"),
        help(
            "end the test with `expect stay` or `expect escalate to TEAM`, adding `by RULE` to name the deciding rule"
        )
    )]
    MissingExpect {
        /// The test.
        test: String,
        /// Where it is, in the policy.
        #[label("no `expect` line")]
        span: SourceSpan,
    },

    /// A test's `expect ... by RULE` that the rule's action cannot give.
    #[error("rule `{rule}` {does}, so it cannot decide `expect {expected}`")]
    #[diagnostic(code("impossible-expectation"))]
    ImpossibleExpectation {
        /// The rule.
        rule: String,
        /// What the rule does, in words.
        does: &'static str,
        /// What the test expects, in words.
        expected: &'static str,
        /// Where it is, in the policy.
        #[label("this expectation can never be met")]
        span: SourceSpan,
        /// How to fix it, when Baton can tell.
        #[help]
        help: Option<String>,
    },
}
