import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ok } from '../helpers/relay.ts';
import type { TestRelay } from '../helpers/relay.ts';
import { startWebSuite, stopWebSuite } from './helpers/web-suite.ts';
import { FLOOR_CHALLENGES, seedFloor } from './helpers/board-pack.ts';
import type { Floor } from './helpers/board-pack.ts';
import { CHROMIUM, hasChromium, openTab, screenshotAll } from './helpers/browser.ts';
import type { Tab } from './helpers/browser.ts';
import { createPackInBrowser, go } from './helpers/web-pack.ts';

const here = hasChromium();
const title = here
  ? 'the floor board on a TV in Chromium against a real relay'
  : `the floor board on a TV: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`;

/** The shortest page interval a board link allows, so a whole rotation takes seconds. */
const ROTATE_S = 5;

/** A busy machine (two cores for every suite) loads a page slower than a TV on a sales floor. */
const LOAD_MS = 15_000;

interface BoardLook {
  /** "Page 1 / 2" (the word for screen readers only), or '' with a single page. */
  page: string;
  titles: string[];
  /** Elements whose box pokes out of the window: on a TV nobody can scroll to them. */
  outside: string[];
  scrolls: boolean;
  /** The overtake or result on screen, and its animation ('none' with reduced motion). */
  moment: string | null;
  momentAnimation: string | null;
}

/**
 * What the board shows, read in one go so a page turn cannot fall between the page number and
 * the titles. Run in the page, as text, because the Node tsconfig has no DOM types.
 */
const LOOK_SCRIPT = `(() => {
  const width = window.innerWidth;
  const height = window.innerHeight;
  const root = document.querySelector('[data-testid="board"]');
  const pageLabel = document.querySelector('[data-testid="board-pager"] p');
  const moment = document.querySelector('[data-testid="board-moment"]');
  const titles = [...document.querySelectorAll('[data-testid="board-challenge"] h2')].map((h) => h.textContent);
  const outside = root ? [] : ['no board'];
  for (const el of root ? [root, ...root.querySelectorAll('*')] : []) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.left < -0.5 || box.top < -0.5 || box.right > width + 0.5 || box.bottom > height + 0.5)
      outside.push(el.tagName + '.' + el.className + ' "' + (el.textContent || '').slice(0, 40) + '"');
  }
  const doc = document.scrollingElement;
  return {
    page: pageLabel ? pageLabel.textContent : '',
    titles,
    outside,
    scrolls: doc.scrollHeight > height || doc.scrollWidth > width,
    moment: moment ? moment.textContent : null,
    momentAnimation: moment ? getComputedStyle(moment).animationName : null,
  };
})()`;

const look = (page: Page): Promise<BoardLook> => page.evaluate(LOOK_SCRIPT) as Promise<BoardLook>;

function nothingOutside(seen: BoardLook): void {
  expect(seen.outside).toEqual([]);
  expect(seen.scrolls).toBe(false);
}

