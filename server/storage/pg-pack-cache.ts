import type { MetricDef } from '../../core/metrics.ts';
import type { Challenge, Pack, StoredEvent } from '../../core/types.ts';
import { OPEN_CHALLENGES, challenges, toParticipant } from './pg-challenge-queries.ts';
import type { Sql } from './pg-sql.ts';
import { toEvent, toMetric, toPack, type Row } from './rows.ts';
import type { ParticipantRow, Queries } from './types.ts';

/** What is still known; undefined once this transaction has written to it. */
interface Snapshot {
  pack: Pack | null | undefined;
  metrics: MetricDef[] | undefined;
  open: Challenge[] | undefined;
  rows: Map<string, ParticipantRow[]> | undefined;
  /** Ids of the pack's active members. */
  members: Set<string> | undefined;
  /** The events asked for up front, by id; null for an id not stored. Dropped one by one. */
  events: Map<string, StoredEvent | null>;
}

/**
 * The reads of the locked pack that nearly every write transaction makes (the pack, its metrics,
 * its open challenges and their tallies, who is still a member), fetched in the transaction's
 * first round trip, together with its begin and its lock, and with the events the caller said it
 * would look up. Logging an event then takes two round trips: this one, and the commit that
 * carries its writes.
 *
 * Sound because every writer of these rows holds the pack's lock (the Storage contract), so
 * nothing but this transaction can change them until it ends; its own writes to them drop the
 * part they touch, and the next read of it goes to the database.
 */
export async function withPackSnapshots(
  sql: Sql,
  packs: readonly { packId: string; eventIds: readonly string[] }[],
  queries: Queries,
  /** A statement that tries each pack's lock without waiting, ahead of its reads (`as locked`). */
  tryLock?: string,
): Promise<{ queries: Queries; locked: boolean; kept: KeptPack | null }[]> {
  const reads = packs.map(({ packId, eventIds }) => [
    ...(tryLock ? [[tryLock, [packId]] as [string, unknown[]]] : []),
    ...snapshotReads(packId, eventIds),
  ]);
  const results = await sql.batch(reads.flat());
  let at = 0;
  return packs.map(({ packId, eventIds }, i) => {
    const count = reads[i]?.length ?? 0;
    const rows = results.slice(at, (at += count));
    // Without the lock, the reads prove nothing: the caller must not use this view.
    const locked = tryLock ? rows.shift()?.[0]?.locked === true : true;
    return { queries: packView(packId, eventIds, rows, queries), locked, kept: keptOf(rows) };
  });
}

/**
 * What a node keeps of a pack between transactions: what the logic of a log reads and seldom
 * changes. Every change to it moves the pack's config_version (triggers in pg-migrations.ts),
 * which a transaction that uses a kept copy checks under the pack's lock.
 */
export interface KeptPack {
  version: number;
  pack: Pack;
  metrics: MetricDef[];
  open: Challenge[];
  /** Ids of the active members: a log's sender is checked against them. */
  members: ReadonlySet<string>;
}

function keptOf([packs = [], metrics = [], open = [], _tallies, members = []]: Row[][]): KeptPack | null {
  const row = packs[0];
  if (!row) return null;
  return {
    version: Number(row.config_version),
    pack: toPack(row),
    metrics: metrics.map(toMetric),
    open: challenges(open),
    members: memberIds(members),
  };
}

const memberIds = (rows: Row[]): Set<string> => new Set(rows.map((r) => String(r.id)));

/**
 * Queries for a log that needs no reads: the pack, its metrics and open challenges from a kept
 * copy (checked against the database inside the same transaction), the events it looks up taken
 * to be new (a taken id fails the insert), and tallies moved by increments whose rows come back
 * with the commit. Anything else goes to the database.
 */
export function keptView(
  packId: string,
  kept: KeptPack,
  eventIds: readonly string[],
  queries: Queries,
  sql: Sql,
): Queries {
  const newIds = new Set(eventIds);
  return {
    ...queries,
    getPack: async (id) => (id === packId ? copy(kept.pack) : queries.getPack(id)),
    listCustomMetrics: async (id) => (id === packId ? copy(kept.metrics) : queries.listCustomMetrics(id)),
    listOpenChallenges: async (id) => (id === packId ? copy(kept.open) : queries.listOpenChallenges(id)),
    // Costs the log nothing: a departure moves the version that the message already checks.
    isActiveMember: async (id, memberId) =>
      id === packId ? kept.members.has(memberId) : queries.isActiveMember(id, memberId),
    getEvent: async (id) => (newIds.has(id) ? null : queries.getEvent(id)),
    // Once stored here, an id is no longer new: asked again, the database answers.
    appendEvent: (e) => (newIds.delete(e.id), queries.appendEvent(e)),
    addToTally: (challengeId, memberId, delta, at, target) =>
      sql.later(ADD_TO_TALLY, [challengeId, memberId, delta, at, target], (result) =>
        result.rows.map(toParticipant),
      ),
  };
}

