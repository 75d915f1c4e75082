import type { Member, Pack, Snapshot } from '../../core/types.ts';
import type { ResultLedger } from '../../client/result-delivery.ts';
import { readJson, writeJson } from './key-value.ts';
import type { KeyValueStore } from './key-value.ts';

/** Who this browser is in which pack: what creating or joining gave us. */
export interface Membership {
  token: string;
  member: Member;
  pack: Pack;
  inviteCode: string | null;
}

const MEMBERSHIP = 'wolfpack.membership';
const SNAPSHOT = 'wolfpack.snapshot';
const RECENT_LOGS = 'wolfpack.recent-logs';
const SHOWN_RESULTS = 'wolfpack.shown-results';
const RECENT_KEPT = 100;
const SHOWN_KEPT = 500;

export const outboxKey = (memberId: string): string => `wolfpack.outbox.${memberId}`;

export function loadMembership(store: KeyValueStore): Membership | null {
  const value = readJson<Membership | null>(store, MEMBERSHIP, null);
  return value && typeof value.token === 'string' && value.member && value.pack ? value : null;
}

export function saveMembership(store: KeyValueStore, membership: Membership): void {
  writeJson(store, MEMBERSHIP, membership);
}

export function forgetMembership(store: KeyValueStore): void {
  for (const key of [MEMBERSHIP, SNAPSHOT, RECENT_LOGS, SHOWN_RESULTS]) store.removeItem(key);
}

/** The last snapshot, so a page loaded while the relay is away still shows the pack. */
export function loadSnapshot(store: KeyValueStore, memberId: string): Snapshot | null {
  const snapshot = readJson<Snapshot | null>(store, SNAPSHOT, null);
  return snapshot?.you?.id === memberId ? snapshot : null;
}

export function saveSnapshot(store: KeyValueStore, snapshot: Snapshot): void {
  writeJson(store, SNAPSHOT, snapshot);
}

/** Ids of this browser's own logs, newest last: what Undo takes back. */
export function recentLogs(store: KeyValueStore): { id: string }[] {
  const ids = readJson<unknown>(store, RECENT_LOGS, []);
  return Array.isArray(ids) ? ids.filter((id) => typeof id === 'string').map((id: string) => ({ id })) : [];
}

export function pushRecentLog(store: KeyValueStore, id: string): void {
  const ids = recentLogs(store).map((log) => log.id);
  writeJson(store, RECENT_LOGS, [...ids, id].slice(-RECENT_KEPT));
}

export function dropRecentLog(store: KeyValueStore, id: string): void {
  writeJson(
    store,
    RECENT_LOGS,
    recentLogs(store)
      .map((log) => log.id)
      .filter((known) => known !== id),
  );
}

/** Logs sent again under new ids (theirs were taken), in their places: Undo retracts the new ones. */
export function renameRecentLogs(store: KeyValueStore, renamed: ReadonlyMap<string, string>): void {
  const ids = recentLogs(store).map((log) => log.id);
  if (!ids.some((id) => renamed.has(id))) return;
  writeJson(
    store,
    RECENT_LOGS,
    ids.map((id) => renamed.get(id) ?? id),
  );
}

/** Remembers which results this browser has shown, so each one is announced once. */
export function localResultLedger(store: KeyValueStore): ResultLedger {
  const stored = readJson<unknown>(store, SHOWN_RESULTS, []);
  // Read once: a reconnect may hand over hundreds of results, each checked here.
  const shown = new Set(Array.isArray(stored) ? stored.filter((id) => typeof id === 'string') : []);
  return {
    hasShown: (challengeId) => shown.has(challengeId),
    markShown: (challengeId) => {
      shown.add(challengeId);
      writeJson(store, SHOWN_RESULTS, [...shown].slice(-SHOWN_KEPT));
    },
  };
}
