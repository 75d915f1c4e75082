import { describe, expect, it } from 'vitest';
import { memoryStore } from './key-value.ts';
import {
  dropRecentLog,
  forgetMembership,
  loadMembership,
  localResultLedger,
  pushRecentLog,
  recentLogs,
  saveMembership,
} from './membership.ts';
import type { Membership } from './membership.ts';

const membership = {
  token: 'wp_x',
  member: { id: 'm' },
  pack: { id: 'p' },
  inviteCode: null,
} as unknown as Membership;

describe('membership in local storage', () => {
  it('is kept and forgotten', () => {
    const store = memoryStore();
    saveMembership(store, membership);
    expect(loadMembership(store)).toEqual(membership);
    forgetMembership(store);
    expect(loadMembership(store)).toBeNull();
  });

  it('ignores a damaged entry', () => {
    const store = memoryStore();
    store.setItem('wolfpack.membership', '{"token":1}');
    expect(loadMembership(store)).toBeNull();
  });

  it('remembers own logs newest last, for undo', () => {
    const store = memoryStore();
    pushRecentLog(store, 'a');
    pushRecentLog(store, 'b');
    dropRecentLog(store, 'b');
    expect(recentLogs(store)).toEqual([{ id: 'a' }]);
  });

  it('shows each result once', () => {
    const ledger = localResultLedger(memoryStore());
    expect(ledger.hasShown('c')).toBe(false);
    void ledger.markShown('c');
    expect(ledger.hasShown('c')).toBe(true);
  });
});
