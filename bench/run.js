// The benchmark of issue 5: every candidate on the same generated data, in one Node process,
// interleaved in random order over several rounds after a warm-up. Prints medians, spread and the
// ratio to JSON.parse + ajv; writes everything to bench/latest.json.
//
//   node --expose-gc run.js [--rounds N] [--warmup N] [--count N] [--items N] [--seed N]
//                           [--only substring] [--require-ours]
//
// Verdicts are cross-checked before timing (and counted again in every timed run): every candidate
// that validates must find exactly the payloads invalid that the generator made invalid, which
// must also be exactly what ours finds. A disagreement stops the run with exit code 1, so nobody
// wins by checking less. Kiota validates nothing, so it is left out of the verdict check.
import os from 'node:os';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { z } from 'zod';
import { JsonParseNode } from '@microsoft/kiota-serialization-json';
import {
  createRecordOperationFromDiscriminatorValue,
  createCommsOperationCollectionResponseFromDiscriminatorValue,
} from '@microsoft/msgraph-sdk/models/index.js';
import { singlePayloads, collectionPayload, prng, DEFAULT_SEED } from './generate.js';
import { recordOperationSchema, collectionItemSchema, collectionSchema, zodSchemas } from './schemas.js';
import { loadOurs } from './ours.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------
// Options
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const ROUNDS = Number(opt('rounds', 10));
const WARMUP = Number(opt('warmup', 2));
const ROUNDS_B = Number(opt('rounds-b', ROUNDS * 3));
const WARMUP_B = Number(opt('warmup-b', WARMUP * 3));
const COUNT = Number(opt('count', 100_000));
const ITEMS = Number(opt('items', 10_000));
const SEED = Number(opt('seed', DEFAULT_SEED));
const ONLY = opt('only', '');
const REQUIRE_OURS = argv.includes('--require-ours');
const gc = globalThis.gc ?? (() => {});

// ---------------------------------------------------------------------------------------------
// Data
const t0 = performance.now();
const single = singlePayloads(COUNT, SEED);
const coll = collectionPayload(ITEMS, SEED ^ 0xc011);
const genMs = performance.now() - t0;
const singleBytes = single.texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
const collBytes = Buffer.byteLength(coll.text);
const expectedInvalidA = single.expected.length - single.expected.reduce((a, b) => a + b, 0);
const expectedInvalidB = [];
coll.expected.forEach((ok, i) => { if (!ok) expectedInvalidB.push(i); });

// ---------------------------------------------------------------------------------------------
// Candidates
let sink = 0; // results feed this so no work is optimised away
const ajv = new Ajv({ allowUnionTypes: true });
const ajvValidate = ajv.compile(recordOperationSchema);
const ajvItem = ajv.compile(collectionItemSchema);
const ajvAll = new Ajv({ allowUnionTypes: true, allErrors: true });
const ajvCollectionAll = ajvAll.compile(collectionSchema);
const zs = zodSchemas(z);

const ours = await loadOurs();
if (!ours.api) {
  console.error(`ours: not benchmarked: ${ours.reason}`);
  if (REQUIRE_OURS) process.exit(1);
}
const O = ours.api;

