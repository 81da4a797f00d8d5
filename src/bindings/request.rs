//! `recordResponseRequest`: builds and validates the body of
//! `POST /communications/calls/{id}/recordResponse`.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::input::{parse_options, with_input};
use super::issues::{set_verdict, with_lone_surrogate};
use super::objects::{new_object, ResultObject};
use super::render::ReadInput;
use super::types::{InputArg, RecordResponseResultValue, RequestOptionsArg};
use crate::{ApiVersion, RecordResponseRequest, RequestOptions};

#[wasm_bindgen]
extern "C" {
    /// `{ valid, errors, warnings, body? }`.
    #[wasm_bindgen(extends = ResultObject)]
    type RequestResultObject;
    #[wasm_bindgen(method, setter = body)]
    fn set_body(this: &RequestResultObject, value: &JsValue);
}

fn request_options(options: &JsValue) -> Result<RequestOptions, JsValue> {
    let api_version = if options.is_object() {
        let value = js_sys::Reflect::get(options, &JsValue::from_str("apiVersion"))?;
        match value.as_string() {
            None if value.is_undefined() => ApiVersion::default(),
            Some(text) => ApiVersion::parse(&text).ok_or_else(|| {
                JsValue::from(js_sys::TypeError::new(
                    "options.apiVersion must be \"v1.0\" or \"beta\"",
                ))
            })?,
            None => {
                return Err(js_sys::TypeError::new("options.apiVersion must be a string").into())
            }
        }
    } else {
        ApiVersion::default()
    };
    Ok(RequestOptions {
        api_version,
        parse: parse_options(options)?,
    })
}

/// Validates a recordResponse request body (JSON text or an object such as
/// `{ maxRecordDurationInSeconds: 30, stopTones: ["#"] }`) against the documented rules: at most
/// one prompt with a `mediaInfo.uri`, timeouts of 1 to 120 seconds, clientContext of at most 256
/// characters, stop tones from `0`-`9`, `*` and `#`, and `streamWhileRecording` only for beta.
/// Returns `{ valid, errors, warnings, body }`, where `body` (when valid) is the request with
/// every default written out. Never throws for a bad body.
#[wasm_bindgen(js_name = recordResponseRequest)]
pub fn record_response_request(
    input: &InputArg,
    options: Option<RequestOptionsArg>,
) -> Result<RecordResponseResultValue, JsValue> {
    let options = request_options(&options.map(Into::into).unwrap_or(JsValue::UNDEFINED))?;
    let result: RequestResultObject = new_object();
    let read: &mut ReadInput = &mut |bytes, lone| {
        let text = String::from_utf8_lossy(bytes);
        let clean = lone.is_none();
        // One read: parse() fails with the same report validate_json() would give.
        let (request, report) = match RecordResponseRequest::parse(&text, &options) {
            Ok((request, report)) => (Some(request), report),
            Err(crate::Error::Invalid(report)) => (None, report),
        };
        let report = with_lone_surrogate(report, lone);
        set_verdict(&result, &report);
        match request.filter(|_| clean) {
            Some(request) => js_sys::JSON::parse(&request.to_json()),
            // JSON.parse never gives undefined: it stands for no body.
            None => Ok(JsValue::UNDEFINED),
        }
    };
    let body = with_input(input, read)??;
    if !body.is_undefined() {
        result.set_body(&body);
    }
    Ok(result.unchecked_into())
}
