// Instantiation time in headless Chromium: from `import()` of the package's browser entry to the
// module being ready to parse (its top-level await has instantiated the wasm), served from
// 127.0.0.1. Each cold sample is a fresh browser with a fresh --user-data-dir (empty HTTP and code
// caches); warm samples are reloads in the same browser.
//
//   node instantiate.js [--samples N]      prints a summary and writes out/instantiate.json
import { createServer } from 'node:http';
import { readFileSync, existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PKG_DIR } from './ours.js';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const SAMPLES = Number(argv[argv.indexOf('--samples') + 1] || 9) || 9;
const WARM = 3;
const rootRequire = createRequire(join(here, '..', 'package.json'));
const { chromium } = rootRequire('playwright-core');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

if (!existsSync(join(PKG_DIR, 'index.web.js'))) {
  console.error(`instantiate: ${PKG_DIR}/index.web.js not found (build the package first)`);
  process.exit(1);
}

const SAMPLE = '{"@odata.type":"#microsoft.graph.recordOperation","id":"0fe0623f-d628-42ed-b4bd-8ac290072cc5","status":"completed","resultInfo":{"code":200,"subcode":8515}}';
const PAGE_E2E = `<!doctype html><meta charset="utf-8"><title>end to end</title>
<script type="module">
const t0 = performance.now();
const m = await import('/pkg/index.web.js');
const t1 = performance.now();
const op = m.RecordOperation.parse(${JSON.stringify(SAMPLE)});
const status = op.status; op.free();
const t2 = performance.now();
const resources = performance.getEntriesByType('resource').map((e) => ({ name: e.name.split('/').pop(), start: +(e.startTime - t0).toFixed(2), end: +(e.responseEnd - t0).toFixed(2) }));
window.__result = { readyMs: t1 - t0, firstParseMs: t2 - t1, status, resources };
</script>`;
// Instantiation alone: the glue module and the .wasm bytes are fetched first (not timed), then
// init() compiles and instantiates the bytes and runs the start function: what a page pays once the
// bytes are there, with nothing cached (a fresh browser per sample).
const PAGE_BYTES = `<!doctype html><meta charset="utf-8"><title>instantiate</title>
<script type="module">
const glue = await import('/pkg/web/graph_record_operation.js');
const { createApi } = await import('/pkg/api.js');
const bytes = await (await fetch('/pkg/web/WASM_NAME')).arrayBuffer();
await new Promise((r) => setTimeout(r, 100));
const t0 = performance.now();
await glue.default({ module_or_path: bytes });
// What the package's entry does next: the JS-built API over the instance's plain exports.
const api = createApi(glue);
const t1 = performance.now();
const op = api.RecordOperation.parse(${JSON.stringify(SAMPLE)});
const status = op.status; op.free();
const t2 = performance.now();
window.__result = { instantiateMs: t1 - t0, firstParseMs: t2 - t1, status, bytes: bytes.byteLength };
</script>`;

const wasmName = (await import('node:fs')).readdirSync(join(PKG_DIR, 'web')).find((f) => f.endsWith('.wasm'));
const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.css': 'text/css' };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname === '/blank') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>blank</title>');
    return;
  }
  if (url.pathname === '/e2e' || url.pathname === '/bytes') {
    res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-cache' });
    res.end((url.pathname === '/e2e' ? PAGE_E2E : PAGE_BYTES).replace('WASM_NAME', wasmName));
    return;
  }
  if (url.pathname.startsWith('/pkg/')) {
    const file = normalize(join(PKG_DIR, url.pathname.slice(5)));
    if (file.startsWith(PKG_DIR) && existsSync(file) && statSync(file).isFile()) {
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=3600' });
      res.end(readFileSync(file));
      return;
    }
  }
  res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const cold = [];
const warm = [];
const inst = [];
let browserVersion = null;
try { browserVersion = (await import('node:child_process')).execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { /* unknown */ }
async function withBrowser(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'gro-bench-chromium-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.error('page error:', e.message));
    // Let the fresh browser finish starting up and connect to the origin before measuring (its
    // HTTP cache is still empty for the package's files).
    await page.goto(`${origin}/blank`);
    await page.waitForTimeout(500);
    
    return await fn(page);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
const result_ = (page) => page.waitForFunction(() => window.__result).then((h) => h.jsonValue());
try {
  for (let i = 0; i < SAMPLES; i++) {
    inst.push(await withBrowser(async (page) => { await page.goto(`${origin}/bytes`); return result_(page); }));
    await withBrowser(async (page) => {
      await page.goto(`${origin}/e2e`);
      cold.push(await result_(page));
      for (let w = 0; w < WARM; w++) {
        await page.reload();
        warm.push(await result_(page));
      }
    });
    process.stderr.write(`\rinstantiate: sample ${i + 1}/${SAMPLES}  `);
  }
  process.stderr.write('\n');
} finally {
  server.close();
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const col = (rows, k) => rows.map((r) => r[k]).filter((x) => x != null);
const summaryOf = (rows) => ({
  readyMedianMs: median(col(rows, 'readyMs')), readyMinMs: Math.min(...col(rows, 'readyMs')), readyMaxMs: Math.max(...col(rows, 'readyMs')),
  firstParseMedianMs: median(col(rows, 'firstParseMs')),
});
const instMs = col(inst, 'instantiateMs');
const instPlusFirst = inst.map((r) => r.instantiateMs + r.firstParseMs);
const result = {
  date: new Date().toISOString(), chromium: browserVersion, samples: SAMPLES,
  instantiate: { medianMs: median(instMs), minMs: Math.min(...instMs), maxMs: Math.max(...instMs), firstParseMedianMs: median(col(inst, 'firstParseMs')), withFirstParseMedianMs: median(instPlusFirst) },
  endToEndCold: summaryOf(cold), endToEndWarm: summaryOf(warm), raw: { inst, cold, warm },
};
const c = result.endToEndCold, w = result.endToEndWarm, n = result.instantiate;
result.met = n.medianMs < 10;
result.summary = `${browserVersion ?? 'Chromium'} headless, ${SAMPLES} fresh browsers (new --user-data-dir each), files served from 127.0.0.1. ` +
  `**Instantiation** (init() with the ${wasmName} bytes already fetched: compile + instantiate + start, then the JS-built API set up, module ready to parse): median **${n.medianMs.toFixed(1)} ms** ` +
  `(min ${n.minMs.toFixed(1)}, max ${n.maxMs.toFixed(1)}); the first parse after it ${n.firstParseMedianMs.toFixed(2)} ms (V8 compiles wasm functions lazily on first call), so instantiation + first parse median **${n.withFirstParseMedianMs.toFixed(1)} ms**. ` +
  `Target < 10 ms: ${result.met ? 'met' : '**missed**'} (instantiation), ${n.withFirstParseMedianMs < 10 ? 'met' : '**missed**'} (with the first parse). ` +
  `End to end, import() of index.web.js until ready, including three sequential fetches (entry, glue, wasm) in a cold browser: median ${c.readyMedianMs.toFixed(1)} ms ` +
  `(min ${c.readyMinMs.toFixed(1)}, max ${c.readyMaxMs.toFixed(1)}); warm reload ${w.readyMedianMs.toFixed(1)} ms.`;
mkdirSync(join(here, 'out'), { recursive: true });
writeFileSync(join(here, 'out', 'instantiate.json'), JSON.stringify(result, null, 2));
console.log(result.summary);
