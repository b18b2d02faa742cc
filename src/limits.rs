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
