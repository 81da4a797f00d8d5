//! The JavaScript bindings: the only module that knows JS. Compiled for wasm32 only.
//!
//! Each submodule does one thing: `input` turns JS arguments into text and options, `issues`
//! turns reports into JS values and errors, `operation` is the `RecordOperation` class,
//! `functions` the free functions, `types` the TypeScript declarations of the JSON shapes.

pub mod functions;
pub(crate) mod input;
pub(crate) mod issues;
pub(crate) mod objects;
pub mod operation;
pub(crate) mod raw;
pub(crate) mod render;
pub(crate) mod request;
pub(crate) mod tracker;
pub mod types;
