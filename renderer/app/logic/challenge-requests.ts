import type { RequestOf } from '../../../core/protocol.ts';
import { addDays, addMonths, localDateOf, zoneOffsetAt } from '../../../core/time-window.ts';
import type { ChallengeFormat, ChallengeView, EpochMs, PeriodSpec } from '../../../core/types.ts';

export type CreateRequest = RequestOf<'challenge:create'>;

const HOUR_MS = 3_600_000;

export interface Template {
  id: string;
  label: string;
  build(now: EpochMs): CreateRequest;
}

/** The four classic challenges and a power hour: one click each, the whole pack. */
export const TEMPLATES: readonly Template[] = [
  {
    id: 'calls-week',
    label: 'Most calls this week',
    build: () => ({ metric: 'call', format: 'most', period: { kind: 'this-week' } }),
  },
  {
    id: 'appointments-week',
    label: 'Most appointments this week',
    build: () => ({ metric: 'appointment', format: 'most', period: { kind: 'this-week' } }),
  },
  {
    id: 'proposals-quarter',
    label: 'Most proposal presentations this quarter',
    build: () => ({ metric: 'proposal', format: 'most', period: { kind: 'this-quarter' } }),
  },
  {
    id: 'forward-three-months',
    label: 'Most forward appointments booked for the next three months',
    build: () => ({
      metric: 'forward_appointment',
      format: 'most',
      period: { kind: 'this-week' },
      horizonMonths: 3,
    }),
  },
  {
    id: 'power-hour',
    label: 'Power hour: most calls in the next hour',
    build: (now) => ({
      metric: 'call',
      format: 'most',
      period: { kind: 'instants', start: now, end: now + HOUR_MS },
    }),
  },
];

/** Months between a window's last local day and its horizon's last day, as the relay set them. */
export function horizonMonthsOf(challenge: ChallengeView, timeZone: string): number | undefined {
  if (!challenge.horizon) return undefined;
  const lastDay = localDateOf(challenge.end - 1, timeZone);
  const lastCounted = addDays(challenge.horizon.to, -1);
  for (let months = 1; months <= 24; months++) if (addMonths(lastDay, months) === lastCounted) return months;
  return undefined;
}

/** Same kind of period again; fixed dates and instants keep their length and start now. */
export function rematchPeriod(period: PeriodSpec, now: EpochMs, timeZone: string): PeriodSpec {
  switch (period.kind) {
    case 'today':
    case 'this-week':
    case 'this-quarter':
      return { kind: period.kind };
    case 'range': {
      const days = daysBetween(period.from, period.to);
      const from = localDateOf(now, timeZone);
      return { kind: 'range', from, to: addDays(from, days) };
    }
    case 'instants':
      return { kind: 'instants', start: now, end: now + (period.end - period.start) };
  }
}

function daysBetween(from: string, to: string): number {
  let days = 0;
  // Ranges are at most about a year, so counting is cheap and needs no calendar arithmetic.
  while (addDays(from, days) < to && days < 400) days++;
  return days;
}

/** The same contest again: metric, format, target, the same partners (those who did not decline), stake. */
export function rematchRequest(challenge: ChallengeView, now: EpochMs, timeZone: string): CreateRequest {
  const request: CreateRequest = {
    metric: challenge.metric,
    format: challenge.format,
    period: rematchPeriod(challenge.period, now, timeZone),
    memberIds: challenge.participants.filter((p) => !p.declined).map((p) => p.memberId),
  };
  if (challenge.target !== null) request.target = challenge.target;
  if (challenge.stake) request.stake = challenge.stake;
  const months = horizonMonthsOf(challenge, timeZone);
  if (months !== undefined) request.horizonMonths = months;
  if (challenge.repeat === 'weekly' && request.period.kind === 'this-week') request.repeat = 'weekly';
  return request;
}

export type PeriodChoice = 'today' | 'this-week' | 'this-quarter' | 'custom' | 'times';

export interface CustomForm {
  metric: string;
  format: ChallengeFormat;
  target: string;
  period: PeriodChoice;
  /** Local dates (custom) or local date-times (times), on the pack's wall clock. */
  from: string;
  to: string;
  memberIds: string[];
  stake: string;
  repeatWeekly: boolean;
}

export type FormField = 'target' | 'period' | 'memberIds';
export type BuiltRequest =
  { ok: true; request: CreateRequest } | { ok: false; field: FormField; message: string };

/** '2026-11-26T15:30' (or with seconds) on the wall clock of `timeZone`, as an instant; null if malformed. */
export function instantFromWallClock(value: string, timeZone: string): EpochMs | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const wall = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s || 0);
  // The offset depends on the instant we are looking for; a second pass settles it across DST.
  let instant = wall - zoneOffsetAt(wall, timeZone);
  instant = wall - zoneOffsetAt(instant, timeZone);
  return Number.isFinite(instant) ? instant : null;
}

export function periodOf(
  form: Pick<CustomForm, 'period' | 'from' | 'to'>,
  timeZone: string,
): PeriodSpec | null {
  if (form.period === 'custom') {
    if (!form.from || !form.to) return null;
    return { kind: 'range', from: form.from, to: form.to };
  }
  if (form.period === 'times') {
    const start = instantFromWallClock(form.from, timeZone);
    const end = instantFromWallClock(form.to, timeZone);
    return start === null || end === null ? null : { kind: 'instants', start, end };
  }
  return { kind: form.period };
}

/** Checks what the relay would refuse, so the message appears next to the field that causes it. */
export function buildCustomRequest(form: CustomForm, youId: string, timeZone: string): BuiltRequest {
  const request: CreateRequest = { metric: form.metric, format: form.format, period: { kind: 'today' } };
  if (form.format !== 'most') {
    const target = Number(form.target);
    if (!Number.isInteger(target) || target < 1) {
      return {
        ok: false,
        field: 'target',
        message: `A ${form.format} needs a target: a whole number, at least 1`,
      };
    }
    request.target = target;
  }
  const period = periodOf(form, timeZone);
  if (!period) {
    const what = form.period === 'times' ? 'when it starts and when it ends' : 'the first and the last day';
    return { ok: false, field: 'period', message: `Pick ${what}` };
  }
  if (period.kind === 'range' && period.from > period.to) {
    return { ok: false, field: 'period', message: 'The last day must not come before the first' };
  }
  if (period.kind === 'instants' && period.start >= period.end) {
    return { ok: false, field: 'period', message: 'It must end after it starts' };
  }
  request.period = period;
  const others = form.memberIds.filter((id) => id !== youId);
  if (form.format !== 'goal' && others.length === 0) {
    return { ok: false, field: 'memberIds', message: 'Pick at least one partner to compete with' };
  }
  request.memberIds = [youId, ...others];
  if (form.stake.trim()) request.stake = form.stake.trim();
  if (form.repeatWeekly && period.kind === 'this-week') request.repeat = 'weekly';
  return { ok: true, request };
}
