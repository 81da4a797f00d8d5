//! The cases both wasm-bindgen-test suites run: `tests/node.rs` in Node.js and `tests/browser.rs` in
//! headless Chromium. Each case goes through the bindings exactly as JavaScript calls them (JS
//! strings, plain objects, `undefined` and `null`, thrown JS errors) and checks what JavaScript
//! sees. `shared_cases!()` declares one `#[wasm_bindgen_test]` per case.
#![allow(dead_code)]

use graph_record_operation::bindings::functions::{
    describe_completion_reason, is_record_operation_error, parse_any, parse_completion_reason,
    parse_operation_status, validate,
};
use graph_record_operation::bindings::operation::RecordOperation;
use graph_record_operation::bindings::types::{InputArg, ParseOptionsArg, WriteOptionsArg};
use js_sys::{Array, JsString, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

/// The bad-input corpus through the bindings.
pub mod corpus;
/// The corpus reader every runner shares (tests/corpus/format.rs), not a copy.
#[path = "../corpus/format.rs"]
pub mod corpus_format;

/// Declares every shared case as a `#[wasm_bindgen_test]` of the including suite.
macro_rules! shared_cases {
    () => {
        shared_cases!(
            parses_running_as_running_with_a_warning,
            reads_every_getter,
            null_and_absent_stay_apart,
            errors_are_real_errors_with_code_and_issues,
            strict_mode_turns_warnings_into_errors,
            from_takes_an_already_parsed_object,
            validate_never_throws_for_a_bad_payload,
            validate_reports_line_and_column,
            parse_any_reads_a_notification_envelope,
            parse_any_reads_a_collection_with_next_link,
            stringify_is_lossless_and_honours_write_options,
            to_json_serves_json_stringify,
            to_string_never_shows_the_token,
            extra_properties_are_own_properties,
            enum_helpers_normalize_case,
            lone_surrogates_are_reported,
            bad_options_throw_a_type_error,
            max_input_bytes_is_enforced,
            is_record_operation_error_rejects_other_values,
            corpus_small_cases_through_the_bindings,
            corpus_big_cases_through_the_bindings,
        );
    };
    ($($case:ident),* $(,)?) => {
        $(
            #[wasm_bindgen_test::wasm_bindgen_test]
            fn $case() {
                common::$case();
            }
        )*
    };
}

const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.wasm-test-secret";

/// The documented completed example, with the token.
fn completed() -> String {
    format!(
        r##"{{
  "@odata.type": "#microsoft.graph.recordOperation",
  "clientContext": "d45324c1-fcb5-430a-902c-f20af696537c",
  "id": "0fe0623f-d628-42ed-b4bd-8ac290072cc5",
  "status": "completed",
  "completionReason": "maxRecordDurationReached",
  "resultInfo": {{
    "@odata.type": "#microsoft.graph.resultInfo",
    "code": 200,
    "subcode": 8515,
    "message": "Action completed, max record duration reached."
  }},
  "recordingLocation": "https://file.location/17e3b46c-f61d-4f4d-9635-c626ef18e6ad",
  "recordingAccessToken": "{TOKEN}"
}}"##
    )
}

fn text(value: &str) -> JsString {
    JsString::from(value)
}

fn input(value: &str) -> InputArg {
    JsValue::from_str(value).unchecked_into()
}

fn json(value: &str) -> JsValue {
    JSON::parse(value).expect("test JSON")
}

fn options(value: &str) -> Option<ParseOptionsArg> {
    Some(json(value).unchecked_into())
}

fn write_options(value: &str) -> Option<WriteOptionsArg> {
    Some(json(value).unchecked_into())
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).expect("Reflect.get")
}

fn string(target: &JsValue, key: &str) -> String {
    get(target, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key} is not a string: {:?}", get(target, key)))
}

fn array(value: JsValue) -> Vec<JsValue> {
    Array::from(&value).iter().collect()
}

/// `[(code, path, severity)]` of an issue list.
fn issues(list: JsValue) -> Vec<(String, String, String)> {
    array(list)
        .iter()
        .map(|i| (string(i, "code"), string(i, "path"), string(i, "severity")))
        .collect()
}

