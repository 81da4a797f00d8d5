//! Every row of the schema file's "docs and wire disagree" table, and every reading rule of the
//! core, with the exact code, path and severity each produces, in lenient and strict mode.

// Native only (proptest, the file system); the wasm suites are tests/node.rs and tests/browser.rs.
#![cfg(not(target_arch = "wasm32"))]

use graph_record_operation::{
    parse_any, validate, Error, Field, IssueCode, OperationStatus, ParseOptions, PayloadKind,
    RecordCompletionReason, RecordOperation, ResultCategory, Severity, WriteOptions,
};

const LENIENT: ParseOptions = ParseOptions {
    strict: false,
    max_input_bytes: graph_record_operation::DEFAULT_MAX_INPUT_BYTES,
    max_depth: graph_record_operation::DEFAULT_MAX_DEPTH,
    max_issues: graph_record_operation::DEFAULT_MAX_ISSUES,
};

fn strict() -> ParseOptions {
    ParseOptions::strict()
}

/// `(code, path, severity)` of every issue, in order.
fn issues(text: &str, options: &ParseOptions) -> Vec<(&'static str, String, Severity)> {
    validate(text, options)
        .issues
        .into_iter()
        .map(|i| (i.code.as_str(), i.path, i.severity))
        .collect()
}

/// `(code, path)` of every issue, in order.
fn codes_and_paths(report: &graph_record_operation::Report) -> Vec<(&'static str, &str)> {
    report
        .issues
        .iter()
        .map(|i| (i.code.as_str(), i.path.as_str()))
        .collect()
}

fn one(
    code: &'static str,
    path: &str,
    severity: Severity,
) -> Vec<(&'static str, String, Severity)> {
    vec![(code, path.to_string(), severity)]
}

/// A complete, clean operation with `extra` spliced in (a JSON fragment starting with a comma or
/// empty), for tests that change one thing.
/// The warnings for both legacy recording names.
fn legacy_name_warnings() -> Vec<(&'static str, String, Severity)> {
    ["/recordResourceLocation", "/recordResourceAccessToken"]
        .into_iter()
        .map(|path| ("legacy_property", path.to_string(), Severity::Warning))
        .collect()
}

fn op(fields: &str) -> String {
    format!(
        r##"{{"@odata.type":"#microsoft.graph.recordOperation","id":"0fe0623f-d628-42ed-b4bd-8ac290072cc5",{fields}}}"##
    )
}

fn parse(text: &str) -> RecordOperation<'_> {
    match RecordOperation::parse(text, &LENIENT) {
        Ok((operation, _)) => operation,
        Err(error) => panic!("expected {text} to parse: {error}"),
    }
}

// ---- status ------------------------------------------------------------------------------

