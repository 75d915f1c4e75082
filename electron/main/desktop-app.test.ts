import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppState } from '../../core/app-api.ts';
import { removeDir, testRelay, type TestRelay } from '../../tests/helpers/relay.ts';
import { DesktopApp } from './desktop-app.ts';
import type { RelayHost } from './ports.ts';
import {
  FakeCipher,
  FakeClock,
  FakeNotifier,
  FakeRegistrar,
  FakeTray,
  FakeWindows,
  MemorySettingsBackend,
} from './testing/fakes.ts';

let relay: TestRelay;
const apps: DesktopApp[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  relay = await testRelay();
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.shutdown();
  for (const dir of dirs.splice(0)) removeDir(dir);
});
afterAll(async () => {
  await relay.close();
  removeDir(relay.dir);
});

const noHost: RelayHost = {
  start: () => Promise.reject(new Error('not hosting in this test')),
  stop: async () => undefined,
};

/** A desktop app with recording fakes for every platform piece, on its own profile folder. */
async function desktop(options: { held?: string[]; clock?: FakeClock } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'wolfpack-desktop-'));
  dirs.push(userDataDir);
  const fakes = {
    tray: new FakeTray(),
    registrar: new FakeRegistrar(options.held ?? []),
    notifier: new FakeNotifier(),
    windows: new FakeWindows(),
    // Real time: the relay refuses logs dated months away from its own clock.
    clock: options.clock ?? new FakeClock(Date.now()),
  };
  let quit = 0;
  const app = await DesktopApp.start({
    userDataDir,
    ...fakes,
    relayHost: noHost,
    settingsBackend: new MemorySettingsBackend(),
    settingsMessage: null,
    cipher: new FakeCipher(),
    platform: 'linux',
    timeZone: 'Europe/Berlin',
    setLaunchAtLogin: () => undefined,
    quit: () => void quit++,
  });
  apps.push(app);
  return { app, ...fakes, userDataDir, quits: () => quit };
}

