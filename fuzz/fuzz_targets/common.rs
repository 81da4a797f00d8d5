//! Checks every fuzz target shares. A failed check panics, which libFuzzer reports as a crash.
#![allow(dead_code)]

use graph_record_operation::{
    parse_any_bytes, validate_bytes, Field, IssueCode, ParseOptions, RecordOperation, Report,
    Severity, WriteOptions,
};

pub fn options(strict: bool) -> ParseOptions {
    ParseOptions {
        strict,
        ..ParseOptions::default()
    }
}

/// Every issue is well formed: a JSON Pointer, a known code, the mode's severity, a position
/// inside the input.
pub fn check_report(input: &[u8], report: &Report, strict: bool) {
    for issue in &report.issues {
        assert!(
            issue.path.is_empty() || issue.path.starts_with('/'),
            "not a JSON Pointer: {:?}",
            issue.path
        );
        assert_eq!(IssueCode::from_code(issue.code.as_str()), Some(issue.code));
        let expected = if strict {
            Severity::Error
        } else {
            issue.code.lenient_severity()
        };
        assert_eq!(issue.severity, expected, "{issue}");
        assert!(issue.position.offset <= input.len(), "{issue}");
        assert!(
            issue.position.line >= 1 && issue.position.column >= 1,
            "{issue}"
        );
        assert!(!issue.message.is_empty());
        let _ = issue.to_string();
    }
}

/// Strict mode changes severities and nothing else.
pub fn check_modes_agree(lenient: &Report, strict: &Report) {
    assert_eq!(lenient.issues.len(), strict.issues.len());
    for (l, s) in lenient.issues.iter().zip(&strict.issues) {
        assert_eq!(
            (l.code, &l.path, &l.message, l.position),
            (s.code, &s.path, &s.message, s.position)
        );
    }
}

/// `Debug` and `Display` do not depend on the token's value: they never show it.
pub fn check_token_hidden(op: &RecordOperation<'_>) {
    if let Field::Value(_) = op.recording_access_token {
        let mut other = op.clone();
        other.recording_access_token = Field::Value("other-token".into());
        assert_eq!(format!("{op:?}"), format!("{other:?}"));
        assert_eq!(op.to_string(), other.to_string());
    }
}

/// validate_bytes and parse_bytes agree, in one mode.
pub fn check_validate(input: &[u8], strict: bool) -> Report {
    let options = options(strict);
    let report = validate_bytes(input, &options);
    check_report(input, &report, strict);
    match RecordOperation::parse_bytes(input, &options) {
        Ok((op, warnings)) => {
            assert!(
                report.is_valid(),
                "parse succeeded but validate found errors"
            );
            assert_eq!(warnings, report);
            check_token_hidden(&op);
        }
        Err(error) => {
            assert!(
                !report.is_valid(),
                "parse failed but validate found no error"
            );
            assert_eq!(error.report(), &report);
            assert_eq!(
                error.code(),
                report
                    .errors()
                    .next()
                    .map(|i| i.code)
                    .unwrap_or(IssueCode::JsonSyntax)
            );
            assert!(!error.to_string().is_empty());
        }
    }
    report
}

/// What parsed writes canonically and reads back as the same model; writing again gives the same
/// bytes.
pub fn check_round_trip(op: &RecordOperation<'_>, options: &ParseOptions) {
    let json = op.to_json(&WriteOptions::default());
    let (again, _) = RecordOperation::parse(&json, options)
        .unwrap_or_else(|e| panic!("the written JSON does not parse: {e}\n{json}"));
    assert_eq!(
        &again, op,
        "the model changed through write and parse\n{json}"
    );
    assert_eq!(
        again.to_json(&WriteOptions::default()),
        json,
        "writing is not idempotent"
    );

    let pascal = op.to_json(&WriteOptions {
        pascal_case_status: true,
        ..WriteOptions::default()
    });
    let lenient = ParseOptions {
        strict: false,
        ..*options
    };
    let (from_pascal, _) = RecordOperation::parse(&pascal, &lenient)
        .unwrap_or_else(|e| panic!("PascalCase output does not parse: {e}\n{pascal}"));
    assert_eq!(&from_pascal, op);

    let redacted = op.to_json(&WriteOptions {
        redact_token: true,
        ..WriteOptions::default()
    });
    let (from_redacted, _) = RecordOperation::parse(&redacted, &lenient)
        .unwrap_or_else(|e| panic!("redacted output does not parse: {e}\n{redacted}"));
    assert!(from_redacted.recording_access_token.is_absent());
    // Redaction leaves out the token and any extra property whose key names it in another
    // spelling (at either level); everything else stays.
    let mut expected = op.clone();
    expected.recording_access_token = Field::Absent;
    expected.extra.retain(|extra| !extra.is_token_like());
    if let Field::Value(info) = &mut expected.result_info {
        info.extra.retain(|extra| !extra.is_token_like());
    }
    assert_eq!(from_redacted, expected);
}

/// Shape detection in one mode: well-formed report, entries that round-trip when all is valid.
pub fn check_parse_any(input: &[u8], strict: bool) -> Report {
    let options = options(strict);
    let payload = parse_any_bytes(input, &options);
    check_report(input, &payload.report, strict);
    if payload.kind.is_none() {
        assert!(!payload.report.is_valid(), "no shape but no error");
    }
    for entry in &payload.operations {
        assert!(entry.path.is_empty() || entry.path.starts_with('/'));
        check_token_hidden(&entry.operation);
    }
    for skipped in &payload.skipped {
        assert!(skipped.path.is_empty() || skipped.path.starts_with('/'));
    }
    let _ = format!("{payload:?}");
    payload.report
}
