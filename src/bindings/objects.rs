//! Plain JS objects the bindings return, filled through typed setters: wasm-bindgen turns each
//! into a direct `object.key = value` assignment, so no key string crosses into JS and no
//! `Reflect.set` wrapper runs. (Building results with `Reflect.set` was most of `validate`'s time.)

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `{ valid, errors, warnings }`, and `parseAny`'s result, which adds shape fields.
    #[wasm_bindgen(extends = Object)]
    pub type ResultObject;
    #[wasm_bindgen(method, setter = valid)]
    pub fn set_valid(this: &ResultObject, value: bool);
    #[wasm_bindgen(method, setter = errors)]
    pub fn set_errors(this: &ResultObject, value: &Array);
    #[wasm_bindgen(method, setter = warnings)]
    pub fn set_warnings(this: &ResultObject, value: &Array);
    #[wasm_bindgen(method, setter = kind)]
    pub fn set_kind(this: &ResultObject, value: &JsValue);
    #[wasm_bindgen(method, setter = operations)]
    pub fn set_operations(this: &ResultObject, value: &Array);
    #[wasm_bindgen(method, setter = skipped)]
    pub fn set_skipped(this: &ResultObject, value: &Array);
    #[wasm_bindgen(method, setter = nextLink)]
    pub fn set_next_link(this: &ResultObject, value: &str);

    /// `{ path, code, severity, message, line, column }`.
    #[wasm_bindgen(extends = Object)]
    pub type IssueObject;
    #[wasm_bindgen(method, setter = path)]
    pub fn set_path(this: &IssueObject, value: &str);
    #[wasm_bindgen(method, setter = code)]
    pub fn set_code(this: &IssueObject, value: &JsValue);
    #[wasm_bindgen(method, setter = severity)]
    pub fn set_severity(this: &IssueObject, value: &JsValue);
    #[wasm_bindgen(method, setter = message)]
    pub fn set_message(this: &IssueObject, value: &str);
    #[wasm_bindgen(method, setter = line)]
    pub fn set_line(this: &IssueObject, value: u32);
    #[wasm_bindgen(method, setter = column)]
    pub fn set_column(this: &IssueObject, value: u32);

    /// `{ path, changeType?, resourceUrl?, operation }` and `{ path, odataType?, id? }`.
    #[wasm_bindgen(extends = Object)]
    pub type EntryObject;
    #[wasm_bindgen(method, setter = path)]
    pub fn set_path(this: &EntryObject, value: &str);
    #[wasm_bindgen(method, setter = changeType)]
    pub fn set_change_type(this: &EntryObject, value: &str);
    #[wasm_bindgen(method, setter = resourceUrl)]
    pub fn set_resource_url(this: &EntryObject, value: &str);
    #[wasm_bindgen(method, setter = operation)]
    pub fn set_operation(this: &EntryObject, value: JsValue);
    #[wasm_bindgen(method, setter = odataType)]
    pub fn set_odata_type(this: &EntryObject, value: &str);
    #[wasm_bindgen(method, setter = id)]
    pub fn set_id(this: &EntryObject, value: &str);
}

/// A fresh plain object seen as `T`.
pub(crate) fn new_object<T: JsCast>() -> T {
    Object::new().unchecked_into()
}
