//! The fast path under the package's `validate`, `parseAny` and `RecordOperation`: plain exports
//! that take numbers and return numbers. JavaScript copies the text into [`input_buffer`] as UTF-8
//! (with `TextEncoder.encodeInto`, or in Node as UTF-16 that `utf16_to_utf8.wat` turns into
//! UTF-8 in place), calls one function, and reads the result from wasm memory: a table
//! of `u32` words and one UTF-8 text area that it decodes once and slices. The objects are built
//! in JavaScript (`pkg-template/api.js`), and nothing stays in wasm memory after a call, so no
//! instance depends on garbage collection to free it.
//!
//! The layouts below are a contract with `pkg-template/api.js`; `tests/js/fast-path.test.mjs`
//! compares every result with the reference bindings in `functions.rs` and `operation.rs`.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::input::LoneSurrogate;
use super::issues::with_lone_surrogate;
use crate::parse::CountedError;
use crate::words::utf16_units;
use crate::{
    Error, Field, Issue, IssueCode, OperationEntry, OperationStatus, ParseOptions,
    RecordCompletionReason, RecordOperation, ResultCategory, Severity, WriteOptions,
};

/// Words per issue: code | severity << 16, path, message (two words each: UTF-16 start and end in
/// the text area), line, column.
const ISSUE_WORDS: usize = 7;
/// Words per operation (see `Out::operation`), per `parseAny` entry, per skipped resource.
const OPERATION_WORDS: usize = 29;
const ENTRY_WORDS: usize = OPERATION_WORDS + 12;
const SKIPPED_WORDS: usize = 8;

/// Where the latest result is: `[words pointer, word count, text pointer, text bytes, text is
/// ASCII]`.
#[derive(Default)]
#[repr(C)] // read by JavaScript as five consecutive u32
struct Header {
    words_ptr: u32,
    words_len: u32,
    text_ptr: u32,
    text_len: u32,
    /// 1 when the text is known to be ASCII (then Node decodes it as Latin-1, a copy, instead of
    /// validating UTF-8), else 0.
    text_ascii: u32,
}

#[derive(Default)]
struct Raw {
    input: Vec<u8>,
    words: Vec<u32>,
    text: String,
    /// UTF-16 length of `text`: string positions are given in UTF-16 units, so JavaScript slices
    /// the decoded text without counting.
    units: u32,
    header: Box<Header>,
    /// [`Out::byte_offsets`], kept between calls so that a call on text that is not ASCII does not
    /// allocate it again.
    byte_offsets: Vec<(usize, usize)>,
}

thread_local! {
    static RAW: RefCell<Raw> = RefCell::new(Raw::default());
}

fn utf16_len(text: &str) -> u32 {
    to_u32(utf16_units(text.as_bytes()))
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// The result being written: words and text.
struct Out<'r> {
    words: &'r mut Vec<u32>,
    text: &'r mut String,
    units: &'r mut u32,
    /// The input's address range: a string borrowed from it is given as its offsets in the input,
    /// so JavaScript slices its own string instead of decoding a copy.
    input: (usize, usize),
    /// The input is ASCII: byte offsets are UTF-16 offsets.
    ascii: bool,
    /// Otherwise, the byte offsets into the input that words hold, with those words' indices
    /// (`(offset, word)`, sorted with `words::sort_pairs`), converted
    /// to UTF-16 offsets by [`Out::convert_offsets`].
    byte_offsets: &'r mut Vec<(usize, usize)>,
    /// Points whose UTF-16 offset is known, `(byte offset, UTF-16 units before it)`, set by
    /// [`Out::enter_span`] for the operation being written: where it started walking, the
    /// operation's start and its end. A conversion walks from the furthest one before its first
    /// offset ([`Out::known_before`]), and never moves them: operations come in document order,
    /// so the input is walked about once in all.
    known: [(usize, usize); 3],
    /// The operation being written, when its text is ASCII: its byte start and end, and the UTF-16
    /// units before it. An offset inside it converts by a shift, with no sort and no walk.
    ascii_span: Option<(usize, usize, usize)>,
    /// Offsets outside the operation written last converted lately, `(byte offset, UTF-16 units)`: a
    /// notification's `changeType` and `resourceUrl` (start and end each), which every operation
    /// of an array `resourceData` shares. Without them each of those operations would walk from
    /// the fields back to itself, or from the start: quadratic time.
    recent: [(usize, usize); RECENT_OFFSETS],
    /// The slot of `recent` to fill next.
    recent_next: usize,
}

