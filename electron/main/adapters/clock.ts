import type { Clock } from '../ports.ts';

/** The wall clock and real timers; tests use a fake clock instead. */
export function createSystemClock(): Clock {
  return {
    now: () => Date.now(),
    setTimeout(callback, ms) {
      const timer = setTimeout(callback, ms);
      return { cancel: () => clearTimeout(timer) };
    },
  };
}
