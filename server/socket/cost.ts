import { COUNT_DAYS_PER_TOKEN, EVENTS_PER_TOKEN, LIMITS, REQUEST_COSTS } from '../../core/limits.ts';
import type { RequestName } from '../../core/protocol.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 3600 * 1000;

function dayNumber(value: unknown): number | null {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) return null;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/** How many items a request's list holds, read before validation: only its length is trusted. */
function listLength(raw: unknown, field: string): number {
  if (typeof raw !== 'object' || raw === null) return 0;
  const list = (raw as Record<string, unknown>)[field];
  return Array.isArray(list) ? list.length : 0;
}

/**
 * The tokens of the member's budget that this request takes (REQUEST_COSTS). It runs before
 * validation, on the raw payload, so it reads only what costs nothing to read; a payload that
 * validation will refuse costs at most what its largest valid form would.
 */
export function requestCost(name: RequestName, raw: unknown): number {
  let cost: number = REQUEST_COSTS[name];
  if (name === 'activity:log') {
    const events = Math.min(listLength(raw, 'events'), LIMITS.eventsPerBatch);
    cost = Math.max(cost, Math.ceil(events / EVENTS_PER_TOKEN));
  } else if (name === 'history:counts' && typeof raw === 'object' && raw !== null) {
    const { from, to } = raw as Record<string, unknown>;
    const first = dayNumber(from);
    const last = dayNumber(to);
    if (first !== null && last !== null && last >= first) {
      const days = Math.min(last - first + 1, LIMITS.maxCountDays);
      cost = Math.max(cost, Math.ceil(days / COUNT_DAYS_PER_TOKEN));
    }
  }
  return cost;
}
