// Packaging tests: the built pkg/ is packed with `npm pack`, the tarball is installed (offline) into
// throw-away projects under a temporary directory, and used there as users do.
//
//   node --test tests/package/          (scripts/test-package.sh builds pkg/ first)
//
// Environment: PKG_DIR (default <repo>/pkg), KEEP_TMP=1 keeps the temporary projects,
// UPDATE_GOLDEN=1 rewrites tests/golden/graph_record_operation.d.ts from the built package.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const fixtures = path.join(here, 'fixtures');
const pkgDir = path.resolve(process.env.PKG_DIR ?? path.join(repo, 'pkg'));
const bin = (name) => path.join(repo, 'node_modules', '.bin', name);
const golden = path.join(repo, 'tests', 'golden', 'graph_record_operation.d.ts');

let tmp;
let tarball;
let browser;
let browserClose;

/** Runs a command; fails the test (with its output) unless it exits with `expect` (default 0). */
function run(cmd, args, { cwd = repo, input, env, expect = 0, timeout = 180_000 } = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, {
    cwd,
    input,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (process.env.VERBOSE === '1') console.log(`# ${Date.now() - started} ms: ${path.basename(cmd)} ${args.join(' ')}`);
  if (r.error) throw r.error;
  if (expect !== null && r.status !== expect) {
    assert.fail(
      `${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}, expected ${expect}\n` +
        `--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`,
    );
  }
  return r;
}

/** A throw-away project with the tarball installed from disk (no network). */
function project(name, { type = 'module', files = [] } = {}) {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: `consumer-${name}`, private: true, type, dependencies: { 'graph-record-operation': `file:${tarball}` } }, null, 2),
  );
  for (const file of files) fs.cpSync(path.join(fixtures, file), path.join(dir, path.basename(file)), { recursive: true });
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
  assert.ok(fs.existsSync(path.join(dir, 'node_modules', 'graph-record-operation', 'package.json')));
  return dir;
}

/** Serves `root` on 127.0.0.1 (a random port) with the MIME types the browser build needs. */
async function serve(root) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.cjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) return res.writeHead(403).end();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) return res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections(); // Chromium's keep-alive connections would hold close() open
      }),
  };
}

