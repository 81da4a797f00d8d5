// The package's `validate`, `parseAny` and `RecordOperation` are built in JavaScript on plain wasm
// exports (pkg-template/api.js over src/bindings/raw.rs). The reference package
// (scripts/build-reference.sh: the same sources with the `reference-bindings` feature) has them
// built in Rust with wasm-bindgen (src/bindings/functions.rs, operation.rs), as the wasm-bindgen-test
// suites check case by case. This test feeds both the same inputs and requires identical results:
// every issue (path, code, severity, message, line,
// column), every getter, `stringify()` with each write option, `toJSON()`, `toString()`,
// `extraProperties`, `warnings`, and thrown errors (name, code, message, issues).
//
// Inputs: every case of the bad-input corpus (tests/corpus/bad-inputs.txt: text, raw bytes, JS
// strings with lone surrogates) in lenient and strict mode with its options; the benchmark's
// generated payloads (bench/generate.js: both casings, numbers as strings, non-ASCII, extra
// properties, pretty-printed, invalid ones) single and as a collection; text with escapes and
// characters outside the BMP; and the same payloads as bytes, as parsed objects and as
// `RecordOperation`s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { PKG_DIR, REFERENCE_PKG_DIR, REPO } from './helpers.mjs';
import { readCorpusInputs } from './corpus-inputs.mjs';

const require = createRequire(import.meta.url);
// GRO_COPY_PATH=encode-into: the same API built without Node's UTF-16 copy, so that strings go in
// with TextEncoder.encodeInto and lone surrogates through the LONE_UNCHECKED retry, as in browsers
// (scripts/test-js.sh runs this file both ways).
const ENCODE_INTO = process.env.GRO_COPY_PATH === 'encode-into';
const api = ENCODE_INTO
  ? require(path.join(PKG_DIR, 'api.cjs')).createApi(require(path.join(PKG_DIR, 'node', 'graph_record_operation.cjs')), null)
  : require(path.join(PKG_DIR, 'index.node.cjs'));
// The reference package's wasm-bindgen module itself (its entry, like the real one's, would put the
// JavaScript-built API in front of the Rust-built classes).
const reference = require(path.join(REFERENCE_PKG_DIR, 'node', 'graph_record_operation.cjs'));
const { singlePayloads, collectionPayload } = await import(
  pathToFileURL(path.join(REPO, 'bench', 'generate.js')).href
);

test('the package is the fast path and the reference is the wasm-bindgen one', () => {
  const glue = require(path.join(PKG_DIR, 'node', 'graph_record_operation.cjs'));
  for (const name of ['validate', 'parseAny', 'RecordOperation', 'ResultInfo', 'isRecordOperationError']) {
    assert.equal(glue[name], undefined, `the package's wasm module has no ${name} of its own`);
    assert.equal(typeof api[name], 'function', name);
  }
  assert.equal(typeof reference.RecordOperation, 'function', 'the reference has the Rust-built class');
  assert.equal(typeof reference.RecordOperation.prototype.free, 'function');
  assert.ok(Object.hasOwn(reference.RecordOperation.prototype, '__destroy_into_raw'), 'a wasm-bindgen class');
});

/** What a caller can observe of an operation, as plain data. */
function observe(op) {
  const info = op.resultInfo;
  return {
    id: op.id,
    odataType: op.odataType,
    clientContext: op.clientContext,
    status: op.status,
    completionReason: op.completionReason,
    resultInfo: info == null ? info : { ...info.toJSON(), code: info.code, subcode: info.subcode, message: info.message, category: info.category },
    recordingLocation: op.recordingLocation,
    recordingAccessToken: op.recordingAccessToken,
    isTerminal: op.isTerminal,
    isSuccess: op.isSuccess,
    extraProperties: asJson(op.extraProperties),
    extraKeys: Reflect.ownKeys(op.extraProperties),
    warnings: op.warnings,
    stringify: op.stringify(),
    pascal: op.stringify({ pascalCaseStatus: true }),
    redacted: op.stringify({ redact: true }),
    toJSON: asJson(op.toJSON()),
    toString: op.toString(),
  };
}

/**
 * JSON text of a value, so very deep values compare without recursion (assert's deep equality
 * recurses); past what JSON.stringify can nest, the `stringify()` comparison still holds.
 */