fn parse(source: &str) -> RecordOperation {
    RecordOperation::parse(&text(source), None).unwrap_or_else(|e| panic!("parse failed: {:?}", e))
}

fn stringify(value: &JsValue) -> String {
    JSON::stringify(value)
        .expect("JSON.stringify")
        .as_string()
        .expect("a string")
}

pub fn parses_running_as_running_with_a_warning() {
    let op = parse(r#"{"id": "a", "status": "Running"}"#);
    assert_eq!(
        JsValue::from(op.status()).as_string().as_deref(),
        Some("running")
    );
    assert!(!op.is_terminal());
    assert!(!op.is_success());
    assert_eq!(
        issues(op.warnings().into()),
        [("enum_case".into(), "/status".into(), "warning".into())]
    );
}

pub fn reads_every_getter() {
    let op = parse(&completed());
    assert_eq!(
        op.id().as_deref(),
        Some("0fe0623f-d628-42ed-b4bd-8ac290072cc5")
    );
    assert_eq!(
        JsValue::from(op.status()).as_string().as_deref(),
        Some("completed")
    );
    assert_eq!(
        JsValue::from(op.completion_reason()).as_string().as_deref(),
        Some("maxRecordDurationReached")
    );
    assert_eq!(
        JsValue::from(op.client_context()).as_string().as_deref(),
        Some("d45324c1-fcb5-430a-902c-f20af696537c")
    );
    assert_eq!(
        JsValue::from(op.recording_location())
            .as_string()
            .as_deref(),
        Some("https://file.location/17e3b46c-f61d-4f4d-9635-c626ef18e6ad")
    );
    assert_eq!(
        JsValue::from(op.recording_access_token())
            .as_string()
            .as_deref(),
        Some(TOKEN)
    );
    assert_eq!(
        op.odata_type().as_deref(),
        Some("#microsoft.graph.recordOperation")
    );
    assert!(op.is_terminal());
    assert!(op.is_success());
    assert!(array(op.warnings().into()).is_empty());

    let info = JsValue::from(op.result_info());
    assert_eq!(get(&info, "code").as_f64(), Some(200.0));
    assert_eq!(get(&info, "subcode").as_f64(), Some(8515.0));
    assert_eq!(
        string(&info, "message"),
        "Action completed, max record duration reached."
    );
    assert_eq!(string(&info, "category"), "success");

    // Numbers sent as strings are read as numbers, with a warning.
    let op = parse(
        r#"{"id": "b", "status": "failed", "resultInfo": {"code": "500", "subcode": "5001"}}"#,
    );
    let info = JsValue::from(op.result_info());
    assert_eq!(get(&info, "code").as_f64(), Some(500.0));
    assert_eq!(string(&info, "category"), "serverError");
    assert!(!op.is_success());
    let codes: Vec<_> = issues(op.warnings().into())
        .into_iter()
        .map(|i| i.0)
        .collect();
    assert_eq!(codes, ["integer_as_string", "integer_as_string"]);
}

pub fn null_and_absent_stay_apart() {
    let op = parse(r#"{"id": "c", "status": null, "resultInfo": null, "clientContext": null}"#);
    assert!(JsValue::from(op.status()).is_null());
    assert!(JsValue::from(op.result_info()).is_null());
    assert!(JsValue::from(op.client_context()).is_null());
    assert!(JsValue::from(op.completion_reason()).is_undefined());
    assert!(JsValue::from(op.recording_access_token()).is_undefined());
    assert!(!op.is_terminal());

    let op = parse(r#"{"id": "d"}"#);
    assert!(JsValue::from(op.status()).is_undefined());
    assert!(JsValue::from(op.result_info()).is_undefined());
    assert!(JsValue::from(op.client_context()).is_undefined());
    assert_eq!(
        issues(op.warnings().into()),
        [("missing_status".into(), "/status".into(), "warning".into())]
    );
}

pub fn errors_are_real_errors_with_code_and_issues() {
    let error = RecordOperation::parse(&text(r#"{"id": "e", "status": 3}"#), None)
        .err()
        .expect("a number as status is an error");
    let as_error = error.dyn_ref::<js_sys::Error>().expect("instanceof Error");
    assert_eq!(String::from(as_error.name()), "RecordOperationError");
    assert_eq!(string(&error, "code"), "wrong_type");
    assert_eq!(
        issues(get(&error, "issues")),
        [("wrong_type".into(), "/status".into(), "error".into())]
    );
    assert!(String::from(as_error.message()).contains("wrong_type"));
    assert_eq!(
        JsValue::from(is_record_operation_error(&error)).as_bool(),
        Some(true)
    );

    let syntax = RecordOperation::parse(&text(r#"{"id": "#), None)
        .err()
        .expect("syntax error");
    assert_eq!(string(&syntax, "code"), "json_syntax");
}

pub fn strict_mode_turns_warnings_into_errors() {
    let source = r#"{"id": "f", "status": "Running"}"#;
    assert!(RecordOperation::parse(&text(source), options(r#"{"strict": false}"#)).is_ok());
    let error = RecordOperation::parse(&text(source), options(r#"{"strict": true}"#))
        .err()
        .expect("strict mode refuses the PascalCase status");
    assert_eq!(string(&error, "code"), "enum_case");
    assert_eq!(
        issues(get(&error, "issues")),
        [("enum_case".into(), "/status".into(), "error".into())]
    );
}

pub fn from_takes_an_already_parsed_object() {
    let value = json(r#"{"id": "g", "status": "NotStarted", "extra": {"n": 1}}"#);
    let op = RecordOperation::from_value(value.unchecked_ref(), None).expect("from");
    assert_eq!(
        JsValue::from(op.status()).as_string().as_deref(),
        Some("notStarted")
    );
    assert_eq!(op.id().as_deref(), Some("g"));
    // A JSON string is accepted too.
    let op = RecordOperation::from_value(&input(r#"{"id": "h", "status": "failed"}"#), None)
        .expect("from text");
    assert!(op.is_terminal());
    // Errors the same way as parse.
    let error = RecordOperation::from_value(json(r#"{"status": 1}"#).unchecked_ref(), None)
        .err()
        .expect("error");
    assert_eq!(
        JsValue::from(is_record_operation_error(&error)).as_bool(),
        Some(true)
    );
}

pub fn validate_never_throws_for_a_bad_payload() {
    for bad in [
        "",
        "{",
        "[1, 2",
        "null",
        "42",
        r#"{"status": {}}"#,
        "\u{feff}{}",
    ] {
        let result = JsValue::from(validate(&input(bad), None).expect("validate never throws"));
        assert_eq!(
            get(&result, "valid").as_bool(),
            Some(false),
            "{bad:?} is not valid"
        );
        assert!(
            !array(get(&result, "errors")).is_empty(),
            "{bad:?} has errors"
        );
    }
    let result = JsValue::from(validate(&input(&completed()), None).expect("validate"));
    assert_eq!(get(&result, "valid").as_bool(), Some(true));
    assert!(array(get(&result, "errors")).is_empty());
    assert!(array(get(&result, "warnings")).is_empty());
    // An object validates like its JSON text.
    let result = JsValue::from(
        validate(
            json(r#"{"id": "i", "status": "RUNNING"}"#).unchecked_ref(),
            None,
        )
        .expect("validate"),
    );
    assert_eq!(get(&result, "valid").as_bool(), Some(true));
    assert_eq!(
        issues(get(&result, "warnings")),
        [("enum_case".into(), "/status".into(), "warning".into())]
    );
}

pub fn validate_reports_line_and_column() {
    let result = JsValue::from(
        validate(&input("{\n  \"id\": \"j\",\n  \"status\": 7\n}"), None).expect("validate"),
    );
    let errors = array(get(&result, "errors"));
    assert_eq!(errors.len(), 1);
    assert_eq!(string(&errors[0], "code"), "wrong_type");
    assert_eq!(string(&errors[0], "path"), "/status");
    assert_eq!(get(&errors[0], "line").as_f64(), Some(3.0));
    assert_eq!(get(&errors[0], "column").as_f64(), Some(13.0));
    assert!(!string(&errors[0], "message").is_empty());
}

pub fn parse_any_reads_a_notification_envelope() {
    let envelope = format!(
        r##"{{"value": [
  {{"changeType": "updated", "resourceUrl": "/communications/calls/57DA/operations/0FE0",
    "resourceData": {{"@odata.type": "#microsoft.graph.recordOperation", "id": "k1", "status": "Running"}}}},
  {{"changeType": "deleted", "resourceUrl": "/communications/calls/57DA/operations/0FE0",
    "resourceData": {}}},
  {{"changeType": "updated", "resourceUrl": "/communications/calls/57DA",
    "resourceData": {{"@odata.type": "#microsoft.graph.call", "id": "call-1"}}}}
]}}"##,
        completed()
    );
    let payload = JsValue::from(parse_any(&input(&envelope), None).expect("parseAny"));
    assert_eq!(string(&payload, "kind"), "notifications");
    assert_eq!(get(&payload, "valid").as_bool(), Some(true));
    let operations = array(get(&payload, "operations"));
    let summary: Vec<_> = operations
        .iter()
        .map(|entry| {
            let op = get(entry, "operation");
            (
                string(entry, "path"),
                string(entry, "changeType"),
                string(&op, "status"),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "/value/0/resourceData".into(),
                "updated".into(),
                "running".into()
            ),
            (
                "/value/1/resourceData".into(),
                "deleted".into(),
                "completed".into()
            ),
        ]
    );
    assert_eq!(
        string(&operations[0], "resourceUrl"),
        "/communications/calls/57DA/operations/0FE0"
    );
    let skipped = array(get(&payload, "skipped"));
    assert_eq!(skipped.len(), 1);
    assert_eq!(string(&skipped[0], "path"), "/value/2/resourceData");
    assert_eq!(string(&skipped[0], "odataType"), "#microsoft.graph.call");
    assert_eq!(
        issues(get(&payload, "warnings")),
        [(
            "enum_case".into(),
            "/value/0/resourceData/status".into(),
            "warning".into()
        )]
    );
    assert!(get(&payload, "nextLink").is_undefined());
}

pub fn parse_any_reads_a_collection_with_next_link() {
    let collection = r#"{"value": [{"id": "l1", "status": "completed"}, {"id": "l2", "status": "running"}],
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/next"}"#;
    let payload = JsValue::from(parse_any(&input(collection), None).expect("parseAny"));
    assert_eq!(string(&payload, "kind"), "collection");
    assert_eq!(
        string(&payload, "nextLink"),
        "https://graph.microsoft.com/v1.0/next"
    );
    assert_eq!(array(get(&payload, "operations")).len(), 2);

    let broken = JsValue::from(parse_any(&input("{\"value\": ["), None).expect("never throws"));
    assert_eq!(get(&broken, "valid").as_bool(), Some(false));
    assert_eq!(issues(get(&broken, "errors"))[0].0, "json_syntax");
}

pub fn stringify_is_lossless_and_honours_write_options() {
    let op = parse(
        r#"{"id": "m", "status": "Completed", "recordingAccessToken": "tok", "big": 12345678901234567890, "f": 1.0}"#,
    );
    assert_eq!(
        op.stringify(None).expect("stringify"),
        r#"{"id":"m","status":"completed","recordingAccessToken":"tok","big":12345678901234567890,"f":1.0}"#
    );
    assert_eq!(
        op.stringify(write_options(
            r#"{"redact": true, "pascalCaseStatus": true}"#
        ))
        .expect("stringify"),
        r#"{"id":"m","status":"Completed","big":12345678901234567890,"f":1.0}"#
    );
    // What stringify writes reads back to the same operation.
    let again = parse(&op.stringify(None).expect("stringify"));
    assert_eq!(
        again.stringify(None).expect("stringify"),
        op.stringify(None).expect("stringify")
    );
}

pub fn to_json_serves_json_stringify() {
    let op = parse(&completed());
    let as_object = JsValue::from(op.to_json(None).expect("toJSON"));
    assert_eq!(string(&as_object, "status"), "completed");
    assert_eq!(string(&as_object, "recordingAccessToken"), TOKEN);
    let redacted = JsValue::from(
        op.to_json(write_options(r#"{"redact": true}"#))
            .expect("toJSON"),
    );
    assert!(get(&redacted, "recordingAccessToken").is_undefined());
    // JSON.stringify(operation) calls toJSON("") with the key: a string is not options.
    let holder = Object::new();
    Reflect::set(&holder, &"op".into(), &JsValue::from(op)).expect("set");
    let written = stringify(&holder);
    assert!(
        written.starts_with(r##"{"op":{"@odata.type":"#microsoft.graph.recordOperation""##),
        "{written}"
    );
    assert!(written.contains(r#""status":"completed""#), "{written}");
}

pub fn to_string_never_shows_the_token() {
    let op = parse(&completed());
    let summary = op.to_string_js();
    assert!(
        summary.contains("0fe0623f-d628-42ed-b4bd-8ac290072cc5"),
        "{summary}"
    );
    assert!(summary.contains("completed"), "{summary}");
    assert!(!summary.contains(TOKEN), "{summary}");
    assert!(!summary.contains("wasm-test-secret"), "{summary}");
    // Nor do the issues of a payload whose token is wrong.
    let result = JsValue::from(
        validate(
            &input(r#"{"id": "n", "status": "done", "recordingAccessToken": 42}"#),
            None,
        )
        .expect("validate"),
    );
    assert!(!stringify(&result).contains("wasm-test-secret"));
}

pub fn extra_properties_are_own_properties() {
    let op = parse(
        r#"{"id": "o", "status": "running", "@odata.etag": "W/\"1\"", "__proto__": {"polluted": true}, "constructor": 1}"#,
    );
    let extra = JsValue::from(op.extra_properties().expect("extraProperties"));
    let keys: Vec<String> = Object::keys(extra.unchecked_ref::<Object>())
        .iter()
        .map(|k| k.as_string().expect("key"))
        .collect();
    assert_eq!(keys, ["@odata.etag", "__proto__", "constructor"]);
    let own =
        Object::get_own_property_descriptor(extra.unchecked_ref::<Object>(), &"__proto__".into());
    assert!(!own.is_undefined(), "__proto__ is an own property");
    // Nothing leaked onto Object.prototype.
    assert!(get(&Object::new().into(), "polluted").is_undefined());
    assert_eq!(string(&extra, "@odata.etag"), "W/\"1\"");
}

pub fn enum_helpers_normalize_case() {
    assert_eq!(
        JsValue::from(parse_operation_status("NOTSTARTED"))
            .as_string()
            .as_deref(),
        Some("notStarted")
    );
    assert_eq!(
        JsValue::from(parse_operation_status("Running"))
            .as_string()
            .as_deref(),
        Some("running")
    );
    assert_eq!(
        JsValue::from(parse_operation_status("paused"))
            .as_string()
            .as_deref(),
        Some("paused")
    );
    assert_eq!(
        JsValue::from(parse_completion_reason("STOPTONEDETECTED"))
            .as_string()
            .as_deref(),
        Some("stopToneDetected")
    );
    assert_eq!(
        JsValue::from(parse_completion_reason("none"))
            .as_string()
            .as_deref(),
        Some("none")
    );
    let sentence = describe_completion_reason("maxRecordDurationReached");
    assert!(sentence.len() > 10 && sentence.ends_with('.'), "{sentence}");
    assert_ne!(describe_completion_reason("somethingNew"), sentence);
}

pub fn lone_surrogates_are_reported() {
    // A JS string holding an unpaired surrogate (what JSON.parse of "\uD800" produces).
    let value = json(r#"{"id": "p", "status": "running", "clientContext": "\uD800"}"#);
    let result = JsValue::from(validate(value.unchecked_ref(), None).expect("validate"));
    assert_eq!(get(&result, "valid").as_bool(), Some(false));
    let codes: Vec<_> = issues(get(&result, "errors"))
        .into_iter()
        .map(|i| i.0)
        .collect();
    assert!(codes.contains(&"lone_surrogate".to_string()), "{codes:?}");
    let lone: JsString = js_sys::JsString::from_char_code1(0xD800);
    let source = JsString::from(r#"{"id": "p", "status": "running", "clientContext": ""#)
        .concat(&lone)
        .concat(&JsString::from(r#""}"#).into());
    let error = RecordOperation::parse(&source, None)
        .err()
        .expect("lone surrogate is an error");
    assert_eq!(string(&error, "code"), "lone_surrogate");
}

pub fn bad_options_throw_a_type_error() {
    let bad: ParseOptionsArg = JsValue::from(42).unchecked_into();
    let error = validate(&input("{}"), Some(bad))
        .err()
        .expect("options must be an object");
    assert!(error.is_instance_of::<js_sys::TypeError>(), "{error:?}");
    let error = validate(&input("{}"), options(r#"{"strict": "yes"}"#))
        .err()
        .expect("strict must be a boolean");
    assert!(error.is_instance_of::<js_sys::TypeError>(), "{error:?}");
    // undefined and null mean the defaults.
    assert!(validate(&input("{}"), Some(JsValue::UNDEFINED.unchecked_into())).is_ok());
    assert!(validate(&input("{}"), Some(JsValue::NULL.unchecked_into())).is_ok());
}

pub fn max_input_bytes_is_enforced() {
    let source = completed();
    let result = JsValue::from(
        validate(&input(&source), options(r#"{"maxInputBytes": 64}"#)).expect("validate"),
    );
    assert_eq!(issues(get(&result, "errors"))[0].0, "input_too_large");
    let deep = format!(
        r#"{{"id": "q", "status": "running", "x": {}1{}}}"#,
        "[".repeat(40),
        "]".repeat(40)
    );
    let result =
        JsValue::from(validate(&input(&deep), options(r#"{"maxDepth": 8}"#)).expect("validate"));
    let codes: Vec<_> = issues(get(&result, "errors"))
        .into_iter()
        .map(|i| i.0)
        .collect();
    assert_eq!(codes, ["nesting_too_deep"]);
    // The same text is fine with the default depth.
    let result = JsValue::from(validate(&input(&deep), None).expect("validate"));
    assert_eq!(get(&result, "valid").as_bool(), Some(true));
}

pub fn is_record_operation_error_rejects_other_values() {
    for value in [
        JsValue::from(js_sys::Error::new("plain")),
        JsValue::from(js_sys::TypeError::new("type")),
        JsValue::from_str("RecordOperationError"),
        JsValue::NULL,
        JsValue::UNDEFINED,
        json(r#"{"name": "RecordOperationError"}"#),
    ] {
        assert_eq!(
            JsValue::from(is_record_operation_error(&value)).as_bool(),
            Some(false),
            "{value:?}"
        );
    }
}

/// Every corpus case up to 64 KiB through the bindings (JS strings, lone surrogates included),
/// lenient and strict; the same instance still parses the good payloads after each.
pub fn corpus_small_cases_through_the_bindings() {
    let ran = corpus::run_all(|c| !corpus::is_big(c));
    assert!(ran.ran > 300, "only {} small cases ran", ran.ran);
    assert!(
        ran.utf16 >= 4,
        "only {} lone-surrogate cases ran",
        ran.utf16
    );
    assert!(ran.skipped <= 20, "{} cases skipped", ran.skipped);
}

/// The deep and huge corpus cases (10,000-deep nesting, 1,000,000-element arrays, 16 MiB strings)
/// through the bindings.
pub fn corpus_big_cases_through_the_bindings() {
    let ran = corpus::run_all(corpus::is_big);
    assert!(ran.ran >= 15, "only {} big cases ran", ran.ran);
}
