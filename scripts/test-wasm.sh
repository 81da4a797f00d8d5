#!/usr/bin/env bash
# The wasm-bindgen-test suites: tests/node.rs in Node.js and tests/browser.rs in headless Chromium,
# both running the shared cases of tests/common/mod.rs against the bindings, through
# wasm-bindgen-test-runner (the wasm-bindgen CLI at the pinned version; no wasm-pack needed).
#
#   bash scripts/test-wasm.sh            both suites (one cargo build of both; ~1 min when cached)
#   SUITES=node bash scripts/test-wasm.sh     only Node.js   (same as `wasm-pack test --node --features reference-bindings`)
#   SUITES=browser bash scripts/test-wasm.sh  only Chromium  (`wasm-pack test --headless --chrome --features reference-bindings`)
#   bash scripts/test-wasm.sh -- corpus       arguments after the script go to cargo test (a filter)
#
# The browser suite selects itself with `wasm_bindgen_test_configure!(run_in_browser)`; the runner
# starts chromedriver ($CHROMEDRIVER) and reads Chromium's binary and flags from the capabilities
# file named by WASM_BINDGEN_TEST_WEBDRIVER_JSON (written below with a fresh profile directory).
# The suites include the whole bad-input corpus (tests/common/corpus.rs): about 15-35 s per suite
# depending on load, hence a 180 s runner timeout (WASM_BINDGEN_TEST_TIMEOUT overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

suites=${SUITES:-node browser}
chromium=${CHROMIUM:-/usr/bin/chromium}
chromedriver=${CHROMEDRIVER:-/usr/bin/chromedriver}

wanted=$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' Cargo.toml)
have=$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$wanted" ]; then
    echo "test-wasm: wasm-bindgen-test-runner is '${have:-missing}', Cargo.toml pins $wanted; run scripts/setup.sh" >&2
    exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/profile"
# The runner itself adds headless, no-sandbox and disable-dev-shm-usage; the rest keeps Chromium
# off the network (this machine has none) and away from any existing profile.
cat >"$tmp/webdriver.json" <<JSON
{
  "goog:chromeOptions": {
    "binary": "$chromium",
    "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", "--disable-quic", "--user-data-dir=$tmp/profile"]
  }
}
JSON

args=()
for suite in $suites; do args+=(--test "$suite"); done

CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    CHROMEDRIVER="$chromedriver" \
    WASM_BINDGEN_TEST_WEBDRIVER_JSON="$tmp/webdriver.json" \
    WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-180}" \
    cargo test --target wasm32-unknown-unknown --features reference-bindings "${args[@]}" "$@"
