// The instances api.js keeps so that V8 keeps their hidden classes (see `keepShapes`): every kind
// of object the API returns must share its hidden class with one of them, or a full garbage
// collection still throws away the optimized code that reads it. V8's own check (%HaveSameMap)
// needs --allow-natives-syntax, so the comparison runs in a child process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PKG_DIR } from './helpers.mjs';

const child = `
const api = require(${JSON.stringify(path.join(PKG_DIR, 'index.node.cjs'))});
const { RecordOperation, validate, parseAny, isRecordOperationError } = api;
const key = Object.getOwnPropertySymbols(RecordOperation).find((s) => s.description === 'graph-record-operation kept shapes');
const kept = key === undefined ? [] : RecordOperation[key];
const thrown = (input) => { try { RecordOperation.parse(input); } catch (error) { if (isRecordOperationError(error)) return error; throw error; } throw new Error('no error'); };
const op = RecordOperation.parse('{"id":"é-1","status":"Running","resultInfo":{"code":"200","subcode":8515,"message":"ok"}}');
const plain = RecordOperation.parse('{"id":"a","status":"completed"}');
plain.free();
const any = parseAny('{"value":[{"id":"a","status":"running"},{"id":"b","status":"Running","resultInfo":{"message":null}}]}');
const real = {
  'RecordOperation (parse)': op,
  'RecordOperation (parse, freed)': plain,
  'RecordOperation (parseAny, warnings pending)': any.operations[1].operation,
  'RecordOperation (parseAny, no warnings)': parseAny('[{"id":"a","status":"running"}]').operations[0].operation,
  'ResultInfo (code and subcode)': op.resultInfo,
  'ResultInfo (no code, null message)': any.operations[1].operation.resultInfo,
  'ValidationResult (valid)': validate('{"id":"a","status":"running"}'),
  'ValidationResult (valid, warnings)': validate('{"id":"a","status":"Running"}'),
  'ValidationResult (invalid text)': validate('{"id":5}'),
  'ValidationResult (invalid bytes)': validate(new TextEncoder().encode('{"id":5}')),
  'RecordOperationError (first error)': thrown('{"id":5,"status":7}'),
  'RecordOperationError (bytes)': thrown(new TextEncoder().encode('{"id":5}')),
  'RecordOperationError (every issue)': thrown('{"id":5,"id":6}'),
};
const unmatched = Object.entries(real).filter(([, value]) => !kept.some((k) => %HaveSameMap(k, value))).map(([name]) => name);
console.log(JSON.stringify({ kept: kept.length, unmatched }));
`;

test('every kind of object the API returns shares its hidden class with a kept instance', () => {
  const out = execFileSync(process.execPath, ['--allow-natives-syntax', '-e', child], { encoding: 'utf8' });
  const { kept, unmatched } = JSON.parse(out.trim().split('\n').at(-1));
  assert.ok(kept > 0, 'the package keeps instances');
  assert.deepEqual(unmatched, []);
});

// parseAny's plain objects (entries, skipped resources, the payload) must not take hidden classes
// that die with the last result: when they did, a few full collections after the results were
// dropped made V8 throw parseAny's optimized code away (in bench/run.js, every third sample).
// Entries with and without changeType and resourceUrl, skipped resources with and without an id,
// payloads with and without nextLink and pending warnings go through parseAny here before it is
// optimized; then results are dropped, collected and made again. Recompilation is not concurrent
// so that a busy machine cannot leave parseAny unoptimized when the check begins.
const collectedChild = `
const { parseAny } = require(${JSON.stringify(path.join(PKG_DIR, 'index.node.cjs'))});
const op = (id, extra = '') => '{"@odata.type":"#microsoft.graph.recordOperation","id":"' + id + '","status":"completed"' + extra + '}';
const other = (fields) => '{' + fields + '}';
const inputs = [
  '{"value":[' + [op('a'), op('b', ',"resultInfo":{"code":"x"}'), other('"@odata.type":"#microsoft.graph.playPromptOperation","id":"p"'),
    other('"@odata.type":"#microsoft.graph.playPromptOperation"'), other('"id":"q","status":7')].join(',') + '],"@odata.nextLink":"https://graph.microsoft.com/next"}',
  '[' + op('c', ',"status":"Running"') + ',{}]',
  '{"value":[' + ['"changeType":"updated","resourceUrl":"/communications/calls/1/operations/d","resourceData":' + op('d'),
    '"changeType":"deleted","resourceData":' + op('e'), '"resourceUrl":"/x","resourceData":' + op('f'), '"resourceData":' + op('g')].map(other).join(',') + ']}',
];
const run = () => { for (const text of inputs) parseAny(text).operations.length; };
const optimized = () => (%GetOptimizationStatus(parseAny) & 16) !== 0;
for (let i = 0; i < 5000 && !optimized(); i++) run();
const before = optimized();
for (let i = 0; i < 12; i++) { gc(); run(); }
for (let i = 0; i < 6; i++) gc();
console.log(JSON.stringify({ before, after: optimized() }));
`;

test('parseAny stays optimized when its results are collected', () => {
  const out = execFileSync(process.execPath, ['--allow-natives-syntax', '--expose-gc', '--no-concurrent-recompilation', '-e', collectedChild], { encoding: 'utf8' });
  const { before, after } = JSON.parse(out.trim().split('\n').at(-1));
  assert.ok(before, 'V8 optimized parseAny (otherwise this test checks nothing)');
  assert.ok(after, 'parseAny was deoptimized after its results were collected');
});
