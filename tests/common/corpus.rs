//! The bad-input corpus (`tests/corpus/bad-inputs.txt`, read with the shared
//! `tests/corpus/format.rs`) through the JS bindings, as JavaScript calls them: every case's input as
//! a JS string (the `Utf16` cases as strings holding a lone surrogate, built code unit by code
//! unit), through `validate` + `RecordOperation.parse` and/or `parseAny`, lenient and strict, with
//! the exact expected codes, paths and severities (a multiset, nothing missing, nothing extra).
//! After every case the same wasm instance must still parse every good payload (strict) and write
//! it back byte-for-byte.
//!
//! Differences from the native runner (`tests/corpus.rs`), on purpose:
//! - `Bytes` inputs (not UTF-8) are skipped: JS has no bytes entry point, and decoding them to a
//!   string would hide the point of the case.
//! - A limit of 0 (`max_input_bytes 0`, `max_depth 0`) cannot be passed from JS: the bindings
//!   refuse it with a `TypeError` ("must be a positive whole number"). Those cases assert exactly
//!   that, and that nothing else broke.

use super::corpus_format::{parse_corpus, shorten, Case, Corpus, Input};
use super::{array, get, string};
use graph_record_operation::bindings::functions::{parse_any, validate};
use graph_record_operation::bindings::operation::RecordOperation;
use graph_record_operation::bindings::types::{InputArg, ParseOptionsArg};
use js_sys::{JsString, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

const CORPUS: &str = include_str!("../corpus/bad-inputs.txt");

/// Inputs above this size are "big" (deep nesting, huge arrays and strings), as natively.
pub const BIG: usize = 64 * 1024;

/// The corpus, read once per call (parsing the text takes milliseconds).
pub fn corpus() -> Corpus {
    parse_corpus(CORPUS).unwrap_or_else(|e| panic!("tests/corpus/bad-inputs.txt: {e}"))
}

/// True for the cases over 64 KiB.
pub fn is_big(case: &Case) -> bool {
    case.input.len() > BIG
}

/// `(severity, code, path)`.
type Triple = (String, String, String);

/// The input as JS sees it; `None` for bytes that are not UTF-8 (no JS entry point takes them).
fn js_input(case: &Case) -> Option<JsString> {
    match &case.input {
        Input::Text(text) => Some(JsString::from(text.as_str())),
        Input::Bytes(_) => None,
        Input::Utf16(units) => Some(JsString::from_char_code(units)),
    }
}

fn js_options(case: &Case, strict: bool) -> ParseOptionsArg {
    let options = Object::new();
    let set = |key: &str, value: JsValue| {
        Reflect::set(&options, &JsValue::from_str(key), &value).expect("set an option");
    };
    set("strict", JsValue::from_bool(strict));
    if let Some(bytes) = case.max_input_bytes {
        set("maxInputBytes", JsValue::from_f64(bytes as f64));
    }
    if let Some(depth) = case.max_depth {
        set("maxDepth", JsValue::from_f64(depth as f64));
    }
    options.unchecked_into()
}

/// Every issue of a JS issue list as triples, checking each has a message and a 1-based position.
fn triples(list: &JsValue, entry: &str) -> Result<Vec<Triple>, String> {
    let mut out = Vec::new();
    for issue in array(list.clone()) {
        let message = get(&issue, "message").as_string().unwrap_or_default();
        let line = get(&issue, "line").as_f64().unwrap_or(0.0);
        let column = get(&issue, "column").as_f64().unwrap_or(0.0);
        if message.is_empty() || line < 1.0 || column < 1.0 {
            return Err(format!(
                "{entry}: issue without message or position: {}",
                shorten(&super::stringify(&issue))
            ));
        }
        out.push((
            string(&issue, "severity"),
            string(&issue, "code"),
            string(&issue, "path"),
        ));
    }
    Ok(out)
}

/// `errors` followed by `warnings` of a `{ valid, errors, warnings }` result, checking `valid`.
fn result_triples(result: &JsValue, entry: &str) -> Result<Vec<Triple>, String> {
    let errors = triples(&get(result, "errors"), entry)?;
    let warnings = triples(&get(result, "warnings"), entry)?;
    if errors.iter().any(|t| t.0 != "error") || warnings.iter().any(|t| t.0 != "warning") {
        return Err(format!(
            "{entry}: errors/warnings hold the wrong severity: {errors:?} {warnings:?}"
        ));
    }
    let valid = get(result, "valid").as_bool();
    if valid != Some(errors.is_empty()) {
        return Err(format!(
            "{entry}: valid is {valid:?} with {} errors",
            errors.len()
        ));
    }
    Ok(errors.into_iter().chain(warnings).collect())
}

/// The actual issues must be exactly the expected ones (a `*` path matches any path).
fn compare(case: &Case, strict: bool, actual: &[Triple], entry: &str) -> Result<(), String> {
    let mut left: Vec<Triple> = actual.to_vec();
    let mut missing = Vec::new();
    let mut wildcards = Vec::new();
    for expected in &case.expect {
        let severity = if strict {
            "error"
        } else {
            expected.severity.as_str()
        };
        match &expected.path {
            Some(path) => {
                let at = left
                    .iter()
                    .position(|t| t.0 == severity && t.1 == expected.code && &t.2 == path);
                match at {
                    Some(at) => {
                        left.swap_remove(at);
                    }
                    None => {
                        missing.push((severity.to_string(), expected.code.clone(), path.clone()))
                    }
                }
            }
            None => wildcards.push((severity, expected.code.as_str())),
        }
    }
    for (severity, code) in wildcards {
        match left.iter().position(|t| t.0 == severity && t.1 == code) {
            Some(at) => {
                left.swap_remove(at);
            }
            None => missing.push((severity.to_string(), code.to_string(), "*".to_string())),
        }
    }
    if missing.is_empty() && left.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{entry} ({}): missing {missing:?}, unexpected {left:?}",
        if strict { "strict" } else { "lenient" }
    ))
}

