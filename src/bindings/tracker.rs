//! The `OperationTracker` class: follows operations through notification streams.

use js_sys::JSON;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::input::{bool_option, parse_options, with_input, write_options};
use super::issues::{error_to_js, with_lone_surrogate};
use super::render::ReadInput;
use super::types::{
    FeedOutcomeValue, InputArg, StatusCountsValue, TrackedOperationList, TrackerOptionsArg,
    WriteOptionsArg,
};
use crate::{StatusClass, TrackerOptions, DEFAULT_MAX_OPERATIONS, DEFAULT_MAX_TIMELINE};

fn count(options: &JsValue, name: &str, default: usize) -> Result<usize, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(default);
    }
    let value = js_sys::Reflect::get(options, &JsValue::from_str(name))?;
    if value.is_undefined() {
        return Ok(default);
    }
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && (1.0..=4_294_967_295.0).contains(&n) => Ok(n as usize),
        _ => Err(js_sys::TypeError::new(&format!(
            "options.{name} must be a positive whole number"
        ))
        .into()),
    }
}

/// The text quoted as `{:?}` quotes it, without the Unicode tables `{:?}` brings in: the same for
/// ASCII and control characters (`\"`, `\\`, `\n`, `\r`, `\t`, `\0`, `\u{..}`); other characters are
/// written as they are.
#[cold]
#[inline(never)]
fn debug_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => {
                out.push_str("\\u{");
                crate::write::push_hex(&mut out, u64::from(u32::from(c)), 1);
                out.push('}');
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn parse_json(text: &str) -> Result<JsValue, JsValue> {
    JSON::parse(text)
}

/// Follows recordOperations through notification envelopes, collections and single operations
/// fed in any order: keeps the latest state per operation, never moves one backwards, treats
/// `changeType: "deleted"` with a terminal status as final, ignores exact duplicates, and says
/// what each feed changed. `export()` and `OperationTracker.restore()` keep state across reloads.
#[wasm_bindgen]
pub struct OperationTracker {
    inner: crate::OperationTracker,
}

#[wasm_bindgen]
impl OperationTracker {
    /// A tracker. Options: `maxOperations` (default 10,000; the oldest finished operations are
    /// evicted first), `maxTimeline` (entries kept per operation), and the parse options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<TrackerOptionsArg>) -> Result<OperationTracker, JsValue> {
        let options: JsValue = options.map(Into::into).unwrap_or(JsValue::UNDEFINED);
        let inner = crate::OperationTracker::with_options(TrackerOptions {
            max_operations: count(&options, "maxOperations", DEFAULT_MAX_OPERATIONS)?,
            max_timeline: count(&options, "maxTimeline", DEFAULT_MAX_TIMELINE)?,
            parse: parse_options(&options)?,
        });
        Ok(OperationTracker { inner })
    }

    /// Feeds one payload (JSON text or a parsed object) and returns what changed.
    pub fn feed(&mut self, input: &InputArg) -> Result<FeedOutcomeValue, JsValue> {
        let read: &mut ReadInput = &mut |bytes, lone| {
            // The copy is UTF-8 (lone surrogates became U+FFFD); they are reported, not hidden.
            let text = String::from_utf8_lossy(bytes);
            let mut outcome = self.inner.feed(&text);
            outcome.report = with_lone_surrogate(std::mem::take(&mut outcome.report), lone);
            parse_json(&outcome.to_json())
        };
        Ok(with_input(input, read)??.unchecked_into())
    }

    /// How many operations have each status, how many are final, and the total.
    pub fn counts(&self) -> Result<StatusCountsValue, JsValue> {
        Ok(parse_json(&self.inner.counts().to_json())?.unchecked_into())
    }

    /// The tracked operations, each with its timeline, optionally only those of one status
    /// (`"notStarted"`, `"running"`, `"completed"`, `"failed"` or `"unknown"`). A listing is for
    /// showing, so the access tokens are left out unless `{ redact: false }` asks for them.
    pub fn list(
        &self,
        status: Option<String>,
        options: Option<WriteOptionsArg>,
    ) -> Result<TrackedOperationList, JsValue> {
        let filter = match status.as_deref() {
            None => None,
            Some(text) => Some(StatusClass::parse(text).ok_or_else(|| {
                JsValue::from(js_sys::TypeError::new(&format!(
                    "unknown status filter {}: expected notStarted, running, completed, failed or unknown",
                    debug_quote(text)
                )))
            })?),
        };
        let options: JsValue = options.map(Into::into).unwrap_or(JsValue::UNDEFINED);
        let write = crate::WriteOptions {
            redact_token: bool_option(&options, "redact")?.unwrap_or(true),
            ..write_options(&options)?
        };
        let text = self.inner.list_json(filter, &write);
        Ok(parse_json(&text)?.unchecked_into())
    }

    /// The whole state as JSON text, for `OperationTracker.restore`. `{ redact: true }` leaves the
    /// access tokens out.
    pub fn export(&self, options: Option<WriteOptionsArg>) -> Result<String, JsValue> {
        let options = write_options(&options.map(Into::into).unwrap_or(JsValue::UNDEFINED))?;
        Ok(self.inner.export(&options))
    }

    /// A tracker restored from `export()`'s text. Throws a `RecordOperationError` when the text is
    /// not a valid state.
    pub fn restore(state: &str) -> Result<OperationTracker, JsValue> {
        crate::OperationTracker::restore(state)
            .map(|inner| OperationTracker { inner })
            .map_err(|error| error_to_js(&error))
    }

    /// How many operations are tracked.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.len()
    }

    /// Forgets every operation.
    pub fn clear(&mut self) {
        self.inner.clear();
    }
}
