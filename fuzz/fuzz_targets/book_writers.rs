#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| appbook_fuzz::book_writers::run(data));
