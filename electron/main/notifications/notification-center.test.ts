import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationChoices, QuietHours } from '../../../core/app-api.ts';
import type { NotificationRequest } from '../ports.ts';
import { FakeClock, FakeNotifier } from '../testing/fakes.ts';
import { FileSeenStore, MemorySeenStore, NotificationCenter } from './notification-center.ts';
import type { NotificationKind, SeenStore } from './notification-center.ts';

const ALL_ON: NotificationChoices = {
  challengeEnded: true,
  overtaken: true,
  challengeStarted: true,
  partnerJoined: true,
  cheers: true,
  personalBest: true,
  weeklyRecap: true,
};
const NIGHT: QuietHours = { enabled: true, from: '22:00', to: '07:00' };

const request = (id: string): NotificationRequest => ({
  id,
  title: `title ${id}`,
  body: 'body',
  route: `/r/${id}`,
});

function setup(opts: { start?: string; seen?: SeenStore; choices?: Partial<NotificationChoices> } = {}) {
  // Berlin is UTC+1 in November.
  const clock = new FakeClock(opts.start ?? '2026-11-25T10:00:00Z');
  const notifier = new FakeNotifier(clock);
  const opened: string[] = [];
  const settings = { choices: { ...ALL_ON, ...opts.choices }, quietHours: NIGHT };
  const center = new NotificationCenter({
    notifier,
    clock,
    seen: opts.seen ?? new MemorySeenStore(),
    choices: () => settings.choices,
    quietHours: () => settings.quietHours,
    timeZone: () => 'Europe/Berlin',
    onOpen: (route) => opened.push(route),
  });
  return { clock, notifier, opened, settings, center };
}

describe('NotificationCenter', () => {
  it('shows a notification, and a click opens its page', () => {
    const { notifier, opened, center } = setup();
    center.notify('challengeEnded', request('ended:c1'));
    expect(notifier.ids()).toEqual(['ended:c1']);
    notifier.click('ended:c1');
    expect(opened).toEqual(['/r/ended:c1']);
  });

  it('never shows the same id twice', () => {
    const { notifier, center } = setup();
    center.notify('challengeEnded', request('ended:c1'));
    center.notify('challengeEnded', request('ended:c1'));
    center.notify('overtaken', request('overtaken:c1:sam:6'));
    center.notify('overtaken', request('overtaken:c1:sam:6'));
    expect(notifier.ids()).toEqual(['ended:c1', 'overtaken:c1:sam:6']);
  });

  it.each<[NotificationKind, keyof NotificationChoices]>([
    ['challengeEnded', 'challengeEnded'],
    ['overtaken', 'overtaken'],
    ['challengeStarted', 'challengeStarted'],
    ['invited', 'challengeStarted'],
    ['partnerJoined', 'partnerJoined'],
    ['cheers', 'cheers'],
  ])('drops %s when %s is switched off, and does not replay it later', (kind, choice) => {
    const { notifier, settings, center } = setup({ choices: { [choice]: false } });
    center.notify(kind, request('x'));
    center.notify('challengeEnded', request('other'));
    settings.choices = ALL_ON;
    center.notify(kind, request('x'));
    expect(notifier.ids()).toEqual(choice === 'challengeEnded' ? [] : ['other']);
  });

  it('holds notifications during quiet hours and shows them in order when they end', () => {
    // 23:00 in Berlin.
    const { clock, notifier, center } = setup({ start: '2026-11-25T22:00:00Z' });
    center.notify('overtaken', request('a'));
    clock.advance(2 * 3_600_000); // 01:00, past midnight
    center.notify('challengeEnded', request('b'));
    center.notify('challengeEnded', request('a'));
    expect(notifier.shown).toEqual([]);
    expect(center.heldCount()).toBe(2);

    clock.advanceTo('2026-11-26T05:59:59Z');
    expect(notifier.shown).toEqual([]);
    clock.advanceTo('2026-11-26T06:00:00Z'); // 07:00 in Berlin
    expect(notifier.ids()).toEqual(['a', 'b']);
    expect(notifier.shown.map((n) => n.shownAt)).toEqual([
      Date.parse('2026-11-26T06:00:00Z'),
      Date.parse('2026-11-26T06:00:00Z'),
    ]);
    expect(center.heldCount()).toBe(0);
  });

  it('a held notification is not marked seen until shown', () => {
    const seen = new MemorySeenStore();
    const { center } = setup({ start: '2026-11-25T22:00:00Z', seen });
    center.notify('challengeEnded', request('ended:c1'));
    expect(seen.has('ended:c1')).toBe(false);
    center.dispose();
    expect(seen.has('ended:c1')).toBe(false);
  });

  it('releases held ones at once when quiet hours are switched off', () => {
    const { notifier, settings, center } = setup({ start: '2026-11-25T22:00:00Z' });
    center.notify('cheers', request('c'));
    settings.quietHours = { ...NIGHT, enabled: false };
    center.settingsChanged();
    expect(notifier.ids()).toEqual(['c']);
  });

  it('waits for the new end when quiet hours are extended', () => {
    const { clock, notifier, settings, center } = setup({ start: '2026-11-25T22:00:00Z' });
    center.notify('cheers', request('c'));
    settings.quietHours = { ...NIGHT, to: '08:00' };
    center.settingsChanged();
    clock.advanceTo('2026-11-26T06:30:00Z');
    expect(notifier.shown).toEqual([]);
    clock.advanceTo('2026-11-26T07:00:00Z');
    expect(notifier.ids()).toEqual(['c']);
  });

  it('drops a held notification whose kind was switched off while it waited', () => {
    const { clock, notifier, settings, center } = setup({ start: '2026-11-25T22:00:00Z' });
    center.notify('overtaken', request('o'));
    center.notify('challengeEnded', request('e'));
    settings.choices = { ...ALL_ON, overtaken: false };
    clock.advance(12 * 3_600_000);
    expect(notifier.ids()).toEqual(['e']);
  });

  it('dispose cancels the release timer', () => {
    const { clock, notifier, center } = setup({ start: '2026-11-25T22:00:00Z' });
    center.notify('cheers', request('c'));
    center.dispose();
    clock.advance(24 * 3_600_000);
    expect(notifier.shown).toEqual([]);
    expect(clock.pending()).toBe(0);
  });
});

