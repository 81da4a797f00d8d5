//! The `RecordOperation` and `ResultInfo` classes.

use js_sys::{Object, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::input::{define, parse_options_arg, with_input, write_options};
use super::issues::{error_to_js, issues_to_js, with_lone_surrogate};
use super::types::{
    CategoryName, ExtraPropertiesValue, InputArg, IssueList, NullableString, ParseOptionsArg,
    ReasonValue, RecordOperationJsonValue, ResultInfoValue, StatusValue, WriteOptionsArg,
};
use crate::{Error, Field, Issue, Report};

type Operation = crate::RecordOperation<'static>;

/// A Microsoft Graph recordOperation, read with `RecordOperation.parse` or `RecordOperation.from`.
///
/// `toString()` and Node's `util.inspect` never show the recording access token; only the
/// `recordingAccessToken` getter and `toJSON()` do.
#[wasm_bindgen]
pub struct RecordOperation {
    operation: Operation,
    warnings: Vec<Issue>,
}

fn nullable_string(field: &Field<std::borrow::Cow<'static, str>>) -> JsValue {
    match field {
        Field::Absent => JsValue::UNDEFINED,
        Field::Null => JsValue::NULL,
        Field::Value(text) => JsValue::from_str(text),
    }
}

fn options_value<T: Into<JsValue>>(options: Option<T>) -> JsValue {
    options.map(Into::into).unwrap_or(JsValue::UNDEFINED)
}

impl RecordOperation {
    pub(crate) fn new(operation: Operation, warnings: Vec<Issue>) -> Self {
        RecordOperation {
            operation,
            warnings,
        }
    }

    fn read(input: &JsValue, options: Option<ParseOptionsArg>) -> Result<RecordOperation, JsValue> {
        let options = parse_options_arg(options)?;
        with_input(
            input,
            |bytes, lone| match crate::RecordOperation::parse_bytes(bytes, &options) {
                Ok((operation, report)) if lone.is_none() => {
                    Ok(RecordOperation::new(operation.into_owned(), report.issues))
                }
                Ok((_, report)) | Err(Error::Invalid(report)) => {
                    let report = with_lone_surrogate(report, lone);
                    Err(error_to_js(&Error::Invalid(Report {
                        issues: report.issues,
                    })))
                }
            },
        )?
    }
}

#[wasm_bindgen]
impl RecordOperation {
    /// Reads a recordOperation from JSON text. Accepts every spelling real senders use (status in
    /// any case, numbers sent as strings, `subCode`, legacy beta names) and keeps unknown
    /// properties. Throws a `RecordOperationError` (with `code` and `issues`) when the payload has
    /// errors in the chosen mode; the warnings are on the result's `warnings`.
    pub fn parse(
        text: &js_sys::JsString,
        options: Option<ParseOptionsArg>,
    ) -> Result<RecordOperation, JsValue> {
        RecordOperation::read(text.as_ref(), options)
    }

    /// The same as `parse`, for a value the caller already parsed (`JSON.parse` output, a plain
    /// object) or another `RecordOperation`.
    #[wasm_bindgen(js_name = from)]
    pub fn from_value(
        value: &InputArg,
        options: Option<ParseOptionsArg>,
    ) -> Result<RecordOperation, JsValue> {
        RecordOperation::read(value, options)
    }

    /// The operation id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> Option<String> {
        self.operation.id.as_deref().map(str::to_string)
    }

    /// `clientContext`: `null` when sent as null, `undefined` when absent.
    #[wasm_bindgen(getter, js_name = clientContext)]
    pub fn client_context(&self) -> NullableString {
        nullable_string(&self.operation.client_context).unchecked_into()
    }

    /// `status` in its documented spelling (`"Running"` reads as `"running"`); an undocumented value
    /// as it came; `null` when sent as null; `undefined` when absent.
    #[wasm_bindgen(getter)]
    pub fn status(&self) -> StatusValue {
        match &self.operation.status {
            Field::Absent => JsValue::UNDEFINED,
            Field::Null => JsValue::NULL,
            Field::Value(status) => JsValue::from_str(status.as_str()),
        }
        .unchecked_into()
    }

    /// `completionReason` in its documented spelling, or an undocumented value as it came.
    #[wasm_bindgen(getter, js_name = completionReason)]
    pub fn completion_reason(&self) -> ReasonValue {
        match &self.operation.completion_reason {
            Field::Absent => JsValue::UNDEFINED,
            Field::Null => JsValue::NULL,
            Field::Value(reason) => JsValue::from_str(reason.as_str()),
        }
        .unchecked_into()
    }

    /// `resultInfo`: `null` when sent as null, `undefined` when absent.
    #[wasm_bindgen(getter, js_name = resultInfo)]
    pub fn result_info(&self) -> ResultInfoValue {
        match &self.operation.result_info {
            Field::Absent => JsValue::UNDEFINED,
            Field::Null => JsValue::NULL,
            Field::Value(info) => JsValue::from(ResultInfo {
                code: info.code,
                subcode: info.subcode,
                message: info.message.clone(),
            }),
        }
        .unchecked_into()
    }

    /// `recordingLocation`: where to fetch the recording.
    #[wasm_bindgen(getter, js_name = recordingLocation)]
    pub fn recording_location(&self) -> NullableString {
        nullable_string(&self.operation.recording_location).unchecked_into()
    }

    /// `recordingAccessToken`: the bearer token for the recording. A credential: this getter and
    /// `toJSON()` are the only ways to read it.
    #[wasm_bindgen(getter, js_name = recordingAccessToken)]
    pub fn recording_access_token(&self) -> NullableString {
        nullable_string(&self.operation.recording_access_token).unchecked_into()
    }

    /// `completed` or `failed`: no more updates follow.
    #[wasm_bindgen(getter, js_name = isTerminal)]
    pub fn is_terminal(&self) -> bool {
        self.operation.is_terminal()
    }

    /// `completed`, and no resultInfo code outside 2xx.
    #[wasm_bindgen(getter, js_name = isSuccess)]
    pub fn is_success(&self) -> bool {
        self.operation.is_success()
    }

    /// `@odata.type` in its documented spelling, when it was sent.
    #[wasm_bindgen(getter, js_name = odataType)]
    pub fn odata_type(&self) -> Option<String> {
        self.operation.odata_type.as_deref().map(str::to_string)
    }

    /// Every property the schema does not define, as own properties of a fresh object (so
    /// `__proto__`, `constructor` and `prototype` are plain keys, never the prototype).
    #[wasm_bindgen(getter, js_name = extraProperties)]
    pub fn extra_properties(&self) -> Result<ExtraPropertiesValue, JsValue> {
        let object = Object::new();
        for extra in &self.operation.extra {
            // The key as JSON.parse reads it, as in `toJSON()`: a `\ud800` escape stays that code
            // unit instead of the U+FFFD the decoded key holds.
            let key = JSON::parse(&extra.raw_key)?;
            let value = JSON::parse(&extra.raw_value)?;
            define(&object, &key, &value);
        }
        Ok(object.unchecked_into())
    }

    /// The warnings reading reported (errors make `parse` throw instead).
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> IssueList {
        issues_to_js(self.warnings.iter()).unchecked_into()
    }

    /// The operation as a JSON object, so `JSON.stringify(operation)` works. Numbers in extra
    /// properties become JS numbers (`1.0` reads as `1`); `stringify()` keeps them exactly.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(
        &self,
        options: Option<WriteOptionsArg>,
    ) -> Result<RecordOperationJsonValue, JsValue> {
        // JSON.stringify calls toJSON(key) with the property name: a string is not options.
        let options = options_value(options);
        let options = if options.is_string() {
            JsValue::UNDEFINED
        } else {
            options
        };
        let text = self.operation.to_json(&write_options(&options)?);
        Ok(JSON::parse(&text)?.unchecked_into())
    }

    /// The canonical JSON text: documented spellings, every unknown property byte-for-byte in its
    /// original order. The lossless form.
    pub fn stringify(&self, options: Option<WriteOptionsArg>) -> Result<String, JsValue> {
        let options = write_options(&options_value(options))?;
        Ok(self.operation.to_json(&options))
    }

    /// A one-line summary, e.g. `recordOperation 0fe0… (completed, 200/8515)`. Never the token.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.operation.to_string()
    }
}

