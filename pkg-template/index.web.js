// The entry for browsers and bundlers (Vite, webpack 5, a plain <script type="module">): fetches
// and instantiates the .wasm beside web/graph_record_operation.js with a top-level await, so the
// exports are ready on import; no init call. Bundlers see `new URL('…_bg.wasm', import.meta.url)`
// inside it and emit the .wasm as an asset.
import init, { __EXPORTS__ } from './web/graph_record_operation.js';
import { guardLifecycle } from './lifecycle.js';

await init();
guardLifecycle([RecordOperation, ResultInfo, OperationTracker]);

export { __EXPORTS__ };
