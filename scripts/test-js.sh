#!/usr/bin/env bash
# The JS hardening tests (tests/js/*.test.mjs, node's test runner) against the built package in pkg/:
#   hardening.test.mjs  no prototype pollution / no lost keys; the token never in toString,
#                       util.inspect, console.log (captured), error or validation messages
#   browser.test.mjs    the same secrecy and pollution checks in headless Chromium (playwright-core)
#   memory.test.mjs     1,000,000 payloads without free(), finalization or gc() leave the wasm
#                       memory flat; free(), [Symbol.dispose]() and TypeScript `using`; freed
#                       instances throw cleanly
#   fast-path.test.mjs  the JS-built validate/parseAny/RecordOperation (pkg-template/api.js) give
#                       exactly what the Rust-built reference bindings give, on the whole corpus
#                       and the benchmark's payloads
#                       (run twice: through Node's UTF-16 copy, and with GRO_COPY_PATH=encode-into
#                       through TextEncoder.encodeInto, the path browsers take)
#   utf16.test.mjs      the Node entry's UTF-16 to UTF-8 module gives exactly TextEncoder's bytes
#                       and the first lone surrogate, around every block boundary
#   shapes.test.mjs     every kind of result shares its V8 hidden class with an instance api.js
#                       keeps, and parseAny stays optimized when its results are collected (so a
#                       full garbage collection does not discard optimized code)
#
#   bash scripts/test-js.sh                  builds pkg/ first only when it is missing (~40 s of tests)
#   BUILD=1 bash scripts/test-js.sh          always rebuild pkg/ first
#   MEMORY_COUNT=300000 bash scripts/test-js.sh   a shorter finalization run (same property)
# Environment: PKG_DIR (default <repo>/pkg), CHROMIUM (default /usr/bin/chromium).
# Needs what scripts/setup.sh installs (chromium, the root node_modules: playwright-core, tsc).
set -euo pipefail
cd "$(dirname "$0")/.."

pkg=${PKG_DIR:-pkg}
if [ "${BUILD:-}" = 1 ] || [ ! -f "$pkg/index.node.mjs" ] || [ ! -f "$pkg/index.web.js" ]; then
    bash scripts/build-package.sh
fi
# The reference package the fast path is checked against (fast-path and memory tests).
bash scripts/build-reference.sh
node --test --test-reporter=spec --test-reporter-destination=stdout \
    tests/js/hardening.test.mjs tests/js/browser.test.mjs tests/js/memory.test.mjs tests/js/fast-path.test.mjs \
    tests/js/utf16.test.mjs tests/js/shapes.test.mjs
# The differential again on the copy path browsers take (TextEncoder.encodeInto, not Node's UTF-16).
GRO_COPY_PATH=encode-into node --test --test-reporter=spec --test-reporter-destination=stdout \
    tests/js/fast-path.test.mjs
