//! Canonical, lossless JSON output: documented spellings for known properties, extra properties
//! byte-for-byte in their original order, compact everywhere else.

use std::borrow::Cow;

use crate::model::{ExtraProperty, Field, RecordOperation, ResultInfo};
use crate::options::WriteOptions;

impl RecordOperation<'_> {
    /// Writes the operation as canonical JSON.
    ///
    /// Known properties come first in a fixed order (`@odata.type`, `id`, `clientContext`,
    /// `status`, `completionReason`, `resultInfo`, `recordingLocation`, `recordingAccessToken`),
    /// then every extra property as it came. `null` stays `null`; absent stays absent.
    pub fn to_json(&self, options: &WriteOptions) -> String {
        let mut out = String::with_capacity(256);
        let mut object = ObjectOut::new(&mut out);
        if let Some(odata_type) = &self.odata_type {
            object.string("@odata.type", odata_type);
        }
        if let Some(id) = &self.id {
            object.string("id", id);
        }
        nullable_string(&mut object, "clientContext", &self.client_context);
        match &self.status {
            Field::Value(status) if options.pascal_case_status => {
                object.string("status", status.pascal_case())
            }
            Field::Value(status) => object.string("status", status.as_str()),
            Field::Null => object.raw("status", "null"),
            Field::Absent => {}
        }
        match &self.completion_reason {
            Field::Value(reason) => object.string("completionReason", reason.as_str()),
            Field::Null => object.raw("completionReason", "null"),
            Field::Absent => {}
        }
        match &self.result_info {
            Field::Value(info) => {
                write_result_info(object.key("resultInfo"), info, options.redact_token)
            }
            Field::Null => object.raw("resultInfo", "null"),
            Field::Absent => {}
        }
        nullable_string(&mut object, "recordingLocation", &self.recording_location);
        if !options.redact_token {
            nullable_string(
                &mut object,
                "recordingAccessToken",
                &self.recording_access_token,
            );
        }
        extras(&mut object, &self.extra, options.redact_token);
        object.close();
        out
    }
}

fn write_result_info(out: &mut String, info: &ResultInfo<'_>, redact: bool) {
    let mut object = ObjectOut::new(out);
    if let Some(odata_type) = &info.odata_type {
        object.string("@odata.type", odata_type);
    }
    if let Some(code) = info.code {
        object.number("code", code);
    }
    if let Some(subcode) = info.subcode {
        object.number("subcode", subcode);
    }
    nullable_string(&mut object, "message", &info.message);
    extras(&mut object, &info.extra, redact);
    object.close();
}

fn nullable_string(object: &mut ObjectOut<'_>, key: &str, value: &Field<Cow<'_, str>>) {
    match value {
        Field::Value(value) => object.string(key, value),
        Field::Null => object.raw(key, "null"),
        Field::Absent => {}
    }
}

/// Writes the extra properties as they came; with `redact`, one that names the token in another
/// spelling is left out like the token itself.
fn extras(object: &mut ObjectOut<'_>, extras: &[ExtraProperty<'_>], redact: bool) {
    for extra in extras {
        if redact && extra.is_token_like() {
            continue;
        }
        object.raw_member(&extra.raw_key, &extra.raw_value);
    }
}

/// Writes one JSON object member by member, compact.
///
/// The methods are not inlined: the tracker and request writers call them at dozens of sites,
/// and a call is much smaller in the .wasm than an inlined copy (this is not a hot path).
pub(crate) struct ObjectOut<'o> {
    out: &'o mut String,
    first: bool,
}

impl<'o> ObjectOut<'o> {
    #[inline(never)]
    pub(crate) fn new(out: &'o mut String) -> Self {
        out.push('{');
        ObjectOut { out, first: true }
    }

    /// Writes `"key":` and hands the buffer over for the value.
    #[inline(never)]
    pub(crate) fn key(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_string(self.out, key);
        self.out.push(':');
        self.out
    }

    #[inline(never)]
    pub(crate) fn string(&mut self, key: &str, value: &str) {
        let out = self.key(key);
        write_string(out, value);
    }

    /// A string, or `null` for `None`.
    #[inline(never)]
    pub(crate) fn string_or_null(&mut self, key: &str, value: Option<&str>) {
        match value {
            Some(value) => self.string(key, value),
            None => self.raw(key, "null"),
        }
    }

    /// A whole number. (One non-generic writer for every integer type, without `core::fmt`.)
    pub(crate) fn number(&mut self, key: &str, value: impl Into<Integer>) {
        let Integer {
            negative,
            magnitude,
        } = value.into();
        write_integer(self.key(key), negative, magnitude);
    }

    #[inline(never)]
    pub(crate) fn bool(&mut self, key: &str, value: bool) {
        self.raw(key, if value { "true" } else { "false" });
    }

    /// A value already written as JSON.
    #[inline(never)]
    pub(crate) fn raw(&mut self, key: &str, json: &str) {
        self.key(key).push_str(json);
    }