/**
 * applyDelta in SQL: the count never below zero; with a target, reached_at set when the count
 * first reaches it and cleared when it falls below. The rows of the challenge after the change
 * (a statement does not see its own update, so the changed row comes from RETURNING).
 */
const ADD_TO_TALLY = `with changed as (
    update participants set
      count = greatest(0, count + $3::integer),
      reached_at = case
        when $5::integer is null then reached_at
        when greatest(0, count + $3::integer) < $5::integer then null
        when reached_at is null then $4::bigint
        else reached_at end
    where challenge_id = $1 and member_id = $2
    returning *)
  select * from (
    select * from changed
    union all
    select * from participants where challenge_id = $1 and member_id <> $2) rows
  order by position`;

/** Callers may change what they are given (a batch keeps and edits its tally rows): copies only. */
const copy = <T>(value: T): T => structuredClone(value);

/** One pack's snapshot reads; several packs' go to the database in one message. */
function snapshotReads(packId: string, eventIds: readonly string[]): [string, unknown[]][] {
  return [
    ['select * from packs where id = $1', [packId]],
    ['select * from metrics where pack_id = $1 order by id', [packId]],
    [OPEN_CHALLENGES, [packId]],
    [
      `select p.* from participants p join challenges c on c.id = p.challenge_id
       where c.pack_id = $1 and c.status in ('scheduled', 'active') order by p.challenge_id, p.position`,
      [packId],
    ],
    ['select id from members where pack_id = $1 and left_at is null', [packId]],
    ...(eventIds.length > 0
      ? [['select * from events where id = any($1::text[])', [[...eventIds]]] as [string, unknown[]]]
      : []),
  ];
}

function packView(packId: string, eventIds: readonly string[], results: Row[][], queries: Queries): Queries {
  const [packs = [], metrics = [], open = [], rows = [], members = [], events = []] = results;
  const tallies = new Map<string, ParticipantRow[]>();
  for (const r of rows) {
    const list = tallies.get(String(r.challenge_id)) ?? [];
    list.push(toParticipant(r));
    tallies.set(String(r.challenge_id), list);
  }
  const snap: Snapshot = {
    pack: packs[0] ? toPack(packs[0]) : null,
    metrics: metrics.map(toMetric),
    open: challenges(open),
    rows: tallies,
    members: memberIds(members),
    events: new Map(eventIds.map((id) => [id, null])),
  };
  for (const e of events) snap.events.set(String(e.id), toEvent(e));
  const forget = (...parts: Exclude<keyof Snapshot, 'events'>[]) => {
    for (const part of parts) snap[part] = undefined;
  };
  return {
    ...queries,
    getPack: async (id) => (id === packId && snap.pack !== undefined ? copy(snap.pack) : queries.getPack(id)),
    listCustomMetrics: async (id) =>
      id === packId && snap.metrics ? copy(snap.metrics) : queries.listCustomMetrics(id),
    listOpenChallenges: async (id) =>
      id === packId && snap.open ? copy(snap.open) : queries.listOpenChallenges(id),
    participants: async (challengeId) => {
      // Only open challenges are in the snapshot; any other goes to the database.
      const known = snap.open?.some((c) => c.id === challengeId) ? snap.rows?.get(challengeId) : undefined;
      return known ? copy(known) : queries.participants(challengeId);
    },
    isActiveMember: async (id, memberId) =>
      id === packId && snap.members ? snap.members.has(memberId) : queries.isActiveMember(id, memberId),
    getEvent: async (id) => {
      const known = snap.events.get(id);
      return known !== undefined ? copy(known) : queries.getEvent(id);
    },

    insertPack: async (pack, code) => (forget('pack'), queries.insertPack(pack, code)),
    setPackOwner: async (id, owner) => (forget('pack'), queries.setPackOwner(id, owner)),
    insertMember: async (m, hash) => (forget('members'), queries.insertMember(m, hash)),
    deactivateMember: async (id, at) => (forget('members'), queries.deactivateMember(id, at)),
    setInviteCode: async (id, code) => (forget('pack'), queries.setInviteCode(id, code)),
    insertMetric: async (id, metric) => (forget('metrics'), queries.insertMetric(id, metric)),
    insertChallenge: async (c) => (forget('open', 'rows'), queries.insertChallenge(c)),
    claimStatus: async (id, from, to, at) => (forget('open', 'rows'), queries.claimStatus(id, from, to, at)),
    setDeclined: async (id, member) => (forget('open', 'rows'), queries.setDeclined(id, member)),
    setTally: async (id, row) => (snap.rows?.delete(id), queries.setTally(id, row)),
    // Not async: its Later must reach the caller unawaited (awaiting it is a round trip).
    appendEvent: (e) => (snap.events.delete(e.id), queries.appendEvent(e)),
    markRetracted: async (id, undo) => (snap.events.delete(id), queries.markRetracted(id, undo)),
  };
}
