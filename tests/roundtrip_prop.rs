//! Property tests (proptest):
//!
//! (a) random valid operations, in every spelling real senders use, round-trip exactly:
//!     parse(write(parse(x))) == parse(x), writing what was canonical gives the same bytes, and
//!     parse_any finds the same operation at the right path in every shape;
//! (b) at least 100,000 generated payloads with random extra properties of every JSON type
//!     (unicode, escapes, numbers such as `1.0`, `1e2`, `12345678901234567890`, whitespace) keep
//!     every unknown property byte-for-byte, in order, and write every known one canonically: the
//!     expected output is computed here, independently of the library's writer;
//! (c) random bytes and random mutations of valid payloads never panic in parse_any / validate /
//!     parse, lenient or strict, and the reports hold together.
//!
//! `PROPTEST_CASES` is not used: the counts are fixed below so the 100,000 of (b) are guaranteed.

// Native only (proptest, threads, the file system); the wasm suites are tests/node.rs and
// tests/browser.rs.
#![cfg(not(target_arch = "wasm32"))]

use graph_record_operation::{
    parse_any, parse_any_bytes, validate, validate_bytes, Field, IssueCode, ParseOptions,
    RecordOperation, Report, Severity, WriteOptions,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

// ------------------------------------------------------------------------------------------------
// JSON text generation. proptest draws a seed per case; a small seeded generator builds the
// payload from it (proptest's value trees are far too slow in debug builds for 100,000 nested
// payloads). A failure prints the seed and the payload.

/// SplitMix64.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability 1/n.
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Writes one character of a JSON string in one of several escape styles.
fn encode_char(out: &mut String, c: char, style: usize) {
    match c {
        '"' => out.push_str(if style % 2 == 0 { "\\\"" } else { "\\u0022" }),
        '\\' => out.push_str(if style % 2 == 0 { "\\\\" } else { "\\u005C" }),
        '\n' if style % 2 == 0 => out.push_str("\\n"),
        '\t' if style % 2 == 0 => out.push_str("\\t"),
        '/' if style == 1 => out.push_str("\\/"),
        c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
        c if style == 3 => {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04X}"));
            }
        }
        c if style == 2 && !c.is_ascii() => {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
        c => out.push(c),
    }
}

/// A JSON string: its decoded value and its text, quotes included.
#[derive(Debug, Clone)]
struct JStr {
    value: String,
    raw: String,
}

fn plain(value: &str) -> JStr {
    JStr {
        value: value.to_string(),
        raw: format!("\"{value}\""),
    }
}

const SPECIAL_CHARS: &[char] = &[
    '"',
    '\\',
    '/',
    '\n',
    '\r',
    '\t',
    '\u{0}',
    '\u{8}',
    '\u{c}',
    '\u{1f}',
    '\u{7f}',
    'é',
    '\u{2028}',
    '\u{FEFF}',
    '\u{FFFD}',
    '😀',
    '\u{10FFFF}',
    '~',
    ' ',
];

fn gen_char(g: &mut Gen) -> char {
    match g.below(8) {
        0..=3 => (b'a' + g.below(26) as u8) as char,
        4 | 5 => g.pick(SPECIAL_CHARS),
        6 => char::from_u32(g.below(0xD800) as u32).unwrap_or('x'),
        _ => char::from_u32(0xE000 + g.below(0x110000 - 0xE000) as u32).unwrap_or('y'),
    }
}

fn gen_jstr(g: &mut Gen, max: usize) -> JStr {
    let len = g.below(max + 1);
    let mut value = String::new();
    let mut raw = String::from("\"");
    for _ in 0..len {
        let c = gen_char(g);
        value.push(c);
        // Mostly plain; sometimes escaped in one of the styles.
        let style = if g.one_in(3) { g.below(5) } else { 0 };
        encode_char(&mut raw, c, style);
    }
    raw.push('"');
    JStr { value, raw }
}

