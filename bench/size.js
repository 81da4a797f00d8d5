// What a browser downloads: the package's .wasm and JS glue (raw, gzip, brotli via node:zlib) next
// to ajv and zod (and Kiota) bundled by esbuild for the browser, minified, with the same rules.
//
//   node size.js            prints the table and writes out/size.json
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import * as esbuild from 'esbuild';
import { PKG_DIR } from './ours.js';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'out', 'size');
mkdirSync(out, { recursive: true });

const measure = (name, buf, note) => ({
  name,
  raw: buf.length,
  gzip: gzipSync(buf, { level: 9 }).length,
  brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length,
  ...(note ? { note } : {}),
});
const sum = (name, rows, note) => ({
  name, raw: rows.reduce((a, r) => a + r.raw, 0), gzip: rows.reduce((a, r) => a + r.gzip, 0), brotli: rows.reduce((a, r) => a + r.brotli, 0), ...(note ? { note } : {}),
});

async function bundle(name, source, extra = {}) {
  const entry = join(out, `${name}.entry.js`);
  writeFileSync(entry, source);
  const result = await esbuild.build({
    entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser',
    target: 'es2022', write: false, nodePaths: [join(here, 'node_modules')], logLevel: 'error',
    absWorkingDir: here, ...extra,
  });
  const code = Buffer.from(result.outputFiles[0].contents);
  writeFileSync(join(out, `${name}.min.js`), code);
  return code;
}

const rows = [];
let oursTotal = null;
const webDir = join(PKG_DIR, 'web');
if (existsSync(webDir)) {
  const wasmFile = (await import('node:fs')).readdirSync(webDir).find((f) => f.endsWith('.wasm'));
  const glueFile = (await import('node:fs')).readdirSync(webDir).find((f) => f.endsWith('.js'));
  const wasm = readFileSync(join(webDir, wasmFile));
  // Every JS file the browser entry loads: wasm-bindgen's glue, the entry, and what it imports.
  const entryFiles = ['index.web.js', 'api.js', 'lifecycle.js'].filter((f) => existsSync(join(PKG_DIR, f)));
  const glue = Buffer.concat([readFileSync(join(webDir, glueFile)), ...entryFiles.map((f) => readFileSync(join(PKG_DIR, f)))]);
  const w = measure(`ours: ${wasmFile}`, wasm);
  const g = measure(`ours: JS glue (web/${glueFile} + ${entryFiles.join(' + ')}, as shipped)`, glue);
  // What a bundler ships: the glue minified (the .wasm is an asset next to it).
  const minGlue = await bundle('ours-glue', `export * from ${JSON.stringify(join(PKG_DIR, 'index.web.js'))};\n`, {
    supported: { 'top-level-await': true },
  });
  const gm = measure('ours: JS glue minified by esbuild', minGlue);
  rows.push(w, g, gm);
  oursTotal = sum('ours: wasm + JS glue (as shipped)', [w, g]);
  rows.push(oursTotal, sum('ours: wasm + minified glue', [w, gm]));
}

const { recordOperationSchema } = await import('./schemas.js');
const schemaSource = `import { recordOperationSchema as schema } from ${JSON.stringify(join(here, 'schemas.js'))};`;

// ajv as most apps ship it: the library, compiling the schema at runtime.
rows.push(measure('ajv 8 (runtime compile) + schema, esbuild minified', await bundle('ajv', `${schemaSource}
import Ajv from 'ajv';
export const validate = new Ajv({ allowUnionTypes: true }).compile(schema);
`)));

// ajv standalone: the validator precompiled to code (the smallest way to ship ajv).
{
  const Ajv = (await import('ajv')).default;
  const standaloneCode = (await import('ajv/dist/standalone/index.js')).default;
  const ajv = new Ajv({ allowUnionTypes: true, code: { source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(recordOperationSchema));
  writeFileSync(join(out, 'ajv-standalone.gen.js'), code);
  rows.push(measure('ajv 8 standalone (precompiled validator), esbuild minified', await bundle('ajv-standalone', `export { default } from ${JSON.stringify(join(out, 'ajv-standalone.gen.js'))};\n`)));
}

rows.push(measure('zod 4 + schema, esbuild minified', await bundle('zod', `import { z } from 'zod';
import { zodSchemas } from ${JSON.stringify(join(here, 'schemas.js'))};
export const schemas = zodSchemas(z);
`)));

try {
  rows.push(measure('Kiota: kiota-serialization-json + msgraph-sdk recordOperation model, esbuild minified', await bundle('kiota', `
import { JsonParseNode } from '@microsoft/kiota-serialization-json';
import { createRecordOperationFromDiscriminatorValue } from '@microsoft/msgraph-sdk/models/index.js';
export const read = (v) => new JsonParseNode(v).getObjectValue(createRecordOperationFromDiscriminatorValue);
`)));
} catch (e) {
  rows.push({ name: `Kiota: bundling failed (${e.message.split('\n')[0]})`, raw: 0, gzip: 0, brotli: 0 });
}

const target = 60 * 1024;
const note = oursTotal
  ? `Target: wasm + JS glue ≤ 60 KB gzip: ${(oursTotal.gzip / 1024).toFixed(1)} KB, ${oursTotal.gzip <= target ? 'met' : `**missed** by ${((oursTotal.gzip - target) / 1024).toFixed(1)} KB`}. gzip -9 and brotli -q 11 (node:zlib); the renderer is included in the .wasm.`
  : 'ours: pkg/web not built.';
const result = { date: new Date().toISOString(), rows, note, targetGzipBytes: target, oursGzip: oursTotal?.gzip ?? null };
writeFileSync(join(here, 'out', 'size.json'), JSON.stringify(result, null, 2));
console.log('| artifact | raw | gzip | brotli |\n|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.name} | ${(r.raw / 1024).toFixed(1)} KB | ${(r.gzip / 1024).toFixed(1)} KB | ${(r.brotli / 1024).toFixed(1)} KB |`);
console.log(`\n${note}`);