/// Every `keeps` key is an own property of `extraProperties` and of `toJSON()`.
fn check_keeps(case: &Case, op: &RecordOperation, entry: &str) -> Result<(), String> {
    if case.keeps.is_empty() {
        return Ok(());
    }
    let extra: JsValue = op
        .extra_properties()
        .map_err(|e| format!("{entry}: extraProperties threw {e:?}"))?
        .into();
    let json: JsValue = op
        .to_json(None)
        .map_err(|e| format!("{entry}: toJSON threw {e:?}"))?
        .into();
    own_keys(case, entry, &extra, &json)?;
    // Nothing reached Object.prototype (a `__proto__` key assigned naively would).
    let prototype = Object::get_prototype_of(&extra);
    if prototype != Object::get_prototype_of(&Object::new().into()) {
        return Err(format!("{entry}: extraProperties has another prototype"));
    }
    Ok(())
}

fn issues_of_error(error: &JsValue) -> Result<Vec<Triple>, String> {
    if !error.is_instance_of::<js_sys::Error>() || string(error, "name") != "RecordOperationError" {
        return Err(format!(
            "RecordOperation.parse threw something else than a RecordOperationError: {error:?}"
        ));
    }
    triples(
        &get(error, "issues"),
        "RecordOperation.parse (error.issues)",
    )
}

fn sorted(mut list: Vec<Triple>) -> Vec<Triple> {
    list.sort();
    list
}

