import type { ChallengeView } from '../../../core/types.ts';
import type { KeyValueStore } from '../../web/key-value.ts';

export interface CachedPage {
  items: ChallengeView[];
  nextCursor: string | null;
}

export interface PageCache {
  read(): CachedPage | null;
  write(page: CachedPage): void;
}

/**
 * The newest page of one member's history, kept in the browser so History shows at once (and
 * offline) while the relay is asked again. Ended challenges never change, so a kept page is at
 * worst missing the newest few, which the answer adds a moment later.
 */
export function historyCache(store: KeyValueStore, memberId: string): PageCache {
  const key = `wolfpack.history.${memberId}`;
  return {
    read() {
      try {
        const page = JSON.parse(store.getItem(key) ?? 'null') as CachedPage | null;
        return page && Array.isArray(page.items) ? page : null;
      } catch {
        return null;
      }
    },
    write(page) {
      try {
        store.setItem(key, JSON.stringify(page));
      } catch {
        // A full storage quota only costs the head start; the list itself comes from the relay.
      }
    },
  };
}
