// Where our time goes: per-call costs of the bindings, measured on the benchmark's own payloads.
//
//   node --expose-gc profile.js [--glue path/to/glue.cjs|js] [--count N] [--cpu-prof]
//
// By default it loads ../pkg/node/graph_record_operation.cjs. For readable wasm function names in
// the CPU profile, bench.sh --profile builds a copy with the name section kept (bench/out/prof/) from
// the same release build (target/wasm32-unknown-unknown/release) and passes it with --glue.
//
// It hooks WebAssembly.Instance to count every wasm->JS import call per API call and to reach the
// module's memory, then measures the pieces separately: the text copy (TextEncoder.encodeInto into
// wasm memory), building the result objects in JS, the import calls, and a CPU profile split into
// core parsing, issue reporting, allocation, glue and GC.
import { createRequire } from 'node:module';
import { Session } from 'node:inspector';
import { writeFileSync, mkdirSync, existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { singlePayloads, collectionPayload } from './generate.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const opt = (name, fallback) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : fallback; };
const GLUE = resolve(opt('glue', join(here, '..', 'pkg', 'node', 'graph_record_operation.cjs')));
const COUNT = Number(opt('count', 20_000));
const CPU_PROF = argv.includes('--cpu-prof');
const gc = globalThis.gc ?? (() => {});

// --- Hook instantiation: count import calls, keep the exports ------------------------------------
const counts = new Map();
let counting = false;
let exportsOfWasm = null;
const OriginalInstance = WebAssembly.Instance;
WebAssembly.Instance = function (module, imports) {
  for (const ns of Object.values(imports)) {
    for (const [name, fn] of Object.entries(ns)) {
      if (typeof fn !== 'function') continue;
      const short = name.replace(/_[0-9a-f]{16}$/, '');
      ns[name] = function (...args) {
        if (counting) counts.set(short, (counts.get(short) ?? 0) + 1);
        return fn.apply(this, args);
      };
    }
  }
  const instance = new OriginalInstance(module, imports);
  exportsOfWasm = instance.exports;
  return instance;
};
// The package's API over a wasm-bindgen glue module: `validate`, `parseAny` and `RecordOperation`
// are built in JavaScript (the package's api.cjs) on the glue's plain exports, as its entry does.
const { createApi } = require(join(here, '..', 'pkg', 'api.cjs'));
const withApi = (glue) => ({ ...glue, ...createApi(glue) });
const api = withApi(require(GLUE));
WebAssembly.Instance = OriginalInstance;
const memory = exportsOfWasm.memory;

// A second, unhooked instance for timing (the hook's wrappers would add their own cost).
const apiClean = (() => {
  const path = require.resolve(GLUE);
  delete require.cache[path];
  return withApi(require(path));
})();

// --- Data ---------------------------------------------------------------------------------------
const single = singlePayloads(COUNT);
const texts = single.texts;
const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);