const INDEX = /^\/value\/(\d+)(?:\/|$)/;
/** Item indices named by issues' paths (`/value/12/resultInfo/code` -> 12). */
function invalidIndices(errors) {
  const out = new Set();
  for (const e of errors) {
    const m = INDEX.exec(e.path);
    out.add(m ? Number(m[1]) : -1);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Workload A candidates: `one(text)` returns true when the payload is valid. `verdicts: false`
 * marks candidates that check nothing (left out of the cross-check).
 */
const candidatesA = [
  {
    name: 'JSON.parse (floor)', verdicts: false,
    one(text) { try { const v = JSON.parse(text); sink += typeof v === 'object' ? 1 : 0; return true; } catch { return false; } },
  },
  {
    name: 'JSON.parse + ajv', baseline: true, verdicts: true,
    one(text) {
      let v;
      try { v = JSON.parse(text); } catch { return false; }
      if (!ajvValidate(v)) return false;
      // The typed access the parse candidates do: status, id, resultInfo.code.
      sink += (v.status ? 1 : 0) + (v.id ? 1 : 0) + (v.resultInfo?.code ? 1 : 0);
      return true;
    },
  },
  {
    name: 'JSON.parse + zod 4', verdicts: true,
    one(text) {
      let v;
      try { v = JSON.parse(text); } catch { return false; }
      const r = zs.recordOperation.safeParse(v);
      if (!r.success) return false;
      sink += (r.data.status ? 1 : 0) + (r.data.id ? 1 : 0) + (r.data.resultInfo?.code ? 1 : 0);
      return true;
    },
  },
  {
    name: 'Kiota (msgraph-sdk models)', verdicts: false,
    one(text) {
      const op = new JsonParseNode(JSON.parse(text)).getObjectValue(createRecordOperationFromDiscriminatorValue);
      sink += (op.status ? 1 : 0) + (op.id ? 1 : 0) + (op.resultInfo?.code ? 1 : 0);
      return true;
    },
  },
];
if (O) {
  const { validate, RecordOperation, isRecordOperationError } = O;
  candidatesA.push(
    {
      name: 'ours: validate', ours: true, verdicts: true, target: 1.5,
      one(text) { return validate(text).valid; },
    },
    {
      // validate decides `valid` first and builds its issues when they are read (a second, full
      // read): this is what a caller that shows every issue pays. Not a target.
      name: 'ours: validate, then errors and warnings read', ours: true, verdicts: true,
      one(text) {
        const result = validate(text);
        sink += result.errors.length + result.warnings.length;
        return result.valid;
      },
    },
    {
      name: 'ours: parse + status, id, resultInfo.code', ours: true, verdicts: true, target: 1.0,
      one(text) {
        let op;
        try {
          op = RecordOperation.parse(text);
        } catch (e) {
          if (isRecordOperationError(e)) return false;
          throw e;
        }
        try {
          const info = op.resultInfo;
          sink += (op.status ? 1 : 0) + (op.id ? 1 : 0) + (info?.code ? 1 : 0);
          if (info && typeof info.free === 'function') info.free();
        } finally {
          op.free();
        }
        return true;
      },
    },
  );
}

// The crate's core behind plain exports (bench/core, built by `scripts/bench.sh --profile`): not the
// package's API, an upper bound for what bindings over the current core can reach (text copied with
// encodeInto into a persistent wasm buffer, one call, a number back, no JS objects).
const PROBE = join(here, 'out', 'core-probe.wasm');
let probe = null;
if (existsSync(PROBE) && !argv.includes('--no-probe')) {
  const module = new WebAssembly.Module(readFileSync(PROBE));
  const stubs = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    stubs[imp.module] ??= {};
    stubs[imp.module][imp.name] = () => { throw new Error(`probe: ${imp.name} called`); };
  }
  const exp = new WebAssembly.Instance(module, stubs).exports;
  const encoder = new TextEncoder();
  let cap = 0, ptr = 0, view = null;
  const put = (text) => {
    const need = text.length * 3;
    if (need > cap) { cap = Math.max(need, 1 << 16); ptr = exp.probe_input_buffer(cap); view = null; }
    if (view === null || view.buffer !== exp.memory.buffer) view = new Uint8Array(exp.memory.buffer, ptr, cap);
    return encoder.encodeInto(text, view).written;
  };
  probe = { exp, put };
  const STATUS = [undefined, null, 'notStarted', 'running', 'completed', 'failed'];
  const decoder = new TextDecoder();
  if (exp.probe_parse_fields) {
    const fieldsAt = exp.probe_fields_ptr() >> 2;
    let fields = null;
    candidatesA.push({
      // RecordOperation::parse_bytes, results as numbers (id as offsets into the input), the object
      // built in JS: the binding design the prototype measured, over the current core.
      name: 'probe: core parse_bytes, fields as numbers, object built in JS (not the API)', probe: true, verdicts: true,
      one(text) {
        const written = put(text);
        if (exp.probe_parse_fields(written) === 0) return false;
        if (fields === null || fields.buffer !== exp.memory.buffer) fields = new Int32Array(exp.memory.buffer, fieldsAt * 4, 9);
        const f = fields;
        // ASCII text (written === length): byte offsets are string indices, so slice the input.
        const id = f[0] === 2 ? (written === text.length ? text.slice(f[1], f[2]) : decoder.decode(view.subarray(f[1], f[2]))) : f[0] === 1 ? null : undefined;
        const status = f[3] === 6 ? '(undocumented)' : STATUS[f[3]];
        const op = { id, status, resultInfo: f[4] ? { code: f[5], subcode: f[6] ? f[7] : undefined } : undefined };
        sink += (op.status ? 1 : 0) + (op.id ? 1 : 0) + (op.resultInfo?.code ? 1 : 0);
        return true;
      },
    });
  }
  candidatesA.push(
    { name: 'probe: core validate_bytes via plain export (not the API)', probe: true, verdicts: true, one(text) { return (exp.probe_validate(put(text)) & 1) === 1; } },
    { name: 'probe: core parse_bytes + into_owned via plain export (not the API)', probe: true, verdicts: true, one(text) { return exp.probe_parse(put(text)) !== 0; } },
  );
}

/**
 * Workload B candidates: `run(text)` returns the sorted indices of invalid items (or null for
 * candidates that check nothing).
 */
const candidatesB = [
  {
    name: 'JSON.parse (floor)', verdicts: false,
    run(text) { const v = JSON.parse(text); sink += v.value.length; return null; },
  },
  {
    name: 'JSON.parse + ajv', baseline: true, verdicts: true,
    run(text) {
      const v = JSON.parse(text);
      if (v === null || typeof v !== 'object' || !Array.isArray(v.value)) return [-1];
      const bad = [];
      const items = v.value;
      for (let i = 0; i < items.length; i++) if (!ajvItem(items[i])) bad.push(i);
      sink += items.length;
      return bad;
    },
  },
  {
    name: 'JSON.parse + ajv (one schema, allErrors)', verdicts: true,
    run(text) {
      const v = JSON.parse(text);
      if (ajvCollectionAll(v)) return [];
      return invalidIndices(ajvCollectionAll.errors.map((e) => ({ path: e.instancePath })));
    },
  },
  {
    name: 'JSON.parse + zod 4', verdicts: true,
    run(text) {
      const v = JSON.parse(text);
      if (v === null || typeof v !== 'object' || !Array.isArray(v.value)) return [-1];
      const bad = [];
      const items = v.value;
      for (let i = 0; i < items.length; i++) if (!zs.collectionItem.safeParse(items[i]).success) bad.push(i);
      sink += items.length;
      return bad;
    },
  },
  {
    name: 'Kiota (msgraph-sdk models)', verdicts: false,
    run(text) {
      const c = new JsonParseNode(JSON.parse(text)).getObjectValue(createCommsOperationCollectionResponseFromDiscriminatorValue);
      sink += c.value.length;
      return null;
    },
  },
];
if (O) {
  const { parseAny } = O;
  candidatesB.push({
    name: 'ours: parseAny', ours: true, verdicts: true, target: 1.5,
    run(text) {
      const any = parseAny(text);
      const ops = any.operations;
      for (let i = 0; i < ops.length; i++) ops[i].operation.free();
      sink += ops.length + any.skipped.length + (any.nextLink ? 1 : 0);
      return any.valid ? [] : invalidIndices(any.errors);
    },
  });
}

if (probe) {
  const wantOps = coll.kinds.filter((k) => k === 'operation').length;
  candidatesB.push({
    name: 'probe: core parse_any_bytes via plain export (not the API)', probe: true, verdicts: false,
    run(text) {
      const r = probe.exp.probe_parse_any(probe.put(text));
      if ((r & 0xffff) !== (wantOps & 0xffff) || (r >>> 16) === 0) throw new Error(`probe parse_any: ${r & 0xffff} operations, ${r >>> 16} errors`);
      sink += r;
      return null;
    },
  });
}

const selectedA = candidatesA.filter((c) => !ONLY || c.name.includes(ONLY) || c.baseline);
const selectedB = candidatesB.filter((c) => !ONLY || c.name.includes(ONLY) || c.baseline);

// ---------------------------------------------------------------------------------------------
// Cross-check verdicts (not timed)
const problems = [];
function describe(i) { return `#${i} (${single.reasons[i] ?? 'valid'}): ${single.texts[i].slice(0, 300)}`; }
for (const c of selectedA) {
  if (!c.verdicts) continue;
  let mismatches = 0;
  for (let i = 0; i < single.texts.length; i++) {
    const valid = c.one(single.texts[i]);
    if (valid !== !!single.expected[i]) {
      if (mismatches++ < 5) problems.push(`(A) ${c.name} says ${valid ? 'valid' : 'invalid'}, expected ${single.expected[i] ? 'valid' : 'invalid'}: ${describe(i)}`);
    }
  }
  c.mismatches = mismatches;
  if (mismatches > 5) problems.push(`(A) ${c.name}: ${mismatches} disagreements in all`);
}
for (const c of selectedB) {
  if (!c.verdicts) continue;
  const got = c.run(coll.text);
  const gotSet = new Set(got);
  const missing = expectedInvalidB.filter((i) => !gotSet.has(i));
  const want = new Set(expectedInvalidB);
  const extra = got.filter((i) => !want.has(i));
  if (missing.length || extra.length) {
    problems.push(`(B) ${c.name}: ${missing.length} invalid items not found (e.g. ${missing.slice(0, 3).map((i) => `#${i} ${coll.reasons[i]}`).join(', ')}), ${extra.length} valid items rejected (e.g. ${extra.slice(0, 3).join(', ')})`);
  }
}
if (O) {
  // parseAny must also list the right operations and skipped resources.
  const any = O.parseAny(coll.text);
  const wantOps = coll.kinds.filter((k) => k === 'operation').length;
  const wantSkipped = coll.kinds.length - wantOps;
  if (any.kind !== 'collection') problems.push(`(B) ours: parseAny kind is ${any.kind}, expected collection`);
  if (any.operations.length !== wantOps) problems.push(`(B) ours: ${any.operations.length} operations, expected ${wantOps}`);
  if (any.skipped.length !== wantSkipped) problems.push(`(B) ours: ${any.skipped.length} skipped, expected ${wantSkipped}`);
  if (any.nextLink !== coll.nextLink) problems.push(`(B) ours: nextLink ${any.nextLink}, expected ${coll.nextLink}`);
  for (const entry of any.operations) entry.operation.free();
}
if (problems.length) {
  console.error('VERDICTS DISAGREE: the comparison would not be fair. Fix the candidate or the data.');
  for (const p of problems) console.error('  ' + p);
  process.exit(1);
}
const verdictNote = `verdicts cross-checked: (A) ${selectedA.filter((c) => c.verdicts).map((c) => c.name).join(', ')} each found exactly the ${expectedInvalidA} invalid payloads of ${COUNT}; (B) exactly the ${expectedInvalidB.length} invalid items of ${ITEMS}. Not checked: JSON.parse alone and Kiota, which validate nothing (Kiota drops what it does not understand: "running" becomes undefined, "200" as a string is lost).`;

// ---------------------------------------------------------------------------------------------
// Timing
function makeLoopA(c, index) {
  // A separate function per candidate (distinct source), so each loop gets its own type feedback.
  // eslint-disable-next-line no-new-func
  return new Function('one', 'texts', `// candidate ${index}: ${c.name.replace(/\n/g, ' ')}
    let invalid = 0;
    for (let i = 0; i < texts.length; i++) if (!one(texts[i])) invalid++;
    return invalid;`).bind(null, c.one.bind(c));
}
for (const [i, c] of selectedA.entries()) c.loop = makeLoopA(c, i);

// After gc() the collector's helper threads go on sweeping for a while: 14-21 ms of CPU after a
// candidate's garbage of (A), done within 20 ms of sleep (measured). Charged to the next sample,
// that CPU time would be a larger share of a faster candidate's. So the main thread sleeps
// (Atomics.wait: no CPU) first.
const SETTLE_MS = 30;
const settleView = new Int32Array(new SharedArrayBuffer(4));

function timeOnce(fn) {
  gc();
  if (globalThis.gc) Atomics.wait(settleView, 0, 0, SETTLE_MS);
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = fn();
  const ns = Number(process.hrtime.bigint() - start);
  const cpu = process.cpuUsage(cpu0);
  return { ms: ns / 1e6, cpuMs: (cpu.user + cpu.system) / 1e3, result };
}

function schedule(list, rounds, rng) {
  const order = [];
  for (let r = 0; r < rounds; r++) order.push(rng.shuffle([...list]));
  return order;
}

function runWorkload(label, list, rounds, warmup, once, check) {
  const rng = prng(SEED ^ 0x51de);
  for (const c of list) { c.samples = []; c.cpuSamples = []; }
  const total = warmup + rounds;
  const plan = schedule(list, total, rng);
  plan.forEach((order, r) => {
    for (const c of order) {
      const { ms, cpuMs, result } = timeOnce(() => once(c));
      check(c, result);
      if (r >= warmup) { c.samples.push(ms); c.cpuSamples.push(cpuMs); }
    }
    process.stderr.write(`\r${label}: round ${r + 1}/${total}${r < warmup ? ' (warm-up)' : ''}   `);
  });
  process.stderr.write('\n');
}

function fail(message) {
  console.error(`VERDICTS DISAGREE during timing: ${message}`);
  process.exit(1);
}

runWorkload('(A) 100,000 payloads', selectedA, ROUNDS, WARMUP, (c) => c.loop(single.texts), (c, invalid) => {
  if (c.verdicts && invalid !== expectedInvalidA) fail(`${c.name} found ${invalid} invalid, expected ${expectedInvalidA}`);
});
runWorkload('(B) collection', selectedB, ROUNDS_B, WARMUP_B, (c) => c.run(coll.text), (c, bad) => {
  if (c.verdicts && bad.length !== expectedInvalidB.length) fail(`${c.name} found ${bad.length} invalid items, expected ${expectedInvalidB.length}`);
});

// ---------------------------------------------------------------------------------------------
// Statistics and report
function quantile(sorted, q) {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at), hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}
function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const median = quantile(s, 0.5);
  const dev = s.map((x) => Math.abs(x - median)).sort((a, b) => a - b);
  return { median, p10: quantile(s, 0.1), p90: quantile(s, 0.9), mad: quantile(dev, 0.5), min: s[0], max: s[s.length - 1], n: s.length };
}