describe('FileSeenStore', () => {
  const dirs: string[] = [];
  const tempFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'wolfpack-seen-'));
    dirs.push(dir);
    return join(dir, 'nested', 'notified.json');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('after a restart, nothing already shown is shown again', () => {
    const path = tempFile();
    const first = setup({ seen: new FileSeenStore(path) });
    first.center.notify('challengeEnded', request('ended:c1'));
    first.center.dispose();

    // The app restarts and the relay's catch-up sends the same result again.
    const second = setup({ seen: new FileSeenStore(path) });
    second.center.notify('challengeEnded', request('ended:c1'));
    second.center.notify('challengeEnded', request('ended:c2'));
    expect(first.notifier.ids()).toEqual(['ended:c1']);
    expect(second.notifier.ids()).toEqual(['ended:c2']);
  });

  it('keeps only the most recent ids', () => {
    const path = tempFile();
    const store = new FileSeenStore(path, 3);
    for (const id of ['a', 'b', 'c', 'd']) store.add(id);
    const reopened = new FileSeenStore(path, 3);
    expect(['a', 'b', 'c', 'd'].map((id) => reopened.has(id))).toEqual([false, true, true, true]);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ version: 1, ids: ['b', 'c', 'd'] });
  });

  it.each(['{"ids": [', 'null', '{"ids": 5}', ''])(
    'a damaged file (%j) starts empty and keeps working',
    (text) => {
      const path = tempFile();
      new FileSeenStore(path).add('seed');
      writeFileSync(path, text);
      const store = new FileSeenStore(path);
      expect(store.has('seed')).toBe(false);
      expect(store.lastError).toMatch(/damaged/);
      store.add('next');
      expect(new FileSeenStore(path).has('next')).toBe(true);
    },
  );

  it('a write that fails keeps the id in memory and says why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wolfpack-seen-'));
    dirs.push(dir);
    // A folder where the file should be: every write fails.
    const store = new FileSeenStore(dir);
    store.add('x');
    expect(store.has('x')).toBe(true);
    expect(store.lastError).toMatch(/cannot write/);
  });
});