/** Opens `page` of a directory served from 127.0.0.1 in headless Chromium; returns `#id`'s text. */
async function textInBrowser(root, page, selector, expected) {
  const server = await serve(root);
  const tab = await browser.newPage();
  const problems = [];
  tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  tab.on('console', (msg) => {
    // Failed loads are reported with their URL by the 'response' handler (a missing favicon is fine).
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console error: ${msg.text()}`);
  });
  tab.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
  tab.on('response', (res) => {
    if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  try {
    await tab.goto(server.url + page);
    await tab
      .waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent === want, [selector, expected], { timeout: 15_000 })
      .catch(() => {});
    const text = await tab.textContent(selector);
    assert.equal(text, expected, `${page}: ${selector} says ${JSON.stringify(text)}\n${problems.join('\n')}`);
    assert.deepEqual(problems, []);
    return text;
  } finally {
    await tab.close();
    await server.close();
  }
}

function filesUnder(dir) {
  return fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

before(async () => {
  assert.ok(fs.existsSync(path.join(pkgDir, 'package.json')), `${pkgDir} is not built: run scripts/build-package.sh`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gro-package-'));
  const packed = run('npm', ['pack', pkgDir, '--pack-destination', tmp, '--json', '--loglevel=error']);
  const [info] = JSON.parse(packed.stdout);
  tarball = path.join(tmp, info.filename);
  assert.ok(fs.existsSync(tarball));
});

after(async () => {
  if (browserClose) await browserClose();
  if (tmp && process.env.KEEP_TMP !== '1') fs.rmSync(tmp, { recursive: true, force: true });
  else if (tmp) console.log(`kept ${tmp}`);
});

async function chromium() {
  if (!browser) {
    const { launchChromium } = await import('../support/chromium.mjs');
    const launched = await launchChromium();
    browser = launched.context;
    browserClose = launched.close;
  }
  return browser;
}

test('the .d.ts matches the golden file (UPDATE_GOLDEN=1 to accept a change)', () => {
  const built = fs.readFileSync(path.join(pkgDir, 'graph_record_operation.d.ts'), 'utf8');
  assert.equal(fs.readFileSync(path.join(pkgDir, 'graph_record_operation.d.cts'), 'utf8'), built, '.d.cts differs from .d.ts');
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.writeFileSync(golden, built);
    return;
  }
  assert.ok(fs.existsSync(golden), `${golden} missing: run UPDATE_GOLDEN=1 bash scripts/test-package.sh`);
  assert.equal(
    built,
    fs.readFileSync(golden, 'utf8'),
    'the TypeScript declarations changed; if intended, run UPDATE_GOLDEN=1 bash scripts/test-package.sh and commit tests/golden/',
  );
});

test('the tarball holds the package and nothing else', () => {
  const r = run('tar', ['-tzf', tarball]);
  const files = r.stdout.trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();
  for (const required of [
    'package.json',
    'README.md',
    'LICENSE',
    'index.node.cjs',
    'index.node.mjs',
    'index.web.js',
    'graph_record_operation.d.ts',
    'graph_record_operation.d.cts',
    'node/graph_record_operation.cjs',
    'node/graph_record_operation_bg.wasm',
    'node/utf16_to_utf8.wasm',
    'web/graph_record_operation.js',
    'web/graph_record_operation_bg.wasm',
    'bin/graph-record-operation.js',
  ]) {
    assert.ok(files.includes(required), `${required} missing from the tarball: ${files.join(', ')}`);
  }
  const unexpected = files.filter((f) => !/^(package\.json|README\.md|LICENSE|index\.(node\.cjs|node\.mjs|web\.js)|lifecycle\.c?js|api\.c?js|graph_record_operation\.d\.c?ts|style\.css|bin\/[^/]+\.js|node\/.+|web\/.+)$/.test(f) || f.endsWith('.d.ts') && f.includes('/'));
  assert.deepEqual(unexpected, []);
  const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const cargo = fs.readFileSync(path.join(repo, 'Cargo.toml'), 'utf8');
  assert.equal(manifest.version, /^version = "(.*)"$/m.exec(cargo)[1], 'package version differs from Cargo.toml');
  assert.equal(manifest.name, 'graph-record-operation');
  if (fs.existsSync(path.join(repo, 'pkg-template', 'style.css'))) {
    assert.ok(files.includes('style.css'));
    assert.equal(manifest.exports['./style.css'], './style.css');
  }
  // Weak references: dropped instances are finalized (wasm-bindgen emits a FinalizationRegistry).
  for (const js of ['node/graph_record_operation.cjs', 'web/graph_record_operation.js']) {
    assert.match(fs.readFileSync(path.join(pkgDir, js), 'utf8'), /new FinalizationRegistry\(/, `${js} does not finalize instances`);
  }
  // wasm-opt ran: no name section left, and the module is small.
  for (const flavour of ['node', 'web']) {
    const wasm = fs.readFileSync(path.join(pkgDir, flavour, 'graph_record_operation_bg.wasm'));
    const names = WebAssembly.Module.customSections(new WebAssembly.Module(wasm), 'name');
    assert.equal(names.length, 0, `${flavour} wasm still has a name section`);
    assert.ok(wasm.length < 1_000_000, `${flavour} wasm is ${wasm.length} bytes`);
  }
});

test('publint reports no problems', () => {
  const r = run(bin('publint'), ['run', pkgDir, '--strict', '--level', 'suggestion']);
  assert.match(r.stdout, /All good!/, r.stdout + r.stderr);
});

test('are-the-types-wrong (attw --pack) reports no problems', () => {
  // ./style.css is a stylesheet, not a module: it has no types to check.
  const args = ['--pack', pkgDir, '--format', 'json', '--no-color', '--exclude-entrypoints', './style.css'];
  const r = run(bin('attw'), args, { expect: null });
  const { problems, analysis } = JSON.parse(r.stdout);
  assert.deepEqual(problems ?? {}, {}, JSON.stringify(problems, null, 2));
  assert.equal(r.status, 0, r.stderr);
  assert.ok(Object.keys(analysis.entrypoints).includes('.'));
});

test('Node ESM: import parses "Running" to "running", shares the instance with require', () => {
  const dir = project('node-esm', { files: ['esm/main.mjs'] });
  const r = run('node', ['main.mjs'], { cwd: dir });
  assert.match(r.stdout, /^esm ok: status=running$/m);
  // The one-liners of the issue's "done when".
  const payload = '{"id": "1", "status": "Running"}';
  const esm = run('node', ['--input-type=module', '-e', `import { RecordOperation } from 'graph-record-operation'; console.log(RecordOperation.parse('${payload}').status)`], { cwd: dir });
  assert.equal(esm.stdout.trim(), 'running');
});

test('Node CommonJS: require parses "Running" to "running", import() gives the same instance', () => {
  const dir = project('node-cjs', { type: 'commonjs', files: ['cjs/main.cjs'] });
  const r = run('node', ['main.cjs'], { cwd: dir });
  assert.match(r.stdout, /^cjs ok: status=running$/m);
  const payload = '{"id": "1", "status": "Running"}';
  const cjs = run('node', ['-e', `const { RecordOperation } = require('graph-record-operation'); console.log(RecordOperation.parse('${payload}').status)`], { cwd: dir });
  assert.equal(cjs.stdout.trim(), 'running');
});

/** A README's fenced code blocks (the package's by default), with the language of each. */
function readmeBlocks(file = path.join(pkgDir, 'README.md')) {
  const readme = fs.readFileSync(file, 'utf8');
  return [...readme.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map(([, lang, code]) => ({ lang, code }));
}

/** `console.log(...); // expected` lines: the expected output, in order. */
function expectedOutput(code) {
  return [...code.matchAll(/console\.log\(.*\);\s*\/\/ (.*)$/gm)].map(([, out]) => out.trim());
}

test('TypeScript: a consumer type-checks under moduleResolution bundler (DOM) and node16 (no DOM)', () => {
  const dir = project('typescript', {
    files: ['ts/consumer.ts', 'ts/consumer.cts', 'ts/globals.d.ts', 'ts/tsconfig.bundler.json', 'ts/tsconfig.node16.json'],
  });
  const ts = readmeBlocks().filter((b) => b.lang === 'ts');
  assert.equal(ts.length, 1, 'the README has one TypeScript example');
  fs.writeFileSync(path.join(dir, 'readme.ts'), ts[0].code);
  for (const config of ['tsconfig.bundler.json', 'tsconfig.node16.json']) {
    run(bin('tsc'), ['-p', config], { cwd: dir });
  }
  // The checks can fail: a wrong type in a consumer is reported.
  fs.appendFileSync(path.join(dir, 'consumer.ts'), '\nexport const wrong: number = RecordOperation.parse("{}").id;\n');
  const r = run(bin('tsc'), ['-p', 'tsconfig.bundler.json'], { cwd: dir, expect: null });
  assert.notEqual(r.status, 0);
  assert.match(r.stdout + r.stderr, /consumer\.ts.*TS2322/);
});

test("the README's JavaScript examples run and print what they say", () => {
  const blocks = readmeBlocks().filter((b) => b.lang === 'js');
  assert.ok(blocks.length >= 4, `only ${blocks.length} js examples found`);
  const esm = project('readme-esm');
  const cjs = project('readme-cjs', { type: 'commonjs' });
  blocks.forEach(({ code }, i) => {
    const commonjs = /\brequire\(/.test(code);
    const dir = commonjs ? cjs : esm;
    const file = `example-${i}.${commonjs ? 'cjs' : 'mjs'}`;
    fs.writeFileSync(path.join(dir, file), code);
    const r = run('node', [file], { cwd: dir });
    const expected = expectedOutput(code);
    assert.ok(expected.length > 0, `example ${i} states no output`);
    assert.deepEqual(r.stdout.trim().split('\n'), expected, `README example ${i}:\n${code}`);
  });
});

test("the repository README's JavaScript example runs and prints what it says", () => {
  const root = path.resolve(here, '../..');
  const blocks = readmeBlocks(path.join(root, 'README.md')).filter((b) => b.lang === 'js');
  assert.ok(blocks.length >= 1, 'the repository README has no js example');
  const dir = project('root-readme');
  blocks.forEach(({ code }, i) => {
    const file = `root-example-${i}.mjs`;
    fs.writeFileSync(path.join(dir, file), code);
    const r = run('node', [file], { cwd: dir });
    const expected = expectedOutput(code);
    assert.ok(expected.length > 0, `example ${i} states no output`);
    assert.deepEqual(r.stdout.trim().split('\n'), expected, `repository README example ${i}:\n${code}`);
  });
});

test('CLI: npx graph-record-operation validate, --json, --strict and exit codes 0/1/2', () => {
  const dir = project('cli', { files: ['cli/notification.json', 'cli/invalid.json', 'cli/clean.json'] });
  // npx as users run it; then the installed bin directly (npx adds a second per call).
  const json = JSON.parse(run('npx', ['--no', 'graph-record-operation', 'validate', '--json', 'notification.json'], { cwd: dir }).stdout);
  const cli = path.join(dir, 'node_modules', '.bin', 'graph-record-operation');
  const npx = (args, opts) => run(cli, args, { cwd: dir, ...opts });

  assert.equal(json.kind, 'notifications');
  assert.equal(json.valid, true);
  assert.deepEqual(
    json.operations.map((o) => [o.path, o.id, o.status, o.completionReason]),
    [
      ['/value/0/resourceData', '0fe0623f-d628-42ed-b4bd-8ac290072cc5', 'running', null],
      ['/value/1/resourceData', '0fe0623f-d628-42ed-b4bd-8ac290072cc5', 'completed', 'maxRecordDurationReached'],
    ],
  );
  assert.equal(json.operations[0].resultInfo, null);
  assert.deepEqual(json.operations[1].resultInfo, {
    code: 200,
    subcode: 8515,
    message: 'Action completed, max record duration reached.',
    category: 'success',
  });
  assert.deepEqual(json.skipped.map((s) => s.path), ['/value/2/resourceData']);
  assert.deepEqual(json.issues, [
    { path: '/value/0/resourceData/status', code: 'enum_case', severity: 'warning', message: json.issues[0].message },
  ]);
  assert.ok(!JSON.stringify(json).includes('secret-token'), 'the token leaked into the report');

  // Standard input, the human report, and the token kept out of it.
  const human = npx(['validate', '-'], { input: fs.readFileSync(path.join(dir, 'notification.json')) });
  assert.match(human.stdout, /valid: notifications, 2 operations, 1 skipped resource/);
  assert.ok(!human.stdout.includes('secret-token'));

  // Exit 1: invalid, or a warning under --strict.
  const invalid = JSON.parse(npx(['validate', '--json', 'invalid.json'], { expect: 1 }).stdout);
  assert.equal(invalid.valid, false);
  assert.deepEqual(invalid.issues.map((i) => [i.path, i.code, i.severity]), [['/status', 'wrong_type', 'error']]);
  const strict = JSON.parse(npx(['validate', '--strict', '--json', 'notification.json'], { expect: 1 }).stdout);
  assert.equal(strict.issues[0].severity, 'error');
  npx(['validate', '--strict', 'clean.json'], { expect: 0 });
  npx(['validate', '-'], { input: '{"id": "1", "status": ', expect: 1 });
  const notUtf8 = JSON.parse(npx(['validate', '--json', '-'], { input: Buffer.from([0x7b, 0xff, 0x7d]), expect: 1 }).stdout);
  assert.deepEqual(notUtf8.issues.map((i) => i.code), ['invalid_utf8']);
  // A byte order mark is reported (JSON does not allow one), as the library reports it.
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(path.join(dir, 'clean.json'))]);
  const withBom = JSON.parse(npx(['validate', '--json', '-'], { input: bom, expect: 1 }).stdout);
  assert.deepEqual(withBom.issues.map((i) => i.code), ['json_syntax']);

  // Exit 2: usage errors and unreadable input.
  assert.match(npx([], { expect: 2 }).stderr, /Usage: graph-record-operation validate/);
  npx(['validate'], { expect: 2 });
  npx(['check', 'clean.json'], { expect: 2 });
  npx(['validate', '--bogus', 'clean.json'], { expect: 2 });
  npx(['validate', 'clean.json', 'invalid.json'], { expect: 2 });
  assert.match(npx(['validate', 'does-not-exist.json'], { expect: 2 }).stderr, /cannot read/);
  npx(['validate', '.'], { expect: 2 });
});

// ---- graph-record-operation track ---------------------------------------------------------------

const TRACK_FILES = ['track/stream.jsonl', 'track/lifecycle.jsonl', 'track/part1.jsonl', 'track/part2.jsonl', 'track/part3.json'];
const OP_A = '0fe0623f-d628-42ed-b4bd-8ac290072cc5';
const OP_B = '2d6a8f1e-4b7c-4e0a-9c53-7a1f0e9b6c21';
const OP_C = '9b1c7e2a-33d4-4f5e-8a6b-0c1d2e3f4a5b';
/** The final state every ordering of the fixtures' deliveries must end in. */
const FINAL_STATES = [
  { id: OP_A, status: 'completed', final: true, changeType: 'deleted', completionReason: 'maxRecordDurationReached',
    resultInfo: { code: 200, subcode: 8515, message: 'Action completed, max record duration reached.', category: 'success' } },
  { id: OP_B, status: 'failed', final: true, changeType: 'deleted', completionReason: 'initialSilenceTimeout',
    resultInfo: { code: 400, subcode: 8522, message: 'Initial silence timeout.', category: 'clientError' } },
  { id: OP_C, status: 'running', final: false, changeType: null, completionReason: null, resultInfo: null },
];
let trackDir;
/** One installed project for the track tests (installing takes a few seconds). */
function trackProject() {
  trackDir ??= project('cli-track', { files: TRACK_FILES });
  return trackDir;
}
/** The installed bin, run directly (npx adds a second per call; it is used once per test). */
function track(args, opts) {
  const dir = trackProject();
  return run(path.join(dir, 'node_modules', '.bin', 'graph-record-operation'), ['track', ...args], { cwd: dir, ...opts });
}
function finalStates(report) {
  const byId = (a, b) => (a.id < b.id ? -1 : 1);
  return report.operations
    .map(({ id, status, final, changeType, completionReason, resultInfo }) => ({ id, status, final, changeType, completionReason, resultInfo }))
    .sort(byId);
}
function assertNoToken(r) {
  for (const text of [r.stdout, r.stderr]) {
    assert.ok(!text.includes('secret-token'), `the access token leaked:\n${text}`);
    assert.ok(!text.includes('recordingAccessToken'), `a token field leaked:\n${text}`);
  }
}
/** A deterministic shuffle (mulberry32). */
function shuffled(items, seed) {
  const out = [...items];
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

test('CLI track: npx, a shuffled stream with a duplicate and an out-of-order delivery ends in the expected final states', () => {
  const dir = trackProject();
  const r = run('npx', ['--no', 'graph-record-operation', 'track', '--json', 'stream.jsonl'], { cwd: dir });
  assertNoToken(r);
  const report = JSON.parse(r.stdout);
  assert.equal(report.valid, true);
  assert.equal(report.strict, false);
  assert.deepEqual(report.inputs, [{ name: 'stream.jsonl', format: 'lines', documents: 8 }]);
  assert.equal(report.documents, 8);
  assert.equal(report.deliveries, 8);
  assert.deepEqual(report.issues, []);
  assert.deepEqual(finalStates(report), FINAL_STATES);
  // In the order first seen: B (line 1), A (line 2), C (line 6).
  assert.deepEqual(report.operations.map((o) => o.id), [OP_B, OP_A, OP_C]);
  const [b, a, c] = report.operations;
  const timeline = (op) => op.timeline.map((e) => [e.file, e.line, e.path, e.status, e.changeType, e.kind]);
  assert.deepEqual(timeline(a), [
    ['stream.jsonl', 2, '/value/0/resourceData', 'running', 'updated', 'new'],
    ['stream.jsonl', 4, '/value/0/resourceData', 'completed', 'deleted', 'advanced'],
    ['stream.jsonl', 5, '/value/0/resourceData', 'running', 'updated', 'duplicate'],
    ['stream.jsonl', 7, '/value/0/resourceData', 'notStarted', 'created', 'afterFinal'],
  ]);
  assert.deepEqual(timeline(b), [
    ['stream.jsonl', 1, '/value/0/resourceData', 'failed', 'updated', 'new'],
    ['stream.jsonl', 3, '/value/0/resourceData', 'running', 'updated', 'outOfOrder'],
    ['stream.jsonl', 8, '/value/0/resourceData', 'failed', 'deleted', 'advanced'],
  ]);
  assert.deepEqual(timeline(c), [['stream.jsonl', 6, '', 'running', null, 'new']]);
  assert.deepEqual([a.deliveries, a.applied, a.ignored], [4, 2, { duplicate: 1, outOfOrder: 0, afterFinal: 1, conflict: 0 }]);
  assert.deepEqual([b.deliveries, b.applied, b.ignored], [3, 2, { duplicate: 0, outOfOrder: 1, afterFinal: 0, conflict: 0 }]);
  assert.deepEqual([c.deliveries, c.applied, c.ignored], [1, 1, { duplicate: 0, outOfOrder: 0, afterFinal: 0, conflict: 0 }]);
  assert.equal(a.recordingLocation, 'https://file.location/17e3b46c-f61d-4f4d-9635-c626ef18e6ad');
  assert.deepEqual(report.counts, { notStarted: 0, running: 1, completed: 1, failed: 1, unknown: 0, final: 2, total: 3 });
  assert.deepEqual(report.skipped.map((s) => [s.file, s.line, s.path, s.odataType]), [
    ['stream.jsonl', 2, '/value/1/resourceData', '#microsoft.graph.call'],
    ['stream.jsonl', 5, '/value/1/resourceData', '#microsoft.graph.call'],
  ]);

  // The table: one row per operation, in the order first seen.
  const human = track(['stream.jsonl']);
  assertNoToken(human);
  const rows = human.stdout.trim().split('\n');
  assert.match(rows[0], /^ID +STATUS +FINAL +COMPLETION REASON +CODE\/SUBCODE +DELIVERIES +IGNORED$/);
  assert.match(rows[1], new RegExp(`^${OP_B} +failed +yes +initialSilenceTimeout +400/8522 +3 +1 \\(1 out of order\\)$`));
  assert.match(rows[2], new RegExp(`^${OP_A} +completed +yes +maxRecordDurationReached +200/8515 +4 +2 \\(1 duplicate, 1 after final\\)$`));
  assert.match(rows[3], new RegExp(`^${OP_C} +running +no +- +- +1 +0$`));
  assert.equal(rows[4], '3 operations: 1 running, 1 completed, 1 failed; 2 final.');
  assert.equal(rows[5], 'valid: 8 documents from 1 input, 8 deliveries (5 applied, 3 ignored), 2 other resources skipped, no problems.');
  assert.equal(rows.length, 6);
});

test('CLI track: every shuffle of the lifecycles, with a duplicate, ends in the same final states', () => {
  const dir = trackProject();
  const lines = fs.readFileSync(path.join(dir, 'lifecycle.jsonl'), 'utf8').trim().split('\n');
  assert.equal(lines.length, 7);
  const inOrder = JSON.parse(track(['--json', 'lifecycle.jsonl']).stdout);
  assert.deepEqual(finalStates(inOrder), FINAL_STATES);
  assert.equal(inOrder.operations.reduce((n, o) => n + o.deliveries - o.applied, 0), 0, 'in lifecycle order nothing is ignored');
  const seen = new Set();
  for (let seed = 1; seed <= 8; seed += 1) {
    const stream = shuffled([...lines, lines[seed % lines.length]], seed);
    const file = `shuffle-${seed}.jsonl`;
    fs.writeFileSync(path.join(dir, file), `${stream.join('\n')}\n`);
    const r = track(['--json', file]);
    assertNoToken(r);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(finalStates(report), FINAL_STATES, `${file}:\n${stream.join('\n')}`);
    assert.equal(report.deliveries, 8);
    assert.equal(report.operations.reduce((n, o) => n + o.deliveries, 0), 8);
    const ignored = report.operations.reduce((n, o) => n + o.ignored.duplicate, 0);
    assert.ok(ignored >= 1, `${file}: the duplicate was not ignored`);
    for (const op of report.operations) {
      for (const [kind, n] of Object.entries(op.ignored)) if (n > 0) seen.add(kind);
      assert.equal(op.ignored.conflict, 0);
    }
  }
  // The seeds cover every way a delivery is ignored here.
  assert.deepEqual([...seen].sort(), ['afterFinal', 'duplicate', 'outOfOrder']);
});

test('CLI track: several files, standard input and a pretty-printed document make one stream', () => {
  const dir = trackProject();
  const single = JSON.parse(track(['--json', 'stream.jsonl']).stdout);
  // part1: lines 1-3 of stream.jsonl; stdin: lines 4-7 (CRLF, a trailing blank line); part3: line 8, pretty-printed.
  const r = track(['--json', 'part1.jsonl', '-', 'part3.json'], { input: fs.readFileSync(path.join(dir, 'part2.jsonl')) });
  assertNoToken(r);
  const split = JSON.parse(r.stdout);
  assert.deepEqual(split.inputs, [
    { name: 'part1.jsonl', format: 'lines', documents: 3 },
    { name: '<stdin>', format: 'lines', documents: 4 },
    { name: 'part3.json', format: 'document', documents: 1 },
  ]);
  const withoutPlaces = (report) => report.operations.map((o) => ({ ...o, timeline: o.timeline.map(({ file, line, ...rest }) => rest) }));
  assert.deepEqual(withoutPlaces(split), withoutPlaces(single));
  assert.deepEqual(split.counts, single.counts);
  assert.deepEqual(split.issues, []);
  const a = split.operations.find((o) => o.id === OP_A);
  const b = split.operations.find((o) => o.id === OP_B);
  assert.deepEqual(a.timeline.map((e) => [e.file, e.line, e.kind]), [
    ['part1.jsonl', 2, 'new'],
    ['<stdin>', 1, 'advanced'],
    ['<stdin>', 2, 'duplicate'],
    ['<stdin>', 4, 'afterFinal'],
  ]);
  assert.deepEqual(b.timeline.map((e) => [e.file, e.line, e.kind]), [
    ['part1.jsonl', 1, 'new'],
    ['part1.jsonl', 3, 'outOfOrder'],
    ['part3.json', 1, 'advanced'],
  ]);
  // The same in the table.
  const human = track(['part1.jsonl', '-', 'part3.json'], { input: fs.readFileSync(path.join(dir, 'part2.jsonl')) });
  assert.match(human.stdout, /^valid: 8 documents from 3 inputs, 8 deliveries \(5 applied, 3 ignored\)/m);
});

test('CLI track: exit 1 for invalid documents (reported as file:line:column, the table still printed), --strict', () => {
  const dir = trackProject();
  const stream = fs.readFileSync(path.join(dir, 'stream.jsonl'), 'utf8').trim().split('\n');
  const bad = Buffer.concat([
    Buffer.from(`${stream[1]}\n`), // 1: A running
    Buffer.from('{"value": [{"changeType": "deleted", \n'), // 2: cut off
    Buffer.from('{"id": "x1", "status": 3}\n'), // 3: wrong type
    Buffer.from('{"id": "x2", '), Buffer.from([0xff]), Buffer.from('"status": "running"}\n'), // 4: not UTF-8
    Buffer.from('\n'), // 5: blank
    Buffer.from(`${stream[3]}\n`), // 6: A completed
  ]);
  fs.writeFileSync(path.join(dir, 'bad.jsonl'), bad);
  const r = track(['--json', 'bad.jsonl'], { expect: 1 });
  assertNoToken(r);
  const report = JSON.parse(r.stdout);
  assert.equal(report.valid, false);
  assert.deepEqual(report.issues.map((i) => [i.file, i.line, i.column, i.path, i.code, i.severity]), [
    ['bad.jsonl', 2, 38, '/value/0', 'json_syntax', 'error'],
    ['bad.jsonl', 3, 24, '/status', 'wrong_type', 'error'],
    ['bad.jsonl', 4, null, '', 'invalid_utf8', 'error'],
  ]);
  // The lines around the bad ones were fed.
  assert.deepEqual(report.operations.map((o) => [o.id, o.status, o.final]), [[OP_A, 'completed', true], ['x1', null, false]]);
  const human = track(['bad.jsonl'], { expect: 1 });
  assertNoToken(human);
  const out = human.stdout.split('\n');
  assert.match(out[0], /^bad\.jsonl:2:38: error json_syntax at \/value\/0: /);
  assert.match(out[1], /^bad\.jsonl:3:24: error wrong_type at \/status: /);
  assert.match(out[2], /^bad\.jsonl:4: error invalid_utf8 at \(document\): /);
  assert.match(human.stdout, new RegExp(`^${OP_A} +completed +yes `, 'm'));
  assert.match(human.stdout, /^INVALID: 5 documents from 1 input, 3 deliveries .*3 errors and 0 warnings on 3 lines\.$/m);

  // Warnings pass, unless --strict.
  fs.writeFileSync(path.join(dir, 'casing.jsonl'), '{"id": "op-1", "status": "Running"}\n{"id": "op-1", "status": "Completed"}\n');
  const lenient = JSON.parse(track(['--json', 'casing.jsonl']).stdout);
  assert.deepEqual(lenient.issues.map((i) => [i.line, i.code, i.severity]), [[1, 'enum_case', 'warning'], [2, 'enum_case', 'warning']]);
  assert.deepEqual(lenient.operations.map((o) => [o.id, o.status]), [['op-1', 'completed']]);
  const strict = JSON.parse(track(['--strict', '--json', 'casing.jsonl'], { expect: 1 }).stdout);
  assert.equal(strict.strict, true);
  assert.deepEqual(strict.issues.map((i) => [i.line, i.code, i.severity]), [[1, 'enum_case', 'error'], [2, 'enum_case', 'error']]);
  assert.match(track(['--strict', 'casing.jsonl'], { expect: 1 }).stdout, /^INVALID \(strict\): /m);

  // A pretty-printed document with a syntax error is one document, its error reported once.
  fs.writeFileSync(path.join(dir, 'broken.json'), '{\n  "id": "p1",\n  "status": "running",\n}\n');
  const broken = JSON.parse(track(['--json', 'broken.json'], { expect: 1 }).stdout);
  assert.deepEqual(broken.inputs, [{ name: 'broken.json', format: 'document', documents: 1 }]);
  assert.deepEqual(broken.issues.map((i) => [i.line, i.column, i.code]), [[4, 1, 'json_syntax']]);
  // An id with terminal control characters is shown escaped.
  fs.writeFileSync(path.join(dir, 'escape.jsonl'), '{"id": "op\\u001b[2J", "status": "running"}\n');
  const escaped = track(['escape.jsonl']);
  assert.ok(!escaped.stdout.includes('\u001b'), 'a control character reached the terminal');
  assert.match(escaped.stdout, /^op\\u001b\[2J +running /m);
});

test('CLI track: exit 2 for usage errors and unreadable inputs; empty input is valid', () => {
  const dir = trackProject();
  assert.match(track([], { expect: 2 }).stderr, /missing input[\s\S]*Usage: graph-record-operation validate[\s\S]*graph-record-operation track/);
  assert.match(track(['--bogus', 'stream.jsonl'], { expect: 2 }).stderr, /unknown option '--bogus'/);
  assert.match(track(['-', '-'], { input: '', expect: 2 }).stderr, /only once/);
  const missing = track(['stream.jsonl', 'does-not-exist.jsonl'], { expect: 2 });
  assert.match(missing.stderr, /cannot read does-not-exist\.jsonl/);
  assert.equal(missing.stdout, '', 'nothing is printed when an input cannot be read');
  track(['.'], { expect: 2 });
  assert.match(run(path.join(dir, 'node_modules', '.bin', 'graph-record-operation'), ['--help'], { cwd: dir }).stdout, /track \[--strict\] \[--json\] <file\.\.\.\|->/);
  // No documents at all: nothing wrong with the stream.
  const empty = JSON.parse(track(['--json', '-'], { input: '\n\n' }).stdout);
  assert.deepEqual([empty.valid, empty.documents, empty.operations, empty.counts.total], [true, 0, [], 0]);
});

test("the README's command-line example (track) prints what it says", () => {
  const dir = trackProject();
  const readme = fs.readFileSync(path.join(pkgDir, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map(([, lang, code]) => ({ lang, code }));
  const data = blocks.filter((b) => b.lang === 'jsonl');
  const sessions = blocks.filter((b) => b.lang === 'console');
  assert.equal(data.length, 1, 'the README has one jsonl example');
  assert.ok(sessions.length >= 1, 'the README has no console example');
  fs.writeFileSync(path.join(dir, 'notifications.jsonl'), data[0].code);
  for (const { code } of sessions) {
    // "$ command" lines, each followed by its output.
    const steps = code.split(/^\$ /m).filter(Boolean);
    for (const step of steps) {
      const [command, ...output] = step.replace(/\n$/, '').split('\n');
      assert.match(command, /^npx graph-record-operation /, `unexpected command in the README: ${command}`);
      const r = run('sh', ['-c', command], { cwd: dir });
      assert.equal(r.stdout.replace(/\n$/, ''), output.join('\n'), `README: $ ${command}`);
    }
  }
});

test('Vite build (one .wasm) and Vite dev server: the page shows the parsed value in Chromium', async () => {
  const dir = project('vite', { files: ['vite/index.html', 'vite/main.js'] });
  run(bin('vite'), ['build', '--logLevel', 'warn'], { cwd: dir });
  const dist = path.join(dir, 'dist');
  const wasm = filesUnder(dist).filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `the Vite build holds ${wasm.length} .wasm files: ${wasm.join(', ')}`);
  await chromium();
  await textInBrowser(dist, 'index.html', '#status', 'running 200 wrong_type');

  // The dev server too (it pre-bundles dependencies, a classic way to lose the .wasm).
  const { createServer } = await import('vite');
  const server = await createServer({
    root: dir,
    configFile: false,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  try {
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(server.resolvedUrls.local[0]);
    await tab.waitForFunction(() => document.querySelector('#status')?.textContent !== 'pending', null, { timeout: 15_000 }).catch(() => {});
    assert.equal(await tab.textContent('#status'), 'running 200 wrong_type', errors.join('\n'));
    await tab.close();
  } finally {
    await server.close();
  }
});

test('webpack 5 build: the page shows the parsed value in Chromium', async () => {
  const dir = project('webpack', { files: ['webpack/main.js', 'webpack/webpack.config.js'] });
  run(bin('webpack'), ['--config', 'webpack.config.js', '--no-color'], { cwd: dir });
  const dist = path.join(dir, 'dist');
  fs.copyFileSync(path.join(fixtures, 'webpack', 'index.html'), path.join(dist, 'index.html'));
  const wasm = filesUnder(dist).filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `the webpack build holds ${wasm.length} .wasm files`);
  await chromium();
  await textInBrowser(dist, 'index.html', '#status', 'running 200 wrong_type');
});

test('a plain <script type="module"> page and the README page example work in Chromium', async () => {
  const dir = project('page', { files: ['page/index.html'] });
  const html = readmeBlocks().filter((b) => b.lang === 'html');
  assert.equal(html.length, 1, 'the README has one HTML example');
  fs.writeFileSync(path.join(dir, 'readme.html'), html[0].code);
  const expected = /textContent = .*\/\/ (.*)$/m.exec(html[0].code)[1].trim();
  await chromium();
  await textInBrowser(dir, 'index.html', '#status', 'running 200 wrong_type');
  await textInBrowser(dir, 'readme.html', '#status', expected);
});
