#!/usr/bin/env bash
# Builds the npm package and the demo page, then serves the page on 127.0.0.1 and prints its URL.
# `make demo` runs scripts/setup.sh first (installs what is missing), then this.
#
# Environment: PORT (default 8080; a taken port falls back to a free one), SKIP_WASM_OPT=1 for a
# faster, unoptimized package build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-package.sh
bash scripts/build-demo.sh
exec node www/serve.mjs www/dist --port "${PORT:-8080}"
