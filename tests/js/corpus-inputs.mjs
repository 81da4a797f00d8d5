// Reads the inputs and parse options of the bad-input corpus (tests/corpus/bad-inputs.txt; format in
// tests/corpus/README.md, reference reader tests/corpus/format.rs) for JavaScript runners. The
// expectations are the Rust runners' business; a JS runner that compares two paths needs only the
// inputs, as the JS value each kind becomes: valid UTF-8 as a string, other bytes as a Uint8Array,
// and text with a lone surrogate as a JS string holding it.

const encoder = new TextEncoder();

/** Decodes the corpus escapes into parts: `{ bytes: number[] }` or `{ surrogate: number }`. */
function unescape(text, parts) {
  let bytes = [];
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c !== '\\') {
      bytes.push(...encoder.encode(c));
      continue;
    }
    const next = chars[++i];
    if (next === '\\') bytes.push(0x5c);
    else if (next === 'n') bytes.push(0x0a);
    else if (next === 'r') bytes.push(0x0d);
    else if (next === 't') bytes.push(0x09);
    else if (next === 'x') {
      bytes.push(parseInt(chars[i + 1] + chars[i + 2], 16));
      i += 2;
    } else if (next === 'u') {
      if (chars[++i] !== '{') throw new Error('\\u must be followed by {');
      let hex = '';
      while (chars[++i] !== '}') hex += chars[i];
      const value = parseInt(hex, 16);
      if (value >= 0xd800 && value <= 0xdfff) {
        parts.push({ bytes });
        bytes = [];
        parts.push({ surrogate: value });
      } else {
        bytes.push(...encoder.encode(String.fromCodePoint(value)));
      }
    } else {
      throw new Error(`unknown escape \\${next}`);
    }
  }
  parts.push({ bytes });
}

function concatBytes(arrays) {
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

function buildInput(parts) {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  if (parts.every((p) => p.bytes)) {
    const bytes = concatBytes(parts.map((p) => p.bytes));
    try {
      return decoder.decode(bytes);
    } catch {
      return bytes;
    }
  }
  let text = '';
  for (const part of parts) {
    text += part.bytes ? decoder.decode(Uint8Array.from(part.bytes)) : String.fromCharCode(part.surrogate);
  }
  return text;
}

/** `[{ name, input, maxInputBytes?, maxDepth? }]`, one per case, in file order. */
export function readCorpusInputs(corpusText) {
  const cases = [];
  let draft = null;
  const finish = () => {
    if (draft) cases.push({ name: draft.name, input: buildInput(draft.parts), maxInputBytes: draft.maxInputBytes, maxDepth: draft.maxDepth });
  };
  for (const line of corpusText.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const space = line.indexOf(' ');
    const directive = space < 0 ? line : line.slice(0, space);
    const rest = space < 0 ? '' : line.slice(space + 1);
    if (directive === 'good') continue;
    if (directive === 'case') {
      finish();
      draft = { name: rest, parts: [] };
      continue;
    }
    if (!draft) throw new Error(`${directive} outside a case`);
    if (directive === 'input') draft.parts.push({ bytes: [...encoder.encode(rest)] });
    else if (directive === 'input-esc') unescape(rest, draft.parts);
    else if (directive === 'input-repeat') {
      const cut = rest.indexOf(' ');
      const count = Number(rest.slice(0, cut));
      const unitParts = [];
      unescape(rest.slice(cut + 1), unitParts);
      const unit = concatBytes(unitParts.map((p) => {
        if (!p.bytes) throw new Error('no surrogates in input-repeat');
        return Uint8Array.from(p.bytes);
      }));
      const repeated = new Uint8Array(unit.length * count);
      for (let k = 0; k < count; k++) repeated.set(unit, k * unit.length);
      draft.parts.push({ bytes: repeated });
    } else if (directive === 'max_input_bytes') draft.maxInputBytes = Number(rest);
    else if (directive === 'max_depth') draft.maxDepth = Number(rest);
  }
  finish();
  return cases;
}
