// Deterministic generator of realistic recordOperation payloads for the benchmark (issue 5).
//
// Every payload is built from a seeded PRNG, so the same seed gives byte-identical data on every
// machine. About 10% of the single payloads are invalid in lenient mode, each for exactly one reason
// that JSON Schema can express (wrong type, non-integer or out-of-range code/subcode, a foreign
// @odata.type). The rest are valid but realistic: both status casings, null status, numbers sent as
// strings, `subCode`, null resultInfo, empty recording fields on failure, extra properties, legacy
// names, non-ASCII text, some pretty-printed.
//
// The generator records the verdict it intended (`expected`), which every candidate is checked
// against, and against each other.
//
//   node generate.js            prints a summary and a few samples
//   import { generate } from './generate.js'

export const DEFAULT_SEED = 0x5eed2026;

/** sfc32: small, fast, good enough for test data, and identical everywhere. */
export function prng(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  const r = {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** Picks from [[weight, value], ...]. */
    weighted: (pairs) => {
      let total = 0;
      for (const [w] of pairs) total += w;
      let x = next() * total;
      for (const [w, v] of pairs) { if ((x -= w) < 0) return v; }
      return pairs[pairs.length - 1][1];
    },
    shuffle: (list) => {
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [list[i], list[j]] = [list[j], list[i]];
      }
      return list;
    },
  };
  return r;
}

const HEX = '0123456789abcdef';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function guid(r) {
  let s = '';
  for (let i = 0; i < 32; i++) {
    if (i === 8 || i === 12 || i === 16 || i === 20) s += '-';
    s += HEX[r.int(16)];
  }
  return s;
}

function b64(r, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += B64URL[r.int(64)];
  return s;
}

/** A JWT-shaped token (shortened: real ones are ~1.5 KB; the payload size target is ~500 bytes). */
function token(r) {
  return `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${b64(r, 160 + r.int(120))}.${b64(r, 43)}`;
}

const NON_ASCII_CONTEXTS = [
  'Aufnahme für Kundin Jürgen Weiß – Ticket #4711',
  'Enregistrement du message vocal — file d’attente 3',
  '録音: サポート窓口 / キュー7',
  '录音-客服-队列7',
  'Grabación de buzón de voz: José Núñez',
  '📞 callback requested ✔',
  'Запись голосового сообщения, очередь 2',
  'Nagrywanie wiadomości – Łódź',
];

const ASCII_CONTEXTS = ['voicemail-queue-7', 'ivr/main-menu/record-name', 'd45324c1-fcb5-430a-902c-f20af696537c'];

const MESSAGES = {
  success: [
    'Action completed, max record duration reached.',
    'Action completed, stop tone detected.',
    'Action completed, silence timeout.',
    'Aktion abgeschlossen, maximale Aufnahmedauer erreicht.',
    'アクションが完了しました。最大録音時間に達しました。',
    'Success',
  ],
  failure: [
    'Action failed, the operation was cancelled.',
    'Action failed, initial silence timeout.',
    'Aktion fehlgeschlagen: Vorgang abgebrochen.',
    'Échec de l’action : délai de silence initial dépassé.',
    'Server error, media receive timeout.',
  ],
};

const REASONS_OK = ['maxRecordDurationReached', 'stopToneDetected', 'maxSilenceTimeout'];
const REASONS_FAIL = [
  'operationCanceled', 'initialSilenceTimeout', 'playPromptFailed', 'playBeepFailed',
  'mediaReceiveTimeout', 'unspecifiedError',
];

/** The invalid kinds, each a deviation lenient mode reports as an error and JSON Schema can express. */
export const INVALID_KINDS = [
  'wrong_type',
  'not_an_integer',
  'integer_out_of_range',
  'odata_type_mismatch',
];

