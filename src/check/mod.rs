//! Checking a policy's meaning: name resolution over facts, signals, phrase sets, hours,
//! teams, skills and rules; the type rules; the validity of every literal; "did you mean"
//! for every unknown name. The result is a [`Model`] that later stages read.

mod checker;
mod error;
pub mod model;
mod suggest;
pub mod zones;

pub use checker::{DEFAULT_TEST_GAP_SECONDS, DEFAULT_TEST_START, check};
pub use error::CheckError;
pub use model::Model;
pub use suggest::closest;
