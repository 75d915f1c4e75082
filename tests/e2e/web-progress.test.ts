import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startOfLocalDay } from '../../core/time-window.ts';
import type { TestRelay } from '../helpers/relay.ts';
import { startWebSuite, stopWebSuite } from './helpers/web-suite.ts';
import { CHROMIUM, hasChromium, screenshotAll } from './helpers/browser.ts';
import type { Tab } from './helpers/browser.ts';
import { go, SEE_MS, seeText, twoPartners } from './helpers/web-pack.ts';

/**
 * Streaks, the daily target and the weekly recap in the web app against a real relay whose clock
 * the test walks through three weeks of November 2026: logs made in the browser count on the
 * relay's day (it clamps their time to its own), so past weeks get their calls.
 */

const here = hasChromium();
const title = here
  ? 'streaks and the weekly recap in Chromium against a real relay'
  : `streaks and the weekly recap: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`;

const HOUR = 3_600_000;

describe.skipIf(!here)(title, () => {
  let relay: TestRelay;
  let browser: Browser;
  let zone = 'UTC';
  let now = Date.now();
  /** 10:00 on that day in the zone the browser gives the pack it creates. */
  const at = (day: string) => startOfLocalDay(day, zone) + 10 * HOUR;

  beforeAll(async () => {
    ({ relay, browser } = await startWebSuite({ clock: () => now }));
    const probe = await browser.newPage();
    zone = await probe.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await probe.close();
  });

  afterAll(() => stopWebSuite(relay, browser));

  const calls = (page: Page) => page.locator('[data-testid="streak"][data-metric="call"]');

  /** Logs calls by button and waits until the streak strip has counted them. */
  async function logCalls(tab: Tab, times: number, todayAfter: string): Promise<void> {
    for (let i = 0; i < times; i++) await tab.page.getByRole('button', { name: 'Call', exact: true }).click();
    await seeText(calls(tab.page).getByTestId('streak-today'), todayAfter);
  }

  // One pack through both tests: the second reads the weeks the first logged.
  let a: Tab;
  let b: Tab;

  it('shows the streak and today against the target, and sets a target', { timeout: 120_000 }, async () => {
    // Tuesday 3 November: the pack starts; the week of 9 November is the one the recap reads.
    now = at('2026-11-03');
    ({ a, b } = await twoPartners(browser, relay.url));
    onTestFailed(() => screenshotAll('web progress streaks', { a, b }));
    await seeText(calls(a.page).getByTestId('streak-today'), '0 of 1 today');
    await seeText(calls(a.page).getByTestId('streak-days'), 'Streak starts today');
    await logCalls(a, 2, '2 of 1 today');
    await seeText(calls(a.page).getByTestId('streak-days'), '1-day streak');
    await logCalls(b, 1, '1 of 1 today');

    now = at('2026-11-10');
    await a.page.reload();
    await b.page.reload();
    await logCalls(a, 5, '5 of 1 today');
    await logCalls(b, 3, '3 of 1 today');

    // Wednesday 18 November: nothing yet today, and Tuesday had no call, so no streak runs.
    now = at('2026-11-18');
    await a.page.reload();
    await seeText(calls(a.page).getByTestId('streak-today'), '0 of 1 today');
    await seeText(calls(a.page).getByTestId('streak-days'), 'Streak starts today');
    await logCalls(a, 1, '1 of 1 today');
    await seeText(calls(a.page).getByTestId('streak-days'), '1-day streak');

    // A target out of range is refused in words and changes nothing; a good one counts at once.
    await calls(a.page)
      .getByRole('button', { name: /^Change target for calls/ })
      .click();
    const form = a.page.getByRole('form', { name: 'Daily target for calls' });
    await form.getByLabel('calls a day').fill('0');
    await form.getByRole('button', { name: 'Save' }).click();
    await seeText(form.getByRole('alert'), 'The daily target must be from 1 to 10000.');
    await form.getByLabel('calls a day').fill('3');
    await form.getByRole('button', { name: 'Save' }).click();
    await seeText(calls(a.page).getByTestId('streak-today'), '1 of 3 today');
    await calls(a.page).getByText('2 more to start a streak').waitFor({ timeout: SEE_MS });
    await a.page.reload();
    await seeText(calls(a.page).getByTestId('streak-today'), '1 of 3 today');
    expect([...a.problems, ...b.problems]).toEqual([]);
  });

  it(
    "reads past weeks against the week before, from either side, and everyone's records",
    { timeout: 120_000 },
    async () => {
      onTestFailed(() => screenshotAll('web progress recap', { a, b }));
      // Last week, as the relay's calendar has it, against the week before.
      await go(a.page, 'Recap');
      await seeText(a.page.getByTestId('recap-range'), '9 – 15 Nov 2026');
      const week = a.page.locator('[data-testid="recap-metric"][data-metric="call"]');
      await week.getByText('You led with 5 calls, 2 ahead of Sam').waitFor({ timeout: SEE_MS });
      expect(await rows(a.page)).toEqual([
        ['You', '5', '2'],
        ['Sam', '3', '1'],
      ]);
      await a.page.getByTestId('recap-you').getByText('5 calls, up 3 on the week before').waitFor();

      await a.page.getByRole('link', { name: '← Week before' }).click();
      await seeText(a.page.getByTestId('recap-range'), '2 – 8 Nov 2026');
      await a.page
        .getByTestId('recap-you')
        .getByText('2 calls, none the week before')
        .waitFor({ timeout: SEE_MS });
      expect(await rows(a.page)).toEqual([
        ['You', '2', '0'],
        ['Sam', '1', '0'],
      ]);
      // Before the pack's first week: the empty state, not a table of zeros.
      await a.page.getByRole('link', { name: '← Week before' }).click();
      await seeText(a.page.getByTestId('recap-range'), '26 Oct – 1 Nov 2026');
      await a.page.getByTestId('recap-empty').waitFor({ timeout: SEE_MS });
      await a.page.getByRole('link', { name: 'Week after →' }).click();
      await seeText(a.page.getByTestId('recap-range'), '2 – 8 Nov 2026');

      // The partner opens a week by its address and sees it from their side.
      await b.page.goto(`${relay.url}/recap/2026-11-09`);
      await b.page.getByText('Alex led with 5 calls, 2 ahead of you').waitFor({ timeout: SEE_MS });

      // Stats: everybody's records for calls.
      await go(b.page, 'Stats');
      const bests = b.page.getByTestId('bests-row');
      await bests.first().waitFor({ timeout: SEE_MS });
      await expect
        .poll(() => bests.allInnerTexts())
        .toEqual([
          expect.stringMatching(/^You\s+None\s+1 day\s+3\s+Tue 10 Nov\s+3\s+week of 9 Nov$/),
          expect.stringMatching(/^Alex\s+None\s+1 day\s+5\s+Tue 10 Nov\s+5\s+week of 9 Nov$/),
        ]);
      expect([...a.problems, ...b.problems]).toEqual([]);
    },
  );
});

/** Each row of the calls table: name, that week's count and the week before's. */
async function rows(page: Page): Promise<string[][]> {
  const table = page.locator('[data-testid="recap-metric"][data-metric="call"]').getByTestId('recap-row');
  await table.first().waitFor({ timeout: SEE_MS });
  const out: string[][] = [];
  for (const row of await table.all()) {
    out.push([
      ((await row.locator('th').textContent()) ?? '').trim(),
      ((await row.getByTestId('recap-week').textContent()) ?? '').trim(),
      ((await row.getByTestId('recap-before').textContent()) ?? '').trim(),
    ]);
  }
  return out;
}