function summarise(list, units, bytes) {
  const base = list.find((c) => c.baseline);
  const baseStats = stats(base.samples);
  const baseCpu = stats(base.cpuSamples);
  return list.map((c) => {
    const st = stats(c.samples);
    const cpu = stats(c.cpuSamples);
    // Paired ratios per round (same round, same heap state) as a robustness check on the ratio.
    const paired = c.samples.map((x, i) => base.samples[i] / x).sort((a, b) => a - b);
    return {
      name: c.name, ours: !!c.ours, baseline: !!c.baseline, verdictsChecked: !!c.verdicts,
      target: c.target ?? null,
      ...Object.fromEntries(Object.entries(st).map(([k, v]) => [k === 'n' ? 'rounds' : `${k}Ms`, k === 'n' ? v : round(v, 3)])),
      nsPerUnit: round((st.median * 1e6) / units, 1),
      mbPerS: round(bytes / 1e6 / (st.median / 1e3), 1),
      ratioToAjv: round(baseStats.median / st.median, 3),
      cpuMedianMs: round(cpu.median, 3),
      cpuRatioToAjv: round(baseCpu.median / cpu.median, 3),
      pairedRatioP10: round(quantile(paired, 0.1), 3),
      pairedRatioP90: round(quantile(paired, 0.9), 3),
    };
  });
}
function round(x, digits) { const f = 10 ** digits; return Math.round(x * f) / f; }