// Process CPU time (user + system), not wall time: other processes competing for the two cores
// preempt us without being counted. GC helper threads are counted.
function timeNs(fn, reps = 5) {
  const samples = [];
  for (let r = 0; r < reps; r++) {
    gc();
    const start = process.cpuUsage();
    fn();
    const d = process.cpuUsage(start);
    samples.push((d.user + d.system) * 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}
const perCall = (ns, n = texts.length) => ns / n;
let sink = 0;
const results = {};
const report = (key, ns, note = '') => {
  results[key] = Math.round(ns);
  console.log(`${key.padEnd(58)} ${ns.toFixed(0).padStart(7)} ns${note ? '  ' + note : ''}`);
};

console.log(`glue: ${GLUE}`);
console.log(`${texts.length} payloads, mean ${(bytes / texts.length).toFixed(0)} bytes\n`);

// Warm up everything first.
for (let w = 0; w < 3; w++) for (const t of texts) { sink += apiClean.validate(t).valid ? 1 : 0; sink += JSON.parse(t) ? 1 : 0; }

// --- 1. Whole calls -------------------------------------------------------------------------------
console.log('## whole calls (median of 5 passes, CPU time per payload)');
const tParse = perCall(timeNs(() => { for (const t of texts) sink += JSON.parse(t) ? 1 : 0; }));
report('JSON.parse', tParse);
const tValidate = perCall(timeNs(() => { for (const t of texts) sink += apiClean.validate(t).valid ? 1 : 0; }));
report('ours validate(text)', tValidate);
const tOp = perCall(timeNs(() => {
  for (const t of texts) {
    try { const op = apiClean.RecordOperation.parse(t); const info = op.resultInfo; sink += (op.status ? 1 : 0) + (op.id ? 1 : 0) + (info?.code ?? 0); info?.free?.(); op.free(); } catch { sink++; }
  }
}));
report('ours RecordOperation.parse + 3 getters + free', tOp);
const valid = texts.filter((_, i) => single.expected[i]);
const tOpOnly = perCall(timeNs(() => { for (const t of valid) { const op = apiClean.RecordOperation.parse(t); op.free(); } }), valid.length);
report('  parse + free only (valid payloads)', tOpOnly);
const ops = valid.map((t) => apiClean.RecordOperation.parse(t));
const tStatus = perCall(timeNs(() => { for (const op of ops) sink += op.status ? 1 : 0; }), ops.length);
report('  getter status', tStatus);
const tId = perCall(timeNs(() => { for (const op of ops) sink += op.id ? 1 : 0; }), ops.length);
report('  getter id', tId);
const tInfo = perCall(timeNs(() => { for (const op of ops) { const i = op.resultInfo; sink += i?.code ?? 0; i?.free?.(); } }), ops.length);
report('  getter resultInfo (+ .code, free)', tInfo);
for (const op of ops) op.free();
const invalid = texts.filter((_, i) => !single.expected[i]);
const tThrow = perCall(timeNs(() => { for (const t of invalid) { try { apiClean.RecordOperation.parse(t); } catch (e) { sink += e.issues.length; } } }), invalid.length);
report('  parse that throws (invalid payloads)', tThrow);

// --- 2. Pieces -----------------------------------------------------------------------------------
console.log('\n## pieces of validate (per payload)');
// Text copy as the bindings do it: encodeInto a view of wasm memory, 3 bytes per UTF-16 unit.
const encoder = new TextEncoder();
const scratch = 1 << 20; // an address inside wasm memory far from live data is not needed: we only write
const maxLen = Math.max(...texts.map((t) => t.length)) * 3;
const view = () => new Uint8Array(memory.buffer, memory.buffer.byteLength - maxLen, maxLen);
const tEncode = perCall(timeNs(() => { const v = view(); for (const t of texts) sink += encoder.encodeInto(t, v).written; }));
report('TextEncoder.encodeInto into wasm memory', tEncode);
const tWellFormed = perCall(timeNs(() => { for (const t of texts) sink += t.isWellFormed() ? 1 : 0; }));
report('String.prototype.isWellFormed', tWellFormed);
const tNewView = perCall(timeNs(() => { for (let i = 0; i < texts.length; i++) sink += new Uint8Array(memory.buffer, 1024, maxLen).length; }));
report('new Uint8Array view per call (as Uint8Array::view_mut_raw)', tNewView);
// Naive &str passing: wasm-bindgen's passStringToWasm0 loop over char codes (ASCII fast path).
function naiveCopy(arg, mem) {
  let offset = 0;
  for (; offset < arg.length; offset++) { const code = arg.charCodeAt(offset); if (code > 0x7f) break; mem[offset] = code; }
  if (offset !== arg.length) offset += encoder.encodeInto(arg.slice(offset), mem.subarray(offset)).written;
  return offset;
}
const tNaive = perCall(timeNs(() => { const v = view(); for (const t of texts) sink += naiveCopy(t, v); }));
report('wasm-bindgen &str copy (charCodeAt loop, for comparison)', tNaive);

// Issues per payload, and what building the same result objects costs in plain JS.
const verdicts = texts.map((t) => apiClean.validate(t));
const issuesPer = verdicts.reduce((a, v) => a + v.errors.length + v.warnings.length, 0) / texts.length;
const withoutIssues = texts.filter((_, i) => verdicts[i].errors.length + verdicts[i].warnings.length === 0);
console.log(`issues per payload: ${issuesPer.toFixed(2)} (${withoutIssues.length} of ${texts.length} payloads have none)`);
const codeNames = verdicts.flatMap((v) => [...v.errors, ...v.warnings]).reduce((m, i) => m.set(i.code, (m.get(i.code) ?? 0) + 1), new Map());
console.log(`issue codes: ${[...codeNames].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${(n / texts.length).toFixed(2)}`).join(', ')}`);
const flat = verdicts.map((v) => ({ valid: v.valid, errors: v.errors.map((i) => [i.path, i.code, i.severity, i.message, i.line, i.column]), warnings: v.warnings.map((i) => [i.path, i.code, i.severity, i.message, i.line, i.column]) }));
const build = (i) => ({ path: i[0], code: i[1], severity: i[2], message: i[3], line: i[4], column: i[5] });
const tBuild = perCall(timeNs(() => { for (const f of flat) { const o = { valid: f.valid, errors: f.errors.map(build), warnings: f.warnings.map(build) }; sink += o.errors.length; } }));
report('JS: build the same result objects (strings already exist)', tBuild);
const decoder = new TextDecoder();
const msgBytes = flat.map((f) => [...f.errors, ...f.warnings].map((i) => [encoder.encode(i[0]), encoder.encode(i[3])]));
const tDecode = perCall(timeNs(() => { for (const m of msgBytes) for (const [p, s] of m) sink += decoder.decode(p).length + decoder.decode(s).length; }));
report('JS: TextDecoder.decode of each path and message', tDecode);
const tNoIssues = perCall(timeNs(() => { for (const t of withoutIssues) sink += apiClean.validate(t).valid ? 1 : 0; }), withoutIssues.length);
const tNoIssuesParse = perCall(timeNs(() => { for (const t of withoutIssues) sink += JSON.parse(t) ? 1 : 0; }), withoutIssues.length);
report('ours validate, payloads with no issue', tNoIssues, `(JSON.parse of the same: ${tNoIssuesParse.toFixed(0)} ns)`);
const withIssues = texts.filter((_, i) => verdicts[i].errors.length + verdicts[i].warnings.length > 0);
const issuesOfThose = withIssues.reduce((a, t) => { const v = apiClean.validate(t); return a + v.errors.length + v.warnings.length; }, 0) / withIssues.length;
const tIssues = perCall(timeNs(() => { for (const t of withIssues) sink += apiClean.validate(t).valid ? 1 : 0; }), withIssues.length);
const tIssuesParse = perCall(timeNs(() => { for (const t of withIssues) sink += JSON.parse(t) ? 1 : 0; }), withIssues.length);
report('ours validate, payloads with issues', tIssues, `(${issuesOfThose.toFixed(2)} issues each; JSON.parse of the same: ${tIssuesParse.toFixed(0)} ns)`);
const tinyText = '{"id":"x","status":"running"}';
const tTiny = timeNs(() => { for (let i = 0; i < 100_000; i++) sink += apiClean.validate(tinyText).valid ? 1 : 0; }) / 100_000;
report('ours validate of a 29-byte payload without issues (fixed cost)', tTiny);

// --- 3. Import calls per API call ----------------------------------------------------------------
console.log('\n## wasm->JS import calls per API call (hooked instance)');
function countCalls(label, fn, n) {
  counts.clear(); counting = true; fn(); counting = false;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k.replace(/^__wbg_/, '')} ${(v / n).toFixed(1)}`).join(', ');
  console.log(`${label.padEnd(40)} ${(total / n).toFixed(1)} calls: ${top}`);
  results[`imports: ${label}`] = Math.round((total / n) * 10) / 10;
}
countCalls('validate', () => { for (const t of texts) api.validate(t); }, texts.length);
countCalls('validate, no issues', () => { for (const t of withoutIssues) api.validate(t); }, withoutIssues.length);
countCalls('RecordOperation.parse + free (valid)', () => { for (const t of valid) api.RecordOperation.parse(t).free(); }, valid.length);
countCalls('RecordOperation.parse (invalid, throws)', () => { for (const t of invalid) { try { api.RecordOperation.parse(t); } catch { /* counted */ } } }, invalid.length);
const opsH = valid.slice(0, 2000).map((t) => api.RecordOperation.parse(t));
countCalls('getters status + id + resultInfo.code', () => { for (const op of opsH) { sink += op.status ? 1 : 0; sink += op.id ? 1 : 0; const i = op.resultInfo; sink += i?.code ?? 0; i?.free?.(); } }, opsH.length);
for (const op of opsH) op.free();
// Cost of one Reflect.set import call as the glue does it (handleError + arguments + closure).
function handleError(f, args) { try { return f.apply(this, args); } catch (e) { return e; } }
const setLikeGlue = function () { return handleError(function (a, b, c) { return Reflect.set(a, b, c); }, arguments); };
const tSetGlue = timeNs(() => { for (let i = 0; i < 1_000_000; i++) { const o = {}; setLikeGlue(o, 'path', i); sink += o.path; } }) / 1e6;
const tSetPlain = timeNs(() => { for (let i = 0; i < 1_000_000; i++) { const o = {}; o.path = i; sink += o.path; } }) / 1e6;
report('JS: one Reflect.set through the glue\'s handleError wrapper', tSetGlue, `(plain property store: ${tSetPlain.toFixed(1)} ns; plus the wasm->JS transition and a key string)`);

