import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { installFakeBridge, packState, type BridgeCall } from './fake-bridge.ts';
import {
  CHROMIUM,
  hasChromium,
  launchChromium,
  openTab,
  screenshotAll,
  WEB_ROOT,
} from './helpers/browser.ts';
import type { Tab } from './helpers/browser.ts';
import { SEE_MS, seeText } from './helpers/web-pack.ts';
import { emptyRecap, progressReport, weeklyRecap } from './progress-fixtures.ts';

/**
 * The streak strip and the recap page with figures a real relay takes weeks to make (two
 * members, challenges won and lost, long streaks), over the fake desktop bridge: what the rep
 * reads, and which calls the page makes.
 */

const here = hasChromium();
const title = here
  ? 'streaks and recap pages over the desktop bridge'
  : `streaks and recap pages: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

describe.skipIf(!here)(title, { timeout: 60_000 }, () => {
  let server: Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(join(WEB_ROOT, 'index.html'))) {
      throw new Error(`${WEB_ROOT} is not built: run npm run build:web first`);
    }
    // The built app as files; the desktop routes live in the hash, so only index.html is a page.
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const file = extname(path) ? path : '/index.html';
      readFile(join(WEB_ROOT, file)).then(
        (body) =>
          res
            .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
            .end(body),
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  async function open(route: string, results: Record<string, unknown>): Promise<Tab> {
    const tab = await openTab(browser);
    onTestFailed(() => screenshotAll(`progress pages ${route}`, { tab }));
    await installFakeBridge(tab.page, packState(), {
      progress: { ok: true, report: progressReport() },
      recap: { ok: true, recap: weeklyRecap() },
      ...results,
    });
    await tab.page.goto(`${base}/index.html#${route}`);
    return tab;
  }

  const calls = (page: Page) =>
    page.evaluate(() => (globalThis as unknown as { __calls: BridgeCall[] }).__calls);

  it('the recap a notification opens: who led each metric by how much, and every challenge once', async () => {
    const { page, problems } = await open('/recap/2026-11-30', {});
    await seeText(page.getByTestId('recap-range'), '30 Nov – 6 Dec 2026');
    const callsWeek = page.locator('[data-testid="recap-metric"][data-metric="call"]');
    await callsWeek.getByText('Sam led with 47 calls, 5 ahead of you').waitFor({ timeout: SEE_MS });
    await page
      .locator('[data-testid="recap-metric"][data-metric="appointment"]')
      .getByText('You led with 6 appointments, 2 ahead of Sam')
      .waitFor();
    // A metric nobody counted in either week has no table.
    expect(await page.locator('[data-testid="recap-metric"][data-metric="proposal"]').count()).toBe(0);
    expect(await page.getByTestId('recap-you').locator('li').allInnerTexts()).toEqual([
      '42 calls, up 8 on the week before',
      '6 appointments, down 1 on the week before',
      'Challenges: 1 won, 1 lost',
    ]);
    const challenges = page.getByTestId('recap-challenges');
    expect(await challenges.locator('.recap-challenge-list li').allInnerTexts()).toEqual([
      expect.stringMatching(/^Most calls this week\s+Sam won$/),
      expect.stringMatching(/^First to 5 appointments\s+You won$/),
    ]);
    expect((await calls(page)).filter((c) => c.method === 'recap').map((c) => c.args)).toEqual([
      ['2026-11-30'],
    ]);
    expect(problems).toEqual([]);
  });

  it('a new pack sees an empty state that says why, with the way back to Live', async () => {
    const { page } = await open('/recap', { recap: { ok: true, recap: emptyRecap() } });
    const empty = page.getByTestId('recap-empty');
    await empty.getByText('Nothing was logged that week or the week before.').waitFor({ timeout: SEE_MS });
    await empty.getByRole('link', { name: 'Go to Live' }).click();
    await page.getByRole('heading', { name: 'Live challenges' }).waitFor({ timeout: SEE_MS });
    // The default week is the relay's "last week": the page does not guess it.
    expect((await calls(page)).find((c) => c.method === 'recap')?.args).toEqual([undefined]);
  });

  it('a target the relay refuses is said next to the box, and the strip keeps the old one', async () => {
    const { page } = await open('/', {
      setDailyTarget: {
        ok: false,
        error: { code: 'bad_request', message: 'that metric is not counted in this pack' },
      },
    });
    const row = page.locator('[data-testid="streak"][data-metric="call"]');
    await seeText(row.getByTestId('streak-today'), '2 of 3 today');
    await seeText(row.getByTestId('streak-days'), '4-day streak');
    // Appointments met today show; the two metrics with nothing going on wait behind a button.
    expect(await page.getByTestId('streak').count()).toBe(2);
    await page.getByRole('button', { name: 'Show 2 more metrics' }).click();
    expect(await page.getByTestId('streak').count()).toBe(4);

    await row.getByRole('button', { name: /^Change target for calls/ }).click();
    const form = page.getByRole('form', { name: 'Daily target for calls' });
    await form.getByLabel('calls a day').fill('2.5');
    await form.getByRole('button', { name: 'Save' }).click();
    await seeText(form.getByRole('alert'), 'The daily target must be a whole number, like 3.');
    expect((await calls(page)).filter((c) => c.method === 'setDailyTarget')).toEqual([]);
    await form.getByLabel('calls a day').fill('5');
    await form.getByRole('button', { name: 'Save' }).click();
    await seeText(form.getByRole('alert'), 'That metric is not counted in this pack');
    expect((await calls(page)).filter((c) => c.method === 'setDailyTarget').map((c) => c.args)).toEqual([
      ['call', 5],
    ]);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await seeText(row.getByTestId('streak-today'), '2 of 3 today');
  });
});
