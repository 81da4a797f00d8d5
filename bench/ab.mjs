// A/B of two builds of the package, each in processes of its own: the parent starts child
// processes alternately for A and B (A B, then B A, ...); each child loads ONE package, warms it
// up, times rounds of one workload and prints the median CPU time of a round. The result is the
// median over pairs of B's time ÷ A's time, so pairs taken seconds apart cancel the host's drift.
//
// One package per process, because a process that loads two builds does not time either the way
// the benchmark does: two copies of one build, loaded into one process, measured up to 10% apart
// (either way, depending on the load order), and a package used alone after another was loaded
// ran 45% slower than alone in its process.
//   node ab.mjs <package dir A> <package dir B> [validate|parse|parseAny] [pairs]
// The payloads come from generate.js (the benchmark's data, the same seed).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectionPayload, singlePayloads } from './generate.js';

const WARMUP_ROUNDS = 5;
const TIMED_ROUNDS = 15;

const [aDir, bDir, what = 'parse', pairsArg = '12'] = process.argv.slice(2);
const childDir = process.env.AB_CHILD;

if (!['validate', 'parse', 'parseAny'].includes(what)) {
  console.error(`unknown workload ${what}: validate, parse or parseAny`);
  process.exit(2);
}
if (childDir) {
  console.log(JSON.stringify({ ms: timeOnePackage(childDir) }));
} else {
  if (!aDir || !bDir) {
    console.error('usage: node ab.mjs <package dir A> <package dir B> [validate|parse|parseAny] [pairs]');
    process.exit(2);
  }
  const run = (dir) => {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), aDir, bDir, what], {
      env: { ...process.env, AB_CHILD: resolve(dir) },
      encoding: 'utf8',
    });
    return JSON.parse(out.trim().split('\n').at(-1)).ms;
  };
  const ratios = [];
  const timesA = [];
  const timesB = [];
  for (let k = 0; k < Number(pairsArg); k++) {
    let a;
    let b;
    if (k & 1) {
      b = run(bDir);
      a = run(aDir);
    } else {
      a = run(aDir);
      b = run(bDir);
    }
    timesA.push(a);
    timesB.push(b);
    ratios.push(b / a);
  }
  const sorted = (values) => [...values].sort((x, y) => x - y);
  const at = (values, q) => sorted(values)[Math.min(values.length - 1, Math.floor(values.length * q))];
  console.log(
    `${what}: A ${at(timesA, 0.5).toFixed(2)} ms, B ${at(timesB, 0.5).toFixed(2)} ms a round (medians of ${ratios.length} processes each); ` +
      `B/A median ${at(ratios, 0.5).toFixed(3)} (p25 ${at(ratios, 0.25).toFixed(3)}, p75 ${at(ratios, 0.75).toFixed(3)})`,
  );
}

/** The median CPU time (ms) of a round of the workload, with only the package in `dir` loaded. */
function timeOnePackage(dir) {
  const api = createRequire(import.meta.url)(join(dir, 'index.node.cjs'));
  let sink = 0;
  let work;
  if (what === 'parseAny') {
    const collection = collectionPayload(10000).text;
    work = () => {
      const payload = api.parseAny(collection);
      for (const entry of payload.operations) entry.operation.free();
      sink += payload.errors.length;
    };
  } else {
    const texts = singlePayloads(5000).texts;
    // What the benchmark's (A) candidates do with each payload.
    work =
      what === 'validate'
        ? () => {
            for (const text of texts) sink += api.validate(text).valid ? 1 : 0;
          }
        : () => {
            for (const text of texts) {
              let op;
              try {
                op = api.RecordOperation.parse(text);
              } catch {
                sink++;
                continue;
              }
              const info = op.resultInfo;
              sink += (op.status ? 1 : 0) + (op.id ? 1 : 0) + (info?.code ? 1 : 0);
              info?.free();
              op.free();
            }
          };
  }
  for (let k = 0; k < WARMUP_ROUNDS; k++) work();
  const times = [];
  for (let k = 0; k < TIMED_ROUNDS; k++) {
    const start = process.cpuUsage();
    work();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  // Keeps the results alive, so no workload is optimized away.
  if (sink === -1) console.log(sink);
  return [...times].sort((x, y) => x - y)[times.length >> 1];
}
