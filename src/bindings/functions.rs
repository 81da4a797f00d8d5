//! The free functions: `validate`, `parseAny`, the enum helpers and the error guard.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::types::{ReasonName, StatusName};
use crate::{OperationStatus, RecordCompletionReason};
#[cfg(feature = "reference-bindings")]
use {
    super::input::{parse_options_arg, with_input},
    super::issues::ERROR_NAME,
    super::issues::{set_verdict, verdict_to_js, with_lone_surrogate},
    super::objects::{new_object, EntryObject, ResultObject},
    super::operation::RecordOperation,
    super::types::IsRecordOperationError,
    super::types::{AnyPayloadValue, InputArg, ParseOptionsArg, ValidationResultValue},
    js_sys::Array,
};

/// Validates one recordOperation, given as JSON text or an already-parsed object. Never throws for
/// a bad payload: every problem is in the result. Throws a `TypeError` only for bad options.
#[cfg(feature = "reference-bindings")]
#[wasm_bindgen]
pub fn validate(
    input: &InputArg,
    options: Option<ParseOptionsArg>,
) -> Result<ValidationResultValue, JsValue> {
    let options = parse_options_arg(options)?;
    let report = with_input(input, |bytes, lone| {
        with_lone_surrogate(crate::validate_bytes(bytes, &options), lone)
    })?;
    Ok(verdict_to_js(&report).unchecked_into())
}

/// Reads a payload of any shape: a single operation, an OData collection (`value` and
/// `@odata.nextLink`), a `commsNotifications` envelope, or a bare array. Returns the
/// recordOperations with their JSON Pointers, the other resources as `skipped`, and every issue.
/// Never throws for a bad payload.
#[cfg(feature = "reference-bindings")]
#[wasm_bindgen(js_name = parseAny)]
pub fn parse_any(
    text: &InputArg,
    options: Option<ParseOptionsArg>,
) -> Result<AnyPayloadValue, JsValue> {
    let options = parse_options_arg(options)?;
    let result = with_input(text, |bytes, lone| {
        let payload = crate::parse_any_bytes(bytes, &options);
        let report = with_lone_surrogate(payload.report.clone(), lone);
        let object: ResultObject = new_object();
        let kind = payload
            .kind
            .map_or(JsValue::NULL, |kind| JsValue::from_str(kind.as_str()));
        object.set_kind(&kind);
        let mut warnings = issues_by_operation(&payload.operations, &report);
        let operations: Array = payload
            .operations
            .into_iter()
            .zip(warnings.iter_mut())
            .map(|(entry, warnings)| {
                let item: EntryObject = new_object();
                item.set_path(&entry.path);
                if let Some(change_type) = &entry.change_type {
                    item.set_change_type(change_type);
                }
                if let Some(url) = &entry.resource_url {
                    item.set_resource_url(url);
                }
                let operation =
                    RecordOperation::new(entry.operation.into_owned(), std::mem::take(warnings));
                item.set_operation(JsValue::from(operation));
                JsValue::from(item)
            })
            .collect();
        object.set_operations(&operations);
        let skipped: Array = payload
            .skipped
            .iter()
            .map(|resource| {
                let item: EntryObject = new_object();
                item.set_path(&resource.path);
                if let Some(odata_type) = &resource.odata_type {
                    item.set_odata_type(odata_type);
                }
                if let Some(id) = &resource.id {
                    item.set_id(id);
                }
                JsValue::from(item)
            })
            .collect();
        object.set_skipped(&skipped);
        if let Some(link) = &payload.next_link {
            object.set_next_link(link);
        }
        set_verdict(&object, &report);
        object
    })?;
    Ok(result.unchecked_into())
}

/// One sentence saying what a completion reason means (any ASCII case; undocumented values get a
/// sentence too).
#[wasm_bindgen(js_name = describeCompletionReason)]
pub fn describe_completion_reason(reason: &str) -> String {
    RecordCompletionReason::parse(reason)
        .0
        .description()
        .into_owned()
}