const resultsA = summarise(selectedA, COUNT, singleBytes);
const resultsB = summarise(selectedB, ITEMS, collBytes);

function version(name) {
  try { return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version; } catch {
    try {
      // packages whose exports hide package.json
      const main = require.resolve(name);
      let dir = dirname(main);
      while (dir !== '/' && !existsSync(join(dir, 'package.json'))) dir = dirname(dir);
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
    } catch { return null; }
  }
}
function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch { /* not Linux */ }
  return os.cpus()[0]?.model ?? 'unknown';
}
function readJson(path) { try { return JSON.parse(readFileSync(path, 'utf8')); } catch { return null; } }

const env = {
  date: new Date().toISOString(),
  cpu: cpuModel(),
  cores: os.availableParallelism?.() ?? os.cpus().length,
  memoryGiB: round(os.totalmem() / 2 ** 30, 1),
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  v8: process.versions.v8,
  gcBetweenSamples: !!globalThis.gc,
  packages: {
    'graph-record-operation': ours.api ? ours.version : null,
    ajv: version('ajv'), zod: version('zod'),
    '@microsoft/msgraph-sdk': version('@microsoft/msgraph-sdk'),
    '@microsoft/kiota-serialization-json': version('@microsoft/kiota-serialization-json'),
  },
};
const data = {
  seed: SEED, generationMs: round(genMs, 0),
  A: { payloads: COUNT, bytes: singleBytes, meanBytes: round(singleBytes / COUNT, 1), invalid: expectedInvalidA, nonAscii: single.texts.filter((t) => /[^\x00-\x7f]/.test(t)).length },
  B: { items: ITEMS, bytes: collBytes, invalid: expectedInvalidB.length, skipped: coll.kinds.filter((k) => k === 'skipped').length },
};
const size = readJson(join(here, 'out', 'size.json'));
const instantiation = readJson(join(here, 'out', 'instantiate.json'));
const latest = { env, data, rounds: { A: ROUNDS, warmupA: WARMUP, B: ROUNDS_B, warmupB: WARMUP_B }, verdictNote, oursMissing: ours.api ? null : ours.reason, A: resultsA, B: resultsB, size, instantiation, sink: sink % 7 };
writeFileSync(join(here, 'latest.json'), JSON.stringify(latest, null, 2) + '\n');

