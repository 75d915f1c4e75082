import { LIMITS } from './protocol.ts';
import type { ParsedRequestOf } from './protocol.ts';
import { findMetric, metricNoun } from './metrics.ts';
import type { MetricDef } from './metrics.ts';
import type { WireError } from './errors.ts';
import type {
  Challenge,
  ChallengeFormat,
  EpochMs,
  Horizon,
  Member,
  Pack,
  PeriodSpec,
  TimeWindow,
} from './types.ts';
import { horizonFor, horizonMonthsOf, isValidLocalDate, windowFor } from './time-window.ts';

export interface ChallengeContext {
  id: string;
  now: EpochMs;
  pack: Pack;
  members: Member[];
  metrics: MetricDef[];
  creatorId: string;
}

export type BuildChallengeResult = { ok: true; challenge: Challenge } | { ok: false; error: WireError };

function reject(code: WireError['code'], message: string): BuildChallengeResult {
  return { ok: false, error: { code, message } };
}

/** Checks a zod-parsed challenge:create request against the pack and builds the challenge. */
export function buildChallenge(
  input: ParsedRequestOf<'challenge:create'>,
  ctx: ChallengeContext,
): BuildChallengeResult {
  const { pack, now, creatorId } = ctx;

  // The pack decides which metrics exist; a typo must not create a challenge nobody can log for.
  const metric = findMetric(ctx.metrics, input.metric);
  if (!metric) return reject('unknown_metric', `this pack has no metric "${input.metric}"`);

  // A race or goal without a number has no finish line; a target on "most" would be ignored.
  if (input.format !== 'most' && input.target === undefined) {
    return reject('bad_request', `a ${input.format} challenge needs a target`);
  }
  if (input.format === 'most' && input.target !== undefined) {
    return reject('bad_request', 'a most challenge has no target; use race or goal');
  }

  // Only events that carry a meeting date can be measured against a horizon.
  if (input.horizonMonths !== undefined && !metric.needsMeetingDate) {
    return reject('bad_request', `${metricNoun(metric, 2)} have no meeting date, so they take no horizon`);
  }

  const activeMembers = ctx.members.filter((m) => m.packId === pack.id && m.active);
  const activeIds = new Set(activeMembers.map((m) => m.id));
  // Naming someone from another pack, or someone who left, must fail loudly, not shrink the field.
  for (const memberId of input.memberIds ?? []) {
    if (!activeIds.has(memberId)) return reject('unknown_member', `${memberId} is not a member of this pack`);
  }

  // The creator always takes part; leaving out memberIds challenges the whole pack.
  const invited = input.memberIds ?? activeMembers.map((m) => m.id);
  const participantIds = [...new Set([creatorId, ...invited])];
  // A standings list longer than this is no longer a contest among partners, and every push of
  // the challenge carries it.
  if (participantIds.length > LIMITS.participants) {
    const partners = `name up to ${LIMITS.participants - 1} partners (memberIds)`;
    return reject(
      'bad_request',
      input.memberIds === undefined
        ? `this pack has ${activeMembers.length} members, more than the ${LIMITS.participants} a challenge can take: ${partners}`
        : `a challenge takes at most ${LIMITS.participants} participants, you included: ${partners}`,
    );
  }
  // Beating yourself is not a contest; a goal may be a personal one.
  if (input.format !== 'goal' && participantIds.length < 2) {
    return reject('bad_request', `a ${input.format} challenge needs at least 2 participants`);
  }

  const periodError = checkPeriod(input.period);
  if (periodError) return reject('bad_request', periodError);

  const window = windowFor(input.period, now, pack.timeZone, pack.weekStart);
  // Nobody could log for it any more, so it could only end at once with nobody scoring.
  if (window.end <= now) return reject('bad_request', 'that period has already ended');
  // Challenges are kept small enough to read as one contest and to end within the event-age limit.
  if (window.end - window.start > LIMITS.maxChallengeMs) {
    return reject('bad_request', 'a challenge may run for at most 366 days');
  }

  // Only a calendar week has a "next one" that means the same thing.
  if (input.repeat === 'weekly' && input.period.kind !== 'this-week') {
    return reject('bad_request', 'only a this-week challenge can repeat every week');
  }

  const target = input.target ?? null;
  const title =
    input.title?.trim() || challengeTitle(metric, input.format, target, input.period, input.horizonMonths);
  return {
    ok: true,
    challenge: {
      id: ctx.id,
      packId: pack.id,
      creatorId,
      title,
      stake: input.stake?.trim() || null,
      metric: metric.id,
      format: input.format,
      target,
      period: input.period,
      start: window.start,
      end: window.end,
      horizon: input.horizonMonths ? horizonFor(window, input.horizonMonths, pack.timeZone) : null,
      participants: participantIds.map((memberId) => ({ memberId, declined: false })),
      status: window.start <= now ? 'active' : 'scheduled',
      createdAt: now,
      endedAt: null,
      repeat: input.repeat ?? null,
    },
  };
}

