// The demo page's only script (scripts/build-demo.sh copies this one file, so it is not split into
// modules). It imports the package the way any page without a bundler would: package-entry.js
// (written by scripts/build-demo.sh) re-exports the package's browser entry, which instantiates
// the WebAssembly module with a top-level await, so there is no init call here.
//
// Two views: the single payload view (renderRecordOperation) and the stream view (an
// OperationTracker fed one line at a time). Payload data only ever reaches the DOM as text
// (textContent and attribute values), never as markup.
import { OperationTracker, renderRecordOperation } from './package-entry.js';

const DEBOUNCE_MS = 150;
const GUTTER_MAX_LINES = 20000;

/** A textarea with a line-number gutter: keeps the numbers in step and selects a line. */
function lineEditor(textarea, gutter) {
  let lineCount = 0;

  function updateGutter() {
    let count = 1;
    const text = textarea.value;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count += 1;
    if (count !== lineCount) {
      lineCount = count;
      // Very large inputs get a capped gutter: numbering 100 000 lines would only slow the page.
      const shown = Math.min(count, GUTTER_MAX_LINES);
      let numbers = '';
      for (let n = 1; n <= shown; n += 1) numbers += `${n}\n`;
      gutter.textContent = numbers;
    }
    gutter.scrollTop = textarea.scrollTop;
  }

  /** Selects a whole line (1-based) and scrolls it into view. */
  function selectLine(line) {
    const text = textarea.value;
    let start = 0;
    for (let n = 1; n < line; n += 1) {
      const next = text.indexOf('\n', start);
      if (next === -1) break;
      start = next + 1;
    }
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end > start && text[end - 1] === '\r') end -= 1;
    textarea.focus();
    textarea.setSelectionRange(start, end);
    const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
    textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
    updateGutter();
  }

  textarea.addEventListener('scroll', () => {
    gutter.scrollTop = textarea.scrollTop;
  });
  return { updateGutter, selectLine };
}

// ---------------------------------------------------------------------------------------------
// The single payload view

const editor = document.getElementById('editor');
const output = document.getElementById('output');
const strict = document.getElementById('strict');
const timing = document.getElementById('timing');
const single = lineEditor(editor, document.getElementById('gutter'));

let timer = 0;
let renders = 0;

/** Renders the editor's text now. */
function render() {
  clearTimeout(timer);
  const started = performance.now();
  let summary;
  try {
    summary = renderRecordOperation(output, editor.value, { strict: strict.checked });
  } catch (error) {
    output.textContent = `Could not render: ${error && error.message ? error.message : error}`;
    output.dataset.state = 'error';
    return;
  }
  const elapsed = performance.now() - started;
  renders += 1;
  output.dataset.state = 'rendered';
  output.dataset.renders = String(renders);
  const issues = summary.errors + summary.warnings;
  timing.textContent = `${summary.operations} operation${summary.operations === 1 ? '' : 's'}, ` +
    `${issues} issue${issues === 1 ? '' : 's'}, rendered in ${elapsed.toFixed(1)} ms`;
}

/** Renders after the user pauses typing. */
function scheduleRender() {
  clearTimeout(timer);
  timer = setTimeout(render, DEBOUNCE_MS);
}

async function loadSample(name) {
  const response = await fetch(`samples/${encodeURIComponent(name)}.json`);
  if (!response.ok) throw new Error(`sample ${name}: HTTP ${response.status}`);
  editor.value = await response.text();
  for (const button of document.querySelectorAll('[data-sample]')) {
    button.setAttribute('aria-pressed', String(button.dataset.sample === name));
  }
  single.updateGutter();
  render();
}

editor.addEventListener('input', () => {
  single.updateGutter();
  scheduleRender();
});
strict.addEventListener('change', render);

for (const button of document.querySelectorAll('[data-sample]')) {
  button.setAttribute('aria-pressed', 'false');
  button.addEventListener('click', () => {
    loadSample(button.dataset.sample).catch((error) => {
      timing.textContent = `Could not load the sample: ${error.message}`;
    });
  });
}

// Issues carry data-line; clicking one (or its line button) selects that line in the editor.
output.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const issue = target && target.closest('.gro-issue');
  if (!issue) return;
  if (target.closest('a')) return;
  const line = Number(issue.dataset.line);
  if (Number.isInteger(line) && line >= 1) single.selectLine(line);
});

