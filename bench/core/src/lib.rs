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

/// Where `probe_parse_fields` writes: [kind of id, id start, id end, status, code flag, code,
/// subcode flag, subcode, warnings]. Kinds: 0 absent, 1 null, 2 borrowed slice of the input (start
/// and end are byte offsets), 3 decoded (escapes: the text is not a slice of the input).
static mut FIELDS: [i32; 9] = [0; 9];

/// The address of the field table.
#[no_mangle]
pub extern "C" fn probe_fields_ptr() -> *const i32 {
    std::ptr::addr_of!(FIELDS).cast()
}

/// RecordOperation::parse_bytes without into_owned: the id as offsets into the input, the status as
/// an index (0 absent, 1 null, 2.. documented members, 6 undocumented), code and subcode as numbers.
/// Returns 1 when valid, 0 when not. What "results as numbers, objects built in JS" needs.
#[no_mangle]
pub extern "C" fn probe_parse_fields(len: usize) -> u32 {
    use graph_record_operation::{Field, OperationStatus};
    use std::borrow::Cow;
    let bytes = input(len);
    let base = bytes.as_ptr() as usize;
    let Ok((op, report)) = RecordOperation::parse_bytes(bytes, &ParseOptions::default()) else {
        return 0;
    };
    let mut out = [0i32; 9];
    match &op.id {
        None => {}
        Some(Cow::Borrowed(s)) => {
            out[0] = 2;
            out[1] = (s.as_ptr() as usize - base) as i32;
            out[2] = out[1] + s.len() as i32;
        }
        Some(Cow::Owned(_)) => out[0] = 3,
    }
    out[3] = match &op.status {
        Field::Absent => 0,
        Field::Null => 1,
        Field::Value(OperationStatus::NotStarted) => 2,
        Field::Value(OperationStatus::Running) => 3,
        Field::Value(OperationStatus::Completed) => 4,
        Field::Value(OperationStatus::Failed) => 5,
        Field::Value(_) => 6,
    };
    if let Field::Value(info) = &op.result_info {
        if let Some(code) = info.code {
            out[4] = 1;
            out[5] = code;
        }
        if let Some(subcode) = info.subcode {
            out[6] = 1;
            out[7] = subcode;
        }
    }
    out[8] = report.issues.len() as i32;
    // SAFETY: single-threaded wasm.
    unsafe { *std::ptr::addr_of_mut!(FIELDS) = out };
    1
}
