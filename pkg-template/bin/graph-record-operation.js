#!/usr/bin/env node
// graph-record-operation validate [--strict] [--json] <file|->
// graph-record-operation track [--strict] [--json] <file...|->
//
// validate: checks a recordOperation payload in any shape the service sends (one operation, an
// OData collection, a change-notification envelope, an array) for pipelines.
// track: feeds a stream of notifications (one JSON document per line, from several files or
// standard input) in order to one OperationTracker and prints each operation's final state.
//   exit 0  valid (warnings allowed, unless --strict)
//   exit 1  invalid (track: some document had errors; the table is still printed)
//   exit 2  usage error, or an input cannot be read
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parseAny, OperationTracker, RecordOperation } = require('../index.node.cjs');
const { version } = require('../package.json');

const USAGE = `Usage: graph-record-operation validate [--strict] [--json] <file|->
       graph-record-operation track [--strict] [--json] <file...|->

validate  checks one Microsoft Graph recordOperation payload: one operation, an OData collection
          ({"value": [...]}), a change-notification envelope or an array.
track     feeds a stream of such payloads, in order, to one OperationTracker and prints the final
          state of each operation: id, status, final or not, completion reason, code/subcode, how
          many deliveries it had and how many were ignored (duplicate, out of order, after the
          final one, conflicting). Each input is JSON Lines (one document per line; blank lines
          are skipped), except an input that is as a whole one JSON document (pretty-printed over
          several lines), which is one document, and an input in which no line is a JSON object
          or array by itself, which is read as one (broken) document. Problems are reported as
          file:line:column.
"-" reads standard input (once).

Options:
  --strict   treat every warning as an error (for producers testing their own payloads)
  --json     print the result as JSON:
               validate: { kind, valid, operations, skipped, issues }
               track:    { valid, strict, inputs, documents, deliveries, operations (each with its
                         timeline), counts, skipped, issues }
  -h, --help     show this help
  -V, --version  show the version

Exit status: 0 valid, 1 invalid (track: some document had an error; the table is still printed),
2 usage error or unreadable input. The recording access token is never printed.`;

function usageError(message) {
  process.stderr.write(`graph-record-operation: ${message}\n\n${USAGE}\n`);
  return 2;
}

function main(argv) {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (argv.includes('-V') || argv.includes('--version')) {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const [command, ...rest] = argv;
  if (command === undefined) return usageError('missing command');
  if (command !== 'validate' && command !== 'track') return usageError(`unknown command '${command}'`);

  let strict = false;
  let json = false;
  const inputs = [];
  let onlyOperands = false;
  for (const arg of rest) {
    if (!onlyOperands && arg === '--') onlyOperands = true;
    else if (!onlyOperands && arg === '--strict') strict = true;
    else if (!onlyOperands && arg === '--json') json = true;
    else if (!onlyOperands && arg.startsWith('-') && arg !== '-') return usageError(`unknown option '${arg}'`);
    else inputs.push(arg);
  }
  if (command === 'track') return track(inputs, { strict, json });
  if (inputs.length !== 1) {
    return usageError(inputs.length === 0 ? 'missing input (a file, or - for standard input)' : 'exactly one input, please');
  }
  const input = inputs[0];
  const name = input === '-' ? '<stdin>' : input;

  let bytes;
  try {
    bytes = readFileSync(input === '-' ? 0 : input);
  } catch (error) {
    process.stderr.write(`graph-record-operation: cannot read ${name}: ${error.message}\n`);
    return 2;
  }

  const report = check(bytes, strict);
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(humanReport(name, report, strict));
  }
  return report.valid ? 0 : 1;
}

