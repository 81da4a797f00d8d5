// Hardening of the built package in Node (issue 6, items 4 and 5):
// - no prototype pollution, no lost keys: `__proto__`, `constructor` and `prototype` stay own
//   properties of their own objects in `extraProperties` and `toJSON()`, at any depth, and
//   `Object.prototype` (and friends) are untouched after hostile payloads went through every entry
//   point;
// - the recording access token stays secret: not in `toString()`, `util.inspect`, `console.log`
//   (captured from the real console, in this process and in a child process), error messages or
//   validation messages; only the `recordingAccessToken` getter and `toJSON()`/`stringify()` show
//   it, and `{ redact: true }` removes it.
//
//   node --test tests/js/      (scripts/test-js.sh builds pkg/ first when it is missing)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import util from 'node:util';
import { loadPackage, PKG_DIR } from './helpers.mjs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const api = await loadPackage();
const { RecordOperation, validate, parseAny, OperationTracker } = api;

// ---------------------------------------------------------------------------------------------
// Prototype pollution and lost keys
// ---------------------------------------------------------------------------------------------

const DANGEROUS = ['__proto__', 'constructor', 'prototype'];

/** Everything that could be polluted, as own keys with their descriptors' values. */
function snapshotPrototypes() {
  const snapshot = {};
  for (const [name, proto] of Object.entries({
    Object: Object.prototype,
    Array: Array.prototype,
    Function: Function.prototype,
    String: String.prototype,
    Error: Error.prototype,
  })) {
    snapshot[name] = Reflect.ownKeys(proto).map((key) => {
      const d = Object.getOwnPropertyDescriptor(proto, key);
      return [String(key), d.value ?? d.get ?? d.set];
    });
  }
  return snapshot;
}

function assertNotPolluted(before) {
  assert.equal({}.polluted, undefined, '({}).polluted');
  assert.equal([].polluted, undefined, '[].polluted');
  assert.equal(Object.prototype.polluted, undefined);
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
  assert.deepEqual(snapshotPrototypes(), before, 'a built-in prototype changed');
}

/** `value` is a plain object whose prototype is Object.prototype and which owns exactly `keys`. */
function assertOwnKeys(value, keys, what) {
  assert.equal(Object.getPrototypeOf(value), Object.prototype, `${what}: prototype`);
  assert.deepEqual(Object.getOwnPropertyNames(value), keys, `${what}: own property names`);
  for (const key of keys) {
    const d = Object.getOwnPropertyDescriptor(value, key);
    assert.ok(d && 'value' in d && d.enumerable, `${what}: ${key} is an own enumerable data property`);
  }
}

/** The value of own property `key` (never the prototype a `__proto__` access would give). */
const own = (value, key) => Object.getOwnPropertyDescriptor(value, key)?.value;

const HOSTILE = `{"id": "pp", "status": "running",
  "__proto__": {"polluted": "top", "__proto__": {"polluted": "nested", "__proto__": {"x": 1}}},
  "constructor": {"prototype": {"polluted": "constructor.prototype"}},
  "prototype": {"polluted": "prototype", "constructor": {"prototype": {"polluted": 2}}},
  "resultInfo": {"code": 200, "subcode": 0, "__proto__": {"polluted": "resultInfo"}, "constructor": 3}}`;

/** Checks the hostile extras as JS values (from extraProperties or toJSON()). */
function assertHostileExtras(holder, what) {
  const top = own(holder, '__proto__');
  assertOwnKeys(top, ['polluted', '__proto__'], `${what}.__proto__`);
  assert.equal(own(top, 'polluted'), 'top');
  const nested = own(top, '__proto__');
  assertOwnKeys(nested, ['polluted', '__proto__'], `${what}.__proto__.__proto__`);
  assert.equal(own(nested, 'polluted'), 'nested');
  assertOwnKeys(own(nested, '__proto__'), ['x'], `${what}.__proto__.__proto__.__proto__`);
  assert.equal(own(own(nested, '__proto__'), 'x'), 1);

  const ctor = own(holder, 'constructor');
  assertOwnKeys(ctor, ['prototype'], `${what}.constructor`);
  assertOwnKeys(own(ctor, 'prototype'), ['polluted'], `${what}.constructor.prototype`);

  const proto = own(holder, 'prototype');
  assertOwnKeys(proto, ['polluted', 'constructor'], `${what}.prototype`);
  assert.equal(own(own(own(proto, 'constructor'), 'prototype'), 'polluted'), 2);
}

