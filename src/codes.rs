//! Every diagnostic code Baton reports, with its severity and what it means in one
//! line: the catalogue behind SARIF's rule list and `docs/diagnostics.md` (a test holds
//! the three together).

/// How serious a code is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// The policy (or the request) cannot be used.
    Error,
    /// A lint: the policy works, but probably not as meant.
    Warning,
}

/// One code of the catalogue.
#[derive(Clone, Copy, Debug)]
pub struct Code {
    /// The code as diagnostics show it, such as `unknown-name`.
    pub code: &'static str,
    /// An error or a warning.
    pub level: Level,
    /// What the code means, in one sentence.
    pub summary: &'static str,
}

const fn error(code: &'static str, summary: &'static str) -> Code {
    Code {
        code,
        level: Level::Error,
        summary,
    }
}

const fn warning(code: &'static str, summary: &'static str) -> Code {
    Code {
        code,
        level: Level::Warning,
        summary,
    }
}

/// Every code, grouped as `docs/diagnostics.md` presents them.
pub const CODES: &[Code] = &[
    // reading the text
    error(
        "syntax-error",
        "The text does not have the shape of a policy at this place.",
    ),
    error(
        "expected-policy",
        "The file does not start with `policy \"NAME\"`.",
    ),
    error(
        "missing-when",
        "A rule does not start with `when` and its condition.",
    ),
    error(
        "unclosed-string",
        "A text in quotes is not closed on its line.",
    ),
    error(
        "invalid-escape",
        "A backslash in a text is followed by something other than `\"`, `\\`, `n` or `t`.",
    ),
    error(
        "reserved-word",
        "A keyword of the language is used as a name.",
    ),
    error(
        "too-deep",
        "A condition nests parentheses and `not`s more than 64 levels deep.",
    ),
    error("too-large", "The policy file is larger than 16 MiB."),
    error("not-utf8", "The file is not UTF-8 text."),
    // names
    error(
        "unknown-name",
        "A fact, signal, phrase set, hours, team, skill, rule or handoff part is used but never declared.",
    ),
    error(
        "unknown-value",
        "A value is not one of the choices of a choice fact.",
    ),
    error("unknown-type", "A fact's type is not a type Baton knows."),
    error(
        "unknown-kind",
        "A rule's kind is not `explicit`, `signal`, `limit` or `context`.",
    ),
    error(
        "unknown-priority",
        "A priority is not `low`, `normal`, `high` or `urgent`.",
    ),
    error(
        "unknown-offline-mode",
        "An offline fallback is not `ticket` or `callback`.",
    ),
    error(
        "unknown-handoff",
        "A test expects a handoff other than `live`, `ticket`, `callback` or `queue`.",
    ),
    error(
        "unknown-time-zone",
        "Hours name a time zone that is not in the time-zone database.",
    ),
    error(
        "not-a-phrase-set",
        "`mentions` names something that is not a phrase set.",
    ),
    error(
        "not-hours",
        "`within` or a team's `hours` names something that is not hours.",
    ),
    error(
        "not-a-team",
        "`escalate to` or a test names something that is not a team.",
    ),
    error(
        "not-a-value",
        "A name stands where a value belongs (a number, a percent, a text, a choice).",
    ),
    error(
        "not-a-fact",
        "A test's `facts` gives a value to something that is not a fact.",
    ),
    // types and literals
    error(
        "type-mismatch",
        "A value of the wrong type for the fact or signal it is compared with.",
    ),
    error(
        "bad-comparison",
        "`<`, `<=`, `>` or `>=` on a value that has no order (a choice, a text, yes/no).",
    ),
    error(
        "not-a-flag",
        "A fact that is not yes/no stands alone as a condition.",
    ),
    error("percent-out-of-range", "A percent below 0% or above 100%."),
    error(
        "invalid-time",
        "A time of day that is not `HH:MM` from 00:00 to 24:00.",
    ),
    error(
        "invalid-date",
        "A date that is not a real `YYYY-MM-DD` date.",
    ),
    error(
        "invalid-duration",
        "A duration that is not a whole number followed by `s`, `m`, `h` or `d`.",
    ),
    error(
        "invalid-number",
        "A number too long or too large to be read exactly.",
    ),
    error(
        "invalid-timestamp",
        "A test's `at` that is not a date and time with its offset.",
    ),
    error(
        "invalid-count",
        "A count (`available`, `waiting`) that is not a whole number from 0 up.",
    ),
    error(
        "empty-time-span",
        "Opening hours whose end is not after their start.",
    ),
    // duplicates
    error("duplicate-name", "Two items declare the same name."),
    error(
        "duplicate-item",
        "Two `offline` items or two `handoff` items in one policy.",
    ),
    error(
        "duplicate-line",
        "A line given twice in one rule, team or test.",
    ),
    // rules
    error(
        "missing-kind",
        "An escalating rule does not say its kind (`explicit`, `signal`, `limit`, `context`).",
    ),
    error("kind-on-stay", "A stay rule has a kind."),
    error(
        "missing-action",
        "A rule has neither `escalate` nor `stay`.",
    ),
    error(
        "conflicting-action",
        "A rule has both `escalate` and `stay`.",
    ),
    error(
        "not-for-stay",
        "A stay rule has a `say` or an `offline` line, which only an escalation uses.",
    ),
    // phrases, hours, facts, signals
    error("empty-phrase-set", "A phrase set with no phrases."),
    error("empty-phrase", "A phrase with no words."),
    error(
        "phrase-too-long",
        "A phrase of more than 16 words: nobody types a sentence that long exactly.",
    ),
    error(
        "invalid-wildcard",
        "A `*` that is not at the end of a word.",
    ),
    error("empty-hours", "Hours with no opening times."),
    error("signal-name-taken", "A fact named like a built-in signal."),
    error(
        "missing-argument",
        "A signal that needs an argument is used without one (`burst` needs its span).",
    ),
    error(
        "unexpected-argument",
        "A signal or fact that takes no argument is given one.",
    ),
    // tests
    error(
        "missing-fact",
        "A test does not give a value to a fact that has no default.",
    ),
    error("missing-expect", "A test has no `expect` line."),
    error(
        "impossible-expectation",
        "A test expects a rule to decide an outcome that rule cannot give.",
    ),
    // compiling
    error(
        "too-many-cases",
        "A rule's condition expands to more than 1,024 rows of the decision table.",
    ),
    // lints
    warning(
        "unreachable-rule",
        "The rules above cover every case this rule covers, so it never decides.",
    ),
    warning(
        "never-matches",
        "The rule's condition is a contradiction: no request makes it true.",
    ),
    warning(
        "never-true",
        "A test of a rule's condition compares a value with a number it never reaches.",
    ),
    warning(
        "phrase-punctuation",
        "A phrase has punctuation between two words, so it never matches the text as written.",
    ),
    warning(
        "phrase-apostrophe",
        "A phrase has a contraction (`dont`, `can't`) that its set matches in one spelling only.",
    ),
    warning(
        "stay-overrides-explicit",
        "A stay rule above an explicit rule can keep a customer who asked for a person.",
    ),
    warning(
        "no-escape-hatch",
        "No explicit rule: a customer who asks for a person cannot reach one.",
    ),
    warning(
        "no-offline-fallback",
        "A team keeps hours but no offline fallback says what happens when it is closed.",
    ),
    warning(
        "no-failure-rule",
        "No limit rule: a customer the bot keeps failing is never handed over.",
    ),
    warning(
        "unused-definition",
        "A fact, phrase set or hours nothing uses, or a team no rule can route to.",
    ),
    warning(
        "missing-context",
        "The handoff leaves out the reason or the transcript.",
    ),
    warning(
        "fixed-offset-zone",
        "Hours are read in a zone that keeps one offset all year (`EST`, `GMT`), where the place it stands for changes its clocks.",
    ),
    // deciding
    error(
        "bad-request",
        "A request does not fit the policy; the message names the JSON path and the value found.",
    ),
    error(
        "bad-table",
        "A saved decision table does not fit together, or is of another format version.",
    ),
];

/// The catalogue entry of a code.
pub fn find(code: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.code == code)
}
