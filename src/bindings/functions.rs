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

/// Each operation's own issues: an issue belongs to the operation whose path is the longest prefix
/// of the issue's path (`/value/1` does not contain `/value/10`).
#[cfg(feature = "reference-bindings")]
fn issues_by_operation(
    operations: &[crate::OperationEntry<'_>],
    report: &crate::Report,
) -> Vec<Vec<crate::Issue>> {
    // The plain definition (a map of every path), kept apart from the indexed version the fast
    // path uses (`crate::issues_by_operation`), so tests/js/fast-path.test.mjs checks one against the
    // other.
    let index = crate::shapes::path_index(operations);
    let mut grouped = vec![Vec::new(); operations.len()];
    for issue in &report.issues {
        let owner = crate::shapes::owner_by_path(&index, &issue.path);
        if let Some(list) = owner.and_then(|at| grouped.get_mut(at)) {
            list.push(issue.clone());
        }
    }
    grouped
}