#[test]
fn status_documented_spelling_is_clean() {
    for status in ["notStarted", "running", "completed", "failed"] {
        let text = op(&format!(r#""status":"{status}""#));
        assert_eq!(issues(&text, &LENIENT), vec![], "{status}");
        assert_eq!(parse(&text).status().map(|s| s.as_str()), Some(status));
    }
}

#[test]
fn status_in_pascal_or_any_case_reads_as_documented_with_a_warning() {
    for (sent, documented) in [
        ("Running", "running"),
        ("NotStarted", "notStarted"),
        ("COMPLETED", "completed"),
        ("fAiLeD", "failed"),
    ] {
        let text = op(&format!(r#""status":"{sent}""#));
        assert_eq!(
            issues(&text, &LENIENT),
            one("enum_case", "/status", Severity::Warning)
        );
        assert_eq!(
            issues(&text, &strict()),
            one("enum_case", "/status", Severity::Error)
        );
        let operation = parse(&text);
        assert_eq!(operation.status().map(|s| s.as_str()), Some(documented));
        assert!(operation
            .to_json(&WriteOptions::default())
            .contains(&format!(r#""status":"{documented}""#)));
    }
}

#[test]
fn status_null_is_accepted_with_a_warning_and_kept_as_null() {
    let text = op(r#""status":null"#);
    assert_eq!(
        issues(&text, &LENIENT),
        one("null_status", "/status", Severity::Warning)
    );
    assert_eq!(
        issues(&text, &strict()),
        one("null_status", "/status", Severity::Error)
    );
    let operation = parse(&text);
    assert!(operation.status.is_null());
    assert!(operation
        .to_json(&WriteOptions::default())
        .contains(r#""status":null"#));
    assert!(!operation.is_terminal());
}

#[test]
fn status_absent_is_accepted_with_a_warning() {
    let text = op(r#""clientContext":"c""#);
    assert_eq!(
        issues(&text, &LENIENT),
        one("missing_status", "/status", Severity::Warning)
    );
    assert!(parse(&text).status.is_absent());
}

#[test]
fn undocumented_status_is_kept_verbatim_with_a_warning() {
    let text = op(r#""status":"paused""#);
    assert_eq!(
        issues(&text, &LENIENT),
        one("unknown_enum_value", "/status", Severity::Warning)
    );
    let operation = parse(&text);
    assert_eq!(
        operation.status(),
        Some(&OperationStatus::Undocumented("paused".into()))
    );
    assert!(operation
        .to_json(&WriteOptions::default())
        .contains(r#""status":"paused""#));
}

#[test]
fn status_of_the_wrong_type_is_an_error() {
    let text = op(r#""status":2"#);
    assert_eq!(
        issues(&text, &LENIENT),
        one("wrong_type", "/status", Severity::Error)
    );
    assert!(matches!(
        RecordOperation::parse(&text, &LENIENT),
        Err(Error::Invalid(_))
    ));
}

// ---- completionReason ----------------------------------------------------------------------

#[test]
fn completion_reason_in_a_v1_payload_is_accepted() {
    let text = op(
        r#""status":"failed","completionReason":"operationCanceled","resultInfo":{"code":400,"subcode":8508,"message":"Action failed, the operation was cancelled."}"#,
    );
    assert_eq!(issues(&text, &LENIENT), vec![]);
    let operation = parse(&text);
    assert_eq!(
        operation.completion_reason.value(),
        Some(&RecordCompletionReason::OperationCanceled)
    );
}

#[test]
fn completion_reason_any_case_reads_as_documented() {
    let text = op(r#""status":"completed","completionReason":"MaxRecordDurationReached""#);
    assert_eq!(
        issues(&text, &LENIENT),
        one("enum_case", "/completionReason", Severity::Warning)
    );
    assert_eq!(
        parse(&text).completion_reason.value(),
        Some(&RecordCompletionReason::MaxRecordDurationReached)
    );
}

#[test]
fn completion_reason_none_is_kept_verbatim_with_a_warning() {
    let text = op(r#""status":"completed","completionReason":"none""#);
    assert_eq!(
        issues(&text, &LENIENT),
        one("unknown_enum_value", "/completionReason", Severity::Warning)
    );
    let operation = parse(&text);
    assert_eq!(
        operation.completion_reason.value().map(|r| r.as_str()),
        Some("none")
    );
    assert!(operation
        .to_json(&WriteOptions::default())
        .contains(r#""completionReason":"none""#));
}

#[test]
fn every_documented_reason_has_a_description() {
    for reason in RecordCompletionReason::DOCUMENTED {
        let description = reason.description();
        assert!(
            description.len() > 20 && description.ends_with('.'),
            "{reason}"
        );
    }
    assert!(RecordCompletionReason::parse("none")
        .0
        .description()
        .contains("No completion reason"));
}

// ---- resultInfo ------------------------------------------------------------------------------

#[test]
fn result_info_null_or_absent_is_accepted() {
    let null = op(r#""status":"running","resultInfo":null"#);
    assert_eq!(issues(&null, &LENIENT), vec![]);
    let operation = parse(&null);
    assert!(operation.result_info.is_null());
    assert!(operation
        .to_json(&WriteOptions::default())
        .contains(r#""resultInfo":null"#));
    let absent = op(r#""status":"running""#);
    assert_eq!(issues(&absent, &LENIENT), vec![]);
    assert!(parse(&absent).result_info.is_absent());
}

#[test]
fn codes_sent_as_strings_are_read_with_a_warning() {
    let text =
        op(r#""status":"completed","resultInfo":{"code":"200","subcode":"5001","message":"ok"}"#);
    assert_eq!(
        issues(&text, &LENIENT),
        vec![
            (
                "integer_as_string",
                "/resultInfo/code".to_string(),
                Severity::Warning
            ),
            (
                "integer_as_string",
                "/resultInfo/subcode".to_string(),
                Severity::Warning
            ),
        ]
    );
    let operation = parse(&text);
    let info = operation.result_info.value().cloned().unwrap_or_default();
    assert_eq!((info.code, info.subcode), (Some(200), Some(5001)));
    assert!(operation
        .to_json(&WriteOptions::default())
        .contains(r#""code":200,"subcode":5001"#));
}

#[test]
fn zero_as_a_string_is_read() {
    let text = op(r#""status":"completed","resultInfo":{"code":200,"subcode":"0"}"#);
    assert_eq!(
        issues(&text, &LENIENT),
        one(
            "integer_as_string",
            "/resultInfo/subcode",
            Severity::Warning
        )
    );
}

#[test]
fn sub_code_spelling_is_read_as_subcode() {
    let text = op(r#""status":"completed","resultInfo":{"code":200,"subCode":8515}"#);
    assert_eq!(
        issues(&text, &LENIENT),
        one("subcode_spelling", "/resultInfo/subCode", Severity::Warning)
    );
    assert_eq!(issues(&text, &strict())[0].2, Severity::Error);
    assert_eq!(
        parse(&text).result_info.value().and_then(|i| i.subcode),
        Some(8515)
    );
}

#[test]
fn sub_code_and_subcode_disagreeing_is_an_error() {
    let text = op(r#""status":"completed","resultInfo":{"code":200,"subcode":1,"subCode":2}"#);
    assert_eq!(
        issues(&text, &LENIENT),
        vec![
            (
                "subcode_spelling",
                "/resultInfo/subCode".to_string(),
                Severity::Warning
            ),
            (
                "conflicting_properties",
                "/resultInfo/subCode".to_string(),
                Severity::Error
            ),
        ]
    );
}

#[test]
fn missing_code_or_subcode_is_a_warning() {
    let no_subcode = op(r#""status":"completed","resultInfo":{"code":200}"#);
    assert_eq!(
        issues(&no_subcode, &LENIENT),
        one("missing_subcode", "/resultInfo/subcode", Severity::Warning)
    );
    let no_code = op(r#""status":"completed","resultInfo":{"subcode":0}"#);
    assert_eq!(
        issues(&no_code, &LENIENT),
        one("missing_code", "/resultInfo/code", Severity::Warning)
    );
}

#[test]
fn bad_codes_are_errors() {
    for (value, code) in [
        ("200.5", "not_an_integer"),
        (r#""abc""#, "not_an_integer"),
        (r#""200.0""#, "not_an_integer"),
        ("2147483648", "integer_out_of_range"),
        ("-2147483649", "integer_out_of_range"),
        ("1e400", "integer_out_of_range"),
        (r#""99999999999""#, "integer_out_of_range"),
        ("true", "wrong_type"),
        ("null", "wrong_type"),
        ("[200]", "wrong_type"),
    ] {
        let text = op(&format!(
            r#""status":"completed","resultInfo":{{"code":{value},"subcode":0}}"#
        ));
        assert_eq!(
            issues(&text, &LENIENT),
            one(code, "/resultInfo/code", Severity::Error),
            "code {value}"
        );
    }
}

#[test]
fn int32_edges_are_accepted() {
    for value in ["2147483647", "-2147483648", "0"] {
        let text = op(&format!(
            r#""status":"running","resultInfo":{{"code":{value},"subcode":0}}"#
        ));
        assert_eq!(issues(&text, &LENIENT), vec![], "{value}");
    }
}

#[test]
fn integral_numbers_in_other_forms_are_read_with_a_warning() {
    for value in ["200.0", "2e2", "2.00E+2"] {
        let text = op(&format!(
            r#""status":"completed","resultInfo":{{"code":{value},"subcode":0}}"#
        ));
        assert_eq!(
            issues(&text, &LENIENT),
            one(
                "non_canonical_integer",
                "/resultInfo/code",
                Severity::Warning
            ),
            "{value}"
        );
        assert_eq!(parse(&text).code(), Some(200));
    }
}

#[test]
fn unknown_result_info_property_is_kept_with_a_warning() {
    let text =
        op(r#""status":"completed","resultInfo":{"code":200,"subcode":0,"detail":{"a":[1.0]}}"#);
    assert_eq!(
        issues(&text, &LENIENT),
        one(
            "unknown_result_info_property",
            "/resultInfo/detail",
            Severity::Warning
        )
    );
    assert!(parse(&text)
        .to_json(&WriteOptions::default())
        .contains(r#""detail":{"a":[1.0]}"#));
}

#[test]
fn result_info_of_the_wrong_type_is_an_error() {
    let text = op(r#""status":"completed","resultInfo":"200""#);
    assert_eq!(
        issues(&text, &LENIENT),
        one("wrong_type", "/resultInfo", Severity::Error)
    );
}

#[test]
fn result_categories_follow_http_classes() {
    assert_eq!(ResultCategory::of_code(Some(200)), ResultCategory::Success);
    assert_eq!(
        ResultCategory::of_code(Some(404)),
        ResultCategory::ClientError
    );
    assert_eq!(
        ResultCategory::of_code(Some(500)),
        ResultCategory::ServerError
    );
    assert_eq!(ResultCategory::of_code(Some(0)), ResultCategory::Other);
    assert_eq!(ResultCategory::of_code(None), ResultCategory::Other);
}

// ---- @odata.type -------------------------------------------------------------------------------

#[test]
fn odata_type_with_or_without_hash_is_accepted() {
    for odata_type in [
        "#microsoft.graph.recordOperation",
        "microsoft.graph.recordOperation",
    ] {
        let text = format!(r#"{{"@odata.type":"{odata_type}","id":"x","status":"running"}}"#);
        assert_eq!(issues(&text, &LENIENT), vec![], "{odata_type}");
        assert_eq!(
            parse(&text).odata_type.as_deref(),
            Some("#microsoft.graph.recordOperation")
        );
    }
}

#[test]
fn odata_type_in_another_case_is_accepted_with_a_warning() {
    let text =
        r##"{"@odata.type":"#Microsoft.Graph.RECORDOPERATION","id":"x","status":"running"}"##;
    assert_eq!(
        issues(text, &LENIENT),
        one("odata_type_case", "/@odata.type", Severity::Warning)
    );
}

#[test]
fn nested_result_info_type_in_every_documented_spelling() {
    for (spelling, expected) in [
        ("#microsoft.graph.resultInfo", vec![]),
        ("microsoft.graph.resultInfo", vec![]),
        (
            "microsoft.graph.ResultInfo",
            one(
                "odata_type_case",
                "/resultInfo/@odata.type",
                Severity::Warning,
            ),
        ),
    ] {
        let text = op(&format!(
            r#""status":"completed","resultInfo":{{"@odata.type":"{spelling}","code":200,"subcode":0}}"#
        ));
        assert_eq!(issues(&text, &LENIENT), expected, "{spelling}");
    }
}

#[test]
fn another_comms_operation_subtype_is_an_error() {
    let text =
        r##"{"@odata.type":"#microsoft.graph.playPromptOperation","id":"x","status":"running"}"##;
    assert_eq!(
        issues(text, &LENIENT),
        one("odata_type_mismatch", "/@odata.type", Severity::Error)
    );
    assert!(RecordOperation::parse(text, &LENIENT).is_err());
}

#[test]
fn a_foreign_result_info_type_is_an_error() {
    let text = op(
        r##""status":"completed","resultInfo":{"@odata.type":"#microsoft.graph.call","code":200,"subcode":0}"##,
    );
    assert_eq!(
        issues(&text, &LENIENT),
        one(
            "odata_type_mismatch",
            "/resultInfo/@odata.type",
            Severity::Error
        )
    );
}

// ---- legacy names, strings, lengths ---------------------------------------------------------

#[test]
fn legacy_recording_names_are_read_as_current_ones() {
    let text = op(
        r#""status":"completed","recordResourceLocation":"https://media.example/r/1","recordResourceAccessToken":"tok""#,
    );
    assert_eq!(issues(&text, &LENIENT), legacy_name_warnings());
    let operation = parse(&text);
    assert_eq!(
        operation.recording_location.value().map(|s| &**s),
        Some("https://media.example/r/1")
    );
    assert_eq!(
        operation.recording_access_token.value().map(|s| &**s),
        Some("tok")
    );
    let written = operation.to_json(&WriteOptions::default());
    assert!(written.contains(r#""recordingLocation":"https://media.example/r/1""#));
    assert!(!written.contains("recordResource"));
}

#[test]
fn legacy_and_current_names_disagreeing_is_an_error() {
    let text = op(
        r#""status":"completed","recordingLocation":"https://a.example/1","recordResourceLocation":"https://b.example/2""#,
    );
    let found = issues(&text, &LENIENT);
    assert!(found.contains(&(
        "conflicting_properties",
        "/recordResourceLocation".to_string(),
        Severity::Error
    )));
}

#[test]
fn client_context_over_256_utf16_units_is_a_warning() {
    let at_limit = op(&format!(
        r#""status":"running","clientContext":"{}""#,
        "a".repeat(256)
    ));
    assert_eq!(issues(&at_limit, &LENIENT), vec![]);
    let over = op(&format!(
        r#""status":"running","clientContext":"{}""#,
        "a".repeat(257)
    ));
    assert_eq!(
        issues(&over, &LENIENT),
        one(
            "client_context_too_long",
            "/clientContext",
            Severity::Warning
        )
    );
    // 129 characters outside the BMP are 258 UTF-16 code units.
    let astral = op(&format!(
        r#""status":"running","clientContext":"{}""#,
        "😀".repeat(129)
    ));
    assert_eq!(
        issues(&astral, &LENIENT),
        one(
            "client_context_too_long",
            "/clientContext",
            Severity::Warning
        )
    );
}

#[test]
fn recording_location_must_be_absolute_https() {
    for (location, warns) in [
        ("https://media.example/rec/1", false),
        ("HTTPS://media.example/rec/1", false),
        ("", false),
        ("http://media.example/rec/1", true),
        ("javascript:alert(1)", true),
        ("/relative/path", true),
        ("https://", true),
        ("https://host/with space", true),
    ] {
        let text = op(&format!(
            r#""status":"completed","recordingLocation":"{location}""#
        ));
        let expected = if warns {
            one(
                "recording_location_not_https",
                "/recordingLocation",
                Severity::Warning,
            )
        } else {
            vec![]
        };
        assert_eq!(issues(&text, &LENIENT), expected, "{location}");
    }
}

#[test]
fn empty_recording_strings_stay_empty() {
    let text = op(r#""status":"failed","recordingLocation":"","recordingAccessToken":"""#);
    assert_eq!(issues(&text, &LENIENT), vec![]);
    let operation = parse(&text);
    assert_eq!(operation.recording_location, Field::Value("".into()));
    let written = operation.to_json(&WriteOptions::default());
    assert!(written.contains(r#""recordingLocation":"","recordingAccessToken":"""#));
}

#[test]
fn wrong_types_on_string_properties_are_errors() {
    for (key, value) in [
        ("id", "5"),
        ("id", "null"),
        ("clientContext", "{}"),
        ("recordingLocation", "[]"),
        ("recordingAccessToken", "false"),
        ("completionReason", "3"),
        ("@odata.type", "null"),
    ] {
        let text = format!(r#"{{"status":"running","{key}":{value}}}"#);
        let found = issues(&text, &LENIENT);
        assert!(
            found.contains(&("wrong_type", format!("/{key}"), Severity::Error)),
            "{key}: {found:?}"
        );
    }
}

// ---- JSON-level problems ------------------------------------------------------------------------

#[test]
fn duplicate_keys_are_errors_at_every_level() {
    let top = r#"{"id":"a","status":"running","id":"b"}"#;
    assert_eq!(
        issues(top, &LENIENT),
        one("duplicate_key", "/id", Severity::Error)
    );
    let nested = op(r#""status":"completed","resultInfo":{"code":200,"code":201,"subcode":0}"#);
    assert_eq!(
        issues(&nested, &LENIENT),
        one("duplicate_key", "/resultInfo/code", Severity::Error)
    );
    let extra = op(r#""status":"running","x":{"a":[{"k":1,"k":2}]}"#);
    assert_eq!(
        issues(&extra, &LENIENT),
        one("duplicate_key", "/x/a/0/k", Severity::Error)
    );
    // Escapes decode first: "st\u0061tus" is "status".
    let escaped = r#"{"id":"a","status":"running","st\u0061tus":"failed"}"#;
    assert_eq!(
        issues(escaped, &LENIENT),
        one("duplicate_key", "/status", Severity::Error)
    );
}

#[test]
fn syntax_errors_carry_line_and_column() {
    let text = "{\n  \"id\": \"a\",\n  \"status\": runing\n}";
    let report = validate(text, &LENIENT);
    let error = report.errors().next().cloned();
    let error = error.unwrap_or_else(|| panic!("no error for {text}"));
    assert_eq!(error.code, IssueCode::JsonSyntax);
    assert_eq!((error.position.line, error.position.column), (3, 13));
    assert!(error.message.contains("expected"));
}

#[test]
fn every_issue_names_the_value_and_what_was_expected() {
    let text = op(r#""status":"Paused","resultInfo":{"code":"2x","subcode":1}"#);
    for issue in validate(&text, &LENIENT).issues {
        assert!(issue.message.len() > 20, "{issue}");
    }
    let report = validate(&text, &LENIENT);
    assert!(report.issues[0].message.contains("\"Paused\""));
    assert!(report.issues[1].message.contains("\"2x\""));
}

// ---- consistency ----------------------------------------------------------------------------------

#[test]
fn completion_reason_with_a_non_terminal_status_is_a_warning() {
    let text = op(r#""status":"running","completionReason":"stopToneDetected""#);
    assert_eq!(
        issues(&text, &LENIENT),
        one(
            "reason_without_terminal_status",
            "/completionReason",
            Severity::Warning
        )
    );
}

#[test]
fn completed_with_an_error_code_is_a_warning() {
    for code in [404, 500] {
        let text = op(&format!(
            r#""status":"completed","resultInfo":{{"code":{code},"subcode":0}}"#
        ));
        assert_eq!(
            issues(&text, &LENIENT),
            one(
                "completed_with_error_code",
                "/resultInfo/code",
                Severity::Warning
            )
        );
        assert!(!parse(&text).is_success());
    }
}

#[test]
fn failed_with_a_success_code_is_a_warning() {
    let text = op(r#""status":"failed","resultInfo":{"code":200,"subcode":0}"#);
    assert_eq!(
        issues(&text, &LENIENT),
        one(
            "failed_with_success_code",
            "/resultInfo/code",
            Severity::Warning
        )
    );
}

#[test]
fn missing_id_is_a_warning() {
    let text = r#"{"status":"running"}"#;
    assert_eq!(
        issues(text, &LENIENT),
        one("missing_id", "/id", Severity::Warning)
    );
}

#[test]
fn strict_mode_makes_every_warning_an_error_and_lenient_accepts() {
    let text = op(r#""status":"Completed","resultInfo":{"code":"200","subCode":8515}"#);
    assert!(RecordOperation::parse(&text, &LENIENT).is_ok());
    let error = RecordOperation::parse(&text, &strict()).err();
    let report = error.map(|e| e.report().clone()).unwrap_or_default();
    assert_eq!(report.errors().count(), 3);
    assert_eq!(report.warnings().count(), 0);
}

// ---- semantics -------------------------------------------------------------------------------------

#[test]
fn terminal_and_success() {
    let completed =
        parse(r#"{"id":"a","status":"completed","resultInfo":{"code":200,"subcode":8515}}"#);
    assert!(completed.is_terminal() && completed.is_success());
    let completed_no_code = parse(r#"{"id":"a","status":"completed"}"#);
    assert!(completed_no_code.is_success());
    let failed = parse(r#"{"id":"a","status":"failed","resultInfo":{"code":400,"subcode":8508}}"#);
    assert!(failed.is_terminal() && !failed.is_success());
    let running = parse(r#"{"id":"a","status":"running"}"#);
    assert!(!running.is_terminal() && !running.is_success());
}

// ---- writing ----------------------------------------------------------------------------------------

#[test]
fn writing_keeps_unknown_properties_byte_for_byte_in_order() {
    let text = r#"{"z-first":  [1.0, 2e2 ,"\u00e9"],"status":"running","id":"a","@odata.etag":"W/\"1\"","big":12345678901234567890}"#;
    let operation = parse(text);
    let written = operation.to_json(&WriteOptions::default());
    assert_eq!(
        written,
        r#"{"id":"a","status":"running","z-first":[1.0, 2e2 ,"\u00e9"],"@odata.etag":"W/\"1\"","big":12345678901234567890}"#
    );
    // Canonical text writes back to the same bytes, and reads back to the same model.
    let again = parse(&written);
    assert_eq!(again, operation);
    assert_eq!(again.to_json(&WriteOptions::default()), written);
}

#[test]
fn writing_options_pascal_case_and_redaction() {
    let operation = parse(r#"{"id":"a","status":"notStarted","recordingAccessToken":"SECRET"}"#);
    let pascal = operation.to_json(&WriteOptions {
        pascal_case_status: true,
        redact_token: false,
    });
    assert!(pascal.contains(r#""status":"NotStarted""#));
    let redacted = operation.to_json(&WriteOptions {
        pascal_case_status: false,
        redact_token: true,
    });
    assert!(!redacted.contains("SECRET") && !redacted.contains("recordingAccessToken"));
}

#[test]
fn the_token_never_shows_in_debug_or_display() {
    let operation = parse(r#"{"id":"a","status":"running","recordingAccessToken":"SECRET-TOKEN"}"#);
    assert!(!format!("{operation:?}").contains("SECRET-TOKEN"));
    assert!(!format!("{operation}").contains("SECRET-TOKEN"));
    let legacy =
        r#"{"id":"a","recordingAccessToken":"SECRET-A","recordResourceAccessToken":"SECRET-B"}"#;
    for issue in validate(legacy, &LENIENT).issues {
        assert!(!issue.message.contains("SECRET"), "{issue}");
    }
}

// ---- shapes ---------------------------------------------------------------------------------------

#[test]
fn a_single_operation() {
    let text = op(r#""status":"running""#);
    let payload = parse_any(&text, &LENIENT);
    assert_eq!(payload.kind, Some(PayloadKind::Operation));
    assert_eq!(payload.operations.len(), 1);
    assert_eq!(payload.operations[0].path, "");
}

#[test]
fn a_collection_with_next_link() {
    let text = r##"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#operations","value":[{"@odata.type":"#microsoft.graph.recordOperation","id":"a","status":"running"},{"@odata.type":"#microsoft.graph.playPromptOperation","id":"p","status":"completed"},{"id":"b","status":"Completed"}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/next"}"##;
    let payload = parse_any(text, &LENIENT);
    assert_eq!(payload.kind, Some(PayloadKind::Collection));
    let paths: Vec<&str> = payload.operations.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["/value/0", "/value/2"]);
    assert_eq!(payload.skipped.len(), 1);
    assert_eq!(payload.skipped[0].path, "/value/1");
    assert_eq!(
        payload.skipped[0].odata_type.as_deref(),
        Some("#microsoft.graph.playPromptOperation")
    );
    assert_eq!(
        payload.next_link.as_deref(),
        Some("https://graph.microsoft.com/v1.0/next")
    );
    let issues = codes_and_paths(&payload.report);
    assert_eq!(issues, [("enum_case", "/value/2/status")]);
}

#[test]
fn a_notification_envelope_with_object_and_array_resource_data() {
    let text = r##"{"value":[
      {"changeType":"deleted","resourceUrl":"/communications/calls/57DAB8B1894C409AB240BD8BEAE78896/operations/0FE0623FD62842EDB4BD8AC290072CC5",
       "resourceData":{"@odata.type":"#microsoft.graph.recordOperation","id":"0fe0623f-d628-42ed-b4bd-8ac290072cc5","status":"completed","completionReason":"operationCanceled",
         "resultInfo":{"@odata.type":"#microsoft.graph.resultInfo","code":200,"subcode":8515,"message":"Action completed, max record duration reached."}}},
      {"changeType":"updated","resource":"/communications/calls/1",
       "resourceData":[{"@odata.type":"#microsoft.graph.call","id":"1","state":"established"},
                       {"@odata.type":"#microsoft.graph.recordOperation","id":"op2","status":"running"}]}
    ]}"##;
    let payload = parse_any(text, &LENIENT);
    assert_eq!(payload.kind, Some(PayloadKind::Notifications));
    assert_eq!(payload.operations.len(), 2);
    let first = &payload.operations[0];
    assert_eq!(first.path, "/value/0/resourceData");
    assert_eq!(first.change_type.as_deref(), Some("deleted"));
    assert_eq!(first.operation.code(), Some(200));
    let second = &payload.operations[1];
    assert_eq!(second.path, "/value/1/resourceData/1");
    assert_eq!(
        second.resource_url.as_deref(),
        Some("/communications/calls/1")
    );
    assert_eq!(payload.skipped.len(), 1);
    assert_eq!(payload.skipped[0].path, "/value/1/resourceData/0");
    // The id and the URL spell the same GUID differently: not an issue. The legacy `resource` is.
    let issues = codes_and_paths(&payload.report);
    assert_eq!(issues, [("legacy_property", "/value/1/resource")]);
}

#[test]
fn change_type_after_resource_data_still_applies() {
    let text = r#"{"value":[{"resourceData":{"id":"a","status":"running"},"changeType":"created","resourceUrl":"/x"}]}"#;
    let payload = parse_any(text, &LENIENT);
    assert_eq!(
        payload.operations[0].change_type.as_deref(),
        Some("created")
    );
    assert_eq!(payload.operations[0].resource_url.as_deref(), Some("/x"));
}

#[test]
fn a_notification_without_resource_data_is_a_warning() {
    let text = r#"{"value":[{"changeType":"deleted","resourceUrl":"/x"}]}"#;
    let payload = parse_any(text, &LENIENT);
    assert_eq!(payload.kind, Some(PayloadKind::Notifications));
    let issues = codes_and_paths(&payload.report);
    assert_eq!(issues, [("missing_resource_data", "/value/0/resourceData")]);
}

#[test]
fn a_bare_array() {
    let text = r##"[{"id":"a","status":"running"},{"@odata.type":"#microsoft.graph.participant","id":"p"},5]"##;
    let payload = parse_any(text, &LENIENT);
    assert_eq!(payload.kind, Some(PayloadKind::Array));
    assert_eq!(payload.operations.len(), 1);
    assert_eq!(payload.skipped.len(), 1);
    let issues = codes_and_paths(&payload.report);
    assert_eq!(issues, [("wrong_type", "/2")]);
}

#[test]
fn an_empty_collection() {
    let payload = parse_any(r#"{"value":[]}"#, &LENIENT);
    assert_eq!(payload.kind, Some(PayloadKind::Collection));
    assert!(payload.operations.is_empty() && payload.report.issues.is_empty());
}

#[test]
fn issues_inside_operations_of_a_collection_keep_their_paths() {
    let text = r#"{"value":[{"id":"a","status":"running"},{"id":"b","status":"running","resultInfo":{"code":"x","subcode":0}}]}"#;
    let payload = parse_any(text, &LENIENT);
    let issues: Vec<(&str, &str, Severity)> = payload
        .report
        .issues
        .iter()
        .map(|i| (i.code.as_str(), i.path.as_str(), i.severity))
        .collect();
    assert_eq!(
        issues,
        [(
            "not_an_integer",
            "/value/1/resultInfo/code",
            Severity::Error
        )]
    );
}

#[test]
fn a_document_that_is_not_an_object_or_array() {
    let payload = parse_any("42", &LENIENT);
    assert_eq!(payload.kind, None);
    assert_eq!(payload.report.issues[0].code, IssueCode::WrongType);
    assert_eq!(
        issues("[]", &LENIENT),
        one("wrong_type", "", Severity::Error)
    );
}

#[test]
fn bytes_that_are_not_utf8_are_reported() {
    let report = graph_record_operation::validate_bytes(b"{\"id\":\"\xff\"}", &LENIENT);
    assert_eq!(report.issues[0].code, IssueCode::InvalidUtf8);
    assert_eq!(report.issues[0].position.offset, 7);
}

#[test]
fn the_issue_table_is_stable_and_unique() {
    let mut seen = std::collections::HashSet::new();
    for code in IssueCode::ALL {
        let text = code.as_str();
        assert!(seen.insert(text), "duplicate code {text}");
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{text}"
        );
        assert_eq!(IssueCode::from_code(text), Some(*code));
    }
}

#[test]
fn a_notification_whose_url_names_the_operation_needs_no_id() {
    let text = r#"{"value":[{"changeType":"updated","resourceUrl":"/communications/calls/1/operations/ABC","resourceData":{"status":"running"}},
                            {"changeType":"updated","resourceUrl":"/communications/calls/1","resourceData":{"status":"running"}}]}"#;
    let payload = parse_any(text, &LENIENT);
    let issues = codes_and_paths(&payload.report);
    assert_eq!(issues, [("missing_id", "/value/1/resourceData/id")]);
}

#[test]
fn the_v1_docs_notification_example_reads_clean() {
    let text = include_str!("fixtures/docs-v1-notification-completed.json");
    let payload = parse_any(text, &LENIENT);
    assert_eq!(payload.kind, Some(PayloadKind::Notifications));
    assert!(
        payload.report.issues.is_empty(),
        "{:?}",
        payload.report.issues
    );
    let entry = &payload.operations[0];
    assert_eq!(entry.path, "/value/0/resourceData");
    assert_eq!(entry.change_type.as_deref(), Some("deleted"));
    let operation = &entry.operation;
    assert!(operation.is_terminal() && operation.is_success());
    let info = operation.result_info.value().cloned().unwrap_or_default();
    assert_eq!((info.code, info.subcode), (Some(200), Some(8515)));
    assert_eq!(
        info.message.value().map(|m| &**m),
        Some("Action completed, max record duration reached.")
    );
    let extra: Vec<&str> = operation.extra.iter().map(|e| &*e.key).collect();
    assert_eq!(extra, ["@odata.id", "@odata.etag"]);
}

#[test]
fn text_that_is_not_json_is_a_syntax_error_not_a_wrong_type() {
    for text in ["not json", "fals", "nul", "[nul]", r#"{"value":[tru]}"#] {
        let codes: Vec<&str> = parse_any(text, &LENIENT)
            .report
            .issues
            .iter()
            .map(|i| i.code.as_str())
            .collect();
        assert_eq!(codes, ["json_syntax"], "{text}");
    }
    assert_eq!(
        issues("nul", &LENIENT),
        one("json_syntax", "", Severity::Error)
    );
    assert_eq!(
        issues(r#"{"id":tru}"#, &LENIENT),
        one("json_syntax", "/id", Severity::Error)
    );
}

fn with_max_issues(max_issues: usize) -> ParseOptions {
    ParseOptions {
        max_issues,
        ..ParseOptions::default()
    }
}

#[test]
fn reading_stops_after_max_issues_with_one_last_issue() {
    let many_elements = format!("[{}0]", "0,".repeat(9_999));
    let payload = parse_any(&many_elements, &with_max_issues(100));
    assert_eq!(payload.report.issues.len(), 101);
    let last = payload
        .report
        .issues
        .last()
        .cloned()
        .unwrap_or_else(|| panic!("no issue"));
    assert_eq!(
        (last.code.as_str(), last.severity),
        ("too_many_issues", Severity::Error)
    );
    assert!(last.message.contains("100"), "{}", last.message);

    let duplicates = format!(
        r#"{{"id":"a","status":"running",{}"b":1}}"#,
        r#""a":1,"#.repeat(500)
    );
    let report = validate(&duplicates, &with_max_issues(10));
    assert_eq!(report.issues.len(), 11);
    assert_eq!(report.issues[10].code, IssueCode::TooManyIssues);

    // Inside one string the issues stop being kept too, so memory stays bounded.
    let surrogates = format!(
        r#"{{"id":"{}","status":"running"}}"#,
        r"\ud800".repeat(1_000)
    );
    let report = validate(&surrogates, &with_max_issues(10));
    assert_eq!(report.issues.len(), 11);
    assert!(RecordOperation::parse(&surrogates, &with_max_issues(10)).is_err());
}

#[test]
fn a_hostile_payload_is_capped_at_the_default_issue_limit() {
    // A million wrong-typed elements would be a million issues; the default keeps 100,000.
    let text = format!("[{}0]", "0,".repeat(999_999));
    let payload = parse_any(&text, &LENIENT);
    assert_eq!(
        payload.report.issues.len(),
        graph_record_operation::DEFAULT_MAX_ISSUES + 1
    );
    assert_eq!(
        payload.report.issues.last().map(|i| i.code),
        Some(IssueCode::TooManyIssues)
    );
}

#[test]
fn a_next_link_before_value_counts_and_a_non_string_one_is_an_error() {
    let before = r#"{"@odata.nextLink":"https://graph.microsoft.com/v1.0/next","value":[{"id":"a","status":"running"}]}"#;
    let payload = parse_any(before, &LENIENT);
    assert_eq!(payload.kind, Some(PayloadKind::Collection));
    assert_eq!(
        payload.next_link.as_deref(),
        Some("https://graph.microsoft.com/v1.0/next")
    );
    assert!(payload.report.issues.is_empty());
    let wrong = r#"{"value":[{"id":"a","status":"running"}],"@odata.nextLink":5}"#;
    let payload = parse_any(wrong, &LENIENT);
    let issues = codes_and_paths(&payload.report);
    assert_eq!(issues, [("wrong_type", "/@odata.nextLink")]);
}

#[test]
fn legacy_names_sent_as_null_are_read_as_null() {
    let text =
        op(r#""status":"failed","recordResourceLocation":null,"recordResourceAccessToken":null"#);
    assert_eq!(issues(&text, &LENIENT), legacy_name_warnings());
    let operation = parse(&text);
    assert!(operation.recording_location.is_null());
    assert!(operation.recording_access_token.is_null());
}

#[test]
fn a_token_under_another_spelling_of_its_key_is_kept_but_treated_as_a_credential() {
    let text = r#"{"id":"a","status":"running","RecordingAccessToken":"SECRET-VARIANT","x":1}"#;
    let operation = parse(text);
    assert!(!format!("{operation:?}").contains("SECRET-VARIANT"));
    let redacted = operation.to_json(&WriteOptions {
        redact_token: true,
        ..WriteOptions::default()
    });
    assert_eq!(redacted, r#"{"id":"a","status":"running","x":1}"#);
    // Without redaction nothing is lost.
    assert!(operation
        .to_json(&WriteOptions::default())
        .contains(r#""RecordingAccessToken":"SECRET-VARIANT""#));
}

#[test]
fn issues_are_grouped_by_the_operation_they_belong_to() {
    // /value/1 does not contain /value/10; the envelope's own issue belongs to no operation.
    let items: Vec<String> = (0..11)
        .map(|i| {
            if i == 1 || i == 10 {
                format!(r#"{{"id":"op-{i}","status":"Running"}}"#)
            } else {
                format!(r#"{{"id":"op-{i}","status":"running"}}"#)
            }
        })
        .collect();
    let text = format!(r#"{{"value":[{}],"@odata.nextLink":5}}"#, items.join(","));
    let payload = parse_any(&text, &LENIENT);
    let groups =
        graph_record_operation::issues_by_operation(&payload.operations, &payload.report.issues);
    assert_eq!(groups.len(), 11);
    let paths = |at: usize| -> Vec<&str> {
        groups[at]
            .iter()
            .map(|&i| payload.report.issues[i].path.as_str())
            .collect()
    };
    assert_eq!(paths(1), vec!["/value/1/status"]);
    assert_eq!(paths(10), vec!["/value/10/status"]);
    assert!(paths(0).is_empty() && paths(2).is_empty());
    let grouped: usize = groups.iter().map(Vec::len).sum();
    assert_eq!(
        grouped + 1,
        payload.report.issues.len(),
        "the nextLink issue is the payload's own"
    );
}
