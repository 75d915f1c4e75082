import type { Browser, Locator } from 'playwright-core';
import { startWebSuite, stopWebSuite } from './helpers/web-suite.ts';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { connect, joinPack, ok } from '../helpers/relay.ts';
import type { TestRelay, TestSocket } from '../helpers/relay.ts';
import { CHROMIUM, hasChromium, openTab, screenshotAll } from './helpers/browser.ts';
import type { Tab } from './helpers/browser.ts';
import { createPackInBrowser, SEE_MS, seeText, standingCount } from './helpers/web-pack.ts';

const PHONE = { width: 390, height: 844 };
const here = hasChromium();
const title = here
  ? 'the web app on a phone-sized screen'
  : `the web app on a phone-sized screen: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`;

/** Where the locator sits on screen now; it must be rendered. */
async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on the page');
  return box;
}

/** Whether a tap at the element's centre lands on it: on screen and not covered by anything. */
async function tappable(locator: Locator): Promise<boolean> {
  const box = await boxOf(locator);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  if (x < 0 || y < 0 || x > PHONE.width || y > PHONE.height) return false;
  return locator.evaluate(
    (el, [px, py]) => {
      const hit = el.ownerDocument.elementFromPoint(px, py);
      return hit !== null && el.contains(hit);
    },
    [x, y] as const,
  );
}

describe.skipIf(!here)(title, () => {
  let relay: TestRelay;
  let browser: Browser;
  let tab: Tab;
  let sam: TestSocket;

  beforeAll(async () => {
    // Nine challenges in a row are more than a person's message budget allows; this test is not about it.
    ({ relay, browser } = await startWebSuite({ messageRate: { perSecond: 1000, burst: 1000 } }));
    tab = await openTab(browser);
    await tab.page.setViewportSize(PHONE);
    const code = await createPackInBrowser(tab.page, relay.url, 'Hunters', 'Alex');
    const joined = await joinPack(relay.url, code, 'Sam');
    sam = await connect(relay.url, joined.token);
    // Nine challenges: far more than a phone screen holds.
    for (let i = 1; i <= 9; i++) {
      await ok(sam, 'challenge:create', {
        metric: 'call',
        format: 'most',
        title: `Calls round ${i}`,
        period: { kind: 'this-week' },
      });
    }
    await tab.page.getByTestId('challenge').nth(8).waitFor({ timeout: SEE_MS });
  });

  afterAll(async () => {
    sam?.close();
    await stopWebSuite(relay, browser);
  });

  it('keeps the Call button on screen at the top and the bottom of a long page, and it logs', async () => {
    onTestFailed(() => screenshotAll('phone log bar', { tab }));
    const { page } = tab;
    const call = page.getByRole('button', { name: 'Call', exact: true });
    const documentHeight = Number(await page.evaluate('document.documentElement.scrollHeight'));
    expect(documentHeight).toBeGreaterThan(PHONE.height * 2);

    await page.evaluate('window.scrollTo(0, 0)');
    expect(await tappable(call)).toBe(true);
    const top = await boxOf(call);
    await page.mouse.click(top.x + top.width / 2, top.y + top.height / 2);
    await seeText(standingCount(page, 'Calls round 1', 'You'), '1');

    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    expect(Number(await page.evaluate('window.scrollY'))).toBeGreaterThan(PHONE.height);
    expect(await tappable(call)).toBe(true);
    const bottom = await boxOf(call);
    await page.mouse.click(bottom.x + bottom.width / 2, bottom.y + bottom.height / 2);
    await seeText(standingCount(page, 'Calls round 9', 'You'), '2');

    // Scrolled right down, the last card ends above the bar instead of under it.
    const lastCard = await boxOf(page.getByTestId('challenge').last());
    const bar = await boxOf(page.locator('.log-panel'));
    expect(lastCard.y + lastCard.height).toBeLessThanOrEqual(bar.y);
    expect(bar.y + bar.height).toBeLessThanOrEqual(PHONE.height + 0.5);
  });

  it('keeps the header on one line with every page a finger-sized tap away', async () => {
    onTestFailed(() => screenshotAll('phone header', { tab }));
    const { page } = tab;
    await page.evaluate('window.scrollTo(0, 0)');
    // Taking the lead above pops moments (one per challenge, queued) over the top of a phone
    // screen; a person dismisses them one after another.
    const moment = page.getByTestId('moment');
    for (let i = 0; i < 12 && (await moment.count()) > 0; i++) {
      await moment.getByRole('button', { name: 'Dismiss' }).click();
    }
    await moment.waitFor({ state: 'detached', timeout: SEE_MS });
    const header = await boxOf(page.locator('header.topbar'));
    expect(header.height).toBeLessThan(64);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(
      PHONE.width,
    );

    const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
    const names = await links.allInnerTexts();
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < names.length; i++) {
      const link = links.nth(i);
      const box = await boxOf(link);
      expect(box.width).toBeGreaterThanOrEqual(44);
      expect(box.height).toBeGreaterThanOrEqual(44);
      // Every item in the one bar: below the header's top and above its bottom.
      expect(box.y).toBeGreaterThanOrEqual(header.y);
      expect(box.y + box.height).toBeLessThanOrEqual(header.y + header.height);
      expect(await tappable(link), `${names[i]} is covered or off screen`).toBe(true);
    }
    // The icons are named for screen readers and tests alike; a tap opens the page.
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { name: 'History', level: 1 }).waitFor({ timeout: SEE_MS });
    await page.getByRole('link', { name: 'New challenge' }).click();
    await page.getByRole('heading', { name: 'New challenge', level: 1 }).waitFor({ timeout: SEE_MS });
    const theme = page.getByRole('button', { name: 'Dark theme' });
    expect(await tappable(theme)).toBe(true);
    expect(tab.problems).toEqual([]);
  });
});