// --- 4. parseAny scaling (B) -----------------------------------------------------------------------
console.log('\n## parseAny on collections of growing size');
const scaling = [];
for (const n of [625, 1250, 2500, 5000, 10000]) {
  const c = collectionPayload(n);
  const ns = timeNs(() => { const any = apiClean.parseAny(c.text); for (const e of any.operations) e.operation.free(); sink += any.errors.length; }, 3);
  const nsParse = timeNs(() => { sink += JSON.parse(c.text).value.length; }, 3);
  scaling.push({ items: n, msTotal: ns / 1e6, nsPerItem: ns / n, jsonParseNsPerItem: nsParse / n });
  console.log(`${String(n).padStart(6)} items: ${(ns / 1e6).toFixed(1).padStart(8)} ms, ${(ns / n).toFixed(0).padStart(7)} ns/item (JSON.parse ${(nsParse / n).toFixed(0)} ns/item)`);
}
results.parseAnyScaling = scaling;
{
  const c = collectionPayload(2500);
  countCalls('parseAny, per item (2,500 items)', () => { const any = api.parseAny(c.text); for (const e of any.operations) e.operation.free(); }, 2500);
}

// --- 4b. The crate's core alone, without wasm-bindgen (bench/core: plain exports, integers only) ---
const PROBE = join(here, 'out', 'core-probe.wasm');
if (existsSync(PROBE)) {
  console.log('\n## the core alone: text copied with encodeInto into a persistent wasm buffer, one call, a number back');
  const module = new WebAssembly.Module(readFileSync(PROBE));
  const stubs = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    stubs[imp.module] ??= {};
    stubs[imp.module][imp.name] = () => { throw new Error(`probe: ${imp.name} called`); };
  }
  const probe = new WebAssembly.Instance(module, stubs).exports;
  let cap = 0, ptr = 0, mem = null;
  const put = (text) => {
    const need = text.length * 3;
    if (need > cap) { cap = Math.max(need, 1 << 16); ptr = probe.probe_input_buffer(cap); mem = null; }
    if (mem === null || mem.buffer !== probe.memory.buffer) mem = new Uint8Array(probe.memory.buffer, ptr, cap);
    return encoder.encodeInto(text, mem).written;
  };
  let bad = 0;
  for (const t of texts) if (!(probe.probe_validate(put(t)) & 1)) bad++;
  const expectedBad = single.expected.length - single.expected.reduce((a, b) => a + b, 0);
  if (bad !== expectedBad) console.log(`probe: ${bad} invalid, expected ${expectedBad}`);
  const tCopyOnly = perCall(timeNs(() => { for (const t of texts) sink += put(t); }));
  report('copy only (encodeInto into the persistent buffer)', tCopyOnly);
  const tCoreValidate = perCall(timeNs(() => { for (const t of texts) sink += probe.probe_validate(put(t)); }));
  report('copy + validate_bytes (issues with messages, positions)', tCoreValidate, `= ${(tParse / tCoreValidate).toFixed(2)}× JSON.parse speed`);
  const tCoreParse = perCall(timeNs(() => { for (const t of texts) sink += probe.probe_parse(put(t)); }));
  report('copy + RecordOperation::parse_bytes + into_owned', tCoreParse);
  const tNoIssueCore = perCall(timeNs(() => { for (const t of withoutIssues) sink += probe.probe_validate(put(t)); }), withoutIssues.length);
  report('copy + validate_bytes, payloads with no issue', tNoIssueCore, `(JSON.parse ${tNoIssuesParse.toFixed(0)} ns)`);
  const tIssueCore = perCall(timeNs(() => { for (const t of withIssues) sink += probe.probe_validate(put(t)); }), withIssues.length);
  report('copy + validate_bytes, payloads with issues', tIssueCore, `(JSON.parse ${tIssuesParse.toFixed(0)} ns)`);
  const c = collectionPayload(10000);
  const tAny = timeNs(() => { sink += probe.probe_parse_any(put(c.text)); }, 7);
  const tAnyParse = timeNs(() => { sink += JSON.parse(c.text).value.length; }, 7);
  report('copy + parse_any_bytes, 10,000-item collection, per item', tAny / 10000, `(${(tAny / 1e6).toFixed(1)} ms; JSON.parse ${(tAnyParse / 1e6).toFixed(1)} ms)`);
  results.coreProbe = { copyOnly: tCopyOnly, validate: tCoreValidate, parse: tCoreParse, validateNoIssues: tNoIssueCore, validateWithIssues: tIssueCore, parseAnyMs: tAny / 1e6, jsonParseCollectionMs: tAnyParse / 1e6 };
  // Native, same payloads (bench/core/src/main.rs).
  const native = join(here, 'out', 'target', 'release', 'native');
  if (existsSync(native)) {
    const input = [...texts, c.text].join('\u001e');
    const outText = execFileSync(native, { input, encoding: 'utf8', maxBuffer: 1 << 26 });
    const lines = outText.trim().split('\n');
    console.log(lines[lines.length - 1]);
    results.native = lines[lines.length - 1];
  }
}