function asJson(value) {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (error instanceof RangeError) return 'too deep for JSON.stringify';
    throw error;
  }
}

function run(call) {
  try {
    return { value: call() };
  } catch (error) {
    return {
      thrown: {
        isError: error instanceof Error,
        // The package's errors are a subclass of Error (its `issues` is a getter), the reference's
        // plain Errors: the same to anything but the constructor's name.
        constructor: error?.constructor?.name === 'RecordOperationError' ? 'Error' : error?.constructor?.name,
        name: error?.name,
        code: error?.code,
        message: error?.message,
        issues: error?.issues,
        json: asJson(error),
      },
    };
  }
}

/**
 * A `validate` result as the plain object the reference returns. Its `errors` and `warnings` are
 * getters, built from a second, full read when the first only decided the verdict: `toJSON` must
 * give the same, and reading them twice the same arrays.
 */
function observeValidation(result) {
  assert.deepStrictEqual(Object.keys(result), ['valid']);
  const { valid } = result;
  const errors = result.errors;
  assert.equal(result.errors, errors);
  const plain = { valid, errors, warnings: result.warnings };
  assert.deepStrictEqual(result.toJSON(), plain);
  return plain;
}

/**
 * A `parseAny` result as plain data. The package builds its warnings (the payload's and each
 * operation's) on a second read when first asked for: every other call reads the operations'
 * first, to check both orders.
 */
function observeAny(payload) {
  const observeOperations = () => payload.operations.map((entry) => ({ ...entry, operation: observe(entry.operation) }));
  if (compared % 2 === 0) return { ...payload, operations: observeOperations() };
  const operations = observeOperations();
  return { ...payload, operations };
}

let compared = 0;

/** Requires the same results from both paths for one input and options. */
function compare(input, options, what) {
  const fast = run(() => observeValidation(api.validate(input, options)));
  const slow = run(() => reference.validate(input, options));
  assert.deepStrictEqual(fast, slow, `${what}: validate`);

  const fastOp = run(() => observe(api.RecordOperation.from(input, options)));
  const slowOp = run(() => observe(reference.RecordOperation.from(input, options)));
  assert.deepStrictEqual(fastOp, slowOp, `${what}: RecordOperation.from`);

  const fastAny = run(() => observeAny(api.parseAny(input, options)));
  const slowAny = run(() => observeAny(reference.parseAny(input, options)));
  assert.deepStrictEqual(fastAny, slowAny, `${what}: parseAny`);
  compared++;
}

test('every corpus case gives the same results on both paths, lenient and strict', () => {
  const cases = readCorpusInputs(readFileSync(path.join(REPO, 'tests', 'corpus', 'bad-inputs.txt'), 'utf8'));
  assert.ok(cases.length > 400, `only ${cases.length} corpus cases`);
  for (const c of cases) {
    for (const strict of [false, true]) {
      const options = { strict };
      if (c.maxInputBytes !== undefined) options.maxInputBytes = c.maxInputBytes;
      if (c.maxDepth !== undefined) options.maxDepth = c.maxDepth;
      compare(c.input, options, `${c.name} (${strict ? 'strict' : 'lenient'})`);
    }
  }
});

test('generated payloads (the benchmark data) give the same results as text, bytes, objects and operations', () => {
  const { texts } = singlePayloads(1500, 0x5eed2026);
  const encoder = new TextEncoder();
  for (const [i, text] of texts.entries()) {
    compare(text, undefined, `payload ${i}`);
    if (i % 5 === 0) compare(text, { strict: true }, `payload ${i} strict`);
    if (i % 7 === 0) compare(encoder.encode(text), undefined, `payload ${i} as bytes`);
    if (i % 11 === 0) compare(encoder.encode(text).buffer, undefined, `payload ${i} as an ArrayBuffer`);
    if (i % 13 === 0) compare(JSON.parse(text), undefined, `payload ${i} as an object`);
    if (i % 17 === 0) {
      const op = run(() => api.RecordOperation.parse(text));
      if (op.value) compare(op.value, undefined, `payload ${i} as a RecordOperation`);
    }
  }
});

