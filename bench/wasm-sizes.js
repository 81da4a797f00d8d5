// Which functions make the .wasm big: code size per function (names from a build that kept the
// name section, e.g. bench/out/prof/gro_bg.wasm from `scripts/bench.sh --profile`), grouped by crate.
//   node wasm-sizes.js path/to/module.wasm [top N]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [file, topArg] = process.argv.slice(2);
const bytes = readFileSync(file);
let pos = 8;
const u32 = () => { let r = 0, s = 0, b; do { b = bytes[pos++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
const sections = [];
let importedFuncs = 0;
const bodies = [];
const names = new Map();
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = u32();
  const start = pos;
  sections.push({ id, size });
  if (id === 2) { // imports: count functions
    const n = u32();
    for (let i = 0; i < n; i++) {
      const ml = u32(); pos += ml; const nl = u32(); pos += nl;
      const kind = bytes[pos++];
      if (kind === 0) { u32(); importedFuncs++; } else if (kind === 1) { pos++; const f = u32(); u32(); if (f & 1) u32(); } else if (kind === 2) { const f = u32(); u32(); if (f & 1) u32(); } else if (kind === 3) { pos += 2; }
    }
  } else if (id === 10) {
    const n = u32();
    for (let i = 0; i < n; i++) { const sz = u32(); bodies.push({ index: importedFuncs + i, size: sz, body: bytes.subarray(pos, pos + sz) }); pos += sz; }
  } else if (id === 0) {
    const nl = u32(); const name = bytes.subarray(pos, pos + nl).toString(); pos += nl;
    if (name === 'name') {
      while (pos < start + size) {
        const sub = bytes[pos++]; const ssz = u32(); const sstart = pos;
        if (sub === 1) { const n = u32(); for (let i = 0; i < n; i++) { const idx = u32(); const l = u32(); names.set(idx, bytes.subarray(pos, pos + l).toString()); pos += l; } }
        pos = sstart + ssz;
      }
    }
  }
  pos = start + size;
}
const sectionNames = { 0: 'custom', 1: 'type', 2: 'import', 3: 'function', 5: 'memory', 6: 'global', 7: 'export', 9: 'element', 10: 'code', 11: 'data', 12: 'datacount' };
console.log(`${file}: ${bytes.length} bytes; sections: ${sections.map((s) => `${sectionNames[s.id] ?? s.id} ${s.size}`).join(', ')}`);
const demangle = (n) => {
  const m = /^_ZN(.*)E$/.exec(n); if (!m) return n;
  const parts = []; let r = m[1];
  while (r.length) { const l = /^(\d+)/.exec(r); if (!l) break; const k = Number(l[1]); parts.push(r.slice(l[1].length, l[1].length + k)); r = r.slice(l[1].length + k); }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  return parts.join('::').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ').replace(/\$RF\$/g, '&').replace(/\.\./g, '::');
};
// The first match decides: the tracker and the request checker before the bindings (their JS
// classes and shims are named after them), the renderer by its module and web-sys.
const group = (n) => {
  if (/tracker|OperationTracker|operationtracker/.test(n)) return 'tracker (core and bindings)';
  if (/request|RecordResponse|recordResponseRequest|BodyReader/.test(n)) return 'recordResponse request checker (core and bindings)';
  if (/bindings::render|web_sys|renderRecordOperation/.test(n)) return 'renderer (bindings::render, web-sys)';
  if (/bindings|wasm_bindgen|js_sys|externref|__wbindgen|__wbg|Closure|closure/.test(n)) return 'bindings, wasm-bindgen, js-sys, closures';
  if (/core::fmt|alloc::fmt|fmt::|Display|Debug|format/.test(n)) return 'formatting (core::fmt)';
  if (/dlmalloc|alloc::|RawVec|raw_vec|__rust_|__rdl|memcpy|memmove|memset|memcmp|drop_in_place|hashbrown|HashSet|HashMap/.test(n)) return 'allocator, collections, mem*';
  if (/graph_record_operation::(write|model)/.test(n)) return 'core: writer, model';
  if (/graph_record_operation/.test(n)) return 'core: reading, issues';
  if (/core::|std::|alloc::|compiler_builtins/.test(n)) return 'std, core, compiler_builtins (other)';
  return 'unnamed or other';
};
const groups = new Map();
const rows = bodies.map((b) => ({ ...b, name: demangle(names.get(b.index) ?? `func${b.index}`) }));
for (const r of rows) { const g = group(r.name); const e = groups.get(g) ?? { size: 0, n: 0, parts: [] }; e.size += r.size; e.n++; e.parts.push(r.body); groups.set(g, e); }
const codeTotal = rows.reduce((a, r) => a + r.size, 0);
console.log(`\ncode: ${codeTotal} bytes in ${rows.length} functions; by group (raw code bytes, gzip of the group alone):`);
for (const [g, e] of [...groups].sort((a, b) => b[1].size - a[1].size)) console.log(`${String(e.size).padStart(8)} ${String(gzipSync(Buffer.concat(e.parts), { level: 9 }).length).padStart(7)}  ${String(e.n).padStart(4)} fns  ${g}`);
const dataSec = sections.find((s) => s.id === 11);
if (dataSec) console.log(`data section (string constants: messages, panic locations, tables): ${dataSec.size} bytes`);
console.log(`\nlargest functions:`);
for (const r of rows.sort((a, b) => b.size - a.size).slice(0, Number(topArg ?? 20))) console.log(`${String(r.size).padStart(8)}  ${r.name.slice(0, 120)}`);
