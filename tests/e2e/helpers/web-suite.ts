/**
 * What every browser suite starts with: a relay on a free local port serving the built web app,
 * and one Chromium. A suite keeps them in its own variables:
 *
 *   beforeAll(async () => ({ relay, browser } = await startWebSuite()));
 *   afterAll(() => stopWebSuite(relay, browser));
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { RelayOptions } from '../../../server/relay.ts';
import { removeDir, testRelay, type TestRelay } from '../../helpers/relay.ts';
import { launchChromium, WEB_ROOT } from './browser.ts';

/** Fails with what to do when the web app has not been built. */
export function requireBuiltWebApp(): void {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`${WEB_ROOT} is not built: run npm run build:web first`);
  }
}

export async function startWebSuite(
  options: Omit<RelayOptions, 'webRoot'> = {},
): Promise<{ relay: TestRelay; browser: Browser }> {
  requireBuiltWebApp();
  const relay = await testRelay({ ...options, webRoot: WEB_ROOT });
  try {
    return { relay, browser: await launchChromium() };
  } catch (error) {
    await stopWebSuite(relay, undefined);
    throw error;
  }
}

/** Closes what startWebSuite started; either may be missing when a start failed halfway. */
export async function stopWebSuite(
  relay: TestRelay | undefined,
  browser: Browser | undefined,
): Promise<void> {
  await browser?.close();
  await relay?.close();
  if (relay) removeDir(relay.dir);
}