test('a generated collection gives the same results, as text and as bytes', () => {
  const collection = collectionPayload(400);
  const text = collection.text ?? collection;
  compare(text, undefined, 'collection');
  compare(new TextEncoder().encode(text), undefined, 'collection as bytes');
  compare(text, { strict: true }, 'collection strict');
});

test('ASCII and non-ASCII operations mixed in one payload map to the same strings', () => {
  // raw.rs converts offsets into an ASCII operation by a shift and walks the others; a
  // notification's changeType and resourceUrl lie before or after its operations (and are
  // remembered for the next operation), a nextLink before or after every operation.
  const ascii = (i) => ({ id: `op-${i}`, status: 'running', clientContext: `ctx-${i}`, resultInfo: { code: 200, message: 'ok' } });
  const wide = (i) => ({ id: `op-é${i}`, status: 'completed', clientContext: `😀 ${i}`, recordingLocation: `https://x/ü${i}`, resultInfo: { code: 200, subcode: 8515, message: 'é' } });
  const operations = [ascii(0), wide(1), ascii(2), ascii(3), wide(4), wide(5), ascii(6)];
  const notify = (operation, i) => ({ changeType: i % 2 ? 'updated' : 'créated', resourceUrl: `/communications/calls/c${i % 3 ? '' : 'ü'}/operations/${operation.id}`, resourceData: operation });
  // One notification whose resourceData is an array: its operations share its changeType and
  // resourceUrl, written before or after the array.
  const shared = { changeType: 'updated', resourceUrl: '/communications/calls/ü/operations' };
  const inputs = [
    JSON.stringify({ value: operations.map(notify) }),
    JSON.stringify({ value: operations.map(notify) }, null, 2),
    JSON.stringify({ value: [notify(ascii(9), 0), { ...shared, resourceData: operations }] }),
    JSON.stringify({ value: [notify(wide(9), 0), { resourceData: operations, ...shared }, notify(ascii(8), 1)] }),
    JSON.stringify({ '@odata.nextLink': 'https://n/é?$skip=7', value: operations }),
    JSON.stringify({ value: operations, '@odata.nextLink': 'https://n/é?$skip=7' }),
    JSON.stringify(operations.map((operation, i) => (i % 2 ? { ...operation, id: 5 } : operation))),
  ];
  for (const [i, text] of inputs.entries()) {
    compare(text, undefined, `mixed ${i}`);
    compare(new TextEncoder().encode(text), undefined, `mixed ${i} as bytes`);
  }
});

test('escapes, characters outside the BMP and non-ASCII keys map to the same strings and positions', () => {
  const inputs = [
    '{"id":"😀-op","status":"Running","clientContext":"ctx 😀 é","recordingLocation":"https://x/ü","extra😀":{"a":"😀"},"resultInfo":{"code":"500","message":"𝄞 ok"}}',
    '{"id":"\\u0041\\ud83d\\ude00","status":"\\u0063ompleted","clientContext":"a\\nb","recordingAccessToken":"tok\\u00e9n","z":1}',
    JSON.stringify({ value: [{ id: '😀', status: 'failed', resultInfo: { code: 404 } }, { id: 'é', status: 7 }, { '@odata.type': '#microsoft.graph.playPromptOperation', id: '𝄞' }], '@odata.nextLink': 'https://n/😀' }),
    JSON.stringify({ value: [{ changeType: 'updated', resourceUrl: '/communications/calls/😀/operations/op', resourceData: { id: 'op😀', status: 'running' } }] }),
    '[{"id":"a😀","status":"completed"},{"id":"b","status":"RUNNING","é":"😀"}]',
    '  {"id":"ws","status":"notStarted"}  ',
    '{"id":"dup","id":"dup2"}',
    // A real U+FFFD (the bytes wasm takes for a lone surrogate's replacement), with and without one.
    '{"id":"\ufffd-op","status":"running","x":"é"}',
    '{"id":"\ufffd-op","status":"running","x":"\ud800"}',
    '{"id":"op","status":"running","x":"\udc00\ufffd"}',
    // Lone surrogates with warnings (and errors): the issues built on a second read must find the
    // lone surrogate again, on both copy paths.
    '[{"id":"x\udc00","status":"Running"}]',
    '{"id":"x\ud800","status":"Running","resultInfo":{"code":"200"}}',
    '{"id":5,"status":"Running","x":"\ud800"}',
    JSON.stringify({ value: [{ id: 'a', status: 'Running' }, { id: 'b\udc00', status: 'COMPLETED' }] }),
  ];
  for (const [i, text] of inputs.entries()) {
    compare(text, undefined, `special ${i}`);
    compare(text, { strict: true }, `special ${i} strict`);
    compare(new TextEncoder().encode(text), undefined, `special ${i} as bytes`);
  }
});

