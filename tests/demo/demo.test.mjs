// Browser tests of the demo page and the package's renderer (renderRecordOperation), in Debian's
// Chromium through playwright-core. Run by scripts/test-demo.sh, which builds www/dist first.
//
//   node --test tests/demo/*.test.mjs
//
// Screenshots of every sample, light and dark, go to test-output/demo/ (not committed).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUTPUT, loadSample, openDemo, start, typeText, assertScreenshots, seriousAxeViolations } from './browser.mjs';
import { hostileCases } from './hostile.mjs';


/** What each sample must show. */
const SAMPLES = {
  running: {
    kind: 'operation',
    valid: true,
    cards: [{ status: 'running', badge: 'running', current: 'running', result: 'null' }],
    issues: [],
  },
  'completed-recording': {
    kind: 'operation',
    valid: true,
    cards: [{
      status: 'completed', badge: 'completed', current: 'completed',
      code: '200', subcode: '8515', message: 'Action completed, max record duration reached.', category: 'success',
      link: 'https://file.location/17e3b46c-f61d-4f4d-9635-c626ef18e6ad',
      token: 'eyJhbGciOiJIUzI1NiJ9.sample-recording-token.c2lnbmF0dXJl',
      extra: ['@odata.etag'],
    }],
    issues: [],
  },
  'failed-cancelled': {
    kind: 'operation',
    valid: true,
    cards: [{
      status: 'failed', badge: 'failed', current: 'failed',
      reason: 'operationCanceled', description: 'The recording was canceled before it finished.',
      code: '400', subcode: '8508', message: 'Action failed, the operation was cancelled.', category: 'clientError',
      link: null,
    }],
    issues: [],
  },
  'beta-completion-reason': {
    kind: 'operation',
    valid: true,
    cards: [{
      status: 'completed', badge: 'completed', current: 'completed',
      reason: 'stopToneDetected', description: 'The caller pressed a stop tone, which ended the recording.',
      code: '200', subcode: '0', category: 'success',
      link: 'https://file.location/5b8f2c1e-7a94-4d3b-b6e0-1f2a3c4d5e6f',
      extra: ['@odata.id'],
    }],
    issues: [],
  },
  notifications: {
    kind: 'notifications',
    valid: true,
    counts: { notStarted: '1', running: '1', completed: '1', failed: '1' },
    cards: [
      { status: 'notStarted', current: 'notStarted', change: 'created' },
      { status: 'running', current: 'running', change: 'updated' },
      { status: 'completed', current: 'completed', change: 'deleted', code: '200', subcode: '8515',
        reason: 'maxRecordDurationReached', description: 'The recording reached its maximum duration and was stopped.' },
      { status: 'failed', current: 'failed', change: 'deleted', code: '500', subcode: '9999', category: 'serverError' },
    ],
    skipped: ['#microsoft.graph.call'],
    issues: [
      ['warning', 'enum_case', '/value/1/resourceData/status', 22],
      ['warning', 'integer_as_string', '/value/3/resourceData/resultInfo/code', 58],
    ],
  },
  'collection-next-link': {
    kind: 'collection',
    valid: true,
    counts: { running: '1', completed: '1' },
    nextLink: 'https://graph.microsoft.com/v1.0/communications/calls/57dab8b1-894c-409a-b240-bd8beae78896/operations?$skiptoken=page2',
    cards: [
      { status: 'completed', current: 'completed', code: '200', subcode: '8515' },
      { status: 'running', current: 'running' },
    ],
    skipped: ['#microsoft.graph.playPromptOperation'],
    issues: [],
  },
  broken: {
    kind: 'operation',
    valid: false,
    cards: [{ status: 'unknown', badge: 'unknown: paused', current: null, link: null, code: 'missing' }],
    issues: [
      ['error', 'wrong_type', '/id', 3],
      ['warning', 'unknown_enum_value', '/status', 4],
      ['error', 'duplicate_key', '/status', 5],
      ['error', 'not_an_integer', '/resultInfo/code', 8],
      ['warning', 'subcode_spelling', '/resultInfo/subCode', 9],
      ['error', 'not_an_integer', '/resultInfo/subCode', 9],
      ['warning', 'recording_location_not_https', '/recordingLocation', 12],
    ],
  },
  'docs-v1-notification': {
    kind: 'notifications',
    valid: true,
    counts: { completed: '1' },
    cards: [{
      status: 'completed', badge: 'completed', current: 'completed', change: 'deleted',
      code: '200', subcode: '8515', message: 'Action completed, max record duration reached.', category: 'success',
      link: 'https://file.location/17e3b46c-f61d-4f4d-9635-c626ef18e6ad', token: '<access-token>',
      extra: ['@odata.id', '@odata.etag'],
    }],
    // No missing_id: the notification's resourceUrl names the operation.
    issues: [],
  },
};