fn gen_ws(g: &mut Gen) -> &'static str {
    g.pick(&["", "", "", "", "", " ", " ", "\n  ", "\t", "\r\n"])
}

fn gen_number(g: &mut Gen) -> String {
    match g.below(12) {
        0 => "1.0".into(),
        1 => "1e2".into(),
        2 => "12345678901234567890".into(),
        3 => "-0".into(),
        4 => "1E+400".into(),
        5 => "-1e-400".into(),
        6 => "200.000".into(),
        7 => format!("{}", g.next() as i64),
        8 => format!("{:e}", f64::from_bits(g.next() & 0x7FEF_FFFF_FFFF_FFFF)),
        9 => format!("{}.{:03}", g.next() as i32, g.below(1000)),
        10 => format!("-{}e-{}", g.below(1000), g.below(20)),
        _ => g.below(1000).to_string(),
    }
}

/// Any JSON value, as text (whitespace inside containers included).
fn gen_value(g: &mut Gen, depth: usize) -> String {
    let kinds = if depth == 0 { 5 } else { 7 };
    match g.below(kinds) {
        0 => "null".into(),
        1 => g.pick(&["true", "false"]).into(),
        2 => gen_number(g),
        3 | 4 => gen_jstr(g, 12).raw,
        5 => {
            let items: Vec<String> = (0..g.below(5))
                .map(|_| {
                    let w = gen_ws(g);
                    format!("{w}{}{w}", gen_value(g, depth - 1))
                })
                .collect();
            format!("[{}]", items.join(","))
        }
        _ => {
            let mut seen = std::collections::HashSet::new();
            let mut members = Vec::new();
            for _ in 0..g.below(5) {
                let key = gen_jstr(g, 6);
                let value = gen_value(g, depth - 1);
                let w = gen_ws(g);
                if seen.insert(key.value.clone()) {
                    members.push(format!("{w}{}{w}:{w}{value}", key.raw));
                }
            }
            format!("{{{}}}", members.join(","))
        }
    }
}

const OPERATION_KEYS: &[&str] = &[
    "@odata.type",
    "id",
    "clientContext",
    "status",
    "completionReason",
    "resultInfo",
    "recordingLocation",
    "recordingAccessToken",
    "recordResourceLocation",
    "recordResourceAccessToken",
];
const RESULT_INFO_KEYS: &[&str] = &["@odata.type", "code", "subcode", "subCode", "message"];

/// An extra property key: random text, or a name that must stay an ordinary property.
fn gen_extra_key(g: &mut Gen) -> JStr {
    match g.below(5) {
        0..=2 => gen_jstr(g, 10),
        3 => plain(g.pick(&[
            "__proto__",
            "constructor",
            "prototype",
            "@odata.etag",
            "@odata.id",
            "value",
            "resourceData",
            "ID",
            "Status",
            "",
        ])),
        _ => JStr {
            value: "__proto__".into(),
            raw: "\"\\u005f_proto__\"".into(),
        },
    }
}

/// Extra members (key, value text), keys unique and never a known property's name.
fn gen_extras(g: &mut Gen, known: &[&str], max: usize) -> Vec<(String, String)> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for _ in 0..g.below(max + 1) {
        let key = gen_extra_key(g);
        let value = gen_value(g, 3);
        if !known.contains(&key.value.as_str()) && seen.insert(key.value.clone()) {
            out.push((key.raw, value));
        }
    }
    out
}

const STATUSES: &[&str] = &["notStarted", "running", "completed", "failed"];
const REASONS: &[&str] = &[
    "operationCanceled",
    "stopToneDetected",
    "maxRecordDurationReached",
    "initialSilenceTimeout",
    "maxSilenceTimeout",
    "playPromptFailed",
    "playBeepFailed",
    "mediaReceiveTimeout",
    "unspecifiedError",
];