/// Reads a status in any ASCII case and returns its documented spelling (`"Running"` →
/// `"running"`); an undocumented value comes back as it was.
#[wasm_bindgen(js_name = parseOperationStatus)]
pub fn parse_operation_status(text: &str) -> StatusName {
    JsValue::from_str(OperationStatus::parse(text).0.as_str()).unchecked_into()
}

/// Reads a completion reason in any ASCII case and returns its documented spelling; an
/// undocumented value comes back as it was.
#[wasm_bindgen(js_name = parseCompletionReason)]
pub fn parse_completion_reason(text: &str) -> ReasonName {
    JsValue::from_str(RecordCompletionReason::parse(text).0.as_str()).unchecked_into()
}

/// True for the errors `RecordOperation.parse` and `RecordOperation.from` throw.
#[cfg(feature = "reference-bindings")]
#[wasm_bindgen(js_name = isRecordOperationError)]
pub fn is_record_operation_error(error: &JsValue) -> IsRecordOperationError {
    let matches = error
        .dyn_ref::<js_sys::Error>()
        .is_some_and(|e| e.name() == ERROR_NAME);
    JsValue::from_bool(matches).unchecked_into()
}

/// Each operation's own issues, found in one pass: an issue belongs to the operation whose path
/// is the longest prefix of the issue's path (`/value/1` does not contain `/value/10`).
#[cfg(feature = "reference-bindings")]
fn issues_by_operation(
    operations: &[crate::OperationEntry<'_>],
    report: &crate::Report,
) -> Vec<Vec<crate::Issue>> {
    // The plain definition (a map of every path), kept apart from the indexed version the fast
    // path uses, so tests/js/fast-path.test.mjs checks one against the other.
    let index: std::collections::HashMap<&str, usize> = operations
        .iter()
        .enumerate()
        .map(|(at, entry)| (entry.path.as_str(), at))
        .collect();
    let mut grouped = vec![Vec::new(); operations.len()];
    for issue in &report.issues {
        if let Some(list) = owner_by_path(&index, &issue.path).and_then(|at| grouped.get_mut(at)) {
            list.push(issue.clone());
        }
    }
    grouped
}

/// [`issues_by_operation`] as indices into `report.issues`. Operations do not nest and come in
/// document order, so the operation whose span holds an issue's offset is found by binary search;
/// it is taken when its path is a prefix of the issue's path, and a map of every path decides the
/// rest (issues outside any operation, or placed at a parent's offset).
pub(crate) fn issue_indices_by_operation(
    operations: &[crate::OperationEntry<'_>],
    report: &crate::Report,
) -> Vec<Vec<usize>> {
    let mut grouped = vec![Vec::new(); operations.len()];
    let mut by_path: Option<std::collections::HashMap<&str, usize>> = None;
    for (issue_at, issue) in report.issues.iter().enumerate() {
        let offset = issue.position.offset;
        let candidate = operations
            .partition_point(|entry| entry.span.start <= offset)
            .checked_sub(1)
            .filter(|&at| {
                operations.get(at).is_some_and(|entry| {
                    offset < entry.span.end && is_within(&issue.path, &entry.path)
                })
            });
        let owner = candidate.or_else(|| {
            let index = by_path.get_or_insert_with(|| {
                operations
                    .iter()
                    .enumerate()
                    .map(|(at, entry)| (entry.path.as_str(), at))
                    .collect()
            });
            owner_by_path(index, &issue.path)
        });
        if let Some(list) = owner.and_then(|at| grouped.get_mut(at)) {
            list.push(issue_at);
        }
    }
    grouped
}

/// True when `path` is `parent` or below it (`/value/1` does not contain `/value/10`).
fn is_within(path: &str, parent: &str) -> bool {
    path.strip_prefix(parent)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The operation whose path is the longest prefix of `path`.
fn owner_by_path(index: &std::collections::HashMap<&str, usize>, path: &str) -> Option<usize> {
    let mut path = path;
    loop {
        if let Some(&at) = index.get(path) {
            return Some(at);
        }
        path = path.get(..path.rfind('/')?)?;
    }
}