// ---------------------------------------------------------------------------------------------
// The stream view: every non-blank line of the stream editor is fed to a fresh OperationTracker,
// in order, so line numbers and the view always match the text.

const streamEditor = document.getElementById('stream-editor');
const streamOutput = document.getElementById('stream-output');
const streamStrict = document.getElementById('stream-strict');
const streamStatus = document.getElementById('stream-status');
const streamFiles = document.getElementById('stream-files');
const streamDrop = document.getElementById('stream-drop');
const stream = lineEditor(streamEditor, document.getElementById('stream-gutter'));

/** At most this many operation rows and problem lines are drawn; counts always cover everything. */
const MAX_ROWS = 200;
const MAX_PROBLEM_LINES = 200;
/** Displayed payload strings are shortened to these lengths (the full value stays in the editor). */
const MAX_ID = 80;
const MAX_TEXT = 300;
const STORAGE_TEXT = 'graph-record-operation-demo:stream';
const STORAGE_MODE = 'graph-record-operation-demo:mode';
/** Longer streams are not kept in sessionStorage (its quota is a few megabytes). */
const STORAGE_MAX_CHARS = 2_000_000;

const STATUSES = ['notStarted', 'running', 'completed', 'failed', 'unknown'];
const STATUS_LABELS = {
  notStarted: 'not started', running: 'running', completed: 'completed', failed: 'failed', unknown: 'unknown',
};
/** What each delivery kind means, as shown next to the step. */
const KIND_LABELS = {
  new: 'first delivery',
  advanced: 'advanced',
  updated: 'updated',
  duplicate: 'duplicate, ignored',
  outOfOrder: 'out of order, ignored',
  afterFinal: 'after the final state, ignored',
  conflict: 'conflicting terminal status, ignored',
};
const IGNORED = new Set(['duplicate', 'outOfOrder', 'afterFinal', 'conflict']);

let streamTimer = 0;
let streamRenders = 0;

