// The token stays secret in headless Chromium too (issue 6, item 5): the package's browser entry
// (pkg/index.web.js) loaded by a page from 127.0.0.1; `console.log(op)`, `String(op)` and errors,
// captured through the page's console events AND the DevTools protocol's console previews (what
// a developer sees in DevTools), never show the token; only `recordingAccessToken` and `toJSON()`
// do, and `{ redact: true }` removes it. Also: hostile `__proto__` payloads leave the page's
// `Object.prototype` untouched, and the page's API (TextDecoder, no Buffer) gives exactly what
// Node's gives on the corpus and generated payloads.
//
//   node --test tests/js/      (scripts/test-js.sh builds pkg/ first when it is missing)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../www/serve.mjs';
import { launchChromium, PKG_DIR } from './helpers.mjs';

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.browser-hardening-secret-51c2e8';
const SECRET = 'browser-hardening-secret-51c2e8';

let dir;
let server;
let browser;
let page;
let cdp;
/** Every console message of the page: Playwright's text and the DevTools previews. */
const consoleText = [];
const problems = [];

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gro-js-page-'));
  fs.symlinkSync(PKG_DIR, path.join(dir, 'pkg'), 'dir');
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>hardening</title>
<script type="module">
  import * as api from './pkg/index.web.js';
  window.api = api;
  document.title = 'ready';
</script>`,
  );
  server = await startServer({ root: dir, port: 0 });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (message) => consoleText.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  cdp = await browser.context.newCDPSession(page);
  await cdp.send('Runtime.enable');
  cdp.on('Runtime.consoleAPICalled', (event) => consoleText.push(`cdp: ${JSON.stringify(event.args)}`));
  await page.goto(server.url);
  await page.waitForFunction(() => document.title === 'ready', null, { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function assertNoSecret(text, what) {
  assert.ok(!String(text).includes(SECRET), `${what} shows the token: ${String(text).slice(0, 600)}`);
}

/** Runs `body` in the page (with `api`, `TOKEN` and `payload`) and returns the console lines it added. */
async function inPage(body, payload) {
  const start = consoleText.length;
  const result = await page.evaluate(
    ([source, token, text]) => {
      const fn = new Function('api', 'TOKEN', 'payload', source);
      return fn(window.api, token, text);
    },
    [body, TOKEN, payload],
  );
  // Console events arrive asynchronously: a marker logged last tells when all have.
  const marker = `marker-${Math.random()}`;
  await page.evaluate((m) => console.log(m), marker);
  await waitFor(() => consoleText.slice(start).some((line) => line.includes(marker)));
  await waitFor(() => consoleText.slice(start).filter((line) => line.includes(marker)).length >= 2);
  return { result, lines: consoleText.slice(start) };
}

async function waitFor(condition, timeout = 10_000) {
  const until = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting for console messages');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const completed = `{"@odata.type": "#microsoft.graph.recordOperation", "id": "0fe0623f-d628-42ed-b4bd-8ac290072cc5",
  "status": "completed", "completionReason": "maxRecordDurationReached", "resultInfo": {"code": 200, "subcode": 8515},
  "recordingLocation": "https://file.location/r1", "recordingAccessToken": "${TOKEN}"}`;

test('the capture really captures: a control logging the token itself shows up in both channels', async () => {
  const { lines } = await inPage('console.log("the token is", TOKEN);', '');
  assert.ok(lines.some((l) => l.startsWith('log:') && l.includes(SECRET)), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith('cdp:') && l.includes(SECRET)), lines.join('\n'));
});

test('console.log(op), String(op) and friends in Chromium never show the token; the getter and toJSON do', async () => {
  const { result, lines } = await inPage(
    `const op = api.RecordOperation.parse(payload);
     const any = api.parseAny('{"value": [' + payload + ']}');
     const fromAny = any.operations[0].operation;
     for (const o of [op, fromAny]) {
       console.log(o);
       console.log(String(o));
       console.log('%s', o);
       console.log('%o', o);
       console.info({ nested: { o } });
       console.warn([o]);
       console.error(o);
       console.dir(o);
       console.table([o]);
     }
     console.log(any);
     const redacted = op.toJSON({ redact: true });
     return {
       string: String(op),
       template: \`\${op}\`,
       getter: op.recordingAccessToken,
       toJSON: op.toJSON().recordingAccessToken,
       jsonStringify: JSON.stringify(op),
       redactedHasKey: Object.hasOwn(redacted, 'recordingAccessToken'),
       redacted: JSON.stringify(redacted),
       stringifyRedacted: op.stringify({ redact: true }),
       stringify: op.stringify(),
       keys: JSON.stringify([Object.keys(op), { ...op }]),
       fromAnyString: String(fromAny),
       fromAnyGetter: fromAny.recordingAccessToken,
     };`,
    completed,
  );
  assert.ok(lines.length >= 20, `${lines.length} console lines captured`);
  assert.ok(result.string.includes('0fe0623f-d628-42ed-b4bd-8ac290072cc5'), result.string);
  for (const line of lines) assertNoSecret(line, 'a console line');
  for (const key of ['string', 'template', 'redacted', 'stringifyRedacted', 'keys', 'fromAnyString']) {
    assertNoSecret(result[key], key);
  }
  assert.equal(result.getter, TOKEN);
  assert.equal(result.fromAnyGetter, TOKEN);
  assert.equal(result.toJSON, TOKEN);
  assert.ok(result.jsonStringify.includes(SECRET));
  assert.ok(result.stringify.includes(SECRET));
  assert.equal(result.redactedHasKey, false);
  assert.deepEqual(problems, []);
});

