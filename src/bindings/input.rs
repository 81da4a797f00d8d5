//! Turns JS arguments into what the core reads: text (copied with `TextEncoder.encodeInto` into a
//! buffer that lives as long as the module, which is several times cheaper than copying a string
//! one character at a time) and options.

use std::cell::RefCell;

use js_sys::{JsString, Object, Reflect, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{IssueCode, ParseOptions, WriteOptions};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = TextEncoder)]
    type JsTextEncoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> JsTextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(
        this: &JsTextEncoder,
        source: &JsString,
        destination: &Uint8Array,
    ) -> EncodeResult;

    type EncodeResult;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeResult) -> f64;

    /// A JS string seen through the methods js-sys does not bind.
    type StringMethods;
    #[wasm_bindgen(method, js_name = isWellFormed)]
    fn is_well_formed(this: &StringMethods) -> bool;

    /// The `stringify` method of a `RecordOperation` handed back to us.
    type Stringifiable;
    #[wasm_bindgen(method, catch)]
    fn stringify(this: &Stringifiable) -> Result<JsString, JsValue>;
}

thread_local! {
    static ENCODER: JsTextEncoder = JsTextEncoder::new();
    /// Reused for every call: no allocation per payload once it has grown.
    static BUFFER: RefCell<SharedBuffer> = const {
        RefCell::new(SharedBuffer {
            bytes: Vec::new(),
            view: None,
        })
    };
}

/// A JS string that is not well-formed UTF-16: where its first lone surrogate is.
pub(crate) struct LoneSurrogate {
    /// UTF-16 index of the lone surrogate.
    pub index: u32,
}

/// Copies a JS string into the shared buffer as UTF-8 and runs `read` on the bytes. Lone
/// surrogates become U+FFFD in the copy, and are reported through the second argument, so that
/// nothing is replaced silently.
pub(crate) fn with_utf8<R>(
    text: &JsString,
    read: impl FnOnce(&[u8], Option<LoneSurrogate>) -> R,
) -> R {
    let units = text.length() as usize;
    BUFFER.with(|cell| {
        let Ok(mut buffer) = cell.try_borrow_mut() else {
            // Re-entered (cannot happen in one thread without a callback): copy the slow way.
            let owned = String::from(text);
            return read(owned.as_bytes(), lone_surrogate(text));
        };
        let written = buffer.encode(text, units);
        // One byte per UTF-16 unit means ASCII, which cannot hold a lone surrogate: only other
        // text pays for the check.
        let lone = if written == units {
            None
        } else {
            lone_surrogate(text)
        };
        read(buffer.bytes(written), lone)
    })
}

/// The buffer JS strings are copied into, and a view on it that is kept between calls.
struct SharedBuffer {
    bytes: Vec<u8>,
    /// A `Uint8Array` over `bytes`; made again when `bytes` moves or wasm memory grows (growing
    /// detaches every view, which then has length 0).
    view: Option<Uint8Array>,
}

impl SharedBuffer {
    /// Copies `text` (of `units` UTF-16 code units) in as UTF-8 and returns the bytes written.
    fn encode(&mut self, text: &JsString, units: usize) -> usize {
        // UTF-16 → UTF-8 takes at most three bytes per code unit.
        let needed = units.saturating_mul(3);
        if self.bytes.len() < needed {
            self.bytes.resize(needed.max(4096), 0);
            self.view = None;
        }
        if units == 0 {
            return 0;
        }
        ENCODER.with(|encoder| {
            for _ in 0..2 {
                let view = self.view.get_or_insert_with(|| {
                    // SAFETY: the view covers memory owned by `self.bytes`, which is neither
                    // freed nor moved while the view is kept: it is dropped whenever the vector
                    // is resized, and a grown wasm memory detaches it (see the retry below).
                    unsafe { Uint8Array::view_mut_raw(self.bytes.as_mut_ptr(), self.bytes.len()) }
                });
                let written = encoder.encode_into(text, view).written() as usize;
                if written > 0 {
                    return written;
                }
                // A detached view writes nothing: make a new one and copy again.
                self.view = None;
            }
            0
        })
    }

    fn bytes(&self, written: usize) -> &[u8] {
        self.bytes.get(..written).unwrap_or(&[])
    }
}

fn lone_surrogate(text: &JsString) -> Option<LoneSurrogate> {
    if text.unchecked_ref::<StringMethods>().is_well_formed() {
        None
    } else {
        Some(LoneSurrogate {
            index: first_lone_surrogate(text),
        })
    }
}

fn first_lone_surrogate(text: &JsString) -> u32 {
    let mut previous_high = false;
    let mut index = 0u32;
    for unit in text.iter() {
        let high = (0xD800..=0xDBFF).contains(&unit);
        let low = (0xDC00..=0xDFFF).contains(&unit);
        if previous_high && !low {
            return index.saturating_sub(1);
        }
        if low && !previous_high {
            return index;
        }
        previous_high = high;
        index += 1;
    }
    index.saturating_sub(1)
}

/// The message for a lone surrogate in a JS string.
pub(crate) fn lone_surrogate_message(lone: &LoneSurrogate) -> String {
    format!(
        "the JS string holds a UTF-16 surrogate without its pair at index {}, which is not a character; it was read as U+FFFD",
        lone.index
    )
}

/// The code for a lone surrogate.
pub(crate) const LONE_SURROGATE: IssueCode = IssueCode::LoneSurrogate;