function resultInfo(r, status) {
  let code, subcode, message;
  if (status === 'failed') {
    code = r.weighted([[6, 400], [3, 500], [1, 408]]);
    subcode = r.pick([8508, 8510, 8522, 5001, 0]);
    message = r.pick(MESSAGES.failure);
  } else if (status === 'completed') {
    code = r.weighted([[9, 200], [1, 0]]);
    subcode = r.pick([8515, 8511, 8512, 0]);
    message = r.pick(MESSAGES.success);
  } else {
    code = r.weighted([[8, 200], [2, 0]]);
    subcode = 0;
    message = r.chance(0.5) ? 'Action in progress.' : null;
  }
  const info = {};
  const typeForm = r.weighted([
    [6, '#microsoft.graph.resultInfo'], [1, 'microsoft.graph.resultInfo'],
    [1, 'microsoft.graph.ResultInfo'], [3, undefined],
  ]);
  if (typeForm !== undefined) info['@odata.type'] = typeForm;
  info.code = r.chance(0.1) ? String(code) : code; // "200": a warning, read as 200
  const subKey = r.chance(0.05) ? 'subCode' : 'subcode';
  if (!r.chance(0.04)) info[subKey] = r.chance(0.1) ? String(subcode) : subcode;
  if (!r.chance(0.05)) info.message = message;
  return info;
}

/** One realistic recordOperation as a JS object (before serialisation). */
function operation(r) {
  const status = r.weighted([
    [30, 'running'], [33, 'completed'], [10, 'failed'], [5, 'notStarted'],
    [4, 'Completed'], [3, 'Running'], [1, 'FAILED'], [4, null], [3, undefined],
    [1, 'unknownFutureValue'],
  ]);
  const lower = typeof status === 'string' ? status.toLowerCase() : status;
  const op = {};
  const typeForm = r.weighted([
    [85, '#microsoft.graph.recordOperation'], [4, '#Microsoft.Graph.recordOperation'],
    [3, 'microsoft.graph.recordOperation'], [8, undefined],
  ]);
  if (typeForm !== undefined) op['@odata.type'] = typeForm;
  if (r.chance(0.25)) op['@odata.etag'] = `W/"${b64(r, 12)}"`;
  op.id = guid(r);
  const contextKind = r.weighted([[60, 'guid'], [15, 'nonascii'], [8, 'ascii'], [10, 'null'], [7, 'absent']]);
  if (r.chance(0.2)) op['@odata.id'] = `communications/calls/${guid(r)}/operations/${op.id}`;
  if (contextKind === 'guid') op.clientContext = guid(r);
  else if (contextKind === 'nonascii') op.clientContext = r.pick(NON_ASCII_CONTEXTS);
  else if (contextKind === 'ascii') op.clientContext = r.pick(ASCII_CONTEXTS);
  else if (contextKind === 'null') op.clientContext = null;
  if (status !== undefined) op.status = status;
  const infoKind = r.weighted([[80, 'object'], [10, 'null'], [10, 'absent']]);
  if (infoKind === 'object') op.resultInfo = resultInfo(r, lower);
  else if (infoKind === 'null') op.resultInfo = null;
  if (lower === 'completed' && r.chance(0.7)) {
    op.completionReason = r.chance(0.95) ? r.pick(REASONS_OK) : 'none';
  } else if (lower === 'failed' && r.chance(0.8)) {
    op.completionReason = r.pick(REASONS_FAIL);
  }
  if (lower === 'completed') {
    const legacy = r.chance(0.03);
    op[legacy ? 'recordResourceLocation' : 'recordingLocation'] =
      `https://file.location/${guid(r)}`;
    op[legacy ? 'recordResourceAccessToken' : 'recordingAccessToken'] = token(r);
  } else if (lower === 'failed') {
    op.recordingLocation = '';
    op.recordingAccessToken = '';
  } else if (r.chance(0.5)) {
    op.recordingLocation = null;
    op.recordingAccessToken = null;
  }
  // Open type: extra properties must be accepted and kept.
  if (r.chance(0.15)) {
    const extra = r.pick(['callChainId', 'diagnostics', 'newFeature', 'tags']);
    if (extra === 'callChainId') op.callChainId = guid(r);
    else if (extra === 'diagnostics') op.diagnostics = { region: r.pick(['emea', 'amer', 'apac']), attempt: 1 + r.int(3), mediaPath: ['edge', 'mp-7'] };
    else if (extra === 'newFeature') op.streamWhileRecording = r.chance(0.5);
    else op.tags = ['voicemail', r.pick(['priority', 'standard', 'vip'])];
  }
  return op;
}