/// How many converted offsets outside an operation [`Out::recent`] keeps.
const RECENT_OFFSETS: usize = 4;

impl Out<'_> {
    fn word(&mut self, word: u32) {
        self.words.push(word);
    }

    /// Appends `text` and pushes its start and end (UTF-16 units).
    fn string(&mut self, text: &str) {
        let start = *self.units;
        self.text.push_str(text);
        *self.units = start.saturating_add(utf16_len(text));
        self.words.push(start);
        self.words.push(*self.units);
    }

    /// State (0 absent, 1 null, 2 set: start and end in the text area, 3 set: start and end in
    /// the input; 4 in [`Out::constant`]), then the string's start and end.
    fn field(&mut self, field: Field<&str>) {
        match field {
            Field::Absent => self.words.extend_from_slice(&[0, 0, 0]),
            Field::Null => self.words.extend_from_slice(&[1, 0, 0]),
            Field::Value(text) => match self.input_offset(text) {
                Some(start) => {
                    self.words.push(3);
                    self.input_offset_word(start);
                    self.input_offset_word(start.saturating_add(text.len()));
                }
                None => {
                    self.words.push(2);
                    self.string(text);
                }
            },
        }
    }

    /// The constant string at `index` (see [`constant_strings`]) as a field: state 4, then the
    /// index and 0.
    fn constant(&mut self, index: usize) {
        self.words.extend_from_slice(&[4, to_u32(index), 0]);
    }

    /// Where `text` starts in the input, when it is a slice of it.
    fn input_offset(&self, text: &str) -> Option<usize> {
        let (start, end) = self.input;
        let at = text.as_ptr() as usize;
        (at >= start && at.saturating_add(text.len()) <= end).then(|| at - start)
    }

    /// Pushes a byte offset into the input, as the UTF-16 offset it becomes: at once when the input
    /// or the operation is ASCII or the offset was converted lately, else by
    /// [`Out::convert_offsets`].
    fn input_offset_word(&mut self, offset: usize) {
        if self.ascii {
            self.words.push(to_u32(offset));
            return;
        }
        if let Some((start, end, units)) = self.ascii_span {
            if (start..=end).contains(&offset) {
                self.words.push(to_u32(units + (offset - start)));
                return;
            }
        }
        if let Some(&(_, units)) = self.recent.iter().find(|&&(byte, _)| byte == offset) {
            self.words.push(to_u32(units));
            return;
        }
        self.byte_offsets.push((offset, self.words.len()));
        self.words.push(to_u32(offset));
    }

    /// Before an operation's words: walks to the operation's text and over it, which gives the
    /// UTF-16 offsets of its start and end ([`Out::known`]) and, when its text is ASCII (most
    /// are), lets its offsets convert by a shift ([`Out::ascii_span`]).
    fn enter_span(&mut self, input: &[u8], span: &std::ops::Range<usize>) {
        self.ascii_span = None;
        if self.ascii {
            return;
        }
        let Some(own) = input.get(span.clone()) else {
            return;
        };
        let base = self.known_before(span.start);
        let (byte, units) = base;
        let start_units = units + utf16_units(input.get(byte..span.start).unwrap_or(&[]));
        let own_units = utf16_units(own);
        self.known = [
            base,
            (span.start, start_units),
            (span.end, start_units + own_units),
        ];
        if own_units == own.len() {
            self.ascii_span = Some((span.start, span.end, start_units));
        }
    }

    /// The furthest known point at or before `offset` ([`Out::known`]), or the start.
    fn known_before(&self, offset: usize) -> (usize, usize) {
        self.known
            .iter()
            .copied()
            .filter(|&(byte, _)| byte <= offset)
            .max_by_key(|&(byte, _)| byte)
            .unwrap_or((0, 0))
    }

    /// After an operation's words: its offsets are no longer shifted.
    fn leave_span(&mut self) {
        self.ascii_span = None;
    }

    /// Turns the pending byte offsets into UTF-16 offsets, walking forward from the furthest known
    /// point before the first of them ([`Out::known_before`]).
    fn convert_offsets(&mut self, input: &[u8]) {
        if self.byte_offsets.is_empty() {
            return;
        }
        // A few offsets per operation: a small sort (by offset; ties, if any, by word).
        crate::words::sort_pairs(self.byte_offsets);
        let first = self.byte_offsets.first().map_or(0, |&(first, _)| first);
        let (mut byte, mut units) = self.known_before(first);
        // The operation written last (its start and end are known points), whose own offsets are
        // not worth remembering.
        let (span_start, span_end) = (self.known[1].0, self.known[2].0);
        for &(offset, word) in self.byte_offsets.iter() {
            units += utf16_units(input.get(byte..offset).unwrap_or(&[]));
            byte = byte.max(offset);
            if let Some(slot) = self.words.get_mut(word) {
                *slot = to_u32(units);
            }
            if offset < span_start || offset > span_end {
                if let Some(slot) = self.recent.get_mut(self.recent_next % RECENT_OFFSETS) {
                    *slot = (offset, units);
                }
                self.recent_next = self.recent_next.wrapping_add(1);
            }
        }
        self.byte_offsets.clear();
    }

    fn optional(&mut self, text: Option<&str>) {
        self.field(text.map_or(Field::Absent, Field::Value));
    }

    fn issue(&mut self, issue: &Issue) {
        let severity = u32::from(issue.severity == Severity::Error);
        self.word(code_index(issue.code) | severity << 16);
        self.string(&issue.path);
        self.string(&issue.message);
        self.word(issue.position.line);
        self.word(issue.position.column);
    }

    /// Every issue of the report, in order.
    fn issues(&mut self, issues: &[Issue]) {
        self.words.reserve(issues.len() * ISSUE_WORDS);
        for issue in issues {
            self.issue(issue);
        }
    }

    /// The operation: flags (1 terminal, 2 success, 4 code set, 8 subcode set), code, subcode,
    /// category, then `@odata.type`, id, clientContext, status, completionReason, resultInfo
    /// (state only), resultInfo.message, recordingLocation, recordingAccessToken as fields.
    fn operation(&mut self, operation: &RecordOperation<'_>) {
        let info = operation.result_info.value();
        let code = info.and_then(|i| i.code);
        let subcode = info.and_then(|i| i.subcode);
        let flags = u32::from(operation.is_terminal())
            | u32::from(operation.is_success()) << 1
            | u32::from(code.is_some()) << 2
            | u32::from(subcode.is_some()) << 3;
        self.word(flags);
        self.word(code.unwrap_or(0) as u32);
        self.word(subcode.unwrap_or(0) as u32);
        let category = match ResultCategory::of_code(code) {
            ResultCategory::Success => 0,
            ResultCategory::ClientError => 1,
            ResultCategory::ServerError => 2,
            ResultCategory::Other => 3,
        };
        self.word(category);
        match operation.odata_type.as_deref() {
            Some(crate::RECORD_OPERATION_TYPE) => self.constant(RECORD_OPERATION_TYPE_INDEX),
            other => self.optional(other),
        }
        self.optional(operation.id.as_deref());
        self.field(as_str(&operation.client_context));
        // A documented status or reason is a constant by its place in DOCUMENTED (an enum
        // comparison, not a string search); an undocumented one is a string as it came.
        match &operation.status {
            Field::Value(status) => match OperationStatus::DOCUMENTED
                .iter()
                .position(|documented| documented == status)
            {
                Some(index) => self.constant(index),
                None => self.field(Field::Value(status.as_str())),
            },
            Field::Absent => self.field(Field::Absent),
            Field::Null => self.field(Field::Null),
        }
        match &operation.completion_reason {
            Field::Value(reason) => match RecordCompletionReason::DOCUMENTED
                .iter()
                .position(|documented| documented == reason)
            {
                Some(index) => self.constant(OperationStatus::DOCUMENTED.len() + index),
                None => self.field(Field::Value(reason.as_str())),
            },
            Field::Absent => self.field(Field::Absent),
            Field::Null => self.field(Field::Null),
        }
        self.word(match &operation.result_info {
            Field::Absent => 0,
            Field::Null => 1,
            Field::Value(_) => 2,
        });
        self.field(info.map_or(Field::Absent, |i| as_str(&i.message)));
        self.field(as_str(&operation.recording_location));
        self.field(as_str(&operation.recording_access_token));
    }
}

