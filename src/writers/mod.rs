//! Output writers: each turns a [`crate::book::Book`] into one file format.

pub mod docx;