/// An enum value as written and its canonical spelling (`None`: written as null).
fn gen_enum(g: &mut Gen, members: &[&str]) -> Option<(String, String)> {
    match g.below(8) {
        0..=2 => {
            let m = g.pick(members);
            Some((format!("\"{m}\""), m.to_string()))
        }
        3 | 4 => {
            let m = g.pick(members);
            let written: String = m
                .chars()
                .map(|c| {
                    if g.one_in(2) {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .collect();
            Some((format!("\"{written}\""), m.to_string()))
        }
        5 => {
            let s = gen_jstr(g, 8);
            if members.iter().any(|m| m.eq_ignore_ascii_case(&s.value)) {
                Some((s.raw, s.value.to_ascii_lowercase())) // practically never
            } else {
                Some((s.raw, s.value))
            }
        }
        6 => Some(("\"none\"".into(), "none".into())),
        _ => None,
    }
}

/// An Int32 as written (number, numeric string, `200.0`, `2E0`, `-0`) and its value.
fn gen_int32(g: &mut Gen) -> (String, i32) {
    let n: i32 = match g.below(5) {
        0 => g.next() as i32,
        1 => i32::MAX,
        2 => i32::MIN,
        3 => 0,
        _ => g.below(2000) as i32 - 1000,
    };
    let text = match g.below(6) {
        0 | 1 => n.to_string(),
        2 => format!("\"{n}\""),
        3 => format!("{n}.0"),
        4 => format!("{n}E0"),
        _ if n == 0 => "-0".to_string(),
        _ => format!("{n}.000e+0"),
    };
    (text, n)
}

/// A nullable string property: absent, null or a string (written, canonical).
fn gen_nullable_string(g: &mut Gen) -> Option<(String, String)> {
    match g.below(5) {
        0 => None,
        1 => Some(("null".into(), "null".into())),
        _ => {
            let s = gen_jstr(g, 16);
            Some((s.raw, canonical_string(&s.value)))
        }
    }
}

#[derive(Debug, Clone)]
struct Generated {
    /// The payload text.
    text: String,
    /// The canonical output the library must write.
    canonical: String,
    /// Every extra property (raw key, raw value), in order: operation level.
    extras: Vec<(String, String)>,
    /// The same for resultInfo.
    result_extras: Vec<(String, String)>,
}

/// The canonical JSON string for a value: quotes, backslashes and control characters escaped,
/// nothing else (written independently of the library).
fn canonical_string(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

type Member = (String, String); // (key text, value text)

fn shuffle(g: &mut Gen, members: &mut [Member]) {
    for i in (1..members.len()).rev() {
        let j = g.below(i + 1);
        members.swap(i, j);
    }
}

/// Known members in a random order, extras interleaved keeping their own order.
fn interleave(g: &mut Gen, mut known: Vec<Member>, extras: &[(String, String)]) -> Vec<Member> {
    shuffle(g, &mut known);
    let mut all = Vec::new();
    let mut known = known.into_iter().peekable();
    let mut unknown = extras.iter().cloned().peekable();
    while known.peek().is_some() || unknown.peek().is_some() {
        let take_known = unknown.peek().is_none() || (known.peek().is_some() && g.one_in(2));
        all.extend(if take_known {
            known.next()
        } else {
            unknown.next()
        });
    }
    all
}

fn assemble(g: &mut Gen, members: &[Member]) -> String {
    let mut out = String::from("{");
    for (index, (key, value)) in members.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        let (a, b, c, d) = (gen_ws(g), gen_ws(g), gen_ws(g), gen_ws(g));
        out.push_str(&format!("{a}{key}{b}:{c}{value}{d}"));
    }
    out.push('}');
    out
}

/// resultInfo: (text, canonical text, extras), or null, or absent.
#[allow(clippy::type_complexity)]
fn gen_result_info(g: &mut Gen) -> Option<(String, String, Vec<(String, String)>)> {
    match g.below(6) {
        0 => return None,
        1 => return Some(("null".into(), "null".into(), Vec::new())),
        _ => {}
    }
    let mut members: Vec<Member> = Vec::new();
    let mut canonical: Vec<String> = Vec::new();
    if g.one_in(2) {
        let t = g.pick(&[
            "\"#microsoft.graph.resultInfo\"",
            "\"microsoft.graph.resultInfo\"",
            "\"microsoft.graph.ResultInfo\"",
        ]);
        members.push(("\"@odata.type\"".into(), t.into()));
        canonical.push("\"@odata.type\":\"#microsoft.graph.resultInfo\"".into());
    }
    if !g.one_in(5) {
        let (text, value) = gen_int32(g);
        members.push(("\"code\"".into(), text));
        canonical.push(format!("\"code\":{value}"));
    }
    if !g.one_in(5) {
        let (text, value) = gen_int32(g);
        let key = if g.one_in(3) {
            "\"subCode\""
        } else {
            "\"subcode\""
        };
        members.push((key.into(), text));
        canonical.push(format!("\"subcode\":{value}"));
    }
    if let Some((text, canon)) = gen_nullable_string(g) {
        members.push(("\"message\"".into(), text));
        canonical.push(format!("\"message\":{canon}"));
    }
    let extras = gen_extras(g, RESULT_INFO_KEYS, 3);
    for (k, v) in &extras {
        canonical.push(format!("{k}:{v}"));
    }
    let all = interleave(g, members, &extras);
    let text = assemble(g, &all);
    Some((text, format!("{{{}}}", canonical.join(",")), extras))
}

/// A random valid operation (lenient: warnings allowed, no errors).
fn gen_operation(g: &mut Gen, max_extras: usize) -> Generated {
    let mut members: Vec<Member> = Vec::new();
    let mut canonical: Vec<String> = Vec::new();
    if g.one_in(2) {
        let t = g.pick(&[
            "\"#microsoft.graph.recordOperation\"",
            "\"microsoft.graph.recordOperation\"",
            "\"#Microsoft.Graph.RECORDOPERATION\"",
        ]);
        members.push(("\"@odata.type\"".into(), t.into()));
        canonical.push("\"@odata.type\":\"#microsoft.graph.recordOperation\"".into());
    }
    if !g.one_in(6) {
        let id = gen_jstr(g, 24);
        canonical.push(format!("\"id\":{}", canonical_string(&id.value)));
        members.push(("\"id\"".into(), id.raw));
    }
    if let Some((text, canon)) = gen_nullable_string(g) {
        members.push(("\"clientContext\"".into(), text));
        canonical.push(format!("\"clientContext\":{canon}"));
    }
    for (name, values) in [("status", STATUSES), ("completionReason", REASONS)] {
        if g.one_in(6) {
            continue; // absent
        }
        match gen_enum(g, values) {
            Some((text, canon)) => {
                members.push((format!("\"{name}\""), text));
                canonical.push(format!("\"{name}\":{}", canonical_string(&canon)));
            }
            None => {
                members.push((format!("\"{name}\""), "null".into()));
                canonical.push(format!("\"{name}\":null"));
            }
        }
    }
    let mut result_extras = Vec::new();
    if let Some((text, canon, extras)) = gen_result_info(g) {
        members.push(("\"resultInfo\"".into(), text));
        canonical.push(format!("\"resultInfo\":{canon}"));
        result_extras = extras;
    }
    // The legacy names stand in for an absent current property, with a warning.
    for (name, legacy) in [
        ("recordingLocation", "recordResourceLocation"),
        ("recordingAccessToken", "recordResourceAccessToken"),
    ] {
        if let Some((text, canon)) = gen_nullable_string(g) {
            let key = if text != "null" && g.one_in(3) {
                legacy
            } else {
                name
            };
            members.push((format!("\"{key}\""), text));
            canonical.push(format!("\"{name}\":{canon}"));
        }
    }
    let extras = gen_extras(g, OPERATION_KEYS, max_extras);
    for (k, v) in &extras {
        canonical.push(format!("{k}:{v}"));
    }
    let all = interleave(g, members, &extras);
    Generated {
        text: assemble(g, &all),
        canonical: format!("{{{}}}", canonical.join(",")),
        extras,
        result_extras,
    }
}

fn operation(max_extras: usize) -> impl Strategy<Value = Generated> {
    any::<u64>().prop_map(move |seed| gen_operation(&mut Gen(seed), max_extras))
}

// ------------------------------------------------------------------------------------------------
// Checks.

fn runner(cases: u32) -> TestRunner {
    let cases = std::env::var("PROP_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(cases);
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

fn lenient() -> ParseOptions {
    ParseOptions::default()
}

fn extras_of(op: &RecordOperation<'_>) -> Vec<(String, String)> {
    op.extra
        .iter()
        .map(|p| (p.raw_key.to_string(), p.raw_value.to_string()))
        .collect()
}

fn check_generated(g: &Generated) -> Result<(), TestCaseError> {
    let (op, report) = RecordOperation::parse(&g.text, &lenient())
        .map_err(|e| TestCaseError::fail(format!("{e}\n{}", g.text)))?;
    prop_assert!(report.is_valid());
    prop_assert_eq!(extras_of(&op), g.extras.clone(), "extras lost or changed");
    if let Field::Value(info) = &op.result_info {
        let info_extras: Vec<(String, String)> = info
            .extra
            .iter()
            .map(|p| (p.raw_key.to_string(), p.raw_value.to_string()))
            .collect();
        prop_assert_eq!(info_extras, g.result_extras.clone());
    }
    let written = op.to_json(&WriteOptions::default());
    prop_assert_eq!(
        &written,
        &g.canonical,
        "not the canonical output for\n{}",
        g.text
    );
    Ok(())
}

/// parse(write(parse(x))) == parse(x); write is idempotent; the other write options read back.
fn check_round_trip(text: &str) -> Result<(), TestCaseError> {
    let (op, _) = RecordOperation::parse(text, &lenient())
        .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    let written = op.to_json(&WriteOptions::default());
    let (again, _) = RecordOperation::parse(&written, &lenient())
        .map_err(|e| TestCaseError::fail(format!("written: {e}\n{written}")))?;
    prop_assert_eq!(&again, &op);
    prop_assert_eq!(again.to_json(&WriteOptions::default()), written.clone());
    // What is canonical reads strictly wherever the original read without warnings.
    let owned = op.clone().into_owned();
    prop_assert_eq!(&owned, &op);

    let pascal = op.to_json(&WriteOptions {
        pascal_case_status: true,
        ..WriteOptions::default()
    });
    let (from_pascal, _) = RecordOperation::parse(&pascal, &lenient())
        .map_err(|e| TestCaseError::fail(format!("pascal: {e}")))?;
    prop_assert_eq!(&from_pascal, &op);

    let redacted = op.to_json(&WriteOptions {
        redact_token: true,
        ..WriteOptions::default()
    });
    let (from_redacted, _) = RecordOperation::parse(&redacted, &lenient())
        .map_err(|e| TestCaseError::fail(format!("redacted: {e}")))?;
    // Redaction also leaves out extra properties whose key names the token in another spelling.
    let mut expected = op.clone();
    expected.recording_access_token = Field::Absent;
    expected.extra.retain(|extra| !extra.is_token_like());
    if let Field::Value(info) = &mut expected.result_info {
        info.extra.retain(|extra| !extra.is_token_like());
    }
    prop_assert_eq!(from_redacted, expected);
    Ok(())
}

/// The same operation, found by parse_any in every shape, at the right path.
fn check_shapes(text: &str) -> Result<(), TestCaseError> {
    let (op, _) =
        RecordOperation::parse(text, &lenient()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let shapes = [
        (text.to_string(), "", "operation"),
        (format!("[{text}]"), "/0", "array"),
        (format!("{{\"value\":[{{\"id\":\"x\",\"status\":\"running\"}},{text}],\"@odata.nextLink\":\"https://n\"}}"), "/value/1", "collection"),
        (format!("{{\"value\":[{{\"changeType\":\"updated\",\"resourceUrl\":\"/r\",\"resourceData\":{text}}}]}}"), "/value/0/resourceData", "notifications"),
        (format!("{{\"value\":[{{\"changeType\":\"deleted\",\"resourceData\":[{{\"@odata.type\":\"#microsoft.graph.call\"}},{text}]}}]}}"), "/value/0/resourceData/1", "notifications"),
    ];
    // A top-level `value` array makes the document a collection: skip that shape then.
    let value_array = op
        .extra_property("value")
        .is_some_and(|p| p.raw_value.starts_with('['));
    // Notification keys make an array or collection element a notification: skip those shapes.
    let notification_keys = ["resourceData", "changeType", "resourceUrl", "resource"]
        .iter()
        .any(|k| op.extra_property(k).is_some());
    for (index, (payload, path, kind)) in shapes.into_iter().enumerate() {
        if (index == 0 && value_array) || (matches!(index, 1 | 2) && notification_keys) {
            continue;
        }
        let any = parse_any(&payload, &lenient());
        prop_assert!(any.report.is_valid(), "{:?}\n{}", any.report, payload);
        prop_assert_eq!(any.kind.map(|k| k.as_str()), Some(kind));
        let entry = any
            .operations
            .iter()
            .find(|e| e.path == path)
            .ok_or_else(|| TestCaseError::fail(format!("no operation at {path} in {payload}")))?;
        prop_assert_eq!(&entry.operation, &op);
    }
    Ok(())
}

/// Reports hold together: strict finds what lenient finds, as errors; parse agrees with validate.
fn check_reports(bytes: &[u8]) -> Result<(), TestCaseError> {
    let lenient_report = validate_bytes(bytes, &lenient());
    let strict_report = validate_bytes(bytes, &ParseOptions::strict());
    check_pair(&lenient_report, &strict_report)?;
    for (options, report) in [
        (lenient(), &lenient_report),
        (ParseOptions::strict(), &strict_report),
    ] {
        match RecordOperation::parse_bytes(bytes, &options) {
            Ok((op, warnings)) => {
                prop_assert!(report.is_valid());
                prop_assert_eq!(&warnings, report);
                let _ = (
                    format!("{op:?}"),
                    op.to_string(),
                    op.to_json(&WriteOptions::default()),
                );
            }
            Err(error) => {
                prop_assert!(!report.is_valid());
                prop_assert_eq!(error.report(), report);
                let _ = error.to_string();
            }
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        prop_assert_eq!(validate(text, &lenient()), lenient_report);
    }
    let any_lenient = parse_any_bytes(bytes, &lenient());
    let any_strict = parse_any_bytes(bytes, &ParseOptions::strict());
    check_pair(&any_lenient.report, &any_strict.report)?;
    if any_lenient.kind.is_none() {
        prop_assert!(!any_lenient.report.is_valid());
    }
    let _ = format!("{any_lenient:?}");
    Ok(())
}

fn check_pair(lenient: &Report, strict: &Report) -> Result<(), TestCaseError> {
    prop_assert_eq!(lenient.issues.len(), strict.issues.len());
    for (l, s) in lenient.issues.iter().zip(&strict.issues) {
        prop_assert_eq!(l.severity, l.code.lenient_severity());
        prop_assert_eq!(s.severity, Severity::Error);
        prop_assert_eq!((l.code, &l.path, l.position), (s.code, &s.path, s.position));
        prop_assert!(l.path.is_empty() || l.path.starts_with('/'));
        prop_assert!(l.position.line >= 1 && l.position.column >= 1, "{:?}", l);
        prop_assert_eq!(IssueCode::from_code(l.code.as_str()), Some(l.code));
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------------
// The tests.

/// (a) Random valid operations round-trip exactly, in every shape.
#[test]
fn random_valid_operations_round_trip_exactly() {
    runner(3_000)
        .run(&operation(4), |g| {
            check_round_trip(&g.text)?;
            check_round_trip(&g.canonical)?;
            // Writing what was canonical gives the same bytes.
            let (op, _) = RecordOperation::parse(&g.canonical, &lenient())
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(op.to_json(&WriteOptions::default()), g.canonical.clone());
            check_shapes(&g.text)
        })
        .unwrap();
}

/// (b) 100,000 payloads with random extra properties: unknown ones byte-for-byte, known ones
/// canonical.
#[test]
fn extra_properties_survive_byte_for_byte_100k() {
    let started = std::time::Instant::now();
    let count = std::sync::atomic::AtomicU32::new(0);
    runner(100_000)
        .run(&operation(6), |g| {
            count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            check_generated(&g)
        })
        .unwrap();
    let count = count.into_inner();
    assert!(
        count >= runner(100_000).config().cases,
        "only {count} payloads"
    );
    eprintln!("{count} payloads in {:?}", started.elapsed());
}

/// (c) Random bytes never panic, and the reports hold together.
#[test]
fn random_bytes_never_panic() {
    let bytes = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..256),
        proptest::collection::vec(
            proptest::sample::select(
                b"{}[]:,\"\\ u0123456789abcdefEtrulsn-+.\n\xff\xc3\xa9\xed".to_vec()
            ),
            0..256
        ),
    ];
    runner(20_000)
        .run(&bytes, |bytes| check_reports(&bytes))
        .unwrap();
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, &'static str),
    Delete(usize, usize),
    Truncate(usize),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::Flip(a, b)),
        (
            any::<usize>(),
            proptest::sample::select(vec![
                "{",
                "}",
                "[",
                "]",
                ",",
                ":",
                "\"",
                "\\",
                "\\u",
                "\\ud800",
                "null",
                "1e400",
                "-0",
                "\u{FEFF}",
                "\u{0}",
                "//",
                "NaN",
                "\"id\":1,",
                "\"status\":\"x\",",
                "[[[[[[",
            ])
        )
            .prop_map(|(a, s)| Mutation::Insert(a, s)),
        (any::<usize>(), 0usize..16).prop_map(|(a, n)| Mutation::Delete(a, n)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 0usize..32).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Flip(at, b) => {
                if let Some(byte) = bytes.get_mut(at % len) {
                    *byte ^= b | 1;
                }
            }
            Mutation::Insert(at, s) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, s.bytes());
            }
            Mutation::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            Mutation::Truncate(at) => bytes.truncate(at % len),
            Mutation::Duplicate(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    let copy: Vec<u8> = bytes[at..end].to_vec();
                    bytes.splice(end..end, copy);
                }
            }
        }
    }
    bytes
}

/// (c) Random mutations of valid payloads (single operations and every shape) never panic, and
/// whatever still parses round-trips.
#[test]
fn mutated_valid_payloads_never_panic() {
    let strategy = (
        operation(3),
        0usize..4,
        proptest::collection::vec(mutation(), 1..4),
    );
    runner(10_000)
        .run(&strategy, |(g, shape, mutations)| {
            let text = match shape {
                0 => g.text.clone(),
                1 => format!("[{}]", g.text),
                2 => format!("{{\"value\":[{}]}}", g.text),
                _ => format!(
                    "{{\"value\":[{{\"changeType\":\"updated\",\"resourceData\":{}}}]}}",
                    g.text
                ),
            };
            let bytes = apply(&text, &mutations);
            check_reports(&bytes)?;
            for options in [lenient(), ParseOptions::strict()] {
                if let Ok((op, _)) = RecordOperation::parse_bytes(&bytes, &options) {
                    let written = op.to_json(&WriteOptions::default());
                    let (again, _) = RecordOperation::parse(&written, &options)
                        .map_err(|e| TestCaseError::fail(format!("{e}\n{written}")))?;
                    prop_assert_eq!(&again, &op);
                    prop_assert_eq!(again.to_json(&WriteOptions::default()), written);
                }
            }
            Ok(())
        })
        .unwrap();
}
