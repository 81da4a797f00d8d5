'use strict';
// Node's CommonJS entry. index.node.mjs (Node's `import`) re-exports this very object, so `require`
// and `import` share one WebAssembly instance. The module is instantiated synchronously on load:
// no init call. `validate`, `parseAny`, `RecordOperation` and `ResultInfo` are built in JavaScript
// on the module's plain exports (api.js); the rest are the wasm-bindgen exports as they are.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const wasm = require('./node/graph_record_operation.cjs');
const { guardLifecycle } = require('./lifecycle.cjs');
const { createApi } = require('./api.cjs');

guardLifecycle([wasm.OperationTracker]);

/**
 * The UTF-16 to UTF-8 module (src/bindings/utf16_to_utf8.wat) on the main module's memory: Node
 * copies strings in as UTF-16 and wasm turns them into UTF-8, faster than TextEncoder. It is only
 * a speed-up: without it (no WebAssembly SIMD, or a bundler that did not copy the file) strings go
 * through TextEncoder. tests/js/utf16.test.mjs checks that the package's own entry has it.
 */
function utf16ToUtf8Module() {
  try {
    const module = new WebAssembly.Module(readFileSync(join(__dirname, 'node', 'utf16_to_utf8.wasm')));
    return new WebAssembly.Instance(module, { gro: { memory: wasm.__groMemory() } }).exports;
  } catch {
    return null;
  }
}

const api = createApi(wasm, utf16ToUtf8Module());
const exported = {};
for (const name of Object.keys(wasm)) {
  if (!name.startsWith('__')) exported[name] = wasm[name];
}
Object.assign(exported, api);

// `util.inspect` (console.log, the REPL) shows the summary of `toString()`, never the access token.
const inspect = Symbol.for('nodejs.util.inspect.custom');
Object.defineProperty(api.RecordOperation.prototype, inspect, {
  configurable: true,
  writable: true,
  value: function inspectRecordOperation() {
    try {
      return this.toString();
    } catch {
      return 'RecordOperation <freed>';
    }
  },
});

module.exports = exported;
