#!/usr/bin/env bash
# Prints, one per line, the wasm-opt flags for the WebAssembly features rustc enables for
# wasm32-unknown-unknown today: wasm-opt must be told what the compiler used, and that set
# changes between Rust releases. Used by build-package.sh and bench.sh.
set -euo pipefail
rustc --print cfg --target wasm32-unknown-unknown ${RUSTFLAGS:-} |
    sed -n 's/^target_feature="\(.*\)"$/\1/p' |
    while read -r feature; do
        case "$feature" in
            bulk-memory) printf '%s\n' --enable-bulk-memory --enable-bulk-memory-opt ;;
            bulk-memory-opt) printf '%s\n' --enable-bulk-memory-opt ;;
            call-indirect-overlong) printf '%s\n' --enable-call-indirect-overlong ;;
            multivalue) printf '%s\n' --enable-multivalue ;;
            mutable-globals) printf '%s\n' --enable-mutable-globals ;;
            nontrapping-fptoint) printf '%s\n' --enable-nontrapping-float-to-int ;;
            reference-types) printf '%s\n' --enable-reference-types --enable-call-indirect-overlong ;;
            sign-ext) printf '%s\n' --enable-sign-ext ;;
            simd128) printf '%s\n' --enable-simd ;;
            relaxed-simd) printf '%s\n' --enable-relaxed-simd ;;
            tail-call) printf '%s\n' --enable-tail-call ;;
            extended-const) printf '%s\n' --enable-extended-const ;;
            exception-handling) printf '%s\n' --enable-exception-handling ;;
            atomics) printf '%s\n' --enable-threads ;;
            multimemory) printf '%s\n' --enable-multimemory ;;
            *) printf 'wasm-opt-features: no wasm-opt flag known for target feature %s\n' "$feature" >&2 ;;
        esac
    done | sort -u
