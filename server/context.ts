import type { Logger } from 'pino';
import type { ServerToClientEvents } from '../core/protocol.ts';
import type { RelayMetrics } from './metrics.ts';
import type { Queries, Storage } from './storage/types.ts';

/** Sends to everyone connected for a pack or a member, on whichever relay node they are. */
export interface Push {
  toPack<E extends keyof ServerToClientEvents>(
    packId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
  toMember<E extends keyof ServerToClientEvents>(
    memberId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
  /** Closes every socket of a member (removed from the pack, or left). */
  disconnectMember(memberId: string): void;
  toRoom<E extends keyof ServerToClientEvents>(
    room: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
  disconnectRoom(room: string): void;
}

/** What every relay service is given. Built once in relay.ts; nothing here is a module singleton. */
export interface RelayContext {
  storage: Storage;
  clock: () => number;
  log: Logger;
  /** Late events whose occurredAt lies inside a window are accepted this long after its end. */
  graceMs: number;
  metrics: RelayMetrics;
  push: Push;
  /** Tells the scheduler that a start or end instant may have moved closer. */
  wakeScheduler: () => void;
}

/** A transaction of one pack's writes; those of other packs run alongside it (see Storage). */
export function inPack<T>(ctx: RelayContext, packId: string, fn: (q: Queries) => Promise<T>): Promise<T> {
  return ctx.storage.transaction(fn, { lock: packId });
}
