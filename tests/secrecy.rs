//! The recording access token is a credential: it never appears in `Debug`, `Display`, an issue
//! message, an issue's or an error's `Display`, whatever shape the payload has and whatever is
//! wrong with it. Only the field itself and `to_json` (unless redacted) carry it.

// Native only (proptest, threads, the file system); the wasm suites are tests/node.rs and
// tests/browser.rs.
#![cfg(not(target_arch = "wasm32"))]

use graph_record_operation::{
    parse_any, validate, AnyPayload, Error, Field, ParseOptions, RecordOperation, Report,
    WriteOptions, REDACTED,
};

/// Distinctive enough that finding it anywhere is a leak, never a coincidence.
const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.SECRET-token-6f1c";
const LEGACY: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.LEGACY-token-93ab";

fn modes() -> [ParseOptions; 2] {
    [ParseOptions::default(), ParseOptions::strict()]
}

/// Fails when any of these texts contains a secret (or a long piece of one).
fn assert_hidden(what: &str, text: &str, secrets: &[&str]) {
    for secret in secrets {
        // The secret itself, and any 16-character window of it (a cut-off quote is still a leak).
        let chars: Vec<char> = secret.chars().collect();
        for window in chars.windows(16) {
            let piece: String = window.iter().collect();
            if piece.starts_with("eyJ0eXAiOiJKV1Qi") {
                continue; // the shared JWT header prefix, checked through the distinctive tail
            }
            assert!(
                !text.contains(&piece),
                "{what} shows part of the token ({piece:?}):\n{text}"
            );
        }
        assert!(!text.contains(secret), "{what} shows the token:\n{text}");
    }
}

fn check_report(report: &Report, secrets: &[&str]) {
    for issue in &report.issues {
        assert_hidden("an issue message", &issue.message, secrets);
        assert_hidden("an issue's Display", &issue.to_string(), secrets);
        assert_hidden("an issue path", &issue.path, secrets);
    }
    assert_hidden("a report's Debug", &format!("{report:?}"), secrets);
}

fn check_operation(op: &RecordOperation<'_>, secrets: &[&str]) {
    assert_hidden("Debug", &format!("{op:?}"), secrets);
    assert_hidden("pretty Debug", &format!("{op:#?}"), secrets);
    assert_hidden("Display", &op.to_string(), secrets);
    assert_hidden(
        "Display of the owned copy",
        &op.clone().into_owned().to_string(),
        secrets,
    );
    assert_hidden(
        "redacted JSON",
        &op.to_json(&WriteOptions {
            redact_token: true,
            ..WriteOptions::default()
        }),
        secrets,
    );
}

fn check_error(error: &Error, secrets: &[&str]) {
    assert_hidden("Error's Display", &error.to_string(), secrets);
    assert_hidden("Error's Debug", &format!("{error:?}"), secrets);
    check_report(error.report(), secrets);
}

fn check_any(payload: &AnyPayload<'_>, secrets: &[&str]) {
    assert_hidden("AnyPayload's Debug", &format!("{payload:?}"), secrets);
    check_report(&payload.report, secrets);
    for entry in &payload.operations {
        check_operation(&entry.operation, secrets);
    }
}

/// Every entry point, every mode; returns how many operations parsed.
fn check_everywhere(text: &str, secrets: &[&str]) -> usize {
    let mut parsed = 0;
    for options in modes() {
        check_report(&validate(text, &options), secrets);
        match RecordOperation::parse(text, &options) {
            Ok((op, warnings)) => {
                parsed += 1;
                check_operation(&op, secrets);
                check_report(&warnings, secrets);
            }
            Err(error) => check_error(&error, secrets),
        }
        for shape in [
            text.to_string(),
            format!("[{text}]"),
            format!("{{\"value\":[{text}]}}"),
            format!("{{\"value\":[{{\"changeType\":\"updated\",\"resourceData\":{text}}}]}}"),
            format!("{{\"value\":[{{\"resourceData\":[{text}]}}]}}"),
        ] {
            check_any(&parse_any(&shape, &options), secrets);
        }
    }
    parsed
}

fn op_with(members: &str) -> String {
    format!("{{\"id\":\"op-1\",\"status\":\"completed\",\"resultInfo\":{{\"code\":200,\"subcode\":8515}},\"recordingLocation\":\"https://r.example/rec\"{members}}}")
}

#[test]
fn a_valid_token_is_hidden_but_kept() {
    let text = op_with(&format!(",\"recordingAccessToken\":\"{TOKEN}\""));
    assert_eq!(check_everywhere(&text, &[TOKEN]), 2);
    let (op, _) = RecordOperation::parse(&text, &ParseOptions::strict()).unwrap();
    // The explicit field and the JSON keep it: the token is not lost, only hidden.
    assert_eq!(op.recording_access_token, Field::Value(TOKEN.into()));
    assert!(op.to_json(&WriteOptions::default()).contains(TOKEN));
    assert!(format!("{op:?}").contains(REDACTED));
}

