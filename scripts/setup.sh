#!/usr/bin/env bash
# Installs what the build and tests need on a fresh machine, skipping what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
rustup component add rustfmt clippy >/dev/null 2>&1 || true
