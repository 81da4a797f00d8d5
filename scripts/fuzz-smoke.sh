#!/usr/bin/env bash
# A short fuzzing smoke run (about a minute in all, plus the first build) so a regression shows in
# CI: installs cargo-fuzz if it is missing, seeds each target from the test cases, and runs every
# target for FUZZ_SECONDS seconds (default 12). Fails when any target finds a crash; the reproducer
# is then in fuzz/artifacts/<target>/. The long runs are documented in fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-12}"
targets=(parse_any validate_lenient validate_strict roundtrip)

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

bash fuzz/make-seeds.sh >/dev/null

cd fuzz
cargo +nightly fuzz build
mkdir -p logs
for target in "${targets[@]}"; do
  echo "fuzz smoke: $target for ${seconds}s"
  status=0
  cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -dict=json.dict -max_len=65536 -print_final_stats=1 \
    >"logs/$target.log" 2>&1 || status=$?
  grep -E '^stat::number_of_executed_units|ERROR|panicked|SUMMARY' "logs/$target.log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 40 "logs/$target.log"
    echo "fuzz smoke: $target FAILED (reproducer in fuzz/artifacts/$target, log in fuzz/logs)"
    exit 1
  fi
done
echo "fuzz smoke: all targets ran clean"
