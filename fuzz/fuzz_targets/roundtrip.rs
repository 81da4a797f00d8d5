//! parse → write → parse: whatever parsed (one operation, or every operation parse_any found in a
//! valid payload) writes to JSON that reads back as the same model, and writing is idempotent.
#![no_main]

use graph_record_operation::{parse_any_bytes, RecordOperation};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    for strict in [false, true] {
        let options = common::options(strict);
        if let Ok((op, _)) = RecordOperation::parse_bytes(data, &options) {
            common::check_round_trip(&op, &options);
        }
        let payload = parse_any_bytes(data, &options);
        if payload.report.is_valid() {
            // Read back alone, leniently: some warnings depend on the envelope (a notification
            // whose resourceUrl names the operation needs no id), so strictness does not carry.
            for entry in &payload.operations {
                common::check_round_trip(&entry.operation, &common::options(false));
            }
        }
    }
});