/** The --json shape: { kind, valid, operations, skipped, issues }. */
function check(bytes, strict) {
  // The bytes as they are: the library reports text that is not UTF-8, or starts with a BOM.
  const payload = parseAny(bytes, { strict });
  try {
    const issues = [...payload.errors, ...payload.warnings]
      .sort((a, b) => a.line - b.line || a.column - b.column)
      .map(({ path, code, severity, message }) => ({ path, code, severity, message }));
    const operations = payload.operations.map(({ path, operation }) => {
      const info = operation.resultInfo;
      const entry = {
        path,
        id: orNull(operation.id),
        status: orNull(operation.status),
        completionReason: orNull(operation.completionReason),
        resultInfo:
          info == null
            ? null
            : {
                code: orNull(info.code),
                subcode: orNull(info.subcode),
                message: orNull(info.message),
                category: info.category,
              },
      };
      if (info != null && typeof info.free === 'function') info.free();
      return entry;
    });
    const skipped = payload.skipped.map((s) => ({ path: s.path, odataType: orNull(s.odataType), id: orNull(s.id) }));
    return { kind: payload.kind, valid: payload.valid, operations, skipped, issues };
  } finally {
    for (const { operation } of payload.operations) operation.free();
  }
}

function orNull(value) {
  return value === undefined ? null : value;
}

function humanReport(name, report, strict) {
  const lines = [];
  const count = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    `${name}: ${report.valid ? 'valid' : 'INVALID'}${strict ? ' (strict)' : ''}: ${report.kind ?? 'unrecognized payload'}, ` +
      `${count(report.operations.length, 'operation')}, ${count(report.skipped.length, 'skipped resource')}`,
  );
  for (const op of report.operations) {
    const parts = [`id=${op.id ?? '-'}`, `status=${op.status ?? '-'}`];
    if (op.completionReason !== null) parts.push(`completionReason=${op.completionReason}`);
    if (op.resultInfo !== null) parts.push(`resultInfo=${op.resultInfo.code ?? '-'}/${op.resultInfo.subcode ?? '-'}`);
    lines.push(`  operation ${op.path || '(document)'}: ${parts.join(' ')}`);
  }
  for (const s of report.skipped) {
    lines.push(`  skipped ${s.path || '(document)'}: ${s.odataType ?? 'no @odata.type'}`);
  }
  for (const issue of report.issues) {
    lines.push(`  ${issue.severity} ${issue.code} at ${issue.path || '(document)'}: ${issue.message}`);
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// track

/** Deliveries the tracker ignores, in the order the table names them. */
const IGNORED_KINDS = ['duplicate', 'outOfOrder', 'afterFinal', 'conflict'];
const IGNORED_WORDS = { duplicate: 'duplicate', outOfOrder: 'out of order', afterFinal: 'after final', conflict: 'conflict' };
const STATUS_CLASSES = ['notStarted', 'running', 'completed', 'failed', 'unknown'];
/**
 * The tracker's caps, as high as they go: a run reads finite inputs, an evicted operation would
 * silently vanish from the table, and a dropped fingerprint would let a late duplicate through.
 */
const NO_CAP = 4_294_967_295;

function track(inputs, { strict, json }) {
  if (inputs.length === 0) return usageError('missing input (files, or - for standard input)');
  if (inputs.filter((input) => input === '-').length > 1) return usageError('standard input (-) can be read only once');
  // Every input is read before anything is fed: an unreadable one is a usage-level failure (exit 2).
  const sources = [];
  for (const input of inputs) {
    const name = input === '-' ? '<stdin>' : input;
    try {
      sources.push({ name, bytes: readFileSync(input === '-' ? 0 : input) });
    } catch (error) {
      process.stderr.write(`graph-record-operation: cannot read ${name}: ${error.message}\n`);
      return 2;
    }
  }
  const report = trackStream(sources, strict);
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : trackReport(report));
  return report.valid ? 0 : 1;
}

function parsesAsJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Cuts one input into documents. The rule:
 *  - JSON Lines: each non-blank line is one document;
 *  - except when the input as a whole is one JSON document spread over several lines
 *    (pretty-printed): that is one document;
 *  - and when no line is a JSON object or array by itself (a pretty-printed document with a
 *    syntax error): one document too, so its error is reported once, where it is.
 * Lines are cut at the byte 0x0A, before decoding, so a line that is not UTF-8 is reported on its
 * own and the others are still read. A byte-order mark is dropped.
 *
 * Each document has `line` (its first line in the input) and `offset` (lines before its text:
 * an issue at line n of the document is at line offset + n of the input).
 */
