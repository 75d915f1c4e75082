import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { startWebSuite, stopWebSuite } from './helpers/web-suite.ts';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { connect, joinPack, logEvent, ok } from '../helpers/relay.ts';
import type { TestRelay, TestSocket } from '../helpers/relay.ts';
import { CHROMIUM, hasChromium, openTab, screenshotAll } from './helpers/browser.ts';
import type { Tab } from './helpers/browser.ts';
import { createPackInBrowser, go, SEE_MS } from './helpers/web-pack.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const here = hasChromium();
const title = here
  ? 'every screen passes axe-core (WCAG 2.1 A and AA) in both themes'
  : `axe-core checks: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`;

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe's findings on the page as it is now: one line per rule and element, so a failure says
 * what to fix. Injected over the DevTools protocol, which the page's CSP does not block.
 */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = (await page.evaluate(
    `axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }).then((r) => r.violations)`,
  )) as Violation[];
  return found.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.help}): ${n.target.join(' ')}`));
}

describe.skipIf(!here)(title, () => {
  let relay: TestRelay;
  let browser: Browser;
  let tab: Tab;
  let sam: TestSocket;

  beforeAll(async () => {
    ({ relay, browser } = await startWebSuite());
    tab = await openTab(browser);
    const code = await createPackInBrowser(tab.page, relay.url, 'Hunters', 'Alex');
    const joined = await joinPack(relay.url, code, 'Sam Okafor');
    sam = await connect(relay.url, joined.token);
    // A screen with something on it: a running challenge, standings with a leader, a feed.
    await ok(sam, 'challenge:create', { metric: 'call', format: 'most', period: { kind: 'this-week' } });
    await ok(sam, 'activity:log', { events: [logEvent('call', { count: 3 })] });
    await tab.page.getByTestId('leader-mark').first().waitFor({ timeout: SEE_MS });
  });

  afterAll(async () => {
    sam?.close();
    await stopWebSuite(relay, browser);
  });

  it.each(['light', 'dark'] as const)('in the %s theme', async (scheme) => {
    onTestFailed(() => screenshotAll(`axe ${scheme}`, { tab }));
    const { page } = tab;
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    const found: string[] = [];
    for (const [link, heading] of [
      ['Live', 'Live challenges'],
      ['New challenge', 'New challenge'],
      ['History', 'History'],
      ['Stats', 'Stats'],
      ['Settings', 'Settings'],
    ] as const) {
      await go(page, link);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor({ timeout: SEE_MS });
      found.push(...(await violations(page)).map((line) => `${link}: ${line}`));
    }
    // The phone layout: icon-only navigation and the log bar fixed at the bottom.
    await page.setViewportSize({ width: 390, height: 844 });
    await go(page, 'Live');
    await page.getByRole('heading', { name: 'Live challenges', level: 1 }).waitFor({ timeout: SEE_MS });
    found.push(...(await violations(page)).map((line) => `Live on a phone: ${line}`));
    await page.setViewportSize({ width: 1280, height: 860 });
    expect(found).toEqual([]);
  });
});
