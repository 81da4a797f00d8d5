#!/usr/bin/env bash
# Builds the fuzzing seed corpus from the test cases: every bad-input corpus case up to 64 KiB
# (tests/corpus/bad-inputs.txt), the good payloads and valid payloads of every shape. Seeds go to
# fuzz/seeds/ (not committed); each target's working corpus (fuzz/corpus/<target>) starts from them.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf fuzz/seeds
FUZZ_SEED_DIR="$PWD/fuzz/seeds" cargo test --quiet --test corpus write_fuzz_seeds -- --ignored --nocapture
for target in parse_any validate_lenient validate_strict roundtrip; do
  mkdir -p "fuzz/corpus/$target"
  cp -n fuzz/seeds/* "fuzz/corpus/$target/" 2>/dev/null || true
done
echo "seeds: $(ls fuzz/seeds | wc -l) files in fuzz/seeds"