#[test]
fn a_token_with_escapes_is_hidden() {
    // Escaped in the text, decoded in the model: neither form may show.
    let escaped = TOKEN.replace('-', "\\u002d");
    let text = op_with(&format!(",\"recordingAccessToken\":\"{escaped}\""));
    assert_eq!(check_everywhere(&text, &[TOKEN, &escaped]), 2);
}

#[test]
fn the_legacy_token_is_hidden() {
    let text = op_with(&format!(",\"recordResourceAccessToken\":\"{LEGACY}\""));
    // A legacy name is a warning: strict mode fails, lenient reads it as the token.
    assert_eq!(check_everywhere(&text, &[LEGACY]), 1);
    let (op, _) = RecordOperation::parse(&text, &ParseOptions::default()).unwrap();
    assert_eq!(op.recording_access_token, Field::Value(LEGACY.into()));
}

#[test]
fn conflicting_tokens_are_hidden_in_the_error() {
    let text = op_with(&format!(
        ",\"recordingAccessToken\":\"{TOKEN}\",\"recordResourceAccessToken\":\"{LEGACY}\""
    ));
    assert_eq!(check_everywhere(&text, &[TOKEN, LEGACY]), 0);
    let error = RecordOperation::parse(&text, &ParseOptions::default()).unwrap_err();
    assert_eq!(error.code().as_str(), "conflicting_properties");
}

#[test]
fn equal_current_and_legacy_tokens_are_hidden() {
    let text = op_with(&format!(
        ",\"recordResourceAccessToken\":\"{TOKEN}\",\"recordingAccessToken\":\"{TOKEN}\""
    ));
    assert_eq!(check_everywhere(&text, &[TOKEN]), 1);
}

#[test]
fn wrongly_typed_tokens_are_hidden() {
    for value in [
        format!("[\"{TOKEN}\"]"),
        format!("{{\"token\":\"{TOKEN}\"}}"),
        format!("{{\"{TOKEN}\":1}}"),
    ] {
        for name in ["recordingAccessToken", "recordResourceAccessToken"] {
            let text = op_with(&format!(",\"{name}\":{value}"));
            assert_eq!(check_everywhere(&text, &[TOKEN]), 0, "{text}");
        }
    }
}

#[test]
fn tokens_in_broken_payloads_are_hidden() {
    let good = op_with(&format!(",\"recordingAccessToken\":\"{TOKEN}\""));
    let broken = [
        // Syntax errors right after, inside and around the token.
        format!("{good}x"),
        good[..good.len() - 1].to_string(),
        good.replacen(&format!("\"{TOKEN}\""), &format!("\"{TOKEN}"), 1),
        good.replacen(TOKEN, &format!("{TOKEN}\\q"), 1),
        good.replacen(TOKEN, &format!("{TOKEN}\\u12"), 1),
        good.replacen(TOKEN, &format!("{TOKEN}\u{1}"), 1),
        good.replacen(TOKEN, &format!("{TOKEN}\\ud800"), 1),
        good.replacen(TOKEN, &format!("\\udc00{TOKEN}"), 1),
        good.replacen(TOKEN, &format!("{TOKEN}\u{FEFF}\\u0041"), 1),
        // Duplicates and nesting limits around it.
        format!(
            "{},\"recordingAccessToken\":\"{TOKEN}\"}}",
            &good[..good.len() - 1]
        ),
        good.replacen(
            &format!("\"{TOKEN}\""),
            &format!("{}\"{TOKEN}\"{}", "[".repeat(200), "]".repeat(200)),
            1,
        ),
        // Broken elsewhere while the token is fine.
        good.replacen("200", "\"abc\"", 1),
        good.replacen("\"op-1\"", "5", 1),
        format!("\u{FEFF}{good}"),
    ];
    for text in &broken {
        check_everywhere(text, &[TOKEN]);
    }
    // The same text where other properties belong is not a token: no check beyond not panicking.
    for name in ["id", "status", "@odata.type", "clientContext"] {
        let text = op_with(&format!(",\"x\":1,\"{name}\":\"{TOKEN}\""));
        check_everywhere(&text, &[]);
    }
}

#[test]
fn the_token_is_hidden_when_the_operation_is_read_from_every_shape() {
    let op = op_with(&format!(",\"recordingAccessToken\":\"{TOKEN}\""));
    let payloads = [
        format!("{{\"value\":[{op}],\"@odata.nextLink\":\"https://n\"}}"),
        format!("{{\"value\":[{{\"changeType\":\"deleted\",\"resourceUrl\":\"/r\",\"resourceData\":{op}}}]}}"),
        format!("[{op},{op}]"),
    ];
    for payload in &payloads {
        for options in modes() {
            let any = parse_any(payload, &options);
            assert!(!any.operations.is_empty() || options.strict);
            check_any(&any, &[TOKEN]);
        }
    }
}

#[test]
fn the_test_can_see_a_leak() {
    // The check itself must fail when the token is shown.
    let leak = std::panic::catch_unwind(|| assert_hidden("x", &format!("a {TOKEN} b"), &[TOKEN]));
    assert!(leak.is_err());
    let partial = std::panic::catch_unwind(|| {
        assert_hidden("x", &format!("a {}… b", &TOKEN[..40]), &[TOKEN])
    });
    assert!(partial.is_err());
}
