import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { TestRelay } from '../helpers/relay.ts';
import { startWebSuite, stopWebSuite } from './helpers/web-suite.ts';
import { CHROMIUM, hasChromium, screenshotAll } from './helpers/browser.ts';
import type { Tab } from './helpers/browser.ts';
import { go, SEE_MS, twoPartners } from './helpers/web-pack.ts';

const here = hasChromium();
const title = here
  ? 'the moment of winning in Chromium against a real relay'
  : `the moment of winning: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Long enough for both partners to log before it ends; a sprint ends on its own. */
const SPRINT_MS = 8_000;

/** A custom "most calls" that started a second ago and ends in SPRINT_MS; returns its title. */
async function startSprint(page: Page): Promise<string> {
  await go(page, 'New challenge');
  await page.getByLabel('Custom times').check();
  // The pack took the browser's zone, so its wall clock is what the form expects.
  const [start, end] = await page.evaluate((sprint) => {
    const wall = (ms: number) =>
      new Date(ms).toLocaleString('sv-SE', { hour12: false }).replace(' ', 'T').slice(0, 19);
    return [wall(Date.now() - 1000), wall(Date.now() + sprint)];
  }, SPRINT_MS);
  await page.getByLabel('Starts').fill(start ?? '');
  await page.getByLabel('Ends').fill(end ?? '');
  await page.getByTestId('preview').waitFor({ timeout: SEE_MS });
  await page.getByRole('button', { name: 'Start challenge' }).click();
  const heading = page.getByTestId('challenge').first().getByRole('heading', { level: 2 });
  await heading.waitFor({ timeout: SEE_MS });
  return (await heading.textContent()) ?? '';
}

const call = (page: Page) => page.getByRole('button', { name: 'Call', exact: true }).click();

/** The moment's text once it is on screen. */
async function momentText(page: Page, pattern: RegExp, timeout = SEE_MS): Promise<string> {
  const text = page.getByTestId('moment-text').filter({ hasText: pattern });
  await text.waitFor({ timeout });
  return (await text.textContent()) ?? '';
}

/** The CSS animations the moment's card and badge run, as the browser computed them. */
function animations(page: Page): Promise<{ name: string; duration: string }[]> {
  return page.getByTestId('moment').evaluate((card) => {
    // Runs in the page; this file is compiled without DOM types.
    const { getComputedStyle } = globalThis as unknown as {
      getComputedStyle(el: unknown): { animationName: string; animationDuration: string };
    };
    return [card, card.querySelector('.moment-badge')].map((el) => {
      const style = el ? getComputedStyle(el) : null;
      return { name: style?.animationName ?? 'missing', duration: style?.animationDuration ?? 'missing' };
    });
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(!here)(title, () => {
  let relay: TestRelay;
  let browser: Browser;

  function keepScreenshots(name: string, named: Record<string, Tab>): void {
    onTestFailed(() => screenshotAll(name, named));
  }

  beforeAll(async () => {
    ({ relay, browser } = await startWebSuite());
  });
  afterAll(() => stopWebSuite(relay, browser));

  it('an overtake and then the win play for the winner only, and the result card saves a PNG', async () => {
    const { a, b } = await twoPartners(browser, relay.url);
    keepScreenshots('moment win', { a, b });
    const sprint = await startSprint(a.page);
    await b.page.getByTestId('challenge').first().waitFor({ timeout: SEE_MS });
    await call(b.page);
    await momentText(b.page, new RegExp(`^You took the lead in ${escape(sprint)}, 1 to 0$`));
    await call(a.page);
    await call(a.page);

    // Two calls may reach the page as one change or as two; either way Alex passed Sam.
    const overtake = await momentText(a.page, /took the lead/);
    expect(overtake).toMatch(
      new RegExp(`^You (passed Sam and )?took the lead in ${escape(sprint)}, 2 to 1$`),
    );
    const moving = await animations(a.page);
    expect(moving.every((m) => m.name !== 'none' && m.duration !== '0s')).toBe(true);
    await a.page.getByTestId('moment').getByRole('button', { name: 'Dismiss' }).click();
    await a.page
      .getByTestId('moment-text')
      .filter({ hasText: /took the lead/ })
      .waitFor({ state: 'detached', timeout: SEE_MS });

    await momentText(a.page, new RegExp(`^You won ${escape(sprint)}, 2 to 1$`), SPRINT_MS + SEE_MS);
    expect(await a.page.getByTestId('moment-region').getAttribute('aria-live')).toBe('polite');
    // Sam lost: the result is in the banner, and no celebration plays for him.
    await b.page.getByTestId('ended-result').first().waitFor({ timeout: SEE_MS });
    expect(await b.page.getByTestId('moment-region').textContent()).not.toMatch(/You won/);

    const banner = a.page.getByTestId('ended-result').first();
    await banner.getByRole('button', { name: 'Result card' }).click();
    await banner.getByRole('img', { name: new RegExp(`Alex won 2 to 1`) }).waitFor({ timeout: SEE_MS });
    const [download] = await Promise.all([
      a.page.waitForEvent('download', { timeout: SEE_MS }),
      banner.getByRole('button', { name: 'Save PNG' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^wolfpack-.+\.png$/);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    // A drawn 1200x630 card with text is tens of kilobytes; a blank or broken canvas is far smaller.
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(bytes.length).toBeLessThan(2_000_000);
    expect([...a.problems, ...b.problems]).toEqual([]);
  }, 90_000);

  it('with reduced motion the win still shows its words, without any animation', async () => {
    const { a, b } = await twoPartners(browser, relay.url);
    keepScreenshots('moment reduced motion', { a, b });
    await b.page.emulateMedia({ reducedMotion: 'reduce' });
    const sprint = await startSprint(a.page);
    await b.page.getByTestId('challenge').first().waitFor({ timeout: SEE_MS });
    await call(b.page);
    await momentText(b.page, /took the lead/);
    await b.page.getByTestId('moment').getByRole('button', { name: 'Dismiss' }).click();

    await momentText(b.page, new RegExp(`^You won ${escape(sprint)}, 1 to 0$`), SPRINT_MS + SEE_MS);
    const still = await animations(b.page);
    expect(still.every((m) => m.name === 'none' || m.duration === '0s')).toBe(true);
    expect(await b.page.locator('.moment-confetti').isVisible()).toBe(false);
    expect([...a.problems, ...b.problems]).toEqual([]);
  }, 90_000);
});
