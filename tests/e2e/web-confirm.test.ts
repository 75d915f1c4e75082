import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { addDays, addMonths, localDateOf } from '../../core/time-window.ts';
import { connect, ok } from '../helpers/relay.ts';
import type { TestRelay } from '../helpers/relay.ts';
import { startWebSuite, stopWebSuite } from './helpers/web-suite.ts';
import { CHROMIUM, hasChromium, screenshotAll } from './helpers/browser.ts';
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

/**
 * Actions that cannot be taken back ask first, and logs that count nowhere (or not yet) say so:
 * the web app in Chromium against a real relay.
 */

const here = hasChromium();
const title = here
  ? 'asking first and saying where a log counts, in Chromium against a real relay'
  : `asking first: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`;

const FORWARD_TEMPLATE = 'Most forward appointments booked this week, for meetings in the next 3 months';
const FORWARD = 'Most forward appointments this week (meetings in the next 3 months)';
/** Each test waits at most this long: two partners join, and a reconnect may back off 5 s. */
const TEST_MS = 60_000;

/** The member token this browser keeps, to act as that member from the test (a race has no template). */
async function tokenOf(page: Page): Promise<string> {
  const token = await page.evaluate(
    () => (JSON.parse(localStorage.getItem('wolfpack.membership') ?? '{}') as { token?: string }).token,
  );
  if (!token) throw new Error('this browser has not joined a pack');
  return token;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const challengeCard = (page: Page, name: string) =>
  page.getByTestId('challenge').filter({ has: page.getByRole('heading', { name }) });

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

  it(
    'Cancel challenge asks first, does nothing until confirmed, then cancels for both',
    async () => {
      const { a, b } = await twoPartners(browser, relay.url);
      keepScreenshots('confirm cancel', { a, b });
      await startTemplate(a.page, 'Most calls this week');
      const card = challengeCard(a.page, 'Most calls this week');
      await card.getByRole('button', { name: 'Cancel challenge' }).click();
      const really = card.getByRole('button', { name: 'Really cancel?' });
      await really.waitFor({ timeout: SEE_MS });
      await card.getByText('It stops now for everyone, with no winner').waitFor({ timeout: SEE_MS });
      await card.getByRole('button', { name: 'Keep it' }).click();
      await card.getByRole('button', { name: 'Cancel challenge' }).waitFor({ timeout: SEE_MS });

      // Escape is the keyboard's Keep; Enter twice on the same button is the keyboard's yes.
      await card.getByRole('button', { name: 'Cancel challenge' }).press('Enter');
      await really.press('Escape');
      await card.getByRole('button', { name: 'Cancel challenge' }).waitFor({ timeout: SEE_MS });
      await seeText(standingCount(b.page, 'Most calls this week', 'You'), '0');

      await card.getByRole('button', { name: 'Cancel challenge' }).press('Enter');
      await really.press('Enter');
      await a.page.getByText('No challenge is running.').waitFor({ timeout: SEE_MS });
      await b.page.getByText('No challenge is running.').waitFor({ timeout: SEE_MS });
      expect([...a.problems, ...b.problems]).toEqual([]);
    },
    TEST_MS,
  );

  it(
    'Make a new invite code asks first and says the old code stops working',
    async () => {
      const { a, b } = await twoPartners(browser, relay.url);
      keepScreenshots('confirm invite', { a, b });
      await go(a.page, 'Settings');
      const code = a.page.getByTestId('settings-invite-code');
      await code.filter({ hasText: /\S{6,}/ }).waitFor({ timeout: SEE_MS });
      const old = (await code.textContent())?.trim() ?? '';
      await a.page.getByRole('button', { name: 'Make a new invite code' }).click();
      await a.page
        .getByText(`${old} stops working at once: anyone you gave it to cannot join with it.`)
        .waitFor({ timeout: SEE_MS });
      await a.page.getByRole('button', { name: 'Keep this code' }).click();
      await a.page.getByRole('button', { name: 'Make a new invite code' }).waitFor({ timeout: SEE_MS });
      expect((await code.textContent())?.trim()).toBe(old);

      await a.page.getByRole('button', { name: 'Make a new invite code' }).click();
      await a.page.getByRole('button', { name: 'Really make a new code?' }).click();
      await code
        .filter({ hasNotText: old })
        .filter({ hasText: /\S{6,}/ })
        .waitFor({ timeout: SEE_MS });
      expect([...a.problems, ...b.problems]).toEqual([]);
    },
    TEST_MS,
  );

  it(
    'Forget me names the unsent logs, keeps them unless told, and drops them only when told',
    async () => {
      const { a, b } = await twoPartners(browser, relay.url);
      keepScreenshots('confirm forget', { a, b });
      await startTemplate(a.page, 'Most calls this week');
      const net = await relaySwitch(b);
      await net.cut();
      for (let i = 0; i < 3; i++) await b.page.getByRole('button', { name: 'Call', exact: true }).click();
      await seeText(b.page.getByTestId('queued'), '3 waiting to send');

      await go(b.page, 'Settings');
      await b.page
        .getByTestId('unsent')
        .getByText('3 logs have not reached the relay yet')
        .waitFor({ timeout: SEE_MS });
      await b.page.getByRole('button', { name: 'Forget me and these 3 logs' }).click();
      await b.page.getByRole('button', { name: 'Really lose 3 logs?' }).waitFor({ timeout: SEE_MS });
      await b.page.getByRole('button', { name: 'Keep them and wait' }).click();
      await b.page.getByRole('heading', { name: 'This browser' }).waitFor({ timeout: SEE_MS });

      // Kept, so they go out once the relay is back, and then there is nothing left to lose.
      net.restore();
      await seeText(standingCount(a.page, 'Most calls this week', 'Sam'), '3', 12_000);
      await b.page.getByRole('button', { name: 'Forget me in this browser' }).waitFor({ timeout: SEE_MS });
      expect(await b.page.getByTestId('unsent').count()).toBe(0);

      await net.cut();
      await go(b.page, 'Live');
      await b.page.getByRole('button', { name: 'Call', exact: true }).click();
      await go(b.page, 'Settings');
      await b.page.getByText('1 log has not reached the relay yet').first().waitFor({ timeout: SEE_MS });
      await b.page.getByRole('button', { name: 'Forget me and this log' }).click();
      await b.page.getByRole('button', { name: 'Really lose 1 log?' }).click();
      await b.page.getByRole('form', { name: 'Join a pack' }).waitFor({ timeout: SEE_MS });
      const left = await b.page.evaluate(() =>
        Object.keys(localStorage).filter(
          (key) => key.startsWith('wolfpack.outbox') || key === 'wolfpack.membership',
        ),
      );
      expect(left).toEqual([]);
      await seeText(standingCount(a.page, 'Most calls this week', 'Sam'), '3');
    },
    TEST_MS,
  );

  it(
    'warns under the meeting date for a past date and one beyond the horizon, not for one inside',
    async () => {
      const { a, b } = await twoPartners(browser, relay.url);
      keepScreenshots('forward warning', { a, b });
      await startTemplate(a.page, FORWARD_TEMPLATE);
      const zone = await b.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
      const today = localDateOf(Date.now(), zone);
      const date = b.page.getByLabel('Meeting date');
      const warning = b.page.getByTestId('forward-warning');
      await standingCount(b.page, FORWARD, 'You').waitFor({ timeout: SEE_MS });

      await date.fill(addDays(today, 7));
      expect(await warning.count()).toBe(0);

      await date.fill(addMonths(today, 4));
      await warning
        .filter({
          hasText: new RegExp(
            `^This meeting date is outside every running challenge: ${escaped(FORWARD)} counts meetings up to .+\\. ` +
              'It will be logged but count in none\\.$',
          ),
        })
        .waitFor({ timeout: SEE_MS });
      // The warning is part of the date field's description, so a screen reader hears it there.
      expect(await date.getAttribute('aria-describedby')).toBe(await warning.getAttribute('id'));

      // Logged anyway, as it said: the feed shows it and the challenge does not count it.
      await b.page.getByRole('button', { name: 'Forward appointment', exact: true }).click();
      await a.page
        .getByTestId('feed')
        .getByText('Sam logged a forward appointment')
        .first()
        .waitFor({ timeout: SEE_MS });
      await seeText(standingCount(a.page, FORWARD, 'Sam'), '0');

      await date.fill(addDays(today, -8));
      await warning
        .filter({ hasText: /^This meeting date has passed and is outside every running challenge/ })
        .waitFor({
          timeout: SEE_MS,
        });

      await date.fill(addDays(today, 14));
      await warning.waitFor({ state: 'detached', timeout: SEE_MS });
      await b.page.getByRole('button', { name: 'Forward appointment', exact: true }).click();
      await seeText(standingCount(a.page, FORWARD, 'Sam'), '1');
      expect([...a.problems, ...b.problems]).toEqual([]);
    },
    TEST_MS,
  );

  it(
    'says, while offline in a running race, that logs count when they reach the relay',
    async () => {
      const { a, b } = await twoPartners(browser, relay.url);
      keepScreenshots('offline race', { a, b });
      const socket = await connect(relay.url, await tokenOf(a.page));
      try {
        await ok(socket, 'challenge:create', {
          metric: 'call',
          format: 'race',
          target: 20,
          period: { kind: 'this-week' },
          title: 'Race to 20 calls',
        });
      } finally {
        socket.close();
      }
      await standingCount(b.page, 'Race to 20 calls', 'You').waitFor({ timeout: SEE_MS });
      // The browser keeps the last snapshot for an offline load, and a pushed challenge is not in
      // the one it got on joining: one load while online stores a snapshot that has the race.
      await b.page.reload();
      await standingCount(b.page, 'Race to 20 calls', 'You').waitFor({ timeout: SEE_MS });
      const notice = b.page.getByTestId('offline-race');
      expect(await notice.count()).toBe(0);

      const net = await relaySwitch(b);
      await net.cut();
      await seeText(
        notice,
        'You’re offline: in Race to 20 calls, logs count when they reach the relay, not when you make them.',
      );
      expect(await a.page.getByTestId('offline-race').count()).toBe(0);

      net.restore();
      await notice.waitFor({ state: 'detached', timeout: 12_000 });
    },
    TEST_MS,
  );
});
