//! Text utilities shared by programmes.

pub mod wordcount;