fn run_validate(case: &Case, input: &JsString, strict: bool) -> Result<(), String> {
    let argument: &InputArg = input.unchecked_ref();
    let result: JsValue = validate(argument, Some(js_options(case, strict)))
        .map_err(|e| format!("validate threw {e:?}"))?
        .into();
    let report = result_triples(&result, "validate")?;
    compare(case, strict, &report, "validate")?;
    let errors_expected = (strict && !case.expect.is_empty()) || !case.lenient_valid();
    match RecordOperation::parse(input, Some(js_options(case, strict))) {
        Ok(op) => {
            if errors_expected {
                return Err("RecordOperation.parse succeeded but errors were expected".into());
            }
            let warnings = triples(&op.warnings().into(), "RecordOperation.parse (warnings)")?;
            if sorted(warnings) != sorted(report) {
                return Err("RecordOperation.parse and validate report different issues".into());
            }
            check_keeps(case, &op, "RecordOperation.parse")?;
        }
        Err(error) => {
            if !errors_expected {
                return Err(format!(
                    "RecordOperation.parse failed: {}",
                    shorten(&format!("{error:?}"))
                ));
            }
            let issues = issues_of_error(&error)?;
            if sorted(issues.clone()) != sorted(report.clone()) {
                return Err(format!(
                    "RecordOperation.parse and validate report different issues: {issues:?} vs {report:?}"
                ));
            }
            let first_error = issues.iter().find(|t| t.0 == "error").map(|t| t.1.clone());
            if Some(string(&error, "code")) != first_error {
                return Err(format!(
                    "error.code {} is not the first error's code {first_error:?}",
                    string(&error, "code")
                ));
            }
        }
    }
    Ok(())
}

fn run_parse_any(case: &Case, input: &JsString, strict: bool) -> Result<(), String> {
    let argument: &InputArg = input.unchecked_ref();
    let payload: JsValue = parse_any(argument, Some(js_options(case, strict)))
        .map_err(|e| format!("parseAny threw {e:?}"))?
        .into();
    let report = result_triples(&payload, "parseAny")?;
    compare(case, strict, &report, "parseAny")?;
    if let Some(kind) = &case.kind {
        let actual = get(&payload, "kind").as_string();
        if &actual != kind {
            return Err(format!("parseAny kind: expected {kind:?}, got {actual:?}"));
        }
    }
    if !case.keeps.is_empty() {
        let operations = array(get(&payload, "operations"));
        let first = operations.first().ok_or("parseAny found no operation")?;
        let op = get(first, "operation");
        // The entry holds a real RecordOperation instance; read it through its JS methods.
        check_keeps_js(case, &op)?;
    }
    Ok(())
}

/// `check_keeps` for an operation reached as a JS value (parseAny's entries).
fn check_keeps_js(case: &Case, op: &JsValue) -> Result<(), String> {
    let extra = get(op, "extraProperties");
    let to_json: js_sys::Function = get(op, "toJSON").unchecked_into();
    let json = to_json
        .call0(op)
        .map_err(|e| format!("parseAny: toJSON threw {e:?}"))?;
    own_keys(case, "parseAny", &extra, &json)
}

/// Every `keeps` key is an own property of both objects (so `__proto__` stays a plain key).
fn own_keys(case: &Case, entry: &str, extra: &JsValue, json: &JsValue) -> Result<(), String> {
    for key in &case.keeps {
        for (name, object) in [("extraProperties", extra), ("toJSON()", json)] {
            let own = Object::get_own_property_descriptor(
                object.unchecked_ref::<Object>(),
                &JsValue::from_str(key),
            );
            if own.is_undefined() {
                return Err(format!("{entry}: {key:?} is not an own property of {name}"));
            }
        }
    }
    Ok(())
}

/// A limit of 0 cannot be passed from JS: the bindings refuse it with a TypeError.
fn run_zero_limit(case: &Case, input: &JsString) -> Result<(), String> {
    let argument: &InputArg = input.unchecked_ref();
    for strict in [false, true] {
        let checks: [(&str, Result<(), JsValue>); 3] = [
            (
                "validate",
                validate(argument, Some(js_options(case, strict))).map(|_| ()),
            ),
            (
                "RecordOperation.parse",
                RecordOperation::parse(input, Some(js_options(case, strict))).map(|_| ()),
            ),
            (
                "parseAny",
                parse_any(argument, Some(js_options(case, strict))).map(|_| ()),
            ),
        ];
        for (entry, outcome) in checks {
            match outcome {
                Err(error) if error.is_instance_of::<js_sys::TypeError>() => {}
                other => {
                    return Err(format!(
                        "{entry} with a limit of 0: expected a TypeError, got {other:?}"
                    ))
                }
            }
        }
    }
    Ok(())
}

