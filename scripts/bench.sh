#!/usr/bin/env bash
# The benchmark of issue 5 (what `make bench` runs):
#   1. builds the package (scripts/build-package.sh) when pkg/ is missing or older than the sources;
#   2. installs bench/'s own dependencies (ajv, zod, Kiota, esbuild) when missing: npm ci in bench/;
#   3. size report (bench/size.js), instantiation in headless Chromium (bench/instantiate.js),
#      then every candidate on the same generated data in one Node process (bench/run.js), which
#      prints the markdown table and writes bench/latest.json (not committed).
#
# Usage: bash scripts/bench.sh [--quick] [--profile] [run.js options, e.g. --rounds 15]
#   --quick    fewer rounds and samples (a smoke test; the numbers are not the ones to quote)
#   --profile  also builds bench/core (the crate's core behind plain exports, no wasm-bindgen) and a
#              copy of the bindings with wasm function names, and runs bench/profile.js
# Environment: CHROMIUM=/path/to/chromium (default /usr/bin/chromium); SKIP_BROWSER=1 skips step 3b.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$PATH"

quick=0
profile=0
run_args=()
for arg in "$@"; do
    case "$arg" in
        --quick) quick=1 ;;
        --profile) profile=1 ;;
        *) run_args+=("$arg") ;;
    esac
done

step() { printf '\nbench: %s\n' "$*" >&2; }

# 1. The package.
if [ ! -f pkg/package.json ] || [ ! -d pkg/web ] || [ ! -d pkg/node ] ||
    [ -n "$(find src Cargo.toml Cargo.lock pkg-template scripts/build-package.sh -newer pkg/package.json -print -quit 2>/dev/null)" ]; then
    step "pkg/ missing or older than the sources: bash scripts/build-package.sh"
    bash scripts/build-package.sh
fi

# 2. The bench's own dependencies.
if [ ! -d bench/node_modules/ajv ] || [ ! -d bench/node_modules/zod ] || [ ! -d bench/node_modules/esbuild ] ||
    [ ! -d bench/node_modules/@microsoft/msgraph-sdk ] || [ ! -d bench/node_modules/@microsoft/kiota-serialization-json ]; then
    step "installing bench/ dependencies (npm ci)"
    (cd bench && npm ci --no-audit --no-fund)
fi

mkdir -p bench/out
rm -f bench/out/size.json bench/out/instantiate.json

# 3a. Size.
step "size report"
node bench/size.js

# 3b. Instantiation in headless Chromium.
if [ "${SKIP_BROWSER:-}" = 1 ]; then
    step "SKIP_BROWSER=1: no instantiation measurement"
elif [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ] || [ ! -d node_modules/playwright-core ]; then
    step "no Chromium at ${CHROMIUM:-/usr/bin/chromium} or no playwright-core in node_modules (npm ci at the root): instantiation skipped"
else
    step "instantiation in headless Chromium"
    if [ "$quick" = 1 ]; then node bench/instantiate.js --samples 3; else node bench/instantiate.js --samples 9; fi ||
        step "instantiation measurement failed (see above); continuing"
fi

# 3c. Optional profiling build and run.
if [ "$profile" = 1 ]; then
    step "profiling: building bench/core (plain exports over the crate's core) for wasm32 and natively"
    (cd bench/core && CARGO_TARGET_DIR="$root/bench/out/target" cargo build --release --target wasm32-unknown-unknown --lib &&
        CARGO_TARGET_DIR="$root/bench/out/target" cargo build --release --bin native)
    mapfile -t features < <(bash scripts/wasm-opt-features.sh)
    node_modules/.bin/wasm-opt -O3 "${features[@]}" bench/out/target/wasm32-unknown-unknown/release/gro_core_probe.wasm -o bench/out/core-probe.wasm
    # The package's own release build, bound again with the name section kept (for the CPU profile).
    glue=pkg/node/graph_record_operation.cjs
    release_wasm=target/wasm32-unknown-unknown/release/graph_record_operation.wasm
    if [ -f "$release_wasm" ]; then
        rm -rf bench/out/prof && mkdir -p bench/out/prof
        wasm-bindgen --target nodejs --out-dir bench/out/prof --out-name gro "$release_wasm"
        node_modules/.bin/wasm-opt -O3 -g "${features[@]}" bench/out/prof/gro_bg.wasm -o bench/out/prof/gro_bg.wasm
        mv bench/out/prof/gro.js bench/out/prof/gro.cjs
        glue=bench/out/prof/gro.cjs
    fi
    step "profile.js"
    node --expose-gc bench/profile.js --glue "$glue" --cpu-prof
fi

# 3d. Timing.
step "timing (one Node process, every candidate, interleaved)"
if [ "$quick" = 1 ]; then
    node --expose-gc bench/run.js --count 20000 --rounds 3 --warmup 1 "${run_args[@]+"${run_args[@]}"}"
else
    node --expose-gc bench/run.js "${run_args[@]+"${run_args[@]}"}"
fi
