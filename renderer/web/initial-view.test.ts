import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../core/types.ts';
import { memoryStore } from './key-value.ts';
import { initialView } from './initial-view.ts';
import { outboxKey, saveMembership, saveSnapshot } from './membership.ts';
import type { Membership } from './membership.ts';

const you = { id: 'm', packId: 'p', displayName: 'Alex', role: 'owner' as const, joinedAt: 0, active: true };
const pack = { id: 'p', name: 'Hunters', timeZone: 'UTC', weekStart: 1 as const, ownerId: 'm', createdAt: 0 };
const membership: Membership = { token: 'wp_x', member: you, pack, inviteCode: 'WOLF-1' };

describe('the state a page shows before it has talked to the relay', () => {
  it('is empty and offline for a browser that belongs to no pack', () => {
    const view = initialView(memoryStore(), 'http://relay');
    expect(view).toMatchObject({ you: null, pack: null, connection: { state: 'offline', queued: 0 } });
  });

  it('is the kept snapshot, with the unsent logs counted', () => {
    const store = memoryStore();
    saveMembership(store, membership);
    saveSnapshot(store, {
      you,
      pack,
      members: [you],
      metrics: [],
      challenges: [],
      feed: [],
      cheers: [],
    } as unknown as Snapshot);
    store.setItem(outboxKey('m'), JSON.stringify([{ id: 'a' }, { id: 'b' }]));
    const view = initialView(store, 'http://relay');
    expect(view).toMatchObject({
      you,
      pack,
      members: [you],
      inviteCode: 'WOLF-1',
      connection: { state: 'connecting', queued: 2, relayUrl: 'http://relay' },
    });
  });
});
