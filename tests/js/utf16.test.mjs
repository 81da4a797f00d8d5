// The Node entry's UTF-16 to UTF-8 module (src/bindings/utf16_to_utf8.wat): the package copies a
// string in with Buffer#ucs2Write and this module turns it into UTF-8 in place. Its bytes must be
// exactly TextEncoder's (lone surrogates as U+FFFD) and its lone-surrogate index exactly the
// first one, for every kind of unit at every position around its sixteen-unit blocks.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PKG_DIR, loadPackageWithMemory } from './helpers.mjs';

const WASM = path.join(PKG_DIR, 'node', 'utf16_to_utf8.wasm');
const encoder = new TextEncoder();

/** The module on a fresh memory, and a conversion laid out as api.js lays it out. */
function standalone() {
  const memory = new WebAssembly.Memory({ initial: 2, maximum: 4096 });
  const { utf16ToUtf8, lone } = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(WASM)), {
    gro: { memory },
  }).exports;
  const BASE = 64;
  return (text) => {
    const units = text.length;
    const need = BASE + units * 3 + 32;
    if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
    const bytes = Buffer.from(memory.buffer);
    // Garbage where the output goes: every byte of the result must be written.
    bytes.fill(0xaa, 0, need);
    const at = BASE + ((units + 31) & ~15);
    assert.equal(bytes.ucs2Write(text, at), units * 2);
    const written = utf16ToUtf8(at, units, BASE);
    return { bytes: Buffer.from(bytes.subarray(BASE, BASE + written)), lone: lone.value };
  };
}

/**
 * The UTF-16 index of the first lone surrogate, or -1, found another way than api.js finds it: by
 * code points (a string iterator yields a lone surrogate as a one-unit string in D800-DFFF).
 */
function firstLoneSurrogate(text) {
  let index = 0;
  for (const character of text) {
    const unit = character.charCodeAt(0);
    if (character.length === 1 && unit >= 0xd800 && unit <= 0xdfff) return index;
    index += character.length;
  }
  return -1;
}

function check(convert, text, label) {
  const got = convert(text);
  assert.deepEqual(got.bytes, Buffer.from(encoder.encode(text)), `${label}: bytes`);
  assert.equal(got.lone, firstLoneSurrogate(text) + 1, `${label}: first lone surrogate`);
}

// One of each UTF-8 length and every surrogate edge.
const SPECIAL = ['\u0000', '\u007f', '\u0080', '\u00e9', '\u00ff', '\u0100', '\u07ff', '\u0800', '\u20ac',
  '\ufffd', '\uffff', '\ud83d\ude00', '\udbff\udfff', '\ud800\udc00', '\ud800', '\udbff', '\udc00', '\udfff'];

test('every special unit at every position of 0 to 40 ASCII units', () => {
  const convert = standalone();
  for (let length = 0; length <= 40; length++) {
    const ascii = 'abcdefghijklmnopqrstuvwxyz{"}:,0123456789 ABCDE'.slice(0, length);
    check(convert, ascii, `ascii ${length}`);
    for (const special of SPECIAL) {
      for (let at = 0; at <= length; at++) {
        check(convert, ascii.slice(0, at) + special + ascii.slice(at), `${JSON.stringify(special)} at ${at} of ${length}`);
      }
    }
  }
});

test('random strings of all kinds of units, and two lone surrogates (the first is reported)', () => {
  const convert = standalone();
  let seed = 0x5eed;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let n = 0; n < 20000; n++) {
    const length = Math.floor(random() * 90);
    const mostlyAscii = random() < 0.6;
    let text = '';
    for (let i = 0; i < length; i++) {
      text += mostlyAscii && random() < 0.9
        ? String.fromCharCode(32 + Math.floor(random() * 95))
        : SPECIAL[Math.floor(random() * SPECIAL.length)];
    }
    check(convert, text, `random ${n}`);
  }
  check(convert, `${'x'.repeat(20)}\udc00${'y'.repeat(20)}\ud800`, 'two lone surrogates');
});

test('a long text (a megabyte, accents and emoji sprinkled) converts in one call', () => {
  const convert = standalone();
  const parts = [];
  for (let i = 0; i < 40000; i++) parts.push(i % 97 === 0 ? 'é😀' : '{"id":"x"}');
  check(convert, parts.join(''), 'long');
});

test('the Node entry uses it: lone surrogates are found through it, in validate and parse', async () => {
  const { api, utf16 } = await loadPackageWithMemory();
  assert.ok(utf16, 'the Node entry instantiated the UTF-16 to UTF-8 module');
  const report = api.validate('{"id":"op","status":"running","x":"a\ud800b"}');
  assert.equal(report.valid, false);
  assert.deepEqual(report.errors.map((issue) => issue.code), ['lone_surrogate']);
  assert.match(report.errors[0].message, /at index 36,/);
  assert.equal(api.RecordOperation.parse('{"id":"op-é","status":"running"}').id, 'op-é');
  assert.equal(api.RecordOperation.parse('{"id":"op-😀","status":"running"}').id, 'op-😀');
});
