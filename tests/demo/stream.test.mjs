// Browser tests of the demo page's stream view (an OperationTracker fed one line at a time), in
// Debian's Chromium through playwright-core. Run by scripts/test-demo.sh, which builds www/dist.
//
//   node --test tests/demo/stream.test.mjs
//
// Screenshots of the stream view, light and dark, go to test-output/demo/ (not committed).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUTPUT, openDemo, start, assertScreenshots, seriousAxeViolations } from './browser.mjs';
import { hostileCases } from './hostile.mjs';


/** What the sample stream (www/samples/stream.json) must show, row by row, in order of first delivery. */
const SAMPLE_ROWS = [
  {
    id: 'a1a1a1a1-0000-4000-8000-00000000000a', context: 'greeting-recording', status: 'completed', final: 'true',
    steps: [
      ['new', 1, 'notStarted', 'created'],
      ['advanced', 4, 'running', 'updated'],
      ['duplicate', 7, 'running', 'updated'],
      ['advanced', 10, 'completed', 'deleted'],
    ],
  },
  {
    id: 'c3c3c3c3-0000-4000-8000-00000000000c', context: 'survey-answer', status: 'running', final: 'false',
    steps: [
      ['new', 2, 'running', 'updated'],
      ['outOfOrder', 5, 'notStarted', 'created'],
    ],
  },
  {
    id: 'b2b2b2b2-0000-4000-8000-00000000000b', context: 'voicemail-prompt', status: 'failed', final: 'true',
    steps: [
      ['new', 3, 'notStarted', 'created'],
      ['advanced', 6, 'running', 'updated'],
      ['advanced', 9, 'failed', 'deleted'],
    ],
  },
  {
    id: 'd4d4d4d4-0000-4000-8000-00000000000d', context: 'callback-number', status: 'completed', final: 'true',
    steps: [
      ['new', 8, 'completed', 'deleted'],
      ['afterFinal', 11, 'running', 'updated'],
    ],
  },
];

/** Everything the DOM says about the stream view, read in the page. */
function readStream(page) {
  return page.evaluate(() => {
    const output = document.getElementById('stream-output');
    const text = (element) => (element ? element.textContent.trim() : null);
    return {
      state: output.dataset.state,
      summary: text(output.querySelector('.stream-summary')),
      counts: Object.fromEntries([...output.querySelectorAll('.stream-count')]
        .map((item) => [item.dataset.status, text(item.querySelector('.stream-count-value'))])),
      rows: [...output.querySelectorAll('tr.stream-op')].map((row) => ({
        id: text(row.querySelector('.stream-op-id')),
        context: text(row.querySelector('.stream-op-context')),
        status: row.dataset.status,
        badge: text(row.querySelector('.stream-op-status')),
        final: row.dataset.final,
        finalText: text(row.querySelector('.stream-final')),
        result: text(row.querySelector('.stream-op-result')),
        steps: [...row.querySelectorAll('.stream-step')].map((step) => ({
          kind: step.dataset.kind,
          line: Number(step.dataset.line),
          lineText: text(step.querySelector('.stream-line')),
          status: step.dataset.status,
          statusText: text(step.querySelector('.stream-step-status')),
          changeType: text(step.querySelector('.stream-step-change')),
          mark: text(step.querySelector('.stream-mark')),
          ignoredClass: step.classList.contains('stream-step-ignored'),
          kindClass: step.classList.contains(`stream-step-${step.dataset.kind}`),
        })),
      })),
      problems: [...output.querySelectorAll('.stream-line-problem')].map((item) => ({
        line: Number(item.dataset.line),
        button: text(item.querySelector('.stream-line')),
        rejected: item.dataset.rejected === 'true',
        issues: [...item.querySelectorAll('.stream-issue:not(.stream-issue-note)')].map((issue) => [
          issue.dataset.severity, issue.dataset.code ?? null, text(issue.querySelector('.stream-issue-where')),
        ]),
        notes: [...item.querySelectorAll('.stream-issue-note .stream-issue-message')].map((note) => note.textContent),
      })),
    };
  });
}

function streamRenders(page) {
  return page.evaluate(() => Number(document.getElementById('stream-output').dataset.renders ?? 0));
}

async function waitForStreamRender(page, beforeCount, timeout = 60_000) {
  await page.waitForFunction(
    (n) => Number(document.getElementById('stream-output').dataset.renders ?? 0) > n,
    beforeCount,
    { timeout },
  );
}

