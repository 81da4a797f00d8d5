// Lifecycle of the classes whose instances live in WebAssembly memory. After `free()` (or the end
// of a `using` block), wasm-bindgen's glue hands wasm a zeroed pointer, which throws "null pointer
// passed to rust" and makes a second `free()` throw too. Say what happened instead, and let
// `free()` and `[Symbol.dispose]()` be called more than once. (`__wbg_ptr` is wasm-bindgen's field
// for the instance's pointer; the version is pinned in Cargo.toml.)
export function guardLifecycle(classes) {
  for (const Class of classes) {
    if (typeof Class !== 'function') continue;
    const proto = Class.prototype;
    const freed = () =>
      new Error(`graph-record-operation: this ${Class.name} was freed (free() or the end of a using block); read the payload again to use it`);
    for (const key of Reflect.ownKeys(proto)) {
      if (key === 'constructor' || key === 'free' || key === Symbol.dispose) continue;
      if (typeof key === 'symbol') continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      if (typeof descriptor.get === 'function') {
        const get = descriptor.get;
        descriptor.get = function () {
          if (this.__wbg_ptr === 0) throw freed();
          return get.call(this);
        };
      } else if (typeof descriptor.value === 'function') {
        const method = descriptor.value;
        descriptor.value = function (...args) {
          if (this.__wbg_ptr === 0) throw freed();
          return method.apply(this, args);
        };
      } else {
        continue;
      }
      Object.defineProperty(proto, key, descriptor);
    }
    const release = proto.free;
    if (typeof release !== 'function') continue;
    const freeOnce = function free() {
      if (this.__wbg_ptr !== 0) release.call(this);
    };
    Object.defineProperty(proto, 'free', { value: freeOnce, writable: true, configurable: true });
    if (typeof Symbol.dispose === 'symbol') {
      Object.defineProperty(proto, Symbol.dispose, { value: freeOnce, writable: true, configurable: true });
    }
  }
}
