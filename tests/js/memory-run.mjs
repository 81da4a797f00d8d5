// Child process of memory.test.mjs: parses COUNT payloads without calling free(), in batches of
// BATCH, letting the event loop turn (and collecting garbage, with --expose-gc and GC=1) between
// batches, and prints the wasm memory size after every batch as JSON on stdout.
//
//   node --expose-gc tests/js/memory-run.mjs                   (COUNT=1000000 BATCH=10000 GC=1)
//   FINALIZATION=off node --expose-gc tests/js/memory-run.mjs  no FinalizationRegistry
//   REFERENCE=1 …   the wasm-bindgen class the package is checked against (tests/js/fast-path),
//                   whose instances live in wasm memory: the control that growth is measurable
if (process.env.FINALIZATION === 'off') {
  // What a runtime without weak references gives: wasm-bindgen's glue then never frees.
  globalThis.FinalizationRegistry = undefined;
}
const { loadPackageWithMemory, PKG_DIR, REFERENCE_PKG_DIR } = await import('./helpers.mjs');
const { createRequire } = await import('node:module');
const { join } = await import('node:path');
const reference = process.env.REFERENCE === '1';
const { api, memory } = await loadPackageWithMemory(reference ? REFERENCE_PKG_DIR : PKG_DIR);
const RecordOperation = reference
  ? createRequire(import.meta.url)(join(REFERENCE_PKG_DIR, 'node', 'graph_record_operation.cjs')).RecordOperation
  : api.RecordOperation;

const count = Number(process.env.COUNT ?? 1_000_000);
const batch = Number(process.env.BATCH ?? 10_000);
const collect = process.env.GC !== '0' && typeof globalThis.gc === 'function';
const sizes = [];
const started = Date.now();
let seen = 0;
for (let done = 0; done < count; done += batch) {
  for (let i = done; i < Math.min(done + batch, count); i++) {
    const op = RecordOperation.parse(
      `{"id": "op-${i}", "status": "completed", "recordingAccessToken": "tok-${i}", "resultInfo": {"code": 200}, "x": [${i}, "${'e'.repeat(i % 64)}"]}`,
    );
    // Touch it, as a caller would; never free it.
    if (op.id === `op-${i}` && op.resultInfo.code === 200) seen++;
  }
  await new Promise((resolve) => setImmediate(resolve));
  if (collect) globalThis.gc();
  sizes.push(memory.buffer.byteLength);
}
process.stdout.write(JSON.stringify({ count, batch, seen, collect, ms: Date.now() - started, sizes }) + '\n');
