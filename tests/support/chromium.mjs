// Debian's Chromium driven by playwright-core, as every browser test here launches it: headless,
// a fresh profile of its own, and the flags that keep it off the network this machine does not
// have (without them it retries Google's hosts at every start). Never a downloaded browser.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** Where Chromium is: `CHROMIUM_PATH` (or `CHROMIUM`), else Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? process.env.CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Launches Chromium with a fresh profile. Returns `{ context, close }`; `close()` also removes the
 * profile. `options` go to playwright's `launchPersistentContext` (e.g. `viewport`).
 */
export async function launchChromium(options = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'gro-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      ...options,
    });
    return {
      context,
      async close() {
        await context.close().catch(() => {});
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}