fn as_str<'f>(field: &'f Field<std::borrow::Cow<'_, str>>) -> Field<&'f str> {
    match field {
        Field::Absent => Field::Absent,
        Field::Null => Field::Null,
        Field::Value(text) => Field::Value(text),
    }
}

/// Runs `write` on the input's first `len` bytes with an empty result, then publishes the result
/// in the header.
fn with_raw(len: u32, ascii: bool, write: impl FnOnce(&[u8], &mut Out<'_>) -> u32) -> u32 {
    RAW.with(|cell| {
        let Ok(mut raw) = cell.try_borrow_mut() else {
            return 0;
        };
        let Raw {
            input,
            words,
            text,
            units,
            header,
            byte_offsets,
        } = &mut *raw;
        words.clear();
        text.clear();
        *units = 0;
        byte_offsets.clear();
        let bytes = input.get(..len as usize).unwrap_or(&[]);
        let start = bytes.as_ptr() as usize;
        let mut out = Out {
            words,
            text,
            units,
            input: (start, start.saturating_add(bytes.len())),
            ascii,
            byte_offsets,
            known: [(0, 0); 3],
            ascii_span: None,
            recent: [(usize::MAX, 0); RECENT_OFFSETS],
            recent_next: 0,
        };
        let result = write(bytes, &mut out);
        out.convert_offsets(bytes);
        header.words_ptr = words.as_ptr() as u32;
        header.words_len = to_u32(words.len());
        header.text_ptr = text.as_ptr() as u32;
        header.text_len = to_u32(text.len());
        // Text written with `Out::string` counted its UTF-16 units, which equal its bytes only
        // when it is ASCII. (`reread` writes its text directly and leaves the count at 0.)
        header.text_ascii = u32::from(*units as usize == text.len());
        result
    })
}

/// The parse options JavaScript passes: `strict` as 0 or 1, the limits with 0 for the default.
fn options(strict: u32, max_input_bytes: u32, max_depth: u32, max_issues: u32) -> ParseOptions {
    let defaults = ParseOptions::default();
    let or_default = |value: u32, default: usize| {
        if value == 0 {
            default
        } else {
            value as usize
        }
    };
    ParseOptions {
        strict: strict != 0,
        max_input_bytes: or_default(max_input_bytes, defaults.max_input_bytes),
        max_depth: or_default(max_depth, defaults.max_depth),
        max_issues: or_default(max_issues, defaults.max_issues),
    }
}

/// `lone` is the UTF-16 index of a lone surrogate JavaScript found in the string, plus one (0:
/// none).
fn lone(lone: u32) -> Option<LoneSurrogate> {
    lone.checked_sub(1).map(|index| LoneSurrogate { index })
}

/// What JavaScript passes as `lone_at` for a string that is not ASCII and that it did not check
/// for lone surrogates, and what a function returns to ask for the check (then it calls again).
/// `TextEncoder.encodeInto` writes a lone surrogate as U+FFFD, so text without the bytes of U+FFFD
/// had none: most text is cleared here, in one pass over bytes, without JavaScript walking the
/// string (`isWellFormed` costs more than reading a payload does).
const LONE_UNCHECKED: u32 = u32::MAX;

/// `lone_at`, or `None` when it is unchecked and the bytes hold U+FFFD (`EF BF BD`): JavaScript
/// must look.
fn checked_lone(lone_at: u32, bytes: &[u8]) -> Option<u32> {
    if lone_at != LONE_UNCHECKED {
        return Some(lone_at);
    }
    (!holds_replacement_character(bytes)).then_some(0)
}

/// True when the UTF-8 bytes hold U+FFFD. Eight bytes at a time look for its lead byte `EF`.
fn holds_replacement_character(bytes: &[u8]) -> bool {
    use crate::words::{HIGHS, ONES};
    let chunks = bytes.chunks_exact(8);
    let tail = chunks.len() * 8;
    for (at, chunk) in chunks.enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // Zero bytes of x ^ EF..EF are the EF bytes (the classic has-zero-byte test).
        let x = u64::from_le_bytes(word) ^ (ONES * 0xEF);
        if (x.wrapping_sub(ONES) & !x & HIGHS) != 0 && lead_at(bytes, at * 8, 8) {
            return true;
        }
    }
    lead_at(bytes, tail, bytes.len() - tail)
}

