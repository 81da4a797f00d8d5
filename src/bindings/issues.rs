//! Reports as JS values, and the `RecordOperationError` every failure becomes.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use super::input::{lone_surrogate_message, set, LoneSurrogate, LONE_SURROGATE};
use super::objects::{new_object, IssueObject, ResultObject};
use crate::{Issue, Report, Severity, TextPosition};

thread_local! {
    /// JS strings for the few values every issue repeats (codes, severities), made once: each
    /// string made from wasm memory costs a decode, and most payloads carry a warning.
    static INTERNED: RefCell<HashMap<&'static str, JsValue>> = RefCell::new(HashMap::new());
}

/// The JS string for one of the crate's static names, made once per instance.
fn interned(name: &'static str) -> JsValue {
    INTERNED.with(|cell| match cell.try_borrow_mut() {
        Ok(mut map) => map
            .entry(name)
            .or_insert_with(|| JsValue::from_str(name))
            .clone(),
        Err(_) => JsValue::from_str(name),
    })
}

/// The JS error name.
pub(crate) const ERROR_NAME: &str = "RecordOperationError";

/// Adds the issue for a lone surrogate in a JS string at the front of a report.
/// Lone surrogates are errors in both modes: the text is not Unicode.
pub(crate) fn with_lone_surrogate(mut report: Report, lone: Option<LoneSurrogate>) -> Report {
    if let Some(lone) = lone {
        report.issues.insert(
            0,
            Issue {
                path: String::new(),
                code: LONE_SURROGATE,
                severity: Severity::Error,
                message: lone_surrogate_message(&lone),
                position: TextPosition {
                    offset: 0,
                    line: 1,
                    column: 1,
                },
            },
        );
    }
    report
}

/// One issue as `{ path, code, severity, message, line, column }`.
pub(crate) fn issue_to_js(issue: &Issue) -> JsValue {
    let object: IssueObject = new_object();
    object.set_path(&issue.path);
    object.set_code(&interned(issue.code.as_str()));
    object.set_severity(&interned(issue.severity.as_str()));
    object.set_message(&issue.message);
    object.set_line(issue.position.line);
    object.set_column(issue.position.column);
    object.into()
}

/// Issues of one severity (or all) as an array.
pub(crate) fn issues_to_js<'r>(issues: impl Iterator<Item = &'r Issue>) -> Array {
    issues.map(issue_to_js).collect()
}

/// Puts `valid`, `errors` and `warnings` on `target`.
pub(crate) fn set_verdict(target: &ResultObject, report: &Report) {
    target.set_valid(report.is_valid());
    target.set_errors(&issues_to_js(report.errors()));
    target.set_warnings(&issues_to_js(report.warnings()));
}

/// `{ valid, errors, warnings }`.
#[cfg(feature = "reference-bindings")]
pub(crate) fn verdict_to_js(report: &Report) -> ResultObject {
    let object: ResultObject = new_object();
    set_verdict(&object, report);
    object
}

/// A real `Error` named `RecordOperationError`, with `code` and `issues`.
pub(crate) fn error_to_js(error: &crate::Error) -> JsValue {
    let js_error = js_sys::Error::new(&error.to_string());
    js_error.set_name(ERROR_NAME);
    let object: &Object = js_error.as_ref();
    set(object, "code", &JsValue::from_str(error.code().as_str()));
    set(
        object,
        "issues",
        &issues_to_js(error.report().issues.iter()),
    );
    js_error.into()
}
