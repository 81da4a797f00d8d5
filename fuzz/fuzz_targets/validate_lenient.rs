//! Lenient validation and parsing of one recordOperation from arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let lenient = common::check_validate(data, false);
    // The text-only entry point says the same as the bytes one.
    if let Ok(text) = std::str::from_utf8(data) {
        let again = graph_record_operation::validate(text, &common::options(false));
        assert_eq!(again, lenient);
    }
});