test('extraProperties and toJSON() keep __proto__, constructor and prototype as own properties, at every depth', () => {
  const before = snapshotPrototypes();
  const op = RecordOperation.parse(HOSTILE);

  const extra = op.extraProperties;
  assertOwnKeys(extra, DANGEROUS, 'extraProperties');
  assertHostileExtras(extra, 'extraProperties');

  const json = op.toJSON();
  assertOwnKeys(json, ['id', 'status', 'resultInfo', ...DANGEROUS], 'toJSON()');
  assertHostileExtras(json, 'toJSON()');
  // resultInfo's own unknown keys survive too, as own properties.
  const info = own(json, 'resultInfo');
  assertOwnKeys(info, ['code', 'subcode', '__proto__', 'constructor'], 'toJSON().resultInfo');
  assert.equal(own(own(info, '__proto__'), 'polluted'), 'resultInfo');

  // Byte-for-byte in the lossless text, in the original order.
  const text = op.stringify();
  assert.ok(
    text.includes(`"__proto__":{"polluted": "top", "__proto__": {"polluted": "nested", "__proto__": {"x": 1}}}`),
    text,
  );
  assert.ok(text.includes(`"__proto__":{"polluted": "resultInfo"}`), text);
  // And JSON.stringify(op) (which calls toJSON) keeps every key.
  const again = JSON.parse(JSON.stringify(op));
  assert.deepEqual(Object.getOwnPropertyNames(again), ['id', 'status', 'resultInfo', ...DANGEROUS]);
  op.free();
  assertNotPolluted(before);
});

test('Object.prototype is untouched after hostile payloads went through every entry point', () => {
  const before = snapshotPrototypes();
  const payloads = [
    HOSTILE,
    '{"__proto__": {"__proto__": {"x": 1}}}',
    '{"id": "a", "__proto__": {"__proto__": {"polluted": true}}}',
    '{"id": "b", "constructor": {"prototype": {"polluted": true}}}',
    '{"id": "c", "__proto__": null, "prototype": [], "constructor": "x"}',
    '{"id": "d", "__proto__": {"toString": "polluted", "valueOf": 1, "hasOwnProperty": 2}}',
    `{"value": [${HOSTILE}, {"__proto__": {"polluted": "collection"}}], "__proto__": {"polluted": "envelope"}}`,
    `{"value": [{"changeType": "updated", "resourceUrl": "/x", "__proto__": {"polluted": 1},
       "resourceData": ${HOSTILE}}]}`,
    `[${HOSTILE}, {"__proto__": {"polluted": "array"}}]`,
    '{"id": "e", "__proto__": {"polluted": true}, "__proto__": {"polluted": "duplicate"}}',
  ];
  let operations = 0;
  for (const text of payloads) {
    for (const strict of [false, true]) {
      const options = { strict };
      validate(text, options);
      validate(JSON.parse(text), options); // a parsed object whose __proto__ is an own key
      const any = parseAny(text, options);
      for (const { operation } of any.operations) {
        operation.extraProperties;
        operation.toJSON();
        operation.toJSON({ redact: true });
        JSON.stringify(operation);
        operations++;
      }
      try {
        const op = RecordOperation.parse(text, options);
        op.extraProperties;
        op.toJSON();
        RecordOperation.from(op).toJSON();
        RecordOperation.from(JSON.parse(text), options).extraProperties;
      } catch (error) {
        assert.ok(api.isRecordOperationError(error), String(error));
      }
      const tracker = new OperationTracker({ strict });
      tracker.feed(text);
      tracker.list();
      JSON.parse(tracker.export());
      tracker.free();
    }
    assertNotPolluted(before);
  }
  assert.ok(operations > 10, `${operations} operations read`);
});

