import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../web/key-value.ts';
import { historyCache } from './history-cache.ts';
import { endedChallenge } from './test-fixtures.ts';

describe('the kept first page of history', () => {
  it('is read back per member', () => {
    const store = memoryStore();
    const page = { items: [endedChallenge('1', { a: 2, b: 1 })], nextCursor: 'c' };
    historyCache(store, 'a').write(page);
    expect(historyCache(store, 'a').read()).toEqual(page);
    expect(historyCache(store, 'b').read()).toBeNull();
  });

  it('reads a damaged entry as nothing kept', () => {
    const store = memoryStore();
    store.setItem('wolfpack.history.a', '{oops');
    expect(historyCache(store, 'a').read()).toBeNull();
  });

  it('survives a storage that refuses to write (quota)', () => {
    const store = {
      ...memoryStore(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => historyCache(store, 'a').write({ items: [], nextCursor: null })).not.toThrow();
  });
});
