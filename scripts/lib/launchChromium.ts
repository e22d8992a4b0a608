/**
 * Headless Debian Chromium as the browser tests and the bench start it: a
 * fresh profile and HOME under `tmp`, and flags that keep Chromium's own
 * background traffic off (so any request seen is the page's) and map every
 * host but 127.0.0.1 to nowhere.
 */
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

export function launchChromium(tmp: string, viewport = { width: 1200, height: 900 }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: process.env['CHROMIUM_PATH'] || '/usr/bin/chromium',
    headless: true,
    env: { ...process.env, HOME: join(tmp, 'home') },
    args: CHROMIUM_ARGS,
    viewport,
  });
}
