import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { TestRelay } from '../helpers/relay.ts';
import { startWebSuite, stopWebSuite } from './helpers/web-suite.ts';
import { CHROMIUM, hasChromium, openTab, screenshotAll } from './helpers/browser.ts';
import type { Tab } from './helpers/browser.ts';
import {
  go,
  relaySwitch,
  SEE_MS,
  seeText,
  standingCount,
  startTemplate,
  twoPartners,
} from './helpers/web-pack.ts';

const here = hasChromium();
const title = here
  ? 'web app in Chromium against a real relay'
  : `web app in Chromium: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`;

describe.skipIf(!here)(title, () => {
  let relay: TestRelay;
  let browser: Browser;
  const tabs: Tab[] = [];

  /** Every tab of the test is photographed if it fails. */
  function keepScreenshots(name: string, named: Record<string, Tab>): void {
    tabs.push(...Object.values(named));
    onTestFailed(() => screenshotAll(name, named));
  }

  beforeAll(async () => {
    ({ relay, browser } = await startWebSuite());
  });
  afterAll(() => stopWebSuite(relay, browser));

  it('B logs 3 calls by button and A sees 3 in "Most calls this week"', async () => {
    const { a, b } = await twoPartners(browser, relay.url);
    keepScreenshots('three calls', { a, b });
    await startTemplate(a.page, 'Most calls this week');
    await standingCount(b.page, 'Most calls this week', 'You').waitFor({ timeout: SEE_MS });
    for (let i = 0; i < 3; i++) await b.page.getByRole('button', { name: 'Call', exact: true }).click();
    await seeText(standingCount(a.page, 'Most calls this week', 'Sam'), '3');
    await seeText(standingCount(b.page, 'Most calls this week', 'You'), '3');
    await a.page.getByTestId('feed').getByText('Sam logged 3 calls').first().waitFor({ timeout: SEE_MS });
    await seeText(b.page.getByTestId('queued'), 'All sent');
    expect([...a.problems, ...b.problems]).toEqual([]);
  });

  it('a cheer on a feed entry reaches the partner', async () => {
    const { a, b } = await twoPartners(browser, relay.url);
    keepScreenshots('cheer', { a, b });
    await b.page.getByRole('button', { name: 'Appointment', exact: true }).click();
    await a.page.getByRole('button', { name: 'Cheer Sam' }).first().click();
    await b.page.getByTestId('feed').getByText('Alex cheered you').waitFor({ timeout: SEE_MS });
  });

  it('a short custom challenge ends and both find the result in History', async () => {
    const { a, b } = await twoPartners(browser, relay.url);
    keepScreenshots('short challenge', { a, b });
    await go(a.page, 'New challenge');
    await a.page.getByLabel('Custom times').check();
    // The pack took the browser's zone, so its wall clock is what the form expects.
    const [start, end] = await a.page.evaluate(() => {
      const wall = (ms: number) =>
        new Date(ms).toLocaleString('sv-SE', { hour12: false }).replace(' ', 'T').slice(0, 19);
      return [wall(Date.now() - 1000), wall(Date.now() + 3000)];
    });
    await a.page.getByLabel('Starts').fill(start ?? '');
    await a.page.getByLabel('Ends').fill(end ?? '');
    await a.page.getByTestId('preview').waitFor({ timeout: SEE_MS });
    await a.page.getByRole('button', { name: 'Start challenge' }).click();
    await a.page.getByTestId('challenge').first().waitFor({ timeout: SEE_MS });
    await a.page.getByRole('button', { name: 'Call', exact: true }).click();
    for (const [tab, line] of [
      [a, 'You won 1 to 0 (+1)'],
      [b, 'Alex won 1 to 0 (+1)'],
    ] as const) {
      const ended = tab.page.getByTestId('ended-result');
      await ended.first().waitFor({ timeout: 10_000 });
      await ended.first().getByRole('link', { name: 'See in history' }).click();
      await tab.page.getByTestId('history-detail').getByText(line).waitFor({ timeout: SEE_MS });
      await tab.page.getByTestId('history-row').first().getByText(line).waitFor({ timeout: SEE_MS });
    }
    // A rematch is the same contest again, starting now (a 4-second sprint again, so look at once).
    await a.page
      .getByTestId('history-detail')
      .getByRole('button', { name: /^Rematch/ })
      .click();
    await a.page.getByTestId('challenge').first().waitFor({ timeout: 2_000 });
    expect(await a.page.getByTestId('challenge').count()).toBe(1);
  });

  it('a refusal from the relay is shown next to the form that caused it', async () => {
    const tab = await openTab(browser);
    keepScreenshots('refusal', { tab });
    await tab.page.goto(relay.url);
    const join = tab.page.getByRole('form', { name: 'Join a pack' });
    await join.getByLabel('Invite code').fill('NOPE-NOPE');
    await join.getByLabel('Your name').fill('Kim');
    await join.getByRole('button', { name: 'Join pack' }).click();
    await join
      .getByRole('alert')
      .getByText(/invite code is not valid/)
      .waitFor({ timeout: SEE_MS });
    expect(await tab.page.getByRole('form', { name: 'Start a pack' }).getByRole('alert').count()).toBe(0);
  });

  it('a board link shows live standings and stops working when revoked', async () => {
    const { a, b } = await twoPartners(browser, relay.url);
    const tv = await openTab(browser);
    keepScreenshots('board', { a, b, tv });
    await startTemplate(a.page, 'Most calls this week');
    await go(a.page, 'Settings');
    await a.page.getByRole('button', { name: 'Create board link' }).click();
    const link = a.page.getByTestId('board-link');
    await link.waitFor({ timeout: SEE_MS });
    const boardUrl = (await link.getAttribute('href')) ?? '';
    expect(boardUrl).toMatch(/\/board#wpb_/);

    await tv.page.goto(boardUrl);
    const samOnTv = tv.page.getByTestId('board-standing').filter({ hasText: 'Sam' }).locator('.board-count');
    await seeText(samOnTv, '0');
    await expect(tv.page.getByRole('button').count()).resolves.toBe(0);
    await b.page.getByRole('button', { name: 'Call', exact: true }).click();
    await seeText(samOnTv, '1');

    await a.page.getByRole('button', { name: 'Revoke Sales floor TV' }).click();
    await tv.page.getByText('This board link was revoked').waitFor({ timeout: SEE_MS });
    // Settings stops offering the dead address to be put on a TV (it used to keep showing it).
    await a.page.getByTestId('board-item').filter({ hasText: 'revoked' }).waitFor({ timeout: SEE_MS });
    expect(await a.page.getByTestId('board-link').count()).toBe(0);
    await tv.page.reload();
    await tv.page.getByText('This board link was revoked').waitFor({ timeout: SEE_MS });
  });

  it('logs made without a connection survive a reload and are sent on reconnect', async () => {
    const { a, b } = await twoPartners(browser, relay.url);
    keepScreenshots('offline', { a, b });
    await startTemplate(a.page, 'Most calls this week');
    const link = await relaySwitch(b);
    await link.cut();
    await b.page.getByRole('button', { name: 'Call', exact: true }).click();
    await b.page.getByRole('button', { name: 'Call', exact: true }).click();
    await seeText(b.page.getByTestId('queued'), '2 waiting to send');
    await b.page.reload();
    await seeText(b.page.getByTestId('queued'), '2 waiting to send');
    await seeText(standingCount(a.page, 'Most calls this week', 'Sam'), '0');

    link.restore();
    // Socket.IO backs off up to 5 s between attempts; the logs go out with the first that connects.
    await seeText(standingCount(a.page, 'Most calls this week', 'Sam'), '2', 12_000);
    await seeText(b.page.getByTestId('queued'), 'All sent');
  });
});
