#!/usr/bin/env bash
# Builds the npm package into pkg/ (gitignored) from ONE release build of the crate:
#
#   cargo build --release --target wasm32-unknown-unknown --lib
#     -> wasm-bindgen --target nodejs   (CommonJS; Node's require and import share this instance)
#     -> wasm-bindgen --target web      (ES module; pkg-template/index.web.js awaits init at top level)
#     -> wasm-opt -O3 --converge --low-memory-unused on each .wasm (binaryen from the root node_modules)
#     -> pkg/ assembled from pkg-template/ (package.json gets the version from Cargo.toml), plus
#        node/utf16_to_utf8.wasm assembled from src/bindings/utf16_to_utf8.wat (wasm-as)
#
# Needs what scripts/setup.sh installs. Takes about a minute from clean, seconds when cached.
# Environment: SKIP_WASM_OPT=1 skips wasm-opt (faster local iterations; never for a release).
#   PKG_OUT=dir and CARGO_FEATURES=...: another package from the same sources, e.g. the reference
#   package the tests check the real one against (scripts/build-reference.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$PATH"

crate=graph_record_operation
target_dir=${CARGO_TARGET_DIR:-$root/target}
work=$target_dir/pkg-build
out=${PKG_OUT:-$root/pkg}
features_args=()
[ -n "${CARGO_FEATURES:-}" ] && features_args=(--features "$CARGO_FEATURES")
wasm_opt=$root/node_modules/.bin/wasm-opt

step() { printf 'build-package: %s\n' "$*"; }

wanted=$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ -n "$wanted" ] && [ "$have" != "$wanted" ]; then
    echo "build-package: wasm-bindgen CLI is '${have:-missing}', Cargo.toml pins $wanted; run scripts/setup.sh" >&2
    exit 1
fi
[ -x "$wasm_opt" ] || { echo "build-package: $wasm_opt missing; run scripts/setup.sh (npm ci)" >&2; exit 1; }

# Never strip here: stripping drops the `target_features` section wasm-bindgen reads to use
# reference types (externref); wasm-bindgen removes the name and producers sections below instead.
step "cargo build --release --target wasm32-unknown-unknown --lib ${features_args[*]}"
CARGO_PROFILE_RELEASE_STRIP=false cargo build --release --target wasm32-unknown-unknown --lib "${features_args[@]+"${features_args[@]}"}"
input=$target_dir/wasm32-unknown-unknown/release/$crate.wasm

rm -rf "$work"
mkdir -p "$work"
# Weak references: wasm-bindgen 0.2.130 always emits the FinalizationRegistry code and uses it where
# the runtime has it (`--weak-refs` is a deprecated no-op there), so dropped instances are finalized.
step "wasm-bindgen --target nodejs"
wasm-bindgen --target nodejs --remove-name-section --remove-producers-section \
    --out-dir "$work/node" --out-name "$crate" "$input"
step "wasm-bindgen --target web"
wasm-bindgen --target web --remove-name-section --remove-producers-section \
    --out-dir "$work/web" --out-name "$crate" "$input"

# wasm-opt must be told the features the compiler used.
mapfile -t features < <(bash scripts/wasm-opt-features.sh)

for flavour in node web; do
    wasm=$work/$flavour/${crate}_bg.wasm
    if [ "${SKIP_WASM_OPT:-}" = 1 ]; then
        step "SKIP_WASM_OPT=1: not optimizing $flavour"
        continue
    fi
    before=$(stat -c %s "$wasm")
    # -O3 for speed (the readers are the hot path; -Os/-Oz are not used for that reason), repeated
    # until the module stops shrinking (--converge: the same passes, a little smaller).
    # --low-memory-unused: addresses below 1024 are never used (the stack sits first, in
    # [0, 1 MiB), growing down from 1 MiB), so constant pointer offsets fold into loads and stores:
    # 0.7 KB gzip less, validate/parse/parseAny no slower in an A/B.
    "$wasm_opt" -O3 --converge --low-memory-unused "${features[@]}" "$wasm" -o "$wasm.opt"
    mv "$wasm.opt" "$wasm"
    step "wasm-opt -O3 --converge --low-memory-unused $flavour: $before -> $(stat -c %s "$wasm") bytes"
done

