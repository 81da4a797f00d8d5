#!/usr/bin/env bash
# Assembles the demo page into a self-contained static folder (www/dist/, gitignored): the page,
# its script, stylesheet and samples, plus the browser files of the built npm package, exactly as
# a page without a bundler would use them. Any static server can serve the folder (it only needs
# `.wasm` as application/wasm), e.g. `node www/serve.mjs www/dist`.
#
# Needs the package in pkg/ (scripts/build-package.sh). Environment:
#   PKG_DIR   the built package (default pkg)
#   DEMO_OUT  the output folder (default www/dist)
set -euo pipefail
cd "$(dirname "$0")/.."

pkg=${PKG_DIR:-pkg}
out=${DEMO_OUT:-www/dist}

if [ ! -f "$pkg/package.json" ]; then
    echo "build-demo: no package in $pkg/; run scripts/build-package.sh first" >&2
    exit 1
fi

# The browser entry, from the package's own exports map (the condition a browser resolves).
entry=$(node - "$pkg/package.json" <<'EOF_NODE'
const fs = require('node:fs');
const pkg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const pick = (target) => {
  if (typeof target === 'string') return target;
  if (!target || typeof target !== 'object') return null;
  for (const condition of ['browser', 'import', 'default']) {
    if (condition in target) {
      const found = pick(target[condition]);
      if (found && !found.endsWith('.d.ts')) return found;
    }
  }
  return null;
};
const root = pkg.exports && (typeof pkg.exports === 'string' || !('.' in pkg.exports) ? pkg.exports : pkg.exports['.']);
const entry = pick(root) || pkg.browser || pkg.module;
if (!entry) throw new Error('package.json has no browser entry in exports["."]');
process.stdout.write(entry.replace(/^\.\//, ''));
EOF_NODE
)
[ -f "$pkg/$entry" ] || { echo "build-demo: browser entry $pkg/$entry missing" >&2; exit 1; }
[ -f "$pkg/style.css" ] || { echo "build-demo: $pkg/style.css missing (pkg-template/style.css)" >&2; exit 1; }

rm -rf "$out"
vendor=$out/vendor/graph-record-operation
mkdir -p "$vendor" "$out/samples"
cp www/index.html www/main.js www/demo.css www/favicon.svg "$out/"
cp www/samples/*.json "$out/samples/"
# The package's browser files: everything but the Node build, the CLI and the type declarations.
(cd "$pkg" && find . -type f \
    ! -path './node/*' ! -path './bin/*' ! -name 'index.node.*' ! -name '*.d.ts' ! -name '*.d.cts' \
    -print0) | while IFS= read -r -d '' file; do
    mkdir -p "$vendor/$(dirname "$file")"
    cp "$pkg/$file" "$vendor/$file"
done
printf "// Written by scripts/build-demo.sh: the package's browser entry (exports[\".\"]).\nexport * from './vendor/graph-record-operation/%s';\n" "$entry" >"$out/package-entry.js"

echo "build-demo: $out/ ($(du -sh "$out" | cut -f1)), package entry $entry"