test('a __proto__ key from an already-parsed object (JSON.parse output) is kept as an own property', () => {
  const value = JSON.parse('{"id": "f", "status": "running", "__proto__": {"polluted": true}}');
  assert.ok(Object.hasOwn(value, '__proto__'));
  const op = RecordOperation.from(value);
  assertOwnKeys(op.extraProperties, ['__proto__'], 'extraProperties');
  assert.deepEqual({ ...own(op.extraProperties, '__proto__') }, { polluted: true });
  assert.equal({}.polluted, undefined);
});

// ---------------------------------------------------------------------------------------------
// The token stays secret
// ---------------------------------------------------------------------------------------------

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.node-hardening-secret-7f3a9c';
const SECRET = 'node-hardening-secret-7f3a9c'; // the part that must never show

function completed(extra = '') {
  return `{"@odata.type": "#microsoft.graph.recordOperation", "id": "0fe0623f-d628-42ed-b4bd-8ac290072cc5",
    "clientContext": "ctx", "status": "completed", "completionReason": "maxRecordDurationReached",
    "resultInfo": {"code": 200, "subcode": 8515, "message": "done"},
    "recordingLocation": "https://file.location/r1", "recordingAccessToken": "${TOKEN}"${extra}}`;
}

/** Payloads that read, with the token where a token goes (and its legacy beta name). */
const VALID_WITH_TOKEN = [
  completed(),
  `{"id": "legacy", "status": "completed", "recordResourceAccessToken": "${TOKEN}"}`,
  `{"value": [${completed()}]}`,
  `{"value": [{"changeType": "updated", "resourceUrl": "/communications/calls/1/operations/2", "resourceData": ${completed()}}]}`,
];

/** Payloads with errors, the token in a valid or a wrong-typed position. */
const INVALID_WITH_TOKEN = [
  `{"id": "w1", "status": 5, "recordingAccessToken": "${TOKEN}"}`,
  `{"id": "w2", "status": "completed", "recordingAccessToken": ["${TOKEN}"]}`,
  `{"id": "w3", "status": "completed", "recordingAccessToken": {"token": "${TOKEN}"}}`,
  `{"id": "w4", "status": "completed", "recordingAccessToken": "${TOKEN}`,
  `{"id": "w5", "status": "completed", "recordingAccessToken": "${TOKEN}\u0001"}`,
  `{"id": "w6", "status": "completed", "recordingAccessToken": "${TOKEN}", "recordingAccessToken": "${TOKEN}"}`,
  `{"id": "w7", "status": "completed", "recordingAccessToken": "${TOKEN}"} trailing`,
  `{"id": "w8", "status": "completed", "recordResourceAccessToken": 7, "recordingAccessToken": "${TOKEN}", "resultInfo": "${TOKEN}"}`,
  `{"id": "w9", "status": "completed", "recordingAccessToken": "${TOKEN}", "resultInfo": {"code": "${TOKEN}"}}`,
  `{"id": "w10", "status": "completed", "recordingAccessToken": "${TOKEN}\\ud800"}`,
  `{"id": "w11", "status": "completed", "recordingAccessToken": "${TOKEN}", "x": NaN}`,
  `{"value": [{"id": "w12", "status": 5, "recordingAccessToken": "${TOKEN}"}, {"id": "w13", "recordingAccessToken": 1}]}`,
];

function assertNoSecret(text, what) {
  assert.equal(typeof text, 'string', what);
  assert.ok(!text.includes(SECRET), `${what} shows the token: ${text.slice(0, 500)}`);
}

/** Every message of a `{ errors, warnings }` result or an issue list. */
function messages(result) {
  const issues = Array.isArray(result) ? result : [...result.errors, ...result.warnings];
  return issues.map((issue) => issue.message);
}

/** Runs `fn` with the real console's output captured (process.stdout and process.stderr). */
function captureConsole(fn) {
  const chunks = [];
  const writes = [process.stdout.write, process.stderr.write];
  const capture = (chunk, encoding, callback) => {
    chunks.push(String(chunk));
    if (typeof encoding === 'function') encoding();
    else if (typeof callback === 'function') callback();
    return true;
  };
  process.stdout.write = capture;
  process.stderr.write = capture;
  try {
    fn();
  } finally {
    [process.stdout.write, process.stderr.write] = writes;
  }
  return chunks.join('');
}

