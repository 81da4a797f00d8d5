#!/usr/bin/env bash
# The browser tests of the demo page and the package's renderer: builds www/dist from the package in
# pkg/ (building the package first when there is none), then runs tests/demo/ with `node --test` in
# Debian's Chromium (/usr/bin/chromium, through playwright-core; never a downloaded browser).
# Screenshots go to test-output/demo/.
#
# Environment: PKG_DIR (default pkg), CHROMIUM_PATH (default /usr/bin/chromium),
# BUILD_PACKAGE=1 rebuilds pkg/ even when it exists.
set -euo pipefail
cd "$(dirname "$0")/.."

pkg=${PKG_DIR:-pkg}
if [ "${BUILD_PACKAGE:-}" = 1 ] || [ ! -f "$pkg/package.json" ]; then
    bash scripts/build-package.sh
fi
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || {
    echo "test-demo: ${CHROMIUM_PATH:-/usr/bin/chromium} missing; run scripts/setup.sh" >&2
    exit 1
}
[ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] || {
    echo "test-demo: node_modules/playwright-core or axe-core missing; run scripts/setup.sh" >&2
    exit 1
}
bash scripts/build-demo.sh
node --test --test-concurrency=1 tests/demo/*.test.mjs
