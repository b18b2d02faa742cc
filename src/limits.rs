//! The limits Baton puts on what it reads, so that no input can exhaust the stack, the
//! memory or the time of the process that embeds it. Each is reported with a clear error.

/// The largest policy file read, in bytes (16 MiB: about 150,000 rules).
pub const MAX_POLICY_BYTES: usize = 16 * 1024 * 1024;

/// How deep conditions may nest, counting each `(` and each `not`.
pub const MAX_NESTING: usize = 64;

/// Names longer than this get no "did you mean" (comparing them would cost more than
/// it helps anybody).
pub const MAX_SUGGEST_LEN: usize = 64;

/// Reading stops after this many syntax errors: past them, the file is most likely not a
/// policy at all, and more messages would only bury the first ones.
pub const MAX_SYNTAX_ERRORS: usize = 100;

/// The most rows one rule's condition may expand to in the decision table (its
/// disjunctive normal form). `(a or b) and (c or d)` is 4 rows; ten such pairs in a row
/// would be 1,024. Past this, the policy is refused with the rule's name.
pub const MAX_ROWS_PER_RULE: usize = 1024;

/// The largest request read, in bytes (JSON text).
pub const MAX_REQUEST_BYTES: usize = 64 * 1024 * 1024;

/// How deeply JSON may nest in a request (serde_json's own limit, stated here).
pub const MAX_REQUEST_NESTING: usize = 128;

/// How much work the exact lints (`unreachable-rule`, `stay-overrides-explicit`) may do
/// on one policy, counted in pairs of rows compared and pieces of rows examined. A
/// policy of a few hundred rules needs a small part of it; on a policy so large that it
/// runs out, those lints stop without a warning rather than guess (`check` stays fast).
/// `phrase-apostrophe` has a budget of the same size of its own, counted in phrases a
/// contraction may be compared with: a phrase set beyond it is not checked.
pub const MAX_LINT_STEPS: usize = 4_000_000;

/// The most words a phrase may have. A phrase is what a customer types in one go,
/// matched word by word; a longer one is a sentence nobody types exactly
/// (`phrase-too-long`).
pub const MAX_PHRASE_WORDS: usize = 16;

/// How many errors of one request are reported, the first with the others in
/// [`crate::RequestError::also`]; the rest are counted in [`crate::RequestError::more`].
pub const MAX_REQUEST_ERRORS: usize = 10;

/// The most messages a request may hold (`bad-request` past it). Deciding is linear in
/// the messages, so this bounds the time of one decision.
pub const MAX_MESSAGES: usize = 100_000;

/// How much of each message the signals and `mentions` read: its first 64 KiB (cut at
/// a character boundary). A longer message is still masked and shown whole in the
/// context packet; only what decides is bounded.
pub const MAX_SIGNAL_BYTES: usize = 64 * 1024;

/// How many earlier messages `repeats` and `bot_loops` compare with the latest: the
/// customer's (or the bot's) last 100 before it. Someone repeating themselves repeats
/// what they said recently; the bound keeps a decision after message 10,000 of a
/// session as cheap as one after message 10 (a decision of ours: the design is silent).
pub const SIMILARITY_WINDOW: usize = 100;
