//! Text: the message lexer, phrase matching, sentiment, similarity, entities and card
//! masking. Everything here works on untrusted text and never fails.

pub mod byte_set;
pub mod cards;
pub mod entities;
pub mod lexer;
pub mod phrases;
pub mod similarity;
pub mod vader;
pub mod words;