/** Every way an instance shows itself without being asked for the token. */
function renderings(op) {
  return {
    'toString()': op.toString(),
    'String(op)': String(op),
    'template literal': `${op}`,
    'op + ""': op + '',
    'util.inspect(op)': util.inspect(op),
    'util.inspect(op, deep)': util.inspect(op, { depth: Infinity, showHidden: true, getters: true }),
    'util.inspect([op], deep)': util.inspect({ list: [op] }, { depth: Infinity, getters: true }),
    'util.format(%s %o %O %j)': util.format('%s %o %O', op, op, op),
    'Object.keys/entries': JSON.stringify([Object.keys(op), Object.entries(op), { ...op }]),
    'console.log etc.': captureConsole(() => {
      console.log(op);
      console.log('%s', op);
      console.log('%o', op);
      console.info({ op });
      console.warn([op]);
      console.error(op);
      console.dir(op, { depth: 5 });
      console.debug(op);
      console.table([op]);
    }),
  };
}

test('the captured console really captures (a control with the token itself)', () => {
  const output = captureConsole(() => console.log('a line with', TOKEN));
  assert.ok(output.includes(SECRET), output);
});

test('toString, util.inspect and console.log never show the token; the getter and toJSON do', () => {
  for (const text of VALID_WITH_TOKEN) {
    const any = parseAny(text);
    assert.equal(any.valid, true, JSON.stringify(any.errors));
    const operations = any.operations.map((entry) => entry.operation);
    if (any.kind === 'operation') operations.push(RecordOperation.parse(text));
    assert.ok(operations.length > 0);
    for (const op of operations) {
      for (const [what, shown] of Object.entries(renderings(op))) assertNoSecret(shown, `${what} of ${op}`);
      assertNoSecret(util.inspect(any, { depth: Infinity }), 'util.inspect(parseAny result)');
      // The only ways in: the getter, toJSON() and the lossless text.
      assert.equal(op.recordingAccessToken, TOKEN);
      assert.equal(op.toJSON().recordingAccessToken, TOKEN);
      assert.ok(JSON.stringify(op).includes(SECRET));
      assert.ok(op.stringify().includes(SECRET));
      // ... which redact removes.
      const redacted = op.toJSON({ redact: true });
      assert.equal(Object.hasOwn(redacted, 'recordingAccessToken'), false);
      assert.equal(Object.hasOwn(redacted, 'recordResourceAccessToken'), false);
      assertNoSecret(JSON.stringify(redacted), 'toJSON({ redact: true })');
      assertNoSecret(op.stringify({ redact: true }), 'stringify({ redact: true })');
      assertNoSecret(op.stringify({ redact: true, pascalCaseStatus: true }), 'stringify({ redact, pascalCaseStatus })');
      // Warnings (the legacy name gives one) never show it.
      for (const message of messages(op.warnings)) assertNoSecret(message, 'a warning');
    }
  }
});

test('error messages and validation messages never show the token (valid and wrong-typed positions)', () => {
  for (const text of [...INVALID_WITH_TOKEN, ...VALID_WITH_TOKEN]) {
    for (const strict of [false, true]) {
      const options = { strict };
      const result = validate(text, options);
      for (const message of messages(result)) assertNoSecret(message, `validate message for ${text.slice(0, 60)}`);
      assertNoSecret(JSON.stringify(result), 'JSON.stringify(validate result)');
      const any = parseAny(text, options);
      for (const message of messages(any)) assertNoSecret(message, 'parseAny message');
      assertNoSecret(util.inspect(any, { depth: Infinity }), 'util.inspect(parseAny result)');
      for (const { operation } of any.operations) {
        for (const message of messages(operation.warnings)) assertNoSecret(message, 'operation warning');
      }
      for (const read of [() => RecordOperation.parse(text, options), () => RecordOperation.from(text, options)]) {
        let op;
        try {
          op = read();
        } catch (error) {
          assert.ok(api.isRecordOperationError(error), String(error));
          assertNoSecret(error.message, 'RecordOperationError.message');
          assertNoSecret(String(error), 'String(error)');
          assertNoSecret(error.stack, 'error.stack');
          assertNoSecret(util.inspect(error, { depth: Infinity }), 'util.inspect(error)');
          assertNoSecret(captureConsole(() => console.error(error)), 'console.error(error)');
          assert.ok(error.issues.length > 0);
          for (const message of messages(error.issues)) assertNoSecret(message, 'error.issues[].message');
          continue;
        }
        for (const message of messages(op.warnings)) assertNoSecret(message, 'warning');
        for (const [what, shown] of Object.entries(renderings(op))) assertNoSecret(shown, what);
      }
    }
  }
  // At least the wrong-typed ones are errors (the test would prove nothing if all read).
  for (const text of INVALID_WITH_TOKEN) assert.equal(parseAny(text).valid, false, text);
});