/** Shortens a string for display, marking the cut. */
function clip(value, max) {
  const text = String(value);
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length} characters)`;
}

/** Creates an element with a class and text content (text only, never markup). */
function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined && text !== null) element.textContent = String(text);
  return element;
}

/** The status class the tracker counts under (documented spelling or unknown). */
function statusClass(status) {
  return STATUSES.includes(status) && status !== 'unknown' ? status : 'unknown';
}

function statusText(status) {
  if (status === null || status === undefined) return 'no status';
  return STATUSES.includes(status) ? STATUS_LABELS[status] : `unknown: ${clip(status, 40)}`;
}

/** A button that selects a line of the stream editor. */
function lineButton(line, label) {
  const button = el('button', 'stream-line', label);
  button.type = 'button';
  button.dataset.line = String(line);
  button.setAttribute('aria-label', `Select line ${line} in the stream editor`);
  return button;
}

/**
 * Feeds the stream editor's lines to a new tracker. Returns the tracker (the caller frees it),
 * the line of each feed, and per-line problems.
 */
function feedStream(text, options) {
  const tracker = new OperationTracker(options);
  const lineOfFeed = new Map();
  const problems = [];
  const totals = { lines: 0, deliveries: 0, applied: 0, kinds: {} };
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    if (line.trim() === '') continue;
    const number = index + 1;
    totals.lines += 1;
    let outcome;
    try {
      outcome = tracker.feed(line);
    } catch (error) {
      // The tracker throws for text it cannot even represent (a lone UTF-16 surrogate).
      problems.push({
        line: number,
        issues: [{ severity: 'error', code: 'unreadable', message: error && error.message ? error.message : String(error), line: 1, column: 0 }],
        notes: [],
      });
      continue;
    }
    lineOfFeed.set(outcome.feed, number);
    for (const change of outcome.changes) {
      totals.deliveries += 1;
      totals.kinds[change.kind] = (totals.kinds[change.kind] ?? 0) + 1;
      if (!IGNORED.has(change.kind)) totals.applied += 1;
    }
    const issues = [...outcome.errors, ...outcome.warnings];
    const notes = [];
    for (const skipped of outcome.skipped) {
      notes.push(`${skipped.path || 'the document'} is not a recordOperation` +
        `${skipped.odataType ? ` (${clip(skipped.odataType, MAX_ID)})` : ''}: skipped`);
    }
    if (!outcome.rejected && outcome.changes.length === 0 && issues.length === 0 && notes.length === 0) {
      notes.push('no recordOperation in this document');
    }
    if (issues.length > 0 || notes.length > 0) {
      problems.push({ line: number, rejected: outcome.rejected, issues, notes });
    }
  }
  return { tracker, lineOfFeed, problems, totals };
}

function renderCounts(counts) {
  const list = el('ul', 'stream-counts');
  list.setAttribute('aria-label', 'Operations by status');
  for (const status of STATUSES) {
    const item = el('li', 'stream-count');
    item.dataset.status = status;
    item.append(el('span', 'stream-count-value', counts[status]), ' ', el('span', 'stream-count-label', STATUS_LABELS[status]));
    list.append(item);
  }
  for (const [key, label] of [['final', 'final'], ['total', 'in all']]) {
    const item = el('li', 'stream-count stream-count-total');
    item.dataset.status = key;
    item.append(el('span', 'stream-count-value', counts[key]), ' ', el('span', 'stream-count-label', label));
    list.append(item);
  }
  return list;
}

function summaryText(totals, operations, problemLines) {
  const ignored = Object.entries(totals.kinds)
    .filter(([kind]) => IGNORED.has(kind))
    .map(([kind, n]) => `${n} ${KIND_LABELS[kind].replace(', ignored', '')}`);
  return `${totals.lines} line${totals.lines === 1 ? '' : 's'}, ` +
    `${totals.deliveries} deliver${totals.deliveries === 1 ? 'y' : 'ies'} to ${operations} operation${operations === 1 ? '' : 's'}: ` +
    `${totals.applied} applied, ${totals.deliveries - totals.applied} ignored${ignored.length ? ` (${ignored.join(', ')})` : ''}; ` +
    `${problemLines} line${problemLines === 1 ? '' : 's'} with problems.`;
}

function renderStep(entry, lineOfFeed) {
  const ignored = IGNORED.has(entry.kind);
  const step = el('li', `stream-step stream-step-${entry.kind}${ignored ? ' stream-step-ignored' : ''}`);
  step.dataset.kind = entry.kind;
  step.dataset.feed = String(entry.feed);
  step.dataset.status = entry.status === null ? '' : clip(entry.status, MAX_ID);
  step.dataset.changeType = entry.changeType === null ? '' : clip(entry.changeType, MAX_ID);
  const line = lineOfFeed.get(entry.feed);
  if (line !== undefined) step.dataset.line = String(line);

  if (line !== undefined) step.append(lineButton(line, `line ${line}`));
  else step.append(el('span', 'stream-step-feed', `feed ${entry.feed}`));
  const status = el('span', 'stream-badge stream-step-status', statusText(entry.status));
  status.dataset.status = statusClass(entry.status);
  step.append(status);
  step.append(el('span', 'stream-step-change', entry.changeType === null ? 'no changeType' : clip(entry.changeType, MAX_ID)));
  step.append(el('span', `stream-mark${ignored ? ' stream-mark-ignored' : ''}`, KIND_LABELS[entry.kind] ?? entry.kind));
  return step;
}

function resultText(operation) {
  const parts = [];
  if (typeof operation.completionReason === 'string') parts.push(clip(operation.completionReason, MAX_ID));
  const info = operation.resultInfo;
  if (info && typeof info === 'object') {
    const code = info.code ?? '?';
    const subcode = info.subcode ?? '?';
    parts.push(`code ${clip(code, 20)}/${clip(subcode, 20)}`);
  }
  if (typeof operation.recordingLocation === 'string' && operation.recordingLocation !== '') parts.push('has a recording');
  return parts.join(' · ');
}

function renderRow(operation, lineOfFeed) {
  const row = el('tr', 'stream-op');
  row.dataset.key = clip(operation.key, 200);
  row.dataset.status = statusClass(operation.status);
  row.dataset.final = String(operation.final);

  const name = el('th', 'stream-op-name');
  name.scope = 'row';
  name.append(el('code', 'stream-op-id', operation.id === null ? '(no id)' : clip(operation.id, MAX_ID)));
  const context = operation.operation && operation.operation.clientContext;
  if (typeof context === 'string' && context !== '') {
    name.append(el('span', 'stream-op-context', clip(context, MAX_ID)));
  }
  row.append(name);

  const state = el('td', 'stream-op-state');
  const badge = el('span', 'stream-badge stream-op-status', statusText(operation.status));
  badge.dataset.status = statusClass(operation.status);
  state.append(badge);
  state.append(el('span', `stream-final${operation.final ? '' : ' stream-open'}`, operation.final ? 'final' : 'open'));
  const result = resultText(operation.operation ?? {});
  if (result) state.append(el('span', 'stream-op-result', result));
  const inspect = el('button', 'stream-inspect', 'Inspect');
  inspect.type = 'button';
  inspect.dataset.key = row.dataset.key;
  inspect.setAttribute('aria-label', `Inspect ${operation.id === null ? 'this operation' : clip(operation.id, MAX_ID)}: its latest state in the single payload view`);
  state.append(inspect);
  row.append(state);

  const timelineCell = el('td', 'stream-op-timeline');
  const timeline = el('ol', 'stream-timeline');
  for (const entry of operation.timeline) timeline.append(renderStep(entry, lineOfFeed));
  timelineCell.append(timeline);
  if (operation.timelineDropped > 0) {
    timelineCell.append(el('p', 'stream-note', `${operation.timelineDropped} earlier deliver${operation.timelineDropped === 1 ? 'y' : 'ies'} not kept`));
  }
  row.append(timelineCell);
  return row;
}

function renderProblems(problems) {
  const section = el('section', 'stream-problems');
  section.setAttribute('aria-labelledby', 'stream-problems-title');
  const title = el('h3', 'stream-problems-title', 'Problems by line');
  title.id = 'stream-problems-title';
  section.append(title);
  const list = el('ol', 'stream-problem-lines');
  for (const problem of problems.slice(0, MAX_PROBLEM_LINES)) {
    const item = el('li', 'stream-line-problem');
    item.dataset.line = String(problem.line);
    if (problem.rejected) item.dataset.rejected = 'true';
    const header = el('p', 'stream-line-problem-header');
    header.append(lineButton(problem.line, `Line ${problem.line}`));
    if (problem.rejected) header.append(' ', el('span', 'stream-rejected', 'not read: nothing in this line was applied'));
    item.append(header);
    const issues = el('ul', 'stream-issues');
    for (const issue of problem.issues) {
      const entry = el('li', 'stream-issue');
      entry.dataset.severity = issue.severity;
      entry.dataset.code = issue.code;
      entry.dataset.path = clip(issue.path ?? '', 200);
      const where = issue.column > 0 ? `line ${problem.line + issue.line - 1}, column ${issue.column}` : `line ${problem.line}`;
      entry.append(
        el('span', `stream-severity stream-severity-${issue.severity}`, issue.severity),
        ' ',
        el('code', 'stream-issue-code', issue.code),
        ' ',
        el('span', 'stream-issue-where', `(${where}${issue.path ? `, ${clip(issue.path, MAX_ID)}` : ''})`),
        ' ',
        el('span', 'stream-issue-message', clip(issue.message, MAX_TEXT)),
      );
      issues.append(entry);
    }
    for (const note of problem.notes) {
      const entry = el('li', 'stream-issue stream-issue-note');
      entry.dataset.severity = 'info';
      entry.append(el('span', 'stream-severity stream-severity-info', 'note'), ' ', el('span', 'stream-issue-message', clip(note, MAX_TEXT)));
      issues.append(entry);
    }
    item.append(issues);
    list.append(item);
  }
  section.append(list);
  if (problems.length > MAX_PROBLEM_LINES) {
    section.append(el('p', 'stream-note', `Showing the first ${MAX_PROBLEM_LINES} of ${problems.length} lines with problems.`));
  }
  return section;
}

/** The latest operations of the last render, by row key, for the Inspect buttons. */
let inspectable = new Map();

/** Feeds the whole stream editor and draws the view. */
function renderStream() {
  clearTimeout(streamTimer);
  const started = performance.now();
  const text = streamEditor.value;
  saveStream(text);
  let fed;
  try {
    fed = feedStream(text, { strict: streamStrict.checked });
  } catch (error) {
    streamOutput.textContent = `Could not read the stream: ${error && error.message ? error.message : error}`;
    streamOutput.dataset.state = 'error';
    return;
  }
  const { tracker, lineOfFeed, problems, totals } = fed;
  let counts;
  let operations;
  try {
    counts = tracker.counts();
    // With the tokens: "Inspect" hands an operation to the single view, which masks the token
    // until "Reveal token" is clicked. The stream view itself never shows one.
    operations = tracker.list(undefined, { redact: false });
  } finally {
    tracker.free();
  }
  const elapsed = performance.now() - started;

  const view = document.createDocumentFragment();
  if (totals.lines === 0) {
    view.append(el('p', 'stream-empty', 'No notifications yet. Paste some, one per line, drop files, or load the sample stream.'));
  } else {
    view.append(el('p', 'stream-summary', summaryText(totals, counts.total, problems.length)));
    view.append(renderCounts(counts));
    if (operations.length > 0) {
      const table = el('table', 'stream-table');
      table.append(el('caption', 'stream-caption', 'One row per operation, in order of first delivery; each step is one delivery, in order of arrival.'));
      const head = el('thead');
      const headRow = el('tr');
      for (const label of ['Operation', 'Latest state', 'Deliveries']) {
        const cell = el('th', null, label);
        cell.scope = 'col';
        headRow.append(cell);
      }
      head.append(headRow);
      const body = el('tbody');
      inspectable = new Map();
      for (const operation of operations.slice(0, MAX_ROWS)) {
        const row = renderRow(operation, lineOfFeed);
        inspectable.set(row.dataset.key, operation.operation);
        body.append(row);
      }
      table.append(head, body);
      view.append(table);
      if (operations.length > MAX_ROWS) {
        view.append(el('p', 'stream-note', `Showing the first ${MAX_ROWS} of ${operations.length} operations; the counts cover them all.`));
      }
    }
    if (problems.length > 0) view.append(renderProblems(problems));
  }
  streamOutput.replaceChildren(view);
  streamRenders += 1;
  streamOutput.dataset.state = totals.lines === 0 ? 'empty' : 'rendered';
  streamOutput.dataset.renders = String(streamRenders);
  streamStatus.textContent = totals.lines === 0 ? '' :
    `${counts.total} operation${counts.total === 1 ? '' : 's'} from ${totals.lines} line${totals.lines === 1 ? '' : 's'}, ` +
    `fed in ${elapsed.toFixed(1)} ms`;
}

function scheduleStream() {
  clearTimeout(streamTimer);
  streamTimer = setTimeout(renderStream, DEBOUNCE_MS);
}

function saveStream(text) {
  try {
    if (text.length <= STORAGE_MAX_CHARS) sessionStorage.setItem(STORAGE_TEXT, text);
    else sessionStorage.removeItem(STORAGE_TEXT);
  } catch {
    // Storage full or disabled: the stream is simply not kept across reloads.
  }
}

/**
 * Turns a dropped file's text into stream lines. `.jsonl`, `.ndjson` and `.txt` files are one
 * document per line. A `.json` file that is one (pretty-printed) document becomes one line: the
 * line breaks and the indentation after them are removed, which cannot change a valid document
 * (a JSON string cannot hold a raw line break). A `.json` file whose lines are each a document is
 * kept as it is.
 */
function fileToLines(name, text) {
  const body = text.replace(/^\uFEFF/, '');
  if (!/\.json$/i.test(name)) return body;
  const lines = body.split('\n').filter((line) => line.trim() !== '');
  const parses = (value) => {
    try {
      JSON.parse(value);
      return true;
    } catch {
      return false;
    }
  };
  if (lines.length > 1 && !parses(body) && lines.every(parses)) return body;
  return body.replace(/[ \t]*\r?\n[ \t]*/g, '').trim();
}

/** Appends files to the stream editor and says which lines they became. */
async function addFiles(files) {
  const added = [];
  for (const file of files) {
    const text = fileToLines(file.name, await file.text());
    let value = streamEditor.value;
    if (value !== '' && !value.endsWith('\n')) value += '\n';
    const first = value === '' ? 1 : value.split('\n').length;
    const content = text.replace(/\n+$/, '');
    if (content === '') {
      added.push(`${file.name} (empty)`);
      continue;
    }
    const last = first + content.split('\n').length - 1;
    streamEditor.value = `${value}${content}\n`;
    added.push(`${file.name} (line${first === last ? ` ${first}` : `s ${first}–${last}`})`);
  }
  stream.updateGutter();
  renderStream();
  streamStatus.textContent = `Added ${added.join(', ')}. ${streamStatus.textContent}`;
}

async function loadStreamSample(name) {
  const response = await fetch(`samples/${encodeURIComponent(name)}.json`);
  if (!response.ok) throw new Error(`sample ${name}: HTTP ${response.status}`);
  streamEditor.value = await response.text();
  stream.updateGutter();
  renderStream();
}

streamEditor.addEventListener('input', () => {
  stream.updateGutter();
  scheduleStream();
});
streamStrict.addEventListener('change', renderStream);

for (const button of document.querySelectorAll('[data-stream-sample]')) {
  button.addEventListener('click', () => {
    loadStreamSample(button.dataset.streamSample).catch((error) => {
      streamStatus.textContent = `Could not load the sample stream: ${error.message}`;
    });
  });
}

document.getElementById('stream-clear').addEventListener('click', () => {
  streamEditor.value = '';
  stream.updateGutter();
  renderStream();
  streamEditor.focus();
});

streamFiles.addEventListener('change', () => {
  const files = [...streamFiles.files];
  streamFiles.value = '';
  if (files.length) {
    addFiles(files).catch((error) => {
      streamStatus.textContent = `Could not read the files: ${error.message}`;
    });
  }
});

const hasFiles = (event) => Boolean(event.dataTransfer && [...event.dataTransfer.types].includes('Files'));
streamDrop.addEventListener('dragover', (event) => {
  if (!hasFiles(event)) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
  streamDrop.classList.add('drop-active');
});
streamDrop.addEventListener('dragleave', () => streamDrop.classList.remove('drop-active'));
streamDrop.addEventListener('drop', (event) => {
  streamDrop.classList.remove('drop-active');
  const files = event.dataTransfer ? [...event.dataTransfer.files] : [];
  if (files.length === 0) return; // dropped text: the textarea inserts it and fires input
  event.preventDefault();
  addFiles(files).catch((error) => {
    streamStatus.textContent = `Could not read the files: ${error.message}`;
  });
});

streamOutput.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  const lineTarget = target.closest('.stream-line');
  if (lineTarget) {
    const line = Number(lineTarget.dataset.line);
    if (Number.isInteger(line) && line >= 1) stream.selectLine(line);
    return;
  }
  const inspect = target.closest('.stream-inspect');
  if (inspect) {
    const operation = inspectable.get(inspect.dataset.key);
    if (!operation) return;
    editor.value = JSON.stringify(operation, null, 2);
    for (const button of document.querySelectorAll('[data-sample]')) button.setAttribute('aria-pressed', 'false');
    setMode('single');
    single.updateGutter();
    render();
    editor.focus();
  }
});

// ---------------------------------------------------------------------------------------------
// Switching views

const views = { single: document.getElementById('single-view'), stream: document.getElementById('stream-view') };

function setMode(mode) {
  const chosen = mode === 'stream' ? 'stream' : 'single';
  for (const [name, view] of Object.entries(views)) view.hidden = name !== chosen;
  for (const button of document.querySelectorAll('[data-mode]')) {
    button.setAttribute('aria-pressed', String(button.dataset.mode === chosen));
  }
  document.documentElement.dataset.currentView = chosen;
  try {
    sessionStorage.setItem(STORAGE_MODE, chosen);
  } catch {
    // not kept across reloads
  }
}

for (const button of document.querySelectorAll('[data-mode]')) {
  button.addEventListener('click', () => setMode(button.dataset.mode));
}

// ---------------------------------------------------------------------------------------------
// Start: the single view renders a sample; the stream view gets back what this tab had.

const params = new URLSearchParams(location.search);
let savedMode = null;
let savedStream = null;
try {
  savedMode = sessionStorage.getItem(STORAGE_MODE);
  savedStream = sessionStorage.getItem(STORAGE_TEXT);
} catch {
  // storage disabled
}
setMode(params.get('mode') || savedMode || 'single');
if (savedStream) {
  streamEditor.value = savedStream;
  stream.updateGutter();
}
renderStream();

const initial = params.get('sample') || 'docs-v1-notification';
loadSample(initial).catch(() => loadSample('running'));
document.documentElement.dataset.ready = 'true';
