# The project's commands. `make test` and `make demo` work on a fresh machine: scripts/setup.sh
# installs what is missing first (wasm32 target, wasm-bindgen CLI, Chromium, npm dev dependencies)
# and skips whatever is already there.
SHELL := /bin/bash

.PHONY: setup package demo bench test test-rust test-wasm test-js test-package test-demo test-fuzz

setup:
	bash scripts/setup.sh

## Builds the npm package into pkg/.
package: setup
	bash scripts/build-package.sh

## Builds the package and the demo page, serves it on 127.0.0.1 and prints the URL.
demo: setup
	bash scripts/demo.sh

## Runs the benchmarks (ratios against JSON.parse + ajv, zod and Kiota, sizes, instantiation).
bench: setup
	bash scripts/bench.sh

## Every test: Rust (fmt, clippy, native tests), wasm in Node and Chromium, the package's JS-side
## hardening, the packed package, the demo page in Chromium, and a short fuzzing smoke run.
test: setup
	$(MAKE) --no-print-directory test-rust
	$(MAKE) --no-print-directory test-wasm
	bash scripts/build-package.sh
	$(MAKE) --no-print-directory test-js
	$(MAKE) --no-print-directory test-package
	$(MAKE) --no-print-directory test-demo
	$(MAKE) --no-print-directory test-fuzz

test-rust:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --features reference-bindings -- -D warnings
	cargo test

test-wasm:
	bash scripts/test-wasm.sh

test-js:
	bash scripts/test-js.sh

test-package:
	SKIP_BUILD=1 bash scripts/test-package.sh

test-demo:
	bash scripts/test-demo.sh

test-fuzz:
	bash scripts/fuzz-smoke.sh
