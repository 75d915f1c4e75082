import type { RequestOf } from '../../../core/protocol.ts';
import { addDays, addMonths, localDateOf, zoneOffsetAt } from '../../../core/time-window.ts';
import type { ChallengeFormat, ChallengeView, EpochMs, Member, PeriodSpec } from '../../../core/types.ts';

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
    // It counts bookings made this week; the three months are when those meetings may take place.
    label: 'Most forward appointments booked this week, for meetings in the next 3 months',
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

/**
 * A running challenge that `request` would only copy: same metric, format, target, period,
 * horizon and field. A template clicked twice otherwise starts a second identical contest that
 * splits the pack's attention and counts every log twice.
 */
export function runningTwin(
  request: CreateRequest,
  challenges: readonly ChallengeView[],
  members: readonly Member[],
  youId: string,
  timeZone: string,
): ChallengeView | null {
  // A template names nobody: the relay invites every active member, so compare with them.
  const invited = request.memberIds ?? members.filter((m) => m.active).map((m) => m.id);
  const field = [...new Set([youId, ...invited])].sort().join(' ');
  return (
    challenges.find(
      (c) =>
        (c.status === 'active' || c.status === 'scheduled') &&
        c.metric === request.metric &&
        c.format === request.format &&
        c.target === (request.target ?? null) &&
        samePeriod(c.period, request.period) &&
        horizonMonthsOf(c, timeZone) === request.horizonMonths &&
        // Someone who declined is not in the running one, so a contest with them is a new one.
        c.participants
          .filter((p) => !p.declined)
          .map((p) => p.memberId)
          .sort()
          .join(' ') === field,
    ) ?? null
  );
}

function samePeriod(running: PeriodSpec, wanted: PeriodSpec): boolean {
  if (running.kind === 'range' && wanted.kind === 'range') {
    return running.from === wanted.from && running.to === wanted.to;
  }
  // Two power hours a few seconds apart are the same sprint: only their length says what they are.
  if (running.kind === 'instants' && wanted.kind === 'instants') {
    return running.end - running.start === wanted.end - wanted.start;
  }
  // A running today/this-week/this-quarter challenge is in the current one, as a new one would be.
  return running.kind === wanted.kind;
}

/** Months between a window's last local day and its horizon's last day, as the relay set them. */
export function horizonMonthsOf(challenge: ChallengeView, timeZone: string): number | undefined {
  if (!challenge.horizon) return undefined;
  const lastDay = localDateOf(challenge.end - 1, timeZone);
  const lastCounted = addDays(challenge.horizon.to, -1);
  for (let months = 1; months <= 24; months++) if (addMonths(lastDay, months) === lastCounted) return months;
  return undefined;
}

/**
 * A rematch starts the moment it is made and runs as long as the original did. A "today" or
 * "this week" period would count everything since midnight or Monday, so a race someone had
 * already won ended at once (issue 12). Running until the original's end is not possible either:
 * a "most" challenge is in History because that end has passed, and the rest of the day or week
 * would make a rematch clicked late a contest of minutes. The same length is always a full
 * contest, and the relay's title for it ("1-day sprint") says what it is.
 */
export function rematchPeriod(original: Pick<ChallengeView, 'start' | 'end'>, now: EpochMs): PeriodSpec {
  return { kind: 'instants', start: now, end: now + (original.end - original.start) };
}

/**
 * The same contest again: metric, format, target, horizon, the partners who did not decline, stake.
 * Not a weekly repeat: only a this-week period can repeat, and the relay already starts a weekly
 * challenge's next week on its own.
 */
export function rematchRequest(challenge: ChallengeView, now: EpochMs, timeZone: string): CreateRequest {
  const request: CreateRequest = {
    metric: challenge.metric,
    format: challenge.format,
    period: rematchPeriod(challenge, now),
    memberIds: challenge.participants.filter((p) => !p.declined).map((p) => p.memberId),
  };
  if (challenge.target !== null) request.target = challenge.target;
  if (challenge.stake) request.stake = challenge.stake;
  const months = horizonMonthsOf(challenge, timeZone);
  if (months !== undefined) request.horizonMonths = months;
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
