import { describe, expect, it } from 'vitest';
import type { HotkeyState } from '../../../core/app-api.ts';
import { BUILT_IN_METRICS } from '../../../core/metrics.ts';
import type { ChallengeView } from '../../../core/types.ts';
import { menuText } from '../testing/fakes.ts';
import { DAY, HOUR, challenge, member } from '../testing/fixtures.ts';
import { defaultBindings } from '../hotkeys/hotkey-manager.ts';
import { buildTrayView, pickFeaturedChallenge } from './tray-model.ts';
import type { TrayInput } from './tray-model.ts';

const ZONE = 'Europe/Berlin';
// Wednesday 25 Nov 2026, 11:00 in Berlin.
const NOW = Date.parse('2026-11-25T10:00:00Z');
const WEEK_START = Date.parse('2026-11-22T23:00:00Z');
const WEEK_END = WEEK_START + 7 * DAY;
const members = [member('me', 'Alex'), member('sam'), member('kim'), member('lee')];

describe('pickFeaturedChallenge', () => {
  const live = (id: string, start: number, end: number, extra: Partial<ChallengeView> = {}) =>
    challenge({ id, start, end, scores: [['me', 1]], ...extra });
  const cases: [string, ChallengeView[], string | null][] = [
    ['nothing at all', [], null],
    ['the only live one', [live('a', NOW - DAY, NOW + DAY)], 'a'],
    [
      'the live one ending soonest',
      [live('a', NOW - DAY, NOW + 3 * DAY), live('b', NOW - HOUR, NOW + HOUR)],
      'b',
    ],
    [
      'a scheduled one whose start has passed counts as live',
      [live('a', NOW - HOUR, NOW + 2 * DAY, { status: 'scheduled' }), live('b', NOW + HOUR, NOW + DAY)],
      'a',
    ],
    [
      'live beats one starting soon',
      [live('soon', NOW + 60_000, NOW + HOUR, { status: 'scheduled' }), live('a', NOW - DAY, NOW + 9 * DAY)],
      'a',
    ],
    [
      'without a live one, the next to start',
      [
        live('later', NOW + 2 * DAY, NOW + 3 * DAY, { status: 'scheduled' }),
        live('next', NOW + HOUR, NOW + 9 * DAY, { status: 'scheduled' }),
      ],
      'next',
    ],
    ['not one you declined', [challenge({ id: 'a', start: NOW - DAY, declined: ['me'] })], null],
    ['not one you are not in', [challenge({ id: 'a', start: NOW - DAY, scores: [['sam', 3]] })], null],
    ['not an ended one', [live('a', NOW - DAY, NOW + DAY, { status: 'ended' })], null],
    ['not a cancelled one', [live('a', NOW - DAY, NOW + DAY, { status: 'cancelled' })], null],
    ['not one past its end awaiting its result', [live('a', NOW - DAY, NOW)], null],
    [
      'equal ends: the earlier start',
      [live('b', NOW - HOUR, NOW + DAY), live('a', NOW - DAY, NOW + DAY)],
      'a',
    ],
  ];
  it.each(cases)('%s', (_, challenges, expected) => {
    expect(pickFeaturedChallenge(challenges, 'me', NOW)?.id ?? null).toBe(expected);
  });
});

