//! Text: how message and phrase text is cut into words.

pub mod words;