/// `resultInfo`: the outcome of an operation.
#[wasm_bindgen]
pub struct ResultInfo {
    code: Option<i32>,
    subcode: Option<i32>,
    message: Field<std::borrow::Cow<'static, str>>,
}

#[wasm_bindgen]
impl ResultInfo {
    /// The HTTP-like result code (`undefined` when it was missing).
    #[wasm_bindgen(getter)]
    pub fn code(&self) -> Option<i32> {
        self.code
    }

    /// The sub-code (`undefined` when it was missing).
    #[wasm_bindgen(getter)]
    pub fn subcode(&self) -> Option<i32> {
        self.subcode
    }

    /// The message: `null` when sent as null, `undefined` when absent.
    #[wasm_bindgen(getter)]
    pub fn message(&self) -> NullableString {
        nullable_string(&self.message).unchecked_into()
    }

    /// The code's HTTP class: `"success"`, `"clientError"`, `"serverError"` or `"other"`.
    #[wasm_bindgen(getter)]
    pub fn category(&self) -> CategoryName {
        JsValue::from_str(crate::ResultCategory::of_code(self.code).as_str()).unchecked_into()
    }

    /// `{ code, subcode, message, category }`.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> JsValue {
        let object = Object::new();
        if let Some(code) = self.code {
            super::input::set(&object, "code", &JsValue::from(code));
        }
        if let Some(subcode) = self.subcode {
            super::input::set(&object, "subcode", &JsValue::from(subcode));
        }
        if !self.message.is_absent() {
            super::input::set(&object, "message", &nullable_string(&self.message));
        }
        super::input::set(&object, "category", &self.category());
        object.into()
    }
}
