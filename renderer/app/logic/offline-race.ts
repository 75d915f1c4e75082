import type { ConnectionState } from '../../../core/app-api.ts';
import type { AppView } from '../services.ts';

/** How long "connecting" may last before it counts as being away: a page load takes less. */
export const AWAY_AFTER_MS = 3_000;

/**
 * Whether the app is away from the relay: offline, or still not connected a few seconds after it
 * last was (a network that drops packets keeps a socket "connecting" for a long time). The first
 * connecting of a page load is not being away; a notice flashing on every load would be ignored.
 */
export function isAway(connection: ConnectionState, notOnlineSince: number, now: number): boolean {
  if (connection === 'online') return false;
  return connection === 'offline' || now - notOnlineSince >= AWAY_AFTER_MS;
}

/** The running races this member takes part in. */
export function offlineRaces(state: Pick<AppView, 'challenges' | 'you'>, now: number): string[] {
  const youId = state.you?.id;
  return state.challenges
    .filter(
      (c) =>
        c.format === 'race' &&
        c.status === 'active' &&
        now >= c.start &&
        now < c.end &&
        c.participants.some((p) => p.memberId === youId && !p.declined),
    )
    .map((c) => c.title);
}