function splitDocuments(bytes) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const lines = [];
  const issues = [];
  for (let start = 0, number = 1; start <= bytes.length; number += 1) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    let text = null;
    try {
      text = decoder.decode(bytes.subarray(start, end)); // also drops a leading byte-order mark
    } catch {
      issues.push({ line: number, column: null, path: '', code: 'invalid_utf8', severity: 'error', message: 'This line is not UTF-8 text.' });
    }
    lines.push({ number, text });
    start = end + 1;
  }
  const content = lines.filter((line) => line.text === null || line.text.trim() !== '');
  if (content.length > 1 && issues.length === 0) {
    const whole = lines.map((line) => line.text).join('\n');
    const lineIsDocument = (text) => /^\s*[[{]/.test(text) && parsesAsJson(text);
    if (parsesAsJson(whole) || !content.some((line) => lineIsDocument(line.text))) {
      return { format: 'document', documents: [{ line: content[0].number, offset: 0, text: whole }], issues };
    }
  }
  const documents = content
    .filter((line) => line.text !== null)
    .map((line) => ({ line: line.number, offset: line.number - 1, text: line.text }));
  return { format: 'lines', documents, issues };
}

/** The --json shape of `track`; the human table is made from it. */
function trackStream(sources, strict) {
  const tracker = new OperationTracker({ strict, maxOperations: NO_CAP, maxTimeline: NO_CAP });
  try {
    const where = new Map(); // delivery sequence -> { file, line, path }
    const inputs = [];
    const issues = [];
    const skipped = [];
    let documents = 0;
    let deliveries = 0;
    for (const { name, bytes } of sources) {
      const split = splitDocuments(bytes);
      // A line that is not UTF-8 counts as a document: one that could not be read.
      documents += split.issues.length;
      inputs.push({ name, format: split.format, documents: split.documents.length + split.issues.length });
      const found = split.issues.map((issue) => ({ file: name, ...issue }));
      for (const doc of split.documents) {
        documents += 1;
        let outcome;
        try {
          outcome = tracker.feed(doc.text);
        } catch (error) {
          // The tracker throws only for input it cannot represent; report it and go on.
          const message = error && error.message ? error.message : String(error);
          found.push({ file: name, line: doc.line, column: null, path: '', code: 'unreadable', severity: 'error', message });
          continue;
        }
        const reported = [...outcome.errors, ...outcome.warnings].sort((a, b) => a.line - b.line || a.column - b.column);
        for (const { line, column, path, code, severity, message } of reported) {
          found.push({
            file: name,
            line: line > 0 ? doc.offset + line : doc.line,
            column: line > 0 ? column : null,
            path,
            code,
            severity,
            message,
          });
        }
        for (const change of outcome.changes) {
          deliveries += 1;
          where.set(change.sequence, { file: name, line: doc.line, path: change.path });
        }
        for (const s of outcome.skipped) {
          skipped.push({ file: name, line: doc.line, path: s.path, odataType: s.odataType, id: s.id });
        }
      }
      // Each input's problems in line order (those of undecodable lines come first otherwise).
      issues.push(...found.sort((a, b) => a.line - b.line));
    }
    const operations = tracker.list().map((tracked) => summarize(tracked, where));
    const counts = tracker.counts();
    const valid = !issues.some((issue) => issue.severity === 'error');
    return { valid, strict, inputs, documents, deliveries, operations, counts, skipped, issues };
  } finally {
    tracker.free();
  }
}

/** One tracked operation, without its access token. */
function summarize(tracked, where) {
  const ignored = Object.fromEntries(IGNORED_KINDS.map((kind) => [kind, 0]));
  let applied = 0;
  const timeline = tracked.timeline.map((entry) => {
    if (entry.kind in ignored) ignored[entry.kind] += 1;
    else applied += 1;
    const at = where.get(entry.sequence) ?? { file: null, line: null, path: null };
    return { sequence: entry.sequence, ...at, status: entry.status, changeType: entry.changeType, kind: entry.kind };
  });
  const op = describe(tracked.operation);
  return {
    id: tracked.id ?? tracked.key,
    key: tracked.key,
    status: tracked.status,
    final: tracked.final,
    changeType: tracked.changeType,
    resourceUrl: tracked.resourceUrl,
    completionReason: op.completionReason,
    resultInfo: op.resultInfo,
    recordingLocation: op.recordingLocation,
    deliveries: timeline.length + tracked.timelineDropped,
    applied,
    ignored,
    timeline,
  };
}

/** completionReason, resultInfo (with its category) and recordingLocation of an operation's JSON. */
function describe(json) {
  let op;
  try {
    op = RecordOperation.from(json);
  } catch {
    const info = json.resultInfo;
    return {
      completionReason: orNull(json.completionReason),
      resultInfo: info == null ? null : { code: orNull(info.code), subcode: orNull(info.subcode), message: orNull(info.message), category: null },
      recordingLocation: orNull(json.recordingLocation),
    };
  }
  try {
    const info = op.resultInfo;
    const resultInfo =
      info == null
        ? null
        : { code: orNull(info.code), subcode: orNull(info.subcode), message: orNull(info.message), category: info.category };
    if (info != null && typeof info.free === 'function') info.free();
    return { completionReason: orNull(op.completionReason), resultInfo, recordingLocation: orNull(op.recordingLocation) };
  } finally {
    op.free();
  }
}

/** Text from a payload, safe for a terminal: control and bidi characters escaped. */
function printable(value) {
  return String(value).replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}

function trackReport(report) {
  const out = [];
  for (const issue of report.issues) {
    const at = `${printable(issue.file)}:${issue.line}${issue.column ? `:${issue.column}` : ''}`;
    out.push(`${at}: ${issue.severity} ${issue.code} at ${printable(issue.path || '(document)')}: ${printable(issue.message)}`);
  }
  if (report.operations.length > 0) {
    const rows = [['ID', 'STATUS', 'FINAL', 'COMPLETION REASON', 'CODE/SUBCODE', 'DELIVERIES', 'IGNORED']];
    for (const op of report.operations) {
      const info = op.resultInfo;
      const ignored = IGNORED_KINDS.filter((kind) => op.ignored[kind] > 0).map((kind) => `${op.ignored[kind]} ${IGNORED_WORDS[kind]}`);
      const ignoredTotal = IGNORED_KINDS.reduce((sum, kind) => sum + op.ignored[kind], 0);
      rows.push([
        printable(op.id),
        printable(op.status ?? '-'),
        op.final ? 'yes' : 'no',
        printable(op.completionReason ?? '-'),
        info == null ? '-' : `${info.code ?? '-'}/${info.subcode ?? '-'}`,
        String(op.deliveries),
        ignoredTotal === 0 ? '0' : `${ignoredTotal} (${ignored.join(', ')})`,
      ]);
    }
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    for (const row of rows) {
      out.push(row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  '));
    }
  }
  const { counts } = report;
  const byStatus = STATUS_CLASSES.filter((status) => counts[status] > 0).map((status) => `${counts[status]} ${status}`);
  out.push(`${plural(counts.total, 'operation')}${byStatus.length ? `: ${byStatus.join(', ')}` : ''}; ${counts.final} final.`);
  const ignored = report.operations.reduce((sum, op) => sum + op.deliveries - op.applied, 0);
  const errors = report.issues.filter((issue) => issue.severity === 'error').length;
  const warnings = report.issues.length - errors;
  const lines = new Set(report.issues.map((issue) => `${issue.file}\n${issue.line}`)).size;
  const parts = [
    `${plural(report.documents, 'document')} from ${plural(report.inputs.length, 'input')}`,
    `${plural(report.deliveries, 'delivery', 'deliveries')} (${report.deliveries - ignored} applied, ${ignored} ignored)`,
  ];
  if (report.skipped.length > 0) parts.push(`${plural(report.skipped.length, 'other resource')} skipped`);
  parts.push(lines === 0 ? 'no problems' : `${plural(errors, 'error')} and ${plural(warnings, 'warning')} on ${plural(lines, 'line')}`);
  out.push(`${report.valid ? 'valid' : 'INVALID'}${report.strict ? ' (strict)' : ''}: ${parts.join(', ')}.`);
  return `${out.join('\n')}\n`;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`graph-record-operation: internal error: ${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 2;
}
