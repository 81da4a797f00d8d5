// Same-process A/B of two builds of the package: many short rounds of one workload, alternating A
// and B (and which goes first), and the median of the paired CPU-time ratios B/A. This machine's
// speed drifts between runs by more than most changes gain; pairs taken seconds apart cancel the
// drift. But which package a process loads first matters too: two copies of one build measured
// up to 10% apart, in either direction, depending on the order. So the comparison runs in two
// child processes, one loading A first and one loading B first, and reports the geometric mean of
// the two (the order bias cancels); it also prints each order's own result.
//   node ab.mjs <package dir A> <package dir B> [validate|parse|parseAny] [rounds]
// The payloads come from generate.js (the benchmark's data, the same seed).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectionPayload, singlePayloads } from './generate.js';

const require = createRequire(import.meta.url);
const [aDir, bDir, what = 'parse', roundsArg = '40'] = process.argv.slice(2);
if (!aDir || !bDir) {
  console.error('usage: node ab.mjs <package dir A> <package dir B> [validate|parse|parseAny] [rounds]');
  process.exit(2);
}
if (!process.env.AB_CHILD) {
  // The parent: one child per load order; each prints its B/A median as JSON on its last line.
  const child = (first, second) => {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), first, second, what, roundsArg], {
      env: { ...process.env, AB_CHILD: '1' },
      encoding: 'utf8',
    });
    const lines = out.trim().split('\n');
    console.log(`  ${first === aDir ? 'A loaded first' : 'B loaded first'}: ${lines.at(-2)}`);
    return JSON.parse(lines.at(-1));
  };
  const aFirst = child(aDir, bDir).ratio; // B/A
  const bFirst = child(bDir, aDir).ratio; // A/B
  console.log(`${what}: B/A ${Math.sqrt(aFirst / bFirst).toFixed(3)} (geometric mean of both load orders: ${aFirst.toFixed(3)} and ${(1 / bFirst).toFixed(3)})`);
  process.exit(0);
}
const A = require(join(resolve(aDir), 'index.node.cjs'));
const B = require(join(resolve(bDir), 'index.node.cjs'));
const texts = singlePayloads(5000).texts;
const collection = collectionPayload(10000).text;

let sink = 0;
const workloads = {
  // What the benchmark's (A) candidates do with each payload.
  parse(api) {
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
  },
  validate(api) {
    for (const text of texts) sink += api.validate(text).valid ? 1 : 0;
  },
  parseAny(api) {
    const payload = api.parseAny(collection);
    for (const entry of payload.operations) entry.operation.free();
    sink += payload.errors.length;
  },
};
const work = workloads[what];
if (!work) {
  console.error(`unknown workload ${what}: ${Object.keys(workloads).join(', ')}`);
  process.exit(2);
}

const cpu = (run) => {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return used.user + used.system;
};
for (let k = 0; k < 5; k++) {
  work(A);
  work(B);
}
const ratios = [];
const timesA = [];
const timesB = [];
for (let k = 0; k < Number(roundsArg); k++) {
  let a;
  let b;
  if (k & 1) {
    b = cpu(() => work(B));
    a = cpu(() => work(A));
  } else {
    a = cpu(() => work(A));
    b = cpu(() => work(B));
  }
  timesA.push(a);
  timesB.push(b);
  ratios.push(b / a);
}
const sorted = (values) => [...values].sort((x, y) => x - y);
const at = (values, q) => sorted(values)[Math.min(values.length - 1, Math.floor(values.length * q))];
console.log(
  `${what}: A ${(at(timesA, 0.5) / 1000).toFixed(2)} ms, B ${(at(timesB, 0.5) / 1000).toFixed(2)} ms a round; ` +
    `B/A median ${at(ratios, 0.5).toFixed(3)} (p25 ${at(ratios, 0.25).toFixed(3)}, p75 ${at(ratios, 0.75).toFixed(3)})`,
);
console.log(JSON.stringify({ ratio: at(ratios, 0.5) }));
// Keeps the results alive, so no workload is optimized away.
if (sink === -1) console.log(sink);
