// The package's `validate`, `parseAny`, `RecordOperation` and `ResultInfo`, built in JavaScript
// on the module's plain exports (src/bindings/raw.rs): the text is copied into wasm memory (with
// `TextEncoder.encodeInto`; in Node as UTF-16, see `copyString`), one call reads it, and the
// result comes back as a table of numbers and one text area, decoded once and sliced. Crossing into wasm once per call and building the
// objects here is several times cheaper than building them from Rust, and nothing stays in wasm
// memory afterwards: an instance is an ordinary JS object that keeps its own JSON text, so
// dropping it frees everything, with or without `free()`, and no loop waits for garbage
// collection to get wasm memory back. `stringify()`, `toJSON()`, `toString()` and
// `extraProperties` read that text again when asked.
//
// The word layouts are documented in src/bindings/raw.rs; tests/js/fast-path.test.mjs compares
// every result with the reference bindings built in Rust.

const ERROR_NAME = 'RecordOperationError';
/** Where `createApi` keeps one result of each shape (see `keepShapes`). */
const KEPT_SHAPES = Symbol('graph-record-operation kept shapes');
const KINDS = [null, 'operation', 'collection', 'notifications', 'array'];
const CATEGORIES = ['success', 'clientError', 'serverError', 'other'];
/** Words of one issue, of one operation, of one parseAny entry, of one skipped resource. */
const ISSUE_WORDS = 7;
const OPERATION_WORDS = 29;
const ENTRY_WORDS = OPERATION_WORDS + 12;
const SKIPPED_WORDS = 8;
/** Options left out: every limit at its default (0 tells wasm to use it). */
const DEFAULT_OPTIONS = Object.freeze({ strict: 0, maxInputBytes: 0, maxDepth: 0, maxIssues: 0 });
const INTERNAL = Symbol('graph-record-operation: internal');
/** See raw.rs: a string that is not ASCII and was not checked for lone surrogates. */
const LONE_UNCHECKED = 0xffffffff;
const NO_ISSUES = Object.freeze([]);

/** Where the first lone surrogate of a string that is not well-formed UTF-16 is. */
function firstLoneSurrogate(text) {
  let previousHigh = false;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const high = unit >= 0xd800 && unit <= 0xdbff;
    const low = unit >= 0xdc00 && unit <= 0xdfff;
    if (previousHigh && !low) return i - 1;
    if (low && !previousHigh) return i;
    previousHigh = high;
  }
  return previousHigh ? text.length - 1 : -1;
}

/**
 * Runs `make` with `Error.stackTraceLimit` at 0: a `RecordOperationError` describes the payload
 * (every issue with its path, line and column), not the code, so it is made without a stack trace.
 * In V8, capturing even one frame costs more than reading the payload, and a stream with invalid
 * payloads would pay it for each.
 */
function withoutStackTrace(make) {
  const limit = Error.stackTraceLimit;
  const limited = typeof limit === 'number' && Object.isExtensible(Error);
  if (limited) Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    if (limited) Error.stackTraceLimit = limit;
  }
}

/**
 * The message of a `RecordOperationError` whose first error is `first`, of `count` errors: the
 * text of the crate's `Error` (`Display` of error.rs and of `Issue`), written here rather than
 * formatted in wasm and decoded (tests/js/fast-path.test.mjs compares the two).
 */
function errorMessage(first, count) {
  if (first === null) return 'invalid recordOperation';
  const where = first.path === '' ? '(document)' : first.path;
  const described = `${first.severity} ${first.code} at ${where} (line ${first.line}, column ${first.column}): ${first.message}`;
  return count === 1
    ? `invalid recordOperation: ${described}`
    : `invalid recordOperation: ${count} errors, the first: ${described}`;
}

/** `errorMessage` of a whole list of issues. */
function issuesMessage(issues) {
  let first = null;
  let count = 0;
  for (const issue of issues) {
    if (issue.severity !== 'error') continue;
    first ??= issue;
    count++;
  }
  return errorMessage(first, count);
}

/**
 * The strings fields name by index (documented statuses, completion reasons, the recordOperation
 * `@odata.type`: see raw.rs), from the module (every instance of one build has the same).
 */
let CONSTANT_STRINGS = [];

/**
 * The string field at word `w` of `words`: undefined (absent), null, or the string, sliced from the
 * result's `text` or, for a string read straight from the input (no escapes), from the `input`
 * itself (at its UTF-16 offsets), or one of the constant strings.
 */
function stringField(words, w, input, text) {
  const state = words[w];
  if (state === 3) return input.slice(words[w + 1], words[w + 2]);
  if (state === 4) return CONSTANT_STRINGS[words[w + 1]];
  if (state === 2) return text.slice(words[w + 1], words[w + 2]);
  return state === 1 ? null : undefined;
}

/**
 * The strings an operation's fields are slices of (the input and the result's text, which hold the
 * access token), behind a function: browser devtools list private fields' values in console
 * previews, but show a function as its source text.
 */
