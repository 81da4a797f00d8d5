//! Plain exports over the crate's core: the caller writes UTF-8 into `input_buffer(len)` and calls
//! one function, which returns a number. Nothing crosses the boundary but integers.

use graph_record_operation::{parse_any_bytes, validate_bytes, ParseOptions, RecordOperation};

static mut BUFFER: Vec<u8> = Vec::new();

/// A buffer of at least `len` bytes that lives until the next call with a larger `len`.
#[no_mangle]
pub extern "C" fn probe_input_buffer(len: usize) -> *mut u8 {
    // SAFETY: single-threaded wasm; the caller writes before the next call.
    unsafe {
        let buffer = &mut *std::ptr::addr_of_mut!(BUFFER);
        if buffer.len() < len {
            buffer.resize(len, 0);
        }
        buffer.as_mut_ptr()
    }
}

fn input(len: usize) -> &'static [u8] {
    // SAFETY: see probe_input_buffer.
    unsafe {
        let buffer = &*std::ptr::addr_of!(BUFFER);
        &buffer[..len.min(buffer.len())]
    }
}

/// validate_bytes: returns issues * 2 + (1 if valid).
#[no_mangle]
pub extern "C" fn probe_validate(len: usize) -> u32 {
    let report = validate_bytes(input(len), &ParseOptions::default());
    (report.issues.len() as u32) * 2 + u32::from(report.is_valid())
}

/// RecordOperation::parse_bytes, then into_owned (what the class stores): 1 when valid.
#[no_mangle]
pub extern "C" fn probe_parse(len: usize) -> u32 {
    match RecordOperation::parse_bytes(input(len), &ParseOptions::default()) {
        Ok((operation, _)) => {
            let owned = operation.into_owned();
            u32::from(owned.id.is_some()) + 1
        }
        Err(_) => 0,
    }
}

/// parse_any_bytes: returns the number of operations; errors in the high half.
#[no_mangle]
pub extern "C" fn probe_parse_any(len: usize) -> u32 {
    let payload = parse_any_bytes(input(len), &ParseOptions::default());
    let errors = payload.report.errors().count() as u32;
    (errors << 16) | payload.operations.len() as u32
}