describe('buildTrayView', () => {
  const hotkeys: HotkeyState = { bindings: defaultBindings(), paused: false, problems: [] };
  const input = (over: Partial<TrayInput> = {}): TrayInput => ({
    you: members[0] ?? null,
    members,
    metrics: [...BUILT_IN_METRICS],
    challenges: [
      challenge({
        start: WEEK_START,
        scores: [
          ['me', 23],
          ['sam', 27],
        ],
      }),
    ],
    connection: { state: 'online', queued: 0 },
    hotkeys,
    timeZone: ZONE,
    now: NOW,
    ...over,
  });

  it('shows the score in tooltip, first menu line and icon, with the whole menu', () => {
    const view = buildTrayView(input());
    expect(view.tooltip).toBe('Calls this week: you 23, Sam 27, ends Mon 00:00');
    expect(menuText(view.menu)).toEqual([
      'Calls this week: you 23, Sam 27, ends Mon 00:00',
      // 23 and 27 after 59 of the week's 168 hours.
      'On pace for 65, Sam 77',
      'Log a call  (CommandOrControl+Alt+C)',
      'Log an appointment  (CommandOrControl+Alt+A)',
      'Log a proposal  (CommandOrControl+Alt+P)',
      'Log a forward appointment…  (CommandOrControl+Alt+F)',
      'Undo last log  (CommandOrControl+Alt+Z)',
      '---',
      'Most calls this week (4d 13h left) >',
      '  1. Sam 27',
      '  2. You 23',
      '  ---',
      '  Open in Wolfpack',
      '---',
      'Open Wolfpack',
      '[ ] Pause hotkeys',
      'Online',
      '---',
      'Quit Wolfpack',
    ]);
    expect(view.icon).toEqual({ you: 23, them: 27, status: 'behind', offline: false });
  });

  it.each<[string, Partial<TrayInput>, string, string]>([
    [
      'offline with logs waiting',
      { connection: { state: 'offline', queued: 3 } },
      ' (offline, 3 queued)',
      'Offline: 3 logs queued',
    ],
    [
      'offline with one',
      { connection: { state: 'offline', queued: 1 } },
      ' (offline, 1 queued)',
      'Offline: 1 log queued',
    ],
    ['offline, nothing waiting', { connection: { state: 'offline', queued: 0 } }, ' (offline)', 'Offline'],
    ['connecting', { connection: { state: 'connecting', queued: 0 } }, ' (connecting…)', 'Connecting…'],
  ])('connection %s', (_, over, tooltipEnd, label) => {
    const view = buildTrayView(input(over));
    expect(view.tooltip).toBe(`Calls this week: you 23, Sam 27, ends Mon 00:00${tooltipEnd}`);
    expect(menuText(view.menu)).toContain(label);
    expect(view.icon.offline).toBe(true);
  });

  it.each<[string, Partial<TrayInput>, string]>([
    ['not in a pack', { you: null, challenges: [] }, 'Wolfpack: not in a pack yet'],
    ['no challenge', { challenges: [] }, 'Wolfpack: no live challenge'],
  ])('%s', (_, over, text) => {
    const view = buildTrayView(input(over));
    expect(view.tooltip).toBe(text);
    expect(menuText(view.menu)[0]).toBe(text);
    expect(view.icon).toEqual({ you: null, them: null, status: 'none', offline: false });
    const lines = menuText(view.menu);
    expect(lines.some((l, i) => l === '---' && lines[i + 1] === '---')).toBe(false);
  });

  it.each<[string, ChallengeView, string | undefined]>([
    [
      'a race: the day it is reached',
      challenge({
        format: 'race',
        target: 40,
        start: WEEK_START,
        scores: [
          ['me', 20],
          ['sam', 5],
        ],
      }),
      'On pace to reach 40 on Fri',
    ],
    [
      'a goal: on track or not',
      challenge({ format: 'goal', target: 50, start: WEEK_START, scores: [['me', 10]] }),
      'Behind pace for the goal of 50, on pace for 28',
    ],
    [
      'one still to come: no pace yet',
      challenge({
        status: 'scheduled',
        start: NOW + HOUR,
        scores: [
          ['me', 0],
          ['sam', 0],
        ],
      }),
      'Log a call  (CommandOrControl+Alt+C)',
    ],
  ])('the line under the score tells the pace of %s', (_, featured, expected) => {
    expect(menuText(buildTrayView(input({ challenges: [featured] })).menu)[1]).toBe(expected);
  });

  it('cannot log before joining a pack', () => {
    const view = buildTrayView(input({ you: null, challenges: [] }));
    expect(menuText(view.menu).filter((l) => l.endsWith('(disabled)'))).toHaveLength(5);
  });

  it.each<[[number, number], string]>([
    [[30, 27], 'leading'],
    [[27, 27], 'tied'],
    [[3, 27], 'behind'],
  ])('icon status for %j is %s', ([me, sam], status) => {
    const view = buildTrayView(
      input({
        challenges: [
          challenge({
            start: WEEK_START,
            scores: [
              ['me', me],
              ['sam', sam],
            ],
          }),
        ],
      }),
    );
    expect(view.icon).toEqual({ you: me, them: sam, status, offline: false });
  });

  it('paused hotkeys are ticked, and each problem has its own line without a dead shortcut', () => {
    const message = 'Ctrl+Alt+A is taken by another application, so no hotkey logs an appointment.';
    const view = buildTrayView(
      input({
        hotkeys: {
          ...hotkeys,
          paused: true,
          problems: [{ action: 'appointment', accelerator: 'CommandOrControl+Alt+A', message }],
        },
      }),
    );
    const lines = menuText(view.menu);
    expect(lines).toContain('[x] Pause hotkeys');
    expect(lines).toContain(message);
    expect(lines).toContain('Log an appointment');
  });

  it('lists every live challenge, yours first, the featured one on top', () => {
    const view = buildTrayView(
      input({
        challenges: [
          challenge({
            id: 'theirs',
            title: 'Kim vs Lee',
            start: WEEK_START,
            end: NOW + HOUR,
            scores: [
              ['kim', 1],
              ['lee', 2],
            ],
          }),
          challenge({
            id: 'long',
            title: 'Quarter',
            start: WEEK_START,
            end: NOW + 30 * DAY,
            scores: [
              ['me', 9],
              ['sam', 1],
            ],
          }),
          challenge({
            id: 'short',
            title: 'Power hour',
            start: NOW - HOUR,
            end: NOW + 20 * 60_000,
            scores: [
              ['me', 2],
              ['sam', 2],
            ],
          }),
          challenge({
            id: 'later',
            title: 'Next week',
            status: 'scheduled',
            start: WEEK_END,
            scores: [['me', 0]],
          }),
        ],
      }),
    );
    const submenus = view.menu.flatMap((i) => (i.kind === 'submenu' ? [i.label] : []));
    expect(submenus).toEqual(['Power hour (20m left)', 'Quarter (30d 0h left)', 'Kim vs Lee (1h 00m left)']);
    expect(menuText(view.menu)).toContain('  1. You 2');
  });

  it('shows a name or title an older relay stored with a line break as one line', () => {
    const forged = [member('me', 'Alex'), { ...member('sam'), displayName: 'Sam\n2. Mal 99' }];
    const view = buildTrayView(
      input({
        members: forged,
        challenges: [
          challenge({
            start: WEEK_START,
            title: 'Calls\u202Eweek',
            scores: [
              ['me', 1],
              ['sam', 2],
            ],
          }),
        ],
      }),
    );
    const lines = [view.tooltip, ...menuText(view.menu)];
    expect(lines.some((l) => l.includes('\n') || l.includes('\u202E'))).toBe(false);
    expect(menuText(view.menu)).toContain('  1. Sam 2. Mal 99 2');
  });
});
