// The demo page's only script. It imports the package the way any page without a bundler would:
// package-entry.js (written by scripts/build-demo.sh) re-exports the package's browser entry, which
// instantiates the WebAssembly module with a top-level await, so there is no init call here.
import { renderRecordOperation } from './package-entry.js';

const DEBOUNCE_MS = 150;

const editor = document.getElementById('editor');
const gutter = document.getElementById('gutter');
const output = document.getElementById('output');
const strict = document.getElementById('strict');
const timing = document.getElementById('timing');

let timer = 0;
let renders = 0;
let lineCount = 0;

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

/** Keeps the line-number gutter in step with the text. */
function updateGutter() {
  let count = 1;
  const text = editor.value;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count += 1;
  if (count !== lineCount) {
    lineCount = count;
    // Very large inputs get a capped gutter: numbering 100 000 lines would only slow the page.
    const shown = Math.min(count, 20000);
    let numbers = '';
    for (let n = 1; n <= shown; n += 1) numbers += `${n}\n`;
    gutter.textContent = numbers;
  }
  gutter.scrollTop = editor.scrollTop;
}

/** Selects a whole line (1-based) of the editor and scrolls it into view. */
function selectLine(line) {
  const text = editor.value;
  let start = 0;
  for (let n = 1; n < line; n += 1) {
    const next = text.indexOf('\n', start);
    if (next === -1) break;
    start = next + 1;
  }
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  editor.focus();
  editor.setSelectionRange(start, end);
  const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 20;
  editor.scrollTop = Math.max(0, (line - 3) * lineHeight);
  updateGutter();
}

async function loadSample(name) {
  const response = await fetch(`samples/${encodeURIComponent(name)}.json`);
  if (!response.ok) throw new Error(`sample ${name}: HTTP ${response.status}`);
  editor.value = await response.text();
  for (const button of document.querySelectorAll('[data-sample]')) {
    button.setAttribute('aria-pressed', String(button.dataset.sample === name));
  }
  updateGutter();
  render();
}

editor.addEventListener('input', () => {
  updateGutter();
  scheduleRender();
});
editor.addEventListener('scroll', () => {
  gutter.scrollTop = editor.scrollTop;
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
  if (Number.isInteger(line) && line >= 1) selectLine(line);
});

const initial = new URLSearchParams(location.search).get('sample') || 'docs-v1-notification';
loadSample(initial).catch(() => loadSample('running'));
document.documentElement.dataset.ready = 'true';
