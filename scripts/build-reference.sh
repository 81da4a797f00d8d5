#!/usr/bin/env bash
# Builds the reference package into target/pkg-reference: the same sources with the
# `reference-bindings` feature, whose `validate`, `parseAny`, `RecordOperation` and `ResultInfo` are
# the Rust-built wasm-bindgen ones. tests/js/fast-path.test.mjs requires the real package (built in
# JavaScript on plain exports) to give exactly what this one gives; tests/js/memory.test.mjs uses
# its wasm-held instances as the control. Not optimized (tests only); its own target directory, so
# the two feature sets do not rebuild each other.
#
#   bash scripts/build-reference.sh      (skips the build when target/pkg-reference is newer than
#                                         the sources)
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/pkg-reference
if [ -f "$out/index.node.cjs" ] &&
    [ -z "$(find src Cargo.toml Cargo.lock pkg-template scripts/build-package.sh -newer "$out/index.node.cjs" -print -quit 2>/dev/null)" ]; then
    echo "build-reference: $out is up to date"
    exit 0
fi
PKG_OUT="$PWD/$out" CARGO_FEATURES=reference-bindings CARGO_TARGET_DIR="$PWD/target/reference" SKIP_WASM_OPT=1 \
    bash scripts/build-package.sh