function stringsOf(input, text) {
  return (which) => (which === 0 ? input : text);
}

function freedError(name) {
  return new Error(
    `graph-record-operation: this ${name} was freed (free() or the end of a using block); read the payload again to use it`,
  );
}

function booleanOption(options, name) {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new TypeError(`options.${name} must be a boolean`);
  return value;
}

function countOption(options, name) {
  const value = options[name];
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 4294967295) {
    throw new TypeError(`options.${name} must be a positive whole number`);
  }
  return value;
}

function checkOptionsObject(options) {
  if (typeof options !== 'object') throw new TypeError('options must be an object');
}

/** `{ strict?, maxInputBytes?, maxDepth?, maxIssues? }` as the numbers wasm takes. */
function readParseOptions(options) {
  if (options === undefined || options === null) return DEFAULT_OPTIONS;
  checkOptionsObject(options);
  return {
    strict: booleanOption(options, 'strict') ? 1 : 0,
    maxInputBytes: countOption(options, 'maxInputBytes'),
    maxDepth: countOption(options, 'maxDepth'),
    maxIssues: countOption(options, 'maxIssues'),
  };
}

/** `{ pascalCaseStatus?, redact? }`. */
function readWriteOptions(options) {
  if (options === undefined || options === null) return { pascal: 0, redact: 0 };
  checkOptionsObject(options);
  return {
    pascal: booleanOption(options, 'pascalCaseStatus') ? 1 : 0,
    redact: booleanOption(options, 'redact') ? 1 : 0,
  };
}

function copyIssue(issue) {
  return {
    path: issue.path,
    code: issue.code,
    severity: issue.severity,
    message: issue.message,
    line: issue.line,
    column: issue.column,
  };
}

/**
 * The API over one instantiated module (`wasm`: the wasm-bindgen glue's exports). `utf16`: in
 * Node, the exports of src/bindings/utf16_to_utf8.wat instantiated on the module's memory (see
 * `copyString`), or null.
 * @returns {{ validate: Function, parseAny: Function, RecordOperation: Function, ResultInfo: Function, isRecordOperationError: Function }}
 */
