/**
 * Streaks, personal bests and the weekly recap, from the day totals the relay keeps as it counts
 * each log (never from the events): progress:get, progress:target, recap:week, and the bests a
 * log's acknowledgement carries.
 */
import { WolfpackError } from '../core/errors.ts';
import type { PersonalBest, ProgressReport, WeeklyRecap } from '../core/progress-types.ts';
import type { ParsedRequestOf } from '../core/protocol.ts';
import { lastWeekStart, weeklyRecap } from '../core/recap.ts';
import { DEFAULT_DAILY_TARGET, beatenBests, metricProgress, type DayTotal } from '../core/streaks.ts';
import { addDays, localDateOf, startOfLocalDay, weekStartDate } from '../core/time-window.ts';
import type { Challenge, ChallengeResult, Member, Pack } from '../core/types.ts';
import type { RelayContext } from './context.ts';
import { asMember } from './membership.ts';
import { packMetrics } from './metric-catalog.ts';
import type { Queries } from './storage/types.ts';

/** Before any date a request may name (core/limits.ts firstYear): every day total of the pack. */
const EVER = '2000-01-01';

async function requirePack(q: Queries, packId: string): Promise<Pack> {
  const pack = await q.getPack(packId);
  if (!pack) throw new WolfpackError('not_found', 'your pack no longer exists');
  return pack;
}

async function targetsOf(q: Queries, packId: string, memberId?: string): Promise<Map<string, number>> {
  const rows = await q.dailyTargets(packId, memberId);
  return new Map(rows.map((t) => [`${t.memberId}|${t.metric}`, t.target]));
}

/** Every active member of the pack on every metric it counts, as of today in the pack's zone. */
export async function progressReport(ctx: RelayContext, member: Member): Promise<ProgressReport> {
  return ctx.storage.read(async (q) => {
    const pack = await requirePack(q, member.packId);
    const today = localDateOf(ctx.clock(), pack.timeZone);
    // One after another: a PostgreSQL read is one connection, which takes one query at a time.
    const members = await q.listMembers(pack.id);
    const metrics = await packMetrics(q, pack.id);
    const days = await q.dailyCounts(pack.id, EVER, today);
    const targets = await targetsOf(q, pack.id);
    const grouped = new Map<string, DayTotal[]>();
    for (const d of days) {
      const key = `${d.memberId}|${d.metric}`;
      const list = grouped.get(key) ?? [];
      list.push({ day: d.day, count: d.count });
      grouped.set(key, list);
    }
    return {
      today,
      members: members
        .filter((m) => m.active)
        .map((m) => ({
          memberId: m.id,
          metrics: metrics.map((metric) => {
            const key = `${m.id}|${metric.id}`;
            return metricProgress({
              metric: metric.id,
              days: grouped.get(key) ?? [],
              target: targets.get(key) ?? DEFAULT_DAILY_TARGET,
              today,
              weekStart: pack.weekStart,
            });
          }),
        })),
    };
  });
}

export async function setDailyTarget(
  ctx: RelayContext,
  member: Member,
  input: ParsedRequestOf<'progress:target'>,
): Promise<number> {
  return asMember(ctx, member, async (q) => {
    const metrics = await packMetrics(q, member.packId);
    if (!metrics.some((m) => m.id === input.metric))
      throw new WolfpackError('unknown_metric', `this pack has no metric "${input.metric}"`);
    await q.setDailyTarget(member.packId, member.id, input.metric, input.target);
    return input.target;
  });
}

/**
 * Ended challenges whose window closed in the week. Paged newest first from a week after the
 * week's end (room for grace and for a relay that was down when they fell due).
 */
async function endedInWeek(
  q: Queries,
  pack: Pack,
  weekStart: string,
): Promise<{ challenge: Challenge; result: ChallengeResult | null }[]> {
  const from = startOfLocalDay(weekStart, pack.timeZone);
  const found: Challenge[] = [];
  let before = { endedAt: startOfLocalDay(addDays(weekStart, 14), pack.timeZone), id: '' };
  // A pack holds at most 30 open challenges at a time: ten pages is far more than a week ends.
  for (let page = 0; page < 10; page++) {
    const items = await q.listEnded({ packId: pack.id, before, limit: 100 });
    found.push(...items.filter((c) => c.end > from));
    const last = items.at(-1);
    if (items.length < 100 || !last || (last.endedAt ?? 0) < from) break;
    before = { endedAt: last.endedAt ?? 0, id: last.id };
  }
  const withResults = [];
  for (const challenge of found) withResults.push({ challenge, result: await q.getResult(challenge.id) });
  return withResults;
}

export async function weekRecap(
  ctx: RelayContext,
  member: Member,
  input: ParsedRequestOf<'recap:week'>,
): Promise<WeeklyRecap> {
  return ctx.storage.read(async (q) => {
    const pack = await requirePack(q, member.packId);
    const now = ctx.clock();
    const thisWeek = weekStartDate(localDateOf(now, pack.timeZone), pack.weekStart);
    const weekStart = input.weekStart
      ? weekStartDate(input.weekStart, pack.weekStart)
      : lastWeekStart(now, pack.timeZone, pack.weekStart);
    if (weekStart > thisWeek)
      throw new WolfpackError('bad_request', `weekStart: the week of ${weekStart} has not begun yet`);
    const members = await q.listMembers(pack.id);
    const metrics = await packMetrics(q, pack.id);
    // The streaks at the week's end look back as far as they run; the counts, two weeks.
    const days = await q.dailyCounts(pack.id, EVER, addDays(weekStart, 6));
    const targets = await targetsOf(q, pack.id);
    const challenges = await endedInWeek(q, pack, weekStart);
    return weeklyRecap({
      day: weekStart,
      timeZone: pack.timeZone,
      weekStart: pack.weekStart,
      today: localDateOf(now, pack.timeZone),
      memberIds: members.filter((m) => m.active).map((m) => m.id),
      metrics: metrics.map((m) => m.id),
      days,
      targets,
      challenges,
    });
  });
}

/** A log as it was counted: its metric, its local day and its count. */
export interface CountedLog {
  metric: string;
  day: string;
  count: number;
}

/**
 * The records the member's logs just beat, read once the logs are committed: one indexed read of
 * the member's day totals per metric logged, never a recount of events.
 */
export async function bestsBeaten(
  ctx: RelayContext,
  member: Member,
  pack: Pack,
  logs: readonly CountedLog[],
  now: number,
): Promise<PersonalBest[]> {
  if (logs.length === 0) return [];
  const metrics = [...new Set(logs.map((l) => l.metric))];
  const today = localDateOf(now, pack.timeZone);
  return ctx.storage.read(async (q) => {
    const targets = await targetsOf(q, pack.id, member.id);
    const bests: PersonalBest[] = [];
    for (const metric of metrics) {
      const beaten = beatenBests({
        memberId: member.id,
        metric,
        days: await q.memberDailyCounts(pack.id, member.id, metric),
        added: logs.filter((l) => l.metric === metric),
        target: targets.get(`${member.id}|${metric}`) ?? DEFAULT_DAILY_TARGET,
        today,
        weekStart: pack.weekStart,
      });
      bests.push(...beaten);
    }
    return bests;
  });
}
