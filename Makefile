# The project's commands. `make test` and `make demo` work on a fresh machine: they install what is
# missing first (scripts/setup.sh skips whatever is already there).
SHELL := /bin/bash

.PHONY: setup package test demo bench test-rust

setup:
	bash scripts/setup.sh

package: setup
	bash scripts/build-package.sh

test: setup test-rust

test-rust:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo test
