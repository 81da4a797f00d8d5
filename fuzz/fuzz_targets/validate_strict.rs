//! Strict validation and parsing of one recordOperation from arbitrary bytes; strict finds exactly
//! what lenient finds, as errors.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let strict = common::check_validate(data, true);
    let lenient = graph_record_operation::validate_bytes(data, &common::options(false));
    common::check_modes_agree(&lenient, &strict);
});
