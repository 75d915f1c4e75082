/**
 * live_render_ms_20: from the moment a partner's log is sent to the moment the other partner's
 * Live screen has painted the new count, with 20 running challenges among 8 members, in headless
 * Chromium against a real relay. The page watches its own DOM (a MutationObserver) and stamps the
 * first frame after the count changed; the bench compares that with when it sent the log, on one
 * clock (the page's offset from this process is measured first). The figure is the p99 of the logs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import type { Page } from 'playwright-core';
import type { JoinResponse } from '../core/protocol.ts';
import { uuidv7 } from '../core/uuid.ts';
import { startRelay } from '../server/relay.ts';
import { CHROMIUM, hasChromium, launchChromium } from '../tests/e2e/helpers/browser.ts';
import { connect, post, round, sleep, summarize, tempDir } from './lib.ts';
import type { BenchSocket } from './lib.ts';

const ROOT = join(import.meta.dirname, '..');
/** WOLFPACK_WEB_ROOT: a copy of the web app built elsewhere (vite build --outDir DIR). */
const WEB_ROOT = process.env.WOLFPACK_WEB_ROOT ?? join(ROOT, 'dist', 'web');
const NAMES = ['Alex', 'Sam', 'Kim', 'Lee', 'Max', 'Noa', 'Ola', 'Pat', 'Ria', 'Tom'];

/** This machine's clock in ms, to the same sub-millisecond resolution as the page's. */
const now = (): number => performance.timeOrigin + performance.now();

/**
 * How far the page's clock is ahead of this process's: from the round trip that was quickest,
 * where the page's reading falls closest to the middle of the trip.
 */
async function clockOffset(page: Page): Promise<number> {
  let best = { trip: Number.POSITIVE_INFINITY, offset: 0 };
  for (let i = 0; i < 20; i++) {
    const sent = now();
    const there = await page.evaluate(() => performance.timeOrigin + performance.now());
    const back = now();
    if (back - sent < best.trip) best = { trip: back - sent, offset: there - (sent + back) / 2 };
  }
  return best.offset;
}

/**
 * Arms the page: the promise it leaves on window resolves with the page's clock at the first
 * frame after every standing of `name` shows `count`. Runs in the page (no DOM types here).
 */
function armRepaintWatch(page: Page, name: string, count: number): Promise<void> {
  return page.evaluate(
    ([who, expected]) => {
      interface El {
        textContent: string | null;
        querySelector(s: string): El | null;
        querySelectorAll(s: string): Iterable<El>;
      }
      const g = globalThis as unknown as {
        document: El & { body: unknown };
        MutationObserver: new (cb: () => void) => {
          observe(n: unknown, o: object): void;
          disconnect(): void;
        };
        requestAnimationFrame(cb: () => void): void;
        liveRenderPainted?: Promise<number>;
      };
      const shown = (): boolean => {
        const counts = [...g.document.querySelectorAll('[data-testid="standing"]')]
          .filter((row) => row.querySelector('[data-testid="standing-name"]')?.textContent?.trim() === who)
          .map((row) => row.querySelector('[data-testid="standing-count"]')?.textContent?.trim());
        return counts.length > 0 && counts.every((c) => c === String(expected));
      };
      g.liveRenderPainted = new Promise((resolve) => {
        const observer = new g.MutationObserver(() => {
          if (!shown()) return;
          observer.disconnect();
          // The frame's callbacks run before it is painted; a task queued from one runs after.
          g.requestAnimationFrame(() =>
            setTimeout(() => resolve(performance.timeOrigin + performance.now()), 0),
          );
        });
        observer.observe(g.document.body, { subtree: true, childList: true, characterData: true });
      });
    },
    [name, count] as const,
  );
}

function paintedAt(page: Page, timeoutMs: number): Promise<number> {
  return page.evaluate(
    (timeout) =>
      Promise.race([
        (globalThis as unknown as { liveRenderPainted: Promise<number> }).liveRenderPainted,
        new Promise<number>((_, reject) => setTimeout(() => reject(new Error('no repaint')), timeout)),
      ]),
    timeoutMs,
  );
}