test('console.log of an instance in a separate Node process (its real stdout) does not show the token', () => {
  const entry = pathToFileURL(path.join(PKG_DIR, 'index.node.mjs')).href;
  const script = `
    import { RecordOperation } from ${JSON.stringify(entry)};
    const op = RecordOperation.parse(process.env.PAYLOAD);
    console.log(op);
    console.log({ nested: { op } });
    console.log(String(op));
    console.error(op);
    console.log('getter-length', op.recordingAccessToken.length);`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, PAYLOAD: completed() },
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  assert.ok(run.stdout.includes('0fe0623f-d628-42ed-b4bd-8ac290072cc5'), run.stdout);
  assert.ok(run.stdout.includes(`getter-length ${TOKEN.length}`), run.stdout);
  assertNoSecret(run.stdout, 'stdout');
  assertNoSecret(run.stderr, 'stderr');
});

// The tracker's list() is for showing: it leaves the tokens out unless `{ redact: false }` asks.
test('OperationTracker: console.log of what list() returns does not show the token', () => {
  const tracker = new OperationTracker();
  tracker.feed(completed());
  assert.ok(!tracker.export({ redact: true }).includes(SECRET), 'export({ redact: true })');
  assertNoSecret(util.inspect(tracker), 'util.inspect(tracker)');
  assertNoSecret(captureConsole(() => console.log(tracker.list())), 'console.log(tracker.list())');
  assertNoSecret(JSON.stringify(tracker.list('completed')), 'list("completed")');
  const explicit = tracker.list(undefined, { redact: false });
  assert.ok(explicit[0].operation.recordingAccessToken.includes(SECRET), 'list(undefined, { redact: false })');
  tracker.free();
});

// Bytes (a Node Buffer from readFileSync without an encoding, a Uint8Array) are read as UTF-8
// bytes, never JSON.stringify'd into an object that would look like a valid operation.
test('bytes are read as the UTF-8 text they hold, with invalid UTF-8 and a BOM reported', () => {
  const text = '{"id":"b1","status":"Running"}';
  const fromBuffer = validate(Buffer.from(text));
  assert.deepEqual(fromBuffer.toJSON(), validate(text).toJSON());
  assert.equal(fromBuffer.warnings[0].code, 'enum_case');
  assert.equal(RecordOperation.parse(text).status, RecordOperation.from(new TextEncoder().encode(text)).status);
  assert.equal(parseAny(new TextEncoder().encode(text).buffer).kind, 'operation');
  const invalid = validate(Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]));
  assert.deepEqual(invalid.errors.map((e) => e.code), ['invalid_utf8']);
  const bom = validate(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
  assert.deepEqual(bom.errors.map((e) => e.code), ['json_syntax']);
  assert.throws(() => validate(new Int16Array(4)), TypeError);
  // validate builds its issues only when they are read, from what it read: changing the bytes
  // afterwards changes nothing.
  for (const [payload, codes] of [
    ['{"id":"b2","status":"Running"}', ['enum_case']],
    ['{"id":5,"status":"Running"}', ['wrong_type', 'enum_case']],
  ]) {
    const bytes = Buffer.from(payload);
    const result = validate(bytes);
    bytes.fill(0x20);
    assert.deepEqual([...result.errors, ...result.warnings].map((issue) => issue.code), codes);
    assert.deepEqual(validate(bytes).errors.map((issue) => issue.code), ['json_syntax']);
  }
  const tracker = new OperationTracker();
  assert.equal(tracker.feed(Buffer.from(text)).changes[0].kind, 'new');
  tracker.free();
});