/**
 * The window and horizon of a weekly challenge's next week, exactly as creating it anew in that
 * week would make them. The horizon is its months counted from the new window's last day, not the
 * old horizon moved by 7 days: months differ in length and a month end clamps, so a moved
 * horizon drifts up to 3 days either way and refuses meetings that a new challenge would count.
 */
export function nextWeekOf(
  previous: Challenge,
  now: EpochMs,
  pack: Pack,
): TimeWindow & { horizon: Horizon | null } {
  // The week after the one that ended (also when the relay was down for longer than a week).
  const window = windowFor({ kind: 'this-week' }, Math.max(previous.end, now), pack.timeZone, pack.weekStart);
  if (!previous.horizon) return { ...window, horizon: null };
  const months = horizonMonthsOf(previous, previous.horizon, pack.timeZone);
  return { ...window, horizon: horizonFor(window, months, pack.timeZone) };
}

function checkPeriod(period: PeriodSpec): string | null {
  if (period.kind === 'range') {
    // The schema checks the shape only; 2026-02-30 would otherwise roll over into March.
    if (!isValidLocalDate(period.from)) return `${period.from} is not a calendar date`;
    if (!isValidLocalDate(period.to)) return `${period.to} is not a calendar date`;
    // Both ends are inclusive, so from === to is a one-day challenge; reversed is a mistake.
    if (period.from > period.to) return 'the range must not end before it starts';
  }
  // An empty or reversed window could never be scored.
  if (period.kind === 'instants' && period.start >= period.end) return 'the period must end after it starts';
  return null;
}

function periodPhrase(period: PeriodSpec): string {
  switch (period.kind) {
    case 'today':
      return ' today';
    case 'this-week':
      return ' this week';
    case 'this-quarter':
      return ' this quarter';
    case 'range':
      return period.from === period.to ? ` on ${period.from}` : ` ${period.from} to ${period.to}`;
    case 'instants':
      return `, ${sprintName(period.end - period.start)}`;
  }
}

function sprintName(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  // Under a minute rounds to 0, which every branch below would call a "0-day sprint".
  if (minutes < 1) return `${Math.max(1, Math.round(ms / 1000))}-second sprint`;
  if (minutes === 60) return 'power hour';
  if (minutes % 1440 === 0) return `${minutes / 1440}-day sprint`;
  if (minutes % 60 === 0) return `${minutes / 60}-hour sprint`;
  return `${minutes}-minute sprint`;
}

export function challengeTitle(
  metric: MetricDef,
  format: ChallengeFormat,
  target: number | null,
  period: PeriodSpec,
  horizonMonths?: number,
): string {
  const plural = metricNoun(metric, 2);
  let head: string;
  if (format === 'most' || target === null) {
    head = format === 'most' ? `Most ${plural}` : `${format === 'race' ? 'Race' : 'Goal'}: ${plural}`;
  } else {
    const goal = `${target} ${metricNoun(metric, target)}`;
    head = format === 'race' ? `Race to ${goal}` : `Goal: ${goal}`;
  }
  const horizon = horizonMonths
    ? ` (meetings in the next ${horizonMonths === 1 ? 'month' : `${horizonMonths} months`})`
    : '';
  const title = `${head}${periodPhrase(period)}${horizon}`;
  // A long custom metric label could push the title past what a typed-in title may be.
  return title.length > LIMITS.titleLength ? `${title.slice(0, LIMITS.titleLength - 1)}…` : title;
}
