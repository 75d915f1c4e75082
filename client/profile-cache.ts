import { readFile } from 'node:fs/promises';
import { BUILT_IN_METRICS } from '../core/metrics.ts';
import type { MetricDef } from '../core/metrics.ts';
import type { EpochMs, LocalDate, Member, Pack, Snapshot } from '../core/types.ts';
import { writeFileAtomic } from './atomic-file.ts';
import type { Subscribable } from './emitter.ts';
import { profilePaths } from './profile.ts';
import type { EventRewrite, SessionEvents } from './session-events.ts';

/**
 * What a profile remembers between runs. Losing it is harmless (the next snapshot refills it),
 * except that a result might be shown a second time, so a damaged cache is simply started afresh.
 */
export interface RecentLog {
  id: string;
  metric: string;
  count: number;
  occurredAt: EpochMs;
  meetingDate?: LocalDate | undefined;
}

export interface ProfileCache {
  pack: Pack | null;
  youId: string | null;
  members: Member[];
  metrics: MetricDef[];
  /** Challenge ids whose result was already shown, newest last. */
  shownResults: string[];
  /** This profile's own logs, newest last, so `undo` knows what to retract. */
  recentLogs: RecentLog[];
}

const MAX_SHOWN_RESULTS = 500;
const MAX_RECENT_LOGS = 50;

export function emptyCache(): ProfileCache {
  return {
    pack: null,
    youId: null,
    members: [],
    metrics: [...BUILT_IN_METRICS],
    shownResults: [],
    recentLogs: [],
  };
}

export async function readCache(dir: string): Promise<ProfileCache> {
  try {
    const json = JSON.parse(await readFile(profilePaths(dir).cache, 'utf8')) as Partial<ProfileCache>;
    const empty = emptyCache();
    return {
      pack: json.pack ?? empty.pack,
      youId: json.youId ?? empty.youId,
      members: Array.isArray(json.members) ? json.members : empty.members,
      metrics: Array.isArray(json.metrics) && json.metrics.length > 0 ? json.metrics : empty.metrics,
      shownResults: Array.isArray(json.shownResults) ? json.shownResults : empty.shownResults,
      recentLogs: Array.isArray(json.recentLogs) ? json.recentLogs : empty.recentLogs,
    };
  } catch {
    return emptyCache();
  }
}

export async function writeCache(dir: string, cache: ProfileCache): Promise<void> {
  const trimmed: ProfileCache = {
    ...cache,
    shownResults: cache.shownResults.slice(-MAX_SHOWN_RESULTS),
    recentLogs: cache.recentLogs.slice(-MAX_RECENT_LOGS),
  };
  await writeFileAtomic(profilePaths(dir).cache, JSON.stringify(trimmed) + '\n', 0o600);
}

export function withSnapshot(cache: ProfileCache, snapshot: Snapshot): ProfileCache {
  return {
    ...cache,
    pack: snapshot.pack,
    youId: snapshot.you.id,
    members: snapshot.members,
    metrics: snapshot.metrics,
  };
}

/** A metric the pack added since the last snapshot (the relay's `metric:added` push). */
export function withMetric(cache: ProfileCache, metric: MetricDef): ProfileCache {
  return { ...cache, metrics: [...cache.metrics.filter((m) => m.id !== metric.id), metric] };
}

/** Queued logs sent again under new ids (theirs were taken): `undo` must retract the new ones. */
export function withRenamedLogs(cache: ProfileCache, changes: readonly EventRewrite[]): ProfileCache {
  const renamed = new Map(changes.map(({ from, event }) => [from, event.id]));
  if (!cache.recentLogs.some((log) => renamed.has(log.id))) return cache;
  return {
    ...cache,
    recentLogs: cache.recentLogs.map((log) => ({ ...log, id: renamed.get(log.id) ?? log.id })),
  };
}

/**
 * Keeps the cache's recent logs on the ids the session's outbox sends; returns the function that
 * stops. Saved at once, as the next `undo` may be another process; a failed save keeps the change
 * for the next one.
 */
export function followRewrites(session: Subscribable<SessionEvents>, cache: CacheStore): () => void {
  return session.on('reidentified', ({ changes }) => {
    cache.update((c) => withRenamedLogs(c, changes));
    void cache.save().catch(() => undefined);
  });
}

/**
 * Reads the cache once, applies each change in memory and writes it back on `save`, so a command
 * that learns several things (a snapshot, a shown result, a new log) writes the file once.
 * `save` replays the changes onto the file as it is then: a long `watch` must not wipe the logs
 * that a `log` in another terminal added meanwhile, which `undo` needs.
 */
export class CacheStore {
  readonly dir: string;
  #cache: ProfileCache;
  #unsaved: ((cache: ProfileCache) => ProfileCache)[] = [];
  #saving: Promise<void> = Promise.resolve();

  private constructor(dir: string, cache: ProfileCache) {
    this.dir = dir;
    this.#cache = cache;
  }

  static async load(dir: string): Promise<CacheStore> {
    return new CacheStore(dir, await readCache(dir));
  }

  get current(): ProfileCache {
    return this.#cache;
  }

  update(change: (cache: ProfileCache) => ProfileCache): void {
    this.#cache = change(this.#cache);
    this.#unsaved.push(change);
  }

  hasShown(challengeId: string): boolean {
    return this.#cache.shownResults.includes(challengeId);
  }

  markShown(challengeId: string): void {
    if (this.hasShown(challengeId)) return;
    this.update((c) =>
      c.shownResults.includes(challengeId) ? c : { ...c, shownResults: [...c.shownResults, challengeId] },
    );
  }

  /** Saves run one after another, so two in flight cannot replay the same change twice. */
  save(): Promise<void> {
    this.#saving = this.#saving.catch(() => undefined).then(() => this.#write());
    return this.#saving;
  }

  async #write(): Promise<void> {
    const changes = this.#unsaved.splice(0);
    if (changes.length === 0) return;
    try {
      const merged = changes.reduce((cache, change) => change(cache), await readCache(this.dir));
      await writeCache(this.dir, merged);
      this.#cache = this.#unsaved.reduce((cache, change) => change(cache), merged);
    } catch (error) {
      this.#unsaved.unshift(...changes);
      throw error;
    }
  }
}