test("validate's errors and warnings can be assigned, as on a plain object", () => {
  'use strict';
  const result = api.validate('{"id":5,"status":"Running"}');
  result.valid = true; // a caller's own change does not make the second read disagree
  assert.deepEqual(result.errors.map((issue) => issue.code), ['wrong_type']);
  const lazy = api.validate('{"id":"op","status":"Running"}');
  lazy.errors = ['mine'];
  assert.deepEqual(lazy.errors, ['mine']);
  assert.deepEqual(lazy.warnings.map((issue) => issue.code), ['enum_case']);
  lazy.warnings = [];
  assert.deepEqual(lazy.toJSON(), { valid: true, errors: ['mine'], warnings: [] });
  // Any value, null included, is kept as assigned and read back without reading again.
  for (const text of ['{"id":"op","status":"running"}', '{"id":5,"status":"Running"}']) {
    const result = api.validate(text);
    result.errors = null;
    assert.equal(result.errors, null);
    assert.equal(result.warnings.length, text.includes('Running') ? 1 : 0);
  }
});

test('bad options and bad inputs throw the same TypeErrors on both paths', () => {
  const good = '{"id":"o","status":"running"}';
  const badOptions = [5, 'x', true, { strict: 1 }, { maxDepth: 0 }, { maxDepth: 1.5 }, { maxInputBytes: -1 }, { maxIssues: 2 ** 32 }, { maxIssues: '3' }];
  for (const options of badOptions) compare(good, options, `options ${JSON.stringify(options)}`);
  for (const input of [undefined, () => 1, Symbol('s'), new Int16Array(2), new DataView(new ArrayBuffer(2)), 10n]) {
    compare(input, undefined, `input ${typeof input}`);
  }
  const op = api.RecordOperation.parse(good);
  const slowOp = reference.RecordOperation.parse(good);
  for (const options of [5, { redact: 'yes' }, { pascalCaseStatus: 1 }]) {
    assert.deepStrictEqual(run(() => op.stringify(options)), run(() => slowOp.stringify(options)), `stringify(${JSON.stringify(options)})`);
  }
  assert.deepStrictEqual(op.toJSON('key'), slowOp.toJSON('key'), 'toJSON(key) from JSON.stringify');
  const thrownBy = (parse) => {
    try {
      parse('{"id": 1}');
    } catch (error) {
      return error;
    }
    assert.fail('no error');
  };
  const named = new TypeError('t');
  named.name = 'RecordOperationError';
  const candidates = [
    thrownBy(api.RecordOperation.parse), thrownBy(reference.RecordOperation.parse), new Error('plain'),
    new TypeError('type'), named, { name: 'RecordOperationError', message: 'not an Error' },
    'RecordOperationError', null, undefined, 7,
  ];
  for (const value of candidates) {
    const what = `isRecordOperationError(${String(value?.name ?? value)})`;
    assert.equal(api.isRecordOperationError(value), reference.isRecordOperationError(value), what);
  }
  assert.equal(api.isRecordOperationError(candidates[0]), true);
});

test('a RecordOperationError is a real Error named for what it is, without a stack trace, and Error.stackTraceLimit is left as it was', () => {
  const limit = Error.stackTraceLimit;
  let error;
  try {
    api.RecordOperation.parse('{"id": 5}');
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'RecordOperationError');
  assert.equal(error.constructor.name, 'RecordOperationError');
  assert.equal(error.code, 'wrong_type');
  assert.ok(api.isRecordOperationError(error));
  assert.equal(error.stack, `RecordOperationError: ${error.message}`);
  assert.equal(Error.stackTraceLimit, limit);
  assert.ok(new Error('other').stack.includes('\n    at '), 'other errors keep their stack');
});

test('the comparisons above really ran', () => {
  assert.ok(compared > 2500, `only ${compared} comparisons`);
});
