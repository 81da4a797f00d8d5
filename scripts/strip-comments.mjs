// Removes the comments from the package's shipped JavaScript, which stays readable otherwise
// (terser reprints it with no compression and no renaming). The glue wasm-bindgen writes repeats
// every Rust doc comment, and api.js explains itself at length: together about 40% of what a
// browser downloads as JS (gzip). The sources keep their comments; the .d.ts files keep the API
// documentation editors show.
//   node scripts/strip-comments.mjs file...
import { readFileSync, writeFileSync } from 'node:fs';
import { minify } from 'terser';

for (const file of process.argv.slice(2)) {
  const source = readFileSync(file, 'utf8');
  const result = await minify(source, {
    module: !file.endsWith('.cjs'),
    compress: false,
    mangle: false,
    format: { comments: false, beautify: true, indent_level: 2 },
  });
  if (typeof result.code !== 'string' || result.code.length === 0) throw new Error(`strip-comments: nothing came out of ${file}`);
  writeFileSync(file, `${result.code}\n`);
}