    /// A member whose key and value are already written as JSON.
    #[inline(never)]
    pub(crate) fn raw_member(&mut self, raw_key: &str, raw_value: &str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out.push_str(raw_key);
        self.out.push(':');
        self.out.push_str(raw_value);
    }

    #[inline(never)]
    pub(crate) fn close(self) {
        self.out.push('}');
    }
}

/// An integer of any primitive type as a sign and a magnitude, so one function writes them all.
pub(crate) struct Integer {
    negative: bool,
    magnitude: u64,
}

macro_rules! integer_from {
    (unsigned: $($unsigned:ty),*; signed: $($signed:ty),*) => {
        $(impl From<$unsigned> for Integer {
            fn from(value: $unsigned) -> Self {
                // Lossless: every unsigned type here is at most 64 bits wide.
                Integer { negative: false, magnitude: value as u64 }
            }
        })*
        $(impl From<$signed> for Integer {
            fn from(value: $signed) -> Self {
                Integer { negative: value < 0, magnitude: i64::from(value).unsigned_abs() }
            }
        })*
    };
}

integer_from!(unsigned: u32, u64, usize; signed: i32, i64);

/// Writes an integer in decimal.
#[inline(never)]
fn write_integer(out: &mut String, negative: bool, magnitude: u64) {
    if negative {
        out.push('-');
    }
    // u64::MAX has 20 digits; they are produced last digit first.
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = magnitude;
    loop {
        at -= 1;
        if let Some(digit) = digits.get_mut(at) {
            *digit = b'0' + (rest % 10) as u8;
        }
        rest /= 10;
        if rest == 0 || at == 0 {
            break;
        }
    }
    for &digit in digits.get(at..).unwrap_or(&[]) {
        out.push(char::from(digit));
    }
}

/// Writes `value` in lowercase hex with at least `min_digits` digits (at most 16, all a `u64`
/// needs), as `{:0min_digits$x}` does (without `core::fmt`'s hex formatting code).
pub(crate) fn push_hex(out: &mut String, value: u64, min_digits: usize) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digits = (16 - value.leading_zeros() as usize / 4).max(min_digits.clamp(1, 16));
    for at in (0..digits).rev() {
        let nibble = (value >> (4 * at)) & 0xF;
        out.push(char::from(
            HEX.get(nibble as usize).copied().unwrap_or(b'0'),
        ));
    }
}

/// Writes a JSON array whose elements `write` appends.
pub(crate) fn array<T>(
    out: &mut String,
    items: impl IntoIterator<Item = T>,
    mut write: impl FnMut(&mut String, T),
) {
    out.push('[');
    for (index, item) in items.into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        write(out, item);
    }
    out.push(']');
}

/// A JSON string literal.
pub(crate) fn string_literal(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    write_string(&mut out, value);
    out
}

/// Writes a JSON string: quotes, backslashes and control characters escaped, nothing else.
pub(crate) fn write_string(out: &mut String, value: &str) {
    out.push('"');
    let mut run_start = 0;
    for (at, byte) in value.bytes().enumerate() {
        let escaped = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            0x00..=0x1F => "",
            _ => continue,
        };
        out.push_str(value.get(run_start..at).unwrap_or(""));
        if escaped.is_empty() {
            out.push_str("\\u");
            push_hex(out, u64::from(byte), 4);
        } else {
            out.push_str(escaped);
        }
        run_start = at + 1;
    }
    out.push_str(value.get(run_start..).unwrap_or(""));
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::write_string;

    #[test]
    fn integers_as_display_writes_them() {
        use super::ObjectOut;
        let mut out = String::new();
        let mut object = ObjectOut::new(&mut out);
        object.number("a", 0u64);
        object.number("b", u64::MAX);
        object.number("c", i64::MIN);
        object.number("d", i32::MIN);
        object.number("e", -7i64);
        object.number("f", u32::MAX);
        object.number("g", 1_000usize);
        object.close();
        let expected = format!(
            "{{\"a\":0,\"b\":{},\"c\":{},\"d\":{},\"e\":-7,\"f\":{},\"g\":1000}}",
            u64::MAX,
            i64::MIN,
            i32::MIN,
            u32::MAX
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn hex_as_lower_hex_writes_it() {
        for value in [0u64, 1, 0xF, 0x10, 0x1F, 0xABC, 0xFFFF, u64::MAX, 1 << 63] {
            for min in [0usize, 1, 4, 16] {
                let mut out = String::new();
                super::push_hex(&mut out, value, min);
                assert_eq!(out, format!("{value:0min$x}"));
            }
        }
    }

    #[test]
    fn escapes_only_what_json_requires() {
        let mut out = String::new();
        write_string(&mut out, "a\"b\\c\nd\u{1}é/\u{1f}");
        assert_eq!(out, "\"a\\\"b\\\\c\\nd\\u0001é/\\u001f\"");
    }
}
