#!/usr/bin/env bash
# Packaging tests (tests/package/package.test.mjs, node's test runner): builds pkg/, packs it with
# `npm pack`, installs the tarball offline into throw-away projects under a temporary directory and
# uses it there as users do: Node ESM and CommonJS (one shared instance), a TypeScript consumer
# (tsc, moduleResolution bundler and node16), a Vite build, a webpack 5 build and a plain
# <script type="module"> page (each in headless Chromium via playwright-core), the README's
# examples (the package README and the repository README), the validate and track CLI through npx,
# publint and attw, and the golden .d.ts.
#
#   bash scripts/test-package.sh                 build pkg/, then test it (about 1-2 minutes)
#   SKIP_BUILD=1 bash scripts/test-package.sh    test the pkg/ already built
#   UPDATE_GOLDEN=1 bash scripts/test-package.sh accept a change of the TypeScript declarations
#   KEEP_TMP=1 ...                               keep the throw-away projects for a look
# Needs what scripts/setup.sh installs (chromium, the root node_modules).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SKIP_BUILD:-}" != 1 ]; then
    bash scripts/build-package.sh
fi
# The throw-away projects install from the tarball only; keep npm quiet and off the network.
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
node --test --test-reporter=spec --test-reporter-destination=stdout tests/package/package.test.mjs
