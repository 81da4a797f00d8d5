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
 * copies strings in as UTF-16 and wasm turns them into UTF-8, faster than TextEncoder. It needs
 * WebAssembly SIMD; a Node without it keeps TextEncoder.
 */
function utf16ToUtf8Module() {
  let module;
  try {
    module = new WebAssembly.Module(readFileSync(join(__dirname, 'node', 'utf16_to_utf8.wasm')));
  } catch (error) {
    if (error instanceof WebAssembly.CompileError) return null;
    throw error;
  }
  return new WebAssembly.Instance(module, { gro: { memory: wasm.__groMemory() } }).exports;
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