/// True when one of the `count` bytes from `start` begins `EF BF BD`.
fn lead_at(bytes: &[u8], start: usize, count: usize) -> bool {
    (start..start + count).any(|at| bytes.get(at..at + 3) == Some(&[0xEF, 0xBF, 0xBD][..]))
}

/// A code's index in [`IssueCode::ALL`] (the order `__groTables` lists them in): the enum's
/// discriminant, since the table declares the variants in that order.
fn code_index(code: IssueCode) -> u32 {
    code as u32
}

/// The address of the result header (five `u32`, see [`Header`]). It never moves.
#[wasm_bindgen(js_name = __groHeader, skip_typescript)]
pub fn header() -> u32 {
    RAW.with(|cell| {
        cell.try_borrow()
            .map_or(0, |raw| &*raw.header as *const Header as u32)
    })
}

/// The module's memory, for the views JavaScript reads results through.
#[wasm_bindgen(js_name = __groMemory, skip_typescript)]
pub fn memory() -> JsValue {
    wasm_bindgen::memory()
}

/// The strings most operations repeat (documented statuses and completion reasons, the
/// recordOperation `@odata.type`): a field holding one is given by its index (state 4), so it is
/// neither written to the text area nor decoded.
fn constant_strings() -> impl Iterator<Item = &'static str> {
    OperationStatus::DOCUMENTED
        .iter()
        .map(OperationStatus::as_str)
        .chain(
            RecordCompletionReason::DOCUMENTED
                .iter()
                .map(RecordCompletionReason::as_str),
        )
        .chain(std::iter::once(crate::RECORD_OPERATION_TYPE))
}