/** Makes `op` invalid for `kind` (exactly one deviation). Returns a short description. */
function spoil(r, op, kind) {
  const ensureInfo = () => {
    if (op.resultInfo === null || typeof op.resultInfo !== 'object') {
      op.resultInfo = { '@odata.type': '#microsoft.graph.resultInfo', code: 200, subcode: 0, message: 'Success' };
    }
    return op.resultInfo;
  };
  const codeKey = (info) => (r.chance(0.7) ? 'code' : ('subCode' in info ? 'subCode' : 'subcode'));
  switch (kind) {
    case 'wrong_type': {
      const which = r.pick(['id', 'status', 'clientContext', 'resultInfo', 'message', 'recordingLocation', 'completionReason', 'code', 'id-null']);
      switch (which) {
        case 'id': op.id = 4711; break;
        case 'id-null': op.id = null; break;
        case 'status': op.status = r.pick([2, true, ['running']]); break;
        case 'clientContext': op.clientContext = { ref: guid(r) }; break;
        case 'resultInfo': op.resultInfo = r.pick(['200 OK', 200, [200, 0]]); break;
        case 'message': ensureInfo().message = r.pick([0, false, { text: 'x' }]); break;
        case 'recordingLocation': op.recordingLocation = true; break;
        case 'completionReason': op.completionReason = 3; break;
        case 'code': ensureInfo().code = r.pick([true, null, { value: 200 }]); break;
      }
      return `wrong_type:${which}`;
    }
    case 'not_an_integer': {
      const info = ensureInfo();
      const key = codeKey(info);
      info[key] = r.pick([200.5, '200.5', 'OK', '', ' 200', '007', 8515.25, '2e2']);
      return `not_an_integer:${key}=${JSON.stringify(info[key])}`;
    }
    case 'integer_out_of_range': {
      const info = ensureInfo();
      const key = codeKey(info);
      info[key] = r.pick([4294967296, 2147483648, -2147483649, '2147483648', '-9999999999', 1e12]);
      return `integer_out_of_range:${key}=${JSON.stringify(info[key])}`;
    }
    case 'odata_type_mismatch': {
      if (r.chance(0.7)) {
        const foreign = r.pick(['#microsoft.graph.playPromptOperation', '#microsoft.graph.cancelMediaProcessingOperation', '#microsoft.graph.subscribeToToneOperation', '#microsoft.graph.recordingOperation']);
        // Keep the key order realistic: @odata.type first.
        const copy = { '@odata.type': foreign, ...op };
        copy['@odata.type'] = foreign;
        for (const k of Object.keys(op)) delete op[k];
        Object.assign(op, copy);
        return `odata_type_mismatch:${foreign}`;
      }
      const info = ensureInfo();
      const foreign = r.pick(['#microsoft.graph.operationError', '#microsoft.graph.publicError', '#microsoft.graph.resultInfoDetail']);
      const copy = { '@odata.type': foreign, ...info };
      copy['@odata.type'] = foreign;
      op.resultInfo = copy;
      return `odata_type_mismatch:resultInfo=${foreign}`;
    }
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

function serialise(r, value) {
  if (r.chance(0.12)) return JSON.stringify(value, null, 2);
  if (r.chance(0.05)) return JSON.stringify(value, null, '\t').replace(/\n\t*/g, ' '); // one line, spaced
  return JSON.stringify(value);
}

/** A flat (non-rope) copy, as text decoded from the network would be. */
function flat(text) {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/**
 * Single payloads: `{ texts, expected, reasons }` where `expected[i]` is true for valid.
 */
export function singlePayloads(count = 100_000, seed = DEFAULT_SEED, invalidRate = 0.1) {
  const r = prng(seed);
  const texts = new Array(count);
  const expected = new Uint8Array(count);
  const reasons = new Array(count).fill(null);
  for (let i = 0; i < count; i++) {
    const op = operation(r);
    if (r.chance(invalidRate)) {
      reasons[i] = spoil(r, op, r.pick(INVALID_KINDS));
      expected[i] = 0;
    } else {
      expected[i] = 1;
    }
    texts[i] = flat(serialise(r, op));
  }
  return { texts, expected, reasons };
}

/** Another commsOperation subtype, as a collection carries them: skipped, not an error. */
function siblingOperation(r) {
  const type = r.pick(['#microsoft.graph.playPromptOperation', '#microsoft.graph.subscribeToToneOperation', '#microsoft.graph.cancelMediaProcessingOperation']);
  const op = { '@odata.type': type, id: guid(r), clientContext: guid(r), status: r.pick(['running', 'completed']) };
  op.resultInfo = { '@odata.type': '#microsoft.graph.resultInfo', code: 200, subcode: 0, message: 'Success' };
  if (type === '#microsoft.graph.playPromptOperation') op.completionReason = 'completedSuccessfully';
  return op;
}

/**
 * One OData collection `{"@odata.context", "value": [...], "@odata.nextLink"}` of `count` items.
 * `expected[i]` is 1 for a valid item (a valid recordOperation, or a skipped sibling type), 0 for
 * an item with an error; `kinds[i]` is 'operation' or 'skipped'. Inside a collection a foreign
 * @odata.type means another resource (skipped), so the invalid kinds there exclude it at the top.
 */
export function collectionPayload(count = 10_000, seed = DEFAULT_SEED ^ 0xc011, invalidRate = 0.1) {
  const r = prng(seed);
  const items = new Array(count);
  const expected = new Uint8Array(count);
  const kinds = new Array(count);
  const reasons = new Array(count).fill(null);
  for (let i = 0; i < count; i++) {
    if (r.chance(0.03)) {
      items[i] = siblingOperation(r);
      expected[i] = 1;
      kinds[i] = 'skipped';
      continue;
    }
    const op = operation(r);
    kinds[i] = 'operation';
    if (r.chance(invalidRate)) {
      let kind = r.pick(INVALID_KINDS);
      let reason;
      do {
        // A foreign top-level type would make the item a skipped resource: re-roll as resultInfo's.
        const snapshot = JSON.stringify(op);
        reason = spoil(r, op, kind);
        if (reason.startsWith('odata_type_mismatch:#')) {
          for (const k of Object.keys(op)) delete op[k];
          Object.assign(op, JSON.parse(snapshot));
          reason = null;
        }
      } while (reason === null);
      reasons[i] = reason;
      expected[i] = 0;
    } else {
      expected[i] = 1;
    }
    items[i] = op;
  }
  const callId = guid(r);
  const doc = {
    '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#communications/calls('${callId}')/operations`,
    value: items,
    '@odata.nextLink': `https://graph.microsoft.com/v1.0/communications/calls/${callId}/operations?$skiptoken=${b64(r, 40)}`,
  };
  return { text: flat(JSON.stringify(doc)), expected, kinds, reasons, nextLink: doc['@odata.nextLink'] };
}

function summary() {
  const t0 = performance.now();
  const single = singlePayloads();
  const coll = collectionPayload();
  const ms = performance.now() - t0;
  const bytes = single.texts.map((t) => Buffer.byteLength(t));
  const sorted = [...bytes].sort((a, b) => a - b);
  const invalid = single.expected.length - single.expected.reduce((a, b) => a + b, 0);
  const byKind = {};
  for (const reason of single.reasons) if (reason) { const k = reason.split(':')[0]; byKind[k] = (byKind[k] ?? 0) + 1; }
  const nonAscii = single.texts.filter((t) => /[^\x00-\x7f]/.test(t)).length;
  const pretty = single.texts.filter((t) => t.includes('\n')).length;
  const extra = single.texts.filter((t) => /callChainId|diagnostics|@odata\.id|streamWhileRecording|"tags"/.test(t)).length;
  console.log(`generated in ${ms.toFixed(0)} ms`);
  console.log(`single: ${single.texts.length} payloads, bytes mean ${(bytes.reduce((a, b) => a + b, 0) / bytes.length).toFixed(0)}, median ${sorted[sorted.length >> 1]}, p10 ${sorted[Math.floor(sorted.length * 0.1)]}, p90 ${sorted[Math.floor(sorted.length * 0.9)]}`);
  console.log(`  invalid ${invalid} (${(100 * invalid / single.texts.length).toFixed(1)}%): ${JSON.stringify(byKind)}`);
  console.log(`  non-ASCII ${nonAscii}, pretty-printed ${pretty}, with extra properties ${extra}`);
  const ci = coll.expected.length - coll.expected.reduce((a, b) => a + b, 0);
  console.log(`collection: ${coll.expected.length} items, ${Buffer.byteLength(coll.text)} bytes, invalid ${ci}, skipped ${coll.kinds.filter((k) => k === 'skipped').length}`);
  for (let i = 0; i < 4; i++) console.log(single.texts[i]);
  for (let i = 0; i < 40 && i < single.texts.length; i++) if (single.reasons[i]) console.log(single.reasons[i], single.texts[i]);
}

if (import.meta.url === `file://${process.argv[1]}`) summary();
