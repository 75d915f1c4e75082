/**
 * `npm run screenshots`: the README's pictures, taken from the real thing. A relay on a free port
 * serves the built web app (WOLFPACK_WEB_ROOT or dist/web); a pack of four is seeded through the
 * relay's own API (past days for Stats, finished duels for History, three live challenges), then
 * Chromium photographs each screen into docs/screenshots/. Everything stays on 127.0.0.1 and the
 * script stops by itself.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { uuidv7 } from '../../core/uuid.ts';
import type { LogEvent } from '../../core/types.ts';
import { connect, joinPack, nextPush, ok, removeDir, testRelay } from '../helpers/relay.ts';
import type { TestSocket } from '../helpers/relay.ts';
import { launchChromium, openTab, SCREENSHOTS, WEB_ROOT } from './helpers/browser.ts';
import { createPackInBrowser, go, SEE_MS } from './helpers/web-pack.ts';

const OUT = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const DESKTOP = { width: 1280, height: 800 };

const log = (metric: string, count: number, occurredAt: number): LogEvent => ({
  id: uuidv7(),
  type: 'log',
  metric,
  count,
  occurredAt,
});

/** The same made-up but believable week every run: a count per member and day, from a seed. */
function dailyCount(seed: number, day: number): number {
  return 4 + ((seed * 7 + day * 13 + ((seed * day) % 5)) % 11);
}

/** A short finished contest for History: made, scored, ended, with a result for everyone. */
async function duel(
  owner: TestSocket,
  counts: [TestSocket, number][],
  metric: string,
  title: string,
): Promise<void> {
  const now = Date.now();
  const { challenge } = await ok(owner, 'challenge:create', {
    metric,
    format: 'most',
    title,
    period: { kind: 'instants', start: now - 1000, end: now + 900 },
  });
  const ended = nextPush(owner, 'challenge:ended', (c) => c.id === challenge.id);
  for (const [socket, count] of counts) {
    if (count > 0) await ok(socket, 'activity:log', { events: [log(metric, count, Date.now())] });
  }
  await ended;
}

async function shoot(page: Page, name: string): Promise<void> {
  // Let the count animations and bar transitions settle: the picture shows the resting state.
  await page.waitForTimeout(900);
  await page.screenshot({ path: join(OUT, name) });
  console.log(`wrote docs/screenshots/${name}`);
}

/**
 * For a reviewer, not the README: the challenge cards scrolled into view, in test-results/
 * (git-ignored), where the README's pictures show the top of the page.
 */
async function reviewShot(page: Page, name: string, toCards = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  if (toCards) {
    await page
      .getByTestId('challenge')
      .first()
      .evaluate((el) => el.scrollIntoView());
  }
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOTS, `screenshots-${name}`) });
  await page.evaluate('window.scrollTo(0, 0)');
}

