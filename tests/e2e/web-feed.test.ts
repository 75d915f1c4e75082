import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { TestRelay } from '../helpers/relay.ts';
import { startWebSuite, stopWebSuite } from './helpers/web-suite.ts';
import { CHROMIUM, hasChromium, openTab, screenshotAll } from './helpers/browser.ts';
import {
  joinPackInBrowser,
  SEE_MS,
  seeText,
  standingCount,
  startTemplate,
  twoPartners,
  relaySwitch,
} from './helpers/web-pack.ts';

const here = hasChromium();
/** Three browser profiles and a relay on two shared cores: each test is bounded, just not tightly. */
const TEST_MS = 120_000;
const title = here
  ? 'Pack activity, joiners and waiting logs in Chromium against a real relay'
  : `Pack activity in Chromium: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`;

describe.skipIf(!here)(title, () => {
  let relay: TestRelay;
  let browser: Browser;

  beforeAll(async () => {
    ({ relay, browser } = await startWebSuite());
  }, TEST_MS);
  afterAll(() => stopWebSuite(relay, browser));

  it(
    'a partner who joins late shows in the feed and on the invite card, and a rematch with everyone lets them in',
    async () => {
      const { a, b } = await twoPartners(browser, relay.url);
      const kim = await openTab(browser);
      onTestFailed(() => screenshotAll('feed join', { a, b, kim }));
      await startTemplate(a.page, 'Most calls this week');
      // After the first partner the card still carries the code, so the owner can invite more.
      const code = (await a.page.getByTestId('invite-code').textContent())?.trim() ?? '';
      expect(code).not.toBe('');
      await joinPackInBrowser(kim.page, relay.url, code, 'Kim');

      await a.page
        .getByTestId('feed-join')
        .filter({ hasText: 'Kim joined the pack' })
        .waitFor({ timeout: SEE_MS });
      await a.page
        .getByTestId('joined')
        .getByText(/Kim\s+joined\s+just now/)
        .waitFor({ timeout: SEE_MS });
      for (const tab of [a, b]) {
        await tab.page
          .getByTestId('left-out')
          .filter({ hasText: 'Kim is not in Most calls this week' })
          .getByRole('button', { name: 'Rematch with everyone: Most calls this week' })
          .waitFor({ timeout: SEE_MS });
      }

      const notIn = kim.page.getByTestId('not-in');
      await notIn
        .getByRole('heading', { name: 'You’re not in 1 challenge that started before you joined' })
        .waitFor({ timeout: SEE_MS });
      await notIn.getByRole('button', { name: 'Rematch with everyone: Most calls this week' }).click();

      const everyone = 'Most calls this week (whole pack)';
      await seeText(standingCount(kim.page, everyone, 'You'), '0');
      await seeText(standingCount(a.page, everyone, 'Kim'), '0');
      await kim.page.getByRole('button', { name: 'Call', exact: true }).click();
      await seeText(standingCount(a.page, everyone, 'Kim'), '1');
      // The offer is gone for everyone once a challenge with Kim runs.
      await notIn.waitFor({ state: 'detached', timeout: SEE_MS });
      await a.page.getByTestId('left-out').waitFor({ state: 'detached', timeout: SEE_MS });
      expect([...a.problems, ...b.problems, ...kim.problems]).toEqual([]);
    },
    TEST_MS,
  );

  it(
    'a burst of 5 calls is one line, and a cheer still reaches any one of them',
    async () => {
      const { a, b } = await twoPartners(browser, relay.url);
      onTestFailed(() => screenshotAll('feed burst', { a, b }));
      for (let i = 0; i < 5; i++) await b.page.getByRole('button', { name: 'Call', exact: true }).click();

      const feed = a.page.getByTestId('feed');
      await feed
        .getByTestId('feed-burst')
        .filter({ hasText: 'Sam logged 5 calls in under a minute' })
        .waitFor({ timeout: SEE_MS });
      // Alex started the pack, Sam joined it, Sam's five calls: three lines.
      expect(await feed.locator(':scope > li > .feed-text').allTextContents()).toEqual([
        expect.stringMatching(/Sam logged 5 calls in under a minute$/),
        expect.stringMatching(/Sam joined the pack$/),
        expect.stringMatching(/You started the pack$/),
      ]);

      const burst = feed.getByTestId('feed-burst');
      await burst.getByRole('button', { name: 'Cheer Sam' }).first().click();
      await b.page.getByTestId('feed').getByText('Alex cheered you').waitFor({ timeout: SEE_MS });
      await burst.getByText('Each log').click();
      const each = burst.locator('.feed-burst-logs li');
      expect(await each.count()).toBe(5);
      await each.last().getByRole('button', { name: 'Taunt Sam' }).click();
      await b.page.getByTestId('feed').getByText('Alex taunted you').waitFor({ timeout: SEE_MS });
    },
    TEST_MS,
  );

  it(
    'a log made while the relay is unreachable shows as waiting, then once as sent',
    async () => {
      const { a, b } = await twoPartners(browser, relay.url);
      onTestFailed(() => screenshotAll('feed waiting', { a, b }));
      const link = await relaySwitch(b);
      await link.cut();
      await b.page.getByRole('button', { name: 'Appointment', exact: true }).click();

      const waiting = b.page.getByTestId('feed-waiting');
      await waiting.filter({ hasText: 'You logged an appointment' }).waitFor({ timeout: SEE_MS });
      await waiting.getByText('Waiting to send').waitFor({ timeout: SEE_MS });
      // Kept in the browser: a reload still shows it waiting, and the partner has not seen it.
      await b.page.reload();
      await waiting.filter({ hasText: 'You logged an appointment' }).waitFor({ timeout: SEE_MS });
      expect(await a.page.getByTestId('feed').getByText('Sam logged an appointment').count()).toBe(0);

      link.restore();
      // Socket.IO backs off up to 5 s between attempts; the log goes out with the first that connects.
      await waiting.waitFor({ state: 'detached', timeout: 12_000 });
      const sent = b.page
        .getByTestId('feed')
        .locator(':scope > li')
        .filter({ hasText: 'You logged an appointment' });
      await sent.first().waitFor({ timeout: SEE_MS });
      expect(await sent.count()).toBe(1);
      await a.page.getByTestId('feed').getByText('Sam logged an appointment').waitFor({ timeout: SEE_MS });
    },
    TEST_MS,
  );
});