step "assembling pkg/"
rm -rf "$out"
mkdir -p "$out/node" "$out/web"
# The nodejs build is CommonJS: .cjs, because the package is "type": "module".
for f in "$work/node"/*; do
    case "$f" in
        *.d.ts) ;;
        *.js) cp "$f" "$out/node/$(basename "${f%.js}").cjs" ;;
        *) cp -r "$f" "$out/node/" ;;
    esac
done
for f in "$work/web"/*; do
    case "$f" in
        *.d.ts) ;;
        *) cp -r "$f" "$out/web/" ;;
    esac
done
# One declaration file, from the nodejs build (no init function: the package needs none), as ESM
# (.d.ts) and CommonJS (.d.cts) declarations so TypeScript's node16 resolution sees the right format.
cp "$work/node/$crate.d.ts" "$out/$crate.d.ts"
cp "$work/node/$crate.d.ts" "$out/$crate.d.cts"

cp -r pkg-template/. "$out/"
# Node's UTF-16 to UTF-8 module (see the .wat): assembled with binaryen's wasm-as (SIMD).
"$root/node_modules/.bin/wasm-as" --enable-simd src/bindings/utf16_to_utf8.wat -o "$out/node/utf16_to_utf8.wasm"
[ -f pkg-template/style.css ] && cp pkg-template/style.css "$out/style.css"

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
# Fill the templates: the export names come from the built module itself, so the Node ESM entry,
# the browser entry and the .d.ts always list the same names.
node - "$out" "$version" "$crate" <<'EOF_NODE'
const fs = require('node:fs');
const path = require('node:path');
const [out, version, crate] = process.argv.slice(2);
// The lifecycle guard is written once, as an ES module (the browser entry imports it); Node 20's
// CommonJS entry cannot require ES modules, so it gets the same function as CommonJS.
const lifecycle = fs.readFileSync(path.join(out, 'lifecycle.js'), 'utf8');
if (!lifecycle.includes('export function guardLifecycle(')) throw new Error('lifecycle.js: no guardLifecycle export');
fs.writeFileSync(
  path.join(out, 'lifecycle.cjs'),
  `'use strict';\n${lifecycle.replace('export function guardLifecycle(', 'function guardLifecycle(')}\nmodule.exports = { guardLifecycle };\n`,
);
// The JS API over the plain exports, likewise: written once as an ES module, derived as CommonJS.
const api = fs.readFileSync(path.join(out, 'api.js'), 'utf8');
if (!api.includes('export function createApi(')) throw new Error('api.js: no createApi export');
fs.writeFileSync(
  path.join(out, 'api.cjs'),
  `'use strict';\n${api.replace('export function createApi(', 'function createApi(')}\nmodule.exports = { createApi };\n`,
);
// The export names are what the CommonJS entry really exports (the wasm-bindgen exports plus what
// api.js builds), so the Node ESM entry, the browser entry and the .d.ts always list the same names.
const names = Object.keys(require(path.join(out, 'index.node.cjs'))).sort();
for (const wanted of ['validate', 'parseAny', 'RecordOperation', 'ResultInfo', 'isRecordOperationError']) {
  if (!names.includes(wanted)) throw new Error(`index.node.cjs does not export ${wanted}`);
}
for (const file of ['index.node.mjs', 'index.web.js']) {
  const p = path.join(out, file);
  const text = fs.readFileSync(p, 'utf8');
  if (!text.includes('__EXPORTS__')) throw new Error(`${file}: no __EXPORTS__ placeholder`);
  fs.writeFileSync(p, text.replaceAll('__EXPORTS__', names.join(', ')));
}
const pj = path.join(out, 'package.json');
const pkg = JSON.parse(fs.readFileSync(pj, 'utf8'));
pkg.version = version;
if (!fs.existsSync(path.join(out, 'style.css'))) {
  delete pkg.exports['./style.css'];
  pkg.files = pkg.files.filter((f) => f !== 'style.css');
  pkg.sideEffects = pkg.sideEffects.filter((f) => !f.endsWith('style.css'));
}
fs.writeFileSync(pj, JSON.stringify(pkg, null, 2) + '\n');
console.log(`build-package: exports ${names.join(', ')}`);
EOF_NODE

# The shipped JavaScript without comments (readable otherwise; see the script).
node scripts/strip-comments.mjs "$out"/*.js "$out"/*.mjs "$out"/*.cjs "$out"/node/*.cjs "$out"/web/*.js

step "done: $out ($(du -sh "$out" | cut -f1)), version $version"