// --- 5. CPU profiles ----------------------------------------------------------------------------------
/** Enough of the Itanium and v0 Rust manglings to read a profile: `_ZN4core3fmt5write17h…E` ->
 *  `core::fmt::write`; V8's wasm-to-js wrappers are named after the first import of a signature, so
 *  only the signature is kept. */
function demangle(name) {
  if (name.startsWith('wasm-to-js:')) return `wasm-to-js wrapper (${name.split('-').slice(0, 3).join('-').replace(/^wasm-to-js:/, '')})`;
  const m = /^_ZN(.*)E$/.exec(name);
  if (!m) return name.replace(/::h[0-9a-f]{16}/g, '');
  const parts = [];
  let rest = m[1];
  while (rest.length) {
    const len = /^(\d+)/.exec(rest);
    if (!len) break;
    const n = Number(len[1]);
    parts.push(rest.slice(len[1].length, len[1].length + n));
    rest = rest.slice(len[1].length + n);
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts.join('::').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ').replace(/\$RF\$/g, '&').replace(/\.\./g, '::');
}
function category(raw) {
  const name = raw;
  if (/^\(garbage collector\)$/.test(name)) return 'GC';
  if (/dlmalloc|__rust_alloc|__rust_dealloc|__rust_realloc|__rdl_|__wbindgen_malloc|__wbindgen_free|__wbindgen_realloc|RawVec|raw_vec|finish_grow|memcpy|memmove|memset|drop_in_place/.test(name)) return 'wasm: allocation, copying, drops';
  if (/core..fmt|core::fmt|alloc::fmt|fmt::|format|Display|write_str|pad_integral|diagnostics|quote|push_at|push_child|push_path|resolve_positions|pointer|push_escaped|PathBuf|Diagnostics|memrchr|next_match_back|CharSearcher/.test(name)) return 'wasm: issue reporting (messages, JSON Pointers, line/column)';
  if (/from_utf8|run_utf8_validation/.test(name)) return 'wasm: UTF-8 validation of the copied text';
  if (/bindings|wasm_bindgen|js_sys|externref|__wbindgen|JsValue|Reflect|shim/.test(name) && !/^__wbg/.test(name)) return 'wasm: binding code and JS<->wasm transitions';
  if (/wasm-to-js|js-to-wasm/.test(name)) return 'wasm: binding code and JS<->wasm transitions';
  if (/graph_record_operation|read..|scan..|numbers..|enums..|Reader|Scanner|KeySet|probe_/.test(name)) return 'wasm: core reading (scanner, reader, key sets, numbers)';
  if (/^__wbg|handleError|getStringFromWasm|decodeText|decodeUTF8|^decode$|passStringToWasm|addToExternrefTable|takeFromExternrefTable|isLikeNone|getUint8ArrayMemory|getArrayU8FromWasm|getDataViewMemory|^\(gro\.cjs\)$|^\(graph_record_operation\.cjs\)$/.test(name)) return 'JS glue (import shims, string decoding)';
  if (/^(encodeInto|isWellFormed|put)$/.test(name)) return 'JS: text copy (encodeInto, isWellFormed)';
  return `other: ${name}`;
}
async function cpuProfile(label, fn, file) {
  const session = new Session();
  session.connect();
  const post = (method, params) => new Promise((res, rej) => session.post(method, params, (e, r) => (e ? rej(e) : res(r))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  fn();
  const { profile } = await post('Profiler.stop');
  session.disconnect();
  writeFileSync(join(here, 'out', file), JSON.stringify(profile));
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const dt = profile.timeDeltas[i] ?? 0;
    const fnName = node.callFrame.functionName;
    // The profiler's own bookkeeping (inspector dispatch, idle) is not ours.
    if (fnName === 'dispatch' || fnName === '(idle)' || fnName === '(program)' || fnName === '(root)') continue;
    const name = fnName ? demangle(fnName) : `(${node.callFrame.url.split('/').pop() || 'anonymous'})`;
    self.set(name, (self.get(name) ?? 0) + dt);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const cats = new Map();
  for (const [name, t] of self) { const c = category(name); cats.set(c, (cats.get(c) ?? 0) + t); }
  console.log(`\n## CPU profile: ${label} (self time; profiler bookkeeping excluded)`);
  const catRows = [...cats].sort((a, b) => b[1] - a[1]);
  for (const [c, t] of catRows.slice(0, 10)) console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${c}`);
  console.log('top functions:');
  for (const [n, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${n.slice(0, 110)}`);
  return Object.fromEntries(catRows.map(([c, t]) => [c, Math.round((1000 * t) / total) / 10]));
}
if (CPU_PROF) {
  mkdirSync(join(here, 'out'), { recursive: true });
  results.cpuProfileValidate = await cpuProfile('validate() over all payloads, 5 passes', () => {
    for (let r = 0; r < 5; r++) for (const t of texts) sink += apiClean.validate(t).valid ? 1 : 0;
  }, 'validate.cpuprofile');
  const named = join(here, 'out', 'target', 'wasm32-unknown-unknown', 'release', 'gro_core_probe.wasm');
  if (existsSync(named)) {
    // The probe before wasm-opt keeps its function names.
    const module = new WebAssembly.Module(readFileSync(named));
    const stubs = {};
    for (const imp of WebAssembly.Module.imports(module)) { stubs[imp.module] ??= {}; stubs[imp.module][imp.name] = () => { throw new Error(imp.name); }; }
    const probe = new WebAssembly.Instance(module, stubs).exports;
    const ptr = probe.probe_input_buffer(1 << 20);
    const put = (t) => encoder.encodeInto(t, new Uint8Array(probe.memory.buffer, ptr, 1 << 20)).written;
    for (let r = 0; r < 2; r++) for (const t of texts) sink += probe.probe_validate(put(t));
    results.cpuProfileCoreAll = await cpuProfile('the core alone (probe_validate), all payloads, 5 passes', () => {
      for (let r = 0; r < 5; r++) for (const t of texts) sink += probe.probe_validate(put(t));
    }, 'core-all.cpuprofile');
    results.cpuProfileCoreClean = await cpuProfile('the core alone, payloads without issues, 5 passes', () => {
      for (let r = 0; r < 5; r++) for (const t of withoutIssues) sink += probe.probe_validate(put(t));
    }, 'core-clean.cpuprofile');
  }
}

mkdirSync(join(here, 'out'), { recursive: true });
writeFileSync(join(here, 'out', 'profile.json'), JSON.stringify({ glue: GLUE, count: COUNT, results }, null, 2));
console.log(`\n(sink ${sink % 10})`);
