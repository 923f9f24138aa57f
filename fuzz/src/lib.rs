//! The fuzz targets' bodies, one module each; `support` holds what they share.
pub mod attachment_reader;
pub mod book_writers;
pub mod check_application;
pub mod inspect_docx;
pub mod inspect_pdf;
pub mod learning_records;
pub mod support;
pub mod wordcount;
pub mod yaml_raw;