/// The same instance still reads every good payload (strict) and writes it back exactly.
fn check_good(good: &[String]) -> Result<(), String> {
    for payload in good {
        let op = RecordOperation::parse(
            &JsString::from(payload.as_str()),
            super::options(r#"{"strict": true}"#),
        )
        .map_err(|e| format!("the good payload no longer parses: {e:?}"))?;
        let written = op
            .stringify(None)
            .map_err(|e| format!("the good payload no longer writes: {e:?}"))?;
        if written != *payload {
            return Err("the good payload no longer round-trips".into());
        }
    }
    Ok(())
}

/// Runs one case. `Ok(false)` when the case cannot run in JS (bytes that are not UTF-8).
pub fn run_case(case: &Case, good: &[String]) -> Result<bool, String> {
    let Some(input) = js_input(case) else {
        return Ok(false);
    };
    if case.max_input_bytes == Some(0) || case.max_depth == Some(0) {
        run_zero_limit(case, &input)?;
    } else {
        for strict in [false, true] {
            if case.entry.validate() {
                run_validate(case, &input, strict)?;
            }
            if case.entry.parse_any() {
                run_parse_any(case, &input, strict)?;
            }
        }
    }
    check_good(good)?;
    Ok(true)
}

/// Binding bugs this runner found and reported, each with the start of the failure it gives today.
/// Such a case must still fail exactly so: once the bindings are fixed it passes, and this list
/// fails the run until the entry is removed (so the list never hides a new failure or a fix).
const KNOWN_BINDING_BUGS: &[(&str, &str)] = &[];

/// What `run_all` did.
pub struct Ran {
    /// Cases that ran.
    pub ran: usize,
    /// Cases skipped (bytes that are not UTF-8).
    pub skipped: usize,
    /// Cases whose input was a JS string with a lone surrogate (run, passed or not).
    pub utf16: usize,
    /// Cases that failed as a known binding bug says (see `KNOWN_BINDING_BUGS`).
    pub known_bugs: usize,
}

/// Runs every case `filter` keeps; panics with every failure at the end.
pub fn run_all(filter: impl Fn(&Case) -> bool) -> Ran {
    let corpus = corpus();
    let mut failures = Vec::new();
    let mut outcome = Ran {
        ran: 0,
        skipped: 0,
        utf16: 0,
        known_bugs: 0,
    };
    for case in corpus.cases.iter().filter(|c| filter(c)) {
        if matches!(case.input, Input::Utf16(_)) {
            outcome.utf16 += 1;
        }
        let result = run_case(case, &corpus.good);
        if result.is_ok() && KNOWN_BINDING_BUGS.iter().any(|(n, _)| *n == case.name) {
            failures.push(format!(
                "case {} passes now: remove it from KNOWN_BINDING_BUGS in tests/common/corpus.rs",
                case.name
            ));
        }
        match result {
            Ok(true) => outcome.ran += 1,
            Ok(false) => outcome.skipped += 1,
            Err(message) => {
                let known = KNOWN_BINDING_BUGS
                    .iter()
                    .any(|(name, start)| *name == case.name && message.starts_with(start));
                if known {
                    outcome.known_bugs += 1;
                } else {
                    failures.push(format!(
                        "case {} (bad-inputs.txt line {}): {message}",
                        case.name, case.line
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} corpus cases failed in JS:\n{}",
        failures.len(),
        failures.join("\n")
    );
    outcome
}