/** Everything the DOM says about the rendered view, read in the page. */
function readView(page) {
  return page.evaluate(() => {
    const output = document.getElementById('output');
    const root = output.querySelector('section.gro');
    const text = (element) => (element ? element.textContent.trim() : null);
    return {
      kind: root?.dataset.kind ?? null,
      valid: root?.dataset.valid ?? null,
      verdict: text(output.querySelector('.gro-verdict')),
      counts: Object.fromEntries([...output.querySelectorAll('.gro-count')]
        .map((item) => [item.dataset.status, text(item.querySelector('.gro-count-value'))])),
      nextLink: text(output.querySelector('.gro-next-link code')),
      skipped: [...output.querySelectorAll('.gro-skipped-type')].map((item) => item.dataset.odataType),
      cards: [...output.querySelectorAll('.gro-card')].map((card) => {
        const field = (name) => card.querySelector(`.gro-fields > [data-field="${name}"] > dd`);
        const current = card.querySelector('.gro-step[aria-current="step"]');
        const link = field('recordingLocation')?.querySelector('a');
        return {
          status: card.dataset.status,
          badge: text(card.querySelector('.gro-card-header .gro-badge')),
          current: current ? current.dataset.step : null,
          unknownMark: text(card.querySelector('.gro-status-unknown')),
          change: card.querySelector('.gro-change')?.dataset.changeType ?? null,
          reason: text(field('completionReason')?.querySelector('.gro-reason')),
          description: text(field('completionReason')?.querySelector('.gro-description')),
          result: text(field('resultInfo')),
          code: text(card.querySelector('.gro-result [data-field="code"] dd')),
          subcode: text(card.querySelector('.gro-result [data-field="subcode"] dd')),
          message: text(card.querySelector('.gro-result [data-field="message"] dd')),
          category: card.querySelector('.gro-result')?.dataset.category ?? null,
          link: link ? link.getAttribute('href') : null,
          hasTokenButtons: Boolean(card.querySelector('[data-gro-action="reveal"]')),
          extra: [...card.querySelectorAll('.gro-extra tbody th')].map((th) => th.textContent),
        };
      }),
      issues: [...output.querySelectorAll('.gro-issue')].map((item) => [
        item.dataset.severity, item.dataset.code, item.dataset.path, Number(item.dataset.line),
      ]),
    };
  });
}

let env;

before(async () => {
  env = await start();
});

after(async () => {
  await env?.close();
});

