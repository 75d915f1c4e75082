import { oneLine } from '../../../core/safe-text.ts';
import type { HotkeyAction, HotkeyState } from '../../../core/app-api.ts';
import { isLive, pickFeaturedChallenge, takesPart } from '../../../core/featured.ts';
import { formatTimeLeft } from '../../../core/format.ts';
import { paceWords } from '../../../core/pace.ts';
import type { MetricDef } from '../../../core/metrics.ts';
import type { ChallengeView, Member } from '../../../core/types.ts';
import type { MenuItemModel } from '../ports.ts';
import { rivalOf, scoreLine } from './score-line.ts';

export { challengeHead, rivalOf, scoreLine, shortWhen } from './score-line.ts';
// The ordering lives in core so the Live summary lists challenges in the order the tray features them.
export { isLive, pickFeaturedChallenge } from '../../../core/featured.ts';

export interface TrayInput {
  you: Member | null;
  members: Member[];
  metrics: MetricDef[];
  challenges: ChallengeView[];
  connection: { state: 'connecting' | 'online' | 'offline'; queued: number };
  hotkeys: HotkeyState | null;
  timeZone: string;
  now: number;
}

export interface IconSpec {
  you: number | null;
  them: number | null;
  status: 'leading' | 'behind' | 'tied' | 'none';
  offline: boolean;
}

export interface TrayView {
  tooltip: string;
  menu: MenuItemModel[];
  icon: IconSpec;
}

/** Names and titles as one safe line each: an older relay may have stored line breaks in them. */
function oneLineTexts(input: TrayInput): TrayInput {
  return {
    ...input,
    members: input.members.map((m) => ({ ...m, displayName: oneLine(m.displayName) })),
    challenges: input.challenges.map((c) => ({ ...c, title: oneLine(c.title) })),
  };
}

const LOG_ITEMS: { action: Exclude<HotkeyAction, 'undo'>; label: string }[] = [
  { action: 'call', label: 'Log a call' },
  { action: 'appointment', label: 'Log an appointment' },
  { action: 'proposal', label: 'Log a proposal' },
  // The ellipsis says a box opens: the meeting date is asked for.
  { action: 'forward_appointment', label: 'Log a forward appointment…' },
];

function connectionLabel({ state, queued }: TrayInput['connection']): string {
  const logs = `${queued} ${queued === 1 ? 'log' : 'logs'}`;
  if (state === 'online') return queued > 0 ? `Online, sending ${logs}` : 'Online';
  if (state === 'connecting') return queued > 0 ? `Connecting… (${logs} queued)` : 'Connecting…';
  return queued > 0 ? `Offline: ${logs} queued` : 'Offline';
}

function connectionNote({ state, queued }: TrayInput['connection']): string | null {
  if (state === 'online') return null;
  const word = state === 'offline' ? 'offline' : 'connecting…';
  return queued > 0 ? `${word}, ${queued} queued` : word;
}

function iconSpec(input: TrayInput, featured: ChallengeView | null): IconSpec {
  const offline = input.connection.state !== 'online';
  if (!input.you || !featured || !isLive(featured, input.now)) {
    return { you: null, them: null, status: 'none', offline };
  }
  const you = featured.standings.find((s) => s.memberId === input.you?.id)?.count ?? 0;
  const them = rivalOf(featured.standings, input.you.id)?.count ?? null;
  if (them === null) return { you, them, status: 'none', offline };
  return { you, them, status: you > them ? 'leading' : you < them ? 'behind' : 'tied', offline };
}

function challengeMenu(
  challenge: ChallengeView,
  input: TrayInput,
  nameOf: (id: string) => string,
): MenuItemModel {
  const standings: MenuItemModel[] = challenge.standings.map((s) => ({
    kind: 'label',
    label: `${s.rank}. ${s.memberId === input.you?.id ? 'You' : nameOf(s.memberId)} ${s.count}`,
  }));
  return {
    kind: 'submenu',
    label: `${challenge.title} (${formatTimeLeft(challenge.end - input.now)} left)`,
    items: [
      ...(standings.length > 0 ? standings : [{ kind: 'label', label: 'No scores yet' } as const]),
      { kind: 'separator' },
      { kind: 'action', id: `challenge:${challenge.id}`, label: 'Open in Wolfpack' },
    ],
  };
}

/** Tooltip, menu and icon from the app state; the score shows in all three (GNOME has no tooltips). */
export function buildTrayView(unsafe: TrayInput): TrayView {
  const input = oneLineTexts(unsafe);
  const { you, now } = input;
  const nameOf = (id: string) => input.members.find((m) => m.id === id)?.displayName ?? 'a former member';
  const featured = you ? pickFeaturedChallenge(input.challenges, you.id, now) : null;
  let line: string;
  if (!you) line = 'Wolfpack: not in a pack yet';
  else if (!featured) line = 'Wolfpack: no live challenge';
  else line = scoreLine(featured, you.id, nameOf, input.metrics, input.timeZone, now);

  // Said right under the score, so the menu tells where the featured challenge is heading too.
  const pace =
    you && featured
      ? paceWords(featured, now, { youId: you.id, names: nameOf, timeZone: input.timeZone })
      : null;
  const paceItems: MenuItemModel[] = pace
    ? [{ kind: 'label', label: `${pace.charAt(0).toUpperCase()}${pace.slice(1)}` }]
    : [];

  const note = connectionNote(input.connection);
  const tooltip = note ? `${line} (${note})` : line;

  const bindings = input.hotkeys?.bindings;
  const broken = new Set(input.hotkeys?.problems.map((p) => p.action));
  // Electron syntax, shown natively by the menu ("⌘⌥C" on macOS); a key that does not work is
  // left out rather than advertised.
  const accelerator = (action: HotkeyAction) =>
    bindings && !broken.has(action) ? { accelerator: bindings[action] } : {};
  const inPack = you !== null;

  // Live ones you are in come first (the featured one leads), then the rest of the pack's.
  const live = input.challenges
    .filter((c) => isLive(c, now))
    .sort(
      (a, b) =>
        Number(b === featured) - Number(a === featured) ||
        Number(you !== null && takesPart(b, you.id)) - Number(you !== null && takesPart(a, you.id)) ||
        a.end - b.end,
    );

  const menu: MenuItemModel[] = [
    { kind: 'label', label: line },
    ...paceItems,
    ...LOG_ITEMS.map(({ action, label }): MenuItemModel => ({
      kind: 'action',
      id: `log:${action}`,
      label,
      enabled: inPack,
      ...accelerator(action),
    })),
    { kind: 'action', id: 'undo', label: 'Undo last log', enabled: inPack, ...accelerator('undo') },
    { kind: 'separator' },
    ...live.map((c) => challengeMenu(c, input, nameOf)),
    ...(live.length > 0 ? [{ kind: 'separator' } as const] : []),
    { kind: 'action', id: 'open', label: 'Open Wolfpack' },
    {
      kind: 'action',
      id: 'pause',
      label: 'Pause hotkeys',
      checked: input.hotkeys?.paused ?? false,
      enabled: input.hotkeys !== null,
    },
    { kind: 'label', label: connectionLabel(input.connection) },
    ...(input.hotkeys?.problems ?? []).map((p): MenuItemModel => ({ kind: 'label', label: p.message })),
    { kind: 'separator' },
    { kind: 'action', id: 'quit', label: 'Quit Wolfpack' },
  ];

  return { tooltip, menu, icon: iconSpec(input, featured) };
}
