#!/usr/bin/env node
// graph-record-operation validate [--strict] [--json] <file|->
//
// Checks a recordOperation payload in any shape the service sends (one operation, an OData
// collection, a change-notification envelope, an array) for pipelines:
//   exit 0  valid (warnings allowed, unless --strict)
//   exit 1  invalid
//   exit 2  usage error, or the input cannot be read
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parseAny } = require('../index.node.cjs');
const { version } = require('../package.json');

const USAGE = `Usage: graph-record-operation validate [--strict] [--json] <file|->

Validates a Microsoft Graph recordOperation payload: one operation, an OData collection
({"value": [...]}), a change-notification envelope or an array. "-" reads standard input.

Options:
  --strict   treat every warning as an error (for producers testing their own payloads)
  --json     print the result as JSON: { kind, valid, operations, skipped, issues }
  -h, --help     show this help
  -V, --version  show the version

Exit status: 0 valid, 1 invalid, 2 usage error or unreadable input.`;

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
  if (command !== 'validate') return usageError(`unknown command '${command}'`);

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
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      kind: null,
      valid: false,
      operations: [],
      skipped: [],
      issues: [{ path: '', code: 'invalid_utf8', severity: 'error', message: 'The input is not UTF-8 text.' }],
    };
  }
  const payload = parseAny(text, { strict });
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

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`graph-record-operation: internal error: ${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 2;
}