async function logOneCall(socket: BenchSocket): Promise<void> {
  const ack = await socket.timeout(10_000).emitWithAck('activity:log', {
    events: [{ id: uuidv7(), type: 'log', metric: 'call', count: 1, occurredAt: Date.now() }],
  });
  if (!ack.ok) throw new Error(`activity:log refused: ${ack.error.code} ${ack.error.message}`);
}

export async function runLiveRender(opts: {
  challenges: number;
  members: number;
  logs: number;
  warmup: number;
}): Promise<Record<string, unknown>> {
  if (!hasChromium()) return { live_render_skipped: `no Chromium at ${CHROMIUM}` };
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    if (process.env.WOLFPACK_WEB_ROOT) throw new Error(`${WEB_ROOT} has no built web app`);
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  }
  const tmp = tempDir();
  const relay = await startRelay({
    port: 0,
    dbPath: join(tmp.dir, 'relay.sqlite'),
    webRoot: WEB_ROOT,
    logLevel: 'silent',
    joinRate: { perSecond: 100, burst: 100 },
    // The setup makes 20 challenges in a second, which a member's message budget refuses; the
    // limiter is not what this measures.
    messageRate: { perSecond: 1000, burst: 1000 },
  });
  const browser = await launchChromium();
  const sockets: BenchSocket[] = [];
  try {
    const owner = await post<JoinResponse & { inviteCode: string }>(
      relay.url,
      '/api/packs',
      { name: 'Bench', timeZone: 'Europe/Berlin', displayName: NAMES[0] },
      201,
    );
    const partners: JoinResponse[] = [];
    for (let i = 1; i < opts.members; i++) {
      const displayName = NAMES[i] ?? `Rep ${i + 1}`;
      partners.push(await post(relay.url, '/api/join', { inviteCode: owner.inviteCode, displayName }, 200));
    }
    const sam = partners[0];
    if (!sam) throw new Error('live-render needs at least two members');
    const ownerSocket = await connect(relay.url, owner.token);
    const samSocket = await connect(relay.url, sam.token);
    sockets.push(ownerSocket, samSocket);
    for (let i = 0; i < opts.challenges; i++) {
      const res = await ownerSocket.timeout(10_000).emitWithAck('challenge:create', {
        metric: 'call',
        format: 'most',
        period: { kind: 'this-week' },
        title: `Bench sprint ${i + 1}`,
      });
      if (!res.ok) throw new Error(`challenge:create failed: ${res.error.code} ${res.error.message}`);
    }

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const membership = JSON.stringify({
      token: owner.token,
      member: owner.member,
      pack: owner.pack,
      inviteCode: owner.inviteCode,
    });
    await context.addInitScript((value) => {
      const { localStorage } = globalThis as unknown as {
        localStorage: { setItem(k: string, v: string): void };
      };
      localStorage.setItem('wolfpack.membership', value);
    }, membership);
    const page = await context.newPage();
    await page.goto(relay.url);
    await page.getByTestId('connection').getByText('Online').waitFor({ timeout: 20_000 });
    const cards = page.getByTestId('challenge');
    await cards.nth(opts.challenges - 1).waitFor({ timeout: 20_000 });
    const shownCards = await cards.count();
    const offset = await clockOffset(page);

    const times: number[] = [];
    const samName = sam.member.displayName;
    for (let i = 1; i <= opts.warmup + opts.logs; i++) {
      await armRepaintWatch(page, samName, i);
      const sent = now();
      const acked = logOneCall(samSocket);
      const painted = await paintedAt(page, 10_000);
      await acked;
      if (i > opts.warmup) times.push(painted - offset - sent);
      // A rep logs a call now and then, not in a tight loop: let the page settle between logs.
      await sleep(20 + (i % 5) * 10);
    }
    await context.close();
    const s = summarize(times);
    return {
      live_render_ms_20: round(s.p99, 1),
      live_render_p50_ms_20: round(s.p50, 1),
      live_render_max_ms_20: round(s.max, 1),
      live_render_logs: s.n,
      live_render_cards: shownCards,
      live_render_clock_offset_ms: round(offset, 2),
    };
  } finally {
    for (const socket of sockets) socket.close();
    await browser.close();
    await relay.close();
    tmp.remove();
  }
}