async function main(): Promise<void> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`${WEB_ROOT} is not built: run npm run build:web first`);
  }
  mkdirSync(OUT, { recursive: true });
  // Seeding sends in a second what a person sends in a day: lift the per-member message budget.
  const relay = await testRelay({ webRoot: WEB_ROOT, messageRate: { perSecond: 1000, burst: 1000 } });
  const browser = await launchChromium();
  const sockets: TestSocket[] = [];
  try {
    const tab = await openTab(browser);
    const page = tab.page;
    await page.setViewportSize(DESKTOP);
    const code = await createPackInBrowser(page, relay.url, 'Northside Closers', 'Alex Morgan');
    const alexToken = await page.evaluate(
      () => (JSON.parse(localStorage.getItem('wolfpack.membership') ?? '{}') as { token?: string }).token,
    );
    if (!alexToken) throw new Error('the browser kept no membership after creating the pack');
    const alex = await connect(relay.url, alexToken);
    const names = ['Priya Shah', 'Sam Okafor', 'Jordan Lee'];
    const others: TestSocket[] = [];
    for (const name of names) {
      const joined = await joinPack(relay.url, code, name);
      others.push(await connect(relay.url, joined.token));
    }
    const [priya, sam, jordan] = others as [TestSocket, TestSocket, TestSocket];
    const pack = [alex, priya, sam, jordan];
    sockets.push(...pack);

    // Two weeks of calls and appointments before today, for the Stats charts.
    const now = Date.now();
    for (const [i, socket] of pack.entries()) {
      const events: LogEvent[] = [];
      for (let day = 1; day <= 13; day++) {
        const at = now - day * DAY;
        events.push(
          log('call', dailyCount(i + 1, day), at),
          log('appointment', 1 + (dailyCount(i + 2, day) % 4), at),
        );
      }
      await ok(socket, 'activity:log', { events });
    }

    // Finished contests for History (proposals, so no live challenge below counts them).
    await duel(
      priya,
      [
        [alex, 4],
        [priya, 6],
        [sam, 2],
        [jordan, 3],
      ],
      'proposal',
      'Proposal sprint',
    );
    await duel(
      alex,
      [
        [alex, 5],
        [priya, 3],
        [sam, 4],
        [jordan, 1],
      ],
      'proposal',
      'Friday proposals',
    );
    await duel(
      sam,
      [
        [alex, 2],
        [priya, 2],
        [sam, 7],
        [jordan, 5],
      ],
      'proposal',
      'Proposal blitz',
    );

    // Live: a week-long calls contest, a race to ten appointments and a goal for today.
    const start = now - 100 * MINUTE;
    const end = now + 3 * DAY + 4 * 60 * MINUTE;
    await ok(priya, 'challenge:create', {
      metric: 'call',
      format: 'most',
      title: 'Most calls this week',
      stake: 'Loser buys coffee on Friday',
      period: { kind: 'instants', start, end },
    });
    await ok(alex, 'challenge:create', {
      metric: 'appointment',
      format: 'race',
      target: 10,
      title: 'First to 10 appointments',
      period: { kind: 'instants', start, end: now + DAY + 6 * 60 * MINUTE },
    });
    await ok(sam, 'challenge:create', {
      metric: 'call',
      format: 'goal',
      target: 40,
      title: 'Everyone to 40 calls today',
      period: { kind: 'instants', start, end: now + 5 * 60 * MINUTE + 20 * MINUTE },
    });
    const today: [TestSocket, string, number[]][] = [
      [priya, 'call', [6, 5, 8, 4, 3]],
      [alex, 'call', [5, 4, 6, 3, 2]],
      [sam, 'call', [3, 4, 2, 5]],
      [jordan, 'call', [2, 3, 2]],
      [alex, 'appointment', [2, 3, 1]],
      [priya, 'appointment', [1, 2]],
      [sam, 'appointment', [3, 1, 1]],
      [jordan, 'appointment', [1]],
    ];
    for (const [socket, metric, counts] of today) {
      const events = counts.map((count, i) => log(metric, count, now - (90 - i * 17) * MINUTE));
      await ok(socket, 'activity:log', { events });
    }
    // The freshest lines of the feed, logged after the duels.
    const alexsLast = log('call', 1, Date.now());
    await ok(alex, 'activity:log', { events: [alexsLast] });
    await ok(jordan, 'activity:log', { events: [log('call', 1, Date.now())] });
    await ok(priya, 'activity:log', { events: [log('call', 1, Date.now())] });
    await ok(priya, 'cheer:send', {
      id: uuidv7(),
      reaction: 'taunt',
      eventId: alexsLast.id,
      text: 'Catch me',
    });

    // A fresh load: the "just ended" notices of the duels were shown once already.
    await page.reload();
    const live = page.getByRole('heading', { name: 'Live challenges' });
    await live.waitFor({ timeout: SEE_MS });
    await page.getByTestId('challenge').nth(2).waitFor({ timeout: SEE_MS });
    await shoot(page, 'live.png');
    await reviewShot(page, 'live-cards.png');

    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'live-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });

    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'phone.png');
    await reviewShot(page, 'phone-cards.png');
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    await page.getByRole('heading', { name: 'Pack activity' }).scrollIntoViewIfNeeded();
    await reviewShot(page, 'phone-bottom.png', false);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.setViewportSize(DESKTOP);

    await go(page, 'History');
    await page.getByTestId('history-row').nth(2).waitFor({ timeout: SEE_MS });
    await page.getByTestId('history-row').first().getByRole('link').first().click();
    await page.getByTestId('history-detail').waitFor({ timeout: SEE_MS });
    await shoot(page, 'history.png');

    await go(page, 'Stats');
    await page.locator('.chart svg').first().waitFor({ timeout: SEE_MS });
    await shoot(page, 'stats.png');

    await go(page, 'Settings');
    await page.getByRole('button', { name: 'Create board link' }).click();
    const link = page.getByTestId('board-link');
    await link.waitFor({ timeout: SEE_MS });
    const boardUrl = (await link.getAttribute('href')) ?? '';
    const tv = await openTab(browser);
    await tv.page.setViewportSize({ width: 1920, height: 1080 });
    await tv.page.goto(boardUrl);
    await tv.page.getByTestId('board-standing').first().waitFor({ timeout: 15_000 });
    await shoot(tv.page, 'board.png');

    const problems = [...tab.problems, ...tv.problems];
    if (problems.length > 0) throw new Error(`the pages reported problems:\n${problems.join('\n')}`);
  } finally {
    for (const socket of sockets) socket.close();
    await browser.close();
    await relay.close();
    removeDir(relay.dir);
  }
}

// A hung browser or relay must not keep the script (or CI) waiting.
const deadline = setTimeout(() => {
  console.error('screenshots: gave up after 120 s');
  process.exit(1);
}, 120_000);
deadline.unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