export function createApi(wasm, utf16 = null) {
  const memory = wasm.__groMemory();
  const header = wasm.__groHeader() >>> 2;
  // The issue codes by index, and the constant strings (set below, from wasm).
  let CODES = [];
  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const hasIsWellFormed = typeof String.prototype.isWellFormed === 'function';
  // In Node, a Buffer over wasm memory decodes short strings several times faster than
  // TextDecoder does (which pays a fixed cost per call); browsers have no Buffer.
  const NodeBuffer =
    typeof Buffer === 'function' &&
    typeof Buffer.prototype.utf8Slice === 'function' &&
    typeof Buffer.prototype.latin1Slice === 'function'
      ? Buffer
      : null;
  let nodeBytes = null;
  // Node: strings are copied as UTF-16 (`Buffer#ucs2Write`) and turned into UTF-8 in wasm.
  const fromUtf16 = NodeBuffer !== null && typeof NodeBuffer.prototype.ucs2Write === 'function' ? utf16 : null;

  let bytes = null;
  let u32 = null;
  let inputAddress = 0;
  let inputCapacity = 0;
  let inputView = null;

  // What the latest copy found: the UTF-16 index of a lone surrogate plus one (0: none; or, on
  // the encodeInto path, LONE_UNCHECKED: a string that is not ASCII, which wasm clears unless its
  // bytes hold U+FFFD, see raw.rs), and whether the text was ASCII (byte offsets are then UTF-16
  // offsets).
  let lone = 0;
  let ascii = 0;

  /**
   * Views on wasm memory, made again when it grew: growing detaches the old buffer, and a view on
   * a detached buffer has length 0 (cheaper to check than reading `memory.buffer` every call).
   */
  function refreshViews() {
    if (bytes !== null && bytes.length !== 0) return;
    const buffer = memory.buffer;
    bytes = new Uint8Array(buffer);
    u32 = new Uint32Array(buffer);
    nodeBytes = NodeBuffer === null ? null : NodeBuffer.from(buffer);
    inputView = inputCapacity > 0 ? bytes.subarray(inputAddress, inputAddress + inputCapacity) : null;
  }

  function reserveInput(length) {
    if (length > inputCapacity) {
      inputAddress = wasm.__groInput(length);
      inputCapacity = Math.max(length, 4096);
      bytes = null;
    }
    refreshViews();
  }

  /** The UTF-8 text at `address`; `isAscii`: it is known to be ASCII. */
  function decodeUtf8(address, length, isAscii) {
    if (length === 0) return '';
    if (nodeBytes !== null) {
      // ASCII is Latin-1 too, and Node copies Latin-1 into a string without validating it.
      return isAscii ? nodeBytes.latin1Slice(address, address + length) : nodeBytes.utf8Slice(address, address + length);
    }
    return decoder.decode(bytes.subarray(address, address + length));
  }

  /** Copies a string in as UTF-8; returns the byte length. */
  function copyString(text) {
    const units = text.length;
    // UTF-8 takes at most three bytes a unit. The Node path puts the UTF-16 units at least
    // units + 16 bytes into the buffer (at an address that is a multiple of 16), where turning
    // them into UTF-8 from the start of the buffer never overwrites a unit not yet read (see
    // utf16_to_utf8.wat): at most 3 × units + 31 bytes in all.
    reserveInput(units * 3 + 32);
    lone = 0;
    ascii = 1;
    if (units === 0) return 0;
    if (fromUtf16 !== null) {
      const after = inputAddress + units + 16;
      const utf16At = after + ((16 - (after % 16)) % 16);
      if (nodeBytes.ucs2Write(text, utf16At) === units * 2) {
        const written = fromUtf16.utf16ToUtf8(utf16At, units, inputAddress);
        if (written !== units) {
          // Not ASCII (ASCII is one byte a unit): the first lone surrogate, found on the way.
          ascii = 0;
          lone = fromUtf16.lone.value;
        }
        return written;
      }
    }
    const written = encoder.encodeInto(text, inputView).written;
    if (written !== units) {
      ascii = 0;
      lone = LONE_UNCHECKED;
    }
    return written;
  }

  /**
   * After a reader returned LONE_UNCHECKED: looks for a lone surrogate in the copied string (which
   * encodeInto wrote as U+FFFD: it is reported, never replaced silently).
   */
  function checkLone() {
    lone = hasIsWellFormed && copied.isWellFormed() ? 0 : firstLoneSurrogate(copied) + 1;
  }

  function copyBytes(source) {
    reserveInput(source.length);
    inputView.set(source);
    lone = 0;
    ascii = 0;
    return source.length;
  }

  /** JSON text for any value: a `RecordOperation` as its canonical JSON, others through JSON.stringify. */
  function inputText(input) {
    if (typeof input === 'string') return input;
    if (input !== null && typeof input === 'object') {
      const stringify = input.stringify;
      if (typeof stringify === 'function' && typeof input.isTerminal === 'boolean') {
        return String(stringify.call(input));
      }
    }
    const text = JSON.stringify(input);
    if (text === undefined) {
      throw new TypeError(
        'expected JSON text or a JSON-serializable value, but got a value JSON.stringify cannot represent',
      );
    }
    return text;
  }

  // What the latest copyInput copied: the text (a string) or the caller's bytes.
  let copied = '';

  /**
   * Copies any input in: a string, the bytes of a `Uint8Array` (a Node `Buffer`) or an
   * `ArrayBuffer`, so that bytes that are not UTF-8 are reported, or any other value as its JSON
   * text. Returns the byte length.
   */
  function copyInput(input) {
    if (typeof input === 'string') {
      copied = input;
      return copyString(input);
    }
    if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
      copied = input instanceof Uint8Array ? input : new Uint8Array(input);
      return copyBytes(copied);
    }
    if (ArrayBuffer.isView(input)) {
      throw new TypeError(
        'expected JSON text, a Uint8Array of UTF-8 bytes, or a parsed value; got another typed array',
      );
    }
    copied = inputText(input);
    return copyString(copied);
  }

  /** The text the latest input was read as, for operations to keep (bytes that read were UTF-8). */
  function copiedText() {
    return typeof copied === 'string' ? copied : decoder.decode(copied);
  }

  // The latest result: where its words start (an index into u32) and its decoded text.
  let at = 0;
  let text = '';

  // The tables every instance of one build has the same: see `__groTables` in raw.rs.
  wasm.__groTables();
  readResult();
  {
    const [codes, constants] = text.split('\n');
    CODES = codes.split(',');
    CONSTANT_STRINGS = constants.split(',');
  }

  function readResult() {
    refreshViews();
    at = u32[header] >>> 2;
    text = decodeUtf8(u32[header + 2], u32[header + 3], u32[header + 4] === 1);
  }

  /** The string field at word `w` of the latest result (see `stringField`). */
  function field(w, input) {
    return stringField(u32, w, input, text);
  }

  function readIssue(w) {
    const head = u32[w];
    return {
      path: text.slice(u32[w + 1], u32[w + 2]),
      code: CODES[head & 0xffff],
      severity: head >>> 16 ? 'error' : 'warning',
      message: text.slice(u32[w + 3], u32[w + 4]),
      line: u32[w + 5],
      column: u32[w + 6],
    };
  }

  function readIssues(w, count) {
    const issues = new Array(count);
    for (let i = 0; i < count; i++) issues[i] = readIssue(w + i * ISSUE_WORDS);
    return issues;
  }

  /** `{ errors, warnings }`: new arrays of the issues, in their order. */
  function splitIssues(issues) {
    const errors = [];
    const warnings = [];
    for (const issue of issues) (issue.severity === 'error' ? errors : warnings).push(issue);
    return { errors, warnings };
  }

  /**
   * Calls one of raw.rs's readers on the latest copy, `length` bytes, with the parse options and
   * the lone surrogate found; `a` and `b` are the reader's own last arguments (see raw.rs). When
   * it asks for the copied string to be checked for lone surrogates first, checks and calls again.
   */
  function runReader(read, length, parseOptions, a, b) {
    const { strict, maxInputBytes, maxDepth, maxIssues } = parseOptions;
    let result = read(length, strict, maxInputBytes, maxDepth, maxIssues, lone, a, b);
    if (result === LONE_UNCHECKED) {
      checkLone();
      result = read(length, strict, maxInputBytes, maxDepth, maxIssues, lone, a, b);
    }
    return result;
  }

  /**
   * Reads `source` (kept by a result whose issues were not built) again: copies it in and returns
   * `run(length)`. `copied` is cleared only afterwards, since `runReader`'s lone-surrogate check
   * reads it.
   */
  function readAgain(source, run) {
    const length = copyInput(source);
    const result = run(length);
    copied = '';
    return result;
  }

  /**
   * What a result whose issues are built later keeps of the latest input: strings cannot change;
   * bytes can, so they are copied.
   */
  function keptInput() {
    return typeof copied === 'string' ? copied : new Uint8Array(copied);
  }

  /**
   * Reads the text of an operation again, with the limits it was read with, and returns what
   * `what` asks for (see raw.rs): text for 0-2, the issues for 3.
   */
  function reread(source, limits, what, pascal, redact) {
    const length = copyString(source);
    if (!wasm.__groReread(length, limits.maxDepth, limits.maxIssues, what, pascal, redact)) {
      throw new Error('graph-record-operation: an operation could not be read again from its own text');
    }
    readResult();
    return what === 3 ? readIssues(at, (u32[header + 1] / ISSUE_WORDS) | 0) : text;
  }

  /**
   * `resultInfo`: the outcome of an operation.
   */
  class ResultInfo {
    #code;
    #subcode;
    #message;
    #category;
    #freed = false;

    constructor(internal, code, subcode, message, category) {
      if (internal !== INTERNAL) {
        throw new TypeError('ResultInfo has no public constructor: read it from RecordOperation.resultInfo');
      }
      this.#code = code;
      this.#subcode = subcode;
      this.#message = message;
      this.#category = category;
    }

    #live() {
      if (this.#freed) throw freedError('ResultInfo');
    }

    /** The HTTP-like result code (`undefined` when it was missing). */
    get code() {
      this.#live();
      return this.#code;
    }

    /** The sub-code (`undefined` when it was missing). */
    get subcode() {
      this.#live();
      return this.#subcode;
    }

    /** The message: `null` when sent as null, `undefined` when absent. */
    get message() {
      this.#live();
      return this.#message;
    }

    /** The code's HTTP class: `"success"`, `"clientError"`, `"serverError"` or `"other"`. */
    get category() {
      this.#live();
      return this.#category;
    }

    /** `{ code, subcode, message, category }`. */
    toJSON() {
      this.#live();
      const json = {};
      if (this.#code !== undefined) json.code = this.#code;
      if (this.#subcode !== undefined) json.subcode = this.#subcode;
      if (this.#message !== undefined) json.message = this.#message;
      json.category = this.#category;
      return json;
    }

    /** Nothing to release (the object lives in JavaScript); later uses throw, as after a real release. */
    free() {
      this.#freed = true;
    }

    [Symbol.dispose]() {
      this.#freed = true;
    }
  }

  /**
   * A Microsoft Graph recordOperation, read with `RecordOperation.parse` or `RecordOperation.from`.
   * `toString()` and Node's `util.inspect` never show the recording access token; only the
   * `recordingAccessToken` getter and `toJSON()` do.
   */
  class RecordOperation {
    #words; // the result's words: this operation's own copy, or the copy a parseAny result shares
    #at; // where this operation's words start in #words
    #strings; // (0 | 1) => the input, or the result's text
    #warnings; // its issues; null (came alone) or a PendingAnyIssues (parseAny) until asked for
    #limits;
    #freed = false;

    /**
     * Reads the operation's fields from `words` at `at` when they are asked for; `strings` gives
     * the strings they are slices of, behind a function so that devtools previews never list
     * them (they hold the access token).
     */
    constructor(internal, words, at, strings, warnings, limits) {
      if (internal !== INTERNAL) {
        throw new TypeError('RecordOperation has no public constructor: use RecordOperation.parse or RecordOperation.from');
      }
      this.#words = words;
      this.#at = at;
      this.#strings = strings;
      this.#warnings = warnings;
      this.#limits = limits;
    }

    #live() {
      if (this.#freed) throw freedError('RecordOperation');
    }

    /** The string field at word `k` of the operation. */
    #field(k) {
      const strings = this.#strings;
      return stringField(this.#words, this.#at + k, strings(0), strings(1));
    }

    #flags() {
      return this.#words[this.#at];
    }

    /**
     * Reads a recordOperation from JSON text. Accepts every spelling real senders use and keeps
     * unknown properties. Throws a `RecordOperationError` (with `code` and `issues`) when the
     * payload has errors in the chosen mode; the warnings are on the result's `warnings`.
     */
    static parse(text, options) {
      return readOperation(text, options);
    }

    /** The same as `parse`, for a value already parsed (a plain object) or another `RecordOperation`. */
    static from(value, options) {
      return readOperation(value, options);
    }

    /** The operation id. */
    get id() {
      this.#live();
      return this.#field(7) ?? undefined;
    }

    /** `clientContext`: `null` when sent as null, `undefined` when absent. */
    get clientContext() {
      this.#live();
      return this.#field(10);
    }

    /** `status` in its documented spelling; an undocumented value as it came; null; undefined. */
    get status() {
      this.#live();
      return this.#field(13);
    }

    /** `completionReason` in its documented spelling, or an undocumented value as it came. */
    get completionReason() {
      this.#live();
      return this.#field(16);
    }

    /** `resultInfo`: `null` when sent as null, `undefined` when absent. */
    get resultInfo() {
      this.#live();
      const info = this.#words[this.#at + 19];
      if (info === 0) return undefined;
      if (info === 1) return null;
      const flags = this.#flags();
      const words = this.#words;
      const at = this.#at;
      // Codes are Int32: the words hold their bits.
      return new ResultInfo(
        INTERNAL,
        flags & 4 ? words[at + 1] | 0 : undefined,
        flags & 8 ? words[at + 2] | 0 : undefined,
        this.#field(20),
        CATEGORIES[words[at + 3]],
      );
    }

    /** `recordingLocation`: where to fetch the recording. */
    get recordingLocation() {
      this.#live();
      return this.#field(23);
    }

    /** `recordingAccessToken`: a credential; this getter and `toJSON()` are the only ways to read it. */
    get recordingAccessToken() {
      this.#live();
      return this.#field(26);
    }

    /** Reads the operation's own text again for `what` (see raw.rs). */
    #reread(what, pascal, redact) {
      // The operation's own text: the whole input (a single parse), or its span in the input.
      const words = this.#words;
      const span = this.#at + OPERATION_WORDS + 8;
      const input = this.#strings(0);
      const source = words.length === OPERATION_WORDS ? input : input.slice(words[span], words[span + 1]);
      return reread(source, this.#limits, what, pascal, redact);
    }

    /** `completed` or `failed`: no more updates follow. */
    get isTerminal() {
      this.#live();
      return (this.#flags() & 1) !== 0;
    }

    /** `completed`, and no resultInfo code outside 2xx. */
    get isSuccess() {
      this.#live();
      return (this.#flags() & 2) !== 0;
    }

    /** `@odata.type` in its documented spelling, when it was sent. */
    get odataType() {
      this.#live();
      return this.#field(4) ?? undefined;
    }

    /** Every property the schema does not define, as own properties of a fresh object. */
    get extraProperties() {
      this.#live();
      const pairs = JSON.parse(this.#reread(2, 0, 0));
      const extra = {};
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        // defineProperty, not assignment: `__proto__` stays an own key, never the prototype.
        Object.defineProperty(extra, pairs[i], {
          value: pairs[i + 1],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return extra;
    }

    /** The warnings reading reported (errors make `parse` throw instead). */
    get warnings() {
      this.#live();
      let warnings = this.#warnings;
      if (warnings === null) {
        // Read again from the operation's own text the first time (parse did not build them).
        warnings = this.#warnings = this.#reread(3, 0, 0);
      } else if (warnings instanceof PendingAnyIssues) {
        // Its parseAny payload's second read has them (they may depend on what surrounds it).
        warnings = this.#warnings = warnings.of(this.#at / ENTRY_WORDS);
      }
      return warnings.map(copyIssue);
    }

    /** The operation as a JSON object, so `JSON.stringify(operation)` works. */
    toJSON(options) {
      this.#live();
      // JSON.stringify calls toJSON(key) with the property name: a string is not options.
      return JSON.parse(this.stringify(typeof options === 'string' ? undefined : options));
    }

    /** The canonical JSON text: documented spellings, unknown properties byte-for-byte. */
    stringify(options) {
      this.#live();
      const { pascal, redact } = readWriteOptions(options);
      return this.#reread(0, pascal, redact);
    }

    /** A one-line summary, e.g. `recordOperation 0fe0… (completed, 200/8515)`. Never the token. */
    toString() {
      this.#live();
      return this.#reread(1, 0, 0);
    }

    /** Nothing to release (the object lives in JavaScript); later uses throw, as after a real release. */
    free() {
      this.#freed = true;
    }

    [Symbol.dispose]() {
      this.#freed = true;
    }
  }

  /**
   * The error `RecordOperation.parse` and `RecordOperation.from` throw: a real `Error` named
   * `RecordOperationError`, with the `code` of the first error and every issue in `issues`. A
   * failed read builds only its first error (for the message) and counts the others; `issues` is
   * built the first time it is read, by validating the payload again in full (`validate` reports
   * exactly the issues `parse` does). `JSON.stringify(error)` and Node's `console.log` show it.
   */
  class RecordOperationError extends Error {
    #issues; // null until built
    #source; // what to validate again (a string, or a copy of the caller's bytes), until built
    #options;

    constructor(internal, message, code, issues, source, options) {
      if (internal !== INTERNAL) throw new TypeError('RecordOperationError has no public constructor');
      super(message);
      this.name = ERROR_NAME;
      this.code = code;
      this.#issues = issues;
      this.#source = source;
      this.#options = options;
    }

    /** Every issue, errors and warnings. */
    get issues() {
      if (this.#issues === null) {
        const options = this.#options;
        const result = readAgain(this.#source, (length) => runReader(wasm.__groValidate, length, options, 1));
        readResult();
        this.#issues = readIssues(at, result >>> 2);
        this.#source = null;
      }
      return this.#issues;
    }

    set issues(value) {
      Object.defineProperty(this, 'issues', { value, enumerable: true, writable: true, configurable: true });
    }

    /** `{ name, code, issues }`, as `JSON.stringify` gives an error's own properties. */
    toJSON() {
      return { name: this.name, code: this.code, issues: this.issues };
    }
  }
  // Node's console.log and REPL show an error's own properties: make `issues` one first.
  Object.defineProperty(RecordOperationError.prototype, Symbol.for('nodejs.util.inspect.custom'), {
    configurable: true,
    writable: true,
    value: function inspectRecordOperationError() {
      if (!Object.hasOwn(this, 'issues')) this.issues = this.issues;
      return this;
    },
  });

  function readOperation(input, options) {
    const parseOptions = readParseOptions(options);
    const length = copyInput(input);
    const result = runReader(wasm.__groParse, length, parseOptions, ascii);
    readResult();
    const count = result >>> 2;
    if (result & 1) {
      const source = copiedText();
      copied = '';
      // Its own copy of its words (a plain array: cheaper to make than a typed array). Shorter
      // than a parseAny entry's: its own text is the whole input.
      const words = new Array(OPERATION_WORDS);
      for (let k = 0; k < OPERATION_WORDS; k++) words[k] = u32[at + k];
      return new RecordOperation(INTERNAL, words, 0, stringsOf(source, text), count === 0 ? NO_ISSUES : null, parseOptions);
    }
    const code = CODES[u32[at]];
    if (result & 2) {
      // Only the first error was built, and the errors counted: the issues are built if read.
      const source = keptInput();
      copied = '';
      const message = errorMessage(readIssue(at + 1), count);
      throw withoutStackTrace(() => new RecordOperationError(INTERNAL, message, code, null, source, parseOptions));
    }
    copied = '';
    const issues = readIssues(at + 1, count);
    throw withoutStackTrace(() => new RecordOperationError(INTERNAL, issuesMessage(issues), code, issues, null, null));
  }

  /** The issues of a `__groValidate` result that built them (see raw.rs). */
  function builtIssues(result) {
    const count = result >>> 2;
    if (count === 0) return NO_ISSUES;
    readResult();
    return readIssues(at, count);
  }

  /**
   * What `validate` returns: `valid`, and `errors` and `warnings` as accessors. When the first read
   * found issues, it only decided the verdict (see raw.rs): the issues are built the first time
   * `errors` or `warnings` is read, by validating the payload again in full. Most callers read
   * only `valid`, and building issue objects (paths, messages, line and column) costs more than
   * deciding it. Even the two arrays are made only when read: a result is one allocation.
   * `toJSON` and Node's `util.inspect` show all three; assigning either works as it would on a
   * plain object.
   */
  class ValidationResult {
    #valid; // the first read's verdict, which a second read must give again
    #built = false; // set when `errors` and `warnings` are
    #errors = null;
    #warnings = null;
    #issues; // every issue, when the first read built them (or NO_ISSUES); else null
    #source; // what to validate again (a string, or a copy of the caller's bytes), until built
    #options;

    constructor(internal, valid, issues, source, options) {
      if (internal !== INTERNAL) throw new TypeError('ValidationResult has no public constructor: call validate');
      /** True when the payload has no error in the chosen mode. */
      this.valid = valid;
      this.#valid = valid;
      this.#issues = issues;
      this.#source = source;
      this.#options = options;
    }

    #build() {
      if (this.#built) return;
      let issues = this.#issues;
      if (issues === null) {
        const options = this.#options;
        const result = readAgain(this.#source, (length) => runReader(wasm.__groValidate, length, options, 1));
        if ((result & 1) !== (this.#valid ? 1 : 0)) {
          throw new Error('graph-record-operation: a payload validated differently the second time');
        }
        issues = builtIssues(result);
        this.#source = null;
      }
      ({ errors: this.#errors, warnings: this.#warnings } = splitIssues(issues));
      this.#issues = null;
      this.#built = true;
    }

    /** The errors. */
    get errors() {
      this.#build();
      return this.#errors;
    }

    set errors(value) {
      this.#build();
      this.#errors = value;
    }

    /** The warnings. */
    get warnings() {
      this.#build();
      return this.#warnings;
    }

    set warnings(value) {
      this.#build();
      this.#warnings = value;
    }

    /** `{ valid, errors, warnings }`, so that `JSON.stringify(result)` has all three. */
    toJSON() {
      return { valid: this.valid, errors: this.errors, warnings: this.warnings };
    }
  }
  // Node's console.log and REPL: all three, like a plain object.
  Object.defineProperty(ValidationResult.prototype, Symbol.for('nodejs.util.inspect.custom'), {
    configurable: true,
    writable: true,
    value: function inspectValidationResult() {
      return this.toJSON();
    },
  });

  /**
   * Validates one recordOperation, given as JSON text or an already-parsed object. Never throws
   * for a bad payload. Throws a `TypeError` only for bad options.
   */
  function validate(input, options) {
    const parseOptions = readParseOptions(options);
    const length = copyInput(input);
    const result = runReader(wasm.__groValidate, length, parseOptions, 0);
    const valid = (result & 1) === 1;
    if (result & 2 || result === 1) {
      copied = '';
      return new ValidationResult(INTERNAL, valid, builtIssues(result), null, null);
    }
    // Issues were found but not built: keep what was read (a copy of bytes, which the caller may
    // change; strings cannot change) to validate it again if they are asked for.
    const source = keptInput();
    copied = '';
    return new ValidationResult(INTERNAL, valid, null, source, parseOptions);
  }

  /** Where the parts of the latest `__groParseAny` result are (see raw.rs). */
  function anyLayout() {
    const operationCount = u32[at + 4];
    const skippedCount = u32[at + 5];
    const issueCount = u32[at + 6];
    const operationsAt = at + 7;
    const skippedAt = operationsAt + operationCount * ENTRY_WORDS;
    const issuesAt = skippedAt + skippedCount * SKIPPED_WORDS;
    const indicesAt = issuesAt + issueCount * ISSUE_WORDS;
    return { operationCount, skippedCount, issueCount, operationsAt, skippedAt, issuesAt, indicesAt };
  }

  /** Each operation's own issues (copies of `issues`), from the latest `__groParseAny` result. */
  function ownIssues(layout, issues, i) {
    const x = layout.operationsAt + i * ENTRY_WORDS + OPERATION_WORDS;
    const first = u32[x + 10];
    const own = new Array(u32[x + 11]);
    for (let k = 0; k < own.length; k++) own[k] = copyIssue(issues[u32[layout.indicesAt + first + k]]);
    return own;
  }

  /**
   * The warnings of a `parseAny` payload whose first read only noted that there are some (see
   * raw.rs): the payload's, and each operation's own issues, from a second, full read of the same
   * text, made the first time any of them is asked for. Most callers never ask: the errors decide
   * what to do with a payload.
   */
  class PendingAnyIssues {
    #source;
    #options;
    #valid;
    #operationCount;
    #read = null;

    constructor(source, options, valid, operationCount) {
      this.#source = source;
      this.#options = options;
      this.#valid = valid;
      this.#operationCount = operationCount;
    }

    #all() {
      if (this.#read === null) {
        const options = this.#options;
        // `ascii` is the copy's, read when `run` is called.
        const result = readAgain(this.#source, (length) => runReader(wasm.__groParseAny, length, options, ascii, 1));
        readResult();
        const layout = anyLayout();
        if ((result & 1) !== this.#valid || layout.operationCount !== this.#operationCount) {
          throw new Error('graph-record-operation: a payload read differently the second time');
        }
        const issues = readIssues(layout.issuesAt, layout.issueCount);
        const own = new Array(layout.operationCount);
        for (let i = 0; i < own.length; i++) own[i] = ownIssues(layout, issues, i);
        this.#read = { warnings: splitIssues(issues).warnings, own };
        this.#source = null;
      }
      return this.#read;
    }

    /** The payload's warnings. */
    warnings() {
      return this.#all().warnings;
    }

    /** The own issues of the operation at `index`. */
    of(index) {
      return this.#all().own[index];
    }
  }

  /** A data property, as an assignment makes one. */
  function dataProperty(value) {
    return { value, enumerable: true, writable: true, configurable: true };
  }

  // parseAny's plain objects are object literals of fixed shapes, one per set of properties,
  // rather than objects that gain their optional properties one by one. V8 keeps a literal's
  // hidden class for as long as the code that makes it, but a class reached by adding a property
  // only while some object has it: once a collection removed the last such object (two full
  // collections after it died), parseAny's optimized code met an unknown hidden class, was
  // thrown away, and ran unoptimized while it was compiled again (in bench/run.js, every third
  // sample of (B), about 10 ms of compiler CPU each time).

  /** A `parseAny` entry: `changeType` and `resourceUrl` only when the payload has them. */
  function anyEntry(path, changeType, resourceUrl, operation) {
    if (changeType != null) {
      return resourceUrl != null ? { path, changeType, resourceUrl, operation } : { path, changeType, operation };
    }
    return resourceUrl != null ? { path, resourceUrl, operation } : { path, operation };
  }

  /** A resource `parseAny` skipped: `odataType` and `id` only when it has them. */
  function skippedResource(path, odataType, id) {
    if (odataType != null) return id != null ? { path, odataType, id } : { path, odataType };
    return id != null ? { path, id } : { path };
  }

  /** The `parseAny` result: `nextLink` only when the payload has one. */
  function anyPayload(kind, operations, skipped, nextLink, valid, errors, warnings) {
    return nextLink != null
      ? { kind, operations, skipped, nextLink, valid, errors, warnings }
      : { kind, operations, skipped, valid, errors, warnings };
  }

  /**
   * Reads a payload of any shape: a single operation, an OData collection, a `commsNotifications`
   * envelope, or a bare array. Never throws for a bad payload.
   */
  function parseAny(input, options) {
    const parseOptions = readParseOptions(options);
    const length = copyInput(input);
    const result = runReader(wasm.__groParseAny, length, parseOptions, ascii, 0);
    const valid = result & 1;
    readResult();
    const kind = KINDS[u32[at]] ?? null;
    const source = copiedText();
    copied = '';
    const nextLink = field(at + 1, source);
    const layout = anyLayout();
    const { operationCount, skippedCount, operationsAt, skippedAt } = layout;
    const issues = readIssues(layout.issuesAt, layout.issueCount);
    // Warnings not built yet (the issues are the errors): built, with each operation's own
    // issues, when first asked for.
    const pending = result & 2 ? new PendingAnyIssues(source, parseOptions, valid, operationCount) : null;

    // The operations read their fields from one copy of their words, when asked.
    const words = u32.slice(operationsAt, skippedAt);
    const strings = stringsOf(source, text);
    const operations = new Array(operationCount);
    for (let i = 0; i < operationCount; i++) {
      const x = operationsAt + i * ENTRY_WORDS + OPERATION_WORDS;
      const warnings = pending ?? ownIssues(layout, issues, i);
      operations[i] = anyEntry(
        text.slice(u32[x], u32[x + 1]),
        field(x + 2, source),
        field(x + 5, source),
        new RecordOperation(INTERNAL, words, i * ENTRY_WORDS, strings, warnings, parseOptions),
      );
    }

    const skipped = new Array(skippedCount);
    for (let i = 0; i < skippedCount; i++) {
      const s = skippedAt + i * SKIPPED_WORDS;
      skipped[i] = skippedResource(text.slice(u32[s], u32[s + 1]), field(s + 2, source), field(s + 5, source));
    }

    const { errors, warnings } = splitIssues(issues);
    const payload = anyPayload(kind, operations, skipped, nextLink, valid === 1, errors, warnings);
    if (pending !== null) {
      // An own enumerable getter (spreads, JSON.stringify and structuredClone read it), which
      // becomes a data property once read.
      Object.defineProperty(payload, 'warnings', {
        enumerable: true,
        configurable: true,
        get() {
          const warnings = pending.warnings();
          Object.defineProperty(payload, 'warnings', dataProperty(warnings));
          return warnings;
        },
        set(value) {
          Object.defineProperty(payload, 'warnings', dataProperty(value));
        },
      });
    }
    return payload;
  }

  /** True for the errors `RecordOperation.parse` and `RecordOperation.from` throw. */
  function isRecordOperationError(error) {
    return error instanceof Error && error.name === ERROR_NAME;
  }

  /**
   * One instance of each class the API returns, kept for the module's life. V8 keeps the hidden
   * class of an object (its fields and their order) only while some object has it, and a full
   * garbage collection that removes one throws away the optimized code that depends on it: without
   * these, a page that parses now and then, with collections in between, would run its reads
   * unoptimized after each collection and compile them again (in bench/run.js, which collects
   * before every sample, `parse` used about 10% more CPU). Made with the constructors alone, no
   * read, so instantiation stays quick; tests/js/shapes.test.mjs checks that every kind of result
   * shares its hidden class with one of them.
   */
  function keepShapes() {
    return [
      new RecordOperation(INTERNAL, [], 0, stringsOf('', ''), NO_ISSUES, DEFAULT_OPTIONS),
      new ResultInfo(INTERNAL, 200, 0, 'ok', CATEGORIES[0]),
      new PendingAnyIssues('', DEFAULT_OPTIONS, 1, 0),
      new ValidationResult(INTERNAL, true, NO_ISSUES, null, null),
      // As thrown: made without a stack trace.
      withoutStackTrace(() => new RecordOperationError(INTERNAL, '', '', NO_ISSUES, null, null)),
    ];
  }
  // Held by the class, which lives as long as the API (a local variable no function reads would
  // be collected with the call's scope).
  Object.defineProperty(RecordOperation, KEPT_SHAPES, { value: Object.freeze(keepShapes()) });

  return { validate, parseAny, RecordOperation, ResultInfo, isRecordOperationError };
}