/// The index of the recordOperation `@odata.type` among the constant strings: after the statuses
/// and the reasons.
const RECORD_OPERATION_TYPE_INDEX: usize =
    OperationStatus::DOCUMENTED.len() + RecordCompletionReason::DOCUMENTED.len();

/// The tables JavaScript reads once, written to the text area (see [`header`]): the issue codes in
/// table order (issue words carry an index into it), a newline, then the constant strings in
/// index order; each list comma-separated. (Returning them as strings would add wasm-bindgen's
/// string-return code for two calls made once.)
#[wasm_bindgen(js_name = __groTables, skip_typescript)]
pub fn tables() -> u32 {
    with_raw(0, true, |_, out| {
        let mut first = true;
        for code in IssueCode::ALL.iter().map(|code| code.as_str()) {
            if !std::mem::take(&mut first) {
                out.text.push(',');
            }
            out.text.push_str(code);
        }
        out.text.push('\n');
        let mut first = true;
        for constant in constant_strings() {
            if !std::mem::take(&mut first) {
                out.text.push(',');
            }
            out.text.push_str(constant);
        }
        1
    })
}

/// A buffer of at least `len` bytes for the input, and its address. It stays where it is until
/// a call asks for more.
#[wasm_bindgen(js_name = __groInput, skip_typescript)]
pub fn input_buffer(len: u32) -> u32 {
    RAW.with(|cell| {
        let Ok(mut raw) = cell.try_borrow_mut() else {
            return 0;
        };
        let len = len as usize;
        if raw.input.len() < len {
            raw.input.resize(len.max(4096), 0);
        }
        raw.input.as_ptr() as u32
    })
}

