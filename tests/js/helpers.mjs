// Shared by the hardening tests in tests/js/ (run by scripts/test-js.sh with `node --test`).
// They use the built package in pkg/ (PKG_DIR overrides), through its own Node entry points, as
// users import it.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PKG_DIR = path.resolve(process.env.PKG_DIR ?? path.join(REPO, 'pkg'));
/**
 * The reference package (scripts/build-reference.sh): the same sources with the Rust-built
 * `validate`, `parseAny`, `RecordOperation` and `ResultInfo`, which the real package is checked against.
 */
export const REFERENCE_PKG_DIR = path.resolve(
  process.env.REFERENCE_PKG_DIR ?? path.join(REPO, 'target', 'pkg-reference'),
);

/** The package's Node ESM entry (what `import 'graph-record-operation'` loads in Node). */
export async function loadPackage(dir = PKG_DIR) {
  return import(pathToFileURL(path.join(dir, 'index.node.mjs')).href);
}

/**
 * Loads the package and returns `{ api, memory, utf16 }`, where `memory` is the module's
 * `WebAssembly.Memory` and `utf16` the exports of the UTF-16 to UTF-8 module the Node entry
 * instantiates on it (null when it did not). The nodejs glue keeps its instance private, so
 * `WebAssembly.Instance` is watched while the package loads (and only then): the instances it
 * creates are the package's.
 */
export async function loadPackageWithMemory(dir = PKG_DIR) {
  const Original = WebAssembly.Instance;
  const instances = [];
  WebAssembly.Instance = new Proxy(Original, {
    construct(target, args, newTarget) {
      const instance = Reflect.construct(target, args, newTarget);
      instances.push(instance);
      return instance;
    },
  });
  let api;
  try {
    api = await loadPackage(dir);
  } finally {
    WebAssembly.Instance = Original;
  }
  // The package's module, and in Node the UTF-16 to UTF-8 module that imports its memory.
  const main = instances.filter((instance) => 'memory' in instance.exports);
  if (main.length !== 1) throw new Error(`expected one wasm instance with a memory, saw ${main.length}`);
  const memory = main[0].exports.memory;
  if (!(memory instanceof WebAssembly.Memory)) throw new Error('the instance exports no memory');
  const utf16 = instances.find((instance) => 'utf16ToUtf8' in instance.exports)?.exports ?? null;
  return { api, memory, utf16 };
}

/**
 * Headless Chromium (playwright-core, Debian's binary) with a fresh profile; `close()` cleans up.
 * Loaded only when called: the memory control run removes FinalizationRegistry, which
 * playwright-core's own dependencies need at load time.
 */
export async function launchChromium(options) {
  const shared = await import('../support/chromium.mjs');
  return shared.launchChromium(options);
}
