// Shared set-up for the demo's browser tests: the built demo (www/dist) served on 127.0.0.1, and
// Debian's Chromium driven by playwright-core with a fresh profile.
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/chromium.mjs';
import { startServer } from '../../www/serve.mjs';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = process.env.DEMO_DIST ?? join(REPO, 'www', 'dist');
export const OUTPUT = join(REPO, 'test-output', 'demo');

/** Starts the server and the browser. Returns `{ url, context, close }`. */
export async function start() {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: run scripts/build-demo.sh (scripts/test-demo.sh does)`);
  }
  await mkdir(OUTPUT, { recursive: true });
  const server = await startServer({ root: DIST, port: 0 });
  let chromium;
  try {
    chromium = await launchChromium({ viewport: { width: 1280, height: 900 } });
  } catch (error) {
    await server.close();
    throw error;
  }
  const { context } = chromium;
  return {
    url: server.url,
    context,
    async close() {
      await chromium.close();
      await server.close();
    },
  };
}

/**
 * Opens the demo in a new page that records console errors, uncaught errors and failed requests.
 * Waits for the first render.
 */
export async function openDemo(env, { colorScheme = 'light', query = '' } = {}) {
  const page = await env.context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console.${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`requestfailed: ${request.url()}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  await page.emulateMedia({ colorScheme });
  await page.goto(`${env.url}${query}`);
  // Attached, not visible: the page may open in its stream view, with the single view hidden.
  await page.waitForSelector('#output[data-state="rendered"]', { state: 'attached', timeout: 30_000 });
  return { page, problems };
}

async function renders(page) {
  return Number(await page.getAttribute('#output', 'data-renders'));
}

/** Clicks a sample button and waits for its render. */
export async function loadSample(page, name) {
  const before = await renders(page);
  await page.click(`button[data-sample="${name}"]`);
  await page.waitForFunction(
    (n) => Number(document.getElementById('output').dataset.renders) > n,
    before,
    { timeout: 30_000 },
  );
}

/** Puts text into the editor as typing would, and waits for the debounced render. */
export async function typeText(page, text, { timeout = 60_000 } = {}) {
  const before = await renders(page);
  await page.evaluate((value) => {
    const editor = document.getElementById('editor');
    editor.value = value;
    editor.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  await page.waitForFunction(
    (n) => Number(document.getElementById('output').dataset.renders) > n,
    before,
    { timeout },
  );
}

/** The screenshots were written under test-output/ and are not empty. */
export async function assertScreenshots(paths) {
  for (const path of paths) {
    const bytes = await readFile(path);
    assert.ok(bytes.length > 10_000, `${path} looks empty`);
  }
  assert.ok(paths.every((path) => path.startsWith(join(REPO, 'test-output'))));
}

const axeScript = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page and returns its serious and critical violations as lines starting with
 * `label`. Evaluated through the DevTools protocol: the page's CSP does not apply to it.
 */
export async function seriousAxeViolations(page, label) {
  await page.evaluate(await axeScript);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${label}: ${violation.id} (${violation.impact}) ${violation.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
