// Node's ESM entry: the CommonJS build re-exported, so `import` and `require` load one instance.
import wasm from './index.node.cjs';

export const { __EXPORTS__ } = wasm;