/// Runs `read` on the UTF-8 bytes of any input: a string (the common case, checked first), a
/// `Uint8Array` (a Node `Buffer`) or `ArrayBuffer` as the bytes it holds, so that bytes that are
/// not UTF-8 are reported as such, and any other value as its JSON text.
pub(crate) fn with_input<R>(
    input: &JsValue,
    read: impl FnOnce(&[u8], Option<LoneSurrogate>) -> R,
) -> Result<R, JsValue> {
    if let Some(text) = input.dyn_ref::<JsString>() {
        return Ok(with_utf8(text, read));
    }
    if let Some(bytes) = input.dyn_ref::<Uint8Array>() {
        return Ok(read(&bytes.to_vec(), None));
    }
    if let Some(buffer) = input.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(read(&Uint8Array::new(buffer).to_vec(), None));
    }
    if js_sys::ArrayBuffer::is_view(input) {
        return Err(js_sys::TypeError::new(
            "expected JSON text, a Uint8Array of UTF-8 bytes, or a parsed value; got another typed array",
        )
        .into());
    }
    let text = input_to_js_text(input)?;
    Ok(with_utf8(&text, read))
}

/// JSON text for any input: a string as is, a `RecordOperation` as its canonical JSON, any other
/// value through `JSON.stringify`.
pub(crate) fn input_to_js_text(input: &JsValue) -> Result<JsString, JsValue> {
    if let Some(text) = input.dyn_ref::<JsString>() {
        return Ok(text.clone());
    }
    if input.is_object() {
        let stringify = Reflect::get(input, &JsValue::from_str("stringify"))?;
        let is_operation = stringify.is_function()
            && Reflect::get(input, &JsValue::from_str("isTerminal"))
                .map(|v| v.as_bool().is_some())
                .unwrap_or(false);
        if is_operation {
            return input.unchecked_ref::<Stringifiable>().stringify();
        }
    }
    let text = JSON::stringify(input)?;
    if text.is_undefined() {
        return Err(js_sys::TypeError::new(
            "expected JSON text or a JSON-serializable value, but got a value JSON.stringify cannot represent",
        )
        .into());
    }
    Ok(text)
}

fn option(options: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(JsValue::UNDEFINED);
    }
    if !options.is_object() {
        return Err(js_sys::TypeError::new("options must be an object").into());
    }
    Reflect::get(options, &JsValue::from_str(name))
}

pub(crate) fn bool_option(options: &JsValue, name: &str) -> Result<Option<bool>, JsValue> {
    let value = option(options, name)?;
    if value.is_undefined() {
        return Ok(None);
    }
    value
        .as_bool()
        .map(Some)
        .ok_or_else(|| js_sys::TypeError::new(&format!("options.{name} must be a boolean")).into())
}

fn count_option(options: &JsValue, name: &str) -> Result<Option<usize>, JsValue> {
    let value = option(options, name)?;
    if value.is_undefined() {
        return Ok(None);
    }
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && (1.0..=4_294_967_295.0).contains(&n) => Ok(Some(n as usize)),
        _ => Err(js_sys::TypeError::new(&format!(
            "options.{name} must be a positive whole number"
        ))
        .into()),
    }
}

/// Reads optional `{ strict?, maxInputBytes?, maxDepth? }`; absent options cost no JS call.
#[cfg(feature = "reference-bindings")]
pub(crate) fn parse_options_arg<T: Into<JsValue>>(
    options: Option<T>,
) -> Result<ParseOptions, JsValue> {
    match options {
        None => Ok(ParseOptions::default()),
        Some(options) => parse_options(&options.into()),
    }
}

/// Reads `{ strict?, maxInputBytes?, maxDepth? }`.
pub(crate) fn parse_options(options: &JsValue) -> Result<ParseOptions, JsValue> {
    let defaults = ParseOptions::default();
    if options.is_undefined() || options.is_null() {
        return Ok(defaults);
    }
    Ok(ParseOptions {
        strict: bool_option(options, "strict")?.unwrap_or(defaults.strict),
        max_input_bytes: count_option(options, "maxInputBytes")?
            .unwrap_or(defaults.max_input_bytes),
        max_depth: count_option(options, "maxDepth")?.unwrap_or(defaults.max_depth),
        max_issues: count_option(options, "maxIssues")?.unwrap_or(defaults.max_issues),
    })
}

/// Reads `{ pascalCaseStatus?, redact? }`.
pub(crate) fn write_options(options: &JsValue) -> Result<WriteOptions, JsValue> {
    Ok(WriteOptions {
        pascal_case_status: bool_option(options, "pascalCaseStatus")?.unwrap_or(false),
        redact_token: bool_option(options, "redact")?.unwrap_or(false),
    })
}

/// Sets a property as an own data property, even for `__proto__` (plain assignment would call the
/// prototype setter instead).
#[cfg(feature = "reference-bindings")]
pub(crate) fn define(target: &Object, key: &JsValue, value: &JsValue) {
    let descriptor = Object::new();
    let _ = Reflect::set(&descriptor, &"value".into(), value);
    let _ = Reflect::set(&descriptor, &"enumerable".into(), &JsValue::TRUE);
    let _ = Reflect::set(&descriptor, &"writable".into(), &JsValue::TRUE);
    let _ = Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE);
    Object::define_property(target, key, &descriptor);
}

/// Sets an ordinary property on an object we created (keys are our own, never payload keys).
pub(crate) fn set(target: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}
