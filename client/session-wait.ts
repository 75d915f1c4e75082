import type { Snapshot } from '../core/types.ts';
import type { Subscribable } from './emitter.ts';
import { RelayError } from './relay-error.ts';
import type { SessionEvents } from './session-events.ts';

/** What waiting for a session to come online reads of it, each at the moment it matters. */
export interface OnlineWatch {
  on: Subscribable<SessionEvents>['on'];
  snapshot(): Snapshot | null;
  /** Every address of the relay has failed at least once since the last success. */
  allTried(): boolean;
  url(): string;
}

/** Resolves with the snapshot once online; rejects on a refusal, on timeout, or (failFast) once unreachable. */
export function waitForOnline(watch: OnlineWatch, timeoutMs: number, failFast: boolean): Promise<Snapshot> {
  return new Promise((resolve, reject) => {
    const stop: (() => void)[] = [];
    const finish = (outcome: () => void) => {
      for (const off of stop) off();
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(
      () => finish(() => reject(new RelayError('unreachable', `cannot reach the relay at ${watch.url()}`))),
      timeoutMs,
    );
    stop.push(
      watch.on('connection', ({ state }) => {
        const snapshot = watch.snapshot();
        if (state === 'online' && snapshot) finish(() => resolve(snapshot));
      }),
    );
    stop.push(
      watch.on('error', (error) => {
        if (error.fatal || (failFast && error.code === 'unreachable' && watch.allTried())) {
          finish(() => reject(new RelayError(error.code, error.message)));
        }
      }),
    );
  });
}
