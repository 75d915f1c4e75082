import { WolfpackError } from '../core/errors.ts';
import { LIMITS, type ParsedRequestOf } from '../core/protocol.ts';
import { addDays, weekStartDate } from '../core/time-window.ts';
import { isNoResult } from '../core/outcome.ts';
import type { ChallengeResult, ChallengeView, CountRow, HeadToHead, Member } from '../core/types.ts';
import type { RelayContext } from './context.ts';
import { toCsv } from './csv.ts';
import { loadView } from './views.ts';

const DEFAULT_PAGE = 20;
/** Counts cover at most about two years per request. */

function encodeCursor(endedAt: number, id: string): string {
  return `${endedAt}_${id}`;
}

function decodeCursor(cursor: string): { endedAt: number; id: string } {
  const match = /^(\d{1,16})_([0-9a-f-]{36})$/.exec(cursor);
  if (!match) throw new WolfpackError('bad_request', 'cursor: not a cursor this relay gave out');
  return { endedAt: Number(match[1]), id: match[2] ?? '' };
}

/** Ended challenges, newest first, a page at a time. */
export async function endedChallenges(
  ctx: RelayContext,
  member: Member,
  input: ParsedRequestOf<'history:challenges'>,
): Promise<{ items: ChallengeView[]; nextCursor: string | null }> {
  const limit = input.limit ?? DEFAULT_PAGE;
  const before = input.cursor ? decodeCursor(input.cursor) : null;
  if (input.memberId) await requireMember(ctx, member, input.memberId);
  return ctx.storage.read(async (q) => {
    const page = await q.listEnded({
      packId: member.packId,
      before,
      limit: limit + 1,
      metric: input.metric,
      memberId: input.memberId,
    });
    const items = await Promise.all(page.slice(0, limit).map((c) => loadView(q, c)));
    const last = items.at(-1);
    const nextCursor = page.length > limit && last ? encodeCursor(last.endedAt ?? 0, last.id) : null;
    return { items, nextCursor };
  });
}

async function requireMember(ctx: RelayContext, member: Member, memberId: string): Promise<Member> {
  const other = await ctx.storage.read((q) => q.getMember(memberId));
  if (!other || other.packId !== member.packId)
    throw new WolfpackError('unknown_member', 'no such member in your pack');
  return other;
}

/** Per-member counts per metric, by local day or by the pack's week. */
export async function activityCounts(
  ctx: RelayContext,
  member: Member,
  input: ParsedRequestOf<'history:counts'>,
): Promise<CountRow[]> {
  if (input.from > input.to) throw new WolfpackError('bad_request', 'from must not be after to');
  if (addDays(input.from, LIMITS.maxCountDays) < input.to) {
    throw new WolfpackError('bad_request', `ask for at most ${LIMITS.maxCountDays} days at a time`);
  }
  return ctx.storage.read(async (q) => {
    const pack = await q.getPack(member.packId);
    if (!pack) throw new WolfpackError('not_found', 'your pack no longer exists');
    const rows = await q.dailyCounts(pack.id, input.from, input.to, input.metric);
    if (input.bucket === 'day')
      return rows.map((r) => ({ memberId: r.memberId, metric: r.metric, bucket: r.day, count: r.count }));
    const weeks = new Map<string, CountRow>();
    for (const r of rows) {
      const bucket = weekStartDate(r.day, pack.weekStart);
      const key = `${bucket}|${r.memberId}|${r.metric}`;
      const row = weeks.get(key) ?? { memberId: r.memberId, metric: r.metric, bucket, count: 0 };
      row.count += r.count;
      weeks.set(key, row);
    }
    return [...weeks.values()];
  });
}

/**
 * Wins, losses and ties of one member against another over every challenge both finished.
 * `challenges` counts them all, those nobody scored in too, which are none of the three.
 */
export async function headToHead(
  ctx: RelayContext,
  member: Member,
  input: ParsedRequestOf<'history:head-to-head'>,
): Promise<HeadToHead> {
  await requireMember(ctx, member, input.memberId);
  await requireMember(ctx, member, input.otherId);
  return ctx.storage.read(async (q) => {
    const record: HeadToHead = {
      memberId: input.memberId,
      otherId: input.otherId,
      wins: 0,
      losses: 0,
      ties: 0,
      challenges: 0,
    };
    for (const result of await q.resultsBetween(member.packId, input.memberId, input.otherId)) {
      record.challenges += 1;
      // Both at 0 share a rank, but that is no result, not a tie (core/outcome.ts).
      if (isNoResult(result)) continue;
      // Head to head is about the two of them: who finished ahead, even if a third member won.
      const a = placing(result, input.memberId);
      const b = placing(result, input.otherId);
      if (a < b) record.wins += 1;
      else if (b < a) record.losses += 1;
      else record.ties += 1;
    }
    return record;
  });
}

/** Winners place first; everyone else by their rank in the final standings. */
function placing(result: ChallengeResult, memberId: string): number {
  if (result.winners.includes(memberId)) return 0;
  return result.standings.find((s) => s.memberId === memberId)?.rank ?? Number.MAX_SAFE_INTEGER;
}

export async function exportEventsCsv(ctx: RelayContext, member: Member): Promise<string> {
  return ctx.storage.read(async (q) => {
    const names = new Map((await q.listMembers(member.packId)).map((m) => [m.id, m.displayName]));
    const events = await q.exportEvents(member.packId);
    return toCsv(
      [
        'seq',
        'id',
        'member',
        'type',
        'metric',
        'count',
        'occurred_at',
        'meeting_date',
        'note',
        'retracts',
        'retracted_by',
      ],
      events.map((e) => [
        e.seq,
        e.id,
        names.get(e.memberId) ?? e.memberId,
        e.type,
        e.metric,
        e.count,
        new Date(e.occurredAt).toISOString(),
        e.meetingDate,
        e.note,
        e.retracts,
        e.retractedBy,
      ]),
    );
  });
}

export async function exportChallengesCsv(ctx: RelayContext, member: Member): Promise<string> {
  return ctx.storage.read(async (q) => {
    const names = new Map((await q.listMembers(member.packId)).map((m) => [m.id, m.displayName]));
    const rows: (string | number | null)[][] = [];
    let before: { endedAt: number; id: string } | null = null;
    for (;;) {
      const page = await q.listEnded({ packId: member.packId, before, limit: 500 });
      for (const c of page) {
        const result = await q.getResult(c.id);
        const standings = (result?.standings ?? []).map(
          (s) => `${names.get(s.memberId) ?? s.memberId}: ${s.count}`,
        );
        const winners = (result?.winners ?? []).map((id) => names.get(id) ?? id);
        rows.push([
          c.id,
          c.title,
          c.metric,
          c.format,
          c.target,
          new Date(c.start).toISOString(),
          new Date(c.end).toISOString(),
          winners.join('; '),
          result?.tie ? 'yes' : 'no',
          result?.margin ?? null,
          standings.join('; '),
        ]);
      }
      const last = page.at(-1);
      if (page.length < 500 || !last) break;
      before = { endedAt: last.endedAt ?? 0, id: last.id };
    }
    return toCsv(
      ['id', 'title', 'metric', 'format', 'target', 'start', 'end', 'winners', 'tie', 'margin', 'standings'],
      rows,
    );
  });
}