test('errors and validation messages in Chromium never show the token (valid and wrong-typed positions)', async () => {
  const payloads = [
    `{"id": "w1", "status": 5, "recordingAccessToken": "${TOKEN}"}`,
    `{"id": "w2", "status": "completed", "recordingAccessToken": ["${TOKEN}"]}`,
    `{"id": "w3", "status": "completed", "recordingAccessToken": {"t": "${TOKEN}"}}`,
    `{"id": "w4", "status": "completed", "recordingAccessToken": "${TOKEN}`,
    `{"id": "w5", "status": "completed", "recordingAccessToken": "${TOKEN}", "recordingAccessToken": "${TOKEN}"}`,
    `{"id": "w6", "status": "completed", "recordingAccessToken": "${TOKEN}\\ud800"}`,
    `{"id": "w7", "status": "completed", "resultInfo": {"code": "${TOKEN}"}, "recordResourceAccessToken": "${TOKEN}"}`,
  ];
  for (const payload of payloads) {
    const { result, lines } = await inPage(
      `const out = { texts: [], threw: 0 };
       for (const strict of [false, true]) {
         const v = api.validate(payload, { strict });
         out.texts.push(JSON.stringify(v));
         const any = api.parseAny(payload, { strict });
         out.texts.push(JSON.stringify([any.errors, any.warnings]));
         try {
           const op = api.RecordOperation.parse(payload, { strict });
           out.texts.push(String(op), JSON.stringify(op.warnings));
           console.log(op);
         } catch (error) {
           out.threw++;
           out.texts.push(error.message, String(error), error.stack, JSON.stringify(error.issues));
           console.error(error);
           console.log(error.issues);
         }
       }
       out.valid = api.validate(payload).valid;
       return out;`,
      payload,
    );
    assert.equal(result.valid, false, payload);
    assert.ok(result.threw >= 1, payload);
    for (const text of result.texts) assertNoSecret(text, `a message for ${payload.slice(0, 50)}`);
    for (const line of lines) assertNoSecret(line, 'a console line');
  }
});

