//! Text utilities shared by programmes.

pub mod addresses;
pub mod kai;
pub mod wordcount;
pub mod words;
