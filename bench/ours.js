// Loads the built package (../pkg, or GRO_PKG=<dir>) the way a Node user would: require() of the
// package directory, falling back to import() of its ESM entry.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const PKG_DIR = resolve(process.env.GRO_PKG ?? join(here, '..', 'pkg'));

/** `{ api, version, dir }`, or `{ api: null, reason }` when the package is not built. */
export async function loadOurs() {
  const manifest = join(PKG_DIR, 'package.json');
  if (!existsSync(manifest)) return { api: null, reason: `${PKG_DIR}/package.json not found (run bash scripts/build-package.sh)` };
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  let api;
  try {
    api = createRequire(import.meta.url)(PKG_DIR);
  } catch (requireError) {
    const entry = pickEntry(pkg);
    if (!entry) return { api: null, reason: `cannot load ${PKG_DIR}: ${requireError.message}` };
    api = await import(pathToFileURL(join(PKG_DIR, entry)).href);
  }
  for (const name of ['validate', 'parseAny', 'RecordOperation', 'isRecordOperationError']) {
    if (!(name in api)) return { api: null, reason: `${PKG_DIR} does not export ${name}` };
  }
  return { api, version: pkg.version, name: pkg.name, dir: PKG_DIR, pkg };
}

function pickEntry(pkg) {
  const dot = pkg.exports?.['.'] ?? pkg.exports;
  const walk = (e) => {
    if (typeof e === 'string') return e;
    if (!e || typeof e !== 'object') return null;
    for (const key of ['node', 'import', 'default', 'require']) if (e[key]) { const r = walk(e[key]); if (r) return r; }
    return null;
  };
  return walk(dot) ?? pkg.module ?? pkg.main ?? null;
}
