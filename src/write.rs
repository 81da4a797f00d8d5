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
        let mut object = ObjectWriter::new(&mut out);
        if let Some(odata_type) = &self.odata_type {
            object.string("@odata.type", odata_type);
        }
        if let Some(id) = &self.id {
            object.string("id", id);
        }
        object.nullable_string("clientContext", &self.client_context);
        match &self.status {
            Field::Value(status) if options.pascal_case_status => {
                object.string("status", status.pascal_case())
            }
            Field::Value(status) => object.string("status", status.as_str()),
            Field::Null => object.null("status"),
            Field::Absent => {}
        }
        match &self.completion_reason {
            Field::Value(reason) => object.string("completionReason", reason.as_str()),
            Field::Null => object.null("completionReason"),
            Field::Absent => {}
        }
        match &self.result_info {
            Field::Value(info) => {
                object.key("resultInfo");
                write_result_info(object.out, info);
            }
            Field::Null => object.null("resultInfo"),
            Field::Absent => {}
        }
        object.nullable_string("recordingLocation", &self.recording_location);
        if !options.redact_token {
            object.nullable_string("recordingAccessToken", &self.recording_access_token);
        }
        object.extras(&self.extra);
        object.close();
        out
    }
}

fn write_result_info(out: &mut String, info: &ResultInfo<'_>) {
    let mut object = ObjectWriter::new(out);
    if let Some(odata_type) = &info.odata_type {
        object.string("@odata.type", odata_type);
    }
    if let Some(code) = info.code {
        object.key("code");
        object.out.push_str(&code.to_string());
    }
    if let Some(subcode) = info.subcode {
        object.key("subcode");
        object.out.push_str(&subcode.to_string());
    }
    object.nullable_string("message", &info.message);
    object.extras(&info.extra);
    object.close();
}

struct ObjectWriter<'o> {
    out: &'o mut String,
    first: bool,
}

impl<'o> ObjectWriter<'o> {
    fn new(out: &'o mut String) -> Self {
        out.push('{');
        ObjectWriter { out, first: true }
    }

    fn separator(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }

    fn key(&mut self, key: &str) {
        self.separator();
        write_string(self.out, key);
        self.out.push(':');
    }

    fn string(&mut self, key: &str, value: &str) {
        self.key(key);
        write_string(self.out, value);
    }

    fn null(&mut self, key: &str) {
        self.key(key);
        self.out.push_str("null");
    }

    fn nullable_string(&mut self, key: &str, value: &Field<Cow<'_, str>>) {
        match value {
            Field::Value(value) => self.string(key, value),
            Field::Null => self.null(key),
            Field::Absent => {}
        }
    }

    fn extras(&mut self, extras: &[ExtraProperty<'_>]) {
        for extra in extras {
            self.separator();
            self.out.push_str(&extra.raw_key);
            self.out.push(':');
            self.out.push_str(&extra.raw_value);
        }
    }

    fn close(self) {
        self.out.push('}');
    }
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
            out.push_str(&format!("\\u{byte:04x}"));
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
    fn escapes_only_what_json_requires() {
        let mut out = String::new();
        write_string(&mut out, "a\"b\\c\nd\u{1}é/");
        assert_eq!(out, "\"a\\\"b\\\\c\\nd\\u0001é/\"");
    }
}