/** Opens the page in the stream view (through its switch) with the sample stream fed. */
async function openSampleStream(env, options) {
  const opened = await openDemo(env, options);
  const { page } = opened;
  await page.click('button[data-mode="stream"]');
  assert.equal(await page.isVisible('#stream-view'), true);
  assert.equal(await page.isVisible('#single-view'), false);
  const count = await streamRenders(page);
  await page.click('button[data-stream-sample="stream"]');
  await waitForStreamRender(page, count);
  return opened;
}

/** Puts text into the stream editor as typing would, and waits for the debounced render. */
async function typeStream(page, text, { timeout = 60_000 } = {}) {
  const count = await streamRenders(page);
  await page.evaluate((value) => {
    const editor = document.getElementById('stream-editor');
    editor.value = value;
    editor.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  await waitForStreamRender(page, count, timeout);
}

const CALL = '/communications/calls/57DAB8B1894C409AB240BD8BEAE78896';

/** A one-line notification envelope for one recordOperation. */
function envelope(changeType, resourceData, resourceUrl = `${CALL}/operations/${String(resourceData.id ?? '').replace(/-/g, '')}`) {
  return JSON.stringify({
    '@odata.type': '#microsoft.graph.commsNotifications',
    value: [{ '@odata.type': '#microsoft.graph.commsNotification', changeType, resourceUrl, resourceData: {
      '@odata.type': '#microsoft.graph.recordOperation', ...resourceData,
    } }],
  });
}

let env;

before(async () => {
  env = await start();
});

after(async () => {
  await env?.close();
});

describe('stream view', () => {
  test('the sample stream: one row per operation, final statuses, marked duplicate and out-of-order deliveries', async () => {
    const { page, problems } = await openSampleStream(env);
    try {
      const view = await readStream(page);
      assert.equal(view.state, 'rendered');
      assert.deepEqual(view.counts, {
        notStarted: '0', running: '1', completed: '2', failed: '1', unknown: '0', final: '3', total: '4',
      });
      assert.equal(view.summary,
        '11 lines, 11 deliveries to 4 operations: 8 applied, 3 ignored (1 out of order, 1 duplicate, 1 after the final state); 0 lines with problems.');
      assert.deepEqual(view.rows.map((row) => row.id), SAMPLE_ROWS.map((row) => row.id), 'one row per operation, in order of first delivery');
      SAMPLE_ROWS.forEach((want, index) => {
        const row = view.rows[index];
        assert.equal(row.context, want.context, `${want.id} clientContext`);
        assert.equal(row.status, want.status, `${want.id} final status`);
        assert.equal(row.final, want.final, `${want.id} final`);
        assert.equal(row.finalText, want.final === 'true' ? 'final' : 'open');
        assert.equal(row.badge, want.status);
        assert.deepEqual(row.steps.map((step) => [step.kind, step.line, step.status, step.changeType]), want.steps,
          `${want.id} timeline`);
        for (const step of row.steps) {
          assert.equal(step.lineText, `line ${step.line}`);
          assert.ok(step.kindClass, `${want.id} line ${step.line}: a class for ${step.kind}`);
          const ignored = ['duplicate', 'outOfOrder', 'afterFinal', 'conflict'].includes(step.kind);
          assert.equal(step.ignoredClass, ignored, `${want.id} line ${step.line}: ignored class`);
        }
      });
      // The ignored deliveries say so in words, not colour alone.
      const marks = Object.fromEntries(view.rows.flatMap((row) => row.steps).map((step) => [step.line, step.mark]));
      assert.equal(marks[7], 'duplicate, ignored');
      assert.equal(marks[5], 'out of order, ignored');
      assert.equal(marks[11], 'after the final state, ignored');
      assert.equal(marks[1], 'first delivery');
      assert.equal(marks[4], 'advanced');
      // The token stays out of the view.
      assert.equal(await page.evaluate(() => document.getElementById('stream-output').textContent.includes('stream-sample-token')), false);
      assert.equal(view.rows[0].result, 'maxRecordDurationReached · code 200/8515 · has a recording');
      assert.deepEqual(view.problems, []);

      // A step's line button selects that line in the stream editor.
      await page.click('.stream-step[data-kind="duplicate"] .stream-line');
      const selection = await page.evaluate(() => {
        const editor = document.getElementById('stream-editor');
        return {
          focused: document.activeElement === editor,
          text: editor.value.slice(editor.selectionStart, editor.selectionEnd),
          line: editor.value.split('\n')[6],
        };
      });
      assert.ok(selection.focused, 'the stream editor has the focus');
      assert.equal(selection.text, selection.line);

      // Inspect opens the latest state in the single payload view.
      await page.click('tr.stream-op:first-child .stream-inspect');
      await page.waitForFunction(() => document.querySelector('#output .gro-card')?.dataset.status === 'completed'
        && document.querySelector('#output .gro-card-title')?.textContent.includes('a1a1a1a1'));
      assert.equal(await page.isVisible('#single-view'), true);
      assert.equal(await page.isVisible('#stream-view'), false);
      assert.equal(await page.getAttribute('button[data-mode="single"]', 'aria-pressed'), 'true');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test('per-line problems, a conflict, blank lines and a skipped resource', async () => {
    const { page, problems } = await openSampleStream(env);
    try {
      const lines = [
        envelope('updated', { id: 'e5e5e5e5-0000-4000-8000-00000000000e', status: 'completed', resultInfo: { code: 200, subcode: 0 } }),
        'this is not JSON',
        '',
        envelope('updated', { id: 'e5e5e5e5-0000-4000-8000-00000000000e', status: 'failed', resultInfo: { code: 500, subcode: 0 } }),
        '{"id":"f6f6","status":"running","resultInfo":{"code":"two hundred","subcode":0}}',
        '{"id":"f6f6","status":"Running",}',
        JSON.stringify({ value: [{ changeType: 'updated', resourceUrl: CALL, resourceData: { '@odata.type': '#microsoft.graph.call', id: 'call', state: 'established' } }] }),
        '   ',
        '{"status":"running"}',
      ];
      await typeStream(page, lines.join('\n'));
      const view = await readStream(page);
      assert.deepEqual(view.rows.map((row) => [row.id, row.status, row.final]), [
        ['e5e5e5e5-0000-4000-8000-00000000000e', 'completed', 'false'],
        ['f6f6', 'running', 'false'],
      ]);
      assert.deepEqual(view.rows[0].steps.map((step) => [step.kind, step.line, step.mark, step.ignoredClass]), [
        ['new', 1, 'first delivery', false],
        ['conflict', 4, 'conflicting terminal status, ignored', true],
      ]);
      assert.deepEqual(view.counts, {
        notStarted: '0', running: '1', completed: '1', failed: '0', unknown: '0', final: '0', total: '2',
      });
      assert.match(view.summary, /^7 lines, 3 deliveries to 2 operations: 2 applied, 1 ignored \(1 conflicting terminal status\); 5 lines with problems\.$/);
      const byLine = Object.fromEntries(view.problems.map((problem) => [problem.line, problem]));
      assert.deepEqual(view.problems.map((problem) => problem.line), [2, 5, 6, 7, 9], 'problem lines are the editor\'s line numbers');
      assert.equal(byLine[2].button, 'Line 2');
      assert.equal(byLine[2].rejected, true);
      assert.ok(byLine[2].issues.some(([severity, code, where]) => severity === 'error' && code === 'json_syntax' && where.startsWith('(line 2, column 1')),
        JSON.stringify(byLine[2].issues));
      assert.deepEqual(byLine[5].issues.map(([severity, code]) => [severity, code]), [['error', 'not_an_integer']]);
      assert.match(byLine[5].issues[0][2], /^\(line 5, column \d+, \/resultInfo\/code\)$/);
      assert.equal(byLine[5].rejected, false);
      assert.deepEqual(byLine[6].issues.filter(([severity]) => severity === 'error').map(([, code]) => code), ['json_syntax']);
      assert.equal(byLine[6].rejected, true);
      assert.deepEqual(byLine[7].issues, []);
      assert.match(byLine[7].notes[0], /not a recordOperation \(#microsoft\.graph\.call\): skipped$/);
      assert.ok(byLine[9].issues.some(([severity, code]) => severity === 'warning' && code === 'untrackable_operation'));

      // A problem's line button selects that line.
      await page.click('.stream-line-problem[data-line="5"] .stream-line');
      assert.equal(await page.evaluate(() => {
        const editor = document.getElementById('stream-editor');
        return editor.value.slice(editor.selectionStart, editor.selectionEnd);
      }), lines[4]);

      // Strict mode turns the warnings into errors.
      const count = await streamRenders(page);
      await page.check('#stream-strict');
      await waitForStreamRender(page, count);
      const strictView = await readStream(page);
      const line9 = strictView.problems.find((problem) => problem.line === 9);
      assert.ok(line9.issues.every(([severity]) => severity === 'error'), JSON.stringify(line9.issues));

      // Clearing empties the view.
      const cleared = await streamRenders(page);
      await page.click('#stream-clear');
      await waitForStreamRender(page, cleared);
      assert.equal((await readStream(page)).state, 'empty');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test('dropped and picked files are appended as lines (a pretty-printed .json is one document)', async () => {
    const { page, problems } = await openDemo(env, { query: '?mode=stream' });
    try {
      assert.equal(await page.isVisible('#stream-view'), true);
      const id = '12121212-0000-4000-8000-000000000012';
      const jsonl = [
        envelope('created', { id, status: 'notStarted' }),
        envelope('updated', { id, status: 'running' }),
      ].join('\n') + '\n';
      const pretty = JSON.stringify(JSON.parse(envelope('deleted', { id, status: 'completed', resultInfo: { code: 200, subcode: 8515 } })), null, 2);
      const count = await streamRenders(page);
      await page.evaluate(({ jsonl, pretty }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([jsonl], 'first.jsonl', { type: 'application/jsonl' }));
        transfer.items.add(new File([pretty], 'last.json', { type: 'application/json' }));
        const zone = document.getElementById('stream-drop');
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }, { jsonl, pretty });
      await waitForStreamRender(page, count);
      let view = await readStream(page);
      assert.deepEqual(view.rows.map((row) => [row.id, row.status, row.final]), [[id, 'completed', 'true']]);
      assert.deepEqual(view.rows[0].steps.map((step) => [step.kind, step.line]), [['new', 1], ['advanced', 2], ['advanced', 3]]);
      assert.equal((await page.inputValue('#stream-editor')).split('\n').length, 4, 'three lines and a final newline');
      assert.match(await page.textContent('#stream-status'), /^Added first\.jsonl \(lines 1–2\), last\.json \(line 3\)\./);

      // The file picker does the same; a late running delivery (not a copy) is marked after final.
      const picked = await streamRenders(page);
      await page.setInputFiles('#stream-files', {
        name: 'late.txt', mimeType: 'text/plain', buffer: Buffer.from(`${envelope('updated', { id, status: 'running', clientContext: 'late' })}\n`),
      });
      await waitForStreamRender(page, picked);
      view = await readStream(page);
      assert.deepEqual(view.rows[0].steps.map((step) => [step.kind, step.line]),
        [['new', 1], ['advanced', 2], ['advanced', 3], ['afterFinal', 4]]);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test('a reload keeps the stream and the view (sessionStorage)', async () => {
    const { page, problems } = await openSampleStream(env);
    try {
      await page.reload();
      await page.waitForSelector('#output[data-state="rendered"]', { state: 'attached' });
      await page.waitForSelector('#stream-output[data-state="rendered"]');
      assert.equal(await page.isVisible('#stream-view'), true);
      assert.equal(await page.getAttribute('button[data-mode="stream"]', 'aria-pressed'), 'true');
      const view = await readStream(page);
      assert.deepEqual(view.rows.map((row) => [row.id, row.status]), SAMPLE_ROWS.map((row) => [row.id, row.status]));
      // Back to the single view, reload: the single view comes back.
      await page.click('button[data-mode="single"]');
      await page.reload();
      await page.waitForSelector('#output[data-state="rendered"]', { state: 'attached' });
      assert.equal(await page.isVisible('#single-view'), true);
      assert.equal(await page.isVisible('#stream-view'), false);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test('hostile lines execute nothing and render as text', async () => {
    const { page, problems } = await openSampleStream(env);
    try {
      const script = '<script>window.__pwned = "id"</script>';
      const lines = [
        envelope('updated', { id: script, status: 'running', clientContext: '<img src=x onerror="window.__pwned = \'img\'">' },
          `${CALL}/operations/<svg onload="window.__pwned = 'url'">`),
        envelope('deleted', {
          id: script, status: 'completed', recordingLocation: 'javascript:window.__pwned = "js-url"', recordingAccessToken: 'hostile-token',
          completionReason: '<a href="javascript:window.__pwned = \'a\'">click</a>',
          resultInfo: { code: 200, subcode: 0, message: script },
        }, 'javascript:window.__pwned = "resourceUrl"'),
        envelope('<b onmouseover="window.__pwned = 1">changed</b>', { id: 'other', status: '<script>window.__pwned = "status"</script>' }),
        JSON.stringify({ value: [{ changeType: 'updated', resourceUrl: script, resourceData: { '@odata.type': script, id: script } }] }),
        `{"id":"${'<script>'.repeat(10_000)}","status":"running"}`,
        '<script>window.__pwned = "line"</script>',
        '{"id":"\\u202eevil\\u202c","status":"running","extra":"\\u0000<script>"}',
        // The page's own hostile corpus, each document on one line (the 5 MB one is covered by the single view).
        ...hostileCases().filter((c) => c.name !== '5 MB collection').map((c) => c.text.replace(/\n\s*/g, '')),
      ];
      await typeStream(page, lines.join('\n'));
      const state = await page.evaluate(() => {
        const output = document.getElementById('stream-output');
        let longest = 0;
        const walker = document.createTreeWalker(output, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) longest = Math.max(longest, walker.currentNode.length);
        return {
          pwned: window.__pwned,
          dangerous: output.querySelectorAll('script, img, svg, iframe, object, embed, a, b, [onerror], [onload], [onmouseover], [srcdoc], [href]').length,
          rows: output.querySelectorAll('tr.stream-op').length,
          ids: [...output.querySelectorAll('.stream-op-id')].map((id) => id.textContent),
          token: output.textContent.includes('hostile-token'),
          longest,
          problems: [...output.querySelectorAll('.stream-line-problem')].map((item) => Number(item.dataset.line)),
        };
      });
      assert.equal(state.pwned, undefined, 'a script ran');
      assert.equal(state.dangerous, 0, 'markup from the payload became elements');
      assert.ok(state.ids.includes(script), 'the script tag is shown as text');
      assert.equal(state.token, false, 'the token stays out of the view');
      assert.ok(state.longest <= 2_100, `a text of ${state.longest} characters`);
      assert.ok(state.problems.includes(6), 'the markup line is reported as not JSON');
      // Hover and click everything the hostile lines produced (the Inspect buttons last): still nothing runs.
      const elements = await page.$$('#stream-output tr.stream-op *, #stream-output .stream-issue-message');
      for (const element of elements) {
        await element.hover({ force: true, timeout: 1_000 }).catch(() => {});
      }
      const buttons = await page.$$('#stream-output .stream-line');
      for (const button of buttons) await button.click();
      assert.ok(elements.length > 50 && buttons.length > 20, `${elements.length} elements, ${buttons.length} line buttons`);
      await page.click('#stream-output .stream-inspect');
      await page.waitForSelector('#single-view:not([hidden])');
      await page.click('#output [data-gro-action="reveal"]', { timeout: 5_000 });
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});

describe('stream view accessibility and screenshots', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`axe-core finds no serious or critical violations in the stream view (${colorScheme})`, async () => {
      const { page, problems } = await openSampleStream(env, { colorScheme });
      try {
        const found = [];
        const check = async (label) => found.push(...(await seriousAxeViolations(page, label)));
        await check('sample stream');
        // With problems and a conflict too.
        const sample = await page.inputValue('#stream-editor');
        await typeStream(page, `${sample}not JSON\n{"id":"a1a1a1a1-0000-4000-8000-00000000000a","status":"failed"}\n{"id":"x","status":"Paused"}\n`);
        await check('with problems');
        assert.deepEqual(found, []);
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }

  test('the stream view, light and dark, is written to test-output/demo/', async () => {
    const written = [];
    for (const colorScheme of ['light', 'dark']) {
      const { page, problems } = await openSampleStream(env, { colorScheme });
      try {
        const sample = await page.inputValue('#stream-editor');
        await typeStream(page, `${sample}not JSON\n`);
        const path = join(OUTPUT, `stream-${colorScheme}.png`);
        await page.screenshot({ path, fullPage: true });
        written.push(path);
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    }
    await assertScreenshots(written);
  });
});