describe.skipIf(!here)(title, () => {
  let relay: TestRelay;
  let browser: Browser;
  let floor: Floor;

  beforeAll(async () => {
    // Nine challenges and twenty-four logs from one pack in a second: more than a real floor sends.
    ({ relay, browser } = await startWebSuite({ messageRate: { perSecond: 1000, burst: 1000 } }));
    floor = await seedFloor(relay.url);
  });

  afterAll(async () => {
    floor?.close();
    await stopWebSuite(relay, browser);
  });

  async function openBoard(width: number, height: number, reducedMotion: boolean): Promise<Tab> {
    const tv = await openTab(browser);
    onTestFailed(() => screenshotAll(`board tv ${width}x${height}`, { tv }));
    await tv.page.setViewportSize({ width, height });
    if (reducedMotion) await tv.page.emulateMedia({ reducedMotion: 'reduce' });
    await tv.page.goto(`${relay.url}/board?rotate=${ROTATE_S}#${floor.boardToken}`);
    await tv.page.getByTestId('board-challenge').first().waitFor({ timeout: LOAD_MS });
    return tv;
  }

  it.each([
    [1920, 1080, false],
    [1280, 720, true],
  ])(
    'at %ix%i every challenge shows within one rotation, all inside the screen',
    { timeout: 60_000 },
    async (width, height, reduced) => {
      const tv = await openBoard(width, height, reduced);
      const page = tv.page;
      const first = await look(page);
      const pages = Number(/\/\s*(\d+)/.exec(first.page)?.[1]);
      expect(pages).toBeGreaterThan(1);

      // Watch one full rotation (and a little) and note every title and page seen on the way.
      const seen = new Set<string>();
      const pagesSeen = new Set<string>();
      const until = Date.now() + pages * ROTATE_S * 1000 + 3_000;
      while (Date.now() < until && (seen.size < FLOOR_CHALLENGES.length || pagesSeen.size < pages)) {
        const now = await look(page);
        if (!pagesSeen.has(now.page)) {
          pagesSeen.add(now.page);
          nothingOutside(now);
        }
        for (const t of now.titles) seen.add(t);
        await page.waitForTimeout(250);
      }
      expect([...seen].sort()).toEqual(FLOOR_CHALLENGES.map((c) => c.title).sort());
      expect([...pagesSeen].sort()).toEqual(
        Array.from({ length: pages }, (_, i) => `Page ${i + 1} / ${pages}`),
      );
      expect(tv.problems).toEqual([]);
    },
  );

  it(
    'an overtake made by a log takes over the board, with reduced motion too',
    { timeout: 60_000 },
    async () => {
      const tv = await openBoard(1920, 1080, true);
      const page = tv.page;
      const moment = page.getByTestId('board-moment');
      expect(await moment.count()).toBe(0);
      // Omar is two calls behind Priya; three more pass her in every challenge that counts calls.
      await floor.log('Omar', 'call', 3);
      await moment.filter({ hasText: /Omar passes Priya in / }).waitFor({ timeout: LOAD_MS });
      const seen = await look(page);
      nothingOutside(seen);
      expect(seen.moment).toMatch(/^OvertakeOmar passes Priya in /);
      // Reduced motion: shown all the same, without the zoom.
      expect(seen.momentAnimation).toBe('none');
    },
  );

  it(
    'the owner picks how often the board turns its page where the link is made',
    { timeout: 60_000 },
    async () => {
      const owner = await openTab(browser);
      onTestFailed(() => screenshotAll('board rotate choice', { owner }));
      await createPackInBrowser(owner.page, relay.url, 'Hunters', 'Alex');
      await go(owner.page, 'Settings');
      await owner.page.getByLabel('Next page every').selectOption('20');
      await owner.page.getByRole('button', { name: 'Create board link' }).click();
      const link = owner.page.getByTestId('board-link');
      await link.waitFor({ timeout: LOAD_MS });
      expect(await link.getAttribute('href')).toMatch(/\/board\?rotate=20#wpb_/);
      // Changed after the link was made, the address shown follows (the token is the same).
      await owner.page.getByLabel('Next page every').selectOption('12');
      expect(await link.getAttribute('href')).toMatch(/\/board#wpb_/);
    },
  );

  // Last: it adds a tenth challenge to the floor.
  it('a challenge that ends puts its result over the board', { timeout: 60_000 }, async () => {
    const tv = await openBoard(1920, 1080, false);
    const now = Date.now();
    await ok(floor.sockets.Alex, 'challenge:create', {
      title: 'Final sprint',
      metric: 'proposal',
      format: 'most',
      period: { kind: 'instants', start: now - 1_000, end: now + 4_000 },
    });
    // One proposal ties Priya with Alex and Jordan elsewhere: no overtake to queue ahead of the result.
    await floor.log('Priya', 'proposal', 1);
    const moment = tv.page.getByTestId('board-moment');
    await moment.filter({ hasText: 'Priya wins Final sprint 1 to 0' }).waitFor({ timeout: LOAD_MS });
    expect(await moment.textContent()).toBe('ResultPriya wins Final sprint 1 to 0');
    nothingOutside(await look(tv.page));
  });
});