/// Runs a reader on the first `len` bytes of the input with the options JavaScript passed, after
/// the lone-surrogate check (see [`LONE_UNCHECKED`]). A lone surrogate in the JS string became
/// U+FFFD in the copy: strings are then given as read (with U+FFFD), never sliced from the JS
/// string that still holds the surrogate.
fn run_reader(
    len: u32,
    options: ParseOptions,
    lone_at: u32,
    ascii: bool,
    read: impl FnOnce(&[u8], &ParseOptions, Option<LoneSurrogate>, &mut Out<'_>) -> u32,
) -> u32 {
    with_raw(len, ascii, |bytes, out| {
        let Some(lone_at) = checked_lone(lone_at, bytes) else {
            return LONE_UNCHECKED;
        };
        if lone_at != 0 {
            out.input = (0, 0);
        }
        read(bytes, &options, lone(lone_at), out)
    })
}

/// Validates the input. With `full` 0, only the verdict is read first
/// (`parse::validate_bytes_verdict`): returns 1 when valid without warnings, the warning count × 4
/// + 1 when valid with warnings, 0 when invalid, and no issue is built (JavaScript calls again with
/// `full` 1 if they are asked for). Otherwise, or when the verdict came with its report anyway,
/// words: every issue, and it returns the issue count × 4 + 2, plus 1 when valid. (This and the
/// other readers return [`LONE_UNCHECKED`] instead, having read nothing, when JavaScript must first
/// check its string for lone surrogates.)
#[wasm_bindgen(js_name = __groValidate, skip_typescript)]
#[allow(clippy::too_many_arguments)]
pub fn validate(
    len: u32,
    strict: u32,
    max_input_bytes: u32,
    max_depth: u32,
    max_issues: u32,
    lone_at: u32,
    full: u32,
) -> u32 {
    let options = options(strict, max_input_bytes, max_depth, max_issues);
    run_reader(len, options, lone_at, false, |bytes, options, lone, out| {
        let report = match (&lone, full) {
            (None, 0) => match crate::parse::validate_bytes_verdict(bytes, options) {
                crate::parse::Verdict::Valid { warnings } => return to_u32(warnings) << 2 | 1,
                crate::parse::Verdict::Invalid => return 0,
                crate::parse::Verdict::Report(report) => report,
            },
            // A lone surrogate is an error, reported with the others.
            _ => with_lone_surrogate(crate::validate_bytes(bytes, options), lone),
        };
        out.issues(&report.issues);
        to_u32(report.issues.len()) << 2 | 2 | u32::from(report.is_valid())
    })
}

/// Reads one operation (`ascii`: the input is ASCII, so byte offsets are UTF-16 offsets). On
/// success (returns the warning count × 4 + 1): the operation's words (see `Out::operation`); the
/// warnings themselves come from [`reread`] when asked for. On failure: the code of the first
/// error, then either every issue (returns the issue count × 4) or only the first error (returns
/// the number of errors × 4 + 2; JavaScript gets the other issues from [`validate`] if they are
/// asked for, which reports the same issues). JavaScript writes the error's message from them, as
/// [`Error`]'s `Display` does.
#[wasm_bindgen(js_name = __groParse, skip_typescript)]
#[allow(clippy::too_many_arguments)]
pub fn parse(
    len: u32,
    strict: u32,
    max_input_bytes: u32,
    max_depth: u32,
    max_issues: u32,
    lone_at: u32,
    ascii: u32,
) -> u32 {
    let options = options(strict, max_input_bytes, max_depth, max_issues);
    run_reader(
        len,
        options,
        lone_at,
        ascii != 0,
        |bytes, options, lone, out| {
            let error = match lone {
                // The warnings are only counted, and extra properties not collected: JavaScript
                // reads them again from the operation's text if they are ever asked for (most
                // callers never do). Likewise, a failure builds only its first error.
                None => match RecordOperation::parse_bytes_counting(bytes, options, false) {
                    Ok((operation, warnings)) => {
                        out.operation(&operation);
                        return to_u32(warnings) << 2 | 1;
                    }
                    Err(CountedError::First { first, errors }) => {
                        out.word(code_index(first.code));
                        out.issues(std::slice::from_ref(&first));
                        return to_u32(errors) << 2 | 2;
                    }
                    Err(CountedError::Full(error)) => error,
                },
                // A lone surrogate makes the read an error, which needs the whole report.
                Some(_) => match RecordOperation::parse_bytes(bytes, options) {
                    Ok((_, report)) | Err(Error::Invalid(report)) => {
                        Error::Invalid(with_lone_surrogate(report, lone))
                    }
                },
            };
            out.word(code_index(error.code()));
            let issues = &error.report().issues;
            out.issues(issues);
            to_u32(issues.len()) << 2
        },
    )
}

/// Reads a payload of any shape. Words: kind (0 none, 1 operation, 2 collection, 3
/// notifications, 4 array), nextLink (field), operation count, skipped count, issue count; each
/// operation (its words, then path, changeType, resourceUrl, span start and end in UTF-16 units
/// of the input, index of its first issue in the issue-index list, its issue count); each skipped
/// resource (path, odataType, id); every issue; the issue-index list. Returns 1 when valid.
///
/// With `full` 0, warnings are not built (`parse::parse_any_bytes_light_warnings`): the issues are
/// the errors only, and 2 is added to the result when there are warnings too (JavaScript calls
/// again with `full` 1 if they are asked for).
#[wasm_bindgen(js_name = __groParseAny, skip_typescript)]
#[allow(clippy::too_many_arguments)]
pub fn parse_any(
    len: u32,
    strict: u32,
    max_input_bytes: u32,
    max_depth: u32,
    max_issues: u32,
    lone_at: u32,
    ascii: u32,
    full: u32,
) -> u32 {
    let options = options(strict, max_input_bytes, max_depth, max_issues);
    run_reader(
        len,
        options,
        lone_at,
        ascii != 0,
        |bytes, options, lone, out| {
            let light = full == 0;
            let payload = if light {
                crate::parse::parse_any_bytes_light_warnings(bytes, options)
            } else {
                crate::parse_any_bytes(bytes, options)
            };
            let mut report = with_lone_surrogate(payload.report, lone);
            // Light warnings are only noted, not written: JavaScript reads them again if asked.
            let pending = light && report.warnings().next().is_some();
            if pending {
                report
                    .issues
                    .retain(|issue| issue.severity == Severity::Error);
            }
            out.word(match payload.kind {
                None => 0,
                Some(crate::PayloadKind::Operation) => 1,
                Some(crate::PayloadKind::Collection) => 2,
                Some(crate::PayloadKind::Notifications) => 3,
                Some(crate::PayloadKind::Array) => 4,
            });
            out.optional(payload.next_link.as_deref());
            out.convert_offsets(bytes);
            out.words.reserve(
                payload.operations.len() * ENTRY_WORDS
                    + payload.skipped.len() * SKIPPED_WORDS
                    + report.issues.len() * (ISSUE_WORDS + 1),
            );
            // Paths, and each issue's path and message.
            out.text.reserve(
                payload.operations.len() * 16
                    + report
                        .issues
                        .iter()
                        .map(|i| i.path.len() + i.message.len())
                        .sum::<usize>(),
            );
            out.word(to_u32(payload.operations.len()));
            out.word(to_u32(payload.skipped.len()));
            out.word(to_u32(report.issues.len()));
            let grouped = crate::issues_by_operation(&payload.operations, &report.issues);
            let mut first_issue = 0u32;
            for (entry, issues) in payload.operations.iter().zip(&grouped) {
                entry_words(out, entry, bytes);
                out.convert_offsets(bytes);
                out.word(first_issue);
                out.word(to_u32(issues.len()));
                first_issue = first_issue.saturating_add(to_u32(issues.len()));
            }
            for resource in &payload.skipped {
                out.string(&resource.path);
                out.optional(resource.odata_type.as_deref());
                out.optional(resource.id.as_deref());
            }
            out.issues(&report.issues);
            for issues in &grouped {
                out.words.extend(issues.iter().map(|&at| to_u32(at)));
            }
            u32::from(report.is_valid()) | u32::from(pending) << 1
        },
    )
}

fn entry_words(out: &mut Out<'_>, entry: &OperationEntry<'_>, input: &[u8]) {
    out.enter_span(input, &entry.span);
    out.operation(&entry.operation);
    out.string(&entry.path);
    out.optional(entry.change_type.as_deref());
    out.optional(entry.resource_url.as_deref());
    out.input_offset_word(entry.span.start);
    out.input_offset_word(entry.span.end);
    out.leave_span();
}

/// Reads the input (an operation's own text, kept by JavaScript) again, with the options it was
/// parsed with, and writes one thing about it: 0 its canonical JSON (`pascal`, `redact` as 0 or 1),
/// 1 its one-line summary, 2 its extra properties as a JSON array of raw keys and raw values,
/// `[k, v, k, v]`, into the text area; 3 the issues of its reading (its warnings: it was read
/// without an error) as issue words. Returns 1, or 0 when the text no longer reads as an operation.
#[wasm_bindgen(js_name = __groReread, skip_typescript)]
pub fn reread(
    len: u32,
    max_depth: u32,
    max_issues: u32,
    what: u32,
    pascal: u32,
    redact: u32,
) -> u32 {
    let options = ParseOptions {
        max_input_bytes: usize::MAX,
        ..options(0, 0, max_depth, max_issues)
    };
    with_raw(len, false, |bytes, out| {
        let (Some(operation), report) = RecordOperation::read_bytes(bytes, &options) else {
            return 0;
        };
        match what {
            0 => out.text.push_str(&operation.to_json(&WriteOptions {
                pascal_case_status: pascal != 0,
                redact_token: redact != 0,
            })),
            1 => out.text.push_str(&operation.to_string()),
            3 => out.issues(&report.issues),
            _ => {
                out.text.push('[');
                for (at, extra) in operation.extra.iter().enumerate() {
                    if at > 0 {
                        out.text.push(',');
                    }
                    out.text.push_str(&extra.raw_key);
                    out.text.push(',');
                    out.text.push_str(&extra.raw_value);
                }
                out.text.push(']');
            }
        }
        1
    })
}
