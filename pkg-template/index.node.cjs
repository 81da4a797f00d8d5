'use strict';
// Node's CommonJS entry. index.node.mjs (Node's `import`) re-exports this very object, so `require`
// and `import` share one WebAssembly instance. The module is instantiated synchronously on load:
// no init call. `validate`, `parseAny`, `RecordOperation` and `ResultInfo` are built in JavaScript
// on the module's plain exports (api.js); the rest are the wasm-bindgen exports as they are.
const wasm = require('./node/graph_record_operation.cjs');
const { guardLifecycle } = require('./lifecycle.cjs');
const { createApi } = require('./api.cjs');

guardLifecycle([wasm.OperationTracker]);

const api = createApi(wasm);
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
