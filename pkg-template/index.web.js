// The entry for browsers and bundlers (Vite, webpack 5, a plain <script type="module">): fetches
// and instantiates the .wasm beside web/graph_record_operation.js with a top-level await, so the
// exports are ready on import; no init call. Bundlers see `new URL('…_bg.wasm', import.meta.url)`
// inside it and emit the .wasm as an asset. `validate`, `parseAny`, `RecordOperation` and
// `ResultInfo` are built in JavaScript on the module's plain exports (api.js).
import init, * as glue from './web/graph_record_operation.js';
import { guardLifecycle } from './lifecycle.js';
import { createApi } from './api.js';

await init();
guardLifecycle([glue.OperationTracker]);

export const { __EXPORTS__ } = { ...glue, ...createApi(glue) };
