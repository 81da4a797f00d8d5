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
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

let tmp;
let tarball;
let browser;

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
  if (browser) await browser.close();
  if (tmp && process.env.KEEP_TMP !== '1') fs.rmSync(tmp, { recursive: true, force: true });
  else if (tmp) console.log(`kept ${tmp}`);
});

async function chromium() {
  if (!browser) {
    const { chromium: launcher } = await import('playwright-core');
    // A persistent context gives Chromium a fresh --user-data-dir of our own.
    browser = await launcher.launchPersistentContext(fs.mkdtempSync(path.join(tmp, 'chromium-profile-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
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
    'web/graph_record_operation.js',
    'web/graph_record_operation_bg.wasm',
    'bin/graph-record-operation.js',
  ]) {
    assert.ok(files.includes(required), `${required} missing from the tarball: ${files.join(', ')}`);
  }
  const unexpected = files.filter((f) => !/^(package\.json|README\.md|LICENSE|index\.(node\.cjs|node\.mjs|web\.js)|graph_record_operation\.d\.c?ts|style\.css|bin\/[^/]+\.js|node\/.+|web\/.+)$/.test(f) || f.endsWith('.d.ts') && f.includes('/'));
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

/** The README's fenced code blocks, with the language of each. */
function readmeBlocks() {
  const readme = fs.readFileSync(path.join(pkgDir, 'README.md'), 'utf8');
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
  npx(['validate', '-'], { input: Buffer.from([0x7b, 0xff, 0x7d]), expect: 1 });

  // Exit 2: usage errors and unreadable input.
  assert.match(npx([], { expect: 2 }).stderr, /Usage: graph-record-operation validate/);
  npx(['validate'], { expect: 2 });
  npx(['check', 'clean.json'], { expect: 2 });
  npx(['validate', '--bogus', 'clean.json'], { expect: 2 });
  npx(['validate', 'clean.json', 'invalid.json'], { expect: 2 });
  assert.match(npx(['validate', 'does-not-exist.json'], { expect: 2 }).stderr, /cannot read/);
  npx(['validate', '.'], { expect: 2 });
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
