import * as fs from 'fs';
import { BrowserContext, chromium } from 'playwright-core';
import { tempDir } from './files';

/** Debian's Chromium; Playwright never downloads a browser of its own here. */
export const CHROMIUM = '/usr/bin/chromium';

/** A headless Chromium with a fresh profile. */
export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium headless through playwright-core, with a new empty user-data-dir and
 * the flags that keep it off the network (this machine has none: background connections would
 * only fail) and working as root (no sandbox).
 */
export async function launchBrowser(viewport = { width: 1280, height: 900 }): Promise<Browser> {
  const profile = tempDir('cdk8s-webapp-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
