/**
 * history_render_ms_5000: from navigation start to the first screenful of rows painted on the
 * History page, with 5,000 ended challenges stored, in headless Chromium against a real relay.
 * The page marks the moment itself (FIRST_SCREEN_MARK); the figure is the median of several
 * loads in one browser profile, so the hashed assets come from its cache as they would for a rep.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import type { JoinResponse } from '../core/protocol.ts';
import { startRelay } from '../server/relay.ts';
import type { Relay } from '../server/relay.ts';
import { FIRST_SCREEN_MARK } from '../renderer/app/logic/marks.ts';
import { CHROMIUM, hasChromium, launchChromium } from '../tests/e2e/helpers/browser.ts';
import { seedEndedChallenges } from './history-render-seed.ts';
import { round, summarize, tempDir } from './lib.ts';

const ROOT = join(import.meta.dirname, '..');
const WEB_ROOT = join(ROOT, 'dist', 'web');

async function post(url: string, path: string, body: unknown): Promise<JoinResponse> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as JoinResponse;
}

function relayAt(dbPath: string): Promise<Relay> {
  return startRelay({
    port: 0,
    dbPath,
    webRoot: WEB_ROOT,
    logLevel: 'silent',
    joinRate: { perSecond: 100, burst: 100 },
  });
}

interface KeyValue {
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface Loads {
  /** The very first load of a fresh profile: nothing cached, not even the app's files. */
  first: number;
  median: number;
  max: number;
  rows: number;
}

/**
 * Loads History `loads + 1` times in a fresh browser profile that is signed in as a member.
 * `keepPage`: whether the page kept from the previous visit may be shown (as for a returning rep);
 * without it every load waits for the relay's answer.
 */
async function measureLoads(
  browser: Browser,
  url: string,
  membership: string,
  memberId: string,
  keepPage: boolean,
  loads: number,
): Promise<Loads> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(
    ([value, forget]) => {
      // Runs in the page; the bench is compiled without DOM types.
      const { localStorage } = globalThis as unknown as { localStorage: KeyValue };
      localStorage.setItem('wolfpack.membership', value);
      if (forget) localStorage.removeItem(forget);
    },
    [membership, keepPage ? '' : `wolfpack.history.${memberId}`] as const,
  );
  const times: number[] = [];
  let rows = 0;
  try {
    for (let i = 0; i <= loads; i++) {
      const page = await context.newPage();
      await page.goto(url);
      times.push(
        await page.evaluate(async (mark) => {
          const deadline = performance.now() + 20_000;
          while (performance.getEntriesByName(mark).length === 0 && performance.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          return performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN;
        }, FIRST_SCREEN_MARK),
      );
      rows = await page.getByTestId('history-row').count();
      await page.close();
    }
  } finally {
    await context.close();
  }
  // The first load fills the browser's cache; a rep opening History has the app's files cached.
  const warm = summarize(times.slice(1));
  return {
    first: round(times[0] ?? Number.NaN, 1),
    median: round(warm.p50, 1),
    max: round(warm.max, 1),
    rows,
  };
}

export async function runHistoryRender(opts: {
  challenges: number;
  loads: number;
}): Promise<Record<string, unknown>> {
  if (!hasChromium()) return { history_render_skipped: `no Chromium at ${CHROMIUM}` };
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  }
  const tmp = tempDir();
  const dbPath = join(tmp.dir, 'relay.sqlite');
  let relay = await relayAt(dbPath);
  const browser = await launchChromium();
  try {
    const alex = await post(relay.url, '/api/packs', {
      name: 'Bench',
      timeZone: 'Europe/Berlin',
      displayName: 'Alex',
    });
    const sam = await post(relay.url, '/api/join', { inviteCode: alex.inviteCode, displayName: 'Sam' });
    await relay.close();
    await seedEndedChallenges(dbPath, alex.member, sam.member, opts.challenges);
    relay = await relayAt(dbPath);

    const membership = JSON.stringify({
      token: alex.token,
      member: alex.member,
      pack: alex.pack,
      inviteCode: alex.inviteCode,
    });
    const url = `${relay.url}/history`;
    const fromRelay = await measureLoads(browser, url, membership, alex.member.id, false, opts.loads);
    const withKeptPage = await measureLoads(browser, url, membership, alex.member.id, true, opts.loads);
    return {
      history_render_ms_5000: withKeptPage.median,
      history_render_from_relay_ms_5000: fromRelay.median,
      history_render_first_visit_ms_5000: fromRelay.first,
      history_render_max_ms_5000: withKeptPage.max,
      history_render_rows_drawn: withKeptPage.rows,
    };
  } finally {
    await browser.close();
    await relay.close();
    tmp.remove();
  }
}
