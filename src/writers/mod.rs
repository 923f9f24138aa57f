//! Writers turn a [`crate::book::Book`] into files. Each format has its own module; they share
//! nothing but the book, so PDF and DOCX cannot drift apart.

pub mod docx;
pub mod pdf;
