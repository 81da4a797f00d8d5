//! The shared binding cases (tests/common) in a headless browser (Chromium in this project),
//! through wasm-bindgen-test and chromedriver.
//!
//!   bash scripts/test-wasm.sh                 (both suites; sets up chromedriver and its flags)
//!   wasm-pack test --headless --chrome --features reference-bindings   (equivalent, with wasm-pack)
//!
//! The cases call the Rust-built bindings (feature `reference-bindings`), which the package's
//! JavaScript-built API is checked against (tests/js/fast-path.test.mjs). Compiles to nothing on
//! native targets, so `cargo test` stays native.
#![cfg(all(target_arch = "wasm32", feature = "reference-bindings"))]

#[macro_use]
mod common;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

shared_cases!();

/// Browser-only: the suite really runs in a page, not in Node.js.
#[wasm_bindgen_test::wasm_bindgen_test]
fn runs_in_a_browser() {
    let document = js_sys::Reflect::get(&js_sys::global(), &"document".into()).expect("global");
    assert!(document.is_object(), "this suite runs in a browser page");
    let process = js_sys::Reflect::get(&js_sys::global(), &"process".into()).expect("global");
    assert!(process.is_undefined(), "no Node.js here");
}
