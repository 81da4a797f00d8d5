// Memory of the built package in Node (issue 6, item 6; issue 5: instances must not depend on
// garbage collection to free wasm memory in a synchronous loop):
// - a `RecordOperation` holds no wasm memory (it is a JS object built from the call's result): 1,000,000
//   payloads parsed WITHOUT free(), without FinalizationRegistry and without gc(), leave the wasm
//   memory flat, and so do 100,000 instances kept alive. A control with the wasm-bindgen class the
//   package is checked against (whose instances do live in wasm memory) shows the same measurement
//   grows, so the bound means something;
// - free() and [Symbol.dispose]() are accepted (parse + free in a loop: the memory stays flat);
// - a freed instance throws a clear Error on every use, releasing twice is harmless, and the module
//   keeps working;
// - TypeScript's `using` (compiled with the repo's tsc, target ES2022, lib esnext) disposes.
//
//   node --test tests/js/      (scripts/test-js.sh builds pkg/ first when it is missing)
// Environment: MEMORY_COUNT (default 1000000) payloads in the finalization run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { loadPackageWithMemory, PKG_DIR, REFERENCE_PKG_DIR, REPO } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const MiB = 1024 * 1024;
const COUNT = Number(process.env.MEMORY_COUNT ?? 1_000_000);

/** Runs memory-run.mjs in a fresh process (its own wasm instance); returns its report. */
function measure(env) {
  const run = spawnSync(process.execPath, ['--expose-gc', path.join(here, 'memory-run.mjs')], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 16 * MiB,
  });
  assert.equal(run.status, 0, `memory-run.mjs failed:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

const mib = (bytes) => `${(bytes / MiB).toFixed(1)} MiB`;

test(`${COUNT.toLocaleString('en')} payloads parsed without free(), FinalizationRegistry or gc() leave the wasm memory flat`, () => {
  const report = measure({ COUNT: String(COUNT), BATCH: '10000', GC: '0', FINALIZATION: 'off' });
  assert.equal(report.seen, COUNT, 'every payload read');
  const { sizes } = report;
  const first = sizes[0];
  const last = sizes.at(-1);
  const summary = `first batch ${mib(first)}, end ${mib(last)}, ${report.ms} ms for ${COUNT} payloads`;
  console.log(`# no free, no finalization, no gc: ${summary}`);
  // Nothing stays in wasm memory after a call: it does not grow at all after the first batch.
  assert.equal(last, first, `the memory grew: ${summary}`);
});

test('control: instances of the wasm-bindgen class do grow the same measurement (so the bound above means something)', () => {
  const count = 100_000;
  const report = measure({ COUNT: String(count), BATCH: '10000', GC: '1', FINALIZATION: 'off', REFERENCE: '1' });
  const { sizes } = report;
  const half = sizes[Math.floor(sizes.length / 2) - 1];
  const last = sizes.at(-1);
  console.log(`# control (wasm-held instances, no finalization): half-way ${mib(half)}, end ${mib(last)} for ${count} payloads`);
  assert.ok(last - half > 8 * MiB, `expected growth with wasm-held instances: ${mib(half)} -> ${mib(last)}`);
});

const { api, memory } = await loadPackageWithMemory();
const { RecordOperation, parseAny, OperationTracker } = api;
const PAYLOAD = '{"id": "m1", "status": "completed", "recordingAccessToken": "tok", "resultInfo": {"code": 200}, "x": [1, 2, 3]}';

/** Runs `round` `n` times after a warm-up; returns how much the wasm memory grew meanwhile. */
function growth(n, round, watched = memory) {
  for (let i = 0; i < 1000; i++) round(i);
  const before = watched.buffer.byteLength;
  for (let i = 0; i < n; i++) round(i);
  return watched.buffer.byteLength - before;
}

test('free() and [Symbol.dispose]() are accepted, and instances kept alive hold no wasm memory', async () => {
  assert.equal(typeof RecordOperation.prototype[Symbol.dispose], 'function');
  const freed = growth(100_000, () => {
    const op = RecordOperation.parse(PAYLOAD);
    const info = op.resultInfo;
    info.free();
    op.free();
  });
  assert.equal(freed, 0, `free(): grew by ${freed} bytes`);
  const disposed = growth(100_000, () => {
    const any = parseAny(`{"value": [${PAYLOAD}, ${PAYLOAD}]}`);
    for (const { operation } of any.operations) operation[Symbol.dispose]();
  });
  assert.equal(disposed, 0, `[Symbol.dispose](): grew by ${disposed} bytes`);
  // 100,000 instances kept alive, never freed: the wasm memory does not grow.
  const kept = [];
  const held = growth(50_000, () => {
    kept.push(RecordOperation.parse(PAYLOAD));
    kept.push(parseAny(`[${PAYLOAD}]`).operations[0].operation);
  });
  assert.equal(held, 0, `kept instances grew the memory by ${held} bytes`);
  assert.equal(kept.length, 102_000);
  // Control: instances of the wasm-bindgen class, kept alive, do grow it.
  const { memory: referenceMemory } = await loadPackageWithMemory(REFERENCE_PKG_DIR);
  const reference = createRequire(import.meta.url)(path.join(REFERENCE_PKG_DIR, 'node', 'graph_record_operation.cjs'));
  const referenceKept = [];
  const leaked = growth(20_000, () => referenceKept.push(reference.RecordOperation.parse(PAYLOAD)), referenceMemory);
  assert.ok(leaked > 0, 'control: keeping wasm-held instances grows the memory');
  for (const op of referenceKept) op.free();
});