describe('samples', () => {
  for (const [name, expected] of Object.entries(SAMPLES)) {
    test(`${name} renders its status, reason, codes and issues`, async () => {
      const { page, problems } = await openDemo(env);
      try {
        await loadSample(page, name);
        const view = await readView(page);
        assert.equal(view.kind, expected.kind);
        assert.equal(view.valid, String(expected.valid));
        assert.match(view.verdict, expected.valid ? /^Valid/ : /^Invalid/);
        assert.equal(view.cards.length, expected.cards.length, 'one card per operation');
        expected.cards.forEach((want, index) => {
          const card = view.cards[index];
          assert.equal(card.status, want.status, `card ${index} status`);
          if (want.badge) assert.equal(card.badge, want.badge, `card ${index} badge`);
          assert.equal(card.current, want.current, `card ${index} current step`);
          if (want.current === null) {
            assert.match(card.unknownMark ?? '', /status/i, 'an unknown status is marked');
          } else {
            assert.equal(card.unknownMark, null);
          }
          for (const key of ['change', 'reason', 'description', 'code', 'subcode', 'message', 'category']) {
            if (key in want) assert.equal(card[key], want[key], `card ${index} ${key}`);
          }
          if ('result' in want) assert.match(card.result, new RegExp(`^${want.result}`));
          if ('link' in want) assert.equal(card.link, want.link, `card ${index} link`);
          if (want.token) assert.ok(card.hasTokenButtons, 'the token has reveal and copy buttons');
          if (want.extra) assert.deepEqual(card.extra, want.extra, `card ${index} extra properties`);
        });
        assert.deepEqual(view.issues, expected.issues);
        if (expected.counts) assert.deepEqual(view.counts, expected.counts);
        if (expected.skipped) assert.deepEqual(view.skipped, expected.skipped);
        if (expected.nextLink) assert.equal(view.nextLink, expected.nextLink);
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }

  test('the sample files are the ones the page offers', async () => {
    const { page } = await openDemo(env);
    try {
      const offered = await page.$$eval('[data-sample]', (buttons) => buttons.map((b) => b.dataset.sample));
      assert.deepEqual(offered.sort(), Object.keys(SAMPLES).sort());
    } finally {
      await page.close();
    }
  });
});

describe('editor', () => {
  test('typing re-renders (debounced), and a syntax error is shown at its line', async () => {
    const { page, problems } = await openDemo(env);
    try {
      await loadSample(page, 'running');
      const text = await page.inputValue('#editor');
      await typeText(page, text.replace('"running"', '"failed"'));
      assert.equal((await readView(page)).cards[0]?.status, 'failed');
      await typeText(page, '{\n  "id": "x",\n  "status": "running",\n}');
      const view = await readView(page);
      assert.equal(view.valid, 'false');
      assert.equal(view.issues[0]?.[1], 'json_syntax');
      assert.equal(view.issues[0]?.[3], 4);
      // A burst of keystrokes renders once, after the pause.
      const before = Number(await page.getAttribute('#output', 'data-renders'));
      await page.click('#editor');
      await page.keyboard.press('Control+End');
      await page.keyboard.type('   ', { delay: 10 });
      await page.waitForTimeout(600);
      const renders = Number(await page.getAttribute('#output', 'data-renders'));
      assert.equal(renders, before + 1, 'three keystrokes, one render');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test('the strict toggle turns warnings into errors', async () => {
    const { page, problems } = await openDemo(env);
    try {
      await loadSample(page, 'notifications');
      assert.equal((await readView(page)).valid, 'true');
      const before = Number(await page.getAttribute('#output', 'data-renders'));
      await page.check('#strict');
      await page.waitForFunction((n) => Number(document.getElementById('output').dataset.renders) > n, before);
      const view = await readView(page);
      assert.equal(view.valid, 'false');
      assert.deepEqual(view.issues.map((issue) => issue[0]), ['error', 'error']);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test('clicking an issue selects the offending line in the editor', async () => {
    const { page, problems } = await openDemo(env);
    try {
      await loadSample(page, 'broken');
      await page.click('.gro-issue[data-code="not_an_integer"][data-path="/resultInfo/code"] .gro-issue-locate');
      const selection = await page.evaluate(() => {
        const editor = document.getElementById('editor');
        return {
          focused: document.activeElement === editor,
          text: editor.value.slice(editor.selectionStart, editor.selectionEnd),
        };
      });
      assert.ok(selection.focused, 'the editor has the focus');
      assert.equal(selection.text, '    "code": "two hundred",');
      // Clicking the issue's message works too.
      await page.click('.gro-issue[data-code="recording_location_not_https"] .gro-issue-message');
      const line = await page.evaluate(() => {
        const editor = document.getElementById('editor');
        return editor.value.slice(editor.selectionStart, editor.selectionEnd);
      });
      assert.equal(line, '  "recordingLocation": "http://insecure.example/recording",');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});

describe('token', () => {
  test('is not in the page until revealed, and hides again', async () => {
    const token = SAMPLES['completed-recording'].cards[0].token;
    const { page, problems } = await openDemo(env);
    try {
      await loadSample(page, 'completed-recording');
      const inPage = () => page.evaluate((secret) => {
        const output = document.getElementById('output');
        const editor = document.getElementById('editor');
        const clone = document.body.cloneNode(true);
        clone.querySelector('#editor').remove();
        return {
          outputHtml: output.innerHTML.includes(secret),
          outputText: output.textContent.includes(secret),
          pageText: document.body.innerText.includes(secret),
          pageHtmlOutsideEditor: clone.outerHTML.includes(secret),
          editor: editor.value.includes(secret),
        };
      }, token);
      assert.deepEqual(await inPage(), {
        outputHtml: false, outputText: false, pageText: false, pageHtmlOutsideEditor: false, editor: true,
      });
      const reveal = page.locator('.gro-card [data-gro-action="reveal"]');
      assert.equal(await reveal.getAttribute('aria-pressed'), 'false');
      await reveal.click();
      assert.equal(await reveal.getAttribute('aria-pressed'), 'true');
      assert.equal(await page.textContent('.gro-token-value'), token);
      assert.equal((await inPage()).outputText, true);
      await reveal.click();
      assert.equal(await reveal.getAttribute('aria-pressed'), 'false');
      assert.deepEqual(await inPage(), {
        outputHtml: false, outputText: false, pageText: false, pageHtmlOutsideEditor: false, editor: true,
      });
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test('the copy button puts the token on the clipboard without showing it', async () => {
    const token = SAMPLES['completed-recording'].cards[0].token;
    await env.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url.replace(/\/$/, '') });
    const { page, problems } = await openDemo(env);
    try {
      await loadSample(page, 'completed-recording');
      await page.click('.gro-card [data-gro-action="copy"]');
      await page.waitForFunction(() => document.querySelector('.gro-token-status')?.textContent !== '');
      assert.equal(await page.textContent('.gro-token-status'), 'Token copied to the clipboard.');
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token);
      assert.equal(await page.evaluate((secret) => document.getElementById('output').textContent.includes(secret), token), false);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
      await env.context.clearPermissions();
    }
  });

  test('a refused clipboard is reported next to the token, not thrown', async () => {
    const { page, problems } = await openDemo(env);
    try {
      await loadSample(page, 'completed-recording');
      await page.evaluate(() => {
        Object.defineProperty(navigator.clipboard, 'writeText', {
          value: () => Promise.reject(new DOMException('denied', 'NotAllowedError')),
        });
      });
      await page.click('.gro-card [data-gro-action="copy"]');
      await page.waitForFunction(() => document.querySelector('.gro-token-status')?.textContent !== '');
      assert.match(await page.textContent('.gro-token-status'), /^Copy failed/);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});

describe('hostile corpus', () => {
  test('renders as text: no script runs, no console errors, the page keeps responding', async () => {
    const { page, problems } = await openDemo(env);
    try {
      for (const hostile of hostileCases()) {
        const started = Date.now();
        await typeText(page, hostile.text, { timeout: 60_000 });
        const elapsed = Date.now() - started;
        const state = await page.evaluate(() => {
          const output = document.getElementById('output');
          const dangerous = output.querySelectorAll('script, img, svg, iframe, object, embed, b, [onerror], [onload], [onmouseover], [srcdoc]');
          const links = [...output.querySelectorAll('a')].map((a) => a.getAttribute('href'));
          return {
            pwned: window.__pwned,
            dangerous: dangerous.length,
            links,
            cards: output.querySelectorAll('.gro-card').length,
            rendered: output.dataset.state,
            longestTitle: Math.max(0, ...[...output.querySelectorAll('.gro-card-title, .gro-badge')]
              .map((title) => title.textContent.length)),
            longestText: (() => {
              let longest = 0;
              const walker = document.createTreeWalker(output, NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) longest = Math.max(longest, walker.currentNode.length);
              return longest;
            })(),
          };
        });
        assert.equal(state.pwned, undefined, `${hostile.name}: a script ran`);
        assert.equal(state.dangerous, 0, `${hostile.name}: markup from the payload became elements`);
        assert.equal(state.rendered, 'rendered', `${hostile.name}: rendered`);
        // Long values are shortened on screen: titles and badges a lot, any text to about 2 000.
        assert.ok(state.longestTitle <= 160, `${hostile.name}: a title of ${state.longestTitle} characters`);
        assert.ok(state.longestText <= 2_100, `${hostile.name}: a text of ${state.longestText} characters`);
        for (const href of state.links) {
          assert.match(href, /^https:\/\/[^\s/?#]+/i, `${hostile.name}: only https links`);
        }
        if (hostile.location !== undefined) {
          const expectLink = /^https:\/\/[^/?#\s]/i.test(hostile.location) && !/\s/.test(hostile.location);
          assert.equal(state.links.length, expectLink ? 1 : 0, `${hostile.name}: link or not`);
        }
        // Still responsive: a round trip through the page's event loop comes back quickly.
        const ping = Date.now();
        assert.equal(await page.evaluate(() => new Promise((done) => setTimeout(() => done(2), 0))), 2);
        assert.ok(Date.now() - ping < 2_000, `${hostile.name}: page unresponsive`);
        assert.ok(elapsed < 30_000, `${hostile.name}: took ${elapsed} ms`);
      }
      // Hover and click everything the hostile payloads produced: still nothing runs.
      await typeText(page, hostileCases()[0].text);
      for (const element of await page.$$('#output .gro-card *')) {
        await element.hover({ force: true, timeout: 1_000 }).catch(() => {});
      }
      await page.click('#output [data-gro-action="reveal"]');
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test('the 5 MB collection: counts cover every operation, cards are capped', async () => {
    const { page, problems } = await openDemo(env);
    try {
      const big = hostileCases().find((c) => c.name === '5 MB collection');
      assert.ok(big.text.length >= 5 * 1024 * 1024);
      await typeText(page, big.text);
      const view = await page.evaluate(() => {
        const output = document.getElementById('output');
        const counts = [...output.querySelectorAll('.gro-count-value')].map((c) => Number(c.textContent));
        return {
          total: counts.reduce((a, b) => a + b, 0),
          cards: output.querySelectorAll('.gro-card').length,
          note: output.querySelector('.gro-operations > .gro-note')?.textContent ?? '',
        };
      });
      const operations = (big.text.match(/"@odata\.type":"#microsoft\.graph\.recordOperation"/g) ?? []).length;
      assert.equal(view.total, operations);
      assert.equal(view.cards, 200);
      assert.match(view.note, new RegExp(`of ${operations} operations`));
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});

describe('renderer API', () => {
  test('takes a parsed object and a RecordOperation, and refuses a non-element container', async () => {
    const { page, problems } = await openDemo(env);
    try {
      const result = await page.evaluate(async () => {
        const pkg = await import('./package-entry.js');
        const box = document.createElement('div');
        const fromObject = pkg.renderRecordOperation(box, { id: 'a', status: 'running' });
        const objectStatus = box.querySelector('.gro-card').dataset.status;
        const operation = pkg.RecordOperation.parse('{"id":"b","status":"failed"}');
        const fromOperation = pkg.renderRecordOperation(box, operation, { strict: true });
        const operationStatus = box.querySelector('.gro-card').dataset.status;
        let refused = null;
        try {
          pkg.renderRecordOperation(null, '{}');
        } catch (error) {
          refused = `${error.name}: ${error.message}`;
        }
        const lone = pkg.renderRecordOperation(box, '{"id":"\ud800","status":"running"}');
        const loneIssues = [...box.querySelectorAll('.gro-issue')].map((issue) => issue.dataset.code);
        const badInput = pkg.renderRecordOperation(box, undefined);
        const badInputText = box.querySelector('.gro-verdict')?.textContent ?? '';
        return {
          fromObject, objectStatus, fromOperation, operationStatus, refused, children: box.children.length,
          lone, loneIssues, badInput, badInputText,
        };
      });
      assert.deepEqual(result.fromObject, { kind: 'operation', operations: 1, skipped: 0, valid: true, errors: 0, warnings: 0 });
      assert.equal(result.objectStatus, 'running');
      assert.equal(result.operationStatus, 'failed');
      assert.equal(result.fromOperation.kind, 'operation');
      assert.equal(result.children, 1, 'a render replaces the previous one');
      assert.match(result.refused ?? '', /^TypeError/);
      // A JS string with a lone surrogate is reported, not silently replaced.
      assert.equal(result.lone.valid, false);
      assert.deepEqual(result.loneIssues, ['lone_surrogate']);
      // Input JSON cannot represent is shown as unreadable, not thrown.
      assert.deepEqual(result.badInput, { kind: null, operations: 0, skipped: 0, valid: false, errors: 1, warnings: 0 });
      assert.match(result.badInputText, /^Invalid: /);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`axe-core finds no serious or critical violations (${colorScheme})`, async () => {
      const { page, problems } = await openDemo(env, { colorScheme });
      try {
        const found = [];
        for (const name of Object.keys(SAMPLES)) {
          await loadSample(page, name);
          // Reveal a token too, so the revealed state is checked as well.
          const reveal = await page.$('[data-gro-action="reveal"]');
          if (reveal) await reveal.click();
          found.push(...(await seriousAxeViolations(page, name)));
        }
        assert.deepEqual(found, []);
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }
});

describe('screenshots', () => {
  test('every sample, light and dark, is written to test-output/demo/', async () => {
    const written = [];
    for (const colorScheme of ['light', 'dark']) {
      const { page, problems } = await openDemo(env, { colorScheme });
      try {
        for (const name of Object.keys(SAMPLES)) {
          await loadSample(page, name);
          const path = join(OUTPUT, `${name}-${colorScheme}.png`);
          await page.screenshot({ path, fullPage: true });
          written.push(path);
        }
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    }
    await assertScreenshots(written);
  });
});
