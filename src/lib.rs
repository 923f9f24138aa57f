//! appbook: validate employee-learning applications written in YAML and render compliant
//! application books (申請書).
//!
//! The pipeline: [`load`] reads YAML into a programme's typed model, keeping every value's
//! location; [`programmes`] holds each programme's model and rules; [`check`] runs them;
//! [`diagnostics`] prints what they found.

pub mod application;
pub mod attachment;
#[cfg(feature = "render")]
pub mod batch;
pub mod book;
pub mod check;
pub mod codes;
pub mod diagnostics;
#[cfg(feature = "render")]
pub mod edit;
pub mod edition;
pub mod explain;
pub mod format_rules;
pub mod init;
pub mod inspect;
pub mod load;
pub mod model;
#[cfg(feature = "render")]
pub mod notice;
pub mod programmes;
#[cfg(feature = "render")]
pub mod render;
#[cfg(feature = "render")]
pub mod reviewing;
#[cfg(feature = "render")]
pub mod roster;
pub mod rulekit;
pub mod schema;
#[cfg(feature = "render")]
pub mod score;
pub mod text;
pub mod write;
#[cfg(feature = "render")]
pub mod writers;