/** Calls `use` and returns the error it throws (fails when it does not throw). */
function thrown(use, what) {
  try {
    use();
  } catch (error) {
    return error;
  }
  assert.fail(`${what} did not throw on a freed instance`);
}

test('a freed instance throws a clear Error on every use, releasing twice is harmless, and the module keeps working', () => {
  for (const release of ['free', Symbol.dispose]) {
    const op = RecordOperation.parse(PAYLOAD);
    op[release]();
    const uses = {
      id: () => op.id,
      status: () => op.status,
      recordingAccessToken: () => op.recordingAccessToken,
      extraProperties: () => op.extraProperties,
      resultInfo: () => op.resultInfo,
      isTerminal: () => op.isTerminal,
      warnings: () => op.warnings,
      'toJSON()': () => op.toJSON(),
      'stringify()': () => op.stringify(),
      'toString()': () => op.toString(),
      'JSON.stringify(op)': () => JSON.stringify(op),
      'RecordOperation.from(op)': () => RecordOperation.from(op),
    };
    for (const [what, use] of Object.entries(uses)) {
      const error = thrown(use, what);
      assert.ok(error instanceof Error, `${what}: ${error}`);
      assert.ok(!(error instanceof WebAssembly.RuntimeError), `${what} trapped: ${error}`);
      // The package's lifecycle guard names what happened (not wasm-bindgen's "null pointer").
      assert.match(error.message, /this RecordOperation was freed/, what);
    }
    // Releasing again is harmless (`using` plus an explicit free() releases twice).
    op.free();
    op[Symbol.dispose]();
    // util.inspect of a freed instance says so instead of throwing.
    assert.equal(util.inspect(op), 'RecordOperation <freed>');
    // The module still works, and so do other instances.
    const again = RecordOperation.parse(PAYLOAD);
    assert.equal(again.id, 'm1');
    assert.equal(JSON.parse(again.stringify()).recordingAccessToken, 'tok');
    again.free();
  }
  const tracker = new OperationTracker();
  tracker.feed(PAYLOAD);
  tracker.free();
  assert.ok(!(thrown(() => tracker.size, 'tracker.size') instanceof WebAssembly.RuntimeError));
  assert.equal(parseAny(PAYLOAD).operations[0].operation.id, 'm1');
});

test('TypeScript `using` disposes the instance at the end of the block (tsc, target ES2022, lib esnext)', () => {
  const tsc = path.join(REPO, 'node_modules', '.bin', 'tsc');
  assert.ok(fs.existsSync(tsc), `${tsc} is missing: run scripts/setup.sh`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gro-using-'));
  try {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(PKG_DIR, path.join(dir, 'node_modules', 'graph-record-operation'), 'dir');
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ESNext'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          outDir: 'out',
          types: [],
        },
        files: ['globals.d.ts', 'hook.ts', 'using.ts'],
      }),
    );
    // lib ESNext alone has neither console nor WebAssembly (they come with DOM or @types/node).
    fs.writeFileSync(
      path.join(dir, 'globals.d.ts'),
      `declare const console: { log(...values: unknown[]): void };
declare const WebAssembly: any;
`,
    );
    // Imported first, so it sees the package's instance being made (as helpers.mjs does).
    fs.writeFileSync(
      path.join(dir, 'hook.ts'),
      `const Original = WebAssembly.Instance;
WebAssembly.Instance = new Proxy(Original, {
  construct(target, args, newTarget) {
    const instance = Reflect.construct(target, args, newTarget);
    (globalThis as any).packageMemory = instance.exports.memory;
    WebAssembly.Instance = Original;
    return instance;
  },
});
export {};
`,
    );
    fs.writeFileSync(
      path.join(dir, 'using.ts'),
      `import './hook.js';
import { RecordOperation } from 'graph-record-operation';

const memory: { buffer: ArrayBuffer } = (globalThis as any).packageMemory;
let escaped: RecordOperation | undefined;
{
  using op = RecordOperation.parse('{"id": "u1", "status": "completed"}');
  escaped = op;
  console.log('inside', op.id, op.status);
}
try {
  console.log('after', escaped.id);
} catch (error) {
  console.log('after threw', error instanceof Error && !(error instanceof WebAssembly.RuntimeError));
}
// using in a loop: released every round, so the memory does not grow.
const round = (i: number) => {
  using op = RecordOperation.parse(\`{"id": "u-\${i}", "status": "running", "x": [\${i}]}\`);
  if (op.id !== \`u-\${i}\`) throw new Error('wrong id');
};
for (let i = 0; i < 1000; i++) round(i);
const before = memory.buffer.byteLength;
for (let i = 0; i < 100000; i++) round(i);
console.log('loop growth', memory.buffer.byteLength - before);
`,
    );
    const compile = spawnSync(tsc, ['-p', dir], { cwd: dir, encoding: 'utf8' });
    assert.equal(compile.status, 0, `tsc failed:\n${compile.stdout}\n${compile.stderr}`);
    const emitted = fs.readFileSync(path.join(dir, 'out', 'using.js'), 'utf8');
    // ES2022 has no `using`: tsc lowers it to its dispose helpers, which call Symbol.dispose.
    assert.ok(!/^\s*using /m.test(emitted), 'tsc kept `using` as is; expected it lowered for ES2022');
    const run = spawnSync(process.execPath, [path.join(dir, 'out', 'using.js')], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.stdout.trim().split('\n'), ['inside u1 completed', 'after threw true', 'loop growth 0']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
