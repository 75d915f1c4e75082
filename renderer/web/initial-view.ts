import type { AppView } from '../app/services.ts';
import type { KeyValueStore } from './key-value.ts';
import { loadMembership, loadSnapshot, outboxKey } from './membership.ts';

/**
 * What the page can show before any code that talks to the relay has loaded: this browser's
 * membership and the last snapshot it kept. Plain reads, so the first screen waits for nothing.
 */
export function initialView(store: KeyValueStore, origin: string): AppView {
  const membership = loadMembership(store);
  const snapshot = membership ? loadSnapshot(store, membership.member.id) : null;
  const you = snapshot?.you ?? membership?.member ?? null;
  return {
    connection: {
      state: membership ? 'connecting' : 'offline',
      queued: queuedCount(store, membership),
      relayUrl: origin,
    },
    you,
    pack: snapshot?.pack ?? membership?.pack ?? null,
    members: snapshot?.members ?? [],
    metrics: snapshot?.metrics ?? [],
    challenges: snapshot?.challenges ?? [],
    feed: snapshot?.feed ?? [],
    inviteCode: you?.role === 'owner' ? (membership?.inviteCode ?? snapshot?.inviteCode ?? null) : null,
    hotkeys: null,
    hosting: null,
    cheers: snapshot?.cheers ?? [],
    results: [],
    problem: null,
  };
}

function queuedCount(store: KeyValueStore, membership: { member: { id: string } } | null): number {
  if (!membership) return 0;
  try {
    const events = JSON.parse(store.getItem(outboxKey(membership.member.id)) ?? '[]') as unknown;
    return Array.isArray(events) ? events.length : 0;
  } catch {
    return 0;
  }
}
