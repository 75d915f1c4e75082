import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { TestRelay } from '../helpers/relay.ts';
import { startWebSuite, stopWebSuite } from './helpers/web-suite.ts';
import { CHROMIUM, hasChromium, openTab, screenshotAll } from './helpers/browser.ts';
import type { Tab } from './helpers/browser.ts';
import { createPackInBrowser, go, joinPackInBrowser, SEE_MS } from './helpers/web-pack.ts';

const here = hasChromium();
const title = here
  ? 'Live summary in Chromium against a real relay'
  : `Live summary in Chromium: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SPRINT = 'Most calls, 2-hour sprint';
const WEEK = 'Most appointments, 7-day sprint';

/** A "most" challenge over exact instants, made through the form; `from` may lie in the past. */
async function customMost(page: Page, metric: string, fromMs: number, toMs: number): Promise<void> {
  await go(page, 'New challenge');
  await page.getByLabel('Metric').selectOption({ label: metric });
  await page.getByLabel('Custom times').check();
  // The pack took the browser's zone, so the form wants that wall clock.
  const [from, to] = await page.evaluate(
    ({ fromOffset, toOffset }) => {
      const wall = (ms: number) =>
        new Date(ms).toLocaleString('sv-SE', { hour12: false }).replace(' ', 'T').slice(0, 19);
      return [wall(Date.now() + fromOffset), wall(Date.now() + toOffset)];
    },
    { fromOffset: fromMs, toOffset: toMs },
  );
  await page.getByLabel('Starts').fill(from ?? '');
  await page.getByLabel('Ends').fill(to ?? '');
  await page.getByRole('button', { name: 'Start challenge' }).click();
  await page.getByRole('heading', { name: 'Live challenges' }).waitFor({ timeout: SEE_MS });
}

/** The summary's line for a challenge, as the one sentence a screen reader hears. */
function summaryOf(page: Page, challengeTitle: string) {
  return page.getByTestId('summary-line').filter({ hasText: challengeTitle }).getByTestId('summary-text');
}

async function seeLine(page: Page, challengeTitle: string, pattern: RegExp): Promise<void> {
  await summaryOf(page, challengeTitle).filter({ hasText: pattern }).waitFor({ timeout: SEE_MS });
}

describe.skipIf(!here)(title, () => {
  let relay: TestRelay;
  let browser: Browser;

  beforeAll(async () => {
    ({ relay, browser } = await startWebSuite());
  });
  afterAll(() => stopWebSuite(relay, browser));

  it('each partner sees rank, gap, time left and pace, updated live, most pressing first', async () => {
    const [alex, sam, priya] = [await openTab(browser), await openTab(browser), await openTab(browser)];
    const tabs: Record<string, Tab> = { alex, sam, priya };
    onTestFailed(() => screenshotAll('live summary', tabs));
    const code = await createPackInBrowser(alex.page, relay.url, 'Hunters', 'Alex');
    await joinPackInBrowser(sam.page, relay.url, code, 'Sam');
    await joinPackInBrowser(priya.page, relay.url, code, 'Priya');

    // Made longest first, so the order on screen is the summary's own: the one ending soonest on top.
    // A day of seven is gone (pace is 7 times the count); an hour of two (twice the count).
    await customMost(alex.page, 'Appointments', -DAY, 6 * DAY);
    await customMost(alex.page, 'Calls', -HOUR, HOUR);
    for (const tab of [alex, sam, priya]) {
      await tab.page.getByTestId('summary-line').nth(1).waitFor({ timeout: SEE_MS });
      const titles = await tab.page.getByTestId('summary-line').locator('.summary-title').allTextContents();
      expect(titles).toEqual([SPRINT, WEEK]);
    }
    await seeLine(alex.page, SPRINT, /^1st of 3 · no score yet · (1h 00m|5\dm) left$/);

    for (let i = 0; i < 3; i++) await sam.page.getByRole('button', { name: 'Call', exact: true }).click();
    await seeLine(alex.page, SPRINT, /^2nd of 3 · 3 behind Sam · (1h 00m|5\dm) left · on pace for 0, Sam 6$/);
    await seeLine(
      sam.page,
      SPRINT,
      /^1st of 3 · leading by 3 · (1h 00m|5\dm) left · on pace for 6, (Alex|Priya) 0$/,
    );

    await alex.page.getByRole('button', { name: 'Call', exact: true }).click();
    await seeLine(alex.page, SPRINT, /^2nd of 3 · 2 behind Sam · (1h 00m|5\dm) left · on pace for 2, Sam 6$/);
    await seeLine(
      priya.page,
      SPRINT,
      /^3rd of 3 · 3 behind Sam · (1h 00m|5\dm) left · on pace for 0, Sam 6$/,
    );

    await alex.page.getByRole('button', { name: 'Appointment', exact: true }).click();
    for (let i = 0; i < 2; i++) {
      await priya.page.getByRole('button', { name: 'Appointment', exact: true }).click();
    }
    await seeLine(priya.page, WEEK, /^1st of 3 · leading by 1 · 5 days left · on pace for 14, Alex 7$/);
    await seeLine(alex.page, WEEK, /^2nd of 3 · 1 behind Priya · 5 days left · on pace for 7, Priya 14$/);
    // The card says the same pace under its standings.
    await alex.page
      .getByTestId('challenge')
      .filter({ hasText: WEEK })
      .getByTestId('pace')
      .filter({ hasText: /^On pace for 7, Priya 14$/ })
      .waitFor({ timeout: SEE_MS });

    // A line opens its card: the address names the challenge and the card is marked.
    await alex.page.getByTestId('summary-line').filter({ hasText: WEEK }).getByRole('link').click();
    await alex.page.waitForURL(/\/live\/[^/]+$/, { timeout: SEE_MS });
    const card = alex.page.getByTestId('challenge').filter({ hasText: WEEK });
    await expect(card.getAttribute('class')).resolves.toMatch(/\bfocused\b/);
    expect([...alex.problems, ...sam.problems, ...priya.problems]).toEqual([]);
    // Three browser profiles and two challenges made through the form take more than the default
    // 30 s on a busy machine; still bounded.
  }, 120_000);
});