test('hostile __proto__ payloads leave the page\'s Object.prototype untouched; the keys stay own properties', async () => {
  const { result } = await inPage(
    `const before = Reflect.ownKeys(Object.prototype).map(String).join();
     const op = api.RecordOperation.parse(payload);
     const extra = op.extraProperties;
     const json = op.toJSON();
     api.parseAny('[' + payload + ']').operations[0].operation.toJSON();
     api.validate(JSON.parse(payload));
     const d = (o, k) => Object.getOwnPropertyDescriptor(o, k);
     const nested = d(d(extra, '__proto__').value, '__proto__').value;
     return {
       untouched: before === Reflect.ownKeys(Object.prototype).map(String).join() && ({}).polluted === undefined,
       extraKeys: Object.getOwnPropertyNames(extra),
       jsonKeys: Object.getOwnPropertyNames(json),
       extraPlain: Object.getPrototypeOf(extra) === Object.prototype && Object.getPrototypeOf(json) === Object.prototype,
       nestedKeys: Object.getOwnPropertyNames(nested),
       nestedPlain: Object.getPrototypeOf(nested) === Object.prototype,
     };`,
    '{"id": "p", "__proto__": {"__proto__": {"polluted": 1}}, "constructor": {"prototype": {"polluted": 2}}, "prototype": 3}',
  );
  assert.deepEqual(result, {
    untouched: true,
    extraKeys: ['__proto__', 'constructor', 'prototype'],
    jsonKeys: ['id', '__proto__', 'constructor', 'prototype'],
    extraPlain: true,
    nestedKeys: ['polluted'],
    nestedPlain: true,
  });
});

/**
 * What a caller sees of every entry point for one input, as JSON-ready data. Source text, so the
 * page and Node run the very same function.
 */
const OBSERVE = `
  const run = (call) => { try { return { value: call() }; } catch (e) { return { thrown: [e.name, e.code, e.message, e.issues] }; } };
  const op = (o) => ({ id: o.id, odataType: o.odataType, clientContext: o.clientContext, status: o.status,
    completionReason: o.completionReason, resultInfo: o.resultInfo == null ? o.resultInfo : o.resultInfo.toJSON(),
    recordingLocation: o.recordingLocation, token: o.recordingAccessToken, isTerminal: o.isTerminal,
    isSuccess: o.isSuccess, extra: JSON.stringify(o.extraProperties), warnings: o.warnings, text: o.stringify(),
    summary: String(o) });
  // As JSON text, with undefined kept apart from absent and from null.
  const keepUndefined = (key, value) => (value === undefined ? '(undefined)' : value);
  return JSON.stringify(inputs.map((input) => [
    run(() => api.validate(input)),
    run(() => op(api.RecordOperation.parse(input))),
    run(() => { const a = api.parseAny(input); return { ...a, operations: a.operations.map((e) => ({ ...e, operation: op(e.operation) })) }; }),
  ]), keepUndefined);
`;

test('the browser build gives exactly what the Node build gives (TextDecoder and no Buffer in the page)', async () => {
  const { readCorpusInputs } = await import('./corpus-inputs.mjs');
  const { REPO } = await import('./helpers.mjs');
  const { pathToFileURL } = await import('node:url');
  const { singlePayloads, collectionPayload } = await import(pathToFileURL(path.join(REPO, 'bench', 'generate.js')).href);
  const corpus = readCorpusInputs(fs.readFileSync(path.join(REPO, 'tests', 'corpus', 'bad-inputs.txt'), 'utf8'))
    .filter((c) => typeof c.input === 'string' && c.input.length < 65536)
    .map((c) => c.input);
  const inputs = [...corpus, ...singlePayloads(300).texts, collectionPayload(60).text, completed];
  assert.ok(inputs.length > 600, `${inputs.length} inputs`);
  const inPageResult = JSON.parse(
    await page.evaluate(([source, list]) => new Function('api', 'inputs', source)(window.api, list), [OBSERVE, inputs]),
  );
  const { loadPackage } = await import('./helpers.mjs');
  const nodeApi = await loadPackage();
  const inNode = JSON.parse(new Function('api', 'inputs', OBSERVE)(nodeApi, inputs));
  assert.equal(inPageResult.length, inNode.length);
  for (let i = 0; i < inNode.length; i++) {
    assert.deepStrictEqual(inPageResult[i], inNode[i], `input ${i}: ${JSON.stringify(inputs[i]).slice(0, 200)}`);
  }
});