// Markdown
const fmt = (x, d = 1) => (x == null ? '–' : x.toFixed(d));
function table(title, rows, unit) {
  const out = [`### ${title}`, '', `| candidate | median ms | p10–p90 ms | MAD ms | ${unit} | MB/s | × JSON.parse+ajv | × (CPU time) | target |`, '|---|---:|---:|---:|---:|---:|---:|---:|---|'];
  for (const r of rows) {
    const verdict = (x) => (x >= r.target ? 'met' : `**missed** (${((x / r.target - 1) * 100).toFixed(0)}%)`);
    const target = r.target == null ? '' : `≥ ${r.target.toFixed(1)}×: wall ${verdict(r.ratioToAjv)}, CPU ${verdict(r.cpuRatioToAjv)}`;
    out.push(`| ${r.name}${r.verdictsChecked ? '' : ' †'} | ${fmt(r.medianMs)} | ${fmt(r.p10Ms)}–${fmt(r.p90Ms)} | ${fmt(r.madMs, 2)} | ${fmt(r.nsPerUnit, 0)} | ${fmt(r.mbPerS, 0)} | ${r.baseline ? '1.00 (baseline)' : `${r.ratioToAjv.toFixed(2)} (${r.pairedRatioP10.toFixed(2)}–${r.pairedRatioP90.toFixed(2)})`} | ${r.baseline ? '1.00' : r.cpuRatioToAjv.toFixed(2)} | ${target} |`);
  }
  return out.join('\n');
}
const lines = [];
lines.push(`## Benchmark (${env.date.slice(0, 16).replace('T', ' ')} UTC)`);
lines.push('');
lines.push(`Machine: ${env.cpu}, ${env.cores} cores, ${env.memoryGiB} GiB, ${env.os}. Node ${env.node} (V8 ${env.v8}).`);
lines.push(`Packages: ${Object.entries(env.packages).map(([k, v]) => `${k} ${v ?? '(not built)'}`).join(', ')}.`);
lines.push(`Data (seed 0x${SEED.toString(16)}): (A) ${COUNT.toLocaleString('en')} payloads, mean ${data.A.meanBytes.toFixed(0)} bytes, ${expectedInvalidA} invalid (${(100 * expectedInvalidA / COUNT).toFixed(1)}%), ${data.A.nonAscii} non-ASCII; (B) one collection of ${ITEMS.toLocaleString('en')} items, ${(collBytes / 1e6).toFixed(2)} MB, ${data.B.invalid} invalid, ${data.B.skipped} other operation types (skipped).`);
lines.push(`Rounds: (A) ${ROUNDS} after ${WARMUP} warm-up, (B) ${ROUNDS_B} after ${WARMUP_B}; candidates in a seeded random order each round${env.gcBetweenSamples ? `, gc() before each sample and then ${SETTLE_MS} ms idle (time for the collector's background sweeping, measured to take under 20 ms after (A)'s garbage, so that it is not charged to the sample)` : ''}. Ratio: median of JSON.parse+ajv ÷ median of the candidate (higher is faster), in brackets p10–p90 of the per-round paired ratios; "CPU time" is the same ratio of process CPU time (user + system, GC threads included), steadier when other processes compete for the cores.`);
lines.push('');
lines.push(table(`(A) ${COUNT.toLocaleString('en')} single payloads, one call each`, resultsA, 'ns/payload'));
lines.push('');
lines.push(table(`(B) one collection of ${ITEMS.toLocaleString('en')}`, resultsB, 'ns/item'));
lines.push('');
lines.push(`† not in the per-item verdict cross-check (validates nothing; the B probe reports only counts, which are checked). ${verdictNote}`);
if (!ours.api) lines.push(`\n**ours not benchmarked**: ${ours.reason}`);
if (size) {
  lines.push('', '### What a browser downloads', '', '| artifact | raw | gzip | brotli |', '|---|---:|---:|---:|');
  for (const row of size.rows) lines.push(`| ${row.name} | ${(row.raw / 1024).toFixed(1)} KB | ${(row.gzip / 1024).toFixed(1)} KB | ${(row.brotli / 1024).toFixed(1)} KB |`);
  if (size.note) lines.push('', size.note);
}
if (instantiation) {
  lines.push('', '### Instantiation in headless Chromium', '', instantiation.summary);
}
console.log(lines.join('\n'));
