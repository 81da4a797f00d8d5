//! The shared binding cases (tests/common) in Node.js, through wasm-bindgen-test.
//!
//!   bash scripts/test-wasm.sh            (both suites)
//!   wasm-pack test --node --features reference-bindings     (equivalent, if you have wasm-pack)
//!   CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!     cargo test --target wasm32-unknown-unknown --features reference-bindings --test node
//!
//! The cases call the Rust-built bindings (feature `reference-bindings`), which the package's
//! JavaScript-built API is checked against (tests/js/fast-path.test.mjs). Compiles to nothing on
//! native targets, so `cargo test` stays native.
#![cfg(all(target_arch = "wasm32", feature = "reference-bindings"))]

#[macro_use]
mod common;

// No `wasm_bindgen_test_configure!`: wasm-bindgen-test runs a suite in Node.js by default.
shared_cases!();

/// Node-only: the Rust panic hook is not needed for a thrown JS error to reach the caller.
#[wasm_bindgen_test::wasm_bindgen_test]
fn runs_in_node() {
    let process = js_sys::Reflect::get(&js_sys::global(), &"process".into()).expect("global");
    assert!(process.is_object(), "this suite runs in Node.js");
}
