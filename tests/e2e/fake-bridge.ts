import type { Page } from 'playwright-core';
import type { AppState } from '../../core/app-api.ts';
import { BUILT_IN_METRICS } from '../../core/metrics.ts';
import type { ChallengeView, Member } from '../../core/types.ts';

/** What the pages asked the bridge for, in order. */
export interface BridgeCall {
  method: string;
  args: unknown[];
}

const member = (id: string, displayName: string): Member => ({
  id,
  packId: 'p1',
  displayName,
  role: id === 'ana' ? 'owner' : 'member',
  joinedAt: 0,
  active: true,
});

/** Ana's view of a pack with Sam, one live challenge, one log and a taken hotkey. */
export function packState(now = Date.now()): AppState {
  const challenge: ChallengeView = {
    id: 'c1',
    packId: 'p1',
    creatorId: 'ana',
    title: 'Calls this week',
    stake: null,
    metric: 'call',
    format: 'most',
    target: null,
    period: { kind: 'this-week' },
    start: now - 86_400_000,
    end: now + 2 * 86_400_000,
    horizon: null,
    participants: [
      { memberId: 'ana', declined: false },
      { memberId: 'sam', declined: false },
    ],
    status: 'active',
    createdAt: now - 86_400_000,
    endedAt: null,
    repeat: null,
    standings: [
      { memberId: 'ana', count: 23, rank: 2, reachedAt: null },
      { memberId: 'sam', count: 27, rank: 1, reachedAt: null },
    ],
    result: null,
  };
  return {
    connection: { state: 'online', queued: 0, relayUrl: 'http://10.0.0.2:7420' },
    you: member('ana', 'Ana'),
    pack: {
      id: 'p1',
      name: 'Hunters',
      timeZone: 'Europe/Berlin',
      weekStart: 1,
      ownerId: 'ana',
      createdAt: 0,
    },
    members: [member('ana', 'Ana'), member('sam', 'Sam')],
    metrics: [...BUILT_IN_METRICS],
    challenges: [challenge],
    feed: [
      {
        seq: 1,
        eventId: 'e1',
        memberId: 'ana',
        type: 'log',
        metric: 'call',
        count: 1,
        occurredAt: now - 60_000,
        meetingDate: null,
        note: null,
        retracts: null,
      },
    ],
    inviteCode: 'WOLF-1234',
    hotkeys: {
      bindings: {
        call: 'CommandOrControl+Alt+C',
        appointment: 'CommandOrControl+Alt+A',
        proposal: 'CommandOrControl+Alt+P',
        forward_appointment: 'CommandOrControl+Alt+F',
        undo: 'CommandOrControl+Alt+Z',
      },
      paused: false,
      problems: [
        {
          action: 'call',
          accelerator: 'Ctrl+Alt+C',
          message:
            'Ctrl+Alt+C is taken by another application; calls have no hotkey until you choose another',
        },
      ],
    },
    hosting: null,
  };
}

/**
 * Installs `window.wolfpack` before the page's script runs: every method records its call and
 * answers from `results` (ok by default); `window.__push(connectionPatch)` sends a state push.
 */
export async function installFakeBridge(
  page: Page,
  state: AppState | null,
  results: Record<string, unknown>,
): Promise<void> {
  const forwardAppointment = BUILT_IN_METRICS.find((m) => m.id === 'forward_appointment');
  const empty: AppState = {
    connection: { state: 'offline', queued: 0, relayUrl: null },
    you: null,
    pack: null,
    members: [],
    metrics: [...BUILT_IN_METRICS],
    challenges: [],
    feed: [],
    inviteCode: null,
    hotkeys: null,
    hosting: null,
  };
  const answers = {
    getState: state ?? empty,
    getSettings: { relayUrls: ['http://10.0.0.2:7420'] },
    quickEntryContext: { metric: forwardAppointment, defaultMeetingDate: '2026-12-01' },
    ...results,
  };
  await page.addInitScript((answers: Record<string, unknown>) => {
    const calls: { method: string; args: unknown[] }[] = [];
    const listeners: ((value: unknown) => void)[] = [];
    const w = globalThis as unknown as Record<string, unknown>;
    w.__calls = calls;
    w.__push = (patch: Record<string, unknown>) => {
      const current = answers.getState as { connection: Record<string, unknown> };
      const next = { ...current, connection: { ...current.connection, state: 'offline', ...patch } };
      for (const listener of listeners) listener(next);
    };
    w.wolfpack = new Proxy(
      {},
      {
        get:
          (_target, method: string) =>
          (...args: unknown[]) => {
            calls.push({ method, args });
            if (method === 'onState') {
              listeners.push(args[0] as (value: unknown) => void);
              return () => undefined;
            }
            if (method === 'onNavigate') return () => undefined;
            return Promise.resolve(method in answers ? answers[method] : { ok: true });
          },
      },
    );
  }, answers);
}
