'use strict';
// Node's CommonJS entry. index.node.mjs (Node's `import`) re-exports this very object, so `require`
// and `import` share one WebAssembly instance. The module is instantiated synchronously on load:
// no init call.
const wasm = require('./node/graph_record_operation.cjs');
const { guardLifecycle } = require('./lifecycle.cjs');

guardLifecycle([wasm.RecordOperation, wasm.ResultInfo, wasm.OperationTracker]);

// `util.inspect` (console.log, the REPL) shows the summary of `toString()`, never the access token.
const inspect = Symbol.for('nodejs.util.inspect.custom');
const RecordOperation = wasm.RecordOperation;
if (typeof RecordOperation === 'function' && !Object.hasOwn(RecordOperation.prototype, inspect)) {
  Object.defineProperty(RecordOperation.prototype, inspect, {
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
}

module.exports = wasm;
