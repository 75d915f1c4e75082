import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppState } from '../../core/app-api.ts';
import { BUILT_IN_METRICS } from '../../core/metrics.ts';
import { buildElectron } from '../../electron/build.ts';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/adapters/app-protocol-routes.ts';
import { installFakeBridge, packState, type BridgeCall } from './fake-bridge.ts';

/**
 * The desktop pages as built, in headless Chromium with the CSP they ship with and a fake
 * `window.wolfpack` standing in for the preload: what a rep sees and types, and which bridge
 * calls it makes.
 */

const root = path.join(import.meta.dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skipReason = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

describe.skipIf(skipReason !== null)(
  `desktop pages in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let server: Server;
    let base: string;
    let browser: Browser;
    let out: string;

    beforeAll(async () => {
      // A folder of its own: other suites build dist/electron at the same time.
      out = await mkdtemp(path.join(tmpdir(), 'wolfpack-pages-'));
      const { outDir } = await buildElectron(root, path.join(out, 'electron'));
      const pages = path.join(outDir, 'renderer');
      server = createServer((req, res) => {
        const name = path.basename(new URL(req.url ?? '/', 'http://x').pathname);
        readFile(path.join(pages, name)).then(
          (body) => {
            res.writeHead(200, {
              'content-type': TYPES[path.extname(name)] ?? 'application/octet-stream',
              'content-security-policy': CONTENT_SECURITY_POLICY,
            });
            res.end(body);
          },
          () => res.writeHead(404).end(),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
        ],
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      server?.close();
      await rm(out, { recursive: true, force: true });
    });

    async function open(
      page: string,
      state: AppState | null,
      results: Record<string, unknown> = {},
    ): Promise<Page> {
      const tab = await browser.newPage();
      const problems: string[] = [];
      tab.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      tab.on('pageerror', (e) => problems.push(e.message));
      await installFakeBridge(tab, state, results);
      await tab.goto(`${base}/${page}`);
      (tab as Page & { problems: string[] }).problems = problems;
      return tab;
    }

    const calls = (tab: Page) =>
      tab.evaluate(() => (globalThis as unknown as { __calls: BridgeCall[] }).__calls);
    const problems = (tab: Page) => (tab as Page & { problems: string[] }).problems;

    it('shows the three first-run forms and a refusal next to the form that caused it', async () => {
      const tab = await open('index.html', null, {
        joinPack: { ok: false, error: { code: 'invite_invalid', message: 'that invite code is not valid' } },
      });
      const join = tab.getByRole('form', { name: 'Join a pack' });
      await join.waitFor();
      await tab.getByRole('form', { name: 'Start a pack' }).waitFor();
      await tab.getByRole('form', { name: 'Host on this computer' }).waitFor();
      await expect.poll(() => join.getByLabel('Relay address').inputValue()).toBe('http://10.0.0.2:7420');
      await join.getByLabel('Invite code').fill('WRONG');
      await join.getByLabel('Your name').fill('Sam');
      await join.getByRole('button', { name: 'Join pack' }).click();
      await join.getByRole('alert').getByText('That invite code is not valid').waitFor();
      expect(await tab.getByRole('form', { name: 'Start a pack' }).getByRole('alert').count()).toBe(0);
      expect((await calls(tab)).find((c) => c.method === 'joinPack')?.args).toEqual([
        { relayUrl: 'http://10.0.0.2:7420', inviteCode: 'WRONG', displayName: 'Sam' },
      ]);
      expect(problems(tab), problems(tab).join('\n')).toEqual([]);
      await tab.close();
    });

    it('shows the pack, live standings, the feed and a hotkey problem, and follows pushes', async () => {
      const tab = await open('index.html', packState(), {
        history: { ok: true, items: [], nextCursor: null },
        headToHead: { ok: true, memberId: 'ana', otherId: 'sam', wins: 2, losses: 1, ties: 0, challenges: 3 },
      });
      await tab.getByRole('heading', { name: 'Live challenges' }).waitFor();
      const text = await tab.textContent('body');
      expect(text).toContain('Hunters');
      expect(text).toContain('Calls this week');
      expect(text).toContain('You logged a call');
      expect(text).toContain('Ctrl+Alt+C is taken by another application');
      const standings = tab.getByTestId('standing');
      expect(await standings.allTextContents()).toEqual([
        // The leader's row says so in words, not only in the colour of its bar.
        expect.stringMatching(/^1SamLeader27/),
        expect.stringMatching(/^2You23/),
      ]);
      expect(await tab.getByTestId('connection').textContent()).toBe('Online');
      await tab.evaluate(() =>
        (globalThis as unknown as { __push: (patch: object) => void }).__push({ queued: 3 }),
      );
      await expect
        .poll(() => tab.getByTestId('connection').textContent())
        .toBe('Offline · 3 waiting to send');
      await tab.getByRole('button', { name: 'Call', exact: true }).click();
      await expect.poll(async () => (await calls(tab)).some((c) => c.method === 'log')).toBe(true);
      await tab.getByRole('link', { name: 'History' }).click();
      await expect
        .poll(() =>
          tab.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash),
        )
        .toBe('#/history');
      await tab.getByText('No ended challenges match.').waitFor();
      expect(problems(tab), problems(tab).join('\n')).toEqual([]);
      await tab.close();
    });

    it('warns before a template copies a running challenge, and offers it or another anyway', async () => {
      const tab = await open('index.html#/new', packState(), {
        createChallenge: { ok: true, challenge: { id: 'c2' } },
      });
      const creates = async () => (await calls(tab)).filter((c) => c.method === 'createChallenge');
      await tab.getByText('A week or a quarter counts everything logged in it so far').waitFor();
      await tab.getByRole('button', { name: 'Most calls this week' }).click();
      const twin = tab.getByTestId('twin');
      await twin.getByText('You already have “Calls this week” running.').waitFor();
      expect(await creates()).toEqual([]);
      await twin.getByRole('button', { name: 'Open it' }).click();
      await expect
        .poll(() =>
          tab.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash),
        )
        .toBe('#/live/c1');
      expect(await creates()).toEqual([]);
      await tab.getByRole('link', { name: 'New challenge' }).click();
      await tab.getByRole('button', { name: 'Most calls this week' }).click();
      await tab.getByTestId('twin').getByRole('button', { name: 'Make another anyway' }).click();
      await expect
        .poll(async () => (await creates()).map((c) => c.args))
        .toEqual([[{ metric: 'call', format: 'most', period: { kind: 'this-week' } }]]);
      expect(problems(tab), problems(tab).join('\n')).toEqual([]);
      await tab.close();
    });

    it('quick entry: the date is prefilled, Enter logs, an error stays inline, Esc cancels', async () => {
      const tab = await open('quick-entry.html', null, {
        submitQuickEntry: {
          ok: false,
          error: { code: 'bad_request', message: 'the meeting date is in the past' },
        },
      });
      await expect.poll(() => tab.locator('#meeting-date').inputValue()).toBe('2026-12-01');
      expect(await tab.locator('#meeting-date:focus').count()).toBe(1);
      // Tab walks through the date's own fields first; the note is reached after them.
      await tab.locator('#note').focus();
      await tab.keyboard.type('Acme, Tuesday');
      await tab.keyboard.press('Enter');
      await expect.poll(() => tab.textContent('#error')).toBe('the meeting date is in the past');
      await tab.keyboard.press('Escape');
      await expect.poll(async () => (await calls(tab)).map((c) => c.method)).toContain('cancelQuickEntry');
      expect((await calls(tab)).find((c) => c.method === 'submitQuickEntry')?.args).toEqual([
        { metric: 'forward_appointment', meetingDate: '2026-12-01', note: 'Acme, Tuesday' },
      ]);
      expect(problems(tab), problems(tab).join('\n')).toEqual([]);
      await tab.close();
    });

    it('quick entry: a meeting date outside every running challenge is warned about before Enter', async () => {
      const now = Date.now();
      const today = new Date(now).toISOString().slice(0, 10);
      const inDays = (n: number) => new Date(now + n * 86_400_000).toISOString().slice(0, 10);
      const forward = BUILT_IN_METRICS.find((m) => m.id === 'forward_appointment');
      const tab = await open('quick-entry.html', null, {
        quickEntryContext: {
          metric: forward,
          defaultMeetingDate: inDays(7),
          meetingCheck: {
            timeZone: 'UTC',
            youId: 'me',
            challenges: [
              {
                title: 'Bookings sprint',
                metric: 'forward_appointment',
                status: 'active',
                start: now - 86_400_000,
                end: now + 86_400_000,
                horizon: { from: today, to: inDays(30) },
                participants: [{ memberId: 'me', declined: false }],
              },
            ],
          },
        },
      });
      const warning = tab.locator('#warning');
      await expect.poll(() => tab.locator('#meeting-date').inputValue()).toBe(inDays(7));
      expect(await warning.isVisible()).toBe(false);
      await tab.locator('#meeting-date').fill(inDays(40));
      await expect
        .poll(() => warning.textContent())
        .toMatch(
          /^This meeting date is outside every running challenge: Bookings sprint counts meetings up to /,
        );
      expect(await tab.locator('#meeting-date').getAttribute('aria-describedby')).toBe('warning');
      await tab.locator('#meeting-date').fill(inDays(10));
      await expect.poll(() => warning.isVisible()).toBe(false);
      expect(problems(tab), problems(tab).join('\n')).toEqual([]);
      await tab.close();
    });
  },
);
