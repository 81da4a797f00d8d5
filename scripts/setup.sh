#!/usr/bin/env bash
# Installs what the build and tests need on a fresh machine, skipping what is already there.
#
# A fresh machine of this kind has only Rust (rustup) and Node/npm. This script adds, each step only
# when it is missing:
#   1. rustfmt and clippy                     (rustup component add)
#   2. the wasm32-unknown-unknown target      (rustup target add)
#   3. the wasm-bindgen CLI, exactly 0.2.130  (cargo install; gives wasm-bindgen and
#                                              wasm-bindgen-test-runner; must equal the
#                                              `wasm-bindgen = "=0.2.130"` pin in Cargo.toml)
#   4. Debian's chromium + chromium-driver    (apt-get; /usr/bin/chromium, /usr/bin/chromedriver)
#   5. the npm dev dependencies               (npm ci in the repo root: wasm-opt from binaryen,
#                                              typescript, vite, webpack, playwright-core, publint,
#                                              attw)
# Running it again does nothing but the checks (about a second).
#
# wasm-pack is not needed: the wasm tests run through wasm-bindgen-test-runner directly
# (scripts/test-wasm.sh). If you have wasm-pack, these are equivalent:
#   wasm-pack test --node --features reference-bindings               (tests/node.rs)
#   wasm-pack test --headless --chrome --features reference-bindings  (tests/browser.rs)
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

for tool in cargo rustup node npm; do
    command -v "$tool" >/dev/null 2>&1 || {
        say "error: $tool not found; this project needs Rust (rustup) and Node.js with npm"
        exit 1
    }
done

# 1. rustfmt and clippy (the Makefile's fmt and clippy checks).
installed_components=$(rustup component list --installed 2>/dev/null || true)
for component in rustfmt clippy; do
    if ! grep -q "^$component" <<<"$installed_components"; then
        say "adding rustup component $component"
        rustup component add "$component"
    fi
done

# 2. The WebAssembly target.
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "wasm32-unknown-unknown: present"
else
    say "adding target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi

# 3. The wasm-bindgen CLI at the version the crate pins (the CLI and the library must match exactly).
version_of() { "$1" --version 2>/dev/null | awk '{print $2}' || true; }
if [ "$(version_of wasm-bindgen)" = "$WASM_BINDGEN_VERSION" ] &&
    [ "$(version_of wasm-bindgen-test-runner)" = "$WASM_BINDGEN_VERSION" ]; then
    say "wasm-bindgen $WASM_BINDGEN_VERSION: present"
else
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
    # No --locked: the CLI's own lockfile may pin crates this toolchain rejects; any semver-compatible
    # resolution builds the same CLI version. Replaces any other installed version.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
    if [ "$(version_of wasm-bindgen)" != "$WASM_BINDGEN_VERSION" ]; then
        say "error: wasm-bindgen on PATH is '$(version_of wasm-bindgen)' after installing $WASM_BINDGEN_VERSION: is another one earlier on PATH than ~/.cargo/bin?"
        exit 1
    fi
fi

# 4. Chromium and its WebDriver, for the browser tests (wasm-bindgen-test and playwright-core).
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    say "chromium and chromedriver: present"
else
    say "installing Debian's chromium and chromium-driver"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi

# 5. npm dev dependencies in the repo root. node_modules/.package-lock.json is npm's record of what
# it installed: stale when package.json or package-lock.json changed after it.
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
stamp=node_modules/.package-lock.json
if [ -f "$stamp" ] && ! [ package.json -nt "$stamp" ] &&
    { ! [ -f package-lock.json ] || ! [ package-lock.json -nt "$stamp" ]; }; then
    say "node_modules: up to date"
else
    if [ -f package-lock.json ]; then
        say "npm ci"
        # npm ci refuses a lockfile out of sync with package.json; then npm install repairs it.
        npm ci --no-audit --no-fund || {
            say "npm ci failed (lockfile out of sync?); running npm install"
            npm install --no-audit --no-fund
        }
    else
        say "npm install"
        npm install --no-audit --no-fund
    fi
    touch "$stamp"
fi
