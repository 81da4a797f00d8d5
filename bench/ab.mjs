// A/B of two builds of the package, each in processes of its own: the parent starts child
// processes alternately for A and B (A B, then B A, ...); each child loads ONE package, warms it
// up, times rounds of one workload and prints the median CPU time of a round. The result is the
// median over pairs of B's time ÷ A's time, so pairs taken seconds apart cancel the host's drift.
// Each child also prints what its package found (valid and invalid payloads, operations, errors):
// A and B must agree, so no build wins by checking less.
//
// One package per process, because a process that loads two builds does not time either the way
// the benchmark does: two copies of one build, loaded into one process, measured up to 10% apart
// (either way, depending on the load order), and a package used alone after another was loaded
// ran 45% slower than alone in its process.
//   node ab.mjs <package dir A> <package dir B> [workload] [pairs]
// Workloads: validate, parse (what the benchmark's (A) candidates do with 5,000 of its payloads),
// parse-invalid (parse of its invalid payloads only), parseAny (its (B) collection). The payloads
// come from generate.js (the benchmark's data, the same seed). Times are process CPU time.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectionPayload, singlePayloads } from './generate.js';

const WARMUP_ROUNDS = 5;
const TIMED_ROUNDS = 15;
const WORKLOADS = ['validate', 'parse', 'parse-invalid', 'parseAny'];

const [aDir, bDir, what = 'parse', pairsArg = '12'] = process.argv.slice(2);
const pairs = Number(pairsArg);
if (!aDir || !bDir || !WORKLOADS.includes(what) || !Number.isInteger(pairs) || pairs < 1) {
  console.error(`usage: node ab.mjs <package dir A> <package dir B> [${WORKLOADS.join('|')}] [pairs, at least 1]`);
  process.exit(2);
}

const childDir = process.env.AB_CHILD;
if (childDir) {
  console.log(JSON.stringify(timeOnePackage(childDir)));
} else {
  const run = (dir) => {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), aDir, bDir, what, pairsArg], {
      env: { ...process.env, AB_CHILD: resolve(dir) },
      encoding: 'utf8',
    });
    return JSON.parse(out.trim().split('\n').at(-1));
  };
  const ratios = [];
  const timesA = [];
  const timesB = [];
  for (let k = 0; k < pairs; k++) {
    const [a, b] = k & 1 ? [run(bDir), run(aDir)].reverse() : [run(aDir), run(bDir)];
    if (a.found !== b.found) {
      console.error(`${what}: A and B do not find the same: A ${a.found}, B ${b.found}`);
      process.exit(1);
    }
    timesA.push(a.ms);
    timesB.push(b.ms);
    ratios.push(b.ms / a.ms);
  }
  console.log(
    `${what}: A ${median(timesA).toFixed(2)} ms, B ${median(timesB).toFixed(2)} ms a round (medians of ${pairs} processes each); ` +
      `B/A median ${median(ratios).toFixed(3)} (p25 ${quantile(ratios, 0.25).toFixed(3)}, p75 ${quantile(ratios, 0.75).toFixed(3)})`,
  );
}

function quantile(values, q) {
  const sorted = [...values].sort((x, y) => x - y);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}

function median(values) {
  return quantile(values, 0.5);
}

/**
 * Times the workload with only the package in `dir` loaded: `{ ms, found }`, the median CPU time
 * of a round and what one round found.
 */
function timeOnePackage(dir) {
  const api = createRequire(import.meta.url)(join(dir, 'index.node.cjs'));
  let sink = 0;
  let work;
  if (what === 'parseAny') {
    const collection = collectionPayload(10000).text;
    work = () => {
      const payload = api.parseAny(collection);
      for (const entry of payload.operations) entry.operation.free();
      return `${payload.operations.length} operations, ${payload.errors.length} errors`;
    };
  } else if (what === 'validate') {
    const texts = singlePayloads(5000).texts;
    work = () => {
      let valid = 0;
      for (const text of texts) if (api.validate(text).valid) valid++;
      return `${valid} valid of ${texts.length}`;
    };
  } else {
    const generated = singlePayloads(what === 'parse' ? 5000 : 20000);
    const texts = what === 'parse' ? generated.texts : generated.texts.filter((text, i) => !generated.expected[i]);
    // What the benchmark's (A) parse candidate does with each payload.
    work = () => {
      let valid = 0;
      for (const text of texts) {
        let op;
        try {
          op = api.RecordOperation.parse(text);
        } catch (error) {
          if (!api.isRecordOperationError(error)) throw error;
          continue;
        }
        valid++;
        const info = op.resultInfo;
        sink += (op.status ? 1 : 0) + (op.id ? 1 : 0) + (info?.code ? 1 : 0);
        info?.free();
        op.free();
      }
      return `${valid} valid of ${texts.length}`;
    };
  }
  let found = '';
  for (let k = 0; k < WARMUP_ROUNDS; k++) found = work();
  const times = [];
  for (let k = 0; k < TIMED_ROUNDS; k++) {
    const start = process.cpuUsage();
    work();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  // Keeps the results alive, so no workload is optimized away.
  if (sink === -1) console.log(sink);
  return { ms: median(times), found };
}
