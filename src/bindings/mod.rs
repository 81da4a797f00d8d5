//! The JavaScript bindings: the only module that knows JS. Compiled for wasm32 only.
//!
//! Each submodule does one thing: `raw` is the fast path under the package's `validate`,
//! `parseAny` and `RecordOperation` (plain exports that take and return numbers; the objects are
//! built in `pkg-template/api.js`); `input` turns JS arguments into text and options, `issues`
//! turns reports into JS values and errors, `functions` the free functions, `render`, `tracker`
//! and `request` the renderer and the lifecycle classes, `types` the TypeScript declarations.
//! With the `reference-bindings` feature, `functions` and `operation` also build `validate`,
//! `parseAny` and the `RecordOperation` class in Rust: the reference the package is tested against.

pub mod functions;
pub(crate) mod input;
pub(crate) mod issues;
pub(crate) mod objects;
#[cfg(feature = "reference-bindings")]
pub mod operation;
pub(crate) mod raw;
pub(crate) mod render;
pub(crate) mod request;
pub(crate) mod tracker;
pub mod types;
