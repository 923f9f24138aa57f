//! What every programme's rules are made of: a [`context::Context`] that turns YAML paths into
//! locations and collects findings, the checks all programmes share ([`common`]), and the
//! attachment rules ([`attachments`]).

pub mod attachments;
pub mod common;
pub mod context;