function nextState(
  app: DesktopApp,
  predicate: (s: AppState) => boolean,
  timeoutMs = 10_000,
): Promise<AppState> {
  if (predicate(app.state())) return Promise.resolve(app.state());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(
        new Error(`state not reached within ${timeoutMs} ms: ${JSON.stringify(app.state().connection)}`),
      );
    }, timeoutMs);
    const off = app.onState((s) => {
      if (!predicate(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

const online = (s: AppState) => s.connection.state === 'online';
const myCount = (s: AppState) => s.challenges[0]?.standings.find((x) => x.memberId === s.you?.id)?.count;

/** Two partners' desktop apps in one pack with "most calls this week" running. */
async function partners() {
  const alex = await desktop();
  const created = await alex.app.api.createPack({
    relayUrl: relay.url,
    name: 'Wolves',
    displayName: 'Alex',
    timeZone: 'Europe/Berlin',
  });
  expect(created).toEqual({ ok: true });
  const invite = (await nextState(alex.app, (s) => online(s) && s.inviteCode !== null)).inviteCode ?? '';
  const sam = await desktop();
  expect(await sam.app.api.joinPack({ relayUrl: relay.url, inviteCode: invite, displayName: 'Sam' })).toEqual(
    { ok: true },
  );
  await nextState(sam.app, online);
  await nextState(alex.app, (s) => s.members.length === 2);
  const challenge = await alex.app.api.createChallenge({
    metric: 'call',
    format: 'most',
    period: { kind: 'this-week' },
  });
  expect(challenge.ok).toBe(true);
  await nextState(sam.app, (s) => s.challenges.length === 1);
  return { alex, sam };
}

describe('the desktop app', () => {
  it("logs a call on a hotkey: durable in the outbox, in the tray at once, and live on the partner's tray", async () => {
    const { alex, sam } = await partners();
    expect(alex.registrar.press('CommandOrControl+Alt+C')).toBe(true);
    // The tray counts the call before the relay answers.
    const local = await nextState(alex.app, (s) => myCount(s) === 1);
    expect(local.challenges[0]?.standings[0]).toMatchObject({ count: 1 });
    expect(alex.tray.tooltip).toMatch(/Calls this week: you 1, Sam 0/);
    expect(alex.tray.menuLines()[0]).toMatch(/you 1, Sam 0/);
    const outbox = await readFile(join(alex.userDataDir, 'profile', 'outbox.jsonl'), 'utf8');
    expect(outbox).toMatch(/"metric":"call"/);

    const partner = await nextState(
      sam.app,
      (s) => s.challenges[0]?.standings.some((x) => x.count === 1) ?? false,
    );
    expect(partner.feed.at(-1)).toMatchObject({ metric: 'call', count: 1 });
    expect(sam.tray.tooltip).toMatch(/you 0, Alex 1/);
    // The icon is drawn from the score within a second of the change.
    sam.clock.advance(1000);
    expect(sam.tray.image?.width).toBe(32);
  });

  it('opens the quick entry for a forward appointment and logs it with its meeting date', async () => {
    const { alex } = await partners();
    alex.registrar.press('CommandOrControl+Alt+F');
    expect(alex.windows.calls.at(-1)).toEqual({ op: 'openQuickEntry', metricId: 'forward_appointment' });
    const context = await alex.app.api.quickEntryContext();
    expect(context.metric.id).toBe('forward_appointment');
    expect(context.defaultMeetingDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const missing = await alex.app.api.submitQuickEntry({ metric: 'forward_appointment' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const logged = await alex.app.api.submitQuickEntry({
      metric: 'forward_appointment',
      meetingDate: context.defaultMeetingDate,
      note: 'Acme',
    });
    expect(logged).toEqual({ ok: true });
    expect(alex.windows.calls.at(-1)).toEqual({ op: 'closeQuickEntry' });
    await nextState(alex.app, (s) =>
      s.feed.some((e) => e.metric === 'forward_appointment' && e.meetingDate === context.defaultMeetingDate),
    );
  });

  it('queues logs while the relay is unreachable and says how many wait', async () => {
    const lonely = await desktop();
    await lonely.app.api.createPack({
      relayUrl: relay.url,
      name: 'Solo',
      displayName: 'Kim',
      timeZone: 'UTC',
    });
    await nextState(lonely.app, online);
    await lonely.app.session?.close();
    expect((await lonely.app.api.log({ metric: 'call' })).ok).toBe(true);
    expect((await lonely.app.api.log({ metric: 'appointment' })).ok).toBe(true);
    const state = await nextState(lonely.app, (s) => s.connection.queued === 2);
    expect(state.connection.state).toBe('offline');
    expect(lonely.tray.menuLines().join('\n')).toMatch(/Offline: 2 logs queued/);
    expect(lonely.tray.tooltip).toMatch(/2 queued/);
  });

  it('reports a key combination another app holds, in the menu, and keeps working on the others', async () => {
    const held = await desktop({ held: ['CommandOrControl+Alt+C'] });
    const problems = held.app.state().hotkeys?.problems ?? [];
    expect(problems.map((p) => p.action)).toEqual(['call']);
    expect(held.tray.menuLines().join('\n')).toMatch(/Ctrl\+Alt\+C/);
    const rebind = await held.app.api.setHotkey('call', 'CommandOrControl+Alt+K');
    expect(rebind).toEqual({ ok: true });
    expect((await held.app.api.getSettings()).hotkeys.call).toBe('CommandOrControl+Alt+K');
    const taken = await held.app.api.setHotkey('appointment', 'CommandOrControl+Alt+C');
    expect(taken).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await held.app.api.getSettings()).hotkeys.appointment).toBe('CommandOrControl+Alt+A');
  });

  it('notifies the result of a challenge once, also after reconnecting, and a click opens its page', async () => {
    const { alex, sam } = await partners();
    const now = Date.now();
    const sprint = await alex.app.api.createChallenge({
      metric: 'appointment',
      format: 'most',
      period: { kind: 'instants', start: now - 1000, end: now + 800 },
    });
    expect(sprint.ok).toBe(true);
    await alex.app.api.log({ metric: 'appointment', count: 2 });
    const id = sprint.ok ? sprint.challenge.id : '';
    await expect.poll(() => sam.notifier.ids(), { timeout: 10_000 }).toContain(`ended:${id}`);
    const ended = sam.notifier.shown.find((n) => n.id === `ended:${id}`);
    expect(ended?.title).toMatch(/lost|Alex won/i);
    // The window's Just ended banner, win moment and result card read it from the state.
    const won = async () => {
      const state = await alex.app.api.getState();
      return state.results?.map((r) => [r.id, r.result?.winners.includes(state.you?.id ?? '')]);
    };
    await expect.poll(won, { timeout: 10_000 }).toEqual([[id, true]]);

    // Reconnect: the relay may offer the result again; the rep does not hear it twice.
    const session = sam.app.session;
    const token = sam.app.vault.load();
    if (!session || !token || !sam.app.membership) throw new Error('no session');
    sam.app.connect(sam.app.membership, token);
    await nextState(sam.app, online);
    expect(sam.notifier.ids().filter((n) => n === `ended:${id}`)).toHaveLength(1);
    sam.notifier.click(`ended:${id}`);
    expect(sam.windows.calls.at(-1)).toEqual({ op: 'openMain', route: `/history/${id}` });
  });

  it('undoes the last log from the tray menu and quits from it', async () => {
    const { alex } = await partners();
    await alex.app.api.log({ metric: 'call', count: 3 });
    await nextState(alex.app, (s) => myCount(s) === 3);
    alex.tray.click('undo');
    await nextState(alex.app, (s) => myCount(s) === 0);
    alex.tray.click('quit');
    expect(alex.quits()).toBe(1);
  });

  it('sends what is queued before it quits', async () => {
    const { alex, sam } = await partners();
    await alex.app.api.log({ metric: 'call' });
    await alex.app.shutdown();
    apps.splice(apps.indexOf(alex.app), 1);
    await nextState(sam.app, (s) => s.challenges[0]?.standings.some((x) => x.count === 1) ?? false);
  });

  it('notifies a cheer or taunt aimed at the rep, once, and offers the pack features to the window', async () => {
    const { alex, sam } = await partners();
    await alex.app.api.log({ metric: 'call' });
    const entry = (await nextState(sam.app, (s) => s.feed.length > 0)).feed.at(-1);
    const taunt = await sam.app.api.sendCheer({
      reaction: 'taunt',
      text: 'Is that all?',
      eventId: entry?.eventId ?? '',
    });
    expect(taunt.ok).toBe(true);
    await expect.poll(() => alex.notifier.titles(), { timeout: 10_000 }).toContain('Sam taunts you');
    expect(alex.notifier.shown.find((n) => n.title === 'Sam taunts you')?.body).toBe('Is that all?');
    await nextState(alex.app, (s) => (s.cheers ?? []).some((c) => c.reaction === 'taunt'));
    // Sam's own taunt does not notify Sam.
    expect(sam.notifier.titles()).not.toContain('Sam taunts you');

    const rotated = await alex.app.api.rotateInvite();
    expect(rotated.ok && rotated.inviteCode).toMatch(/^[A-Z2-9]{4}-/);
    const board = await alex.app.api.createBoard('TV');
    expect(board.ok && board.token).toMatch(/^wpb_/);
    const csv = await alex.app.api.exportChallengesCsv();
    expect(csv.ok && csv.csv.split('\n')[0]).toMatch(/^id,title,metric/);
    expect(await sam.app.api.createBoard('TV')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('keeps the records a log beat in its state, and offers streaks, targets and the recap to the window', async () => {
    const { alex } = await partners();
    const yesterday = Date.now() - 24 * 3_600_000;
    await alex.app.logEvent({
      id: alex.app.newEventId(),
      type: 'log',
      metric: 'call',
      count: 1,
      occurredAt: yesterday,
    });
    await nextState(alex.app, (s) => s.connection.queued === 0);
    await alex.app.api.log({ metric: 'call', count: 2 });
    const state = await nextState(alex.app, (s) => (s.bests ?? []).length > 0);
    expect(state.bests).toContainEqual(
      expect.objectContaining({
        memberId: state.you?.id,
        metric: 'call',
        kind: 'day',
        count: 2,
        previous: 1,
      }),
    );
    expect(await alex.app.api.setDailyTarget('call', 3)).toEqual({ ok: true, target: 3 });
    const progress = await alex.app.api.progress();
    const calls = progress.ok
      ? progress.report.members
          .find((m) => m.memberId === state.you?.id)
          ?.metrics.find((m) => m.metric === 'call')
      : null;
    expect(calls).toMatchObject({ target: 3, today: 2, bestDay: { count: 2 } });
    const recap = await alex.app.api.recap();
    expect(recap.ok && recap.recap.members).toHaveLength(2);
    expect(await alex.app.api.setDailyTarget('call', 0)).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  });

  it('notifies a personal best it beat once that day, and a click opens Stats', async () => {
    const { alex, sam } = await partners();
    const event = (count: number, occurredAt: number) => ({
      id: alex.app.newEventId(),
      type: 'log' as const,
      metric: 'call',
      count,
      occurredAt,
    });
    await alex.app.logEvent(event(1, Date.now() - 24 * 3_600_000));
    await nextState(alex.app, (s) => s.connection.queued === 0);
    await alex.app.api.log({ metric: 'call', count: 2 });
    await expect
      .poll(() => alex.notifier.titles(), { timeout: 10_000 })
      .toContain('New best: 2 calls in a day (was 1)');
    // Beating it again the same day is the same news: the window shows the count as it climbs.
    await alex.app.api.log({ metric: 'call' });
    await nextState(alex.app, (s) => s.connection.queued === 0);
    expect(alex.notifier.ids().filter((id) => id.startsWith('best:call:day:'))).toHaveLength(1);
    expect(sam.notifier.ids().filter((id) => id.startsWith('best:'))).toEqual([]);
    alex.notifier.click(alex.notifier.ids().find((id) => id.startsWith('best:call:day:')) ?? '');
    expect(alex.windows.calls.at(-1)).toEqual({ op: 'openMain', route: '/stats' });
  });
});
