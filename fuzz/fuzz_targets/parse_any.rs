//! Shape detection (`parse_any`) on arbitrary bytes, lenient and strict: never panics, reports are
//! well formed, and both modes find the same issues.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let lenient = common::check_parse_any(data, false);
    let strict = common::check_parse_any(data, true);
    common::check_modes_agree(&lenient, &strict);
});
