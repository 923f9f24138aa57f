#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| appbook_fuzz::learning_records::run(data));
